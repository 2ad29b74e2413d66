import TsundokuLibrary

/// Which pane has the keyboard.
public enum Pane: Sendable { case list, reader }

/// A floating panel over the panes.
public enum Overlay: Equatable, Sendable {
    case help
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
    /// Lower-cased title, site and author of each item, for search.
    private var searchKeys: [String] = []
    /// Lower-cased body text by item id, once loaded, so search covers the articles too.
    public var searchTexts: [String: String] = [:]
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

    /// Recomputes the visible rows after the filter, the query or the marks changed, keeping the
    /// selected item selected when it is still there. With `pinningSelection` it stays even when
    /// it no longer matches (a row just marked read does not vanish under the reader's eyes).
    public mutating func refreshRows(pinningSelection: Bool = false) {
        let keep = selectedItem?.id
        let needle = query.lowercased()
        var result: [Int] = []
        result.reserveCapacity(library.items.count)
        for (index, item) in library.items.enumerated() {
            let matchesFilter: Bool
            switch filter {
            case .all: matchesFilter = true
            case .unread: matchesFilter = !library.isRead(item)
            case .starred: matchesFilter = library.isStarred(item)
            }
            let matchesQuery = needle.isEmpty || searchKeys[index].contains(needle)
                || searchTexts[item.id]?.contains(needle) == true
            if (matchesFilter && matchesQuery) || (pinningSelection && item.id == keep) { result.append(index) }
        }
        rows = result
        let library = self.library
        unreadCount = library.items.reduce(0) { $0 + ($1.kind != .digest && !library.isRead($1) ? 1 : 0) }
        if let keep, let position = rows.firstIndex(where: { library.items[$0].id == keep }) {
            selected = position
        } else {
            selected = min(selected, max(rows.count - 1, 0))
        }
    }

    private mutating func refreshSearchKeys() {
        searchKeys = library.items.map { ($0.title + " " + ($0.site ?? "") + " " + ($0.author ?? "")).lowercased() }
    }
}
