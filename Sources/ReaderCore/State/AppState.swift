import Localization
import TsundokuLibrary

/// Which pane has the keyboard.
public enum Pane: Sendable { case list, reader }

/// A floating panel over the panes.
public enum Overlay: Equatable, Sendable {
    /// The key help, scrolled to its `top` row.
    case help(top: Int)
    case links(selected: Int)
    /// The tag picker: row 0 is every tag, then each tag of `AppState.tagCounts` by name.
    case tags(selected: Int)
    /// Every highlight of the library (`AppState.highlights`), newest article first.
    case highlights(selected: Int)
}

/// A line for the status bar. Its kind gives its role on screen and its lifetime: progress
/// clears itself when the work is done; information and errors stay until the next key.
public struct StatusMessage: Equatable, Sendable {
    public enum Kind: Sendable, Equatable { case info, progress, error }

    public var text: String
    public var kind: Kind

    public init(_ text: String, _ kind: Kind) {
        self.text = text
        self.kind = kind
    }
}

/// The article shown in the reader pane: its body, laid out at the pane's width, and how far
/// down the reader has scrolled.
public struct ReaderState: Sendable, Equatable {
    public var itemID: String
    public var article: LoadedArticle?
    public var view: ArticleView?
    public var top = 0
    /// Why the body could not be read (the file was deleted or changed), shown in the pane.
    public var failure: LoadProblem?
    /// Mark the item read once its body has been read (opened with Enter, not for its links).
    public var marksReadWhenLoaded = false
    /// Open the link picker once the body has been read (`L` on an item not yet open).
    public var showsLinksWhenLoaded = false
    /// The reader asked for the end (`G`) while only the first screen was laid out: go there
    /// when the rest arrives.
    public var followsEnd = false
    /// The part of a long article not shown while its whole is being laid out: its end, laid
    /// out alone for `G`, while the first screen is shown, or the first screen while the end is.
    public var otherPart: ArticleView?
    /// A saved position beyond the first screen of a long article: go there when the rest arrives.
    public var pendingPosition: ReadingPosition?
    /// Reaching the end has marked the item read (once per opening).
    public var markedReadAtEnd = false
    /// The body's load waits for the selection to settle (a preview): `Enter` asks for it at once.
    public var loadWaitsForSelection = false

    public init(itemID: String, loadWaitsForSelection: Bool = false) {
        self.itemID = itemID
        self.loadWaitsForSelection = loadWaitsForSelection
    }
}

/// Everything the screen shows, as plain values. Only `update` (`apply` and `receive`) changes
/// it; `Screen.render` draws it.
public struct AppState: Sendable, Equatable {
    public internal(set) var library: MarkedLibrary
    public internal(set) var libraryName: String
    public internal(set) var filter: ItemFilter = .all
    /// The tag the list is narrowed to, if any (with the filter and the search).
    public internal(set) var tag: String?
    /// The order the list is read in.
    public internal(set) var order: ItemOrder
    /// Indices into `library.items` in `order`; recomputed when the order or the library
    /// changes, not when marks do (an item marked read does not jump in the unread-first order).
    private var ordered: [Int] = []
    /// The place of each item in `ordered` (`ordered[orderPlace[i]] == i`).
    private var orderPlace: [Int] = []
    /// Whether `ordered` is the library's own order (newest first), each item at its index.
    private var orderIsIndexOrder = true
    public internal(set) var query = ""
    public internal(set) var isSearching = false
    /// Indices into `library.items` of the rows the list shows.
    public private(set) var rows: [Int] = []
    public internal(set) var selected = 0
    public internal(set) var listTop = 0
    public internal(set) var focus: Pane = .list
    public internal(set) var reader: ReaderState?
    public internal(set) var listPercent = 40
    public internal(set) var overlay: Overlay?
    public internal(set) var message: StatusMessage?
    public internal(set) var width: Int
    public internal(set) var height: Int
    public internal(set) var markReadOnOpen: Bool
    /// Whether reaching the end of an article marks it read.
    public internal(set) var markReadAtEnd: Bool
    public internal(set) var isLoading = false
    /// Whether the library shown is what a load has read so far (`libraryPartlyLoaded`).
    public internal(set) var libraryIsPartial = false
    /// Whether feeds are being fetched (`F`).
    public internal(set) var isFetching = false
    /// A reload that files arriving asked for: what it brings that the library did not have
    /// is counted and said.
    var countsArrivals = false
    /// The library's tags with their counts, as counted when the tag picker opened.
    public internal(set) var tagCounts: [TagCount] = []
    /// The library's highlights, as last read for the highlights view.
    public internal(set) var highlights: [Highlight] = []
    /// The keys in force, for reading keys and for drawing help and hints.
    public let keymap: Keymap
    /// The language everything on screen is said in.
    public let strings: Strings
    /// The title index and the article-text search (see `SearchState`).
    var search = SearchState()
    /// Read and starred flags of each item: the one source the list, the counts, the filters and
    /// the unread jumps read (the marks themselves live in `library.marks`).
    private var readFlags: [Bool] = []
    private var starFlags: [Bool] = []

