import Localization
import Testing
import TextLayout
import ReaderRuntime
import TsundokuLibrary
@testable import ReaderCore

@Suite struct UpdateTests {
    @Test func aMarkShowsOnlyAfterItIsSavedAndAFailureIsSaid() {
        let state = ScreenTestSupport.sampleState(width: 80, height: 24)
        let item = state.selectedItem!
        let store = ReaderTestStore(state)
        store.send(.toggleStar, effects: [.saveMarks([item.id], .star, over: state.library.marks)])
        store.receive(.marksSaved([MarkEntry(time: 1_000, operation: .star, id: item.id)])) {
            $0.applySavedMarks([MarkEntry(time: 1_000, operation: .star, id: item.id)])
        }
        #expect(store.state.isStarred(itemAt: store.state.rows[0]))
        store.finish()
        var failing = state
        _ = failing.receive(.marksFailed("disk full"))
        #expect(failing.message == StatusMessage("未能保存标记：disk full", .error))
    }

    @Test func openingMarksReadOnceTheBodyIsReadUnlessTheSettingsSayNot() throws {
        for markReadOnOpen in [true, false] {
            let state = ScreenTestSupport.sampleState(width: 80, height: 24, markReadOnOpen: markReadOnOpen)
            let item = state.library.items[state.rows[1]]
            let width = state.layout.articleWidth
            let digestTitle = state.digestTitle(of: item)
            let article = try ArticleReading.article(item, digestTitle: digestTitle, width: width, strings: state.strings)
            let store = ReaderTestStore(state)
            store.send(.moveDown, effects: [.loadDocument(item, width: width, digestTitle: digestTitle, preview: true)]) {
                $0.selected = 1
                $0.reader = ReaderState(itemID: item.id, loadWaitsForSelection: true)
            }
            store.receive(.documentLoaded(id: item.id, .success(article))) {
                $0.reader?.article = article
                $0.reader?.view = article.view
            }
            let marks = state.library.marks
            store.send(.open, effects: markReadOnOpen ? [.saveMarks([item.id], .read, over: marks)] : []) { $0.focus = .reader }
            if markReadOnOpen {
                store.receive(.marksSaved([MarkEntry(time: 1_000, operation: .read, id: item.id)])) {
                    $0.applySavedMarks([MarkEntry(time: 1_000, operation: .read, id: item.id)])
                }
            }
            store.finish()
        }
    }

    @Test func theLibraryLoadedWhileHelpIsOpenIsThereWhenHelpCloses() {
        for opening in [Action.showHelp, .startSearch] {
            let store = ReaderTestStore(AppState(libraryName: "书库", width: 100, height: 30, strings: Strings(.chinese)))
            store.send(.start, effects: [.loadLibrary, .watchLibrary]) { $0.isLoading = true }
            let snapshot = Library.load(.sample)
            store.send(opening) {
                if opening == .showHelp {
                    $0.overlay = .help(top: 0)
                } else {
                    $0.setSearching(true, query: "")
                    $0.search.keysBuilding = true
                    $0.search.textsPreparing = true
                }
            }
            store.receive({ if case .libraryLoaded = $0 { return true } else { return false } }) {
                $0.isLoading = false
                $0.replaceLibrary(MarkedLibrary(items: snapshot.items, marks: Marks()))
                $0.reader = ReaderState(itemID: $0.selectedItem!.id)
                if opening == .startSearch {
                    $0.search.keysBuilding = true
                    $0.search.textsPreparing = true
                }
            }
            if opening == .startSearch {
                // What was asked for the empty library before it loaded changes nothing.
                store.receive(.searchKeysBuilt(SearchKeys.build([])))
                store.receive(.searchTextsReady(ids: []))
            }
            store.receive({ if case .documentLoaded = $0 { return true } else { return false } }) {
                let item = $0.selectedItem!
                let article = try! ArticleReading.article(item, digestTitle: nil, width: $0.layout.articleWidth, strings: $0.strings)
                $0.reader?.article = article
                $0.reader?.view = article.view
            }
            if opening == .startSearch {
                let keys = SearchKeys.build(store.state.library.items)
                store.receive(.searchKeysBuilt(keys)) { $0.setSearchKeys(keys) }
                let ids = store.state.library.items.map(\.id)
                store.receive(.searchTextsReady(ids: ids)) { _ = $0.setSearchTextsReady(ids) }
            }
            store.send(.cancel) {
                if opening == .showHelp { $0.overlay = nil } else { $0.setSearching(false, query: "") }
            }
            #expect(store.state.library.items.count == snapshot.items.count)
            #expect(store.state.unreadCount == snapshot.items.count)
            store.finish()
        }
    }

