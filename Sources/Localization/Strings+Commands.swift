/// What the commands say: their help, their errors and their summaries.
extension Strings {
    public var programAbstract: String {
        pick("终端里的稍后阅读器：读保存的文章和每日新闻汇总。", "A terminal reader for saved articles and daily news digests.")
    }
    public var programDiscussion: String {
        pick("""
        没有指定书库时，依次使用 --library 给出的文件夹、$TSUNDOKU_LIBRARY（多个文件夹用 : 分隔）、\
        $XDG_CONFIG_HOME/tsundoku/config.yaml 里的 library:，最后是程序自带的示例书库。界面语言由配置里的 \
        language: 决定，否则看 LC_ALL、LC_MESSAGES、LANG（zh 开头为中文，其他为英文）。man tsundoku 有完整说明。
        """, """
        With no library given, tsundoku reads --library folders, else $TSUNDOKU_LIBRARY \
        (folders separated by ':'), else `library:` in $XDG_CONFIG_HOME/tsundoku/config.yaml, \
        else the sample library built into the binary. The interface speaks `language:` from the config, \
        else the language of LC_ALL, LC_MESSAGES or LANG (zh… is Chinese, anything else English). \
        See man tsundoku for everything.
        """)
    }

    // Subcommands.
    public var readAbstract: String { pick("打开阅读器（默认命令）。在里面按 ? 查看按键。", "Open the reader (the default command). Press ? inside for the keys.") }
    public var themeOptionHelp: String { pick("主题名（见 tsundoku themes）或主题文件。", "A theme name (see `tsundoku themes`) or a theme file.") }
    public var listAbstract: String { pick("列出书库，最新的在前。", "List the library, newest first.") }
    public var jsonFlagHelp: String { pick("输出 JSON 数组而不是表格。", "Print a JSON array instead of a table.") }
    public var renderAbstract: String { pick("以纯 UTF-8 文本输出一篇的阅读视图。", "Print the reader view of one item as plain UTF-8 text.") }
    public var widthOptionHelp: String {
        pick("排版的列数（默认为终端宽度，否则 80；至少 20）。", "Columns to lay out for (default: the terminal's width, else 80; at least 20).")
    }
    public var idArgumentHelp: String { pick("条目 id，即 list --json 输出的 id。", "The item's id, as `list --json` prints it.") }
    public var idsArgumentHelp: String { pick("条目 id，即 list --json 输出的 id。", "Item ids, as `list --json` prints them.") }
    public var markAbstract: String { pick("把条目标为已读或未读、加或去星标。", "Mark items read or unread, starred or not.") }
    public var markDiscussion: String {
        pick("标记汇总为已读或未读时，它的每条新闻也一起标记。每输出一行，表示这条标记已写入磁盘。",
             "Marking a digest read or unread marks all of its news items too. Each line printed means the mark is on disk.")
    }
    public var markOperationHelp: String { pick("对这些条目做什么。", "What to do with the items.") }
    public var checkAbstract: String { pick("报告无法载入的文件。", "Report files that cannot be loaded.") }
    public var exportAbstract: String {
        pick("以 JSON Lines 写出书库（每行一条，含已读和星标）。", "Write the library as JSON Lines (one item per line, with read and starred).")
    }
    public var themesAbstract: String { pick("列出自带的和你自己的主题。", "List the shipped and your own themes.") }
    public var defaultTheme: String { pick("（默认）", " (default)") }

    // Shared options.
    public var libraryOptionHelp: String { pick("书库文件夹或文件（可重复）。", "A library folder or file (repeatable).") }
    public var stateOptionHelp: String { pick("保存已读和星标的文件。", "The read/starred state file.") }
    public var unreadFlagHelp: String { pick("只要未读的条目。", "Only items not yet read.") }
    public var starredFlagHelp: String { pick("只要加星标的条目。", "Only starred items.") }
    public var unreadAndStarred: String { pick("--unread 和 --starred 不能同时使用", "--unread and --starred cannot be combined") }

    // Failures and summaries.
    public var emptyLibraryOption: String {
        pick("--library \"\" 没有指定文件夹；请给出保存文章的文件夹或文件", "--library \"\" names no folder; give a folder or file of saved articles")
    }
    public func libraryMissing(_ path: String) -> String { pick("书库 \(path) 不存在", "library \(path) does not exist") }
    public func stateUnreadable(path: String, reason: String) -> String {
        pick("无法读取标记文件 \(path)：\(reason)", "cannot read the state file \(path): \(reason)")
    }
    public func unknownIDs(_ ids: [String]) -> String {
        pick("没有这个条目 id：\(ids.joined(separator: ", "))（见 tsundoku list --json）",
             "unknown item id: \(ids.joined(separator: ", ")) (see `tsundoku list --json`)")
    }
    public func problemCount(problems: Int, files: Int) -> String {
        pick("\(files) 个文件有 \(problems) 处问题",
             "\(problems) problem\(problems == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")")
    }
    public var checkLists: String { pick("；tsundoku check 会列出它们", "; `tsundoku check` lists them") }
    public func loadedCount(files: Int, items: Int) -> String {
        pick("；载入了 \(files) 个文件，共 \(items) 条", "; \(files) file(s) loaded with \(items) item(s)")
    }
}

/// Options of the list and export commands added with tags and orders.
extension Strings {
    public var tagOptionHelp: String { pick("只要带这个标签的条目。", "Only items with this tag.") }
    public var sortOptionHelp: String {
        pick("顺序：newest（最新收藏，默认）、oldest、published（最新发布）、source（来源）、unread（未读在前）。",
             "The order: newest (saved, the default), oldest, published (newest published), source, unread (unread first).")
    }
}

/// The highlights command.
extension Strings {
    public var highlightsAbstract: String {
        pick("列出书库里的全部摘录，最新的文章在前。", "Print every highlight in the library, newest article first.")
    }
    public var highlightsJSONHelp: String {
        pick("输出 JSON 数组（id、title、site、author、saved、text、note）。", "Print a JSON array (id, title, site, author, saved, text, note).")
    }
}
