import Foundation
import Localization
import Testing
@testable import TsundokuLibrary
@testable import ReaderCore
@testable import ReaderRuntime

/// The highlights view (`H`) and files that arrive while the reader runs.
@Suite struct HighlightsAndArrivalsTests {
    @Test func quotesAreHighlightsAndWhatFollowsOneIsItsNote() {
        let document = MarkdownDocument.parse("""
            > 第一句 [⤴️](https://omnivore.app/me/a#1)

            > 第二句

            批注一。

            批注二。
            """)
        #expect(Highlight.split(document, itemID: "a") == [Highlight(itemID: "a", text: "第一句"),
                                                            Highlight(itemID: "a", text: "第二句", note: "批注一。\n批注二。")])
        let plain = MarkdownDocument.parse("- 甲\n- 乙\n\n丙")
        #expect(Highlight.split(plain, itemID: "b").map(\.text) == ["甲", "乙", "丙"], "without quotes each item and paragraph is one")
    }

    @Test func theHighlightsViewListsEveryHighlightAndOpensItsArticle() throws {
        var state = ScreenTestSupport.sampleState(width: 100, height: 30)
        let withHighlights = try #require(state.library.items.first { $0.highlights != nil })
        _ = state.apply(.cycleFilter)
        _ = state.apply(.cycleFilter)
        #expect(state.filter == .starred && state.rows.isEmpty)
        ScreenTestSupport.send(.showHighlights, to: &state)
        #expect(state.overlay == .highlights(selected: 0))
        let screen = Screen.render(state).lines.joined(separator: "\n")
        #expect(screen.contains("摘录 1 条") && screen.contains("「收藏夹不是知识库，笔记才是。」 — "), "\(screen)")
        ScreenTestSupport.send(.open, to: &state)
        #expect(state.overlay == nil && state.filter == .all)
        #expect(state.selectedItem?.id == withHighlights.id && state.focus == .reader)
        #expect(state.reader?.itemID == withHighlights.id)
    }

    @Test func aLibraryWithoutHighlightsSaysSo() {
        var state = AppState(library: OrderAndTagTests.library(), libraryName: "书库", width: 100, height: 30, strings: Strings(.english))
        _ = state.receive(.highlightsLoaded([]))
        #expect(state.overlay == nil && state.message == StatusMessage("The library has no highlights", .info))
    }

    @Test func filesThatArriveAreLoadedAndCountedWithoutMovingTheSelection() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("arrivals-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        func write(_ name: String, _ title: String, saved: String) throws {
            try Data("---\nid: \(name)\ntitle: \(title)\ndate_saved: \(saved)\n---\n\n\(title)。\n".utf8)
                .write(to: URL(fileURLWithPath: folder + "/" + name + ".md"))
        }
        try write("old", "旧文章", saved: "2024-01-01 08:00:00")
        try write("older", "更旧的文章", saved: "2023-01-01 08:00:00")
        let first = Library.load(.paths([folder]))
        #expect(!FolderStamp.anyChanged(first.folders), "nothing changed, nothing to do")
        try write("sub/new", "新文章", saved: "2025-01-01 08:00:00")
        #expect(FolderStamp.anyChanged(first.folders), "a file in a subfolder changes that folder's time")

        var state = AppState(library: MarkedLibrary(items: first.items, marks: Marks()), libraryName: "书库", width: 100, height: 30,
                             strings: Strings(.chinese))
        _ = state.apply(.moveDown)
        #expect(state.selectedItem?.id == "older")
        #expect(state.receive(.libraryChanged) == [.loadLibrary])
        #expect(state.receive(.libraryChanged) == [], "one reload at a time")
        _ = state.receive(.libraryLoaded(Library.load(.paths([folder])), Marks(), stateProblem: nil))
        #expect(state.library.items.count == 3 && state.rows.count == 3)
        #expect(state.selectedItem?.id == "older", "the selection stays on its item")
        #expect(state.message == StatusMessage("新到 1 篇", .info))

        _ = state.apply(.bottom)
        try FileManager.default.removeItem(atPath: folder + "/sub/new.md")
        try FileManager.default.removeItem(atPath: folder + "/older.md")
        _ = state.receive(.libraryChanged)
        _ = state.receive(.libraryLoaded(Library.load(.paths([folder])), Marks(), stateProblem: nil))
        #expect(state.rows.count == 1 && state.selectedItem?.id == "old", "files that left take their rows with them")
    }
}
