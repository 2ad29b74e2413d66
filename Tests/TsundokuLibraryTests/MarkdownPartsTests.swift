import Testing
import Foundation
@testable import TsundokuLibrary

/// A long article parsed in parts on every core reads exactly as parsed whole: the parts are
/// cut only where nothing open before can reach past, and not at all when that is not certain.
@Suite struct MarkdownPartsTests {
    /// Blocks of every kind a long article holds, fenced code with blank lines and lines that
    /// read like paragraphs inside, lists and quotes that run over blank lines, lazy lines, a
    /// table whose last row has no pipe, setext headings; no link reference, no line with `<`.
    static let pieces = [
        "第一段，见 https://example.org/a 与 www.example.net/b 。",
        "Second paragraph with *emphasis*, ~~struck~~ text and `code`.",
        "```swift\nlet a = 1\n\nthis line reads like a paragraph\n\n说明文字\n```",
        "~~~\n代码\n\n文字行\n~~~~",
        "````\n```\n内部\n\n文字\n```\n````",
        "- 列表一\n\n- 列表二\n\n  续段\n\n      列表里的缩进代码\n\n  text",
        "7. 七\n8. 八\n\n   第八项的第二段",
        "> 引用\n\n> 第二段引用\n懒惰的续行",
        "    缩进代码\n\n    第二行",
        "| 表 | 头 |\n| --- | --- |\n| 格 | 子 |\n续行",
        "标题\n===",
        "Setext 标题\n---",
        "* * *",
        "## 二级标题 ##",
        "1) 括号编号\n\n   缩进续段",
        "**加粗开头**的段落，与[链接](https://example.com/x \"题\")。",
        "末行有两个空格  \n换行之后",
    ]

    /// The pieces, many times over, parted by blank lines and numbered rounds: about 40 KB.
    static let article = (0..<60).flatMap { round in pieces + ["第 \(round) 轮"] }.joined(separator: "\n\n")

    @Test func anArticleCutInSmallPartsReadsAsTheWhole() {
        let parts = MarkdownParts.cut(Self.article[...], size: 64)
        #expect(parts.count > 100, "the article is cut: \(parts.count) parts")
        #expect(parts.joined() == Self.article)
        expectSameDocument(Self.article)
    }

    @Test func linesEndingInCarriageReturnsAreCutAlike() {
        let article = Self.article.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(MarkdownParts.cut(article[...], size: 64).count > 100)
        expectSameDocument(article)
    }

    /// Each of these may join what lies far apart, so a text holding one is not cut.
    @Test(arguments: [
        "[定义]: https://example.org/defined\n\n见[定义]。",
        "<!-- 注释\n\n跨越空行的注释 -->",
        "<pre>\n\n预排版\n\n</pre>",
        "- 列表\n\n  ```\n  缩进的围栏\n\n  text\n  ```",
        "a | b\n```\n围栏或表格行\n```",
        "一行\r单独的回车\r\rtext",
    ])
    func aTextThatMayJoinFarPartsIsNotCut(_ joining: String) {
        let article = Self.article + "\n\n" + joining + "\n\n" + Self.article
        #expect(MarkdownParts.cut(article[...], size: 64).count == 1)
        expectSameDocument(article)
    }

    /// A fence left open runs to the end: nothing after it is cut off.
    @Test func anUnclosedFenceKeepsTheRestWhole() {
        let article = Self.article + "\n\n`````\n未闭合\n\n" + Self.article
        let parts = MarkdownParts.cut(article[...], size: 64)
        #expect(parts.last.map { $0.contains("未闭合") } == true)
        expectSameDocument(article)
    }

    /// A part holding a paragraph longer than an arena's chunk (its text grown in steps past
    /// the chunk) and parts after it, parsed into the same arena, read as the whole.
    @Test func aPartLongerThanAnArenaChunkReadsAsTheWhole() {
        let long = String(repeating: "很长的一段文字，见 https://example.org/long 。", count: CmarkArena.chunkSize / 40)
        #expect(long.utf8.count > CmarkArena.chunkSize)
        expectSameDocument(Self.article + "\n\n" + long + "\n\n" + Self.article)
    }

    @Test(.enabled(if: Seeds.folder != nil, "../shared/seeds is not here"))
    func realSavedItemsReadAsTheWhole() throws {
        let seeds = try #require(Seeds.folder)
        for name in try FileManager.default.contentsOfDirectory(atPath: seeds) {
            let text = try String(contentsOfFile: seeds + "/" + name, encoding: .utf8)
            expectSameDocument(text)
        }
    }

    private func expectSameDocument(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let whole = MarkdownDocument.parse(text[...], long: .max)
        let inParts = MarkdownDocument.parse(text[...], partSize: 64, long: 0)
        #expect(whole.blocks.count > 1, sourceLocation: sourceLocation)
        let differing = zip(whole.blocks, inParts.blocks).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(differing == nil && whole.blocks.count == inParts.blocks.count,
                "block \(differing?.offset ?? -1) of \(whole.blocks.count) (\(inParts.blocks.count) in parts): \(String(describing: differing?.element.0)) ≠ \(String(describing: differing?.element.1))",
                sourceLocation: sourceLocation)
    }
}
