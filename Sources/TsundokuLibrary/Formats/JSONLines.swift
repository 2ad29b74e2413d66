import Foundation

/// JSON Lines item files: one item per line, as other tools hand them over and as `export`
/// writes them. Schema (all but `id` optional): `id`, `title`, `url`, `author`, `site`,
/// `published`, `saved` (ISO 8601), `tags`, the body as `markdown`, `text` or `html`,
/// `highlights` (Markdown), `parent`
/// and `position` for digest items, and `read`, `starred`. A bad line is reported with its line
/// number; the other lines load.
public enum JSONLines {
    /// A file whose first non-blank character opens a JSON object.
    static func looksLikeJSONLines(_ bytes: [UInt8]) -> Bool {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        return body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{")
    }

    /// The file's items; `modified` (the file's modification time) dates items that carry no date.
    static func parse(bytes: [UInt8], path: String, modified: Date) -> ParsedFile {
        guard case .success(let text) = TextDecoding.decode(bytes) else {
            return ParsedFile(items: [], problems: [LoadProblem(path: path, message: "JSON Lines file is not valid UTF-8")])
        }
        var items: [Item] = []
        var lineNumbers: [Int] = []
        /// The HTML of each item whose only body is HTML: a round-up among them splits below.
        var htmlBodies: [String?] = []
        var undated = Set<Int>()
        var firstLine: [String: Int] = [:]
        var problems: [LoadProblem] = []
        var marks: [MarkEntry] = []
        func report(_ line: Int, _ reason: String) { problems.append(LoadProblem(path: path, message: "line \(line): \(reason)")) }
        for (index, line) in SourceLines.split(text).enumerated() where !line.trimmed.isEmpty {
            switch item(line, lineIndex: index, path: path, modified: modified) {
            case .success(let (item, read, starred, dated, html)):
                if let first = firstLine[item.id] {
                    report(index + 1, "same id \(item.id) as line \(first), skipped")
                    continue
                }
                firstLine[item.id] = index + 1
                if !dated { undated.insert(items.count) }
                items.append(item)
                lineNumbers.append(index + 1)
                htmlBodies.append(html)
                if let read { marks.append(MarkEntry(time: 0, operation: read ? .read : .unread, id: item.id)) }
                if let starred { marks.append(MarkEntry(time: 0, operation: starred ? .star : .unstar, id: item.id)) }
            case .failure(let reason): report(index + 1, reason.reason)
            }
        }
        let parentOf = Dictionary(items.map { ($0.id, $0.parent) }, uniquingKeysWith: { first, _ in first })
        for index in items.indices {
            guard let parent = items[index].parent else { continue }
            let reason: String? = parent == items[index].id ? "is its own parent"
                : parentOf[parent] == nil ? "names a parent \(parent) that is not in the file"
                : parentOf[parent]! != nil ? "names a parent \(parent) that is itself a digest item"
                : nil
            guard let reason else { continue }
            report(lineNumbers[index], "\(items[index].id) \(reason); shown as an article")
            items[index].parent = nil
            items[index].position = nil
            items[index].kind = .article
        }
        let parents = Set(items.compactMap(\.parent))
        for index in items.indices where items[index].parent == nil && parents.contains(items[index].id) {
            items[index].kind = .digest
        }
        let savedOf = Dictionary(items.map { ($0.id, $0.saved) }, uniquingKeysWith: { first, _ in first })
        for index in undated {
            if let parent = items[index].parent, let saved = savedOf[parent] { items[index].saved = saved }
        }
        items = items.indices.flatMap { index in
            guard items[index].kind == .article, let html = htmlBodies[index] else { return [items[index]] }
            return DigestSplitter.splitHTML(items[index], html: html) { BodyLocation(format: .jsonLine, lines: items[index].body.lines, htmlBlocks: $0) }
        }
        return ParsedFile(items: items, problems: problems.sorted { $0.message.lineNumber < $1.message.lineNumber },
                          sourceMarks: marks)
    }

    private static func object(_ line: Substring) -> Result<[String: Any], LineProblem> {
        guard let data = line.data(using: .utf8),
              let value = try? JSONSerialization.jsonObject(with: data) else { return .failure(LineProblem("not valid JSON")) }
        guard let object = value as? [String: Any] else { return .failure(LineProblem("not a JSON object")) }
        return .success(object)
    }

    private static func item(_ line: Substring, lineIndex: Int, path: String, modified: Date)
        -> Result<(item: Item, read: Bool?, starred: Bool?, dated: Bool, html: String?), LineProblem> {
        let object: [String: Any]
        switch Self.object(line) {
        case .success(let value): object = value
        case .failure(let reason): return .failure(reason)
        }
        func text(_ key: String) -> String? {
            if let value = object[key] as? String, !value.isEmpty { return value }
            if let number = object[key] as? NSNumber, !(object[key] is Bool) { return number.stringValue }
            return nil
        }
        guard let id = text("id") else { return .failure(LineProblem("no \"id\"")) }
        for key in ["saved", "published"] {
            if let value = text(key), DateParsing.parse(value) == nil { return .failure(LineProblem("\"\(key)\" is not an ISO 8601 date: \(value)")) }
        }
        func firstLineOfBody() -> String? {
            let body = text("markdown") ?? text("text") ?? text("html").map { HTMLDocument.parse($0).blocks.first?.readableText ?? "" }
            return body?.split(separator: "\n").first.map(String.init)
        }
        let title = text("title") ?? TitleText.shortened(firstLineOfBody() ?? id)
        let saved = text("saved").flatMap(DateParsing.parse) ?? text("published").flatMap(DateParsing.parse) ?? modified
        let parent = text("parent")
        let item = Item(id: id, parent: parent, kind: parent == nil ? .article : .digestItem, title: title,
                             author: text("author"), site: text("site"), url: text("url"), saved: saved,
                             published: text("published").flatMap(DateParsing.parse), path: path,
                             position: (object["position"] as? NSNumber)?.intValue,
                             tags: (object["tags"] as? [Any])?.compactMap { $0 as? String } ?? [],
                             body: BodyLocation(format: .jsonLine, lines: [lineIndex..<lineIndex + 1]),
                             highlights: text("highlights") == nil ? nil
                                 : BodyLocation(format: .jsonLineHighlights, lines: [lineIndex..<lineIndex + 1]),
                             amount: (text("markdown") ?? text("text")).map { TextAmount.of($0) })
        let onlyHTML = text("markdown") == nil && text("text") == nil ? text("html") : nil
        return .success((item, object["read"] as? Bool, object["starred"] as? Bool, text("saved") != nil || text("published") != nil,
                         onlyHTML))
    }

    /// The body field of one JSON Lines item and its text.
    static func bodySource(fromLine line: String, path: String,
                           fields: [String] = ["markdown", "text", "html"]) throws -> (field: String, text: String) {
        guard case .success(let object) = object(Substring(line)) else {
            throw LoadProblem(path: path, message: "changed since it was loaded and is no longer valid JSON")
        }
        for field in fields {
            if let text = object[field] as? String { return (field, text) }
        }
        return ("text", "")
    }

    /// The body of one JSON Lines item.
    static func document(fromLine line: String, path: String, field: String? = nil) throws -> Document {
        guard case .success(let object) = object(Substring(line)) else {
            throw LoadProblem(path: path, message: "changed since it was loaded and is no longer valid JSON")
        }
        if let field { return MarkdownDocument.parse(object[field] as? String ?? "") }
        if let markdown = object["markdown"] as? String { return MarkdownDocument.parse(markdown) }
        if let text = object["text"] as? String { return PlainTextDocument.parse(SourceLines.split(text)) }
        if let html = object["html"] as? String { return HTMLDocument.parse(html) }
        return Document(blocks: [])
    }

    /// The top-level blocks of a document that a digest's news item shows.
    static func blocks(_ ranges: [Range<Int>]?, of document: Document) -> Document {
        guard let ranges else { return document }
        return Document(blocks: ranges.flatMap { $0.clamped(to: 0..<document.blocks.count).map { document.blocks[$0] } })
    }
}

private extension String {
    /// N of a `line N: ...` message, for keeping a file's problems in line order.
    var lineNumber: Int {
        Int(dropFirst(5).prefix { $0.isNumber }) ?? 0
    }
}

/// Why one line of a JSON Lines file is not an item.
struct LineProblem: Error {
    var reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
