import Foundation
import Testing
@testable import Feeds

@Suite("Feed formats")
struct FeedParsingTests {
    private func parse(_ text: String, url: String = "https://hills.example/feed.xml") throws -> FeedDocument {
        try FeedParser.parse(Array(text.utf8), url: url).get()
    }

    @Test("RSS 2.0: content:encoded before description, titles decoded once, links resolved, enclosures kept")
    func rss2() throws {
        let feed = try parse(FeedFixtures.rss2)
        #expect(feed.format == .rss2)
        #expect(feed.title == "山间小报")
        #expect(feed.entries.count == 3)
        let first = feed.entries[0]
        #expect(first.title == "3 个新站点 & 一条 旧消息")
        #expect(first.identity == "hills-3")
        #expect(first.link == "https://hills.example/news/3")
        #expect(first.author == "林间")
        #expect(first.html.contains("山里新开了三个站点"))
        #expect(!first.html.contains("只是摘要"))
        #expect(first.published == Date(timeIntervalSince1970: 1_709_627_400))
        #expect(first.enclosures == [Enclosure(url: "https://hills.example/audio/3.mp3", type: "audio/mpeg", length: 3_145_728)])
        #expect(feed.entries[1].title == "粗体标题")
        #expect(feed.entries[1].html == "<p>第二条的<em>正文</em></p>")
        #expect(feed.entries[1].published == Date(timeIntervalSince1970: 1_709_604_000))
        #expect(feed.entries[1].identity == "https://hills.example/news/2 Mon, 04 Mar 24 21:00 EST")
        #expect(feed.entries[2].published == nil)
        #expect(feed.entries[2].unreadableDate == "someday soon")
        #expect(feed.entries[2].identity == "没有链接也没有 guid someday soon")
    }

    @Test("RSS 1.0 (RDF): items beside the channel, dc:date, rdf:about as identity")
    func rss1() throws {
        let feed = try parse(FeedFixtures.rss1)
        #expect(feed.format == .rss1)
        #expect(feed.title == "RDF 周刊")
        #expect(feed.entries.map(\.identity) == ["https://rdf.example/1"])
        #expect(feed.entries[0].published == Date(timeIntervalSince1970: 1_709_604_000))
        #expect(feed.entries[0].html == "RDF 的正文")
    }

    @Test("Atom: xml:base on feed and entry, content before summary, xhtml and text constructs")
    func atom() throws {
        let feed = try parse(FeedFixtures.atom)
        #expect(feed.format == .atom)
        #expect(feed.title == "原子 <博客>")
        let first = feed.entries[0]
        #expect(first.link == "https://atom.example/blog/2024/first.html")
        #expect(first.base == "https://atom.example/blog/2024/")
        #expect(first.enclosures.map(\.url) == ["https://atom.example/blog/2024/pic.png"])
        #expect(first.html == "<p>正文有<a href=\"more.html\">更多</a></p>")
        #expect(first.published == Date(timeIntervalSince1970: 1_709_625_600))
        #expect(first.author == "作者甲")
        #expect(feed.entries[1].link == "https://atom.example/blog/second.html")
        #expect(feed.entries[1].html.contains("<p>段落<b>加粗</b></p>"))
        #expect(feed.entries[1].published == Date(timeIntervalSince1970: 1_709_769_600))
        #expect(feed.entries[2].html == "<p>纯文本摘要 &lt;不是标签&gt;</p>")
    }

    @Test("JSON Feed 1.1: numeric ids, authors, attachments, text bodies escaped, null fields")
    func jsonFeed() throws {
        let feed = try parse(FeedFixtures.jsonFeed, url: "https://json.example/feed.json")
        #expect(feed.format == .jsonFeed)
        #expect(feed.entries.count == 3)
        #expect(feed.entries[0].identity == "101")
        #expect(feed.entries[0].link == "https://json.example/posts/101")
        #expect(feed.entries[0].author == "甲, 乙")
        #expect(feed.entries[0].html == "<p>HTML 正文</p>")
        #expect(feed.entries[0].enclosures.first?.type == "audio/mpeg")
        #expect(feed.entries[1].author == "丙")
        #expect(feed.entries[1].html == "<p>第一段</p>\n<p>第二段 &lt;不是标签&gt;</p>")
        #expect(feed.entries[2].identity == "https://json.example/3 not a date")
        #expect(feed.entries[2].unreadableDate == "not a date")
    }