    /// A state over `library` (empty until the first load reports), sized to the terminal;
    /// `message` is shown first (a locale, theme or key-setting warning).
    public init(library: MarkedLibrary = MarkedLibrary(items: [], marks: Marks()), libraryName: String,
                width: Int, height: Int, markReadOnOpen: Bool = true, markReadAtEnd: Bool = true, message: StatusMessage? = nil,
                keymap: Keymap = .standard, strings: Strings, order: ItemOrder = .newest) {
        self.library = library
        self.order = order
        self.keymap = keymap
        self.strings = strings
        self.libraryName = libraryName
        self.width = width
        self.height = height
        self.markReadOnOpen = markReadOnOpen
        self.markReadAtEnd = markReadAtEnd
        self.message = message
        refreshSearchKeys()
        refreshRows()
    }

    public var layout: ScreenLayout { ScreenLayout(width: width, height: height, listPercent: listPercent) }

    /// The filter in force, as the header and the list title name it.
    public var filterName: String {
        switch filter {
        case .all: return strings.filterAll
        case .unread: return strings.filterUnread
        case .starred: return strings.filterStarred
        }
    }

    public var selectedItem: Item? {
        rows.indices.contains(selected) ? library.items[rows[selected]] : nil
    }

    /// Whether the item at `index` of `library.items` is read, as the list shows it (a digest
    /// when all its items are).
    public func isRead(itemAt index: Int) -> Bool { readFlags[index] }

    public func isStarred(itemAt index: Int) -> Bool { starFlags[index] }

    /// Items unread (digests included, as each shows its own `●`), recounted when marks or the
    /// library change.
    public private(set) var unreadCount = 0

