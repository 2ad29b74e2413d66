import Localization
import Testing
import ReaderRuntime
import TsundokuLibrary
@testable import ReaderCore

/// Article texts are searched off the UI loop and their matches arrive in batches: a batch of
/// a query since changed, or of a library since replaced, must change nothing, and the
/// selection stays on its item while rows arrive.
@Suite struct TextSearchTests {
    private func searching(_ query: String) -> AppState {
        var state = ScreenTestSupport.sampleState(width: 100, height: 30)
        ScreenTestSupport.send(.startSearch, to: &state)
        for character in query { ScreenTestSupport.send(.searchType(character), to: &state) }
        return state
    }

    @Test func matchesOfAQuerySinceChangedChangeNothing() {
        var state = searching("彗星")
        let rows = state.rows
        let stale = state.search.textNumber - 1
        let other = state.library.items.indices.first { !rows.contains($0) }!
        #expect(state.receive(.textMatches(number: stale, indices: [other], complete: true)).isEmpty)
        #expect(state.rows == rows)
        _ = state.receive(.textMatches(number: state.search.textNumber, indices: [other], complete: false))
        #expect(state.rows.contains(other), "the current search's batch is listed")
    }

    @Test func rowsArrivingInBatchesKeepTheSelectionOnItsItem() {
        var state = ScreenTestSupport.sampleState(width: 100, height: 30)
        ScreenTestSupport.send(.startSearch, to: &state)
        // Texts ready, but the search for the query left to arrive batch by batch.
        state.setSearching(true, query: "的")
        let effects = state.searchEffects()
        guard case .searchTexts(let number, _, _)? = effects.first else {
            Issue.record("no text search asked for: \(effects)")
            return
        }
        let titled = state.rows
        state.selected = max(0, titled.count - 1)
        let chosen = state.selectedItem?.id
        let others = state.library.items.indices.filter { !titled.contains($0) }
        #expect(!titled.isEmpty && others.count > 2)
        for batch in [Array(others.prefix(2)), Array(others.dropFirst(2))] {
            _ = state.receive(.textMatches(number: number, indices: batch, complete: false))
            #expect(state.selectedItem?.id == chosen)
        }
        _ = state.receive(.textMatches(number: number, indices: [], complete: true))
        #expect(Set(state.rows) == Set(titled + others))
    }

    @Test func batchesAddedToTheRowsGiveWhatAFreshListingGivesUnderEveryOrderAndFilter() {
        let ids = ScreenTestSupport.sampleState(width: 100, height: 30).library.items.map(\.id)
        let marks = Marks(ids.enumerated().compactMap { number, id in
            number % 3 == 0 ? MarkEntry(time: 1, operation: number % 2 == 0 ? .read : .star, id: id) : nil
        })
        var state = ScreenTestSupport.sampleState(width: 100, height: 30, marks: marks)
        var merged = 0
        for _ in ItemOrder.allCases {
            for _ in 0..<3 {
                ScreenTestSupport.send(.startSearch, to: &state)
                state.setSearching(true, query: "的")
                guard case .searchTexts(let number, _, _)? = state.searchEffects().first else {
                    Issue.record("no text search asked for")
                    return
                }
                state.selected = state.rows.count / 2
                let chosen = state.selectedItem?.id
                // Every item in ascending batches of three, titles already listed among them.
                let all = Array(state.library.items.indices)
                for start in stride(from: 0, to: all.count, by: 3) {
                    _ = state.receive(.textMatches(number: number, indices: Array(all[start..<min(start + 3, all.count)]), complete: false))
                    var fresh = state
                    fresh.refreshRows()
                    #expect(state.rows == fresh.rows, "\(state.order) \(state.filter) after the batch at \(start)")
                    if chosen != nil { #expect(state.selectedItem?.id == chosen) }
                    merged += 1
                }
                ScreenTestSupport.send(.cancel, to: &state)
                ScreenTestSupport.send(.cycleFilter, to: &state)
            }
            ScreenTestSupport.send(.cycleOrder, to: &state)
        }
        #expect(merged > 30)
    }

    @Test func theFirstRowFoundInTheTextsIsShownInTheReader() {
        var state = ScreenTestSupport.sampleState(width: 100, height: 30)
        ScreenTestSupport.send(.startSearch, to: &state)
        state.setSearching(true, query: "彗星同时")
        guard case .searchTexts(let number, _, _)? = state.searchEffects().first else {
            Issue.record("no text search asked for")
            return
        }
        #expect(state.rows.isEmpty, "no title says it")
        let found = state.library.items.indices.filter { state.library.items[$0].title == "天文爱好者拍到罕见的双彗星同框" }
        let effects = state.receive(.textMatches(number: number, indices: found, complete: true))
        #expect(state.selectedItem?.title == "天文爱好者拍到罕见的双彗星同框")
        #expect(effects.contains { if case .loadDocument(let item, _, _, _) = $0 { return item.id == state.selectedItem?.id } else { return false } },
                "the row now selected is read into the reader pane")
    }

