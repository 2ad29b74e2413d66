/// Plain text to a `Document`: paragraphs are separated by blank lines; the lines of one
/// paragraph are joined, with a space only between two Latin words.
enum PlainTextDocument {
    static func parse(_ lines: [Substring]) -> Document {
        var blocks: [Block] = []
        var paragraph = ""
        func flush() {
            if !paragraph.isEmpty { blocks.append(.paragraph([.text(paragraph)])) }
            paragraph = ""
        }
        for line in lines {
            let text = line.trimmed
            if text.isEmpty { flush(); continue }
            if let last = paragraph.last, let first = text.first, last.isASCII, first.isASCII {
                paragraph.append(" ")
            }
            paragraph += text
        }
        flush()
        return Document(blocks: blocks)
    }
}
