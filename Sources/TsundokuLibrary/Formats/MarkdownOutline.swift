import CCmark

/// The top-level blocks of a Markdown text with their first lines, as cmark-gfm parses them:
/// what digest splitting and title detection need, without building a full `Document`.
struct MarkdownOutline {
    /// One top-level block.
    struct Block: Equatable {
        enum Kind: Equatable {
            case heading(level: Int)
            case paragraph
            case list
            case other
        }

        var kind: Kind
        /// 0-based line of the parsed text where the block starts.
        var startLine: Int
        var text: String
        /// How many of the text's characters sit inside links or images.
        var linkedCount: Int
        /// A paragraph made of nothing but one strong span (a bold lead line).
        var isStrongOnly: Bool
        /// A list whose every item is nothing but a link.
        var isLinkList: Bool

        var headingLevel: Int? {
            if case .heading(let level) = kind { return level }
            return nil
        }

        /// Visible characters outside links: how much the block says in its own words.
        var ownTextCount: Int {
            text.filter { !$0.isWhitespace }.count - linkedCount
        }
    }

    var blocks: [Block]

    init(markdown: String) {
        let tree = CmarkTree(markdown: markdown)
        blocks = withExtendedLifetime(tree) { CmarkNode(pointer: tree.root).children.map(Self.block) }
    }

    /// The outline of a `Document` (from HTML): each top-level block's "line" is its index.
    init(document: Document) {
        blocks = document.blocks.enumerated().map { index, block in
            switch block {
            case .heading(let level, let inlines):
                return Block(kind: .heading(level: level), startLine: index, text: inlines.plainText,
                             linkedCount: inlines.linkedCount, isStrongOnly: false, isLinkList: false)
            case .paragraph(let inlines):
                let strongOnly: Bool
                if inlines.count == 1, case .strong = inlines[0] { strongOnly = true } else { strongOnly = false }
                return Block(kind: .paragraph, startLine: index, text: inlines.plainText,
                             linkedCount: inlines.linkedCount, isStrongOnly: strongOnly, isLinkList: false)
            case .list(_, _, let items):
                let texts = items.map { $0.flatMap(\.inlines) }
                let linked = texts.reduce(0) { $0 + $1.linkedCount }
                let isLinkList = !texts.isEmpty && texts.allSatisfy { item in
                    item.linkedCount > 0 && item.linkedCount * 10 >= item.plainText.filter { !$0.isWhitespace }.count * 9
                }
                return Block(kind: .list, startLine: index, text: texts.map(\.plainText).joined(separator: "\n"),
                             linkedCount: linked, isStrongOnly: false, isLinkList: isLinkList)
            default:
                return Block(kind: .other, startLine: index, text: "", linkedCount: 0, isStrongOnly: false, isLinkList: false)
            }
        }
    }

    private static func block(_ node: CmarkNode) -> Block {
        let summary = node.textSummary
        let kind: Block.Kind
        switch node.type {
        case CMARK_NODE_HEADING: kind = .heading(level: node.headingLevel)
        case CMARK_NODE_PARAGRAPH: kind = .paragraph
        case CMARK_NODE_LIST: kind = .list
        default: kind = .other
        }
        let children = node.children
        let isStrongOnly = kind == .paragraph && children.count == 1 && children[0].type == CMARK_NODE_STRONG
        let isLinkList = kind == .list && !children.isEmpty && children.allSatisfy { item in
            let text = item.textSummary
            return text.linkedCount > 0 && text.linkedCount * 10 >= text.text.filter { !$0.isWhitespace }.count * 9
        }
        let text = kind == .list ? children.map(\.textSummary.text).joined(separator: "\n") : summary.text
        return Block(kind: kind, startLine: max(node.startLine - 1, 0), text: text,
                     linkedCount: summary.linkedCount, isStrongOnly: isStrongOnly, isLinkList: isLinkList)
    }
}

extension Array where Element == Inline {
    /// Characters of visible text inside links and images.
    var linkedCount: Int {
        reduce(0) { total, inline in
            switch inline {
            case .link, .image: return total + inline.plainText.count
            case .emphasis(let children), .strong(let children), .strikethrough(let children): return total + children.linkedCount
            default: return total
            }
        }
    }
}

extension Block {
    /// The inline content of a paragraph or heading, and of the blocks inside quotes and lists.
    var inlines: [Inline] {
        switch self {
        case .heading(_, let inlines), .paragraph(let inlines): return inlines
        case .quote(let blocks): return blocks.flatMap(\.inlines)
        case .list(_, _, let items): return items.flatMap { $0.flatMap(\.inlines) }
        default: return []
        }
    }
}
