import Localization
import Foundation
import Synchronization
import Testing
import TsundokuLibrary
@testable import ReaderCore

/// A long Markdown file's end, read before its whole is converted so `G` shows it sooner, lays
/// out as the whole's end does: the same lines, links numbered and blocks counted alike, so
/// nothing moves when the whole arrives.
@Suite struct EarlyEndTests {
    /// About 450 KB of paragraphs with bare and written links (repeated), headings, lists with
    /// images, a quote; a few paragraphs long enough to wrap.
    static let markdown = (0..<4_000).map { index in
        var text = "第 \(index) 段：见 https://example.org/\(index % 700) 。以及[链接](https://example.com/\(index % 300))"
        if index % 7 == 0 { text += "\n\n## 小标题 \(index) 与 www.example.net/\(index)" }
        if index % 11 == 0 { text += "\n\n- 列表 ![图](https://img.example.org/\(index).png)\n- 第二项 https://example.org/list/\(index)" }
        if index % 13 == 0 { text += "\n\n> 引用的一句话，[出处](https://example.com/quote/\(index))。" }
        if index % 17 == 0 { text += "\n\n" + String(repeating: "很长的一段中文文字，需要在窄的窗格里换好几行，", count: 12) }
        return text
    }.joined(separator: "\n\n")

    /// As long, with 30 links in all: its end is the body's last paragraphs, then the links.
    static let fewLinks = (0..<4_000).map { index in
        "第 \(index) 段：很少的链接 https://example.org/\(index % 30) 。" + String(repeating: "再写一些中文，", count: index % 5)
    }.joined(separator: "\n\n")

    static func longItem(_ markdown: String, in folder: String) throws -> Item {
        let path = folder + "/long.md"
        try Data(("---\nid: early-end\ntitle: 很长的文章\n---\n\n" + markdown).utf8).write(to: URL(fileURLWithPath: path))
        return try #require(Library.load(.paths([path])).items.first)
    }

    @Test(arguments: [(24, true), (80, true), (24, false), (80, false)])
    func theEndReadBeforeTheWholeLaysOutAsTheWholesEnd(width: Int, manyLinks: Bool) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let item = try Self.longItem(manyLinks ? Self.markdown : Self.fewLinks, in: folder)
        for wanted in [9, 400] {
            let shown = Mutex<DocumentEnd?>(nil)
            let (body, highlights) = try Library.bodyAndHighlights(for: item, end: EarlyEnd(blocks: ArticleView.endBlocks(lines: wanted)) { end, _ in
                shown.withLock { $0 = end }
            })
            let early = try #require(shown.withLock { $0 })
            let fromEarly = try #require(ArticleView.end(of: early, highlights: highlights, width: width, lines: wanted, strings: Strings(.chinese)))
            let fromWhole = ArticleView.end(item: item, document: body, highlights: highlights, width: width, lines: wanted, strings: Strings(.chinese))
            #expect(fromEarly == fromWhole, "width \(width), \(wanted) lines")
            let whole = ArticleView(item: item, document: body, highlights: highlights, width: width, strings: Strings(.chinese))
            #expect(fromEarly.isTail && fromEarly.lines.count >= wanted)
            #expect(fromEarly.lines == Array(whole.lines.suffix(fromEarly.lines.count)))
            #expect(fromEarly.lineBlocks == Array(whole.lineBlocks.suffix(fromEarly.lines.count)))
            let distinct = manyLinks ? 700 + 300 + 4_000 / 7 + 1 + 4_000 / 11 + 1 + 4_000 / 13 + 1 : 30
            #expect(fromEarly.links == whole.links && whole.links.count == distinct)
            if !manyLinks { #expect(fromEarly.lineBlocks.contains { $0 >= 0 } == (wanted > 30), "the body's last blocks are in the end") }
        }
    }

    private static func folder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tsundoku-early-end-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }
}
