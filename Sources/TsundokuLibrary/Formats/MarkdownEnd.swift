import CCmark
import CCmarkText
import Dispatch
import Synchronization
import TextLayout

/// The end of a long article's body, read before the whole is converted to blocks, so `G`
/// can show it sooner: the last blocks, and of those above them only what numbering their
/// links needs.
public struct DocumentEnd: Sendable {
    /// The links and images of the blocks above `blocks`, in order, repeats included: a part
    /// of the article each.
    public let linksAbove: [LinkDestinations]
    /// How many top-level blocks the body has above `blocks`.
    public let blocksAbove: Int
    /// The body's last top-level blocks.
    public let blocks: [Block]
}

extension MarkdownDocument {
    /// The end of a long article from its file's bytes, cut in parts as `parse(utf8:)` cuts
    /// them: the last parts converted to blocks (at least `wanted` blocks when the body has
    /// them), the parts above only parsed and read for their links and their count of blocks,
    /// which making blocks of them would give. cmark-gfm's parse is most of the work either
    /// way; what reading only the links saves is the blocks' memory (a 5 MB article's, fresh
    /// pages on a first open). Nil as for `parse(utf8:)`, and when the last quarter of the parts
    /// (the last two at least: the last may be short) holds fewer than `wanted` blocks (a body
    /// of few, long paragraphs: those parts would be converted one after another).
    static func end(utf8 bytes: UnsafeBufferPointer<UInt8>, blocks wanted: Int, partSize: Int = partSize, long: Int = long) -> DocumentEnd? {
        partRanges(of: bytes, partSize: partSize, long: long).flatMap { end(utf8: bytes, parts: $0, blocks: wanted) }
    }

    /// The same for the parts already found.
    static func end(utf8 bytes: UnsafeBufferPointer<UInt8>, parts ranges: [Range<Int>], blocks wanted: Int) -> DocumentEnd? {
        let shared = SharedBytes(bytes: bytes)
        let read = Mutex<[PartReading?]>(Array(repeating: nil, count: ranges.count))
        // The last part first: converting it is the longest work.
        DispatchQueue.concurrentPerform(iterations: ranges.count) { iteration in
            let index = ranges.count - 1 - iteration
            guard let part = shared.validPart(ranges[index]) else { return }
            let reading = index == ranges.count - 1 ? PartReading(blocks: partBlocks(part)) : partLinks(part)
            read.withLock { $0[index] = reading }
        }
        let readings = read.withLock { $0 }.compactMap { $0 }
        guard readings.count == ranges.count else { return nil }
        var tail = readings[readings.count - 1].blocks ?? []
        var firstConverted = readings.count - 1
        while tail.count < wanted, firstConverted > 0 {
            guard readings.count - firstConverted < max(2, readings.count / 4) else { return nil }
            firstConverted -= 1
            guard let part = shared.validPart(ranges[firstConverted]) else { return nil }
            tail = partBlocks(part) + tail
        }
        let above = readings[..<firstConverted]
        return DocumentEnd(linksAbove: above.map(\.links), blocksAbove: above.reduce(0) { $0 + $1.count }, blocks: tail)
    }

    /// A part's links and how many top-level blocks converting it gives, read from its tree:
    /// a paragraph of texts, breaks, code and links of text (most of them) from its nodes, any
    /// other block converted and read.
    private static func partLinks(_ part: UnsafeBufferPointer<UInt8>) -> PartReading {
        CmarkArena.withPooled { arena in
            arena.withTree(of: part) { root in
                var reading = PartReading()
                var next = cmark_node_first_child(root.pointer)
                while let pointer = next {
                    let node = CmarkNode(pointer: pointer)
                    if isPlainParagraph(node) {
                        reading.count += 1
                        plainParagraphLinks(node, into: &reading.links)
                    } else if let block = block(node, depth: 0) {
                        reading.count += 1
                        reading.links.gather([block][...])
                    }
                    next = cmark_node_next(pointer)
                }
                return reading
            }
        }
    }

