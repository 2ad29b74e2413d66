import CCmark
import Foundation
import Synchronization

/// Markdown text to a `Document` through cmark-gfm. Nesting deeper than `maximumDepth` is kept
/// as plain text, so hostile input cannot exhaust the stack.
enum MarkdownDocument {
    static let maximumDepth = 48

    static func parse(_ markdown: String) -> Document {
        parse(markdown[...])
    }

    /// `partSize` and `long` as below, given otherwise only by tests (the whole parsed at once,
    /// or cut in many small parts).
    static func parse(_ markdown: Substring, partSize: Int = partSize, long: Int = long) -> Document {
        let parts = markdown.utf8.count > long ? MarkdownParts.cut(markdown, size: partSize) : [markdown]
        guard parts.count > 1 else {
            let tree = CmarkTree(markdown: markdown)
            let document = withExtendedLifetime(tree) { Document(blocks: topLevelBlocks(CmarkNode(pointer: tree.root).children)) }
            // A long article's tree (hundreds of thousands of nodes) is freed off the way of its layout.
            if markdown.utf8.count > long { BackgroundRelease.shared.releaseUnlessBusy(consume tree) }
            return document
        }
        // A long article cut in parts: each part parsed into an arena and converted on the
        // same thread, on every core.
        let converted = Mutex<[[Block]]>(Array(repeating: [], count: parts.count))
        DispatchQueue.concurrentPerform(iterations: parts.count) { index in
            var part = parts[index]
            let blocks = part.withUTF8 { partBlocks($0) }
            converted.withLock { $0[index] = blocks }
        }
        return Document(blocks: converted.withLock { $0.flatMap { $0 } })
    }

