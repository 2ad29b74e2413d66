import Testing
@testable import ReaderCore

/// Whole screens frozen after review (trailing spaces trimmed).
@Suite struct ScreenGoldenTests {
    private func text(_ state: AppState) -> String {
        Screen.render(state).lines.map { line in
            var line = line
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    @Test func firstScreenAt80x24() {
        let state = ScreenTestSupport.sampleState(width: 80, height: 24)
        #expect(text(state) == """
             tsundoku · 示例书库 · 全部 · 11 未读 / 11 条
             列表 · 全部
            ●  11-20 积读周刊 晨间速递：开源终端阅读器迎来中文排版更新                 4分钟
            ●  11-20 积读周刊   开源终端阅读器迎来中文排版更新                         1分钟
            ●  11-20 积读周刊   城市图书馆试行夜间自助借阅                             1分钟
            ●  11-20 积读周刊   某输入法推出离线语音识别                               1分钟
            ●  11-20 积读周刊   开源字体项目发布 2.0 版                                1分钟
            ●  11-20 积读周刊   天文爱好者拍到罕见的双彗星同框                         1分钟
            ●  11-20 积读周刊   二手相机市场价格回落                                   1分钟
             阅读
             选中一篇，按 Enter 阅读












             j/k 移动 · Enter 打开 · r 已读 · s 星标 · o 原文 · / 搜索 · ? 帮助 · q …  1/11
            """)
    }

    @Test func openedDigestItemAt80x24() {
        var state = ScreenTestSupport.sampleState(width: 80, height: 24)
        _ = ScreenTestSupport.send(.open, to: &state)
        #expect(text(state) == """
             tsundoku · 示例书库 · 全部 · 11 未读 / 11 条
             列表 · 全部
            ●  11-20 积读周刊 晨间速递：开源终端阅读器迎来中文排版更新                 4分钟
            ●  11-20 积读周刊   开源终端阅读器迎来中文排版更新                         1分钟
            ●  11-20 积读周刊   城市图书馆试行夜间自助借阅                             1分钟
            ●  11-20 积读周刊   某输入法推出离线语音识别                               1分钟
            ●  11-20 积读周刊   开源字体项目发布 2.0 版                                1分钟
            ●  11-20 积读周刊   天文爱好者拍到罕见的双彗星同框                         1分钟
            ●  11-20 积读周刊   二手相机市场价格回落                                   1分钟
             晨间速递：开源终端阅读器迎来中文排版更新
             晨间速递：开源终端阅读器迎来中文排版更新
             积读周刊 · 积读周刊编辑部
             收藏 2026-11-20 08:15 · 发布 2026-11-20 07:30
             约 4 分钟读完
             原文 https://example.com/posts/morning-0001
             ──────────────────────────────────────────────────────────────────────────────

             你可能错过的新鲜事

             据项目维护者在邮件列表中的公告[1]，开源终端阅读器 Tsundoku 于 11 月 19 日发布
             了新版本，重点改进了中文与日文的排版：行首不再出现「。」「，」等标点，行尾不再
             留下孤零零的「（」，英文单词和网址也不会被从中间截断。维护者表示，这次更新参考
             了《中文排版需求》和 JIS X 4051 的规则，并在 80 列终端中逐行比对了效果。
             j/k 移动 · Enter 打开 · r 已读 · s 星标 · o 原文 · / 搜索 · ? 帮助… 1/11 · 14%
            """)
    }

    @Test func sideBySideAt120x40() {
        var state = ScreenTestSupport.sampleState(width: 120, height: 40)
        _ = ScreenTestSupport.send(.bottom, to: &state)
        _ = ScreenTestSupport.send(.open, to: &state)
        #expect(text(state) == """
             tsundoku · 示例书库 · 全部 · 10 未读 / 11 条
             列表 · 全部                                    │ 读不完的收藏夹：一个「积读」患者的自救指南
            ●  11-20 晨间速递：开源终端阅读器迎来中文排版更…│ 读不完的收藏夹：一个「积读」患者的自救指南
            ●  11-20   开源终端阅读器迎来中文排版更新       │ example.net · 周末读者
            ●  11-20   城市图书馆试行夜间自助借阅           │ 收藏 2026-11-15 12:05 · 发布 2026-11-14 18:30
            ●  11-20   某输入法推出离线语音识别             │ 约 1 分钟读完
            ●  11-20   开源字体项目发布 2.0 版              │ 原文 https://example.net/blog/reading-pile
            ●  11-20   天文爱好者拍到罕见的双彗星同框       │ ─────────────────────────────────────────────────────────────────────
            ●  11-20   二手相机市场价格回落                 │
            ●  11-20   看看就行的小道消息                   │ 我的稍后阅读列表里有 4,812 篇文章。其中最早的一篇保存于七年前，标题是
            ●  11-19 早上推开窗，才发现昨夜下了今年的第一场…│ 《如何在一周内读完一本书》。我至今没有读它。
            ●  11-18 终端里的中文排版：为什么句号不该出现在…│
               11-15 读不完的收藏夹：一个「积读」患者的自救…│ 日语里有个词叫「積ん読」（つんどく），说的正是买了书却堆着不读的状
                                                            │ 态。后来这个词被借用到了数字世界：收藏即学会，保存即读过。
                                                            │
                                                            │ 三个小办法
                                                            │
                                                            │ • 每天只读三篇。 不求多，但求读完。
                                                            │ • 先读最旧的。 旧文章要么已经过时，可以放心删除；要么经得起时间考验，
                                                            │   值得一读。
                                                            │ • 用键盘，不用鼠标。 按 j 和 k 翻看列表，按 r 标记已读，比在手机上滑
                                                            │   来滑去专注得多。
                                                            │
                                                            │ 读完之后，记得把真正有用的段落摘录下来——收藏夹不是知识库，笔记才是。
                                                            │
                                                            │ 摘录
                                                            │
                                                            │ │ 收藏夹不是知识库，笔记才是。 ⤴️[1]
                                                            │
                                                            │ 链接
                                                            │
                                                            │ [1] https://omnivore.app/me/sample-reading-pile-0003#highlight-1
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
                                                            │
             j/k 移动 · Enter 打开 · r 已读 · s 星标 · o 原文 · / 搜索 · ? 帮助 · q 退出                               11/11 · 末尾
            """)
    }

    @Test func helpOverlayAt80x24() {
        var state = ScreenTestSupport.sampleState(width: 80, height: 24)
        _ = ScreenTestSupport.send(.showHelp, to: &state)
        #expect(text(state) == """
             tsundoku · 示例书库 · 全部 · 11 未读 / 11 条
             列表 · 全  按键（Esc 或 q 关闭，↓ j/k 滚动）
            ●  11-20 积   j ↓               下一条（阅读区内向下滚动）                 4分钟
            ●  11-20 积   k ↑               上一条（阅读区内向上滚动）                 1分钟
            ●  11-20 积   g Home            第一条 / 文章开头                          1分钟
            ●  11-20 积   G End             最后一条 / 文章末尾                        1分钟
            ●  11-20 积   PgDn ^F           向下翻页                                   1分钟
            ●  11-20 积   PgUp ^B           向上翻页                                   1分钟
            ●  11-20 积   Enter             在阅读区打开并聚焦                         1分钟
             阅读         Tab               切换列表 / 阅读区
             选中一篇，   Space             向下翻页，读完跳到下一篇未读
                          n                 下一篇未读
                          p                 上一篇未读
                          r                 切换已读
                          s                 切换星标
                          o                 在浏览器中打开原文
                          L                 文中链接列表
                          H                 全书库的摘录，最新的在前
                          u                 筛选：全部 → 未读 → 星标
                          S                 切换排序：收藏、发布、来源、未读在前
                          t                 按标签筛选
                          /                 搜索标题和正文，Esc 清除

             j/k 移动 · Enter 打开 · r 已读 · s 星标 · o 原文 · / 搜索 · ? 帮助 · q …  1/11
            """)
    }

    @Test func tooSmallShowsANotice() {
        var state = ScreenTestSupport.sampleState(width: 39, height: 9)
        _ = ScreenTestSupport.send(.moveDown, to: &state)
        #expect(text(state) == """
            终端太小：至少需要 40×10，现在 39×9








            """)
    }
}
