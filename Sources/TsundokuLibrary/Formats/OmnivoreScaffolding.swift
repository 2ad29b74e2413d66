/// Separates an Omnivore export's scaffolding (`# Title`, `#Omnivore`, `[Read on Omnivore]`,
/// `[Read Original]`, repeated date lines, `---`, `# Full Content:`, `## Highlights`) from the
/// article text, keeping what the scaffolding says as metadata.
struct OmnivoreScaffolding: Equatable {
    var title: String?
    var originalURL: String?
    var saved: String?
    var published: String?
    /// Labels from the `#Omnivore #label …` line (`#Omnivore` itself is not one).
    var tags: [String] = []
    /// File lines holding the article text.
    var content: [Range<Int>]
    /// File lines of the `## Highlights` section, when there is one.
    var highlights: Range<Int>?

    init(lines: [Substring], body: Range<Int>, knownTitle: String?) {
        let fullContent = body.first { Self.isFullContentMarker(lines[$0]) }
        var contentStart = fullContent.map { $0 + 1 } ?? body.lowerBound
        var index = body.lowerBound
        while index < (fullContent ?? body.upperBound) {
            let line = lines[index].trimmed
            if fullContent == nil, !line.isEmpty, !Self.isScaffolding(line, knownTitle: knownTitle ?? title) { break }
            if let url = Self.linkTarget(line, label: "Read Original") {
                originalURL = url
            } else if let value = Self.value(line, key: "date_saved") {
                saved = value
            } else if let value = Self.value(line, key: "date_published") {
                published = value
            } else if title == nil, line.hasPrefix("# ") {
                title = String(line.dropFirst(2)).trimmed
            } else if let labels = Self.hashtags(line) {
                for label in labels where label != "Omnivore" && !tags.contains(label) { tags.append(label) }
            }
            index += 1
            if fullContent == nil { contentStart = index }
        }

        var contentEnd = body.upperBound
        while contentEnd > contentStart, Self.isTrailingNoise(lines[contentEnd - 1]) { contentEnd -= 1 }
        highlights = Self.highlightsSection(lines, in: body.lowerBound..<contentEnd)
        if let highlights, highlights.lowerBound >= contentStart {
            content = [contentStart..<highlights.lowerBound, highlights.upperBound..<contentEnd].filter { !$0.isEmpty }
        } else {
            content = contentStart < contentEnd ? [contentStart..<contentEnd] : []
        }
    }

    private static func isFullContentMarker(_ line: Substring) -> Bool {
        let text = line.trimmed
        guard text.hasPrefix("#") else { return false }
        let label = text.drop(while: { $0 == "#" }).trimmed
        return label == "Full Content:" || label == "Full Content"
    }

    private static func isScaffolding(_ line: String, knownTitle: String?) -> Bool {
        if line.trimmingTrailing(" ") == "---" { return true }
        if linkTarget(line, label: "Read Original") != nil || linkTarget(line, label: "Read on Omnivore") != nil { return true }
        if value(line, key: "date_saved") != nil || value(line, key: "date_published") != nil { return true }
        if line.hasPrefix("# ") {
            guard let knownTitle else { return true }
            return String(line.dropFirst(2)).trimmed == knownTitle
        }
        return hashtags(line) != nil
    }

    /// `#Omnivore #排版 #to-read` → the words after each `#`; nil unless every word is a hashtag.
    private static func hashtags(_ line: String) -> [String]? {
        let words = line.split(separator: " ")
        guard !words.isEmpty, words.allSatisfy({ $0.count > 1 && $0.hasPrefix("#") && !$0.dropFirst().hasPrefix("#") }) else { return nil }
        return words.map { String($0.dropFirst()) }
    }

    private static func isTrailingNoise(_ line: Substring) -> Bool {
        let text = line.trimmed
        return text.isEmpty || text == "---"
    }

    /// `[label](url)` alone on a line gives the url.
    static func linkTarget(_ line: String, label: String) -> String? {
        let prefix = "[\(label)]("
        guard line.hasPrefix(prefix), line.hasSuffix(")") else { return nil }
        let url = line.dropFirst(prefix.count).dropLast().trimmed
        return url.isEmpty ? nil : url
    }

    private static func value(_ line: String, key: String) -> String? {
        guard line.hasPrefix(key + ":") else { return nil }
        return line.dropFirst(key.count + 1).trimmed
    }

    private static func highlightsSection(_ lines: [Substring], in range: Range<Int>) -> Range<Int>? {
        guard let start = range.first(where: { lines[$0].hasPrefix("## Highlights") && lines[$0].trimmed == "## Highlights" }) else { return nil }
        let end = range.dropFirst(start + 1 - range.lowerBound).first { index in
            let line = lines[index]
            return line.hasPrefix("# ") || line.hasPrefix("## ")
        } ?? range.upperBound
        return start..<end
    }
}

extension String {
    func trimmingTrailing(_ character: Character) -> Substring {
        var text = self[...]
        while text.last == character { text = text.dropLast() }
        return text
    }
}
