import Foundation

/// What tsundoku remembers about fetching one feed, beside its items: where it is now, what the
/// server said last (for a conditional GET), when it was fetched and how that went.
public struct FeedRecord: Codable, Sendable, Equatable {
    /// The feed's file name without `.jsonl`: fixed when the feed is first fetched, so its
    /// items keep their ids (and their marks) when a redirect moves the feed.
    public var key: String
    public var url: String
    /// The feed's own title, for a feed the `urls` file does not name.
    public var title: String?
    public var etag: String?
    public var lastModified: String?
    public var fetched: Date?
    /// Why the last fetch failed; nil when it succeeded.
    public var problem: String?
    /// A `429` or `503` asked to wait until then.
    public var retryAfter: Date?

    public init(key: String, url: String) {
        self.key = key
        self.url = url
    }
}
