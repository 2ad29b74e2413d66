import Localization
import TsundokuLibrary

/// What the person did: a key as the keymap reads it, the mouse, a resize, and the start of the
/// program. `update` decides what it means in the current mode and overlay.
public enum Action: Sendable, Equatable {
    /// The reader has started: load the library (the first load, like every reload).
    case start
    case moveDown, moveUp, top, bottom, pageDown, pageUp
    case open, switchPane, spaceForward, nextUnread, previousUnread
    case toggleRead, toggleStar, openOriginal, showLinks, cycleFilter, cycleOrder, showTags, showHighlights
    case startSearch, searchType(Character), searchErase, cancel
    case reload, fetchFeeds, quit, showHelp, widenList, narrowList
    case chooseLink(Int)
    case click(x: Int, y: Int), wheel(x: Int, y: Int, down: Bool)
    case resize(width: Int, height: Int)
}

/// What an effect found, sent back to `update`. Reports are applied in every mode, overlay and
/// screen size: none is ever dropped.
public enum Report: Sendable, Equatable {
    /// How many files the library load has read so far.
    case loadProgress(files: Int)
    /// The library and the marks of the state file; `stateProblem` says why the marks could not
    /// be read (the library then shows every item unread until they can).
    case libraryLoaded(LibrarySnapshot, Marks, stateProblem: String?)
    /// What a load that has to parse files has read so far (`files` of them), to show while it
    /// goes on; `libraryLoaded` follows with everything.
    case libraryPartlyLoaded(MarkedLibrary, files: Int)
    /// An item's body, read and laid out at the width the load asked for.
    case documentLoaded(id: String, Result<LoadedArticle, LoadProblem>)
    /// An item's body laid out again at a new width (after a resize).
    case laidOut(id: String, ArticleView)
    case marksSaved([MarkEntry])
    /// Reading positions written to the state file.
    case positionsSaved([MarkEntry])
    case marksFailed(String)
    case searchKeysBuilt(SearchKeys)
    /// The article texts of these items (the library's, in its order) are ready to be searched.
    case searchTextsReady(ids: [String])
    /// How many items' texts are ready while search is being prepared.
    case searchTextsProgress(done: Int, total: Int)
    /// Article texts could not be prepared for search: why (titles are still searched).
    case searchTextsFailed(String)
    /// Items (indices into the library) whose text matches the query of text search `number`;
    /// `complete` when the search has read every text it had to.
    case textMatches(number: Int, indices: [Int], complete: Bool)
    /// Files arrived in (or left) the library's folders: time to read it again.
    case libraryChanged
    /// How many of the feeds being fetched are done.
    case fetchProgress(done: Int, total: Int)
    /// Fetching the feeds has ended: what it came to.
    case feedsFetched(FeedFetchSummary)
    /// Every highlight of the library, for the highlights view.
    case highlightsLoaded([Highlight])
    /// The list's order could not be remembered: why.
    case orderNotSaved(String)
    case linkOpened(String)
    /// A link could not be opened: why, and what the person can do instead.
    case linkNotOpened(String)
}

/// An item's body as read from disk, and laid out at the width it was asked for.
public struct LoadedArticle: Sendable, Equatable {
    public var document: Document
    public var highlights: Document?
    public var view: ArticleView
    /// The document is only the first part of a long article, read alone so its first screen
    /// shows at once; the whole follows.
    public var isPart: Bool

    public init(document: Document, highlights: Document?, view: ArticleView, isPart: Bool = false) {
        self.document = document
        self.highlights = highlights
        self.view = view
        self.isPart = isPart
    }

    /// Lays `document` out for `item` at `width`: the one place a body becomes a view.
    public init(item: Item, document: Document, highlights: Document?, digestTitle: String?, width: Int, strings: Strings) {
        self.init(document: document, highlights: highlights,
                  view: ArticleView(item: item, document: document, highlights: highlights, digestTitle: digestTitle, width: width,
                                    strings: strings))
    }
}

/// Work for the edge of the program: `update` asks, the effect runtime does it off the UI
/// loop and answers with a `Report`.
public enum Effect: Equatable, Sendable {
    /// Scan and parse the library and read the state file.
    case loadLibrary
    /// Save one mark per id, stamped so that it wins over the marks the items already have.
    case saveMarks([String], MarkEntry.Operation, over: Marks)
    /// Read an item's body and lay it out at `width`; a newer load makes an older one that has
    /// not started yet pointless. A `preview` (the selection moved) starts after a short pause,
    /// so holding `j` reads only the item it stops on.
    case loadDocument(Item, width: Int, digestTitle: String?, preview: Bool)
    /// Lay a body out again at a new width.
    case layOut(Item, LoadedArticle, width: Int, digestTitle: String?)
    case openURL(String)
    /// Remember where the reader is in an article. The runtime writes the latest position of
    /// each article after a pause (never on every key) and at once when the reader quits.
    case savePosition(String, ReadingPosition, over: Marks)
    /// Check the library's folders every few seconds and report when files arrive.
    case watchLibrary
    /// Fetch the feeds one follows into the feeds folder, off the UI loop.
    case fetchFeeds
    /// Read the highlights of these items (the library's, newest first).
    case loadHighlights([Item])
    /// Remember the list's order for the next start.
    case saveOrder(ItemOrder)
    /// Build the keys search matches titles, sites and authors against.
    case buildSearchKeys([Item])
    /// Bring the article texts of these items up to date for search (read only what changed).
    case prepareSearchTexts([Item])
    /// Look for `needle` (lower-cased UTF-8) in the article texts, in `among` only when given
    /// (the matches of a query it contains); an empty needle stops the search under way.
    case searchTexts(number: Int, needle: [UInt8], among: [Int]?)
    case quit
}

/// What fetching the feeds came to, for the status line.
public struct FeedFetchSummary: Sendable, Equatable {
    public var feeds: Int
    public var added: Int
    /// `name (reason)` of each feed that failed.
    public var failures: [String]
    /// Lines of the `urls` file that were skipped (`line 3: query feeds are newsboat's ...`).
    public var skippedLines: [String]

    /// No feeds were fetched: none is followed.
    public static let nothingFollowed = FeedFetchSummary(feeds: 0, added: 0, failures: [])

    public init(feeds: Int, added: Int, failures: [String], skippedLines: [String] = []) {
        self.feeds = feeds
        self.added = added
        self.failures = failures
        self.skippedLines = skippedLines
    }
}
