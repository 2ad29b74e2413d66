import Localization
import Foundation
import Testing
import TextLayout
@testable import TsundokuLibrary
@testable import ReaderCore

@Suite struct ArticleViewTests {
    @Test func nothingFromTheArticleReachesTheTerminalAsAControlSequence() throws {
        let hostile = "---\nid: hostile\ntitle: \"标题\\e]0;pwned\\a\\e[2J\"\nauthor: \"\\u202Eevil\"\n---\n\n正文\u{1B}[31m红色\u{1B}[0m，\u{9B}2J清屏，\u{7}响铃，\u{202E}反向\u{2066}隔离\u{2069}。\n\n```\ncode\u{1B}]52;c;AAAA\u{7}\tend\n```\n"
        let item = try #require(ItemFileParser.parse(bytes: Array(hostile.utf8), path: "/virtual/hostile.md",
                                                     modified: Date(timeIntervalSince1970: 0)).items.first)
        #expect(item.title.contains("\u{1B}"))
        for width in [20, 40, 80] {
            let view = try ScreenTestSupport.view(ofText: hostile, width: width)
            let scalars = view.lines.flatMap { $0.text.unicodeScalars }
            let controls = scalars.filter { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }
            #expect(controls.isEmpty, "control characters at width \(width): \(controls.map { String($0.value, radix: 16) })")
            #expect(view.plainText.contains("␛[31m红色"))
        }
    }

    @Test func everyLineOfEverySampleItemFitsItsWidth() throws {
        let snapshot = Library.load(.sample)
        let library = MarkedLibrary(items: snapshot.items, marks: Marks())
        for item in library.items {
            for width in [20, 33, 40, 61, 80, 120] {
                let view = try ScreenTestSupport.view(item, in: library, width: width)
                for line in view.lines {
                    #expect(line.width <= width, "\(item.title) at \(width): \(line.text)")
                    #expect(DisplayWidth.of(line.text) == line.width)
                }
            }
        }
    }

    @Test func aDigestItemShowsItsOwnSectionAndNamesItsDigest() throws {
        let snapshot = Library.load(.sample)
        let library = MarkedLibrary(items: snapshot.items, marks: Marks())
        let item = try #require(library.items.first { $0.kind == .digestItem && $0.position == 3 })
        let text = try ScreenTestSupport.view(item, in: library, width: 60).plainText
        #expect(text.hasPrefix("某输入法推出离线语音识别\n"))
        #expect(text.contains("摘自「晨间速递：开源终端阅读器迎来中文排版更新」第 3 条"))
        #expect(text.contains("支持普通话和粤语"))
        #expect(!text.contains("开源字体项目"))
    }

    @Test func linksAreNumberedOnceWithTheirRealDestinationsListed() throws {
        let snapshot = Library.load(.sample)
        let library = MarkedLibrary(items: snapshot.items, marks: Marks())
        let item = try #require(library.items.first { $0.kind == .digestItem && $0.position == 1 })
        let view = try ScreenTestSupport.view(item, in: library, width: 80)
        #expect(view.links == ["https://example.org/announce/2026-11"])
        #expect(view.plainText.contains("公告[1]"))
        #expect(view.plainText.contains("[1] https://example.org/announce/2026-11"))
        #expect(view.plainText.contains("[图 1: 发布公告中的排版对比截图]"))
        let linkRuns = view.lines.flatMap(\.runs).filter { $0.style.role == .link }
        #expect(linkRuns.contains { $0.text == "公告" })
    }
}

/// Many links: each destination numbered once, in order of first appearance.
@Suite struct ManyLinksTests {
    @Test func fortyThousandLinksAreNumberedOnceEach() {
        let paragraphs = (0..<40_000).map { index in
            Block.paragraph([.text("第 \(index) 段 "), .link(url: "https://example.org/\(index % 20_000)", [.text("链接")])])
        }
        let item = Item(id: "many", kind: .article, title: "很多链接", saved: Date(timeIntervalSince1970: 0), path: "/x",
                        body: BodyLocation(format: .markdown, lines: []))
        let view = ArticleView(item: item, document: Document(blocks: paragraphs), width: 80, strings: Strings(.chinese))
        #expect(view.links.count == 20_000)
        #expect(view.links.first == "https://example.org/0" && view.links.last == "https://example.org/19999")
        #expect(view.lines.contains { $0.text.contains("第 20000 段 链接[1]") })
    }

    /// Found by the `markdown` fuzz target (Fuzz/Regressions/markdown/variation-selector-width):
    /// a quote whose text began with U+FE0F joined the space of the quote bar, so the line took
    /// a column more on screen than it was laid out with.
    @Test func aParagraphOrTitleStartingWithAJoiningMarkGetsABase() throws {
        let view = try ScreenTestSupport.view(ofText: "---\nid: j\ntitle: \"\u{301}标题\"\n---\n\n> > \u{FE0F}> 引用\n\n\u{200D}段落\n\n    \u{301}code\n", width: 40)
        for line in view.lines {
            #expect(line.width == DisplayWidth.of(line.text), "\(line.text.debugDescription)")
        }
        #expect(view.plainText.contains("│ │ \u{25CC}\u{FE0F}> 引用"))
        #expect(view.plainText.contains("\u{25CC}\u{200D}段落"))
        #expect(view.plainText.contains("\u{25CC}\u{301}code"), "a code line too")
        #expect(view.lines[0].text.hasPrefix("\u{25CC}\u{301}标题"))
        #expect(Sanitizer.cleanLine("e\u{301}") == "e\u{301}", "a mark after its base is left alone")
    }

    /// Found by the `html` fuzz target (Fuzz/Regressions/html/crlf-in-pre): a `<pre>` with CRLF
    /// line ends kept `\r\n` (one Character) inside a code line, and the line feed reached the
    /// screen as a control character.
    @Test func codeWithCRLFLineEndsHasNoControlCharacterInALine() throws {
        let html = HTMLDocument.parse("<pre>第一行\r\nsecond line\r\n\rthird</pre><p>正文</p>")
        let item = Item(id: "h", kind: .article, title: "HTML", saved: Date(timeIntervalSince1970: 0), path: "/h.html",
                        body: BodyLocation(format: .html, lines: [0..<Int.max]))
        let view = ArticleView(item: item, document: html, width: 30, strings: Strings(.chinese))
        for line in view.lines {
            #expect(!line.text.unicodeScalars.contains { $0.value < 0x20 }, "\(line.text.debugDescription)")
        }
        #expect(view.plainText.contains("第一行\nsecond line\n\nthird"))
    }
}