    @Test("Dates in the forms feeds use", arguments: [
        ("Tue, 05 Mar 2024 08:30:00 GMT", 1_709_627_400.0),
        ("05 Mar 2024 08:30:00 +0000", 1_709_627_400),
        ("Tue, 5 Mar 2024 16:30:00 +0800", 1_709_627_400),
        ("Tue, 05 Mar 2024 02:30:00 CST", 1_709_627_400),
        ("Tue, 05 Mar 2024 03:30:00 EST", 1_709_627_400),
        ("Tue, 05 Mar 24 08:30 GMT", 1_709_627_400),
        ("Tue, 05 Mar 2024 08:30:00", 1_709_627_400),
        ("Tue, 05 Mar 2024 08:30:00 UT", 1_709_627_400),
        ("2024-03-05T08:30:00Z", 1_709_627_400),
        ("2024-03-05T16:30:00.250+08:00", 1_709_627_400.25),
        ("Sat, 01 Jan 00 00:00:00 GMT", 946_684_800),
        ("Thu, 31 Dec 99 00:00:00 GMT", 946_598_400),
    ])
    func dates(text: String, seconds: Double) {
        #expect(FeedDates.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test("Broken dates are nil, not guesses", arguments: ["", "yesterday", "Tue, 31 Feb 2024 08:30:00 GMT",
                                                            "Tue, 05 Mar 2024 25:30:00 GMT", "05 Mar 2024 08:30 XYZ"])
    func brokenDates(text: String) {
        #expect(FeedDates.parse(text) == nil)
    }

    @Test("GBK, GB2312, GB18030 and Big5 feeds are converted, not mangled", arguments: [
        ("GBK", "GBK", "繁體與简体：「引號」测试"), ("gb2312", "GBK", "简体：「引号」测试"),
        ("GB18030", "GB18030", "繁體與简体：「引號」测试𠀀"), ("Big5", "BIG5", "繁體中文：「引號」測試"),
    ])
    func chineseEncodings(declared: String, actual: String, title: String) throws {
        let bytes = FeedFixtures.encoded(FeedFixtures.chineseRSS(declaring: declared, title: title), as: actual)
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        let feed = try FeedParser.parse(bytes, url: nil).get()
        #expect(feed.title == "中文新聞")
        #expect(feed.entries.first?.title == title)
    }

    @Test("The HTTP charset is used when the feed declares nothing; a BOM wins over everything")
    func encodingOrder() throws {
        let gbk = FeedFixtures.encoded(FeedFixtures.chineseRSS(declaring: nil), as: "GBK")
        #expect(try FeedParser.parse(gbk, url: nil, httpCharset: "gbk").get().title == "中文新聞")
        let utf8Declared = Array(FeedFixtures.chineseRSS(declaring: "ISO-8859-1").utf8)
        #expect(try FeedParser.parse(utf8Declared, url: nil).get().title == "中文新聞")
        let utf16 = [0xFF, 0xFE] + FeedFixtures.encoded(FeedFixtures.chineseRSS(declaring: "UTF-16"), as: "UTF-16LE")
        #expect(try FeedParser.parse(utf16, url: nil, httpCharset: "gbk").get().title == "中文新聞")
    }

    @Test("What is not a feed is refused with a reason", arguments: [
        ("<rss><channel><title>x</title><item></channel></rss>", "malformed XML: line 1"),
        ("<html><body>hello</body></html>", "not a feed: the document is <html>"),
        ("", "empty response"),
        ("{\"version\": 3}", "not a JSON Feed"),
        ("just text", "not a feed"),
    ])
    func notFeeds(text: String, reason: String) {
        guard case .failure(let problem) = FeedParser.parse(Array(text.utf8), url: nil) else {
            Issue.record("parsed: \(text)")
            return
        }
        #expect(problem.description.hasPrefix(reason))
    }

    @Test("Entities are not expanded from a DTD and nothing is fetched from the network")
    func noEntityExpansion() throws {
        let hostile = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd"><!ENTITY big "BIGBIGBIGBIG">]>
        <rss version="2.0"><channel><title>t</title><item><title>a &secret; b</title><guid>1</guid></item></channel></rss>
        """
        let feed = try parse(hostile)
        #expect(feed.entries.first.map { !$0.title.contains("root:") } == true)
    }

    @Test("Identity: guid, else link and date, else link, else title and date")
    func identity() {
        #expect(FeedEntry.identity(id: "g", link: "l", date: "d", title: "t") == "g")
        #expect(FeedEntry.identity(id: nil, link: "l", date: "d", title: "t") == "l d")
        #expect(FeedEntry.identity(id: "", link: "l", date: nil, title: "t") == "l")
        #expect(FeedEntry.identity(id: nil, link: nil, date: "d", title: "t") == "t d")
    }
}
