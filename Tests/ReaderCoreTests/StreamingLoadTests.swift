import Foundation
import Localization
import Testing
import TsundokuLibrary
@testable import ReaderCore

/// A library read for the first time shows its rows while the rest is parsed: the rows read so
/// far arrive now and then, newest first, and the selection does not jump while they do.
@Suite struct StreamingLoadTests {
    private static func item(_ number: Int) -> Item {
        Item(id: "a\(number)", kind: .article, title: "第 \(number) 篇", saved: Date(timeIntervalSince1970: Double(number) * 60),
             path: "/virtual/\(number).md", body: BodyLocation(format: .markdown, lines: []))
    }

    private static func partial(_ numbers: [Int]) -> Report {
        .libraryPartlyLoaded(MarkedLibrary(items: numbers.map(item), marks: Marks()), files: numbers.count)
    }

    private func loading() -> AppState {
        var state = AppState(libraryName: "书库", width: 100, height: 20, strings: Strings(.chinese))
        _ = state.apply(.start)
        return state
    }

    private func titles(_ state: AppState) -> [String] { state.rows.map { state.library.items[$0].title } }

    @Test func aSelectionOnTheFirstRowStaysOnTheNewestRowReadSoFar() {
        var state = loading()
        _ = state.receive(Self.partial([3, 1, 2]))
        #expect(titles(state) == ["第 3 篇", "第 2 篇", "第 1 篇"])
        #expect(state.isLoading && state.libraryIsPartial)
        #expect(state.message?.kind == .progress)
        _ = state.receive(Self.partial([3, 1, 2, 9, 5]))
        #expect(state.selectedItem?.title == "第 9 篇")
        let all = (1...40).map(Self.item)
        _ = state.receive(.libraryLoaded(LibrarySnapshot(items: all.reversed(), problems: []), Marks(), stateProblem: nil))
        #expect(state.selectedItem?.title == "第 40 篇")
        #expect(!state.isLoading && !state.libraryIsPartial)
        #expect(state.message == nil, "the progress line goes when everything is in")
    }

    @Test func aChosenRowKeepsItsItemAndItsPlaceOnScreenAsRowsArriveAbove() {
        var state = loading()
        _ = state.receive(Self.partial(Array(1...30)))
        for _ in 0..<4 { _ = state.apply(.moveDown) }
        let chosen = state.selectedItem?.id
        let screenRow = state.selected - state.listTop
        for numbers in [Array(1...30) + [31, 32], Array(1...30) + Array(31...50)] {
            _ = state.receive(Self.partial(numbers))
            #expect(state.selectedItem?.id == chosen)
            #expect(state.selected - state.listTop == screenRow, "the chosen row stays where it was on screen")
        }
        _ = state.receive(.libraryLoaded(LibrarySnapshot(items: (1...60).map(Self.item), problems: []), Marks(), stateProblem: nil))
        #expect(state.selectedItem?.id == chosen)
        #expect(state.selected - state.listTop == screenRow)
        #expect(titles(state).first == "第 60 篇", "in order once everything is in")
    }

    @Test func anArticleBeingReadStaysOpenAsRowsArrive() {
        var state = loading()
        _ = state.receive(Self.partial([1, 2, 3]))
        _ = state.apply(.open)
        let reading = state.reader?.itemID
        #expect(reading == "a3")
        _ = state.receive(Self.partial([1, 2, 3, 7, 8]))
        #expect(state.selectedItem?.id == reading)
        #expect(state.reader?.itemID == reading)
    }

    @Test func rowsReadSoFarArriveAfterTheLoadEndedChangeNothing() {
        var state = loading()
        _ = state.receive(.libraryLoaded(LibrarySnapshot(items: [Self.item(1), Self.item(2)], problems: []), Marks(), stateProblem: nil))
        _ = state.receive(Self.partial([1]))
        #expect(titles(state) == ["第 2 篇", "第 1 篇"])
    }
}
