import Foundation
@testable import Feeds
@testable import ReaderCore
@testable import TsundokuLibrary

/// The feed formats and the subscription files, fed arbitrary bytes.
extension FuzzTargets {
    /// Any bytes as a feed: what parses is stored as a JSON Lines item the library reads back
    /// with the same id and title, and whose body lays out with no control character on screen.
    static func feed(_ bytes: [UInt8]) {
        let (width, rest) = widthAndRest(bytes)
        guard case .success(let document) = FeedParser.parse(rest, url: "https://fuzz.example/feed.xml", httpCharset: "gbk") else { return }
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        for entry in document.entries.prefix(20) {
            let id = "fuzz:" + ContentHash.hex(entry.identity.utf8)
            let object = FeedStore.object(for: entry, id: id, feedURL: "https://fuzz.example/feed.xml", now: now)
            guard let line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
                require(false, "an entry is always storable")
                return
            }
            require(!line.contains(0x0A) && !line.contains(0x0D), "an entry is one line")
            let parsed = JSONLines.parse(bytes: Array(line), path: "/fuzz/feed.jsonl", modified: now)
            require(parsed.problems.isEmpty, "a stored entry reads back without problems: \(parsed.problems)")
            guard let item = parsed.items.first else {
                require(false, "a stored entry reads back as an item")
                return
            }
            require(item.id == id, "the id survives")
            if !entry.title.isEmpty { require(item.title == entry.title, "the title survives whole") }
            require(item.saved <= now, "no entry is saved in the future")
            for part in parsed.items {
                guard let body = try? Library.document(for: part, in: String(decoding: line, as: UTF8.self)) else { continue }
                checkView(ArticleView(item: part, document: body, width: width, strings: strings), "feed")
            }
        }
    }

    /// Any bytes as a `urls` file and as OPML: what is read writes back and reads again the same.
    static func subscriptions(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let list = Subscriptions(text: text)
        require(Subscriptions(text: list.text).feeds == list.feeds, "the urls file reads back the same after a rewrite")
        var rebuilt = Subscriptions(text: "")
        for feed in list.feeds {
            _ = rebuilt.add(Subscription(url: feed.url, tags: feed.tags, name: feed.name))
        }
        require(Subscriptions(text: rebuilt.text).feeds.map(\.url) == list.feeds.map(\.url), "written lines keep their URLs")
        for (written, read) in zip(Subscriptions(text: rebuilt.text).feeds, list.feeds) {
            require(written.tags == read.tags.map(Subscriptions.oneLine), "written lines keep their tags: \(read.tags)")
        }
        guard case .success(let feeds) = OPML.subscriptions(from: bytes) else { return }
        let exported = OPML.document(feeds, titles: [:])
        guard case .success(let again) = OPML.subscriptions(from: Array(exported.utf8)) else {
            require(false, "an exported OPML document reads back")
            return
        }
        require(again.count == feeds.count, "every exported feed reads back")
    }
}
