import Localization
import Foundation
import Testing
import TsundokuLibrary
@testable import ReaderCore
@testable import ReaderRuntime

/// A long article shows its first screen at once and the rest after it, and the reading
/// position never jumps when the rest arrives.
@Suite struct FirstScreenTests {
    static let long = ArticleBody(document: Document(blocks: (0..<300).map { index in
        .paragraph([.text("第 \(index) 段：一段足够长的中文文字，用来把文章撑到好几屏，"), .link(url: "https://example.org/\(index)", [.text("链接")])])
    }), highlights: Document(blocks: [.paragraph([.text("摘录的一句话")])]))

    static let clients = EffectClients(loadLibrary: ScreenTestSupport.clients.loadLibrary, loadDocument: { _, _ in .success(long) },
                                       saveMarks: ScreenTestSupport.clients.saveMarks, savePositions: ScreenTestSupport.clients.savePositions,
                                       textSearch: ScreenTestSupport.clients.textSearch,
                                       openURL: ScreenTestSupport.clients.openURL)

    /// The first screen, then the whole, as the runtime sends them for one item.
    private func reports(for item: Item, width: Int) -> [Report] {
        let reports = ReportInbox()
        let runtime = EffectRuntime(clients: Self.clients, strings: Strings(.chinese), mode: .immediate) { reports.post($0) }
        runtime.perform(.loadDocument(item, width: width, digestTitle: nil, preview: false))
        return reports.drain()
    }

    @Test func theFirstScreenIsTheBeginningOfTheWhole() throws {
        let item = try #require(Library.load(.sample).items.first)
        let arrived = reports(for: item, width: 60)
        guard arrived.count == 3, case .documentLoaded(_, .success(let first)) = arrived[0], case .laidOut(_, let end) = arrived[1],
              case .laidOut(_, let whole) = arrived[2] else {
            Issue.record("expected the first screen, the end and then the whole: \(arrived)")
            return
        }
        #expect(!first.view.isComplete && end.isTail && whole.isComplete)
        #expect(Array(whole.lines.suffix(end.lines.count)) == end.lines)
        #expect(first.view.lines.count < whole.lines.count / 4)
        #expect(Array(whole.lines.prefix(first.view.lines.count)) == first.view.lines)
        #expect(whole.links.count == 300 && whole.lines.contains { $0.text.contains("摘录的一句话") })
    }

    @Test func thePositionStaysAndTheEndIsTheRealEnd() throws {
        var state = ScreenTestSupport.sampleState(width: 120, height: 30)
        let item = try #require(state.selectedItem)
        let arrived = reports(for: item, width: state.layout.articleWidth)
        guard arrived.count == 3, case .documentLoaded(let id, .success(let first)) = arrived[0] else {
            Issue.record("expected the first screen first")
            return
        }
        ScreenTestSupport.send(.switchPane, to: &state)
        _ = state.apply(.open)
        _ = state.receive(.documentLoaded(id: id, .success(first)))
        for _ in 0..<10 { _ = state.apply(.moveDown) }
        #expect(state.reader?.top == 10)
        _ = state.receive(arrived[1])
        _ = state.receive(arrived[2])
        #expect(state.reader?.top == 10, "the end and the rest arriving move nothing")

        var ending = ScreenTestSupport.sampleState(width: 120, height: 30)
        ScreenTestSupport.send(.switchPane, to: &ending)
        _ = ending.apply(.open)
        _ = ending.receive(.documentLoaded(id: id, .success(first)))
        _ = ending.apply(.bottom)
        _ = ending.receive(arrived[1])
        _ = ending.receive(arrived[2])
        let lines = try #require(ending.reader?.view?.lines.count)
        #expect(ending.reader?.top == lines - ending.layout.reader.height, "G goes to the real end once it is known")
    }

