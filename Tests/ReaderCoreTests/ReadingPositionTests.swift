import Foundation
import Localization
import Synchronization
import Testing
import TsundokuLibrary
@testable import ReaderCore
@testable import ReaderRuntime

/// Where the reader stopped: a place in the text that survives another width, saved after a
/// pause (never per key) and on quit, restored on open, also past the first screen of a long
/// article; reaching the end marks the article read.
@Suite struct ReadingPositionTests {
    static let chinese = Strings(.chinese)

    /// The sample's longest article.
    static func longestArticle() throws -> (Item, Document) {
        let library = Library.load(.sample)
        let documents = try library.items.filter { $0.kind == .article }.map { ($0, try Library.document(for: $0)) }
        return try #require(documents.max { $0.1.blocks.count < $1.1.blocks.count })
    }

    @Test func aPlaceInTheTextSurvivesAnotherWidth() throws {
        let (item, document) = try Self.longestArticle()
        let wide = ArticleView(item: item, document: document, width: 90, strings: Self.chinese)
        let narrow = ArticleView(item: item, document: document, width: 30, strings: Self.chinese)
        for top in stride(from: 0, to: wide.lines.count - 5, by: 3) {
            let place = wide.position(top: top, height: 10)
            let line = try #require(narrow.line(of: place, height: 10))
            #expect(narrow.lineBlocks[line] == wide.lineBlocks[top] || wide.lineBlocks[top] < 0,
                    "line \(top) at 90 columns is in block \(wide.lineBlocks[top]); at 30 columns it maps into block \(narrow.lineBlocks[line])")
            #expect(place.seen == min(10_000, (top + 10) * 10_000 / wide.lines.count))
        }
        for top in wide.lines.indices where wide.lineBlocks[top] >= 0 {
            #expect(wide.line(of: wide.position(top: top, height: 10), height: 10) == top, "the same width gives line \(top) back")
        }
    }

    @Test func scrollingSavesAndReopeningRestores() throws {
        var state = ScreenTestSupport.sampleState(width: 100, height: 20)
        let (item, _) = try Self.longestArticle()
        state.selected = try #require(state.rows.firstIndex { state.library.items[$0].id == item.id })
        ScreenTestSupport.send(.open, to: &state)
        let performed = ScreenTestSupport.send(.pageDown, to: &state)
        let top = try #require(state.reader?.top)
        #expect(top > 0)
        guard case .savePosition(let id, let place, _)? = performed.first(where: { if case .savePosition = $0 { true } else { false } }) else {
            Issue.record("a scroll asks for its position to be saved: \(performed)")
            return
        }
        #expect(id == item.id && place.isStarted)
        #expect(state.library.marks.position(of: item.id) == place, "the saved position is in the marks")
        let listRow = Screen.render(state).lines.first { $0.contains(String(item.title.prefix(6))) } ?? ""
        #expect(!listRow.contains("%"), "a read item shows no progress")

        var fresh = ScreenTestSupport.sampleState(width: 140, height: 30, marks: state.library.marks)
        fresh.selected = try #require(fresh.rows.firstIndex { fresh.library.items[$0].id == item.id })
        ScreenTestSupport.send(.open, to: &fresh)
        let view = try #require(fresh.reader?.view)
        let restored = try #require(fresh.reader?.top)
        #expect(restored > 0)
        #expect(view.lineBlocks[restored] == state.reader!.view!.lineBlocks[top], "the same paragraph is at the top at another size")
    }

    @Test func aStartedUnreadArticleShowsItsProgressInTheList() throws {
        let (item, _) = try Self.longestArticle()
        let marks = Marks([MarkEntry(time: 5, operation: .position, id: item.id, position: ReadingPosition(seen: 3_712, block: 2, intoBlock: 0))])
        let state = ScreenTestSupport.sampleState(width: 120, height: 30, marks: marks)
        let row = Screen.render(state).lines.first { $0.contains(String(item.title.prefix(6))) } ?? ""
        #expect(row.contains("37%"), "\(row)")
    }

    /// Block 250 is beyond the first screen's 40 blocks; block 38 is in it but too near its end
    /// to be scrolled to before the rest arrives (the first screen must not pretend it is the end).
    @Test(arguments: [250, 38]) func aPositionPastTheFirstScreenIsReachedWhenTheRestArrives(block: Int) throws {
        let item = try #require(Library.load(.sample).items.first)
        let placeOfBlock250 = ReadingPosition(seen: 8_000, block: block, intoBlock: 0)
        var state = AppState(library: MarkedLibrary(items: [item], marks: Marks([MarkEntry(time: 1, operation: .position, id: item.id,
                                                                                            position: placeOfBlock250)])),
                             libraryName: "书库", width: 100, height: 30, strings: Self.chinese)
        let driver = ReaderDriver(state: state, clients: FirstScreenTests.clients)
        driver.send(.open)
        state = driver.state
        let view = try #require(state.reader?.view)
        #expect(view.isComplete)
        let top = try #require(state.reader?.top)
        #expect(view.lineBlocks[top] == block, "the top line is in block \(block), not \(view.lineBlocks[top])")
        #expect(view.lines[top].text.contains("第 \(block) 段"))
    }

    @Test func reachingTheEndMarksReadUnlessTheSettingsSayNot() throws {
        let (item, _) = try Self.longestArticle()
        for markReadAtEnd in [true, false] {
            var state = AppState(library: MarkedLibrary(items: Library.load(.sample).items, marks: Marks()), libraryName: "书库",
                                 width: 100, height: 20, markReadOnOpen: false, markReadAtEnd: markReadAtEnd, strings: Self.chinese)
            state.selected = try #require(state.rows.firstIndex { state.library.items[$0].id == item.id })
            ScreenTestSupport.send(.open, to: &state)
            #expect(!state.library.isRead(item))
            ScreenTestSupport.send(.bottom, to: &state)
            #expect(state.library.isRead(item) == markReadAtEnd)
        }
    }

    @Test func positionsAreWrittenAfterAPauseAndAtOnceOnQuit() throws {
        let writes = Mutex<[[String]]>([])
        let clients = EffectClients(
            loadLibrary: ScreenTestSupport.clients.loadLibrary, loadDocument: ScreenTestSupport.clients.loadDocument,
            saveMarks: ScreenTestSupport.clients.saveMarks,
            savePositions: { positions, marks in
                writes.withLock { $0.append(positions.map { "\($0.id) \($0.position.seen)" }) }
                return .positionsSaved(marks.stamped(positions, now: 1))
            },
            textSearch: ScreenTestSupport.clients.textSearch, openURL: ScreenTestSupport.clients.openURL)
        let runtime = EffectRuntime(clients: clients, strings: Self.chinese, mode: .background) { _ in }
        for seen in [100, 200, 300] {
            runtime.perform(.savePosition("a", ReadingPosition(seen: seen, block: 1, intoBlock: 0), over: Marks()))
        }
        runtime.perform(.savePosition("b", ReadingPosition(seen: 50, block: 0, intoBlock: 0), over: Marks()))
        #expect(writes.withLock { $0 }.isEmpty, "nothing is written while the reader moves")
        Thread.sleep(forTimeInterval: 2.2)
        #expect(writes.withLock { $0 } == [["a 300", "b 50"]], "one write of the latest position of each article")
        runtime.perform(.savePosition("a", ReadingPosition(seen: 400, block: 2, intoBlock: 0), over: Marks()))
        runtime.finishSavingMarks()
        #expect(writes.withLock { $0 }.last == ["a 400"], "quitting writes what is waiting at once")
    }
}
