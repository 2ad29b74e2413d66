/// Tells Markdown from plain text by what the lines contain, never by the file's name.
enum MarkdownDetection {
    static func looksLikeMarkdown(_ lines: [Substring]) -> Bool {
        var weakSignals = 0
        for line in lines.prefix(400) {
            let text = line.drop(while: { $0 == " " })
            if text.hasPrefix("```") || text.hasPrefix("~~~") { return true }
            if isATXHeading(text) { return true }
            if text.contains("](") && text.contains("[") { return true }
            if text.hasPrefix("> ") || text.hasPrefix("- ") || text.hasPrefix("* ") || text.hasPrefix("+ ")
                || text.contains("**") || text.hasPrefix("|") {
                weakSignals += 1
                if weakSignals >= 2 { return true }
            }
        }
        return false
    }

    private static func isATXHeading(_ text: Substring) -> Bool {
        let hashes = text.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes) else { return false }
        let rest = text.dropFirst(hashes)
        return rest.first == " " && rest.contains { !$0.isWhitespace }
    }
}
