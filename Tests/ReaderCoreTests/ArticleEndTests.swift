import Localization
import Foundation
import Testing
import TsundokuLibrary
@testable import ReaderCore
@testable import ReaderRuntime

/// The end of a long article is laid out alone so `G` shows it at once: its lines are the last
/// lines of the whole view, links numbered as there, and nothing on screen moves when the
/// whole arrives.
@Suite struct ArticleEndTests {
    /// A document of every kind of block, links repeated and nested, from a seed.
    static func document(seed: UInt64, blocks count: Int) -> Document {
        var random = seed
        func next(_ bound: Int) -> Int {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((random >> 33) % UInt64(bound))
        }
        func text() -> String {
            ["排版的规则：行首不放句号。", "“引号” 与（括号）", "A Latin sentence that wraps somewhere. ", "很长的中文句子，一直写下去，直到它需要换行为止，",
             "👨‍👩‍👧 和 🇨🇳 ", "12.5% 的人"][next(6)]
        }
        func link() -> Inline { .link(url: "https://example.org/\(next(40))", [.text(text())]) }
        func inlines() -> [Inline] {
            (0..<(1 + next(6))).map { _ in
                switch next(9) {
                case 0: return link()
                case 1: return .emphasis([.text(text()), link()])
                case 2: return .strong([.strikethrough([link()])])
                case 3: return .image(url: "https://img.example.org/\(next(5)).png", alt: "图")
                case 4: return .link(url: "https://example.org/\(next(40))", [.image(url: "https://img.example.org/x.png", alt: "")])
                case 5: return .softBreak
                default: return .text(text() + text())
                }
            }
        }
        func block(depth: Int) -> Block {
            switch next(depth > 1 ? 4 : 9) {
            case 0, 1: return .paragraph(inlines())
            case 2: return .heading(level: 1 + next(4), inlines())
            case 3: return .code(language: nil, text: String(repeating: "let value = \"一行代码\" // https://example.org/code\n", count: 1 + next(4)))
            case 4: return .quote([block(depth: depth + 1), block(depth: depth + 1)])
            case 5: return .list(ordered: next(2) == 0, start: 1 + next(9), items: (0..<(1 + next(3))).map { _ in [block(depth: depth + 1)] })
            case 6: return .table(header: [[.text("名")], [link()]], rows: [[inlines(), [link()]]])
            case 7: return .thematicBreak
            default: return .paragraph(inlines())
            }
        }
        return Document(blocks: (0..<count).map { _ in block(depth: 0) })
    }

    static let item = Item(id: "end", kind: .article, title: "很长的文章", saved: Date(timeIntervalSince1970: 1_700_000_000),
                           path: "/virtual/end.md", body: BodyLocation(format: .markdown, lines: []))

    @Test func theEndIsTheWholeViewsLastLines() {
        for seed in 0..<12 as Range<UInt64> {
            let document = Self.document(seed: seed, blocks: [5, 40, 150, 600][Int(seed % 4)])
            let highlights = seed % 3 == 0 ? Self.document(seed: seed + 100, blocks: 4) : nil
            for width in [20, 37, 61, 118] {
                let whole = ArticleView(item: Self.item, document: document, highlights: highlights, width: width, strings: Strings(.chinese))
                for wanted in [1, 9, 60, 400] {
                    let end = ArticleView.end(item: Self.item, document: document, highlights: highlights, width: width, lines: wanted,
                                              strings: Strings(.chinese))
                    let context = "seed \(seed), width \(width), \(wanted) lines"
                    #expect(end.links == whole.links, "\(context)")
                    #expect(end.lines.count >= min(wanted, whole.lines.count), "\(context)")
                    if end.isComplete {
                        #expect(end == whole, "\(context)")
                    } else {
                        #expect(end.isTail && end.lines.count < whole.lines.count, "\(context)")
                        #expect(end.lines == Array(whole.lines.suffix(end.lines.count)), "\(context)")
                        #expect(end.lineBlocks == Array(whole.lineBlocks.suffix(end.lines.count)), "\(context)")
                    }
                }
            }
        }
    }

    /// Blocks that make no line (an empty list, an empty quote) at the end: the last blocks
    /// fill fewer lines than asked, and the end is still the whole view's.
    @Test func anEndOfBlocksWithoutLinesIsStillTheWholeViewsEnd() {
        let paragraphs = (0..<600).map { Block.paragraph([.text("第 \($0) 段"), .link(url: "https://example.org/\($0 % 250)", [.text("链接")])]) }
        for empty in [Block.list(ordered: false, start: 1, items: []), .quote([])] {
            for trailing in [10, 300] {
                let document = Document(blocks: paragraphs + Array(repeating: empty, count: trailing))
                let whole = ArticleView(item: Self.item, document: document, width: 40, strings: Strings(.chinese))
                let end = ArticleView.end(item: Self.item, document: document, width: 40, lines: 400, strings: Strings(.chinese))
                #expect(end.links == whole.links && end.links.count == 250)
                #expect(end.lines == Array(whole.lines.suffix(end.lines.count)), "\(trailing) empty blocks")
                #expect(end.lines.count >= 400)
            }
        }
    }

