import Foundation

/// What the feed commands and the reader's fetch say.
extension Strings {
    public var feedsAbstract: String { pick("列出订阅的源，或增加、导入、导出订阅。", "List the feeds you follow, or add, import and export them.") }
    public var feedsListAbstract: String {
        pick("列出订阅的源：条目数、未读数、上次取回的时间。", "List the feeds you follow: items, unread items, when each was last fetched.")
    }
    public var feedsAddAbstract: String { pick("订阅一个源（可带标签）。", "Follow a feed (with tags, if you like).") }
    public var feedsImportAbstract: String {
        pick("从 OPML 2.0 文件或 newsboat 的 urls 文件导入订阅。", "Import subscriptions from an OPML 2.0 file or a newsboat `urls` file.")
    }
    public var feedsExportAbstract: String { pick("把订阅以 OPML 2.0 写到标准输出。", "Write the subscriptions as OPML 2.0 to standard output.") }
    public var fetchAbstract: String {
        pick("取回订阅的源（给出名称或 URL 只取这些）。有源失败时退出码非零。",
             "Fetch the feeds you follow (or only those named or given by URL). Exits non-zero when any failed.")
    }
    public var feedURLHelp: String { pick("源的 URL（http 或 https）。", "The feed's URL (http or https).") }
    public var feedTagsHelp: String { pick("给这个源的条目加的标签。", "Tags for the feed's items.") }
    public var feedNameHelp: String { pick("显示的名称（代替源自己的标题）。", "The name to show instead of the feed's own title.") }
    public var importFileHelp: String { pick("OPML 或 urls 文件。", "An OPML or `urls` file.") }
    public var fetchFeedsHelp: String { pick("只取回这些源（名称或 URL）。", "Fetch only these feeds (names or URLs).") }

    public func feedAdded(_ url: String, file: String) -> String { pick("已订阅 \(url)（写入 \(file)）", "Following \(url) (written to \(file))") }
    public func feedAlreadyFollowed(_ url: String) -> String { pick("已经订阅过 \(url)", "Already following \(url)") }
    public func feedImported(added: Int, skipped: Int) -> String {
        pick("导入 \(added) 个源，\(skipped) 个已订阅", "Imported \(added) feeds, \(skipped) already followed")
    }
    public var noFeeds: String {
        pick("还没有订阅任何源。用 tsundoku feeds add URL 订阅。", "You follow no feeds yet. Follow one with `tsundoku feeds add URL`.")
    }
    public func unknownFeeds(_ names: [String]) -> String {
        pick("没有这样的源：\(names.joined(separator: "、"))", "No such feeds: \(names.joined(separator: ", "))")
    }
    public var neverFetched: String { pick("从未取回", "never fetched") }
    public func feedRow(items: Int, unread: Int) -> String { pick("\(items) 篇，\(unread) 未读", "\(items) items, \(unread) unread") }
    public func fetchedAt(_ text: String) -> String { pick("取回于 \(text)", "fetched \(text)") }

    public func feedNew(_ name: String, added: Int, changed: Int) -> String {
        pick("\(name)：新 \(added) 篇" + (changed > 0 ? "，更新 \(changed) 篇" : ""),
             "\(name): \(added) new" + (changed > 0 ? ", \(changed) updated" : ""))
    }
    public func feedUnchanged(_ name: String) -> String { pick("\(name)：没有新条目", "\(name): nothing new") }
    public func feedDeferred(_ name: String, until: String) -> String {
        pick("\(name)：服务器要求 \(until) 之后再来，这次跳过", "\(name): the server asked to wait until \(until); skipped")
    }
    public func feedFailed(_ name: String, reason: String) -> String { pick("\(name)：失败（\(reason)），旧条目保留", "\(name): failed (\(reason)); its items are kept") }
    public func feedMoved(_ name: String, to url: String, file: String) -> String {
        pick("\(name) 已永久迁到 \(url)，\(file) 里的那一行已改写（标签不变）",
             "\(name) moved permanently to \(url); its line in \(file) is rewritten (tags kept)")
    }
    public func fetchSummary(feeds: Int, added: Int, failed: Int) -> String {
        pick("取回 \(feeds) 个源：新 \(added) 篇" + (failed > 0 ? "，\(failed) 个失败" : ""),
             "Fetched \(feeds) feeds: \(added) new" + (failed > 0 ? ", \(failed) failed" : ""))
    }

    // The reader.
    public var fetchingFeeds: String { pick("正在取回订阅…", "Fetching feeds…") }
    public func fetchingProgress(done: Int, total: Int) -> String { pick("正在取回订阅 \(done)/\(total)…", "Fetching feeds \(done)/\(total)…") }
    public func fetchFailures(_ failures: [String]) -> String {
        pick("失败：" + failures.joined(separator: "；"), "failed: " + failures.joined(separator: "; "))
    }
    public func urlsLinesSkipped(_ lines: [String]) -> String {
        pick("urls 里跳过了：" + lines.joined(separator: "；"), "skipped in urls: " + lines.joined(separator: "; "))
    }
    public var fetchAlreadyRunning: String { pick("正在取回，稍候", "Already fetching; a moment") }
}
