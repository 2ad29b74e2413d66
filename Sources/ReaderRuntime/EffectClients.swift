import ReaderCore
import TsundokuLibrary

/// What effects need from the world, one closure each: the terminal passes the real ones
/// (`EffectClients.live`), tests pass in-memory ones. Each returns the report its effect sends.
public struct EffectClients: Sendable {
    /// Loads the library and the state file; `interim` gets the reports to show on the way
    /// (files read, rows read so far).
    public var loadLibrary: @Sendable (_ interim: @escaping @Sendable (Report) -> Void) -> Report
    /// Reads an item's body (the runtime lays it out); a long Markdown body's end goes to the
    /// `EarlyEnd`, when given, before the whole is read.
    public var loadDocument: @Sendable (Item, EarlyEnd?) -> Result<ArticleBody, LoadProblem>
    /// Saves marks durably.
    public var saveMarks: @Sendable ([String], MarkEntry.Operation, Marks) -> Report
    /// Saves reading positions durably.
    public var savePositions: @Sendable ([(id: String, position: ReadingPosition)], Marks) -> Report
    /// Article text for search.
    public var textSearch: TextSearchClient
    /// Opens a link; runs on the UI loop, since a browser in the terminal needs the terminal.
    public var openURL: @Sendable (String) -> Report
    /// The first part of a long article's body, parsed alone (nil when it is not long).
    public var loadFirstPart: @Sendable (Item) -> Document?
    /// Whether files arrived in (or left) the library's folders since it was last loaded.
    public var libraryChanged: @Sendable () -> Bool
    /// Reads the highlights of items.
    public var loadHighlights: @Sendable ([Item]) -> Report
    /// Remembers the list's order; a report only when that failed.
    public var saveOrder: @Sendable (ItemOrder) -> Report?
    /// Fetches the feeds one follows into the library; `progress` is told how many are done.
    public var fetchFeeds: @Sendable (_ progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void) -> FeedFetchSummary

    public init(loadLibrary: @escaping @Sendable (_ interim: @escaping @Sendable (Report) -> Void) -> Report,
                loadDocument: @escaping @Sendable (Item, EarlyEnd?) -> Result<ArticleBody, LoadProblem>,
                saveMarks: @escaping @Sendable ([String], MarkEntry.Operation, Marks) -> Report,
                savePositions: @escaping @Sendable ([(id: String, position: ReadingPosition)], Marks) -> Report,
                textSearch: TextSearchClient = TextSearchClient(path: nil),
                openURL: @escaping @Sendable (String) -> Report,
                saveOrder: @escaping @Sendable (ItemOrder) -> Report? = { _ in nil },
                loadHighlights: @escaping @Sendable ([Item]) -> Report = { .highlightsLoaded(Library.highlights(of: $0)) },
                libraryChanged: @escaping @Sendable () -> Bool = { false },
                loadFirstPart: @escaping @Sendable (Item) -> Document? = { try? Library.firstPart(of: $0) },
                fetchFeeds: @escaping @Sendable (_ progress: @escaping @Sendable (Int, Int) -> Void) -> FeedFetchSummary
                    = { _ in .nothingFollowed }) {
        self.loadLibrary = loadLibrary
        self.loadDocument = loadDocument
        self.saveMarks = saveMarks
        self.savePositions = savePositions
        self.textSearch = textSearch
        self.openURL = openURL
        self.saveOrder = saveOrder
        self.loadHighlights = loadHighlights
        self.libraryChanged = libraryChanged
        self.loadFirstPart = loadFirstPart
        self.fetchFeeds = fetchFeeds
    }
}

/// An item's body as read from its file, before it is laid out.
public struct ArticleBody: Sendable {
    public var document: Document
    public var highlights: Document?

    public init(document: Document, highlights: Document?) {
        self.document = document
        self.highlights = highlights
    }
}
