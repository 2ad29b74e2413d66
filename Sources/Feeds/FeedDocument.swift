import Foundation

/// A feed as parsed from its bytes, whatever its format: its own title and its entries in the
/// order the feed lists them.
public struct FeedDocument: Sendable, Equatable {
    /// Which of the formats tsundoku reads the feed was written in.
    public enum Format: String, Sendable, Equatable {
        case rss2 = "RSS 2.0"
        case rss1 = "RSS 1.0"
        case atom = "Atom"
        case jsonFeed = "JSON Feed"
    }

    public var format: Format
    public var title: String?
    public var entries: [FeedEntry]

    public init(format: Format, title: String? = nil, entries: [FeedEntry] = []) {
        self.format = format
        self.title = title
        self.entries = entries
    }
}

/// One entry of a feed: what is stored for it, every string still untrusted (the reader cleans
/// what it shows). Links are absolute when the feed gave enough to resolve them.
public struct FeedEntry: Sendable, Equatable {
    /// Who the entry is within its feed: its guid or id, else link and date, else link, else
    /// title and date.
    public var identity: String
    public var title: String
    public var link: String?
    public var author: String?
    public var published: Date?
    /// The body as HTML (a plain-text body is escaped into HTML).
    public var html: String
    /// What relative links in `html` are resolved against.
    public var base: String?
    public var enclosures: [Enclosure]
    /// The entry's date as written, when it could not be read (the fetch time is used).
    public var unreadableDate: String?

    public init(identity: String, title: String, link: String? = nil, author: String? = nil, published: Date? = nil,
                html: String = "", base: String? = nil, enclosures: [Enclosure] = [], unreadableDate: String? = nil) {
        self.identity = identity
        self.title = title
        self.link = link
        self.author = author
        self.published = published
        self.html = html
        self.base = base
        self.enclosures = enclosures
        self.unreadableDate = unreadableDate
    }

    /// The identity rule, given what the entry has.
    static func identity(id: String?, link: String?, date: String?, title: String) -> String {
        if let id, !id.isEmpty { return id }
        if let link, !link.isEmpty { return date.map { link + " " + $0 } ?? link }
        return title + (date.map { " " + $0 } ?? "")
    }
}

/// A file an entry carries (a podcast's audio, an image): listed as a link under the body.
public struct Enclosure: Sendable, Equatable {
    public var url: String
    public var type: String?
    public var length: Int?

    public init(url: String, type: String? = nil, length: Int? = nil) {
        self.url = url
        self.type = type
        self.length = length
    }
}

/// Why bytes are not a feed: one line for the user.
public struct FeedProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
