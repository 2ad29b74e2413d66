/// Where a key press becomes an action: the default bindings, by what has the keyboard.
public enum Keymap {
    /// What the keyboard is talking to.
    public enum Mode: Sendable { case browse, search, help, links }

    public static func action(for key: Key, mode: Mode) -> Action? {
        switch mode {
        case .search: return searchAction(key)
        case .help: return key == .escape || key == .character("q") || key == .character("?") ? .cancel : browseAction(key)
        case .links: return linksAction(key)
        case .browse: return browseAction(key)
        }
    }

    private static func browseAction(_ key: Key) -> Action? {
        switch key {
        case .character("j"), .down: return .moveDown
        case .character("k"), .up: return .moveUp
        case .character("g"), .home: return .top
        case .character("G"), .end: return .bottom
        case .pageDown, .control("f"): return .pageDown
        case .pageUp, .control("b"): return .pageUp
        case .enter: return .open
        case .tab: return .switchPane
        case .character(" "): return .spaceForward
        case .character("n"): return .nextUnread
        case .character("p"): return .previousUnread
        case .character("r"): return .toggleRead
        case .character("s"): return .toggleStar
        case .character("o"): return .openOriginal
        case .character("L"): return .showLinks
        case .character("u"): return .cycleFilter
        case .character("/"): return .startSearch
        case .escape: return .cancel
        case .character("R"): return .reload
        case .character("q"): return .quit
        case .character("?"): return .showHelp
        case .character(">"): return .widenList
        case .character("<"): return .narrowList
        case .click(let x, let y): return .click(x: x, y: y)
        case .wheel(let x, let y, let down): return .wheel(x: x, y: y, down: down)
        default: return nil
        }
    }

    private static func searchAction(_ key: Key) -> Action? {
        switch key {
        case .escape: return .cancel
        case .enter: return .open
        case .backspace: return .searchErase
        case .down: return .moveDown
        case .up: return .moveUp
        case .character(let character): return .searchType(character)
        default: return nil
        }
    }

    private static func linksAction(_ key: Key) -> Action? {
        switch key {
        case .escape, .character("q"), .character("L"): return .cancel
        case .character("j"), .down: return .moveDown
        case .character("k"), .up: return .moveUp
        case .enter: return .open
        case .character(let digit) where digit.isASCII && digit.isNumber && digit != "0":
            return .chooseLink(Int(String(digit))!)
        default: return nil
        }
    }

    /// The help overlay's lines: every default binding.
    public static let help: [(keys: String, meaning: String)] = [
        ("j k ↓ ↑", "下一条 / 上一条（阅读区内滚动）"),
        ("g G Home End", "第一条 / 最后一条"),
        ("PgDn PgUp ^F ^B", "翻页"),
        ("Enter", "在阅读区打开并聚焦"),
        ("Tab", "切换列表 / 阅读区"),
        ("Space", "向下翻页，读完跳到下一篇未读"),
        ("n p", "下一篇 / 上一篇未读"),
        ("r s", "切换已读 / 星标"),
        ("o", "在浏览器中打开原文"),
        ("L", "文中链接列表"),
        ("u", "筛选：全部 → 未读 → 星标"),
        ("/", "搜索标题和正文，Esc 清除"),
        ("< >", "调整左右分栏"),
        ("R", "重新载入书库"),
        ("?", "显示 / 关闭本帮助"),
        ("q", "退出（浮层中为关闭）"),
    ]
}
