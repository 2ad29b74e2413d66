/// What each bindable command does, and what is wrong with a `keys:` setting.
extension Strings {
    /// The help line of the command named `name` (see `KeyCommand`).
    public func meaning(of name: String) -> String {
        switch name {
        case "next": return pick("下一条（阅读区内向下滚动）", "next item (scroll down in the reader)")
        case "previous": return pick("上一条（阅读区内向上滚动）", "previous item (scroll up in the reader)")
        case "top": return pick("第一条 / 文章开头", "first item / start of the article")
        case "bottom": return pick("最后一条 / 文章末尾", "last item / end of the article")
        case "page-down": return pick("向下翻页", "page down")
        case "page-up": return pick("向上翻页", "page up")
        case "open": return pick("在阅读区打开并聚焦", "open in the reader and focus it")
        case "switch-pane": return pick("切换列表 / 阅读区", "switch between list and reader")
        case "advance": return pick("向下翻页，读完跳到下一篇未读", "page down; at the end, the next unread item")
        case "next-unread": return pick("下一篇未读", "next unread item")
        case "previous-unread": return pick("上一篇未读", "previous unread item")
        case "toggle-read": return pick("切换已读", "toggle read")
        case "toggle-star": return pick("切换星标", "toggle starred")
        case "open-link": return pick("在浏览器中打开原文", "open the original in the browser")
        case "links": return pick("文中链接列表", "the article's links")
        case "filter": return pick("筛选：全部 → 未读 → 星标", "filter: all → unread → starred")
        case "highlights": return pick("全书库的摘录，最新的在前", "every highlight in the library, newest first")
        case "sort": return pick("切换排序：收藏、发布、来源、未读在前", "cycle the order: saved, published, source, unread first")
        case "tags": return pick("按标签筛选", "filter by tag")
        case "search": return pick("搜索标题和正文，Esc 清除", "search titles and text; Esc clears")
        case "cancel": return pick("关闭浮层 / 清除搜索", "close the panel / clear the search")
        case "reload": return pick("重新载入书库", "reload the library")
        case "fetch": return pick("在后台取回订阅的源", "fetch the feeds you follow, in the background")
        case "widen-list": return pick("加宽列表", "widen the list")
        case "narrow-list": return pick("收窄列表", "narrow the list")
        case "help": return pick("显示 / 关闭本帮助", "show / close this help")
        case "quit": return pick("退出（浮层中为关闭）", "quit (in a panel: close it)")
        default: return name
        }
    }

    public func unknownCommand(_ name: String, known: [String]) -> String {
        pick("keys：没有名为 \(name) 的操作（可用：\(known.joined(separator: ", "))）",
             "keys: no action named \(name) (known: \(known.joined(separator: ", ")))")
    }

    public func unknownKey(_ key: String, command: String) -> String {
        pick("keys：\(command) 的按键 “\(key)” 无法识别，保留默认按键",
             "keys: \(command): unknown key “\(key)”; the default keys are kept")
    }

    public func keyBoundTwice(_ key: String, commands: [String]) -> String {
        pick("keys：按键 \(key) 同时绑定给了 \(commands.joined(separator: "、"))，这些操作保留默认按键",
             "keys: \(key) is bound to both \(commands.joined(separator: " and ")); they keep their default keys")
    }
}