    @Test func theTitleIndexIsAskedForOnceHoweverManyKeysAreTypedWhileItIsBuilt() {
        var state = ScreenTestSupport.sampleState(width: 100, height: 30)
        var effects = state.apply(.startSearch)
        for character in "图书馆 swift" { effects += state.apply(.searchType(character)) }
        #expect(effects.filter { $0 == .buildSearchKeys(state.library.items) }.count == 1)
        let reloaded = state.receive(.libraryLoaded(Library.load(.sample), Marks(), stateProblem: nil))
        #expect(reloaded.contains(.buildSearchKeys(state.library.items)), "a new library is indexed anew")
    }

    @Test func aLibraryReloadedDuringASearchIsSearchedAgain() {
        var state = searching("图书")
        let number = state.search.textNumber
        let effects = state.receive(.libraryLoaded(Library.load(.sample), Marks(), stateProblem: nil))
        #expect(effects.contains(.buildSearchKeys(state.library.items)))
        #expect(effects.contains(.prepareSearchTexts(state.library.items)))
        let rows = state.rows
        _ = state.receive(.textMatches(number: number, indices: Array(state.library.items.indices), complete: true))
        #expect(state.rows == rows, "matches for the library before the reload are dropped")
    }

    @Test func aFailureToPrepareTextsIsSaidAndTitlesAreStillSearched() {
        var state = ScreenTestSupport.sampleState(width: 100, height: 30)
        let effects = state.apply(.startSearch)
        #expect(effects.contains(.prepareSearchTexts(state.library.items)))
        _ = state.receive(.searchKeysBuilt(SearchKeys.build(state.library.items)))
        _ = state.receive(.searchTextsFailed("cannot write /cache: No space left on device"))
        #expect(state.message?.kind == .error)
        #expect(state.message?.text.contains("No space left on device") == true)
        for character in "图书馆" { #expect(!state.apply(.searchType(character)).contains { $0 == .prepareSearchTexts(state.library.items) }) }
        #expect(state.rows.map { state.library.items[$0].title } == ["城市图书馆试行夜间自助借阅"])
    }

    /// Batches of one search waiting together reach the loop as one (each lists the rows anew);
    /// the order of everything else, and a search's end, are kept.
    @Test func batchesWaitingTogetherArriveAsOne() {
        let inbox = ReportInbox()
        let arriving: [Report] = [.textMatches(number: 1, indices: [1, 2], complete: false), .textMatches(number: 1, indices: [5], complete: false),
                                  .marksFailed("磁盘已满"), .textMatches(number: 1, indices: [7], complete: false),
                                  .textMatches(number: 1, indices: [9], complete: true), .textMatches(number: 1, indices: [], complete: true),
                                  .textMatches(number: 2, indices: [3], complete: false), .textMatches(number: 3, indices: [4], complete: false)]
        for report in arriving { inbox.post(report) }
        #expect(inbox.drain() == [.textMatches(number: 1, indices: [1, 2, 5], complete: false), .marksFailed("磁盘已满"),
                                  .textMatches(number: 1, indices: [7, 9], complete: true), .textMatches(number: 1, indices: [], complete: true),
                                  .textMatches(number: 2, indices: [3], complete: false), .textMatches(number: 3, indices: [4], complete: false)])
        #expect(inbox.drain().isEmpty)

        // The state they leave is the state the batches one by one leave.
        var oneByOne = searching("swift")
        var together = oneByOne
        let number = oneByOne.search.textNumber
        let batches: [Report] = [.textMatches(number: number, indices: [0], complete: false), .textMatches(number: number, indices: [2], complete: false),
                                 .textMatches(number: number, indices: [], complete: true)]
        for report in batches { _ = oneByOne.receive(report) }
        for report in batches { inbox.post(report) }
        for report in inbox.drain() { _ = together.receive(report) }
        #expect(together.rows == oneByOne.rows && together.search == oneByOne.search)
    }
}
