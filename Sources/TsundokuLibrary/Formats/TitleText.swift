import TextLayout

/// Titles made from what a file offers: a site suffix split off, a long first line shortened.
enum TitleText {
    /// The longest title taken from a first line, in terminal columns (a CJK character is two).
    static let maximumColumns = 72

    /// `派早报：… - 少数派` → (`派早报：…`, `少数派`) when the suffix names the site or author.
    static func splitSiteSuffix(_ title: String, candidates: [String]) -> (title: String, site: String?) {
        for separator in [" - ", " | ", " – ", " — ", "_"] {
            guard let range = title.range(of: separator, options: .backwards) else { continue }
            let suffix = title[range.upperBound...].trimmed
            let head = title[..<range.lowerBound].trimmed
            guard !suffix.isEmpty, !head.isEmpty else { continue }
            if candidates.contains(where: { !$0.isEmpty && ($0 == suffix || $0.contains(suffix)) }) {
                return (head, suffix)
            }
        }
        return (title, nil)
    }

    /// A first line as a title: whole when it fits, else cut at the last natural break that fits
    /// (end of a sentence or clause, then a space), else cut with `…`.
    static func shortened(_ line: String) -> String {
        let text = line.trimmed
        var columns = 0
        var lastBreak: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            columns += DisplayWidth.of(character)
            if columns > maximumColumns {
                if let lastBreak { return String(text[..<lastBreak]).trimmed }
                return String(text[..<index]).trimmed + "…"
            }
            let next = text.index(after: index)
            if "。！？；，、：!?;,:".contains(character) {
                lastBreak = "。！？!?".contains(character) ? next : index
            } else if character == " ", lastBreak == nil || columns > maximumColumns / 2 {
                lastBreak = index
            }
            index = next
        }
        return text
    }
}
