/// What the reader shows: the bars, the panes, the overlays and the status messages.
extension Strings {
    public func loading(filesRead files: Int) -> String { pick("载入中… 已读 \(files) 个文件", "Loading… \(files) files read") }
    public func preparingSearch(done: Int, total: Int) -> String {
        pick("正在准备全文搜索… \(done)/\(total)", "Preparing to search article text… \(done)/\(total)")
    }
    public func searchTextsFailed(_ reason: String) -> String {
        pick("无法搜索正文（只搜索标题）：", "Article text cannot be searched (titles only): ") + reason
    }
    public var loadingShort: String { pick("载入中…", "Loading…") }
    public func stateUnreadable(_ problem: String) -> String {
        pick("标记文件无法读取，全部显示为未读：", "The marks file cannot be read; everything shows unread: ") + problem
    }
    public func libraryProblems(files: Int, problems: Int) -> String {
        pick("\(files) 个文件有 \(problems) 处问题（tsundoku check 查看）",
             "\(problems) problem\(problems == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s") (see tsundoku check)")
    }
    public func marksNotSaved(_ reason: String) -> String { pick("未能保存标记：", "Marks not saved: ") + reason }
    public func opened(_ url: String) -> String { pick("已打开 ", "Opened ") + url }
    public var noOriginalLink: String { pick("这篇没有原文链接", "This item has no original link") }
    public var noLinksInArticle: String { pick("这篇文章里没有链接", "This article has no links") }
    public func noMoreUnread(forward: Bool) -> String {
        forward ? pick("后面没有未读了", "No unread items below") : pick("前面没有未读了", "No unread items above")
    }
    public func terminalTooSmall(minimumWidth: Int, minimumHeight: Int, width: Int, height: Int) -> String {
        pick("终端太小：至少需要 \(minimumWidth)×\(minimumHeight)，现在 \(width)×\(height)",
             "Terminal too small: needs at least \(minimumWidth)×\(minimumHeight), now \(width)×\(height)")
    }

    // Filters and counts.
    public var filterAll: String { pick("全部", "all") }
    public var filterUnread: String { pick("未读", "unread") }
    public var filterStarred: String { pick("星标", "starred") }
    public func counts(unread: Int, total: Int) -> String { pick("\(unread) 未读 / \(total) 条", "\(unread) unread / \(total)") }
    public var atEnd: String { pick("末尾", "end") }
    public func searchClearHint(_ key: String) -> String { pick("(\(key) 清除)", "(\(key) clears)") }

    // The list and the reader pane.
    public var listTitle: String { pick("列表", "List") }
    public var searchTag: String { pick("搜索", "search") }
    public var noItems: String { pick("没有条目", "No items") }
    public var noMatches: String { pick("没有匹配的条目", "No matching items") }
    public var readerTitle: String { pick("阅读", "Reader") }
    public func chooseAnItem(openKey: String) -> String { pick("选中一篇，按 \(openKey) 阅读", "Select an item, press \(openKey) to read") }
    public func cannotRead(_ reason: String) -> String { pick("无法读取这一篇：", "Cannot read this item: ") + reason }

    // Overlays.
    public func helpTitle(closeKeys: String, scrollKeys: String?) -> String {
        let scroll = scrollKeys.map { pick("，\($0) 滚动", ", \($0) scrolls") } ?? ""
        return pick("按键（\(closeKeys) 关闭\(scroll)）", "Keys (\(closeKeys) closes\(scroll))")
    }
    public func linksTitle(openKey: String, closeKey: String) -> String {
        pick("文中链接（\(openKey) 打开，\(closeKey) 关闭）", "Links (\(openKey) opens, \(closeKey) closes)")
    }
    public var keyWord: String { pick("或", "or") }

    // Status-bar hints: the word after each key.
    public var hintMove: String { pick("移动", "move") }
    public var hintOpen: String { pick("打开", "open") }
    public var hintRead: String { pick("已读", "read") }
    public var hintStar: String { pick("星标", "star") }
    public var hintOriginal: String { pick("原文", "original") }
    public var hintSearch: String { pick("搜索", "search") }
    public var hintHelp: String { pick("帮助", "help") }
    public var hintQuit: String { pick("退出", "quit") }

