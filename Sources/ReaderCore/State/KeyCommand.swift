/// An action the person can bind keys to, by the name the config and the man page use.
public enum KeyCommand: String, CaseIterable, Sendable {
    case next, previous, top, bottom
    case pageDown = "page-down", pageUp = "page-up"
    case open
    case switchPane = "switch-pane"
    case advance
    case nextUnread = "next-unread", previousUnread = "previous-unread"
    case toggleRead = "toggle-read", toggleStar = "toggle-star"
    case openLink = "open-link"
    case links, highlights, filter, sort, tags, search, cancel, reload, fetch
    case widenList = "widen-list", narrowList = "narrow-list"
    case help, quit

    /// What the command does in the list and the reader.
    public var action: Action {
        switch self {
        case .next: return .moveDown
        case .previous: return .moveUp
        case .top: return .top
        case .bottom: return .bottom
        case .pageDown: return .pageDown
        case .pageUp: return .pageUp
        case .open: return .open
        case .switchPane: return .switchPane
        case .advance: return .spaceForward
        case .nextUnread: return .nextUnread
        case .previousUnread: return .previousUnread
        case .toggleRead: return .toggleRead
        case .toggleStar: return .toggleStar
        case .openLink: return .openOriginal
        case .links: return .showLinks
        case .filter: return .cycleFilter
        case .sort: return .cycleOrder
        case .highlights: return .showHighlights
        case .tags: return .showTags
        case .search: return .startSearch
        case .cancel: return .cancel
        case .reload: return .reload
        case .fetch: return .fetchFeeds
        case .widenList: return .widenList
        case .narrowList: return .narrowList
        case .help: return .showHelp
        case .quit: return .quit
        }
    }

    /// The keys it has when the config says nothing.
    public var defaultKeys: [Key] {
        switch self {
        case .next: return [.character("j"), .down]
        case .previous: return [.character("k"), .up]
        case .top: return [.character("g"), .home]
        case .bottom: return [.character("G"), .end]
        case .pageDown: return [.pageDown, .control("f")]
        case .pageUp: return [.pageUp, .control("b")]
        case .open: return [.enter]
        case .switchPane: return [.tab]
        case .advance: return [.character(" ")]
        case .nextUnread: return [.character("n")]
        case .previousUnread: return [.character("p")]
        case .toggleRead: return [.character("r")]
        case .toggleStar: return [.character("s")]
        case .openLink: return [.character("o")]
        case .links: return [.character("L")]
        case .filter: return [.character("u")]
        case .sort: return [.character("S")]
        case .highlights: return [.character("H")]
        case .tags: return [.character("t")]
        case .search: return [.character("/")]
        case .cancel: return [.escape]
        case .reload: return [.character("R")]
        case .fetch: return [.character("F")]
        case .widenList: return [.character(">")]
        case .narrowList: return [.character("<")]
        case .help: return [.character("?")]
        case .quit: return [.character("q")]
        }
    }
}
