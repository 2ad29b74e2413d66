import TsundokuLibrary

/// Which pane has the keyboard.
public enum Pane: Sendable { case list, reader }

/// A floating panel over the panes.
public enum Overlay: Equatable, Sendable {
    /// The key help, scrolled to its `top` row.
    case help(top: Int)
    case links(selected: Int)
}

/// A line for the status bar, and whether it reports a failure.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool

    public init(text: String, isError: Bool) {
        self.text = text
        self.isError = isError
    }
}

/// The article shown in the reader pane: its body, laid out at the pane's width, and how far
/// down the reader has scrolled.
public struct ReaderState: Sendable {
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

    public init(itemID: String) {
        self.itemID = itemID
    }
}

/// Everything the screen shows, as plain values. `update` changes it, `Screen.render` draws it.
public struct AppState: Sendable {
    public var library: MarkedLibrary
    public var libraryName: String
    public var filter: ItemFilter = .all
    public var query = ""
    public var isSearching = false
    /// Indices into `library.items` of the rows the list shows.
    public private(set) var rows: [Int] = []
    public var selected = 0
    public var listTop = 0
    public var focus: Pane = .list
    public var reader: ReaderState?
    public var listPercent = 40
    public var overlay: Overlay?
    public var message: StatusMessage?
    public var width: Int
    public var height: Int
    public var markReadOnOpen = true
    /// Lower-cased title, site and author of each item as UTF-8, for search.
    private(set) var searchKeys: [[UInt8]] = []
    /// Read and starred flags of each item, kept beside the marks so a key never walks them.
    private var readFlags: [Bool] = []
    private var starFlags: [Bool] = []
    /// Lower-cased body text of each item as UTF-8 (empty until loaded), so search covers the
    /// articles too.
    private var searchTexts: [[UInt8]] = []

    /// Whether the article texts for search have arrived.
    public var hasSearchTexts: Bool { !searchTexts.isEmpty }

    /// Takes the loaded article texts (by item id) for search.
    public mutating func setSearchTexts(_ texts: [String: String]) {
        searchTexts = library.items.map { Array((texts[$0.id] ?? "").utf8) }
        if !query.isEmpty { refreshRows() }
    }
    public var isLoading = false

    public init(library: MarkedLibrary, libraryName: String, width: Int, height: Int) {
        self.library = library
        self.libraryName = libraryName
        self.width = width
        self.height = height
        refreshSearchKeys()
        refreshRows()
    }

    public var layout: ScreenLayout { ScreenLayout(width: width, height: height, listPercent: listPercent) }

    public var selectedItem: Item? {
        rows.indices.contains(selected) ? library.items[rows[selected]] : nil
    }

    /// Articles and digest items not yet read, recounted whenever the rows are.
    public private(set) var unreadCount = 0

    /// Replaces the library (after a reload), keeping the selection where the item still exists.
    public mutating func replaceLibrary(_ library: MarkedLibrary) {
        self.library = library
        refreshSearchKeys()
        refreshRows()
    }

    /// Applies saved marks to the library and to the flags of the items they touch.
    public mutating func applySavedMarks(_ entries: [MarkEntry]) {
        var touched = Set<String>()
        for entry in entries {
            library.marks.apply(entry)
            touched.insert(entry.id)
            if let parent = library.item(entry.id)?.parent { touched.insert(parent) }
        }
        for id in touched {
            guard let index = library.index(of: id) else { continue }
            readFlags[index] = library.isRead(library.items[index])
            starFlags[index] = library.isStarred(library.items[index])
        }
        refreshRows(pinningSelection: true)
    }

    /// Recomputes the visible rows after the filter, the query or the marks changed, keeping the
    /// selected item selected when it is still there. With `pinningSelection` it stays even when
    /// it no longer matches (a row just marked read does not vanish under the reader's eyes).
    public mutating func refreshRows(pinningSelection: Bool = false) {
        let keep = selectedItem?.id
        let keepIndex = keep.flatMap { library.index(of: $0) }
        let needle = Array(query.lowercased().utf8)
        if !needle.isEmpty, searchKeys.isEmpty { buildSearchKeys() }
        var result: [Int] = []
        var unread = 0
        result.reserveCapacity(library.items.count)
        for index in library.items.indices {
            let isRead = readFlags[index]
            if !isRead, library.items[index].kind != .digest { unread += 1 }
            let matchesFilter: Bool
            switch filter {
            case .all: matchesFilter = true
            case .unread: matchesFilter = !isRead
            case .starred: matchesFilter = starFlags[index]
            }
            guard matchesFilter || (pinningSelection && index == keepIndex) else { continue }
            let matchesQuery = needle.isEmpty || Self.contains(searchKeys[index], needle)
                || (index < searchTexts.count && Self.contains(searchTexts[index], needle))
            if matchesQuery || (pinningSelection && index == keepIndex) { result.append(index) }
        }
        rows = result
        unreadCount = unread
        if let keep, let position = rows.firstIndex(where: { library.items[$0].id == keep }) {
            selected = position
        } else {
            selected = min(selected, max(rows.count - 1, 0))
        }
    }

    /// Resets the per-item flags, and the search keys (built on the first search, not at start-up).
    private mutating func refreshSearchKeys() {
        searchKeys = []
        searchTexts = []
        readFlags = library.items.map(library.isRead)
        starFlags = library.items.map(library.isStarred)
    }

    /// Lower-cased title, site and author of every item, built when a search starts.
    mutating func buildSearchKeys() {
        searchKeys = library.items.map { Array(($0.title + " " + ($0.site ?? "") + " " + ($0.author ?? "")).lowercased().utf8) }
    }

    /// Whether `needle` occurs in `haystack`, byte for byte (both lower-cased UTF-8).
    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                var start = 0
                let last = hay.count - pin.count
                while start <= last {
                    if hay[start] == first {
                        var matched = 1
                        while matched < pin.count, hay[start + matched] == pin[matched] { matched += 1 }
                        if matched == pin.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }
}
