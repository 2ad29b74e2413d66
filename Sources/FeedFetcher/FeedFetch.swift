import Feeds
import Foundation

/// Fetches feeds a few at once and stores what they hold; a feed that fails keeps its items and
/// does not stop the others.
public enum FeedFetch {
    public static func run(_ feeds: [Subscription], store: FeedStore, settings: FetchSettings,
                           progress: @escaping @Sendable (_ done: Int, _ total: Int, FeedOutcome) -> Void = { _, _, _ in })
        async -> [FeedOutcome] {
        let records = store.records()
        let client = HTTPClient(userAgent: settings.userAgent, timeout: settings.timeout, maximumBytes: settings.maximumBytes)
        defer { client.close() }
        var outcomes = [FeedOutcome?](repeating: nil, count: feeds.count)
        await withTaskGroup(of: (Int, FeedOutcome).self) { group in
            var next = 0
            func start() {
                guard next < feeds.count else { return }
                let index = next
                let record = store.record(for: feeds[index].url, in: records)
                group.addTask { (index, await fetch(feeds[index], record: record, store: store, client: client)) }
                next += 1
            }
            for _ in 0..<settings.atOnce { start() }
            var done = 0
            for await (index, outcome) in group {
                outcomes[index] = outcome
                done += 1
                progress(done, feeds.count, outcome)
                start()
            }
        }
        return outcomes.compactMap { $0 }
    }

    private static func fetch(_ feed: Subscription, record original: FeedRecord, store: FeedStore,
                              client: HTTPClient) async -> FeedOutcome {
        var record = original
        let fallbackName = feed.name ?? record.title ?? feed.url
        var outcome = FeedOutcome(name: fallbackName, url: feed.url, status: .unchanged)
        let now = Date()
        if let until = record.retryAfter, until > now { return FeedOutcome(name: fallbackName, url: feed.url, status: .deferred(until: until)) }
        guard let url = URL(string: feed.url) else { return FeedOutcome(name: fallbackName, url: feed.url, status: .failed("not a URL")) }
        let haveItems = FileManager.default.fileExists(atPath: store.itemsPath(record.key))
        let answer = await client.get(url, etag: haveItems ? record.etag : nil, lastModified: haveItems ? record.lastModified : nil)
        record.fetched = now
        record.retryAfter = nil
        switch answer {
        case .notModified:
            record.problem = nil
        case .wait(let until, let status):
            record.retryAfter = until
            outcome.status = .failed("HTTP \(status): the server asks to wait until \(DateFormatter.localizedString(from: until, dateStyle: .none, timeStyle: .short))")
        case .failed(let reason):
            outcome.status = .failed(reason)
        case .fetched(let body, let charset, let etag, let lastModified, let movedTo):
            switch FeedParser.parse(body, url: movedTo ?? feed.url, httpCharset: charset) {
            case .failure(let problem):
                outcome.status = .failed(problem.description)
            case .success(let document):
                let name = feed.name ?? document.title.flatMap { $0.isEmpty ? nil : $0 } ?? fallbackName
                outcome.name = name
                do {
                    let merge = try store.merge(document.entries, into: record, name: name, tags: feed.tags, now: now)
                    outcome.status = merge.added + merge.updated == 0 ? .unchanged : .updated(added: merge.added, changed: merge.updated)
                    record.title = document.title
                    record.etag = etag
                    record.lastModified = lastModified
                    if let movedTo, movedTo != feed.url {
                        record.url = movedTo
                        outcome.movedTo = movedTo
                    }
                    let undated = document.entries.compactMap(\.unreadableDate)
                    if let example = undated.first {
                        outcome.warnings.append("\(undated.count) entries have dates that could not be read (\(example)); the fetch time is used")
                    }
                } catch {
                    outcome.status = .failed("cannot store items: \(error)")
                }
            }
        }
        if case .failed(let reason) = outcome.status { record.problem = reason } else { record.problem = nil }
        do {
            try store.save(record)
        } catch {
            outcome.warnings.append("cannot remember this fetch: \(error)")
        }
        return outcome
    }
}
