import Foundation

/// One row of the library: a saved article, a digest, or one news item split out of a digest.
///
/// Metadata only; the body is read lazily through `body` (see `Library.document(for:)`).
public struct Item: Sendable, Hashable, Identifiable {
    /// What kind of row this is.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case article
        case digest
        case digestItem = "digest-item"
    }

    public var id: String
    public var parent: String?
    public var kind: Kind
    public var title: String
    public var author: String?
    public var site: String?
    public var url: String?
    public var saved: Date
    public var published: Date?
    public var path: String
    /// 1-based position of a digest item inside its digest.
    public var position: Int?
    public var tags: [String]
    public var body: BodyLocation
    public var highlights: BodyLocation?
    /// How much text the body holds, when it was counted while the library was read (an
    /// export's HTML bodies are counted when they are opened).
    public var amount: TextAmount?

    public init(id: String, parent: String? = nil, kind: Kind, title: String, author: String? = nil,
                site: String? = nil, url: String? = nil, saved: Date, published: Date? = nil,
                path: String, position: Int? = nil, tags: [String] = [], body: BodyLocation,
                highlights: BodyLocation? = nil, amount: TextAmount? = nil) {
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
        self.amount = amount
    }

    /// The item with its text counted from its body, when the library had not counted it.
    public func counted(from document: Document) -> Item {
        guard amount == nil else { return self }
        var item = self
        item.amount = TextAmount.of(document.blocks.map(\.readableText).joined(separator: "\n"))
        return item
    }

    /// Items of an Omnivore account export (zipped or unpacked) are the only ones with HTML
    /// bodies or none; the same export found twice gives the same items, not duplicates.
    var isFromOmnivoreExport: Bool { body.format.isOmnivoreExport }
}

/// Where an item's text lives inside its file: the format and the line ranges (0-based, end
/// exclusive) that make up the body, so the body can be parsed only when it is shown.
public struct BodyLocation: Sendable, Hashable {
    /// How the lines are to be read.
    public enum Format: String, Sendable, Hashable {
        case markdown
        case plainText = "text"
        /// One line of a JSON Lines file, whose `markdown`, `text` or `html` field is the body.
        case jsonLine = "jsonl"
        /// One line of a JSON Lines file, whose `highlights` field (Markdown) is meant.
        case jsonLineHighlights = "jsonl-highlights"
        /// An HTML file (an Omnivore export's `content/<slug>.html`); `lines` then count the
        /// top-level blocks of the parsed document (a digest item's share of it).
        case html
        /// No text was exported (a PDF, or a missing content file).
        case unavailable

        /// Only items of an Omnivore account export have HTML bodies or none.
        var isOmnivoreExport: Bool { self == .html || self == .unavailable }
    }

    public var format: Format
    public var lines: [Range<Int>]
    /// The file the lines are in when it is not the item's own (an export's
    /// `highlights/<slug>.md`).
    public var path: String?
    /// For a JSON Lines item whose HTML body is shared by a digest's news items: the top-level
    /// blocks of that HTML this item shows.
    public var htmlBlocks: [Range<Int>]?

    public init(format: Format, lines: [Range<Int>], path: String? = nil, htmlBlocks: [Range<Int>]? = nil) {
        self.format = format
        self.lines = lines
        self.path = path
        self.htmlBlocks = htmlBlocks
    }

    /// For HTML bodies: the ranges of top-level blocks the item shows.
    public var blocks: [Range<Int>] { lines }
}
