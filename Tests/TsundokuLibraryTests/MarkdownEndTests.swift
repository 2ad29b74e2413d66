import Testing
import Foundation
import Synchronization
@testable import TsundokuLibrary

/// A long article's end read before its whole (for `G`) is the whole's end: its last blocks,
/// the count of blocks above them, and the links and images above them in the order laying
/// out the whole numbers them, though the parts above were only parsed, never converted.
@Suite struct MarkdownEndTests {
    /// Links of every kind the reading of a part must tell apart: bare addresses that swallowed
    /// Chinese punctuation, `www.` and mail ones, text that only looks like an address, a
    /// wrapped destination, links whose text holds emphasis or an image, links in headings,
    /// lists, quotes and tables (not numbered), in code (none), an empty destination. (No fence
    /// follows the table: that would keep the text whole.)
    static let linkPieces = [
        "裸链接 https://example.org/bare。之后的文字，还有 www.example.net/www，与 mail@example.com 。",
        "处理器 2xA715@2.8Ghz 不是邮箱，https://example.org/ends-in-ascii 也不带标点",
        "写出的[链接](https://example.com/written \"题\")和[*强调的*链接](https://example.com/emphasis)",
        "图中链接[![图](https://img.example.org/inner.png)](https://example.com/around-image)与图 ![说明](https://img.example.org/alone.png)",
        "## 标题里的[链接](https://example.com/heading)",
        "- 列表里的 https://example.org/list 。\n- 第二项[链接](https://example.com/item)",
        "> 引用里的[链接](https://example.com/quote)\n> 续行 www.example.net/quote",
        "```\nhttps://example.org/in-code\n```",
        "| 表 | 链接 |\n| --- | --- |\n| 格 | [表里的](https://example.com/table) |",
        "包装过的[链接](https://link.zhihu.com/?target=https%3A%2F%2Fexample.org%2Funwrapped)，空的[链接]()",
        "**加粗的 https://example.org/strong 。**与 ~~删除的[链接](https://example.com/struck)~~",
        "重复的[链接](https://example.com/written)和 https://example.org/bare 。",
        // Links whose bytes are read without making strings, and the ones next to them that are not.
        "英文的[plain text](https://example.com/ascii-text)、[https://example.org/same](https://example.org/same)、"
            + "[example.org/www-like](http://example.org/www-like)、[x](mailto:x)、[mail@example.com](mailto:mail@example.com)、"
            + "[K](K)、[\u{212A}](K)、[HTTPS://EXAMPLE.ORG/UP](HTTPS://EXAMPLE.ORG/UP)、[删](https://example.com/del\u{7F})、"
            + "[é](https://example.com/caf\u{E9})、[ZHIHU](https://LINK.ZHIHU.COM/?target=https%3A%2F%2Fexample.org%2Fupper)、"
            + "[日本語の](https://example.jp/kana)と[한국어](https://example.kr/hangul)",
    ]

    /// The parts tests' article of every kind of block, with the link pieces between.
    static let article = (0..<30).flatMap { round in MarkdownPartsTests.pieces + linkPieces + ["第 \(round) 轮"] }
        .joined(separator: "\n\n")

    @Test(arguments: [1, 7, 60])
    func theEndIsTheWholesEnd(wanted: Int) throws {
        try expectSameEnd(Self.article, wanted: wanted)
    }

    /// An end that would need more than the last quarter of the parts (two at least) converted,
    /// one after another, is laid out from the whole instead.
    @Test func anEndOfMoreThanAQuarterOfTheArticleIsNotReadEarly() {
        let bytes = Array(Self.article.utf8)
        let blocks = MarkdownDocument.parse(Self.article[...], long: .max).blocks.count
        let parts = bytes.withUnsafeBufferPointer { MarkdownParts.starts(of: $0, size: 64) }.count
        #expect(parts > 100)
        #expect(bytes.withUnsafeBufferPointer { MarkdownDocument.end(utf8: $0, blocks: blocks, partSize: 64, long: 0) } == nil)
        #expect(bytes.withUnsafeBufferPointer { MarkdownDocument.end(utf8: $0, blocks: blocks / 8, partSize: 64, long: 0) } != nil)
    }

    @Test func linesEndingInCarriageReturnsEndAlike() throws {
        try expectSameEnd(Self.article.replacingOccurrences(of: "\n", with: "\r\n"), wanted: 40)
    }

