import Foundation
import Yams

/// The metadata a YAML front matter block may carry (Omnivore's export and similar tools).
struct FrontMatter: Sendable, Equatable {
    var id: String?
    var title: String?
    var author: String?
    var saved: Date?
    var published: Date?
    var siteName: String?
    var originalURL: String?
    var tags: [String] = []
    var description: String?
    var state: String?
    /// Values that were present but could not be used, one line each (`date_saved` ...).
    var problems: [String] = []

    /// Front matter larger than this is refused rather than parsed.
    static let maximumBytes = 64 * 1024

    /// Finds and parses the front matter at the top of `lines`.
    ///
    /// Returns nil when the file does not open with `---`; otherwise the metadata and the index of
    /// the first body line, or a one-line reason the block cannot be used.
    static func read(_ lines: [Substring]) -> Result<(FrontMatter, bodyStart: Int), FrontMatterProblem>? {
        guard let first = lines.first, first.trimmingTrailingWhitespace() == "---" else { return nil }
        guard let closing = lines.indices.dropFirst().first(where: {
            let line = lines[$0].trimmingTrailingWhitespace()
            return line == "---" || line == "..."
        }) else { return .failure(.unterminated) }
        let yaml = lines[1..<closing].joined(separator: "\n")
        guard yaml.utf8.count <= maximumBytes else { return .failure(.tooLarge) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            let reason = String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
            return .failure(.invalidYAML(reason))
        }
        guard let root else { return .success((FrontMatter(), closing + 1)) }
        guard let mapping = root.mapping else { return .failure(.notAMapping) }
        return .success((FrontMatter(mapping), closing + 1))
    }

    init() {}

    /// Reads the fields from the composed nodes directly. Yams' `YAMLDecoder` with a `Codable`
    /// type was tried (themes and settings use it): cold-loading 10,000 articles took 2.6 s with
    /// it against 1.7 s this way, so front matter, read for every file, stays on the nodes.
    private init(_ mapping: Node.Mapping) {
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            if let name = key.scalar?.string, values[name] == nil { values[name] = value }
        }
        func text(_ key: String) -> String? {
            guard let scalar = values[key]?.scalar, !Self.isNull(scalar) else { return nil }
            let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty ? nil : value
        }
        var problems: [String] = []
        func date(_ key: String) -> Date? {
            guard let value = text(key) else { return nil }
            guard let date = DateParsing.parse(value) else {
                problems.append("front matter \(key) is not a date: \(value)")
                return nil
            }
            return date
        }
        id = text("id")
        title = text("title").map { $0.split(whereSeparator: \.isNewline).joined(separator: " ") }
        author = text("author")
        saved = date("date_saved")
        published = date("date_published")
        siteName = text("site_name") ?? text("site")
        originalURL = text("original_url") ?? text("url")
        description = text("description")
        state = text("state")
        self.problems = problems
        if let sequence = values["tags"]?.sequence {
            tags = sequence.compactMap { $0.scalar }.filter { !Self.isNull($0) }.map(\.string).filter { !$0.isEmpty }
        } else if let list = text("tags") {
            tags = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }
}

extension FrontMatter {
    /// YAML's null written plainly: `~`, `null`, `Null`, `NULL` (quoted, they are text).
    static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["~", "null", "Null", "NULL"].contains(scalar.string)
    }
}

/// Why a front matter block cannot be used.
enum FrontMatterProblem: Error, Equatable {
    case unterminated
    case tooLarge
    case invalidYAML(String)
    case notAMapping

    var message: String {
        switch self {
        case .unterminated: return "front matter opened with --- is never closed"
        case .tooLarge: return "front matter is larger than \(FrontMatter.maximumBytes / 1024) KB"
        case .invalidYAML(let reason): return "front matter is not valid YAML (\(reason))"
        case .notAMapping: return "front matter is not a mapping of keys to values"
        }
    }
}

extension StringProtocol {
    /// The text without trailing spaces, tabs and carriage returns.
    func trimmingTrailingWhitespace() -> Substring {
        var end = endIndex
        while end > startIndex {
            let previous = index(before: end)
            guard self[previous] == " " || self[previous] == "\t" || self[previous] == "\r" else { break }
            end = previous
        }
        return self[startIndex..<end] as? Substring ?? Substring(self[startIndex..<end])
    }
}
