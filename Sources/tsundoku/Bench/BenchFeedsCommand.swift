import ArgumentParser
import Foundation
import LoopbackHTTP
#if canImport(Glibc)
import Glibc
#endif

/// `tsundoku bench feeds`: serves generated feeds on loopback and times `tsundoku fetch` (first
/// and unchanged) and a warm start on the fetched items against the same number of Markdown files.
struct BenchFeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds", abstract: "Time fetching N generated feeds of M entries from loopback, and a warm start on them.")

    @Option(help: "How many feeds to serve.") var feeds = 50
    @Option(help: "Entries in each feed.") var entries = 100
    @Option(help: "Warm runs to take the median of.") var runs = 5

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tsundoku-bench-feeds-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bodies = (0..<feeds).map { Array(Self.feed($0, entries: entries).utf8) }
        let server = try LoopbackServer { request in
            guard let index = Int(request.path.dropFirst("/feed-".count).prefix { $0.isNumber }), bodies.indices.contains(index) else {
                return .init(status: 404)
            }
            let etag = "\"bench-\(index)\""
            if request.headers["if-none-match"] == etag { return .init(status: 304, headers: [("ETag", etag)]) }
            return .init(headers: [("Content-Type", "application/rss+xml; charset=utf-8"), ("ETag", etag)], body: bodies[index])
        }
        defer { server.stop() }
        for (name, path) in [("XDG_CONFIG_HOME", "/config"), ("XDG_DATA_HOME", "/data"), ("XDG_STATE_HOME", "/state"),
                             ("XDG_CACHE_HOME", "/cache")] {
            setenv(name, folder + path, 1)
        }
        try FileManager.default.createDirectory(atPath: folder + "/config/tsundoku", withIntermediateDirectories: true)
        try (0..<feeds).map { server.url("/feed-\($0).xml") + " bench" }.joined(separator: "\n")
            .write(toFile: folder + "/config/tsundoku/urls", atomically: true, encoding: .utf8)
        let served = bodies.reduce(0) { $0 + $1.count }
        print("serving \(feeds) feeds × \(entries) entries, \(served / 1024) KB of feeds, on \(server.url("/"))")

        for pass in ["first fetch", "second fetch (unchanged)"] {
            let before = server.bytesSent
            let requests = server.requests.count
            let run = try ChildProcess.measure(["fetch"])
            print("\(pass): \(run.summary), \(server.requests.count - requests) requests, \((server.bytesSent - before) / 1024) KB sent")
        }
        let items = feeds * entries
        try warmStart("\(items) feed items", ["list", "--json"])
        setenv("XDG_DATA_HOME", folder + "/empty", 1)
        _ = try SyntheticLibrary.write(files: items, to: folder + "/markdown")
        try warmStart("\(items) Markdown files", ["list", "--json", "--library", folder + "/markdown"])
    }

    private func warmStart(_ name: String, _ arguments: [String]) throws {
        let cold = try ChildProcess.measure(arguments)
        var warm = (0..<max(1, runs)).compactMap { _ in try? ChildProcess.measure(arguments) }
        warm.sort { $0.seconds < $1.seconds }
        guard let median = warm.dropFirst(warm.count / 2).first else { return }
        print("\(name): cold \(cold.summary); warm \(median.summary) (median of \(warm.count)), \(median.outputLines) output lines")
    }

    /// An RSS 2.0 feed of `entries` entries of about 1.5 KB of mixed Chinese and Latin text each.
    static func feed(_ index: Int, entries: Int) -> String {
        var text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
        <title>测试源 \(index)</title><link>https://feed\(index).example/</link>

        """
        for entry in 0..<entries {
            let day = 1 + entry % 28
            let body = (0..<3).map { "<p>" + SyntheticLibrary.paragraph(index * 31 + entry + $0, sentences: 8) + "</p>" }.joined()
            text += """
            <item><title>第 \(entry) 条：源 \(index) 的新闻</title><link>https://feed\(index).example/\(entry)</link>
            <guid>feed-\(index)-\(entry)</guid><pubDate>\(String(format: "%02d", day)) Mar 2025 08:\(String(format: "%02d", entry % 60)):00 GMT</pubDate>
            <content:encoded><![CDATA[\(body)]]></content:encoded></item>

            """
        }
        return text + "</channel></rss>\n"
    }
}
