import Foundation

/// A cache of what each library file parsed to, keyed by path and invalidated by size and
/// modification time, so start-up reads one file instead of parsing thousands.
///
/// Text format, one record a line, fields separated by tabs (`\t`, `\n` and `\` escaped):
/// `F path size mtime` opens a file's record, followed by its `I` item lines or one `E` problem.
struct MetadataIndex {
    /// Bumped whenever parsing changes what it produces, so old caches are ignored.
    static let formatVersion = "tsundoku-index 5"

    /// What one file parsed to.
    struct Entry {
        var size: Int64
        var modified: Int64
        var result: ParsedFile
    }

    var entries: [String: Entry] = [:]

    init() {}

    /// Reads the cache; a missing, old or unreadable cache is simply empty.
    init(path: String) {
        guard let bytes = try? FileIO.readIfPresent(path) else { return }
        let header = Array(Self.formatVersion.utf8) + [0x0A]
        guard bytes.starts(with: header) else { return }
        entries.reserveCapacity(bytes.count / 300)
        var currentPath: String?
        var current: Entry?
        var items: [Item] = []
        func finish() {
            guard let path = currentPath, var entry = current else { return }
            entry.result.items = items
            entries[path] = entry
        }
        var fields: [String] = []
        var lineStart = header.count
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            fields.removeAll(keepingCapacity: true)
            var fieldStart = lineStart
            for position in lineStart...lineEnd where position == lineEnd || bytes[position] == 0x09 {
                fields.append(Self.unescape(bytes[fieldStart..<position]))
                fieldStart = position + 1
            }
            lineStart = lineEnd + 1
            switch fields.first {
            case "F" where fields.count == 4:
                finish()
                items.removeAll()
                currentPath = fields[1]
                current = Int64(fields[2]).flatMap { size in
                    Int64(fields[3]).map { Entry(size: size, modified: $0, result: ParsedFile(items: [], problems: [])) }
                }
            case "E" where fields.count == 2:
                if let path = currentPath { current?.result.problems.append(LoadProblem(path: path, message: fields[1])) }
            case "M" where fields.count == 3:
                if let operation = MarkEntry.Operation(rawValue: fields[1]) {
                    current?.result.sourceMarks.append(MarkEntry(time: 0, operation: operation, id: fields[2]))
                }
            case "I":
                if let path = currentPath, let item = Self.item(fields, path: path) { items.append(item) }
            default:
                continue
            }
        }
        finish()
    }

    func lookup(_ file: ScannedFile) -> ParsedFile? {
        guard let entry = entries[file.path], entry.size == file.size, entry.modified == file.modified else { return nil }
        return entry.result
    }

    func write(to path: String) throws {
        var text = Self.formatVersion + "\n"
        for (file, entry) in entries.sorted(by: { $0.key < $1.key }) {
            text += Self.line(["F", file, String(entry.size), String(entry.modified)])
            for problem in entry.result.problems { text += Self.line(["E", problem.message]) }
            for mark in entry.result.sourceMarks { text += Self.line(["M", mark.operation.rawValue, mark.id]) }
            for item in entry.result.items { text += Self.line(Self.fields(item)) }
        }
        try FileIO.createDirectories(FileIO.directory(of: path))
        try FileIO.replace(path, with: Array(text.utf8))
    }

    private static func fields(_ item: Item) -> [String] {
        ["I", item.id, item.parent ?? "", item.kind.rawValue, item.title, item.author ?? "", item.site ?? "",
         item.url ?? "", String(item.saved.timeIntervalSince1970), item.published.map { String($0.timeIntervalSince1970) } ?? "",
         item.position.map(String.init) ?? "", item.tags.joined(separator: "\u{1F}"), item.body.format.rawValue,
         ranges(item.body.lines), item.highlights.map { ranges($0.lines) } ?? "",
         item.highlights?.format.rawValue ?? ""]
    }

    private static func item(_ fields: [String], path: String) -> Item? {
        guard fields.count == 16, let kind = Item.Kind(rawValue: fields[3]), let saved = Double(fields[8]),
              let format = BodyLocation.Format(rawValue: fields[12]) else { return nil }
        func optional(_ text: String) -> String? { text.isEmpty ? nil : text }
        return Item(id: fields[1], parent: optional(fields[2]), kind: kind, title: fields[4], author: optional(fields[5]),
                    site: optional(fields[6]), url: optional(fields[7]), saved: Date(timeIntervalSince1970: saved),
                    published: Double(fields[9]).map(Date.init(timeIntervalSince1970:)), path: path,
                    position: Int(fields[10]), tags: fields[11].isEmpty ? [] : fields[11].components(separatedBy: "\u{1F}"),
                    body: BodyLocation(format: format, lines: ranges(fields[13])),
                    highlights: fields[14].isEmpty ? nil
                        : BodyLocation(format: BodyLocation.Format(rawValue: fields[15]) ?? .markdown, lines: ranges(fields[14])))
    }

    private static func ranges(_ ranges: [Range<Int>]) -> String {
        ranges.map { "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ",")
    }

    private static func ranges(_ text: String) -> [Range<Int>] {
        text.split(separator: ",").compactMap { part in
            let bounds = part.split(separator: "-")
            guard bounds.count == 2, let lower = Int(bounds[0]), let upper = Int(bounds[1]), lower <= upper else { return nil }
            return lower..<upper
        }
    }

    private static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: "\t") + "\n"
    }

    private static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x5C || $0 == 0x0D }) else { return field }
        return field.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }

    private static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard bytes.contains(0x5C) else { return text }
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "t": result.append("\t")
                case "n": result.append("\n")
                case "r": result.append("\r")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