    /// The real digest and article: each item's end, however short, is its whole view's end.
    @Test(.enabled(if: seeds != nil, "../shared/seeds is not here")) func theRealItemsEndAsTheirWholeViewsDo() throws {
        let items = Library.load(.paths([try #require(Self.seeds)])).items
        #expect(items.count > 5)
        for item in items {
            let (body, highlights) = try Library.bodyAndHighlights(for: item)
            let whole = ArticleView(item: item, document: body, highlights: highlights, width: 50, strings: Strings(.chinese))
            for wanted in [3, 25] {
                let end = ArticleView.end(item: item, document: body, highlights: highlights, width: 50, lines: wanted, strings: Strings(.chinese))
                #expect(end.lines == Array(whole.lines.suffix(end.lines.count)), "\(item.title)")
                #expect(end.links == whole.links, "\(item.title)")
            }
        }
    }

    static var seeds: String? {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        let seeds = url.appendingPathComponent("shared/seeds").path
        return FileManager.default.fileExists(atPath: seeds) ? seeds : nil
    }

    /// What the runtime sends for the long article of `FirstScreenTests`: its first screen,
    /// its end and the whole.
    private func parts(width: Int) throws -> (id: String, first: LoadedArticle, end: ArticleView, whole: ArticleView) {
        let reports = ReportInbox()
        let runtime = EffectRuntime(clients: FirstScreenTests.clients, strings: Strings(.chinese), mode: .immediate) { reports.post($0) }
        let state = ScreenTestSupport.sampleState(width: 120, height: 30)
        let item = try #require(state.selectedItem)
        runtime.perform(.loadDocument(item, width: width, digestTitle: nil, preview: false))
        let arrived = reports.drain()
        guard arrived.count == 3, case .documentLoaded(let id, .success(let first)) = arrived[0], case .laidOut(_, let end) = arrived[1],
              case .laidOut(_, let whole) = arrived[2] else {
            throw CancellationError()
        }
        return (id, first, end, whole)
    }

    /// The sample library with the long article open in the reader pane, its first screen shown.
    private func opened() throws -> (AppState, (id: String, first: LoadedArticle, end: ArticleView, whole: ArticleView)) {
        var state = ScreenTestSupport.sampleState(width: 120, height: 30)
        let parts = try parts(width: state.layout.articleWidth)
        ScreenTestSupport.send(.switchPane, to: &state)
        _ = state.apply(.open)
        _ = state.receive(.documentLoaded(id: parts.id, .success(parts.first)))
        return (state, parts)
    }

    private func readerText(_ state: AppState) -> [String] {
        Screen.render(state).text(in: state.layout.reader)
    }

    @Test func gShowsTheEndBeforeTheWholeAndNothingMovesWhenItArrives() throws {
        var (state, parts) = try opened()
        _ = state.receive(.laidOut(id: parts.id, parts.end))
        #expect(state.reader?.top == 0 && state.reader?.view?.isTail == false, "the end waits for G")
        let effects = state.apply(.bottom)
        let height = state.layout.reader.height
        #expect(state.reader?.view?.isTail == true && state.reader?.top == parts.end.lines.count - height)
        let lastLine = try #require(parts.whole.lines.last?.text)
        #expect(readerText(state).contains { $0.contains(lastLine.trimmingCharacters(in: .whitespaces)) })
        #expect(Screen.render(state).text(in: state.layout.status).joined().contains(state.strings.atEnd))
        let saved = effects.compactMap { if case .savePosition(_, let position, _) = $0 { position } else { nil } }
        let wholeTop = parts.whole.lines.count - height
        #expect(saved.map(\.block) == [parts.whole.position(top: wholeTop, height: height).block], "the place is saved as the whole has it")

        for _ in 0..<7 { _ = state.apply(.moveUp) }
        let before = readerText(state)
        _ = state.receive(.laidOut(id: parts.id, parts.whole))
        #expect(readerText(state) == before, "the whole arriving moves nothing on screen")
        #expect(state.reader?.top == wholeTop - 7 && state.reader?.otherPart == nil)
        for _ in 0..<20 { _ = state.apply(.moveUp) }
        #expect(state.reader?.top == wholeTop - 27, "and the lines above the end can be read now")
    }

    @Test func gBeforeTheEndArrivesGoesThereWhenItDoes() throws {
        var (state, parts) = try opened()
        let first = readerText(state)
        _ = state.apply(.bottom)
        #expect(state.reader?.followsEnd == true)
        #expect(readerText(state) == first, "the first screen's last line is not the end: nothing moves until the end is there")
        let status = Screen.render(state).text(in: state.layout.status).joined()
        #expect(!status.contains(state.strings.atEnd) && !status.contains("%"), "the first screen's end is not the article's: \(status)")
        _ = state.receive(.laidOut(id: parts.id, parts.end))
        let height = state.layout.reader.height
        #expect(state.reader?.view?.isTail == true && state.reader?.top == parts.end.lines.count - height)
        let before = readerText(state)
        _ = state.receive(.laidOut(id: parts.id, parts.whole))
        #expect(readerText(state) == before)
        #expect(state.reader?.top == parts.whole.lines.count - height)
    }

    /// `Enter G` typed at once: `G` arrives before anything is shown.
    @Test func gBeforeAnythingIsShownGoesToTheEndWhenItArrives() throws {
        var state = ScreenTestSupport.sampleState(width: 120, height: 30)
        let parts = try parts(width: state.layout.articleWidth)
        ScreenTestSupport.send(.switchPane, to: &state)
        _ = state.apply(.open)
        _ = state.apply(.bottom)
        _ = state.receive(.documentLoaded(id: parts.id, .success(parts.first)))
        #expect(state.reader?.followsEnd == true && state.reader?.top == 0, "the first screen is shown until the end is there")
        _ = state.receive(.laidOut(id: parts.id, parts.end))
        let height = state.layout.reader.height
        #expect(state.reader?.view?.isTail == true && state.reader?.top == parts.end.lines.count - height)
        _ = state.receive(.laidOut(id: parts.id, parts.whole))
        #expect(state.reader?.top == parts.whole.lines.count - height)

        // A short article arrives whole: its end at once.
        var short = ScreenTestSupport.sampleState(width: 120, height: 30)
        ScreenTestSupport.send(.switchPane, to: &short)
        _ = short.apply(.open)
        _ = short.apply(.bottom)
        let item = try #require(short.selectedItem)
        let article = try ArticleReading.article(item, digestTitle: nil, width: short.layout.articleWidth, strings: short.strings)
        #expect(article.view.isComplete && article.view.lines.count > short.layout.reader.height)
        _ = short.receive(.documentLoaded(id: item.id, .success(article)))
        #expect(short.reader?.top == article.view.lines.count - short.layout.reader.height)
    }

    @Test func gFromTheEndGoesBackToTheFirstScreen() throws {
        var (state, parts) = try opened()
        let first = readerText(state)
        _ = state.receive(.laidOut(id: parts.id, parts.end))
        _ = state.apply(.bottom)
        let end = readerText(state)
        #expect(state.apply(.moveUp).count == 1 && state.apply(.moveDown).count == 1)
        #expect(readerText(state) == end)
        let effects = state.apply(.top)
        #expect(readerText(state) == first && state.reader?.top == 0 && state.reader?.view?.isTail == false)
        #expect(effects.contains { if case .savePosition = $0 { true } else { false } }, "going back is a move the reader made")
        _ = state.apply(.bottom)
        #expect(readerText(state) == end)
    }

    @Test func spaceOnTheFirstScreensLastPageWaitsForTheRest() throws {
        var (state, _) = try opened()
        let id = state.reader?.itemID
        for _ in 0..<40 { _ = state.apply(.spaceForward) }
        #expect(state.reader?.itemID == id, "the next unread article is not opened before this one's end")
    }

    @Test func aSavedPlaceInTheEndIsShownFromIt() throws {
        let height = ScreenTestSupport.sampleState(width: 120, height: 30).layout.reader.height
        var (state, parts) = try opened()
        // A place in the body's last paragraphs, which the end laid out alone reaches (the
        // article's link list follows them).
        let line = try #require(parts.whole.lineBlocks.lastIndex { $0 >= 0 }) - 3
        #expect(line >= parts.whole.lines.count - parts.end.lines.count)
        let place = parts.whole.position(top: line, height: height)
        let marks = Marks([MarkEntry(time: 5, operation: .position, id: parts.id, position: place)])
        state = AppState(library: MarkedLibrary(items: state.library.items, marks: marks), libraryName: "书库", width: 120, height: 30,
                         strings: Strings(.chinese))
        _ = state.apply(.switchPane)
        _ = state.apply(.open)
        _ = state.receive(.documentLoaded(id: parts.id, .success(parts.first)))
        #expect(state.reader?.pendingPosition == place)
        _ = state.receive(.laidOut(id: parts.id, parts.end))
        #expect(state.reader?.view?.isTail == true)
        let before = readerText(state)
        _ = state.receive(.laidOut(id: parts.id, parts.whole))
        #expect(readerText(state) == before && state.reader?.top == line)
    }
}
