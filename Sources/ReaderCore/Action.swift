import TsundokuLibrary

/// Everything that can change the app's state: what keys mean, and what effects report back.
public enum Action: Sendable {
    case moveDown, moveUp, top, bottom, pageDown, pageUp
    case open, switchPane, spaceForward, nextUnread, previousUnread
    case toggleRead, toggleStar, openOriginal, showLinks, cycleFilter
    case startSearch, searchType(Character), searchErase, cancel
    case reload, quit, showHelp, widenList, narrowList
    case chooseLink(Int)
    case click(x: Int, y: Int), wheel(x: Int, y: Int, down: Bool)
    case resize(width: Int, height: Int)
    /// Effects reporting back.
    case documentLoaded(id: String, Result<LoadedArticle, LoadProblem>)
    case marksSaved([MarkEntry])
    case marksFailed(String)
    case libraryLoaded(LibrarySnapshot, Marks)
    case searchTextsLoaded([String: String])
    case linkOpened(String)
    case message(String)
}

extension Action {
    /// Whether this reports what an effect found rather than what the person did: reports are
    /// applied in every mode, overlay and screen size, never dropped.
    public var isReport: Bool {
        switch self {
        case .documentLoaded, .marksSaved, .marksFailed, .libraryLoaded, .searchTextsLoaded, .linkOpened, .message: return true
        default: return false
        }
    }
}

/// An item's body as read from disk, ready to lay out at any width.
public struct LoadedArticle: Sendable {
    public var document: Document
    public var highlights: Document?

    public init(document: Document, highlights: Document?) {
        self.document = document
        self.highlights = highlights
    }
}

/// Work for the edge of the program: `update` asks, the backend does it and reports back
/// with an `Action`.
public enum Effect: Equatable, Sendable {
    /// Save one mark per id, stamped so that it wins over the marks the items already have.
    case saveMarks([String], MarkEntry.Operation, over: Marks)
    case loadDocument(Item)
    case openURL(String)
    /// Read the bodies of these items as lower-cased text for search.
    case loadSearchTexts([Item])
    case reload
    case quit
}
