import Foundation
import Testing
import TsundokuLibrary
@testable import ReaderCore

/// Reader views frozen after review at 20, 40 and 80 columns.
@Suite struct ArticleViewGoldenTests {
    static let blocks = #"""
---
id: golden-blocks
title: 块级元素测试：列表、引用、代码与表格
author: 测试作者
site_name: 积读周刊
original_url: https://example.com/posts/blocks
date_saved: 2026-01-02 03:04:05
date_published: 2026-01-01 10:00:00
---

## 小标题

正文里有*强调*、**加粗**和`代码`，还有一个[链接](https://example.org/a)以及同一个[链接](https://example.org/a)。

- 第一项比较长，需要换行才能放得下，看看续行是否对齐到文字而不是项目符号
- 第二项
  - 嵌套的第一项，也写得长一些以便换行
  - 嵌套的第二项

1. 有序一
2. 有序二，同样写得足够长以便在窄屏上换行

> 引用的第一段，写得长一点，看看每一行是否都有竖线。
>
> 引用的第二段。

```
let message = "代码块不重排，但超长的行会带着续行标记折到下一行显示"
```

| 名称 | 说明 |
| --- | --- |
| tsundoku | 终端里的稍后阅读 |

![一张示意图](https://example.org/figure.png)

---

结尾。
"""#

    private func view(_ markdown: String, width: Int) throws -> ArticleView {
        try ScreenTestSupport.view(ofText: markdown, width: width)
    }

    @Test func blocksAt20() throws {
        #expect(try view(Self.blocks, width: 20).plainText == """
            块级元素测试：列表、
            引用、代码与表格
            积读周刊 · 测试作者
            收藏 2026-01-02 ·
            发布 2026-01-01
            约 1 分钟读完
            原文 https://
            example.com/posts/
            blocks
            ────────────────────

            小标题

            正文里有强调、加粗和
            代码，还有一个链
            接[1]以及同一个链
            接[1]。

            • 第一项比较长，需要
              换行才能放得下，看
              看续行是否对齐到文
              字而不是项目符号
            • 第二项
              ◦ 嵌套的第一项，也
                写得长一些以便换
                行
              ◦ 嵌套的第二项

            1. 有序一
            2. 有序二，同样写得
               足够长以便在窄屏
               上换行

            │ 引用的第一段，写得
            │ 长一点，看看每一行
            │ 是否都有竖线。
            │
            │ 引用的第二段。

            let message = "代码
            ↪ 块不重排，但超长的
            ↪ 行会带着续行标记折
            ↪ 到下一行显示"

            名称：tsundoku
            说明：终端里的稍后
              阅读

            [图 1: 一张示意图]

            ────────────────────

            结尾。

            链接

            [1] https://
                example.org/a
            [图 1] https://
                example.org/
                figure.png

            """)
    }

    @Test func blocksAt40() throws {
        #expect(try view(Self.blocks, width: 40).plainText == """
            块级元素测试：列表、引用、代码与表格
            积读周刊 · 测试作者
            收藏 2026-01-02 03:04 ·
            发布 2026-01-01 10:00
            约 1 分钟读完
            原文 https://example.com/posts/blocks
            ────────────────────────────────────────

            小标题

            正文里有强调、加粗和代码，还有一个链
            接[1]以及同一个链接[1]。

            • 第一项比较长，需要换行才能放得下，看看
              续行是否对齐到文字而不是项目符号
            • 第二项
              ◦ 嵌套的第一项，也写得长一些以便换行
              ◦ 嵌套的第二项

            1. 有序一
            2. 有序二，同样写得足够长以便在窄屏上换
               行

            │ 引用的第一段，写得长一点，看看每一行是
            │ 否都有竖线。
            │
            │ 引用的第二段。

            let message = "代码块不重排，但超长的行
            ↪ 会带着续行标记折到下一行显示"

            名称     │ 说明
            ─────────┼─────────────────
            tsundoku │ 终端里的稍后阅读

            [图 1: 一张示意图]

            ────────────────────────────────────────

            结尾。

            链接

            [1] https://example.org/a
            [图 1] https://example.org/
                figure.png

            """)
    }

    @Test func blocksAt80() throws {
        #expect(try view(Self.blocks, width: 80).plainText == """
            块级元素测试：列表、引用、代码与表格
            积读周刊 · 测试作者
            收藏 2026-01-02 03:04 · 发布 2026-01-01 10:00
            约 1 分钟读完
            原文 https://example.com/posts/blocks
            ────────────────────────────────────────────────────────────────────────────────

            小标题

            正文里有强调、加粗和代码，还有一个链接[1]以及同一个链接[1]。

            • 第一项比较长，需要换行才能放得下，看看续行是否对齐到文字而不是项目符号
            • 第二项
              ◦ 嵌套的第一项，也写得长一些以便换行
              ◦ 嵌套的第二项

            1. 有序一
            2. 有序二，同样写得足够长以便在窄屏上换行

            │ 引用的第一段，写得长一点，看看每一行是否都有竖线。
            │
            │ 引用的第二段。

            let message = "代码块不重排，但超长的行会带着续行标记折到下一行显示"

            名称     │ 说明
            ─────────┼─────────────────
            tsundoku │ 终端里的稍后阅读

            [图 1: 一张示意图]

            ────────────────────────────────────────

            结尾。

            链接

            [1] https://example.org/a
            [图 1] https://example.org/figure.png

            """)
    }
}
