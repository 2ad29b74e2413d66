import Foundation
import ZIPFoundation

/// Omnivore's account export: a zip (or the folder it unpacks to) of `metadata_<from>_to_<to>.json` batches (arrays of items),
/// `content/<slug>.html` with each article's readable HTML and `highlights/<slug>.md` with its
/// highlights, read in place. Items carry the paths `<zip>!content/<slug>.html`, so bodies are read lazily.
enum OmnivoreExport {
    /// Separates the zip file from the member inside it in an item's path.
    static let separator = "!"

    static func looksLikeZip(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    /// `archive.zip!content/a.html` → (archive.zip, content/a.html).
    static func entryPath(_ path: String) -> (archive: String, member: String)? {
        guard let range = path.range(of: ".zip" + separator) else { return nil }
        return (String(path[..<path.index(range.lowerBound, offsetBy: 4)]), String(path[range.upperBound...]))
    }

    static func read(_ member: String, in archivePath: String) throws -> [UInt8] {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: archivePath), accessMode: .read)
        } catch {
            throw LoadProblem(path: archivePath, message: "cannot open the zip: \(error)")
        }
        guard let entry = archive[member] else { throw LoadProblem(path: archivePath, message: "no \(member) in the zip") }
        return Array(try extract(entry, from: archive, archivePath: archivePath))
    }

    /// A member's bytes, never more than the article size cap: a member that says it is larger,
    /// or inflates past the cap whatever its header says (a zip bomb), is refused by name.
    static func extract(_ entry: Entry, from archive: Archive, archivePath: String) throws -> Data {
        let cap = Int(LibraryScanner.maximumFileSize)
        let tooLarge = LoadProblem(path: archivePath,
                                   message: "\(entry.path) inflates to more than the \(cap / 1_048_576) MB a saved article may be; not read")
        guard entry.uncompressedSize <= UInt64(cap) else { throw tooLarge }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: true) { chunk in
                guard data.count + chunk.count <= cap else { throw tooLarge }
                data.append(chunk)
            }
        } catch let problem as LoadProblem {
            throw problem
        } catch {
            throw LoadProblem(path: archivePath, message: "\(entry.path) cannot be read from the zip: \(error)")
        }
        return data
    }

    /// Where an export's members are: inside a zip, or beside an unpacked `metadata_*.json`.
    private struct Contents {
        var has: (String) -> Bool
        var read: (String) -> Data?
        /// The path an item keeps for a member (read back later by `Library.readFile`).
        var itemPath: (String) -> String
    }

    static func parse(path: String) -> ParsedFile {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            return ParsedFile(items: [], problems: [LoadProblem(path: path, message: "not a readable zip archive")])
        }
        var batches: [(name: String, entry: Entry)] = []
        var entries: [String: Entry] = [:]
        for entry in archive where entry.type == .file {
            guard entries[entry.path] == nil else { continue }
            entries[entry.path] = entry
            if isMetadataName(entry.path.split(separator: "/").last.map(String.init) ?? entry.path) {
                batches.append((entry.path, entry))
            }
        }
        guard !batches.isEmpty else {
            return ParsedFile(items: [], problems: [LoadProblem(path: path, message: "a zip without Omnivore metadata_*.json, skipped")])
        }
        /// Members too large or unreadable, reported once each after the batches.
        var unread: [LoadProblem] = []
        func extract(_ entry: Entry) -> Data? {
            do {
                return try OmnivoreExport.extract(entry, from: archive, archivePath: path)
            } catch {
                let problem = error as? LoadProblem ?? LoadProblem(path: path, message: "\(entry.path): \(error)")
                if !unread.contains(problem) { unread.append(problem) }
                return nil
            }
        }
        var result = ParsedFile(items: [], problems: [])
        let contents = Contents(has: { entries[$0] != nil }, read: { entries[$0].flatMap(extract) },
                                itemPath: { path + separator + $0 })
        var seen = Set<String>()
        for batch in batches.sorted(by: { $0.name < $1.name }) {
            parseBatch(extract(batch.entry), name: batch.name, origin: path, contents: contents, seen: &seen, into: &result)
        }
        result.problems += unread
        return result
    }

    /// An unpacked export: one `metadata_*.json` batch, its members beside it.
    static func parseUnpackedBatch(path: String, bytes: [UInt8]) -> ParsedFile {
        let base = FileIO.directory(of: path) + "/"
        let contents = Contents(has: { FileIO.isRegularFile(base + $0) },
                                read: { (try? FileIO.read(base + $0)).map { Data($0) } },
                                itemPath: { base + $0 })
        var result = ParsedFile(items: [], problems: [])
        var seen = Set<String>()
        parseBatch(Data(bytes), name: (path as NSString).lastPathComponent, origin: path, contents: contents,
                   seen: &seen, into: &result)
        return result
    }

    /// `metadata_0_to_999.json`: the batches an export is made of.
    static func isMetadataName(_ name: String) -> Bool {
        name.hasPrefix("metadata_") && name.hasSuffix(".json")
    }

    private static func parseBatch(_ data: Data?, name: String, origin: String, contents: Contents,
                                   seen: inout Set<String>, into result: inout ParsedFile) {
        guard let data, let objects = (try? JSONSerialization.jsonObject(with: data)) as? [Any] else {
            result.problems.append(LoadProblem(path: origin, message: "\(name) is not a JSON array of items"))
            return
        }
        for case let object as [String: Any] in objects {
            if let slug = object["slug"] as? String, !isSafeSlug(slug) {
                result.problems.append(LoadProblem(path: origin, message: "\(name): slug \(slug) leaves content/, its text is not read"))
            }
            guard let (article, archived) = item(object, contents: contents), seen.insert(article.id).inserted else { continue }
            let split = digestItems(article, contents: contents)
            result.items += split
            if archived { result.sourceMarks += split.map { MarkEntry(time: 0, operation: .read, id: $0.id) } }
            if let percent = (object["readingProgressPercent"] ?? object["readingProgress"]) as? Double, percent > 0 {
                let seen = ReadingPosition(seen: Int(percent * 100), block: -1, intoBlock: 0)
                result.sourceMarks.append(MarkEntry(time: 0, operation: .position, id: article.id, position: seen))
            }
        }
    }

    /// A round-up in the export splits into its news items as in the Markdown path; the items'
    /// bodies are ranges of the HTML document's top-level blocks.
    private static func digestItems(_ article: Item, contents: Contents) -> [Item] {
        guard article.body.format == .html, let data = contents.read(contentMember(article)) else { return [article] }
        return DigestSplitter.splitHTML(article, html: String(decoding: data, as: UTF8.self)) { BodyLocation(format: .html, lines: $0) }
    }

    /// `highlights/<slug>.md`, when the export has it (a Markdown file of its own).
    private static func highlights(slug: String, contents: Contents) -> BodyLocation? {
        let member = "highlights/\(slug).md"
        guard isSafeSlug(slug), contents.has(member) else { return nil }
        return BodyLocation(format: .markdown, lines: [0..<Int.max], path: contents.itemPath(member))
    }

    private static func contentMember(_ item: Item) -> String {
        item.path.range(of: "content/", options: .backwards).map { String(item.path[$0.lowerBound...]) } ?? ""
    }

    /// A slug names one file in `content/`: no folder separators, no `..`, no control characters.
    static func isSafeSlug(_ slug: String) -> Bool {
        !slug.isEmpty && slug != "." && slug != ".." && !slug.utf8.contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }
    }

    /// `<h2>` or `<h3>` whose text starts with `02`, however the HTML is indented: the cheap
    /// test for a round-up before the document is parsed.
    static func mayBeDigest(_ html: String) -> Bool {
        let bytes = Array(html.utf8)
        var index = 0
        while index + 4 < bytes.count {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "<"), bytes[index + 1] | 0x20 == UInt8(ascii: "h"),
                  bytes[index + 2] == UInt8(ascii: "2") || bytes[index + 2] == UInt8(ascii: "3") else { continue }
            var cursor = index + 3
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
            cursor += 1
            while cursor < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[cursor]) { cursor += 1 }
            if cursor + 1 < bytes.count, bytes[cursor] == UInt8(ascii: "0"), bytes[cursor + 1] == UInt8(ascii: "2") { return true }
        }
        return false
    }

    private static func item(_ object: [String: Any], contents: Contents) -> (Item, Bool)? {
        func text(_ key: String) -> String? {
            (object[key] as? String).flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let id = text("id") else { return nil }
        let slug = text("slug") ?? id
        let content = isSafeSlug(slug) ? "content/\(slug).html" : ""
        let saved = text("savedAt").flatMap(DateParsing.parse) ?? text("updatedAt").flatMap(DateParsing.parse)
            ?? Date(timeIntervalSince1970: 0)
        let labels = (object["labels"] as? [Any])?.compactMap { label -> String? in
            (label as? String) ?? ((label as? [String: Any])?["name"] as? String)
        } ?? []
        let url = text("url").map(LinkTargets.resolve)
        let hasContent = !content.isEmpty && contents.has(content)
        let body = hasContent ? BodyLocation(format: .html, lines: [0..<Int.max])
            : BodyLocation(format: .unavailable, lines: [])
        let named = TitleText.splitSiteSuffix(text("title") ?? slug, candidates: [text("author")].compactMap { $0 })
        var title = named.title
        if !hasContent, url?.lowercased().hasSuffix(".pdf") == true || text("contentReader") == "PDF" { title += "（PDF）" }
        let item = Item(id: id, kind: .article, title: title, author: text("author"),
                        site: named.site ?? url.flatMap { URLComponents(string: $0)?.host }, url: url, saved: saved,
                        published: text("publishedAt").flatMap(DateParsing.parse),
                        path: hasContent ? contents.itemPath(content) : contents.itemPath(""), tags: labels, body: body,
                        highlights: highlights(slug: slug, contents: contents),
                        amount: (object["wordsCount"] as? Int).map { TextAmount(characters: 0, words: $0) })
        return (item, text("state") == "Archived")
    }
}
