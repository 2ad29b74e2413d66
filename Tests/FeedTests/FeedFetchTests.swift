import Foundation
import LoopbackHTTP
import Testing
@testable import FeedFetcher
@testable import Feeds

/// Fetching from a server on loopback, started by each test: every format, conditional GET,
/// redirects, failures of every kind, encodings, size and rate limits.
@Suite("Feed fetching")
struct FeedFetchTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tsundoku-feeds-\(UUID().uuidString)").path
    private var store: FeedStore { FeedStore(folder: folder) }

    private func settings(timeout: TimeInterval = 10, maximumBytes: Int = 1_048_576) -> FetchSettings {
        FetchSettings(atOnce: 3, timeout: timeout, maximumBytes: maximumBytes, userAgent: "tsundoku/test")
    }

    private func items(_ url: String) throws -> [[String: Any]] {
        let record = store.record(for: url, in: store.records())
        let text = try String(contentsOfFile: store.itemsPath(record.key), encoding: .utf8)
        return text.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    @Test("Every format fetched at once; a second fetch sends the validators and gets 304")
    func everyFormatThenNotModified() async throws {
        let server = try LoopbackServer { request in
            let etag = "\"v1-\(request.path)\""
            if request.headers["if-none-match"] == etag { return .init(status: 304) }
            let body: String
            switch request.path {
            case "/rss2": body = FeedFixtures.rss2
            case "/rss1": body = FeedFixtures.rss1
            case "/atom": body = FeedFixtures.atom
            case "/json": return .text(FeedFixtures.jsonFeed, type: "application/feed+json", headers: [("ETag", etag)])
            default: return .init(status: 404)
            }
            return .text(body, headers: [("ETag", etag), ("Last-Modified", "Tue, 05 Mar 2024 08:30:00 GMT")])
        }
        defer { server.stop() }
        let feeds = ["/rss2", "/rss1", "/atom", "/json"].map { Subscription(url: server.url($0), tags: ["t"]) }
        let first = await FeedFetch.run(feeds, store: store, settings: settings())
        #expect(first.map(\.status) == [.updated(added: 3, changed: 0), .updated(added: 1, changed: 0),
                                         .updated(added: 3, changed: 0), .updated(added: 3, changed: 0)])
        #expect(first.map(\.name) == ["山间小报", "RDF 周刊", "原子 <博客>", "JSON 杂志"])
        let second = await FeedFetch.run(feeds, store: store, settings: settings())
        #expect(second.allSatisfy { $0.status == .unchanged })
        let conditional = server.requests.suffix(4)
        #expect(conditional.allSatisfy { $0.headers["if-none-match"]?.hasPrefix("\"v1-") == true })
        #expect(conditional.filter { $0.headers["if-modified-since"] == "Tue, 05 Mar 2024 08:30:00 GMT" }.count == 3)
        #expect(server.requests.allSatisfy { $0.headers["user-agent"] == "tsundoku/test" })
        #expect(try items(server.url("/atom")).count == 3)
    }

    @Test("A failing feed is reported with its reason, keeps its items and does not stop the others")
    func failuresKeepItems() async throws {
        let broken = Mutex(false)
        let server = try LoopbackServer { request in
            switch request.path {
            case "/flaky": return broken.withLock { $0 } ? .init(status: 404) : .text(FeedFixtures.rss2)
            case "/malformed": return .text(broken.withLock { $0 } ? "<rss><channel><item>" : FeedFixtures.rss1)
            case "/html": return .text("<html><body>login</body></html>", type: "text/html")
            case "/silent": return .init(silent: true)
            case "/huge": return .text("<rss>" + String(repeating: "<!-- padding -->", count: 100_000) + "</rss>")
            default: return .text(FeedFixtures.atom)
            }
        }
        defer { server.stop() }
        let feeds = ["/flaky", "/malformed", "/html", "/silent", "/huge", "/fine"].map { Subscription(url: server.url($0)) }
            + ["http://feeds.invalid/rss", server.url("/tls").replacingOccurrences(of: "http:", with: "https:"), "http://127.0.0.1:1/closed"]
            .map { Subscription(url: $0) }
        _ = await FeedFetch.run(Array(feeds.prefix(2)), store: store, settings: settings())
        broken.withLock { $0 = true }
        let started = Date()
        let outcomes = await FeedFetch.run(feeds, store: store, settings: settings(timeout: 2))
        #expect(Date().timeIntervalSince(started) < 8)
        let reasons = outcomes.map { outcome -> String in
            if case .failed(let reason) = outcome.status { return reason }
            return "ok"
        }
        #expect(reasons[0] == "HTTP 404 Not Found")
        #expect(reasons[1].hasPrefix("malformed XML: line 1"))
        #expect(reasons[2] == "not a feed: the document is <html>, not RSS or Atom")
        #expect(reasons[3] == "timed out")
        #expect(reasons[4] == "larger than the 1 MB a feed may be")
        #expect(reasons[5] == "ok")
        #expect(reasons[6] == "host not found" || reasons[6] == "timed out", "\(reasons[6])")
        #expect(reasons[7].hasPrefix("TLS failed: "), "\(reasons[7])")
        #expect(reasons[8] == "connection refused")
        #expect(outcomes[8].name == "http://127.0.0.1:1/closed", "a feed never fetched is named by its URL")
        #expect(try items(server.url("/flaky")).count == 3)
        #expect(try items(server.url("/malformed")).count == 1)
        #expect(store.records()[server.url("/flaky")]?.problem == "HTTP 404 Not Found")
    }

    @Test("A permanent redirect moves the feed and keeps its ids; a temporary one does not")
    func redirects() async throws {
        let server = try LoopbackServer { request in
            switch request.path {
            case "/old": return .init(status: 301, headers: [("Location", "/middle")])
            case "/middle": return .init(status: 308, headers: [("Location", "/new")])
            case "/new", "/target": return .text(FeedFixtures.rss2)
            case "/temporary": return .init(status: 302, headers: [("Location", "/target")])
            default: return .init(status: 404)
            }
        }
        defer { server.stop() }
        let outcomes = await FeedFetch.run([Subscription(url: server.url("/old")), Subscription(url: server.url("/temporary"))],
                                           store: store, settings: settings())
        #expect(outcomes[0].movedTo == server.url("/new"))
        #expect(outcomes[1].movedTo == nil)
        let idsBefore = try items(server.url("/new")).map { $0["id"] as! String }
        let again = await FeedFetch.run([Subscription(url: server.url("/new"))], store: store, settings: settings())
        #expect(again[0].status == .unchanged)
        #expect(try items(server.url("/new")).map { $0["id"] as! String } == idsBefore)
        #expect(server.requests.last?.path == "/new")
    }

    @Test("429 with Retry-After fails this fetch and the next one waits instead of asking again")
    func rateLimited() async throws {
        let server = try LoopbackServer { _ in .init(status: 429, headers: [("Retry-After", "120")]) }
        defer { server.stop() }
        let feed = [Subscription(url: server.url("/busy"))]
        let first = await FeedFetch.run(feed, store: store, settings: settings())
        #expect(first[0].failed)
        let second = await FeedFetch.run(feed, store: store, settings: settings())
        guard case .deferred(let until) = second[0].status else {
            Issue.record("not deferred: \(second[0].status)")
            return
        }
        #expect(until.timeIntervalSinceNow > 100)
        #expect(server.requests.count == 1)
    }

    @Test("gzip is asked for and decoded; a GBK feed with only an HTTP charset is read right")
    func gzipAndCharset() async throws {
        let gzipped = try Self.gzip(Array(FeedFixtures.atom.utf8))
        let gbk = FeedFixtures.encoded(FeedFixtures.chineseRSS(declaring: nil), as: "GBK")
        let server = try LoopbackServer { request in
            switch request.path {
            case "/gzip":
                guard request.headers["accept-encoding"]?.contains("gzip") == true else { return .text(FeedFixtures.rss1) }
                return .init(headers: [("Content-Type", "application/atom+xml"), ("Content-Encoding", "gzip")], body: gzipped)
            default: return .init(headers: [("Content-Type", "application/rss+xml; charset=GBK")], body: gbk)
            }
        }
        defer { server.stop() }
        let outcomes = await FeedFetch.run([Subscription(url: server.url("/gzip")), Subscription(url: server.url("/gbk"))],
                                           store: store, settings: settings())
        #expect(outcomes.map(\.name) == ["原子 <博客>", "中文新聞"])
        #expect(try items(server.url("/gbk")).first?["title"] as? String == "繁體與简体：「引號」测试")
    }

    @Test("A changed entry is updated in place, keeps its saved date; an entry the feed drops stays")
    func mergeKeepsEntries() async throws {
        let version = Mutex(1)
        let server = try LoopbackServer { _ in
            let entries = version.withLock { $0 } == 1
                ? "<item><guid>a</guid><title>一</title></item><item><guid>b</guid><title>二</title></item>"
                : "<item><guid>b</guid><title>二（更正）</title></item><item><guid>c</guid><title>三</title></item>"
            return .text("<rss version=\"2.0\"><channel><title>变</title>\(entries)</channel></rss>")
        }
        defer { server.stop() }
        let feed = [Subscription(url: server.url("/feed"), tags: ["旧"])]
        _ = await FeedFetch.run(feed, store: store, settings: settings())
        let before = try items(server.url("/feed"))
        version.withLock { $0 = 2 }
        let outcomes = await FeedFetch.run([Subscription(url: server.url("/feed"), tags: ["新"], name: "改名")], store: store, settings: settings())
        #expect(outcomes[0].status == .updated(added: 1, changed: 1))
        let after = try items(server.url("/feed"))
        #expect(after.map { $0["title"] as! String } == ["一", "二（更正）", "三"])
        #expect(after[1]["id"] as! String == before[1]["id"] as! String)
        #expect(after[1]["saved"] as! String == before[1]["saved"] as! String)
        #expect(after.allSatisfy { $0["site"] as? String == "改名" && $0["tags"] as? [String] == ["新"] })
    }

    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }
}

/// A value shared between a test and its server's handler.
final class Mutex<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.withLock { body(&value) }
    }
}
