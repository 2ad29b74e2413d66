import Foundation
import LoopbackHTTP
import Testing

/// `tsundoku feeds` and `tsundoku fetch` as a user runs them, against feeds served on loopback by
/// the test itself.
@Suite struct FeedCommandTests {
    let cli = CLIRunner()

    private static let hills = """
    <?xml version="1.0" encoding="UTF-8"?>
    <rss version="2.0"><channel><title>山间小报</title><link>https://hills.example/</link>
    <item><title>新站点开张</title><link>https://hills.example/1</link><guid>h1</guid>
      <pubDate>Tue, 05 Mar 2024 08:30:00 GMT</pubDate><description>&lt;p&gt;山里新开了站点。&lt;/p&gt;</description></item>
    <item><title>2 条旧消息</title><link>https://hills.example/2</link><guid>h2</guid>
      <pubDate>Mon, 04 Mar 2024 08:30:00 GMT</pubDate><description>第二条。</description></item>
    </channel></rss>
    """

    private func serve() throws -> LoopbackServer {
        try LoopbackServer { request in
            switch request.path {
            case "/hills.xml": return .text(Self.hills, headers: [("ETag", "\"h\"")])
            case "/moved.xml": return .init(status: 301, headers: [("Location", "/hills.xml")])
            case "/hostile.json":
                let title = "\\u001b]0;pwned\\u0007\\u001b[2J" + String(repeating: "长", count: 10_000)
                return .text("""
                {"version": "https://jsonfeed.org/version/1.1", "title": "坏\\u001b[31m源",
                 "items": [{"id": "x", "title": "\(title)", "url": "javascript:alert(1)",
                            "content_html": "<p>正文\\u001b[5m闪\\u009b31m</p>"}]}
                """, type: "application/feed+json")
            case "/control.xml":
                return .text("<rss version=\"2.0\"><channel><title>控\u{08}制</title><item><guid>c</guid>"
                             + "<title>标题里\u{1B}有控制字符</title></item></channel></rss>")
            case "/digest.xml": return .text(Self.digest)
            default: return .init(status: 404)
            }
        }
    }

    /// A daily round-up as a feed entry: a lead story, then numbered sections.
    private static let digest = """
    <rss version="2.0"><channel><title>早报站</title>
    <item><title>早报：图书馆、公交和卫星网络</title><guid>d1</guid><pubDate>Wed, 06 Mar 2024 00:00:00 GMT</pubDate>
    <description><![CDATA[
    <p><strong>市图书馆延长开放时间</strong></p>
    <p>从下周起，市图书馆每天开到晚上十点，周末也一样。</p>
    <h2>02 新的公交线路开通</h2>
    <p>连接城东和大学城的 42 路今天开通，首班车六点发出。</p>
    <h2>03 山区小学用上了卫星网络</h2>
    <p>三所山区小学接入了卫星网络，孩子们第一次上了网课。</p>
    ]]></description></item></channel></rss>
    """

    private func jsonList() throws -> [[String: Any]] {
        let output = try cli.run(["list", "--json"]).output
        return try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [[String: Any]]
    }

