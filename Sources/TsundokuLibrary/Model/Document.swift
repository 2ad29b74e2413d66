/// An article body as structured blocks, independent of its source format (Markdown or text).
public struct Document: Sendable, Hashable {
    public var blocks: [Block]

    public init(blocks: [Block]) {
        self.blocks = blocks
    }
}

/// A block-level element of a `Document`.
public enum Block: Sendable, Hashable {
    case heading(level: Int, [Inline])
    case paragraph([Inline])
    case list(ordered: Bool, start: Int, items: [[Block]])
    case quote([Block])
    case code(language: String?, text: String)
    case thematicBreak
    case table(header: [[Inline]], rows: [[[Inline]]])
}

/// An inline element of a `Document`.
public enum Inline: Sendable, Hashable {
    case text(String)
    case emphasis([Inline])
    case strong([Inline])
    case strikethrough([Inline])
    case code(String)
    case link(url: String, [Inline])
    case image(url: String, alt: String)
    case lineBreak
    case softBreak
}

extension Inline {
    /// The text a reader sees, without any markup.
    public var plainText: String {
        switch self {
        case .text(let text), .code(let text): return text
        case .emphasis(let children), .strong(let children), .strikethrough(let children),
             .link(_, let children):
            return children.plainText
        case .image(_, let alt): return alt
        case .lineBreak: return "\n"
        case .softBreak: return " "
        }
    }
}

extension Array where Element == Inline {
    /// The text a reader sees, without any markup.
    public var plainText: String { map(\.plainText).joined() }
}

extension Block {
    /// The block's text without markup, nested blocks on lines of their own: for search and
    /// for exporting a body that has no source text of its own.
    public var readableText: String {
        switch self {
        case .heading(_, let inlines), .paragraph(let inlines): return inlines.plainText
        case .list(_, _, let items): return items.flatMap { $0 }.map(\.readableText).joined(separator: "\n")
        case .quote(let blocks): return blocks.map(\.readableText).joined(separator: "\n")
        case .code(_, let text): return text
        case .thematicBreak: return ""
        case .table(let header, let rows): return (header + rows.flatMap { $0 }).map(\.plainText).joined(separator: " ")
        }
    }
}
