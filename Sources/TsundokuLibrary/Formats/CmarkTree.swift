import CCmark
import Glibc
import Synchronization

/// A cmark-gfm parse tree with GitHub's table, strikethrough and autolink extensions, freed when
/// the value goes away. The only place that creates cmark parsers.
final class CmarkTree: @unchecked Sendable {
    let root: OpaquePointer

    /// One inline pass at a time in the process: cmark-gfm keeps the characters its extensions
    /// react to (autolink's `:` and `w`, strikethrough's `~`) in one table that each parser
    /// sets and clears around its inline pass, so parsers at work together lost bare links now
    /// and then. Lines are fed outside it when the text has no `|`: only a table row sets and
    /// clears that table while lines are fed, and a table row always has a `|`. Reading a
    /// finished tree touches no such table: that is done on any thread, at once.
    private static let inlinePass = Mutex(())

    convenience init(markdown: String) {
        self.init(markdown: markdown[...])
    }

    init(markdown: Substring) {
        var text = markdown
        let parser = text.withUTF8 { bytes in
            let mayHoldTable = bytes.baseAddress.map { memchr($0, Int32(UInt8(ascii: "|")), bytes.count) != nil } ?? false
            let parser = Self.inlinePass.withLock { _ in Self.newParser() }
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if mayHoldTable {
                    Self.inlinePass.withLock { _ in cmark_parser_feed(parser, chars.baseAddress, chars.count) }
                } else {
                    cmark_parser_feed(parser, chars.baseAddress, chars.count)
                }
            }
            return parser
        }
        var finished: OpaquePointer?
        Self.inlinePass.withLock { _ in finished = cmark_parser_finish(parser) }
        root = finished!
        cmark_parser_free(parser)
    }

    /// A parser with the three extensions (registered once, before any parser is made).
    private static func newParser() -> OpaquePointer {
        cmark_gfm_core_extensions_ensure_registered()
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT)!
        for name in ["table", "strikethrough", "autolink"] {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        return parser
    }

    deinit { cmark_node_free(root) }
}

/// Read-only accessors over a cmark node, valid while its `CmarkTree` lives: callers keep the
/// tree alive with `withExtendedLifetime`, since Swift may free it right after its last use.
struct CmarkNode {
    let pointer: OpaquePointer

    var type: cmark_node_type { cmark_node_get_type(pointer) }
    /// The type name, which also covers extension nodes such as `table` and `strikethrough`.
    var typeName: String { String(cString: cmark_node_get_type_string(pointer)) }
    var literal: String { cmark_node_get_literal(pointer).map { String(cString: $0) } ?? "" }
    var url: String { cmark_node_get_url(pointer).map { String(cString: $0) } ?? "" }
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    var isOrderedList: Bool { cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST }
    var listStart: Int { Int(cmark_node_get_list_start(pointer)) }
    var fenceInfo: String { cmark_node_get_fence_info(pointer).map { String(cString: $0) } ?? "" }

    var children: [CmarkNode] {
        var result: [CmarkNode] = []
        var child = cmark_node_first_child(pointer)
        while let current = child {
            result.append(CmarkNode(pointer: current))
            child = cmark_node_next(current)
        }
        return result
    }

    /// The text a reader would see in this node and its descendants, and how much of it sits
    /// inside links or images. Walks iteratively, so any nesting depth is safe.
    var textSummary: (text: String, linkedCount: Int) {
        var text = ""
        var linkedCount = 0
        var linkDepth = 0
        let iterator = cmark_iter_new(pointer)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            let node = CmarkNode(pointer: cmark_iter_get_node(iterator))
            let entering = event == CMARK_EVENT_ENTER
            switch node.type {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                linkDepth += entering ? 1 : -1
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                let piece = node.type == CMARK_NODE_SOFTBREAK ? " "
                    : node.type == CMARK_NODE_LINEBREAK ? "\n" : node.literal
                text += piece
                if linkDepth > 0 { linkedCount += piece.count }
            default:
                break
            }
        }
        return (text, linkedCount)
    }

    /// The text a reader would see; a node holding one text node (most links) reads it directly.
    var plainText: String {
        if let child = cmark_node_first_child(pointer), cmark_node_next(child) == nil,
           cmark_node_get_type(child) == CMARK_NODE_TEXT, cmark_node_first_child(child) == nil {
            return CmarkNode(pointer: child).literal
        }
        return textSummary.text
    }
}