    @Test func addFetchListAndMarkAFeed() throws {
        let server = try serve()
        defer { server.stop() }
        let added = try cli.run(["feeds", "add", server.url("/hills.xml"), "news", "long reads"], overrides: ["LANG": "en_US.UTF-8"])
        #expect(added.status == 0 && added.output.hasPrefix("Following \(server.url("/hills.xml"))"))
        #expect(try String(contentsOfFile: cli.home + "/config/tsundoku/urls", encoding: .utf8)
                == server.url("/hills.xml") + " news \"long reads\"\n")
        #expect(try cli.run(["feeds"]).output.contains("never fetched"))
        let fetched = try cli.run(["fetch"])
        #expect(fetched.status == 0)
        #expect(fetched.output == "山间小报: 2 new\nFetched 1 feeds: 2 new\n")
        let rows = try jsonList()
        #expect(rows.map { $0["title"] as? String } == ["新站点开张", "2 条旧消息"])
        #expect(rows.allSatisfy { $0["site"] as? String == "山间小报" && $0["tags"] as? [String] == ["news", "long reads"] })
        #expect(try cli.run(["list", "--tag", "long reads"]).output.contains("新站点开张"))
        let again = try cli.run(["fetch", "山间小报"])
        #expect(again.status == 0 && again.output.hasPrefix("山间小报: nothing new"))
        #expect(server.requests.last?.headers["if-none-match"] == "\"h\"")
        _ = try cli.run(["mark", "--read", rows[0]["id"] as! String])
        let listed = try cli.run(["feeds"]).output
        #expect(listed.hasPrefix("山间小报\t\(server.url("/hills.xml"))\t2 items, 1 unread\tfetched 20"), "\(listed)")
        #expect(try jsonList().map { $0["read"] as? Bool } == [true, false], "marks survive a fetch")
        _ = try cli.run(["fetch"])
        #expect(try jsonList().map { $0["read"] as? Bool } == [true, false], "and the next one")
    }

    @Test func aFailingFeedIsNamedAndTheExitStatusSaysSo() throws {
        let server = try serve()
        defer { server.stop() }
        _ = try cli.run(["feeds", "add", server.url("/hills.xml")])
        _ = try cli.run(["feeds", "add", server.url("/gone.xml"), "--name", "失踪的源"])
        let result = try cli.run(["fetch"], overrides: ["LANG": "zh_CN.UTF-8"])
        #expect(result.status == 1)
        #expect(result.output.contains("失踪的源：失败（HTTP 404 Not Found），旧条目保留"))
        #expect(result.output.contains("山间小报：新 2 篇"))
        #expect(result.output.hasSuffix("取回 2 个源：新 2 篇，1 个失败\n"))
        #expect(try cli.run(["feeds"]).output.contains("HTTP 404 Not Found"))
        let unknown = try cli.run(["fetch", "nobody"])
        #expect(unknown.status == 1 && unknown.error.contains("nobody"))
    }

    @Test func aPermanentRedirectRewritesTheUrlsLineAndKeepsItsTags() throws {
        let server = try serve()
        defer { server.stop() }
        try FileManager.default.createDirectory(atPath: cli.home + "/config/tsundoku", withIntermediateDirectories: true)
        _ = cli.write("config/tsundoku/urls", "# mine\n\(server.url("/moved.xml")) daily \"~Hills\"\nquery:x:y\n")
        let result = try cli.run(["fetch"])
        #expect(result.status == 0)
        #expect(result.error.contains("urls: line 3: query feeds are newsboat's; tsundoku skips them"))
        #expect(result.output.contains("Hills moved permanently to \(server.url("/hills.xml"))"))
        #expect(try String(contentsOfFile: cli.home + "/config/tsundoku/urls", encoding: .utf8)
                == "# mine\n\(server.url("/hills.xml")) daily \"~Hills\"\nquery:x:y\n")
        let ids = try jsonList().map { $0["id"] as! String }
        #expect(try cli.run(["fetch"]).output.hasPrefix("Hills: nothing new"))
        #expect(try jsonList().map { $0["id"] as! String } == ids, "the moved feed keeps its items' ids")
    }

    @Test func importAndExportSubscriptions() throws {
        let opml = cli.write("subs.opml", """
        <?xml version="1.0"?><opml version="2.0"><head/><body>
        <outline text="科技"><outline type="rss" text="山间" xmlUrl="https://hills.example/feed.xml"/></outline>
        <outline type="rss" text="坏" xmlUrl="file:///etc/passwd"/>
        </body></opml>
        """)
        let imported = try cli.run(["feeds", "import", opml])
        #expect(imported.output == "Imported 1 feeds, 1 already followed\n")
        #expect(imported.error.contains("file:///etc/passwd is not an http or https URL; skipped"))
        let urls = cli.write("urls", "https://hills.example/feed.xml again\nhttps://other.example/rss tech \"~别处\"\nexec:foo\n")
        let second = try cli.run(["feeds", "import", urls])
        #expect(second.output == "Imported 1 feeds, 1 already followed\n")
        #expect(second.error.contains("line 3: exec feeds are newsboat's"))
        let exported = try cli.run(["feeds", "export"]).output
        #expect(exported.contains("text=\"山间\" title=\"山间\" xmlUrl=\"https://hills.example/feed.xml\" category=\"科技\""))
        #expect(exported.contains("text=\"别处\" title=\"别处\" xmlUrl=\"https://other.example/rss\" category=\"tech\""))
        let roundTrip = cli.write("back.opml", exported)
        #expect(try cli.run(["feeds", "import", roundTrip]).output == "Imported 0 feeds, 2 already followed\n")
    }

    @Test func hostileFeedTextNeverReachesTheTerminalAsControlSequences() throws {
        let server = try serve()
        defer { server.stop() }
        _ = try cli.run(["feeds", "add", server.url("/hostile.json")])
        _ = try cli.run(["feeds", "add", server.url("/control.xml")])
        let fetched = try cli.run(["fetch"])
        #expect(fetched.status == 0, "raw control characters do not make an XML feed fail")
        #expect(!fetched.output.contains("\u{1B}") && fetched.output.contains("源: 1 new"), "\(fetched.output)")
        let list = try cli.run(["list"])
        #expect(!list.output.contains("\u{1B}") && !list.output.contains("\u{07}"))
        let rows = try jsonList()
        #expect(rows.contains { $0["title"] as? String == "标题里有控制字符" })
        let row = try #require(rows.first { ($0["title"] as! String).count > 10_000 }, "the title is stored whole")
        let rendered = try cli.run(["render", row["id"] as! String, "--width", "60"]).output
        #expect(!rendered.contains("\u{1B}") && rendered.contains("正文"))
        let titleLines = rendered.split(separator: "\n").prefix { $0.hasPrefix("长") || $0.contains("pwned") || $0.contains("[2J") }
        #expect(titleLines.count <= 7, "the header shows at most 400 columns of title")
    }

    @Test func aRoundUpInAFeedSplitsIntoItsNewsItemsAndExportsAndLoadsBackTheSame() throws {
        let server = try serve()
        defer { server.stop() }
        _ = try cli.run(["feeds", "add", server.url("/digest.xml")])
        #expect(try cli.run(["fetch"]).output.hasPrefix("早报站: 1 new"))
        let rows = try jsonList()
        #expect(rows.map { $0["title"] as? String } == ["早报：图书馆、公交和卫星网络", "市图书馆延长开放时间", "新的公交线路开通",
                                                         "山区小学用上了卫星网络"])
        #expect(rows.map { $0["kind"] as? String } == ["digest", "digest-item", "digest-item", "digest-item"])
        let second = try cli.run(["render", rows[2]["id"] as! String, "--width", "70"]).output
        #expect(second.contains("42 路今天开通") && !second.contains("卫星网络，孩子们") && !second.contains("晚上十点"))
        _ = try cli.run(["mark", "--star", rows[3]["id"] as! String])
        let exported = try cli.run(["export"]).output
        let copy = cli.write("copy/export.jsonl", exported)
        let elsewhere = ["XDG_DATA_HOME": cli.home + "/elsewhere", "XDG_CONFIG_HOME": cli.home + "/elsewhere"]
        let loaded = try cli.run(["list", "--json", "--library", (copy as NSString).deletingLastPathComponent,
                                  "--state", cli.home + "/other-state.log"], overrides: elsewhere)
        let reloaded = try JSONSerialization.jsonObject(with: Data(loaded.output.utf8)) as! [[String: Any]]
        let ids = rows.map { $0["id"] as! String }
        #expect(reloaded.map { $0["id"] as! String } == ids, "the export is the same digest and items, not split twice")
        #expect(reloaded.filter { $0["starred"] as? Bool == true }.map { $0["id"] as? String } == [rows[3]["id"] as? String])
        #expect(loaded.error.isEmpty, "\(loaded.error)")
    }

    @Test func theReaderNeverLinksNetworkingAndAMissingFetcherIsNamed() throws {
        let linked = try cli.shell("ldd \"$TSUNDOKU\"").output
        #expect(linked.contains("libxml2") && !linked.contains("libcurl") && !linked.contains("FoundationNetworking"), "\(linked)")
        let lonely = cli.home + "/bin/tsundoku"
        try FileManager.default.createDirectory(atPath: cli.home + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLIRunner.executable, toPath: lonely)
        _ = try cli.run(["feeds", "add", "http://127.0.0.1:1/feed.xml"])
        let result = try cli.shell("\"\(lonely)\" fetch; echo \"status $?\"")
        #expect(result.output.contains("failed (the fetch helper \(cli.home)/bin/tsundoku-fetch did not report on it)"), "\(result.output)")
        #expect(result.output.hasSuffix("status 1\n"))
    }

    @Test func feedItemsListTheSameColdAndWarm() throws {
        let server = try serve()
        defer { server.stop() }
        _ = try cli.run(["feeds", "add", server.url("/hills.xml"), "news"])
        _ = try cli.run(["fetch"])
        let cold = try cli.run(["list", "--json"]).output
        let warm = try cli.run(["list", "--json"]).output
        #expect(cold == warm && cold.contains("新站点开张"))
        let other = cli.write("library/note.md", "# 自己存的\n\n正文。\n")
        let mixed = try cli.run(["list", "--library", (other as NSString).deletingLastPathComponent])
        #expect(mixed.output.contains("自己存的") && mixed.output.contains("新站点开张"), "the feeds folder is part of every library")
    }
}
