import Foundation

// What the program and its fetch helper (`tsundoku-fetch`, the only program that links
// networking) say to each other: a `FetchRequest` as the helper's one argument, a `FetchProgress`
// line of JSON on its standard output for each feed as it ends.

/// How feeds are fetched: `feeds_at_once`, `feed_timeout` and `feed_max_size` of the config,
/// and the `User-Agent`.
public struct FetchSettings: Sendable, Codable {
    public var atOnce: Int
    public var timeout: TimeInterval
    public var maximumBytes: Int
    public var userAgent: String

    public init(atOnce: Int = 4, timeout: TimeInterval = 30, maximumBytes: Int = 16 * 1_048_576, userAgent: String) {
        self.atOnce = max(1, atOnce)
        self.timeout = timeout
        self.maximumBytes = maximumBytes
        self.userAgent = userAgent
    }
}

/// What fetching one feed came to.
public struct FeedOutcome: Sendable, Equatable, Codable {
    /// How the fetch went.
    public enum Status: Sendable, Equatable, Codable {
        case updated(added: Int, changed: Int)
        case unchanged
        /// Not asked for: the server asked to wait until then.
        case deferred(until: Date)
        case failed(String)
    }

    public var name: String
    public var url: String
    public var status: Status
    /// Where a permanent redirect moved the feed.
    public var movedTo: String?
    /// Problems that did not stop the feed (entries with dates that could not be read).
    public var warnings: [String] = []

    public init(name: String, url: String, status: Status, movedTo: String? = nil, warnings: [String] = []) {
        self.name = name
        self.url = url
        self.status = status
        self.movedTo = movedTo
        self.warnings = warnings
    }

    public var failed: Bool {
        if case .failed = status { return true }
        return false
    }
}

/// What the helper is asked to fetch, and where and how.
public struct FetchRequest: Sendable, Codable {
    public var feeds: [Subscription]
    public var folder: String
    public var settings: FetchSettings

    public init(feeds: [Subscription], folder: String, settings: FetchSettings) {
        self.feeds = feeds
        self.folder = folder
        self.settings = settings
    }
}

/// One feed ended: how many of how many are done, and what it came to.
public struct FetchProgress: Sendable, Codable {
    public var done: Int
    public var total: Int
    public var outcome: FeedOutcome

    public init(done: Int, total: Int, outcome: FeedOutcome) {
        self.done = done
        self.total = total
        self.outcome = outcome
    }
}
