import Foundation

/// One row of the library: a saved article, a digest, or one news item split out of a digest.
///
/// Metadata only; the body is read lazily through `body` (see `Library.document(for:)`). A value
/// type backed by one shared, copy-on-write box, so the hundreds of thousands of copies that
/// sorting and filtering a large library make cost one reference count each.
public struct Item: Sendable, Hashable, Identifiable {
    /// What kind of row this is.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case article
        case digest
        case digestItem = "digest-item"
    }

    /// The fields, shared between copies until one of them changes.
    private final class Storage: @unchecked Sendable {
        var id: String
        var parent: String?
        var kind: Kind
        var title: String
        var author: String?
        var site: String?
        var url: String?
        var saved: Date
        var published: Date?
        var path: String
        var position: Int?
        var tags: [String]
        var body: BodyLocation
        var highlights: BodyLocation?

        init(id: String, parent: String?, kind: Kind, title: String, author: String?, site: String?, url: String?, saved: Date, published: Date?, path: String, position: Int?, tags: [String], body: BodyLocation, highlights: BodyLocation?) {
            self.id = id
            self.parent = parent
            self.kind = kind
            self.title = title
            self.author = author
            self.site = site
            self.url = url
            self.saved = saved
            self.published = published
            self.path = path
            self.position = position
            self.tags = tags
            self.body = body
            self.highlights = highlights
        }

        func copy() -> Storage {
            Storage(id: id, parent: parent, kind: kind, title: title, author: author, site: site, url: url, saved: saved, published: published, path: path, position: position, tags: tags, body: body, highlights: highlights)
        }
    }

    private var storage: Storage

    public init(id: String, parent: String? = nil, kind: Kind, title: String, author: String? = nil,
                site: String? = nil, url: String? = nil, saved: Date, published: Date? = nil,
                path: String, position: Int? = nil, tags: [String] = [], body: BodyLocation,
                highlights: BodyLocation? = nil) {
        storage = Storage(id: id, parent: parent, kind: kind, title: title, author: author, site: site, url: url, saved: saved, published: published, path: path, position: position, tags: tags, body: body, highlights: highlights)
    }

    public var id: String {
        get { storage.id }
        set { mutate { $0.id = newValue } }
    }

    public var parent: String? {
        get { storage.parent }
        set { mutate { $0.parent = newValue } }
    }

    public var kind: Kind {
        get { storage.kind }
        set { mutate { $0.kind = newValue } }
    }

    public var title: String {
        get { storage.title }
        set { mutate { $0.title = newValue } }
    }

    public var author: String? {
        get { storage.author }
        set { mutate { $0.author = newValue } }
    }

    public var site: String? {
        get { storage.site }
        set { mutate { $0.site = newValue } }
    }

    public var url: String? {
        get { storage.url }
        set { mutate { $0.url = newValue } }
    }

    public var saved: Date {
        get { storage.saved }
        set { mutate { $0.saved = newValue } }
    }

    public var published: Date? {
        get { storage.published }
        set { mutate { $0.published = newValue } }
    }

    public var path: String {
        get { storage.path }
        set { mutate { $0.path = newValue } }
    }

    /// 1-based position of a digest item inside its digest.
    public var position: Int? {
        get { storage.position }
        set { mutate { $0.position = newValue } }
    }

    public var tags: [String] {
        get { storage.tags }
        set { mutate { $0.tags = newValue } }
    }

    public var body: BodyLocation {
        get { storage.body }
        set { mutate { $0.body = newValue } }
    }

    public var highlights: BodyLocation? {
        get { storage.highlights }
        set { mutate { $0.highlights = newValue } }
    }

    private mutating func mutate(_ change: (Storage) -> Void) {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        change(storage)
    }

    public static func == (lhs: Item, rhs: Item) -> Bool {
        lhs.storage === rhs.storage || (lhs.id == rhs.id && lhs.parent == rhs.parent && lhs.kind == rhs.kind && lhs.title == rhs.title && lhs.author == rhs.author && lhs.site == rhs.site && lhs.url == rhs.url && lhs.saved == rhs.saved && lhs.published == rhs.published && lhs.path == rhs.path && lhs.position == rhs.position && lhs.tags == rhs.tags && lhs.body == rhs.body && lhs.highlights == rhs.highlights)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(path)
    }
}

/// Where an item's text lives inside its file: the format and the line ranges (0-based, end
/// exclusive) that make up the body, so the body can be parsed only when it is shown.
public struct BodyLocation: Sendable, Hashable {
    /// How the lines are to be read.
    public enum Format: String, Sendable, Hashable {
        case markdown
        case plainText = "text"
    }

    public var format: Format
    public var lines: [Range<Int>]

    public init(format: Format, lines: [Range<Int>]) {
        self.format = format
        self.lines = lines
    }
}