    @Test func anUnreadableStateFileIsSaidAndEveryItemShowsUnread() {
        var state = AppState(libraryName: "书库", width: 100, height: 30, strings: Strings(.chinese))
        _ = state.receive(.libraryLoaded(Library.load(.sample), Marks(), stateProblem: "marks.log: Permission denied"))
        #expect(state.message?.kind == .error)
        #expect(state.message?.text.contains("Permission denied") == true)
        #expect(state.unreadCount == state.library.items.count)
    }

    @Test func progressClearsItselfAndAnErrorStaysUntilTheNextKey() {
        var state = AppState(libraryName: "书库", width: 100, height: 30, strings: Strings(.chinese))
        _ = state.apply(.start)
        _ = state.receive(.loadProgress(files: 250))
        #expect(state.message == StatusMessage("载入中… 已读 250 个文件", .progress))
        _ = state.apply(.moveDown)
        #expect(state.message?.kind == .progress, "a key does not clear progress")
        _ = state.receive(.libraryLoaded(Library.load(.sample), Marks(), stateProblem: nil))
        #expect(state.message == nil)
        _ = state.receive(.linkNotOpened("没有可用的浏览器"))
        #expect(state.message?.kind == .error)
        _ = state.apply(.moveDown)
        #expect(state.message == nil)
    }

    @Test func theHeaderCountsWhatTheRowsShow() {
        var state = ScreenTestSupport.sampleState(width: 120, height: 40)
        for _ in 0..<3 {
            let marked = state.rows.filter { !state.isRead(itemAt: $0) }.count
            #expect(state.unreadCount == marked)
            #expect(Screen.render(state).lines.joined().contains("\(marked) 未读 / \(state.library.items.count) 条"))
            let frame = Screen.render(state)
            let dots = (state.layout.list.y..<state.layout.list.y + min(state.rows.count, state.layout.list.height))
                .filter { frame[state.layout.list.x, $0].text == "●" }.count
            #expect(dots == marked)
            ScreenTestSupport.send(.toggleRead, to: &state)
            ScreenTestSupport.send(.moveDown, to: &state)
        }
    }

    @Test func filtersCycleAllUnreadStarredAndKeepTheSelection() {
        var state = ScreenTestSupport.sampleState(width: 80, height: 24)
        _ = ScreenTestSupport.send(.moveDown, to: &state)
        _ = ScreenTestSupport.send(.toggleRead, to: &state)
        _ = ScreenTestSupport.send(.moveDown, to: &state)
        _ = ScreenTestSupport.send(.toggleStar, to: &state)
        let starred = state.selectedItem!.id
        _ = state.apply(.cycleFilter)
        #expect(state.filter == .unread)
        #expect(state.rows.count == 10)
        #expect(state.selectedItem?.id == starred)
        _ = state.apply(.cycleFilter)
        #expect(state.rows.map { state.library.items[$0].id } == [starred])
        _ = state.apply(.cycleFilter)
        #expect(state.rows.count == 11)
    }

