import Testing
import TextLayout
import TsundokuLibrary
@testable import ReaderCore

@Suite struct UpdateTests {
    @Test func aMarkShowsOnlyAfterItIsSaved() {
        var state = ScreenTestSupport.sampleState(width: 80, height: 24)
        let item = state.selectedItem!
        let effects = state.apply(.toggleStar)
        #expect(effects == [.saveMarks([item.id], .star, over: state.library.marks)])
        #expect(!state.library.isStarred(item))
        _ = state.apply(.marksSaved([MarkEntry(time: 5, operation: .star, id: item.id)]))
        #expect(state.library.isStarred(item))
        _ = state.apply(.marksFailed("disk full"))
        #expect(state.message?.isError == true)
    }

    @Test func openingMarksReadUnlessTheSettingsSayNot() {
        var state = ScreenTestSupport.sampleState(width: 80, height: 24)
        _ = state.apply(.moveDown)
        let item = state.selectedItem!
        #expect(state.apply(.open) == [.loadDocument(item)])
        let article = LoadedArticle(document: Document(blocks: [.paragraph([.text("正文")])]), highlights: nil)
        let marks = state.library.marks
        #expect(state.apply(.documentLoaded(id: item.id, .success(article))) == [.saveMarks([item.id], .read, over: marks)])
        var keep = ScreenTestSupport.sampleState(width: 80, height: 24)
        keep.markReadOnOpen = false
        _ = keep.apply(.moveDown)
        #expect(keep.apply(.open) == [.loadDocument(item)])
        #expect(keep.apply(.documentLoaded(id: item.id, .success(article))) == [])
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
        #expect(state.apply(.startSearch) == [.loadSearchTexts(state.library.items)])
        for character in "图书馆" { _ = state.apply(.searchType(character)) }
        #expect(state.rows.map { state.library.items[$0].title } == ["城市图书馆试行夜间自助借阅"])
        _ = state.apply(.cancel)
        _ = state.apply(.startSearch)
        for character in "EXAMPLE.NET" { _ = state.apply(.searchType(character)) }
        #expect(state.rows.count == 1)
        _ = state.apply(.searchTextsLoaded(["5c1f2a4e-0b7d-4e55-9a3c-2f6d1e8b7a01#05": "海拔 3,200 米的观测点 example.net"]))
        #expect(state.rows.count == 2)
        _ = state.apply(.cancel)
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
        #expect(Keymap.action(for: .character("j"), mode: .browse).map { "\($0)" } == "moveDown")
        #expect(Keymap.action(for: .character("j"), mode: .search).map { "\($0)" } == "searchType(\"j\")")
        #expect(Keymap.action(for: .character("q"), mode: .help).map { "\($0)" } == "cancel")
        #expect(Keymap.action(for: .character("3"), mode: .links).map { "\($0)" } == "chooseLink(3)")
        #expect(Keymap.action(for: .control("f"), mode: .browse).map { "\($0)" } == "pageDown")
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
            let theme = try ThemeCatalog.load(name, userDirectory: "/nonexistent").get()
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
