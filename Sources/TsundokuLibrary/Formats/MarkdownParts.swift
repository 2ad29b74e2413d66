import Glibc

/// Where a long Markdown text can be cut into parts that cmark-gfm parses one by one into the
/// very blocks it makes of the whole, so the parts are parsed on every core.
///
/// A part starts at a line that starts a paragraph at the margin (a letter, or any character
/// beyond ASCII) after a blank line, outside fenced code: whatever stood open before (a list,
/// a quote, indented code, a table) ends there. A text is not cut at all when that is not
/// certain: when it may define link references (`]:`), which reach across the whole; when a
/// line starts with `<` (some HTML blocks run over blank lines); when a fence is indented or
/// follows a line with `|` (it may belong to a list item or a table, so where fenced code
/// ends is not plain); or when a carriage return stands alone (a line break this scan does
/// not see).
enum MarkdownParts {
    /// The parts of `text`, each at least `size` bytes long but the last; one part when the text
    /// is not to be cut.
    static func cut(_ text: Substring, size: Int) -> [Substring] {
        var text = text
        let starts = text.withUTF8 { bytes in Self.starts(of: bytes, size: size) }
        let utf8 = text.utf8
        let indices = starts.map { utf8.index(utf8.startIndex, offsetBy: $0) } + [utf8.endIndex]
        return zip(indices, indices.dropFirst()).map { text[$0..<$1] }
    }

    /// The byte offsets the parts start at, 0 first.
    static func starts(of bytes: UnsafeBufferPointer<UInt8>, size: Int) -> [Int] {
        guard let base = bytes.baseAddress, bytes.count > size, !mayDefineReferences(bytes), !holdsLoneCarriageReturn(bytes) else {
            return [0]
        }
        var starts = [0]
        var fence: (mark: UInt8, length: Int)?
        var previousBlank = false
        var previousLine = 0..<0
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = memchr(base + lineStart, 0x0A, bytes.count - lineStart).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base }
                ?? bytes.count
            let line = Line(bytes: bytes, range: lineStart..<lineEnd)
            defer {
                if !line.isBlank { previousLine = line.range }
                previousBlank = line.isBlank
                lineStart = lineEnd + 1
            }
            guard !line.isBlank, line.indent <= 3 else { continue }
            if let open = fence {
                if line.closes(mark: open.mark, length: open.length) { fence = nil }
                continue
            }
            if line.first == UInt8(ascii: "<") { return [0] }
            if let opened = line.fenceOpening {
                let afterPipe = memchr(base + previousLine.lowerBound, Int32(UInt8(ascii: "|")), previousLine.count) != nil
                if line.indent > 0 || afterPipe { return [0] }
                fence = opened
                continue
            }
            if previousBlank, line.indent == 0, line.startsParagraph, lineStart - starts[starts.count - 1] >= size {
                starts.append(lineStart)
            }
        }
        return starts
    }

    /// A `]:` anywhere, as a link reference definition has.
    private static func mayDefineReferences(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        anyByte(UInt8(ascii: "]"), in: bytes) { $0 == UInt8(ascii: ":") }
    }

    /// A carriage return not followed by a line feed (cmark-gfm breaks the line there).
    private static func holdsLoneCarriageReturn(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        anyByte(0x0D, in: bytes) { $0 != 0x0A }
    }

    /// Whether some `byte` in `bytes` is followed by a byte that passes `next` (or by the end,
    /// when `next` passes nil).
    private static func anyByte(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, followedBy next: (UInt8?) -> Bool) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var offset = 0
        while offset < bytes.count, let found = memchr(base + offset, Int32(byte), bytes.count - offset) {
            let at = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
            if next(at + 1 < bytes.count ? bytes[at + 1] : nil) { return true }
            offset = at + 1
        }
        return false
    }
}

/// One line of the text (without its line feed), as far as cutting needs to read it.
private struct Line {
    let bytes: UnsafeBufferPointer<UInt8>
    let range: Range<Int>
    /// Columns of spaces before the first other byte; 4 for a tab (indented far enough for code).
    let indent: Int
    /// Where the text after the indent starts.
    let textStart: Int
    /// The first byte after the indent, nil for a blank line.
    let first: UInt8?

    init(bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        self.bytes = bytes
        self.range = range
        var offset = range.lowerBound
        var indent = 0
        while offset < range.upperBound, bytes[offset] == UInt8(ascii: " ") || bytes[offset] == UInt8(ascii: "\t") {
            indent += bytes[offset] == UInt8(ascii: "\t") ? 4 : 1
            offset += 1
        }
        self.indent = indent
        textStart = offset
        let rest = range.upperBound - offset
        first = rest == 0 || (rest == 1 && bytes[offset] == 0x0D) ? nil : bytes[offset]
    }

    var isBlank: Bool { first == nil }

    /// A letter or a character beyond ASCII: text, which no block but a paragraph starts with.
    var startsParagraph: Bool {
        guard let first else { return false }
        return first >= 0x80 || (first | 0x20 >= UInt8(ascii: "a") && first | 0x20 <= UInt8(ascii: "z"))
    }

    /// The fence this line opens: three or more backticks (and no backtick after them) or tildes.
    var fenceOpening: (mark: UInt8, length: Int)? {
        guard let first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else { return nil }
        let length = run(of: first)
        guard length >= 3 else { return nil }
        if first == UInt8(ascii: "`"), rest(after: length).contains(UInt8(ascii: "`")) { return nil }
        return (first, length)
    }

    /// Whether this line closes a fence of `length` marks: as many or more, then only spaces.
    func closes(mark: UInt8, length: Int) -> Bool {
        guard first == mark else { return false }
        let run = run(of: mark)
        return run >= length && rest(after: run).allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == 0x0D }
    }

    private func run(of mark: UInt8) -> Int {
        var offset = textStart
        while offset < range.upperBound, bytes[offset] == mark { offset += 1 }
        return offset - textStart
    }

    private func rest(after marks: Int) -> UnsafeBufferPointer<UInt8>.SubSequence {
        bytes[(textStart + marks)..<range.upperBound]
    }
}
