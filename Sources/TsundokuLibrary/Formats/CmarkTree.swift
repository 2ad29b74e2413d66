import CCmark
import Synchronization

/// A cmark-gfm parse tree with GitHub's table, strikethrough and autolink extensions, freed when
/// the value goes away. The only place that creates cmark parsers.
final class CmarkTree {
    let root: OpaquePointer

    /// One parse at a time in the process: cmark-gfm keeps the characters its extensions react
    /// to (autolink's `:` and `w`, strikethrough's `~`) in one table that each parser changes
    /// and restores, so parsers at work together lost bare links now and then. Reading a
    /// finished tree touches no such table: that is done on any thread, at once.
    private static let parsing = Mutex(())

    init(markdown: String) {
        root = Self.parsing.withLock { _ in
            cmark_gfm_core_extensions_ensure_registered()
            let parser = cmark_parser_new(CMARK_OPT_DEFAULT)!
            for name in ["table", "strikethrough", "autolink"] {
                if let extensionPointer = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, extensionPointer)
                }
            }
            var text = markdown
            text.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    cmark_parser_feed(parser, chars.baseAddress, chars.count)
                }
            }
            let root = cmark_parser_finish(parser)!
            cmark_parser_free(parser)
            return root
        }
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

    var plainText: String { textSummary.text }
}
