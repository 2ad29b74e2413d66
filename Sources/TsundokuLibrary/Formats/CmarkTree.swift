import CCmark
import CCmarkText
import Glibc

/// A cmark-gfm parse tree with GitHub's table, strikethrough and autolink extensions, freed when
/// the value goes away. The only place that creates cmark parsers.
///
/// cmark-gfm keeps the characters its inline extensions react to (autolink's `:` and `w`,
/// strikethrough's `~`) in one table for the process, which each parser sets before its inline
/// pass and clears after it: a parser finishing cleared them under another one still at work
/// (bare links lost now and then). Autolink's are set once for good (`Extensions`), so only
/// `~` is still set and cleared: texts without it have their inline passes at the same time,
/// a text with it has its pass alone.
final class CmarkTree: @unchecked Sendable {
    let root: OpaquePointer

    private static let inlinePasses = ReadersWriterLock()

    convenience init(markdown: String) {
        self.init(markdown: markdown[...])
    }

    init(markdown: Substring) {
        root = Self.parse(markdown, memory: cmark_get_default_mem_allocator())
    }

    /// Parses `markdown` with nodes allocated from `memory`; the root is the caller's to free.
    static func parse(_ markdown: Substring, memory: UnsafeMutablePointer<cmark_mem>) -> OpaquePointer {
        var text = markdown
        return text.withUTF8 { parse(utf8: $0, memory: memory) }
    }

    /// The same from UTF-8 bytes.
    static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>, memory: UnsafeMutablePointer<cmark_mem>) -> OpaquePointer {
        let parser = Extensions.shared.newParser(memory: memory)
        let holdsTilde = bytes.withMemoryRebound(to: CChar.self) { chars in
            cmark_parser_feed(parser, chars.baseAddress, chars.count)
            return chars.baseAddress.map { memchr($0, Int32(UInt8(ascii: "~")), chars.count) != nil } ?? false
        }
        let root = inlinePasses.withLock(exclusive: holdsTilde) { cmark_parser_finish(parser)! }
        cmark_parser_free(parser)
        return root
    }

    deinit { cmark_node_free(root) }
}

/// The three extensions, registered once, with autolink's characters set in cmark-gfm's table
/// for good: autolink is then told it has none, so no parser clears them. (Strikethrough keeps
/// its `~`: its delimiters are found through it.) Every parser has the same extensions, so
/// each reads the table as it would have set it itself.
private final class Extensions: Sendable {
    static let shared = Extensions()

    private static let names = ["table", "strikethrough", "autolink"]

    private init() {
        cmark_gfm_core_extensions_ensure_registered()
        guard let autolink = cmark_find_syntax_extension("autolink") else { return }
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT)!
        cmark_parser_attach_syntax_extension(parser, autolink)
        cmark_manage_extensions_special_characters(parser, 1)
        cmark_parser_free(parser)
        let characters = autolink.pointee.special_inline_chars
        cmark_syntax_extension_set_special_inline_chars(autolink, nil)
        cmark_llist_free(cmark_get_default_mem_allocator(), characters)
    }

    /// A parser with the three extensions, allocating from `memory`.
    func newParser(memory: UnsafeMutablePointer<cmark_mem>) -> OpaquePointer {
        let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, memory)!
        for name in Self.names {
            if let syntax = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, syntax) }
        }
        return parser
    }
}

/// A lock held by many at once, or by one alone (a POSIX read-write lock).
private final class ReadersWriterLock: @unchecked Sendable {
    private let lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)

    init() { pthread_rwlock_init(lock, nil) }

    func withLock<Value>(exclusive: Bool, _ body: () -> Value) -> Value {
        if exclusive { pthread_rwlock_wrlock(lock) } else { pthread_rwlock_rdlock(lock) }
        defer { pthread_rwlock_unlock(lock) }
        return body()
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }
}

/// Read-only accessors over a cmark node, valid while its `CmarkTree` lives: callers keep the
/// tree alive with `withExtendedLifetime`, since Swift may free it right after its last use.
struct CmarkNode {
    let pointer: OpaquePointer

    var type: cmark_node_type { cmark_node_get_type(pointer) }
    /// The type name, which also covers extension nodes such as `table` and `strikethrough`.
    var typeName: String { String(cString: cmark_node_get_type_string(pointer)) }
    var literal: String { Self.string(tsundoku_cmark_literal(UnsafeRawPointer(pointer))) }
    var url: String { Self.string(tsundoku_cmark_url(UnsafeRawPointer(pointer))) }
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    var isOrderedList: Bool { cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST }
    var listStart: Int { Int(cmark_node_get_list_start(pointer)) }
    var fenceInfo: String { cmark_node_get_fence_info(pointer).map { String(cString: $0) } ?? "" }

    private static func string(_ text: tsundoku_cmark_text) -> String {
        String(decoding: text.buffer, as: UTF8.self)
    }

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

extension tsundoku_cmark_text {
    /// The text's bytes, valid while its tree lives.
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: bytes, count: count) }
}