    /// A long Markdown article on disk: its first part, parsed alone, is on screen first, and
    /// its lines are the first lines of the whole, which replaces it.
    @Test func aLongMarkdownArticleShowsItsFirstPartBeforeTheWholeIsParsed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("first-part-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var body = ""
        for index in 0..<3_000 {
            body += "第 \(index) 段：一段足够长的中文文字，带一个[链接](https://example.org/\(index))，用来把文章撑到几百 KB。\n\n"
            if index == 700 { body += "```\n" + String(repeating: "代码行，不该被切开\n", count: 400) + "```\n\n" }
        }
        let path = folder + "/long.md"
        try Data(("---\nid: long\ntitle: 长文\n---\n\n" + body).utf8).write(to: URL(fileURLWithPath: path))
        let item = try #require(Library.load(.paths([path])).items.first)
        let part = try #require(try Library.firstPart(of: item))
        #expect(part.blocks.count < 1_000 && part.blocks.count > 40)
        let whole = try Library.document(for: item)
        #expect(Array(whole.blocks.prefix(part.blocks.count)) == part.blocks, "the part's blocks are the whole's first blocks")
        let short = try #require(Library.load(.sample).items.first)
        #expect(try Library.firstPart(of: short) == nil, "a short article is parsed whole at once")
        // Only the file's beginning is read for the part: a news item deep in a long digest,
        // and an article whose one paragraph is longer than that beginning, are read whole.
        var digest = "---\nid: digest\ntitle: 早报：长长的一期\n---\n\n## 你可能错过的新鲜事\n\n导语。\n\n"
        for number in 2...9 {
            digest += "### 0\(number)第 \(number) 条新闻\n\n" + String(repeating: "很长的新闻正文，写满一整段。", count: 2_000) + "\n\n"
        }
        try Data(digest.utf8).write(to: URL(fileURLWithPath: folder + "/digest.md"))
        let news = Library.load(.paths([folder + "/digest.md"])).items.filter { $0.kind == .digestItem }
        #expect(news.count >= 8)
        for item in news { #expect(try Library.firstPart(of: item) == nil, "\(item.title)") }
        try Data(("# 一段\n\n" + String(repeating: "没有空行的长段落。", count: 40_000) + "\n").utf8)
            .write(to: URL(fileURLWithPath: folder + "/one-paragraph.md"))
        let paragraph = try #require(Library.load(.paths([folder + "/one-paragraph.md"])).items.first)
        #expect(try Library.firstPart(of: paragraph) == nil)

        let reports = ReportInbox()
        let runtime = EffectRuntime(clients: ScreenTestSupport.clients, strings: Strings(.chinese), mode: .immediate) { reports.post($0) }
        runtime.perform(.loadDocument(item, width: 60, digestTitle: nil, preview: false))
        let arrived = reports.drain()
        guard arrived.count == 3, case .documentLoaded(_, .success(let first)) = arrived[0], case .laidOut(_, let end) = arrived[1],
              case .documentLoaded(_, .success(let all)) = arrived[2] else {
            Issue.record("expected the first part, the end and then the whole: \(arrived)")
            return
        }
        #expect(first.isPart && !first.view.isComplete && !all.isPart && all.view.isComplete)
        #expect(end.isTail && Array(all.view.lines.suffix(end.lines.count)) == end.lines)
        #expect(Array(all.view.lines.prefix(first.view.lines.count)) == first.view.lines)
        #expect(all.view.links.count == 3_000 && end.links == all.view.links)

        var state = AppState(library: MarkedLibrary(items: [item], marks: Marks()), libraryName: "书库", width: 100, height: 30,
                             strings: Strings(.chinese))
        _ = state.apply(.open)
        _ = state.receive(arrived[0])
        #expect(state.apply(.resize(width: 140, height: 30)).isEmpty, "the part is not laid out again")
        _ = state.receive(arrived[1])
        #expect(state.reader?.otherPart == nil, "an end laid out for the old width is not kept")
        let effects = state.receive(arrived[2])
        #expect(effects.contains { if case .layOut = $0 { true } else { false } }, "the whole, laid out for the old width, is laid out anew")
    }
}
