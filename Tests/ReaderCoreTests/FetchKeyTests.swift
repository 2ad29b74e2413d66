import Foundation
import Localization
import Testing
@testable import TsundokuLibrary
@testable import ReaderCore
@testable import ReaderRuntime

/// `F`: feeds fetched off the UI loop, progress and failures in the status line, new items
/// loaded without moving the selection.
@Suite struct FetchKeyTests {
    private static func clients(summary: FeedFetchSummary, library: @escaping @Sendable () -> LibrarySnapshot) -> EffectClients {
        EffectClients(
            loadLibrary: { _ in .libraryLoaded(library(), Marks(), stateProblem: nil) },
            loadDocument: ArticleReading.body,
            saveMarks: { ids, operation, marks in .marksSaved(marks.stamped(ids, operation, now: 1_000)) },
            savePositions: { positions, marks in .positionsSaved(marks.stamped(positions, now: 1_000)) },
            
            openURL: { .linkOpened($0) },
            fetchFeeds: { progress in
                progress(1, 2)
                progress(2, 2)
                return summary
            })
    }

    private static func item(_ id: String, _ title: String, saved: TimeInterval) -> Item {
        Item(id: id, kind: .article, title: title, site: "山间小报", saved: Date(timeIntervalSince1970: saved),
             path: "/feeds/hills.jsonl", body: BodyLocation(format: .jsonLine, lines: [0..<1]))
    }

    @Test func fetchingReportsProgressThenLoadsTheNewItemsWithoutMovingTheSelection() {
        let before = [Self.item("a", "旧一", saved: 100), Self.item("b", "旧二", saved: 50)]
        let after = [Self.item("c", "新来的", saved: 200)] + before
        let summary = FeedFetchSummary(feeds: 2, added: 1, failures: ["坏源 (HTTP 404 Not Found)"])
        var state = AppState(library: MarkedLibrary(items: before, marks: Marks()), libraryName: "书库", width: 100, height: 30,
                             strings: Strings(.chinese))
        _ = state.apply(.moveDown)
        let store = ReaderTestStore(state, clients: Self.clients(summary: summary) {
            LibrarySnapshot(items: after, problems: [], sourceMarks: [], folders: [])
        })
        store.send(.fetchFeeds, effects: [.fetchFeeds]) {
            $0.isFetching = true
            $0.message = StatusMessage("正在取回订阅…", .progress)
        }
        store.send(.fetchFeeds, effects: []) { $0.message = StatusMessage("正在取回，稍候", .info) }
        store.receive(.fetchProgress(done: 1, total: 2))
        store.receive(.fetchProgress(done: 2, total: 2))
        store.receive(.feedsFetched(summary)) {
            $0.isFetching = false
            $0.isLoading = true
            $0.message = StatusMessage("取回 2 个源：新 1 篇，1 个失败。失败：坏源 (HTTP 404 Not Found)", .error)
        }
        store.receive(.libraryLoaded(LibrarySnapshot(items: after, problems: []), Marks(), stateProblem: nil)) {
            _ = $0.receive(.libraryLoaded(LibrarySnapshot(items: after, problems: []), Marks(), stateProblem: nil))
        }
        #expect(store.state.rows.count == 3)
        #expect(store.state.selectedItem?.id == "b", "the selection stays on its item")
        #expect(store.state.message?.text.contains("坏源 (HTTP 404 Not Found)") == true, "the failure is still on screen")
        #expect(!store.state.isLoading)
    }

    @Test func itemsArrivingWhileAnArticleIsReadLeaveItsPlaceAlone() throws {
        var state = ScreenTestSupport.sampleState(width: 100, height: 20)
        let longest = try #require(state.rows.indices.max { a, b in
            (state.library.items[state.rows[a]].amount?.characters ?? 0) < (state.library.items[state.rows[b]].amount?.characters ?? 0)
        })
        while state.selected < longest { ScreenTestSupport.send(.moveDown, to: &state) }
        ScreenTestSupport.send(.open, to: &state)
        ScreenTestSupport.send(.pageDown, to: &state)
        let (id, top) = (try #require(state.reader?.itemID), try #require(state.reader?.top))
        #expect(top > 0)
        var snapshot = Library.load(.sample)
        snapshot.items.insert(Self.item("new", "刚取回的", saved: 4_000_000_000), at: 0)
        _ = state.apply(.fetchFeeds)
        let effects = state.receive(.feedsFetched(FeedFetchSummary(feeds: 1, added: 1, failures: [])))
        #expect(effects == [.loadLibrary])
        let after = state.receive(.libraryLoaded(snapshot, state.library.marks, stateProblem: nil))
        #expect(!after.contains { if case .loadDocument = $0 { return true } else { return false } }, "the article is not read again")
        #expect(state.reader?.itemID == id && state.reader?.top == top, "the reader stays where it was")
        #expect(state.selectedItem?.id == id && state.focus == .reader)
        #expect(state.rows.count == Library.load(.sample).items.count + 1)
    }

    @Test func aFailureReportedWhileHelpIsOpenIsShownBelowIt() {
        var state = AppState(library: MarkedLibrary(items: [Self.item("a", "旧一", saved: 100)], marks: Marks()), libraryName: "书库",
                             width: 100, height: 30, strings: Strings(.english))
        _ = state.apply(.fetchFeeds)
        _ = state.apply(.showHelp)
        #expect(state.receive(.feedsFetched(FeedFetchSummary(feeds: 1, added: 0, failures: ["Hills (timed out)"]))) == [])
        #expect(state.overlay != nil)
        let screen = Screen.render(state).lines.joined(separator: "\n")
        #expect(screen.contains("Fetched 1 feeds: 0 new, 1 failed. failed: Hills (timed out)"), "\(screen)")
    }

    @Test func skippedLinesOfTheUrlsFileAreShownAfterTheSummary() {
        var state = AppState(library: MarkedLibrary(items: [], marks: Marks()), libraryName: "书库", width: 100, height: 30,
                             strings: Strings(.english))
        _ = state.apply(.fetchFeeds)
        _ = state.receive(.feedsFetched(FeedFetchSummary(feeds: 1, added: 0, failures: [],
                                                         skippedLines: ["line 3: query feeds are newsboat's; tsundoku skips them"])))
        #expect(state.message == StatusMessage("Fetched 1 feeds: 0 new. skipped in urls: line 3: query feeds are newsboat's; tsundoku skips them",
                                               .error))
    }

    @Test func withNoFeedsFollowedTheReaderSaysHowToFollowOne() {
        var state = AppState(library: MarkedLibrary(items: [], marks: Marks()), libraryName: "书库", width: 100, height: 30,
                             strings: Strings(.english))
        _ = state.apply(.fetchFeeds)
        #expect(state.receive(.feedsFetched(.nothingFollowed)) == [])
        #expect(state.message == StatusMessage("You follow no feeds yet. Follow one with `tsundoku feeds add URL`.", .info))
        #expect(!state.isFetching)
    }
}
