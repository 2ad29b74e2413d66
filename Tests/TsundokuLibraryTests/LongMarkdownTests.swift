import Testing
import Foundation
import Synchronization
@testable import TsundokuLibrary

/// A long article's blocks are converted on every core: the document is the same, in order.
@Suite struct LongMarkdownTests {
    @Test func aLongArticleConvertedOnEveryCoreKeepsEveryBlockInOrder() {
        let pieces = (0..<3_000).map { index -> String in
            switch index % 5 {
            case 0: return "## 第 \(index) 节"
            case 1: return "第 \(index) 段，带一个[链接](https://example.org/\(index))和 https://example.net/\(index) 。"
            case 2: return "- 列表 \(index)\n- **加粗** \(index)"
            case 3: return "> 引用 \(index)"
            default: return "```\n代码 \(index)\n```"
            }
        }
        let whole = MarkdownDocument.parse(pieces.joined(separator: "\n\n"))
        let oneByOne = pieces.flatMap { MarkdownDocument.parse($0).blocks }
        #expect(whole.blocks.count == 3_000)
        let differing = zip(whole.blocks, oneByOne).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(differing == nil, "block \(differing?.offset ?? -1): \(String(describing: differing?.element.0)) ≠ \(String(describing: differing?.element.1))")

        // A link defined at the end is still known at the beginning.
        let referenced = MarkdownDocument.parse("见[开头][end]。\n\n" + pieces.joined(separator: "\n\n") + "\n\n[end]: https://example.org/end\n")
        #expect(referenced.blocks.first == .paragraph([.text("见"), .link(url: "https://example.org/end", [.text("开头")]), .text("。")]))
    }

    /// Articles over 256 KB are parsed in parts, each part into an arena of a pool: parsed one
    /// after another and at the same time (arenas reused, and taken by several parses at
    /// once), each document is whole.
    @Test func longArticlesReadAlikeParsedAgainAndAtTheSameTime() {
        let long = (0..<6_000).map { "第 \($0) 段，见 https://example.net/\($0) 和 **粗体**。" }.joined(separator: "\n\n")
        #expect(long.utf8.count > 262_144)
        let first = MarkdownDocument.parse(long)
        #expect(first.blocks.count == 6_000)
        let unequal = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<3 where MarkdownDocument.parse(long) != first { unequal.withLock { $0 += 1 } }
        }
        #expect(unequal.withLock { $0 } == 0)
    }
}

/// Markdown parsed on several threads at once reads as it does alone: cmark-gfm keeps the
/// characters its extensions react to in one table for the whole process.
@Suite struct ConcurrentMarkdownTests {
    /// Texts with tables and without, with strikethrough and without (those parsed beside each
    /// other, not beside the former), alike.
    @Test func documentsParsedAtTheSameTimeReadAsTheyDoAlone() {
        let withTables = (0..<40).map { "第 \($0) 段见 https://example.net/\($0) 和 www.example.org/\($0) ，~~删去~~ | 表 |\n| --- |\n| 格 |" }
            .joined(separator: "\n\n")
        let withoutTables = (0..<400).map { "第 \($0) 段见 https://example.net/\($0) 和 www.example.org/\($0) ，~~删去~~。" }
            .joined(separator: "\n\n")
        let withoutStrikethrough = (0..<400).map { "第 \($0) 段见 https://example.net/\($0) 和 www.example.org/\($0) 。" }
            .joined(separator: "\n\n")
        let texts = [withTables, withoutTables, withoutStrikethrough]
        let alone = texts.map(MarkdownDocument.parse)
        #expect(alone[1].blocks.count == 400)
        let differing = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for round in 0..<25 {
                let which = (thread + round) % 3
                if MarkdownDocument.parse(texts[which]) != alone[which] { differing.withLock { $0 += 1 } }
            }
        }
        #expect(differing.withLock { $0 } == 0, "parses that read otherwise out of 200")
    }
}