    mutating func resize(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Replaces a library shown while it was still being read: a selection still on the first
    /// row of the list being browsed stays there (the newest row read so far), any other stays
    /// on its item at the same place on screen, so rows arriving above it do not move it.
    mutating func replaceLibraryInPlace(_ library: MarkedLibrary) {
        let atTop = selected == 0 && listTop == 0 && focus == .list
        let screenRow = selected - listTop
        replaceLibrary(library)
        if atTop {
            selected = 0
            listTop = 0
        } else {
            listTop = max(0, selected - screenRow)
            scrollListToSelection()
        }
    }

    /// Replaces the library (after a load), keeping the selection where the item still exists.
    mutating func replaceLibrary(_ library: MarkedLibrary) {
        let keep = selectedItem?.id
        self.library = library
        rows = []
        refreshSearchKeys()
        refreshRows(keeping: keep)
    }

    mutating func setOrder(_ order: ItemOrder) {
        self.order = order
        setOrdered(library.indices(in: order))
        refreshRows()
    }

    mutating func setTag(_ tag: String?) {
        self.tag = tag
        refreshRows()
    }

    mutating func setFilter(_ filter: ItemFilter) {
        self.filter = filter
        refreshRows()
    }

    mutating func setSearching(_ searching: Bool, query: String) {
        isSearching = searching
        self.query = query
        refreshRows()
    }

    /// Applies saved marks to the library and to the flags of the items they touch.
    mutating func applySavedMarks(_ entries: [MarkEntry]) {
        var touched = Set<String>()
        for entry in entries {
            library.marks.apply(entry)
            touched.insert(entry.id)
            if let parent = library.item(entry.id)?.parent { touched.insert(parent) }
        }
        for id in touched {
            guard let index = library.index(of: id) else { continue }
            let isRead = library.isRead(at: index)
            if isRead != readFlags[index] { unreadCount += isRead ? -1 : 1 }
            readFlags[index] = isRead
            starFlags[index] = library.isStarred(at: index)
        }
        refreshRows(pinningSelection: true)
    }

    /// Recomputes the visible rows after the filter, the query or the marks changed, keeping the
    /// selected item selected when it is still there. With `pinningSelection` it stays even when
    /// it no longer matches (a row just marked read does not vanish under the reader's eyes).
    /// `keeping`: the id to keep selected when the rows no longer say (a new library).
    mutating func refreshRows(pinningSelection: Bool = false, keeping kept: String? = nil) {
        let keep = kept ?? selectedItem?.id
        let keepIndex = keep.flatMap { library.index(of: $0) }
        let pinned = pinningSelection ? keepIndex : nil
        let needle = Array(query.lowercased().utf8)
        if !needle.isEmpty, let titles = search.titleMatches(needle) {
            rows = rowsMatching(titles: titles, texts: search.textMatches(needle), pinned: pinned)
        } else if filter == .all, tag == nil {
            rows = ordered
        } else {
            rows = ordered.filter { shows($0) || $0 == pinned }
        }
        // Found by its index, not by comparing the id of every row (90,000 rows after a key).
        if let keepIndex, let position = rows.firstIndex(of: keepIndex) {
            selected = position
        } else {
            selected = min(selected, max(rows.count - 1, 0))
        }
    }

    /// Adds a batch of article-text matches (ascending, as the texts are read) to the rows
    /// where they belong, when the rows stand in index order: the batch's items not listed yet
    /// are merged in place, so a search over 100,000 texts (a hundred batches) does not make a
    /// new list of every match for each batch. False when the rows are in another order or the
    /// batch is not ascending: then they are recomputed.
    mutating func mergeTextMatches(_ batch: [Int]) -> Bool {
        guard orderIsIndexOrder, zip(batch, batch.dropFirst()).allSatisfy({ $0 < $1 }) else { return false }
        let added = batch.filter { shows($0) && !Self.sortedContains(rows, $0) }
        guard !added.isEmpty else { return true }
        let keep = rows.indices.contains(selected) ? rows[selected] : nil
        var old = rows.count - 1
        var new = added.count - 1
        rows.append(contentsOf: added)
        for place in rows.indices.reversed() where new >= 0 {
            if old >= 0, rows[old] > added[new] {
                rows[place] = rows[old]
                old -= 1
            } else {
                rows[place] = added[new]
                new -= 1
            }
        }
        if let keep, let position = Self.sortedPosition(rows, keep) { selected = position }
        return true
    }

    private static func sortedContains(_ sorted: [Int], _ value: Int) -> Bool { sortedPosition(sorted, value) != nil }

    /// Where `value` stands in `sorted` (ascending), found by halving.
    private static func sortedPosition(_ sorted: [Int], _ value: Int) -> Int? {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == value ? low : nil
    }

    /// Whether the filter and the tag let the item at `index` be listed.
    private func shows(_ index: Int) -> Bool {
        switch filter {
        case .all: break
        case .unread: guard !readFlags[index] else { return false }
        case .starred: guard starFlags[index] else { return false }
        }
        guard let tag else { return true }
        return library.items[index].tags.contains(tag)
    }

    /// The rows of the items a query matched (`titles`, ascending, and `texts`, in any order,
    /// an item in both), in reading order, so a key costs what its matches do, not what the
    /// library does.
    private func rowsMatching(titles: [Int], texts: [Int], pinned: Int?) -> [Int] {
        var result: [Int]
        if orderIsIndexOrder, let merged = Self.union(titles, texts) {
            result = filter == .all && tag == nil ? merged : merged.filter(shows)
        } else {
            result = rowsInOrder([titles, texts])
        }
        if let pinned, pinned < orderPlace.count, !result.contains(pinned) {
            let place = orderPlace[pinned]
            let at = result.firstIndex { orderPlace[$0] > place } ?? result.endIndex
            result.insert(pinned, at: at)
        }
        return result
    }

    /// The items of `found` (lists of indices, in any order) the filter lets through, in
    /// reading order: each is marked at its place in the order and the marks read in turn.
    private func rowsInOrder(_ found: [[Int]]) -> [Int] {
        var marked = [UInt64](repeating: 0, count: (ordered.count + 63) / 64)
        for list in found {
            for index in list where index < orderPlace.count {
                let place = orderPlace[index]
                marked[place >> 6] |= 1 << UInt64(place & 63)
            }
        }
        var result: [Int] = []
        result.reserveCapacity(found.reduce(0) { $0 + $1.count })
        for (word, bits) in marked.enumerated() where bits != 0 {
            var rest = bits
            while rest != 0 {
                let index = ordered[word << 6 | rest.trailingZeroBitCount]
                if shows(index) { result.append(index) }
                rest &= rest - 1
            }
        }
        return result
    }

    /// The ascending union of two ascending lists, or nil when `second` is not ascending.
    private static func union(_ first: [Int], _ second: [Int]) -> [Int]? {
        guard !second.isEmpty else { return first }
        guard zip(second, second.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        var result: [Int] = []
        result.reserveCapacity(first.count + second.count)
        var left = 0, right = 0
        while left < first.count, right < second.count {
            let a = first[left], b = second[right]
            result.append(min(a, b))
            if a <= b { left += 1 }
            if b <= a { right += 1 }
        }
        result += first[left...]
        result += second[right...]
        return result
    }

    /// The searches a changed query needs: the title index and the article texts prepared
    /// when they are not, and the texts searched for the query.
    mutating func searchEffects() -> [Effect] {
        let needle = Array(query.lowercased().utf8)
        var effects: [Effect] = []
        if isSearching || !needle.isEmpty {
            if search.keys == nil, !search.keysBuilding {
                search.keysBuilding = true
                effects.append(.buildSearchKeys(library.items))
            }
            if !search.textsReady, !search.textsPreparing {
                search.textsPreparing = true
                effects.append(.prepareSearchTexts(library.items))
            }
        }
        if let text = search.textSearch(for: needle) { effects.append(text) }
        return effects
    }

    /// Resets the per-item flags, and the search index and texts (built on the first search,
    /// not at start-up).
    private mutating func refreshSearchKeys() {
        search.reset()
        readFlags = library.items.indices.map(library.isRead(at:))
        starFlags = library.items.indices.map(library.isStarred(at:))
        unreadCount = readFlags.reduce(0) { $1 ? $0 : $0 + 1 }
        setOrdered(library.indices(in: order))
    }

    private mutating func setOrdered(_ indices: [Int]) {
        ordered = indices
        orderPlace = [Int](repeating: 0, count: indices.count)
        for (place, index) in indices.enumerated() { orderPlace[index] = place }
        orderIsIndexOrder = indices.indices.elementsEqual(indices)
    }

    /// Takes the search keys when they belong to the library shown (not to one since replaced).
    mutating func setSearchKeys(_ built: SearchKeys) {
        guard Self.belong(built.ids, to: library) else { return }
        search.keys = built
        if !query.isEmpty { refreshRows() }
    }

    /// Takes word that the article texts of `ids` can be searched, when they are the library
    /// shown; returns the search the query needs then.
    mutating func setSearchTextsReady(_ ids: [String]) -> [Effect] {
        guard Self.belong(ids, to: library) else { return [] }
        search.textsReady = true
        search.textsPreparing = false
        return searchEffects()
    }

    private static func belong(_ ids: [String], to library: MarkedLibrary) -> Bool {
        // The ids read where the items lie: `lazy.map(\.id)` copied every item first.
        ids.count == library.items.count && library.items.withUnsafeBufferPointer { items in
            ids.indices.allSatisfy { ids[$0] == items[$0].id }
        }
    }
}