    // The article view.
    public var savedLabel: String { pick("收藏", "Saved") }
    /// The reader header's reading time.
    public func readingTime(minutes: Int) -> String { pick("约 \(minutes) 分钟读完", "about \(minutes) min to read") }
    /// The list's reading-time column.
    public func minutesShort(_ minutes: Int) -> String { pick("\(minutes)分钟", "\(minutes) min") }
    public var publishedLabel: String { pick("发布", "Published") }
    public func fromDigest(_ title: String, position: Int) -> String {
        pick("摘自「\(title)」第 \(position) 条", "Item \(position) of “\(title)”")
    }
    public var tagsLabel: String { pick("标签", "Tags") }
    public var originalLabel: String { pick("原文", "Original") }
    public var highlightsSection: String { pick("摘录", "Highlights") }
    public var linksSection: String { pick("链接", "Links") }
    public func image(_ number: Int, label: String) -> String {
        let word = pick("图", "image")
        return label.isEmpty ? "[\(word) \(number)]" : "[\(word) \(number): \(label)]"
    }
    public var noExportedText: String {
        pick("这一篇没有导出文字（PDF 或缺少正文文件），请打开原文阅读。",
             "This item was exported without its text (a PDF, or the content file is missing); open the original to read it.")
    }

    // Opening links.
    public var refuseDashLink: String { pick("拒绝打开以 - 开头的链接", "Refused a link that starts with -") }
    public var refuseControlLink: String { pick("拒绝打开含控制字符或空白的链接", "Refused a link with control characters or spaces") }
    public func refuseScheme(_ scheme: String) -> String {
        pick("只打开 http 和 https 链接，不打开 \(scheme):", "Only http and https links are opened, not \(scheme):")
    }
    public var noBrowser: String { pick("没有可用的浏览器", "No browser available") }
    public func browserNotFound(_ programs: [String]) -> String { pick("找不到浏览器程序 ", "Browser program not found: ") + list(programs) }
    public func copiedToClipboard(_ reason: String, url: String) -> String {
        reason + pick("；已请终端把链接复制到剪贴板（OSC 52）：", "; asked the terminal to copy the link to the clipboard (OSC 52): ") + url
    }
    public func linkIs(_ reason: String, url: String) -> String { reason + pick("；链接：", "; the link: ") + url }

    // Start-up.
    public var noUTF8Locale: String { pick("没有可用的 UTF-8 locale，中文可能显示不正确", "No UTF-8 locale available; Chinese may not show correctly") }
    public var sampleLibraryName: String { pick("示例书库", "sample library") }
    public func themeFallback(_ problem: String) -> String { problem + pick("；改用默认主题", "; using the default theme") }
}

/// Why the terminal cannot be used, said before the screen opens.
extension Strings {
    public var termNotSet: String {
        pick("没有设置 TERM：请在终端里运行 tsundoku，或设置 TERM（例如 TERM=xterm-256color）",
             "TERM is not set: run tsundoku in a terminal, or set TERM (for example TERM=xterm-256color)")
    }
    public func unknownTerminal(_ terminal: String) -> String {
        pick("本系统不认识终端类型 TERM=\(terminal)；请设为已知的类型（例如 xterm-256color）或安装 ncurses-term",
             "this system does not know the terminal type TERM=\(terminal); set TERM to one it knows (for example xterm-256color) or install ncurses-term")
    }
}

/// Orders and tags.
extension Strings {
    /// The name of an order, by the key `list --sort` takes.
    public func orderName(_ key: String) -> String {
        switch key {
        case "oldest": return pick("最早收藏在前", "oldest saved first")
        case "published": return pick("最新发布在前", "newest published first")
        case "source": return pick("按来源", "by source")
        case "unread": return pick("未读在前", "unread first")
        default: return pick("最新收藏在前", "newest saved first")
        }
    }
    public func sortedBy(_ name: String) -> String { pick("排序：", "Sorted: ") + name }
    public func orderNotSaved(_ reason: String) -> String { pick("未能记住排序：", "The order was not remembered: ") + reason }
    public var noTags: String { pick("书库里没有标签", "The library has no tags") }
    public var allTags: String { pick("全部标签", "all tags") }
    public func tagCounts(unread: Int, total: Int) -> String { pick("\(unread) 未读 / \(total)", "\(unread) unread / \(total)") }
    public func tagsTitle(openKey: String, closeKey: String) -> String {
        pick("标签（\(openKey) 选择，\(closeKey) 关闭）", "Tags (\(openKey) chooses, \(closeKey) closes)")
    }
}

/// The highlights view.
extension Strings {
    public var collectingHighlights: String { pick("正在收集摘录…", "Collecting highlights…") }
    public var noHighlights: String { pick("书库里没有摘录", "The library has no highlights") }
    public func highlightsTitle(count: Int, openKey: String, closeKey: String) -> String {
        pick("摘录 \(count) 条（\(openKey) 打开文章，\(closeKey) 关闭）", "\(count) highlights (\(openKey) opens the article, \(closeKey) closes)")
    }
}

/// Files that arrived while the reader ran.
extension Strings {
    public func arrived(_ count: Int) -> String { pick("新到 \(count) 篇", "\(count) new item\(count == 1 ? "" : "s") arrived") }
}
