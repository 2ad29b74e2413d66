import Foundation
import TsundokuLibrary

/// One feed the user follows: a line of the `urls` file.
public struct Subscription: Sendable, Equatable, Codable {
    public var url: String
    public var tags: [String]
    /// `"~Name"`: the name shown instead of the feed's own title.
    public var name: String?
    /// 1-based line of the `urls` file (0 for one not read from a file).
    public var line: Int

    public init(url: String, tags: [String] = [], name: String? = nil, line: Int = 0) {
        self.url = url
        self.tags = tags
        self.name = name
        self.line = line
    }

    /// The line as the `urls` file writes it: the URL, then its tags, quoted where needed.
    var fileLine: String {
        ([url] + (name.map { ["~" + $0] } ?? []) + tags).enumerated()
            .map { $0.offset == 0 ? $0.element : Subscriptions.quoted($0.element) }
            .joined(separator: " ")
    }
}

/// The `urls` file in newsboat's format, so a newsboat user copies theirs across: one feed a
/// line, the URL then its tags (`"two words"` quoted), `"~Name"` renames the feed, `#` starts a
/// comment line. Lines newsboat reads and tsundoku does not (`query:`, `exec:`, `filter:`, a
/// URL that is not http or https) are reported by line number and skipped. Rewrites keep every
/// other line as it was.
public struct Subscriptions: Sendable, Equatable {
    public private(set) var feeds: [Subscription] = []
    /// `line N: ...`, one for each line skipped.
    public private(set) var problems: [String] = []
    private var lines: [String]

    public init(text: String) {
        lines = text.isEmpty ? [] : SourceLines.split(text).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var seen = Set<String>()
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let words = Self.words(line)
            guard let url = words.first else { continue }
            let lower = url.lowercased()
            if let kind = ["query:", "exec:", "filter:"].first(where: { lower.hasPrefix($0) }) {
                problems.append("line \(index + 1): \(kind.dropLast()) feeds are newsboat's; tsundoku skips them")
                continue
            }
            if let problem = Self.problem(withURL: url) {
                problems.append("line \(index + 1): \(problem); skipped")
                continue
            }
            guard seen.insert(url).inserted else {
                problems.append("line \(index + 1): \(url) is listed twice; the first line is used")
                continue
            }
            var tags: [String] = []
            var name: String?
            for word in words.dropFirst() {
                if word.unicodeScalars.first == "~" {
                    name = String(word.unicodeScalars.dropFirst())
                } else if word != "!" {
                    tags.append(word)
                }
            }
            feeds.append(Subscription(url: url, tags: tags, name: name.flatMap { $0.isEmpty ? nil : $0 }, line: index + 1))
        }
    }

    /// Why `url` cannot be followed, or nil when it can.
    public static func problem(withURL url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), URL(string: url)?.host != nil,
              !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0 == "\"" || $0.value < 0x20 || $0.value == 0x7F }) else {
            return "\(url) is not an http or https URL"
        }
        return nil
    }

    /// The file's text.
    public var text: String { lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n" }

    /// The subscription with `url`, if any.
    public func feed(_ url: String) -> Subscription? { feeds.first { $0.url == url } }

    /// Adds a line for a new feed; false when the URL is already followed.
    public mutating func add(_ subscription: Subscription) -> Bool {
        guard feed(subscription.url) == nil else { return false }
        lines.append(subscription.fileLine)
        var added = subscription
        added.line = lines.count
        feeds.append(added)
        return true
    }

    /// Replaces a feed's URL on its own line (after a permanent redirect), keeping its tags,
    /// its name and everything else on the line.
    public mutating func move(_ url: String, to newURL: String) {
        guard let index = feeds.firstIndex(where: { $0.url == url }), feed(newURL) == nil else { return }
        let lineIndex = feeds[index].line - 1
        guard lines.indices.contains(lineIndex), let range = lines[lineIndex].range(of: url) else { return }
        lines[lineIndex].replaceSubrange(range, with: newURL)
        feeds[index].url = newURL
    }

    /// The words of a line: separated by white space, `"..."` keeps spaces, `\"` is a quote.
    /// Read scalar by scalar, as newsboat reads bytes: a combining mark after a space begins the
    /// next word rather than joining the space into one character that is not white space.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var quoted = false
        var escaped = false
        var started = false
        for scalar in line.unicodeScalars {
            if escaped {
                current.append(scalar)
                escaped = false
            } else if quoted && scalar == "\\" {
                escaped = true
            } else if scalar == "\"" {
                quoted.toggle()
                started = true
            } else if !quoted && scalar.properties.isWhitespace {
                if started { words.append(String(current)) }
                current = String.UnicodeScalarView()
                started = false
            } else {
                current.append(scalar)
                started = true
            }
        }
        if started { words.append(String(current)) }
        return words
    }

    /// A word with its control characters (a line break from an OPML attribute, say) as spaces,
    /// so it stays on its line.
    static func oneLine(_ word: String) -> String {
        String(String.UnicodeScalarView(word.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }

    static func quoted(_ raw: String) -> String {
        let word = oneLine(raw)
        guard word.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0 == "\"" || $0 == "\\" }) || word.unicodeScalars.first == "~"
                || word.isEmpty else {
            return word
        }
        // Escaped scalar by scalar: a backslash followed by a combining mark is one Character,
        // which a Character-wise replacement would not find.
        var escaped = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            if scalar == "\\" || scalar == "\"" { escaped.append("\\") }
            escaped.append(scalar)
        }
        return "\"" + String(escaped) + "\""
    }
}
