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
        return Block(kind: kind, startLine: max(node.startLine - 1, 0), text: summary.text,
                     linkedCount: summary.linkedCount, isStrongOnly: isStrongOnly, isLinkList: isLinkList)
    }
}