    /// A text that may not be cut, or is not UTF-8, has no end read before its whole.
    @Test func aTextThatCannotBeCutOrIsNotUTF8HasNoEarlyEnd() {
        let joined = Array((Self.article + "\n\n[定义]: https://example.org/defined\n\n" + Self.article).utf8)
        #expect(joined.withUnsafeBufferPointer { MarkdownDocument.end(utf8: $0, blocks: 10, partSize: 64, long: 0) } == nil)
        // A cut character, a surrogate, an overlong slash, a code point past U+10FFFF.
        for bad: [UInt8] in [[0xE4, 0xB8], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80]] {
            let broken = Array(Self.article.utf8) + bad + Array("\n\n后面的段落".utf8)
            #expect(String(validating: broken, as: UTF8.self) == nil)
            #expect(broken.withUnsafeBufferPointer { MarkdownDocument.end(utf8: $0, blocks: 10, partSize: 64, long: 0) } == nil, "\(bad)")
            #expect(broken.withUnsafeBufferPointer { MarkdownDocument.parse(utf8: $0, partSize: 64, long: 0) } == nil, "\(bad)")
        }
    }

    @Test(.enabled(if: Seeds.folder != nil, "../shared/seeds is not here"))
    func realSavedItemsEndAsTheirWholes() throws {
        let seeds = try #require(Seeds.folder)
        for name in try FileManager.default.contentsOfDirectory(atPath: seeds) {
            let text = try String(contentsOfFile: seeds + "/" + name, encoding: .utf8)
            try expectSameEnd(text, wanted: 5, linksAtLeast: 0)
        }
    }

    /// A long file read by the library: its end is shown before the whole is returned, and is
    /// the returned whole's end.
    @Test func theLibraryShowsALongBodysEndBeforeItsWhole() throws {
        let folder = TemporaryFolder()
        let body = (0..<8).map { _ in Self.article }.joined(separator: "\n\n")
        #expect(body.utf8.count > MarkdownDocument.long)
        let path = folder.write("long.md", "---\nid: long\ntitle: 长文\n---\n\n" + body)
        let item = try #require(Library.load(.paths([path])).items.first)
        let shown = ShownEnds()
        let (whole, _) = try Library.bodyAndHighlights(for: item, end: EarlyEnd(blocks: 50) { end, highlights in
            shown.add(end)
            #expect(highlights == nil)
        })
        let end = try #require(shown.only)
        #expect(end.blocksAbove + end.blocks.count == whole.blocks.count && end.blocks.count >= 50)
        #expect(end.blocks == Array(whole.blocks.suffix(end.blocks.count)))
        let above = LinkDestinations(of: whole.blocks[..<end.blocksAbove])
        #expect(end.linksAbove.flatMap { $0.links.map(\.url) } == above.links.map(\.url))
    }

    private func expectSameEnd(_ text: String, wanted: Int, linksAtLeast: Int = 100,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let whole = MarkdownDocument.parse(text[...], long: .max)
        let bytes = Array(text.utf8)
        let end = try #require(bytes.withUnsafeBufferPointer { MarkdownDocument.end(utf8: $0, blocks: wanted, partSize: 64, long: 0) },
                               sourceLocation: sourceLocation)
        #expect(end.blocksAbove + end.blocks.count == whole.blocks.count, sourceLocation: sourceLocation)
        #expect(end.blocks.count >= min(wanted, whole.blocks.count), sourceLocation: sourceLocation)
        #expect(end.blocks == Array(whole.blocks.suffix(end.blocks.count)), sourceLocation: sourceLocation)
        let above = LinkDestinations(of: whole.blocks[..<end.blocksAbove])
        let read = end.linksAbove.flatMap { $0.links.map(\.url) }
        if end.blocksAbove > 0 { #expect(read.count >= linksAtLeast, sourceLocation: sourceLocation) }
        #expect(read == above.links.map(\.url), sourceLocation: sourceLocation)
        #expect(end.linksAbove.flatMap(\.images) == above.images, sourceLocation: sourceLocation)
    }
}

/// The ends a library read showed, from its reading thread.
private final class ShownEnds: Sendable {
    private let ends = Mutex<[DocumentEnd]>([])

    func add(_ end: DocumentEnd) {
        ends.withLock { $0.append(end) }
    }

    var only: DocumentEnd? {
        ends.withLock { $0.count == 1 ? $0[0] : nil }
    }
}