    @Test func searchMatchesChineseSubstringsAndLatinInAnyCase() {
        var state = ScreenTestSupport.sampleState(width: 80, height: 24)
        #expect(ScreenTestSupport.send(.startSearch, to: &state).prefix(2)
                == [.buildSearchKeys(state.library.items), .prepareSearchTexts(state.library.items)])
        for character in "图书馆" { ScreenTestSupport.send(.searchType(character), to: &state) }
        #expect(state.rows.map { state.library.items[$0].title } == ["城市图书馆试行夜间自助借阅"])
        ScreenTestSupport.send(.cancel, to: &state)
        ScreenTestSupport.send(.startSearch, to: &state)
        // Only in the text of one news item, not in any title.
        for character in "彗星同时" { ScreenTestSupport.send(.searchType(character), to: &state) }
        #expect(state.rows.map { state.library.items[$0].title } == ["天文爱好者拍到罕见的双彗星同框"])
        ScreenTestSupport.send(.cancel, to: &state)
        ScreenTestSupport.send(.startSearch, to: &state)
        for character in "EXAMPLE.NET" { ScreenTestSupport.send(.searchType(character), to: &state) }
        #expect(state.rows.count == 1)
        #expect(state.rows.allSatisfy { !state.library.items[$0].title.lowercased().contains("example.net") })
        ScreenTestSupport.send(.cancel, to: &state)
        #expect(state.query.isEmpty && state.rows.count == 11)
    }

    @Test func resizingKeepsTheSelectionAndTheReadingPosition() {
        var state = ScreenTestSupport.sampleState(width: 120, height: 40)
        _ = ScreenTestSupport.send(.bottom, to: &state)
        _ = ScreenTestSupport.send(.moveUp, to: &state)
        _ = ScreenTestSupport.send(.open, to: &state)
        let selected = state.selectedItem?.id
        _ = state.apply(.pageDown)
        let before = state.reader!.top
        let lines = state.reader!.view!.lines.count
        #expect(before > 0)
        _ = state.apply(.resize(width: 60, height: 20))
        #expect(state.selectedItem?.id == selected)
        let after = state.reader!.view!.lines.count
        let fractionBefore = Double(before) / Double(lines)
        let fractionAfter = Double(state.reader!.top) / Double(after)
        #expect(abs(fractionBefore - fractionAfter) < 0.1)
        for line in Screen.render(state).lines { #expect(DisplayWidth.of(line) == 60) }
    }

    @Test func everyRowIsExactlyTheScreenWideWithWideTitlesCut() {
        for (width, height) in [(40, 10), (80, 24), (99, 30), (100, 30), (120, 40), (200, 50)] {
            var state = ScreenTestSupport.sampleState(width: width, height: height)
            _ = ScreenTestSupport.send(.open, to: &state)
            let lines = Screen.render(state).lines
            #expect(lines.count == height)
            for line in lines { #expect(DisplayWidth.of(line) == width, "\(width)x\(height): \(line)") }
        }
    }

    @Test func spaceAtTheEndOfAnArticleGoesToTheNextUnread() {
        var state = ScreenTestSupport.sampleState(width: 120, height: 40)
        _ = ScreenTestSupport.send(.moveDown, to: &state)
        _ = ScreenTestSupport.send(.open, to: &state)
        let first = state.selectedItem!.id
        _ = ScreenTestSupport.send(.spaceForward, to: &state)
        #expect(state.selectedItem!.id != first)
        #expect(state.reader?.itemID == state.selectedItem!.id)
        #expect(state.library.marks.isRead(first))
    }

    @Test func theLinkPickerOpensTheChosenLink() {
        var state = ScreenTestSupport.sampleState(width: 100, height: 30)
        _ = ScreenTestSupport.send(.moveDown, to: &state)
        _ = ScreenTestSupport.send(.open, to: &state)
        _ = state.apply(.showLinks)
        #expect(state.overlay == .links(selected: 0))
        #expect(Screen.render(state).lines.contains { $0.contains("[1] https://example.org/announce/2026-11") })
        #expect(state.apply(.open) == [.openURL("https://example.org/announce/2026-11")])
        #expect(state.overlay == nil)
        #expect(state.apply(.openOriginal) == [.openURL("https://example.com/posts/morning-0001")])
    }

    @Test func keysMapToActionsByMode() {
        #expect(Keymap.standard.action(for: .character("j"), mode: .browse) == .moveDown)
        #expect(Keymap.standard.action(for: .character("j"), mode: .search) == .searchType("j"))
        #expect(Keymap.standard.action(for: .character("q"), mode: .help) == .cancel)
        #expect(Keymap.standard.action(for: .character("3"), mode: .picker) == .chooseLink(3))
        #expect(Keymap.standard.action(for: .control("f"), mode: .browse) == .pageDown)
    }

    @Test func clicksSelectAndWheelsScrollThePaneUnderThePointer() {
        var state = ScreenTestSupport.sampleState(width: 120, height: 40)
        _ = ScreenTestSupport.send(.click(x: 5, y: state.layout.list.y + 3), to: &state)
        #expect(state.selected == 3)
        _ = ScreenTestSupport.send(.open, to: &state)
        _ = ScreenTestSupport.send(.bottom, to: &state)
        let top = state.reader!.top
        _ = state.apply(.wheel(x: state.layout.reader.x + 2, y: state.layout.reader.y + 1, down: false))
        #expect(state.reader!.top == max(0, top - 3))
    }
}

@Suite struct ThemeTests {
    @Test func everyShippedThemeLoadsAndColoursEveryRole() throws {
        #expect(ThemeCatalog.builtinNames.count >= 4)
        for name in ThemeCatalog.builtinNames {
            let theme = try ThemeCatalog.load(name, userDirectory: "", readFile: { _ in nil }).get()
            for role in [Role.body, .listSelected, .link, .status] { _ = theme.style(for: role) }
            #expect(theme.roles.count >= 20, "\(name) styles only \(theme.roles.count) roles")
        }
    }

    @Test func brokenThemesSayWhatIsWrong() {
        let files = ["/t/bad.yaml": "roles:\n  body: { fg: notacolour }\n", "/t/loop.yaml": "inherits: /t/loop.yaml\n",
                     "/t/role.yaml": "roles:\n  nosuchrole: {}\n"]
        func load(_ path: String) -> String? {
            if case .failure(let problem) = ThemeCatalog.load(path, userDirectory: "/t", readFile: { files[$0] }) { return problem.description }
            return nil
        }
        #expect(load("/t/bad.yaml")?.contains("notacolour is not a colour") == true)
        #expect(load("/t/loop.yaml")?.contains("cycle") == true)
        #expect(load("/t/role.yaml")?.contains("unknown role nosuchrole") == true)
        #expect(load("missing")?.contains("not found") == true)
    }

    @Test func coloursDegradeToTheNearestTheTerminalHas() {
        #expect(ColorMapping.index(for: .rgb(0x26, 0x8b, 0xd2), colors: 256) == 32)
        #expect(ColorMapping.index(for: .index(196), colors: 8) == 1)
        #expect(ColorMapping.index(for: .index(252), colors: 8) == 7)
        #expect(ColorMapping.index(for: .rgb(0, 0, 0), colors: 8) == 0)
    }
}

/// More exhaustive runs of the core: a reload under the link picker, a body that cannot be read.
@Suite struct ReportTests {
    @Test func aReloadFinishingUnderTheLinkPickerIsApplied() throws {
        var state = ScreenTestSupport.sampleState(width: 100, height: 30)
        ScreenTestSupport.send(.open, to: &state)
        let store = ReaderTestStore(state)
        store.send(.reload, effects: [.loadLibrary]) { $0.isLoading = true }
        store.send(.showLinks) { $0.overlay = .links(selected: 0) }
        store.receive({ if case .libraryLoaded = $0 { return true } else { return false } }) {
            $0.isLoading = false
            $0.replaceLibrary(MarkedLibrary(items: Library.load(.sample).items, marks: Marks()))
        }
        #expect(store.state.overlay == .links(selected: 0), "the picker stays open")
        store.finish()
        var starring = store.state
        let starred = Marks([MarkEntry(time: 5, operation: .star, id: state.selectedItem!.id)])
        _ = starring.receive(.libraryLoaded(Library.load(.sample), starred, stateProblem: nil))
        #expect(starring.isStarred(itemAt: starring.rows[starring.selected]))
    }

    @Test func aBodyThatCannotBeReadIsShownAsAnErrorAndMarksNothing() {
        let state = ScreenTestSupport.sampleState(width: 100, height: 30)
        let item = state.library.items[state.rows[1]]
        let problem = LoadProblem(path: item.path, message: "cannot read: No such file or directory")
        let failing = EffectClients(loadLibrary: ScreenTestSupport.clients.loadLibrary,
                                    loadDocument: { _, _ in .failure(problem) },
                                    saveMarks: ScreenTestSupport.clients.saveMarks, savePositions: ScreenTestSupport.clients.savePositions,
                                    textSearch: ScreenTestSupport.clients.textSearch,
                                    openURL: ScreenTestSupport.clients.openURL)
        let store = ReaderTestStore(state, clients: failing)
        store.send(.moveDown) {
            $0.selected = 1
            $0.reader = ReaderState(itemID: item.id, loadWaitsForSelection: true)
        }
        // Enter before the preview's pause is over asks for the body at once.
        store.send(.open) {
            $0.focus = .reader
            $0.reader = ReaderState(itemID: item.id)
            $0.reader?.marksReadWhenLoaded = true
        }
        store.receive(.documentLoaded(id: item.id, .failure(problem))) {
            $0.reader?.failure = problem
            $0.reader?.marksReadWhenLoaded = false
            $0.message = StatusMessage(problem.description, .error)
        }
        // The second load's report (the runtime here runs both) says the same.
        store.receive(.documentLoaded(id: item.id, .failure(problem)))
        store.finish()
        #expect(!store.state.isRead(itemAt: store.state.rows[1]))
        #expect(Screen.render(store.state).lines.joined().contains("无法读取这一篇"))
    }
}

/// Typing a query letter by letter narrows the last matches; the rows are always those a fresh
/// search for the whole query gives.
@Suite struct NarrowingSearchTests {
    @Test func aGrowingOrShrinkingQueryFindsWhatAFreshSearchFinds() {
        var typed = ScreenTestSupport.sampleState(width: 100, height: 30)
        ScreenTestSupport.send(.startSearch, to: &typed)
        let items = typed.library.items
        let texts = items.map { SearchTexts.text(of: $0) }
        for query in ["e", "ex", "exa", "exam", "exampl", "example", "example.n", "example.net", "example.", "ex", "图", "图书", "图书馆", "图",
                      "彗", "彗星", "彗星同", "x", "20", "2.0", "2.0 版", "E"] {
            while !typed.query.isEmpty, !query.hasPrefix(typed.query) { ScreenTestSupport.send(.searchErase, to: &typed) }
            for character in query.dropFirst(typed.query.count) { ScreenTestSupport.send(.searchType(character), to: &typed) }
            let needle = query.lowercased()
            let expected = items.indices.filter { index in
                let item = items[index]
                return (item.title + " " + (item.site ?? "") + " " + (item.author ?? "")).lowercased().contains(needle)
                    || texts[index].contains(needle)
            }
            #expect(typed.query == query)
            #expect(typed.rows.sorted() == expected, "\(query)")
        }
    }

    @Test func foundRowsKeepTheListsOrderUnderEveryOrderAndFilter() {
        let ids = ScreenTestSupport.sampleState(width: 100, height: 30).library.items.map(\.id)
        let marks = Marks(ids.enumerated().compactMap { number, id in
            number % 3 == 0 ? MarkEntry(time: 1, operation: number % 2 == 0 ? .read : .star, id: id) : nil
        })
        var state = ScreenTestSupport.sampleState(width: 100, height: 30, marks: marks)
        let items = state.library.items
        let texts = items.map { SearchTexts.text(of: $0) }
        var rowsFound = 0
        for _ in ItemOrder.allCases {
            for _ in 0..<3 {
                let listed = state.rows
                for query in ["e", "图书", "的", "example.net", "2"] {
                    ScreenTestSupport.send(.startSearch, to: &state)
                    for character in query { ScreenTestSupport.send(.searchType(character), to: &state) }
                    let found = listed.filter { index in
                        let item = items[index]
                        return (item.title + " " + (item.site ?? "") + " " + (item.author ?? "")).lowercased().contains(query)
                            || texts[index].contains(query)
                    }
                    rowsFound += found.count
                    #expect(state.rows == found, "\(state.order) \(state.filter) \(query)")
                    ScreenTestSupport.send(.cancel, to: &state)
                }
                ScreenTestSupport.send(.cycleFilter, to: &state)
            }
            ScreenTestSupport.send(.cycleOrder, to: &state)
        }
        #expect(rowsFound > 100)
    }
}