    /// A long article's Markdown straight from its file's bytes, cut in parts as `parse` cuts
    /// its text, each part validated as UTF-8 in place on the core that parses it: the file
    /// is never made one string on one core first. Nil when the bytes are not long, cannot be
    /// cut, or hold a part that is not UTF-8 (the text read whole then says where it breaks).
    /// When `endFirst` is given, the end read before the whole (`end(utf8:parts:blocks:)`, at
    /// least that many blocks) is shown to it first, from the same parts.
    static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>, partSize: Int = partSize, long: Int = long,
                      endFirst: (blocks: Int, show: (DocumentEnd) -> Void)? = nil) -> Document? {
        guard let ranges = partRanges(of: bytes, partSize: partSize, long: long) else { return nil }
        // An end read has validated every part already.
        let early = endFirst.flatMap { Self.end(utf8: bytes, parts: ranges, blocks: $0.blocks) }
        if let early { endFirst?.show(early) }
        let converted = Mutex<[[Block]?]>(Array(repeating: nil, count: ranges.count))
        let shared = SharedBytes(bytes: bytes)
        let validated = early != nil
        DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
            guard let part = validated ? shared.part(ranges[index]) : shared.validPart(ranges[index]) else { return }
            let blocks = partBlocks(part)
            converted.withLock { $0[index] = blocks }
        }
        let parts = converted.withLock { $0 }.compactMap { $0 }
        return parts.count == ranges.count ? Document(blocks: parts.flatMap { $0 }) : nil
    }

    /// The byte ranges of a long text's parts; nil when the text is not long or cannot be cut.
    static func partRanges(of bytes: UnsafeBufferPointer<UInt8>, partSize: Int, long: Int) -> [Range<Int>]? {
        guard bytes.count > long else { return nil }
        let starts = MarkdownParts.starts(of: bytes, size: partSize)
        guard starts.count > 1 else { return nil }
        return zip(starts, starts.dropFirst() + [bytes.count]).map { $0..<$1 }
    }

    /// A part of a long article, parsed into an arena and converted on this thread.
    static func partBlocks(_ part: UnsafeBufferPointer<UInt8>) -> [Block] {
        CmarkArena.withPooled { arena in
            arena.withTree(of: part) { root in blocks(root.children, depth: 0) }
        }
    }

    /// Bytes of Markdown above which an article is long: parsed in parts when it can be cut,
    /// converted on every core.
    static let long = 262_144

    /// Bytes of Markdown each part of a long article has at least.
    static let partSize = 131_072

    /// Top-level nodes converted on every core when there are many (an article or a part of
    /// one): each thread reads only the subtrees of its own nodes, which is all cmark asks
    /// of readers.
    private static func topLevelBlocks(_ nodes: [CmarkNode]) -> [Block] {
        let chunkSize = 512
        guard nodes.count > 2 * chunkSize else { return blocks(nodes, depth: 0) }
        let chunks = stride(from: 0, to: nodes.count, by: chunkSize).map { $0..<min($0 + chunkSize, nodes.count) }
        let converted = Mutex<[[Block]]>(Array(repeating: [], count: chunks.count))
        let shared = SharedNodes(nodes: nodes)
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            let blocks = blocks(Array(shared.nodes[chunks[index]]), depth: 0)
            converted.withLock { $0[index] = blocks }
        }
        return converted.withLock { $0.flatMap { $0 } }
    }

    private static func blocks(_ nodes: [CmarkNode], depth: Int) -> [Block] {
        nodes.compactMap { block($0, depth: depth) }
    }

    static func block(_ node: CmarkNode, depth: Int) -> Block? {
        if depth >= maximumDepth {
            let text = node.plainText
            return text.isEmpty ? nil : .paragraph([.text(text)])
        }
        switch node.type {
        case CMARK_NODE_PARAGRAPH:
            let content = inlines(node.children, depth: depth + 1)
            return content.isEmpty ? nil : .paragraph(content)
        case CMARK_NODE_HEADING:
            return .heading(level: node.headingLevel, inlines(node.children, depth: depth + 1))
        case CMARK_NODE_BLOCK_QUOTE:
            return .quote(blocks(node.children, depth: depth + 1))
        case CMARK_NODE_LIST:
            return .list(ordered: node.isOrderedList, start: node.listStart,
                         items: node.children.map { blocks($0.children, depth: depth + 1) })
        case CMARK_NODE_CODE_BLOCK:
            let info = node.fenceInfo.split(separator: " ").first.map(String.init)
            var text = node.literal
            if text.hasSuffix("\n") { text.removeLast() }
            return .code(language: info, text: text)
        case CMARK_NODE_THEMATIC_BREAK:
            return .thematicBreak
        case CMARK_NODE_HTML_BLOCK:
            let text = HTMLDocument.parse(node.literal).blocks.map(\.readableText).joined(separator: "\n").trimmed
            return text.isEmpty ? nil : .paragraph([.text(text)])
        default:
            guard node.typeName == "table" else {
                let text = node.plainText
                return text.isEmpty ? nil : .paragraph([.text(text)])
            }
            let rows = node.children.map { row in row.children.map { inlines($0.children, depth: depth + 1) } }
            guard let header = rows.first else { return nil }
            return .table(header: header, rows: Array(rows.dropFirst()))
        }
    }

    private static func inlines(_ nodes: [CmarkNode], depth: Int) -> [Inline] {
        var result: [Inline] = []
        result.reserveCapacity(nodes.count)
        for node in nodes {
            if node.type == CMARK_NODE_LINK {
                link(node, depth: depth, into: &result)
            } else if let inline = inline(node, depth: depth) {
                result.append(inline)
            }
        }
        return result
    }

    /// A link, as `linkReading` reads it.
    private static func link(_ node: CmarkNode, depth: Int, into result: inout [Inline]) {
        switch linkReading(node) {
        case .written(let url):
            result.append(.link(url: url, inlines(node.children, depth: depth + 1)))
        case .bare(let url, let text, let trailing):
            result.append(.link(url: url, [.text(text)]))
            if !trailing.isEmpty { result.append(.text(trailing)) }
        case .text(let text):
            result.append(.text(text))
        }
    }

    /// What a link node reads as: an autolink cmark-gfm made from bare text loses the Chinese
    /// punctuation it swallowed (`www.example.org。` links `www.example.org`), and one that is
    /// no link a writer meant stays text.
    static func linkReading(_ node: CmarkNode) -> LinkReading {
        let text = node.plainText
        let written = node.url
        guard LinkTargets.isAutolink(url: written, text: text) else { return .written(url: LinkTargets.resolve(written)) }
        // The punctuation is all beyond ASCII: an address ending in ASCII keeps all of it.
        guard let lastByte = text.utf8.last, lastByte >= 0x80 else {
            let isLink = !text.isEmpty && !LinkTargets.isUnlikelyBareAddress(written)
            return isLink ? .bare(url: LinkTargets.resolve(written), text: text, trailing: "") : .text(text)
        }
        var keptPart = Substring(text)
        while let last = keptPart.last, LinkTargets.closingPunctuation.contains(last) { keptPart = keptPart.dropLast() }
        let kept = String(keptPart)
        let trailing = String(text[keptPart.endIndex...])
        let url = trailing.isEmpty ? written : String(written.dropLast(written.hasSuffix(trailing) ? trailing.count : 0))
        if kept.isEmpty || (LinkTargets.isAutolink(url: url, text: kept) && LinkTargets.isUnlikelyBareAddress(url)) {
            return .text(text)
        }
        return .bare(url: LinkTargets.resolve(url), text: kept, trailing: trailing)
    }

    /// A link node read: written as a link (its children are its text), a bare address (its
    /// text, and the punctuation after it that is not its own), or text that is no link.
    enum LinkReading {
        case written(url: String)
        case bare(url: String, text: String, trailing: String)
        case text(String)
    }

    private static func inline(_ node: CmarkNode, depth: Int) -> Inline? {
        if depth >= maximumDepth { return .text(node.plainText) }
        switch node.type {
        case CMARK_NODE_TEXT: return .text(node.literal)
        case CMARK_NODE_CODE: return .code(node.literal)
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_EMPH: return .emphasis(inlines(node.children, depth: depth + 1))
        case CMARK_NODE_STRONG: return .strong(inlines(node.children, depth: depth + 1))
        case CMARK_NODE_LINK:
            return .link(url: LinkTargets.resolve(node.url), inlines(node.children, depth: depth + 1))
        case CMARK_NODE_IMAGE:
            return .image(url: LinkTargets.resolve(node.url), alt: node.plainText)
        case CMARK_NODE_HTML_INLINE:
            let tag = node.literal.lowercased()
            return tag.hasPrefix("<br") ? .lineBreak : nil
        default:
            if node.typeName == "strikethrough" { return .strikethrough(inlines(node.children, depth: depth + 1)) }
            let text = node.plainText
            return text.isEmpty ? nil : .text(text)
        }
    }
}

/// A file's bytes handed to the threads that parse its parts, each its own part.
struct SharedBytes: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>

    /// The bytes of `range`, where they are UTF-8 text (validated in place: made a string, each
    /// part was copied into memory of its own, fresh pages every time); nil when they are not.
    func validPart(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8>? {
        let part = part(range)
        return part.isEmpty || u8_check(part.baseAddress, part.count) == nil ? part : nil
    }

    /// The bytes of `range`, validated before.
    func part(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[range])
    }
}

/// A tree's top-level nodes handed to the threads that convert them, each its own nodes.
private struct SharedNodes: @unchecked Sendable {
    let nodes: [CmarkNode]
}

/// libunistring's `u8_check` (the reader links libunistring for line breaking): the first byte
/// that is not valid UTF-8, or nil. Declared here, since its header's own integer types clash
/// with the C library's in Swift's module of libxml2.
@_silgen_name("u8_check")
private func u8_check(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> UnsafePointer<UInt8>?
