import Foundation
import Testing
@testable import Feeds

@Suite("Subscriptions: urls and OPML")
struct SubscriptionTests {
    private let newsboatFile = """
    # my feeds
    https://hills.example/feed.xml tech "long reads" "~山间小报"

    http://plain.example/rss
    "query:Unread:unread = \\"yes\\"" reading
    exec:~/bin/make-feed.sh
    filter:~/bin/clean.py:https://filtered.example/feed
    ftp://old.example/feed.xml
    https://hills.example/feed.xml again
    https://hidden.example/atom ! hidden
    """

    @Test("newsboat's format: tags, quoted tags, ~Name, comments; unsupported lines reported by number")
    func newsboatFormat() {
        let list = Subscriptions(text: newsboatFile)
        #expect(list.feeds == [
            Subscription(url: "https://hills.example/feed.xml", tags: ["tech", "long reads"], name: "山间小报", line: 2),
            Subscription(url: "http://plain.example/rss", line: 4),
            Subscription(url: "https://hidden.example/atom", tags: ["hidden"], line: 10),
        ])
        #expect(list.problems == [
            "line 5: query feeds are newsboat's; tsundoku skips them",
            "line 6: exec feeds are newsboat's; tsundoku skips them",
            "line 7: filter feeds are newsboat's; tsundoku skips them",
            "line 8: ftp://old.example/feed.xml is not an http or https URL; skipped",
            "line 9: https://hills.example/feed.xml is listed twice; the first line is used",
        ])
        let windows = Subscriptions(text: "https://a.example/feed 新闻\r\nhttps://b.example/rss\r\n")
        #expect(windows.feeds.map(\.url) == ["https://a.example/feed", "https://b.example/rss"] && windows.problems.isEmpty)
        #expect(windows.feeds.first?.tags == ["新闻"], "a file with CRLF line ends reads the same")
    }

    @Test("A URL with a quote or a space inside is refused, not written back as another line (found by fuzzing)")
    func quotesInsideAURL() {
        let list = Subscriptions(text: "https://a.example/x\"y z\" \"~名字\"\n")
        #expect(list.feeds.isEmpty)
        #expect(list.problems.first?.hasPrefix("line 1: https://a.example/xy z is not an http or https URL") == true, "\(list.problems)")
    }

    @Test("A tag that starts with a combining mark stays a tag of its own when written and read back (found by fuzzing)")
    func combiningMarkAfterASpace() {
        var list = Subscriptions(text: "")
        _ = list.add(Subscription(url: "https://a.example/feed", tags: ["甲", "\u{0746}乙", "a b\\\u{07F2}c"]))
        #expect(Subscriptions(text: list.text).feeds.first?.tags == ["甲", "\u{0746}乙", "a b\\\u{07F2}c"],
                "a backslash before a combining mark is escaped too")
    }

    @Test("A moved feed's line is rewritten with its tags and name; every other line stays as it was")
    func moveKeepsTheLine() {
        var list = Subscriptions(text: newsboatFile)
        list.move("https://hills.example/feed.xml", to: "https://hills.example/new.xml")
        let expected = newsboatFile.replacingOccurrences(of: "https://hills.example/feed.xml tech",
                                                         with: "https://hills.example/new.xml tech") + "\n"
        #expect(list.text == expected)
        #expect(Subscriptions(text: list.text).feeds.first?.tags == ["tech", "long reads"])
    }

    @Test("Adding writes a line newsboat reads back the same; a feed already followed is not added twice")
    func addRoundTrip() {
        var list = Subscriptions(text: "")
        let added = list.add(Subscription(url: "https://a.example/feed", tags: ["two words", "say \"hi\""], name: "名 字"))
        let addedTwice = list.add(Subscription(url: "https://a.example/feed"))
        #expect(added && !addedTwice)
        let reread = Subscriptions(text: list.text)
        #expect(reread.feeds == [Subscription(url: "https://a.example/feed", tags: ["two words", "say \"hi\""], name: "名 字", line: 1)])
    }

    @Test("OPML: nested outlines and categories become tags; export and import give the same list")
    func opml() throws {
        let document = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0"><head><title>mine</title></head><body>
          <outline text="科技">
            <outline type="rss" text="山间小报" xmlUrl="https://hills.example/feed.xml" category="/news/daily,weekly"/>
            <outline text="深处"><outline type="rss" title="Deep &amp; Far" xmlUrl="https://deep.example/atom"/></outline>
          </outline>
          <outline type="rss" text="无分类" xmlUrl="https://plain.example/rss"/>
        </body></opml>
        """
        let feeds = try OPML.subscriptions(from: Array(document.utf8)).get()
        #expect(feeds == [
            Subscription(url: "https://hills.example/feed.xml", tags: ["科技", "news", "daily", "weekly"], name: "山间小报"),
            Subscription(url: "https://deep.example/atom", tags: ["科技", "深处"], name: "Deep & Far"),
            Subscription(url: "https://plain.example/rss", tags: [], name: "无分类"),
        ])
        let exported = OPML.document(feeds, titles: [:])
        #expect(try OPML.subscriptions(from: Array(exported.utf8)).get().map(\.url) == feeds.map(\.url))
        #expect(try OPML.subscriptions(from: Array(exported.utf8)).get().map(\.name) == feeds.map(\.name))
        #expect(exported.contains("category=\"科技,深处\""))
        guard case .failure(let problem) = OPML.subscriptions(from: Array("<html/>".utf8)) else {
            Issue.record("HTML read as OPML")
            return
        }
        #expect(problem.description == "not OPML: no <opml> with a <body>")
    }
}
