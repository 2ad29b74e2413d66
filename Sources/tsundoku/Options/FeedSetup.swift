import ReaderRuntime
import Feeds
import Foundation
import ReaderCore
import TsundokuLibrary

/// The feeds one follows and how to fetch them, as the config and the `urls` file say; shared by
/// `feeds`, `fetch` and the reader's `F`.
struct FeedSetup: Sendable {
    var subscriptions: Subscriptions
    var store: FeedStore
    var settings: FetchSettings

    /// Reads the `urls` file; its skipped lines are returned as one-line warnings naming it.
    static func load(config: Config) -> (setup: FeedSetup, warnings: [String]) {
        let path = Paths.subscriptions
        let text = (try? FileIO.readIfPresent(path)).flatMap { $0.map { String(decoding: $0, as: UTF8.self) } } ?? ""
        let subscriptions = Subscriptions(text: text)
        let settings = FetchSettings(atOnce: config.feedsAtOnce, timeout: config.feedTimeout,
                                     maximumBytes: config.feedMaxSize * 1_048_576,
                                     userAgent: "tsundoku/\(TsundokuVersion.string) (terminal feed reader)")
        return (FeedSetup(subscriptions: subscriptions, store: FeedStore(folder: Paths.feedsFolder), settings: settings),
                subscriptions.problems.map { path + ": " + $0 })
    }

    /// Writes the `urls` file.
    func save() throws {
        try FileIO.createDirectories(FileIO.directory(of: Paths.subscriptions))
        try FileIO.replace(Paths.subscriptions, with: Array(subscriptions.text.utf8))
    }

    /// The feeds named by `names` (a URL, a `~Name`, or a feed's own title), or all of them;
    /// names that match nothing are returned too.
    func selected(_ names: [String]) -> (feeds: [Subscription], unknown: [String]) {
        guard !names.isEmpty else { return (subscriptions.feeds, []) }
        let records = store.records()
        var feeds: [Subscription] = []
        var unknown: [String] = []
        for name in names {
            let matches = subscriptions.feeds.filter { feed in
                feed.url == name || feed.name == name || records[feed.url]?.title == name
            }
            if matches.isEmpty { unknown.append(name) }
            for match in matches where !feeds.contains(match) { feeds.append(match) }
        }
        return (feeds, unknown)
    }

    /// Fetches `feeds` through the fetch helper and rewrites the `urls` line of every feed a
    /// permanent redirect moved; `progress` hears of each feed as it ends. A feed the helper
    /// never reported on (it is missing, or died) is a failure saying so.
    func fetch(_ feeds: [Subscription], progress: @escaping (Int, Int, FeedOutcome) -> Void = { _, _, _ in }) -> [FeedOutcome] {
        var outcomes: [String: FeedOutcome] = [:]
        let request = FetchRequest(feeds: feeds, folder: store.folder, settings: settings)
        let helper = Self.helperPath
        if let argument = try? JSONEncoder().encode(request),
           let (pid, output) = Subprocess.startReading(helper, [String(decoding: argument, as: UTF8.self)]) {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            var pending = Data()
            while let chunk = try? output.read(upToCount: 65_536), !chunk.isEmpty {
                pending += chunk
                while let end = pending.firstIndex(of: 0x0A) {
                    let line = pending[pending.startIndex..<end]
                    pending = Data(pending[(end + 1)...])
                    guard let report = try? decoder.decode(FetchProgress.self, from: line) else { continue }
                    outcomes[report.outcome.url] = report.outcome
                    progress(report.done, report.total, report.outcome)
                }
            }
            Subprocess.wait(pid)
        }
        var done = outcomes.count
        let result = feeds.map { feed in
            if let outcome = outcomes[feed.url] { return outcome }
            let missing = FeedOutcome(name: feed.name ?? feed.url, url: feed.url,
                                      status: .failed("the fetch helper \(helper) did not report on it"))
            done += 1
            progress(done, feeds.count, missing)
            return missing
        }
        let moved = result.filter { $0.movedTo != nil }
        if !moved.isEmpty {
            var rewritten = FeedSetup.load(config: Interface.settings.config).setup
            for outcome in moved { rewritten.subscriptions.move(outcome.url, to: outcome.movedTo!) }
            try? rewritten.save()
        }
        return result
    }

    /// `tsundoku-fetch` beside this program (where `swift build` and an install put it).
    static var helperPath: String {
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return FileIO.directory(of: own) + "/tsundoku-fetch"
    }
}

extension FeedSetup {
    /// The reader's `F`: every feed fetched, the outcome summed up for the status line (the
    /// `urls` file is read again, so feeds added while the reader is open are fetched too).
    static func fetchInReader(config: Config, progress: @escaping @Sendable (Int, Int) -> Void) -> FeedFetchSummary {
        let setup = load(config: config).setup
        guard !setup.subscriptions.feeds.isEmpty else { return .nothingFollowed }
        let skipped = setup.subscriptions.problems
        let outcomes = setup.fetch(setup.subscriptions.feeds) { done, total, _ in progress(done, total) }
        var added = 0
        var failures: [String] = []
        for outcome in outcomes {
            switch outcome.status {
            case .updated(let count, _): added += count
            case .failed(let reason): failures.append("\(outcome.name) (\(reason))")
            case .unchanged, .deferred: break
            }
        }
        return FeedFetchSummary(feeds: outcomes.count, added: added, failures: failures, skippedLines: skipped)
    }
}