    /// A paragraph with at least one child, each a text, a break, code or a link of text alone:
    /// one block, whose links are its links' own.
    private static func isPlainParagraph(_ node: CmarkNode) -> Bool {
        guard node.type == CMARK_NODE_PARAGRAPH, var child = cmark_node_first_child(node.pointer) else { return false }
        while true {
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE: break
            case CMARK_NODE_LINK: guard holdsOnlyText(child) else { return false }
            default: return false
            }
            guard let next = cmark_node_next(child) else { return true }
            child = next
        }
    }

    private static func holdsOnlyText(_ node: OpaquePointer) -> Bool {
        var child = cmark_node_first_child(node)
        while let current = child {
            guard cmark_node_get_type(current) == CMARK_NODE_TEXT else { return false }
            child = cmark_node_next(current)
        }
        return true
    }

    /// The destinations a plain paragraph's links get, as converting them gives.
    private static func plainParagraphLinks(_ node: CmarkNode, into links: inout LinkDestinations) {
        var child = cmark_node_first_child(node.pointer)
        while let current = child {
            if cmark_node_get_type(current) == CMARK_NODE_LINK {
                switch quickReading(current) {
                case .destination(let url): links.appendCleanLink(url)
                case .noLink: break
                case .unsure:
                    switch linkReading(CmarkNode(pointer: current)) {
                    case .written(let url), .bare(let url, _, _): links.appendLink(url)
                    case .text: break
                    }
                }
            }
            child = cmark_node_next(current)
        }
    }

    /// A link of one text read from its bytes, where they tell as surely as `linkReading` and
    /// cleaning tell from strings (most links: 40,000 in a long article, each of which made two
    /// strings to test): its destination printable ASCII (nothing to clean) naming no wrapper, and
    /// its text ASCII or holding a character from U+3000 to U+9FFF (Chinese, Japanese: no
    /// decomposition of those is ASCII, so such a text is no address, and the link a written one).
    private static func quickReading(_ link: OpaquePointer) -> QuickReading {
        guard let child = cmark_node_first_child(link), cmark_node_next(child) == nil,
              cmark_node_get_type(child) == CMARK_NODE_TEXT else { return .unsure }
        let url = tsundoku_cmark_url(UnsafeRawPointer(link)).buffer
        let text = tsundoku_cmark_literal(UnsafeRawPointer(child)).buffer
        guard url.isPrintableASCII, !LinkTargets.mayBeWrapped(url) else { return .unsure }
        if text.isASCII {
            switch LinkTargets.asciiLinkIsLink(url: url, text: text) {
            case true?: break
            case false?: return .noLink
            case nil: return .unsure
            }
        } else if !text.contains(where: { (0xE3...0xE9).contains($0) }) {
            return .unsure
        }
        return .destination(String(decoding: url, as: UTF8.self))
    }
}

/// What a link's bytes tell of it: its destination (cleaned already), that it is no link, or
/// nothing sure.
private enum QuickReading {
    case destination(String)
    case noLink
    case unsure
}

/// What reading one part of a long article gave: its blocks when it was converted, else its
/// links and how many blocks it has.
private struct PartReading {
    var blocks: [Block]?
    var links = LinkDestinations()
    var count = 0

    init(blocks: [Block]? = nil) {
        self.blocks = blocks
        count = blocks?.count ?? 0
    }
}

/// Who wants a long body's end before its whole is converted: at least `blocks` of its last
/// blocks go to `show`, with the item's highlights.
public struct EarlyEnd: Sendable {
    public let blocks: Int
    public let show: @Sendable (DocumentEnd, _ highlights: Document?) -> Void

    public init(blocks: Int, show: @escaping @Sendable (DocumentEnd, _ highlights: Document?) -> Void) {
        self.blocks = blocks
        self.show = show
    }
}
