import Foundation
import Localization
import Testing
import TsundokuLibrary
@testable import ReaderCore

/// `S` (the list's order) and `t` (the tag picker): rows in the chosen order with digests kept
/// together, the order remembered, tags with their counts narrowing the list with the filter
/// and the search.
@Suite struct OrderAndTagTests {
    /// Four articles and a digest of two: dates, sources and tags chosen so every order differs.
    static func library(marks: Marks = Marks()) -> MarkedLibrary {
        func day(_ number: Int) -> Date { Date(timeIntervalSince1970: Double(number) * 86_400) }
        func item(_ id: String, saved: Int, published: Int? = nil, site: String?, tags: [String], parent: String? = nil,
                  kind: Item.Kind = .article, position: Int? = nil) -> Item {
            Item(id: id, parent: parent, kind: kind, title: "标题 " + id, site: site, saved: day(saved), published: published.map(day),
                 path: "/x/\(id)", position: position, tags: tags, body: BodyLocation(format: .markdown, lines: []))
        }
        return MarkedLibrary(items: [
            item("a", saved: 40, published: 10, site: "乙站", tags: ["排版"]),
            item("b", saved: 30, published: 35, site: nil, tags: []),
            item("d", saved: 20, site: "甲站", tags: ["新闻", "排版"], kind: .digest),
            item("d#01", saved: 20, site: "甲站", tags: ["新闻", "排版"], parent: "d", kind: .digestItem, position: 1),
            item("d#02", saved: 20, site: "甲站", tags: ["新闻", "排版"], parent: "d", kind: .digestItem, position: 2),
            item("c", saved: 10, published: 50, site: "甲站", tags: ["长文"]),
        ], marks: marks)
    }

    private func ids(_ state: AppState) -> [String] { state.rows.map { state.library.items[$0].id } }

    @Test func everyOrderKeepsADigestsItemsUnderIt() {
        let read = Marks([MarkEntry(time: 1, operation: .read, id: "a"), MarkEntry(time: 1, operation: .read, id: "d#01")])
        let library = Self.library(marks: read)
        func order(_ order: ItemOrder) -> [String] { library.listed(.all, order: order).map(\.id) }
        #expect(order(.newest) == ["a", "b", "d", "d#01", "d#02", "c"])
        #expect(order(.oldest) == ["c", "d", "d#01", "d#02", "b", "a"])
        #expect(order(.published) == ["c", "b", "d", "d#01", "d#02", "a"])
        #expect(order(.source) == ["a", "d", "d#01", "d#02", "c", "b"], "grouped by source (code point order), newest first within one, none last")
        #expect(order(.unread) == ["b", "d", "d#01", "d#02", "c", "a"], "a digest with an unread item is unread")
        #expect(library.listed(.unread, tag: "排版").map(\.id) == ["d", "d#02"])
        #expect(library.tagCounts().map { "\($0.tag) \($0.unread)/\($0.total)" } == ["排版 1/2", "新闻 1/1", "长文 1/1"])
    }

    @Test func sortCyclesKeepsTheSelectionAndIsRemembered() {
        var state = AppState(library: Self.library(), libraryName: "书库", width: 100, height: 30, strings: Strings(.chinese))
        _ = state.apply(.moveDown)
        #expect(state.selectedItem?.id == "b")
        let effects = state.apply(.cycleOrder)
        #expect(effects.first == .saveOrder(.oldest))
        #expect(ids(state) == ["c", "d", "d#01", "d#02", "b", "a"])
        #expect(state.selectedItem?.id == "b", "the selection stays on its item")
        #expect(state.message == StatusMessage("排序：最早收藏在前", .info))
        #expect(Screen.render(state).lines[0].contains("全部 · 最早收藏在前 · "))
        for _ in 0..<4 { _ = state.apply(.cycleOrder) }
        #expect(state.order == .newest)
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("view-\(UUID().uuidString)").path
        #expect(ViewSettings.order(at: store) == .newest)
        try? ViewSettings.save(.source, at: store)
        #expect(ViewSettings.order(at: store) == .source)
        try? FileManager.default.removeItem(atPath: store)
    }

    @Test func theTagPickerNarrowsTheListWithTheFilterAndTheSearch() {
        var state = AppState(library: Self.library(), libraryName: "书库", width: 100, height: 30, strings: Strings(.chinese))
        _ = state.apply(.showTags)
        #expect(state.overlay == .tags(selected: 0))
        let picker = Screen.render(state).lines.joined(separator: "\n")
        #expect(picker.contains("全部标签") && picker.contains("#排版  2 未读 / 2") && picker.contains("#长文  1 未读 / 1"))
        #expect(state.keymapMode == .picker)
        _ = state.apply(.moveDown)
        _ = state.apply(.open)
        #expect(state.tag == "排版" && state.overlay == nil)
        #expect(ids(state) == ["a", "d", "d#01", "d#02"])
        #expect(Screen.render(state).lines[0].contains("全部 · #排版 · "))
        _ = state.apply(.startSearch)
        for character in "d#0" { _ = state.apply(.searchType(character)) }
        _ = state.receive(.searchKeysBuilt(SearchKeys.build(state.library.items)))
        _ = state.apply(.open)
        #expect(ids(state).allSatisfy { ["d", "d#01", "d#02"].contains($0) })
        _ = state.apply(.cancel)
        _ = state.apply(.showTags)
        #expect(state.overlay == .tags(selected: 1), "the picker opens on the tag in force")
        _ = state.apply(.top)
        _ = state.apply(.open)
        #expect(state.tag == nil && ids(state).count == 6)
    }

    @Test func aLibraryWithoutTagsSaysSo() {
        let library = MarkedLibrary(items: Self.library().items.map { var item = $0; item.tags = []; return item }, marks: Marks())
        var state = AppState(library: library, libraryName: "书库", width: 100, height: 30, strings: Strings(.english))
        _ = state.apply(.showTags)
        #expect(state.overlay == nil && state.message == StatusMessage("The library has no tags", .info))
    }
}
