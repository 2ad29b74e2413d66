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

    // Stored compactly (100,000 items are held at once): the texts and rare parts live in one
    // allocation (`ItemFields`), the optional dates, numbers and highlights are read and written
    // through the properties that follow.
    public var id: String
    private var fields: ItemFields
    public var path: String
    public var saved: Date
    public var body: BodyLocation
    private var publishedBits: UInt64
    private var amountCharacters: UInt32
    private var amountWords: UInt32
    private var storedPosition: UInt32
    public var kind: Kind

    public init(id: String, parent: String? = nil, kind: Kind, title: String, author: String? = nil,
                site: String? = nil, url: String? = nil, saved: Date, published: Date? = nil,
                path: String, position: Int? = nil, tags: [String] = [], body: BodyLocation,
                highlights: BodyLocation? = nil, amount: TextAmount? = nil) {
        self.init(id: id, fields: ItemFields.make(texts: [parent, title, author, site, url], tags: tags, highlights: highlights),
                  kind: kind, saved: saved, published: published, path: path, position: position, body: body, amount: amount)
    }

    /// The news item of this digest at `position` (from 1): its own id, title and body, and the
    /// digest's source, address, dates and tags; its texts made in one buffer, not one per
    /// field changed.
    func newsItem(id: String, title: String, position: Int, body: BodyLocation) -> Item {
        var child = self
        child.id = id
        child.fields = ItemFields.make(texts: [self.id, title, author, site, url], tags: tags, highlights: nil)
        child.kind = .digestItem
        child.position = position
        child.body = body
        return child
    }

    /// An item whose texts and rare parts are already gathered (the cache reads them so).
    init(id: String, fields: ItemFields, kind: Kind, saved: Date, published: Date?, path: String, position: Int?,
         body: BodyLocation, amount: TextAmount?) {
        self.id = id
        self.fields = fields
        self.kind = kind
        self.saved = saved
        self.path = path
        self.body = body
        publishedBits = Self.noDate
        amountCharacters = Self.noAmount
        amountWords = 0
        storedPosition = 0
        self.published = published
        self.position = position
        self.amount = amount
    }

    /// The id of the digest a news item belongs to.
    public var parent: String? {
        get { fields.string(.parent) }
        set { fields = fields.replacing(.parent, with: newValue) }
    }

    public var title: String {
        get { fields.string(.title) ?? "" }
        set { fields = fields.replacing(.title, with: newValue) }
    }

    public var author: String? {
        get { fields.string(.author) }
        set { fields = fields.replacing(.author, with: newValue) }
    }

    public var site: String? {
        get { fields.string(.site) }
        set { fields = fields.replacing(.site, with: newValue) }
    }

    public var url: String? {
        get { fields.string(.url) }
        set { fields = fields.replacing(.url, with: newValue) }
    }

    public var tags: [String] {
        get { fields.tags }
        set { fields = fields.replacing(tags: newValue) }
    }

    /// Whether this is a digest's news item (has a parent), without reading the parent's id.
    public var hasParent: Bool { fields.withBytes(.parent) { $0 != nil } }

    /// -1, 0 or 1 as this item's title comes before, with or after `other`'s by code points,
    /// compared where the bytes lie.
    func titleOrder(against other: Item) -> Int { fields.order(of: .title, against: other.fields) }

    /// Whether `parent` is this item's parent, compared where the bytes lie.
    func hasParent(_ parent: String) -> Bool {
        var parent = parent
        return parent.withUTF8 { wanted in
            fields.withBytes(.parent) { bytes in bytes.map { $0.elementsEqual(wanted) } ?? false }
        }
    }

    /// A NaN no date is read as: the stored form of no publication date.
    private static let noDate = UInt64.max
    private static let noAmount = UInt32.max

    public var published: Date? {
        get { publishedBits == Self.noDate ? nil : Date(timeIntervalSince1970: Double(bitPattern: publishedBits)) }
        set { publishedBits = newValue.map { $0.timeIntervalSince1970.bitPattern } ?? Self.noDate }
    }

    /// 1-based position of a digest item inside its digest.
    public var position: Int? {
        get { storedPosition == 0 ? nil : Int(storedPosition) - 1 }
        set { storedPosition = newValue.map { UInt32(clamping: min($0, Int(UInt32.max) - 1)) + 1 } ?? 0 }
    }

    public var highlights: BodyLocation? {
        get { fields.highlights }
        set { fields = fields.replacing(highlights: newValue) }
    }

    /// How much text the body holds, when it was counted while the library was read (an
    /// export's HTML bodies are counted when they are opened).
    public var amount: TextAmount? {
        get { amountCharacters == Self.noAmount ? nil : TextAmount(characters: Int(amountCharacters), words: Int(amountWords)) }
        set {
            amountCharacters = newValue.map { UInt32(clamping: min($0.characters, Int(Self.noAmount) - 1)) } ?? Self.noAmount
            amountWords = newValue.map { UInt32(clamping: $0.words) } ?? 0
        }
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
    /// The usual one range of lines, kept in place; `extra` holds anything else.
    private var firstLine: UInt32 = 0
    private var lineCount: UInt32 = 0
    /// Several ranges, a file of its own, or HTML blocks: rare, so kept apart.
    private var extra: Boxed<RareParts>?

    /// The rare parts of a body, kept out of line so the usual body (one range of lines in the
    /// item's own file) takes no allocation: 100,000 items are 100,000 fewer.
    struct RareParts: Sendable, Hashable {
        var lines: [Range<Int>]?
        var path: String?
        var htmlBlocks: [Range<Int>]?
    }

    public init(format: Format, lines: [Range<Int>], path: String? = nil, htmlBlocks: [Range<Int>]? = nil) {
        self.format = format
        self.lines = lines
        self.path = path
        self.htmlBlocks = htmlBlocks
    }

    public var lines: [Range<Int>] {
        get {
            if let lines = extra?.value.lines { return lines }
            return lineCount == 0 ? [] : [Int(firstLine)..<Int(firstLine) + Int(lineCount)]
        }
        set {
            let inPlace: (UInt32, UInt32)? = newValue.isEmpty ? (0, 0) : newValue.count == 1
                ? UInt32(exactly: newValue[0].lowerBound).flatMap { lower in UInt32(exactly: newValue[0].count).map { (lower, $0) } }
                : nil
            // An empty range at a line other than 0 is not the empty list: kept apart too.
            if let (first, count) = inPlace, count > 0 || newValue.isEmpty {
                (firstLine, lineCount) = (first, count)
                changeRareParts { $0.lines = nil }
            } else {
                (firstLine, lineCount) = (0, 0)
                changeRareParts { $0.lines = newValue }
            }
        }
    }

    /// The file the lines are in when it is not the item's own (an export's
    /// `highlights/<slug>.md`).
    public var path: String? {
        get { extra?.value.path }
        set { changeRareParts { $0.path = newValue } }
    }

    /// For a JSON Lines item whose HTML body is shared by a digest's news items: the top-level
    /// blocks of that HTML this item shows.
    public var htmlBlocks: [Range<Int>]? {
        get { extra?.value.htmlBlocks }
        set { changeRareParts { $0.htmlBlocks = newValue } }
    }

    /// Changes the rare parts; none left, none kept (so equal bodies are stored alike).
    private mutating func changeRareParts(_ change: (inout RareParts) -> Void) {
        var parts = extra?.value ?? RareParts()
        change(&parts)
        extra = parts == RareParts() ? nil : Boxed(parts)
    }

    /// For HTML bodies: the ranges of top-level blocks the item shows.
    public var blocks: [Range<Int>] { lines }
}

/// A value kept out of line, compared and hashed by the value: a rare field of a value held
/// 100,000 times costs one reference in each.
final class Boxed<Value: Sendable & Hashable>: Sendable, Hashable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }

    static func == (left: Boxed, right: Boxed) -> Bool { left.value == right.value }

    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
