import Foundation
import TsundokuLibrary

/// The feeds folder: one JSON Lines file of items per feed (`<key>.jsonl`, a format the library
/// already reads, so feed items need no code of their own anywhere else) and a hidden
/// `.<key>.json` record of its fetches. Items are merged by entry id under a lock and written
/// atomically: an entry the feed later drops keeps its place and its marks, a changed entry is
/// updated in place and keeps its id, so it never becomes unread again.
public struct FeedStore: Sendable {
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// Every feed's record, by URL.
    public func records() -> [String: FeedRecord] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var result: [String: FeedRecord] = [:]
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        for name in names where name.hasPrefix(".") && name.hasSuffix(".json") {
            guard let bytes = try? FileIO.readIfPresent(folder + "/" + name),
                  let record = try? decoder.decode(FeedRecord.self, from: Data(bytes)) else { continue }
            result[record.url] = record
        }
        return result
    }

    /// The record of `url`, or a new one with a key made from its host and a hash of the URL.
    public func record(for url: String, in records: [String: FeedRecord]) -> FeedRecord {
        if let record = records[url] { return record }
        let host = (URL(string: url)?.host ?? "feed").filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
        return FeedRecord(key: String(host.prefix(40)) + "-" + ContentHash.hex(url.utf8).prefix(8), url: url)
    }

    public func itemsPath(_ key: String) -> String { folder + "/" + key + ".jsonl" }

    public func save(_ record: FeedRecord) throws {
        try FileIO.createDirectories(folder)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        try FileIO.replace(folder + "/." + record.key + ".json", with: Array(try encoder.encode(record)))
    }

    /// What a merge changed.
    public struct Merge: Sendable, Equatable {
        public var added: Int
        public var updated: Int
    }

    /// Merges `entries` into the feed's items file. `name` and `tags` are written on every item
    /// of the feed (so a rename or new tags in `urls` reach items the feed no longer lists).
    public func merge(_ entries: [FeedEntry], into record: FeedRecord, name: String, tags: [String], now: Date) throws -> Merge {
        try FileIO.createDirectories(folder)
        return try FileIO.withLock(folder + "/.lock", exclusive: true) {
            let path = itemsPath(record.key)
            var order: [String] = []
            var lines: [String: Line] = [:]
            for (offset, text) in String(decoding: try FileIO.readIfPresent(path) ?? [], as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
                let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
                let id = object?["id"] as? String ?? "unreadable line \(offset)"
                guard lines[id] == nil else { continue }
                order.append(id)
                lines[id] = object.map(Line.item) ?? .kept(String(text))
            }
            var merge = Merge(added: 0, updated: 0)
            for entry in entries {
                let id = record.key + ":" + ContentHash.hex(entry.identity.utf8)
                var object = Self.object(for: entry, id: id, feedURL: record.url, now: now)
                if case .item(let old)? = lines[id] {
                    object["saved"] = old["saved"] ?? object["saved"]
                    if !Self.sameContent(old, object) { merge.updated += 1 }
                } else if lines[id] == nil {
                    order.append(id)
                    merge.added += 1
                }
                lines[id] = .item(object)
            }
            var output: [UInt8] = []
            for id in order {
                switch lines[id]! {
                case .kept(let text): output += Array(text.utf8)
                case .item(var object):
                    object["site"] = name
                    object["tags"] = tags
                    output += try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                }
                output.append(0x0A)
            }
            try FileIO.replace(path, with: output)
            return merge
        }
    }

    /// One line of an items file: an item, or a line that could not be read, kept as it was.
    private enum Line {
        case item([String: Any])
        case kept(String)
    }

    private static func sameContent(_ old: [String: Any], _ new: [String: Any]) -> Bool {
        ["title", "url", "author", "published", "html"].allSatisfy { (old[$0] as? String) == (new[$0] as? String) }
    }

    /// The JSON Lines item of an entry, in the schema the library reads.
    static func object(for entry: FeedEntry, id: String, feedURL: String, now: Date) -> [String: Any] {
        var object: [String: Any] = ["id": id, "feed": feedURL, "entry": entry.identity]
        if !entry.title.isEmpty { object["title"] = entry.title }
        if let link = entry.link { object["url"] = link }
        if let author = entry.author { object["author"] = author }
        if let published = entry.published { object["published"] = DateParsing.iso8601(published) }
        object["saved"] = DateParsing.iso8601(min(entry.published ?? now, now))
        var html = entry.base.map { "<base href=\"\(HTMLText.escaped($0))\">" } ?? ""
        html += entry.html
        if !entry.enclosures.isEmpty {
            html += "\n<ul>" + entry.enclosures.map { enclosure in
                let details = [enclosure.type, enclosure.length.map(ByteCount.text)].compactMap { $0 }.joined(separator: ", ")
                let link = HTMLText.escaped(enclosure.url)
                return "<li><a href=\"\(link)\">\(link)</a>" + (details.isEmpty ? "" : " (\(HTMLText.escaped(details)))") + "</li>"
            }.joined() + "</ul>"
        }
        object["html"] = html
        return object
    }
}

/// A size for people: whole megabytes when it is a whole number of them (a cap), else one
/// decimal (`11.8 MB`), kilobytes below a megabyte.
public enum ByteCount {
    public static func text(_ bytes: Int) -> String {
        guard bytes >= 1_048_576 else { return "\(max(1, bytes / 1024)) KB" }
        return bytes % 1_048_576 == 0 ? "\(bytes / 1_048_576) MB" : String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
