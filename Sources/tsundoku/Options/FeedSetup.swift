import FeedFetcher
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

    /// Fetches `feeds` and rewrites the `urls` line of every feed a permanent redirect moved;
    /// the lines to report come back with the outcomes.
    func fetch(_ feeds: [Subscription], progress: @escaping @Sendable (Int, Int, FeedOutcome) -> Void = { _, _, _ in })
        async -> (outcomes: [FeedOutcome], moved: [FeedOutcome]) {
        let outcomes = await FeedFetch.run(feeds, store: store, settings: settings, progress: progress)
        let moved = outcomes.filter { $0.movedTo != nil }
        guard !moved.isEmpty else { return (outcomes, []) }
        var rewritten = FeedSetup.load(config: Interface.settings.config).setup.subscriptions
        for outcome in moved { rewritten.move(outcome.url, to: outcome.movedTo!) }
        var saved = self
        saved.subscriptions = rewritten
        try? saved.save()
        return (outcomes, moved)
    }
}

/// Runs async work to the end from synchronous code (the commands are synchronous).
enum Blocking {
    static func run<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.value = await work()
            done.signal()
        }
        done.wait()
        return box.value!
    }

    private final class ResultBox<T>: @unchecked Sendable {
        var value: T?
    }
}

extension FeedSetup {
    /// The reader's `F`: every feed fetched, the outcome summed up for the status line (the
    /// `urls` file is read again, so feeds added while the reader is open are fetched too).
    static func fetchInReader(config: Config, progress: @escaping @Sendable (Int, Int) -> Void) -> FeedFetchSummary {
        let setup = load(config: config).setup
        guard !setup.subscriptions.feeds.isEmpty else { return .nothingFollowed }
        let (outcomes, _) = Blocking.run { await setup.fetch(setup.subscriptions.feeds) { done, total, _ in progress(done, total) } }
        var added = 0
        var failures: [String] = []
        for outcome in outcomes {
            switch outcome.status {
            case .updated(let count, _): added += count
            case .failed(let reason): failures.append("\(outcome.name) (\(reason))")
            case .unchanged, .deferred: break
            }
        }
        return FeedFetchSummary(feeds: outcomes.count, added: added, failures: failures)
    }
}
