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
            columns += character.isWideForTitle ? 2 : 1
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

extension Character {
    /// Wide enough to count as two columns when measuring titles (CJK, fullwidth, emoji).
    var isWideForTitle: Bool {
        guard let scalar = unicodeScalars.first?.value else { return false }
        return (0x1100...0x115F).contains(scalar) || (0x2E80...0xA4CF).contains(scalar)
            || (0xAC00...0xD7A3).contains(scalar) || (0xF900...0xFAFF).contains(scalar)
            || (0xFE30...0xFE4F).contains(scalar) || (0xFF00...0xFF60).contains(scalar)
            || (0xFFE0...0xFFE6).contains(scalar) || (0x1F300...0x1FAFF).contains(scalar)
            || (0x20000...0x3FFFD).contains(scalar)
    }
}
