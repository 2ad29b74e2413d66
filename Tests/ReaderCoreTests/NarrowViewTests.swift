import Localization
import Foundation
import Testing
import TextLayout
import TsundokuLibrary
@testable import ReaderCore

/// Narrow panes: labels stay with their values, deep nesting never overflows, overlays leave
/// nothing of what is beneath them half drawn.
@Suite struct NarrowViewTests {
    private static let item = Item(id: "n", kind: .article, title: "窄屏", site: "站点", url: "https://example.org/a/very/long/path",
                                   saved: Date(timeIntervalSince1970: 1_700_000_000), published: Date(timeIntervalSince1970: 1_690_000_000),
                                   path: "/x", tags: ["标签一", "标签二"], body: BodyLocation(format: .markdown, lines: []))

    @Test func metadataLabelsStayWithTheirValues() {
        for width in 20...60 {
            let view = ArticleView(item: Self.item, document: Document(blocks: []), width: width, strings: Strings(.chinese))
            for line in view.lines.map(\.text) {
                for label in ["收藏", "发布", "原文", "标签"] where line.contains(label) {
                    let after = line.components(separatedBy: label + " ").last ?? ""
                    #expect(line.contains(label + " ") && !after.isEmpty, "width \(width): \(line)")
                }
            }
        }
    }

    @Test func deepNestingNeverOverflowsThePane() {
        var block = Block.paragraph([.text("最里面的一段话，写得长一些，看看在很窄的宽度下会不会超出。")])
        for depth in 0..<30 {
            block = depth % 2 == 0 ? .quote([block]) : .list(ordered: depth % 4 == 1, start: 98, items: [[block], [.paragraph([.text("并列项")])]])
        }
        let document = Document(blocks: [block, .code(language: nil, text: String(repeating: "代码", count: 40))])
        for width in 20...100 {
            let view = ArticleView(item: Self.item, document: document, width: width, strings: Strings(.chinese))
            for line in view.lines {
                #expect(DisplayWidth.of(line.text) <= width, "width \(width): \(line.text)")
            }
            #expect(view.lines.contains { $0.text.contains("最里面") }, "width \(width) lost the text")
        }
    }

    /// Every covered cell belongs to a cluster drawn to its left that reaches it.
    private func expectNoHalfClusters(_ frame: Frame, _ context: String) {
        for y in 0..<frame.height {
            var covered = 0
            for x in 0..<frame.width {
                let cell = frame[x, y]
                if cell.isContinuation {
                    #expect(covered > 0, "\(context): row \(y) column \(x) covered by nothing")
                    covered -= 1
                } else {
                    covered = max(0, DisplayWidth.of(cell.text) - 1)
                }
            }
        }
    }

    @Test func fillingOverWideClustersClearsThemWhole() {
        var frame = Frame(width: 8, height: 1)
        frame.draw("中文中文", x: 0, y: 0, style: TextStyle(.body), clip: Rect(x: 0, y: 0, width: 8, height: 1))
        frame.fill(Rect(x: 1, y: 0, width: 4, height: 1), style: TextStyle(.overlay))
        #expect(frame.lines == ["      文"])
        expectNoHalfClusters(frame, "fill")
        frame.draw("a", x: 7, y: 0, style: TextStyle(.body), clip: Rect(x: 0, y: 0, width: 8, height: 1))
        #expect(frame.lines == ["       a"])
        expectNoHalfClusters(frame, "draw")
    }

    @Test func overlaysLeaveNothingHalfDrawnBeneathThem() {
        var state = ScreenTestSupport.sampleState(width: 100, height: 30)
        _ = ScreenTestSupport.send(.open, to: &state)
        _ = ScreenTestSupport.send(.showLinks, to: &state)
        #expect(state.overlay == .links(selected: 0))
        expectNoHalfClusters(Screen.render(state), "links at 100×30")
        for width in 40...50 {
            var small = ScreenTestSupport.sampleState(width: width, height: 10)
            _ = ScreenTestSupport.send(.showHelp, to: &small)
            expectNoHalfClusters(Screen.render(small), "help at \(width)×10")
        }
    }

    @Test func helpScrollsToEveryKeyInASmallTerminal() {
        var state = ScreenTestSupport.sampleState(width: 40, height: 10)
        _ = ScreenTestSupport.send(.showHelp, to: &state)
        let last = String(Keymap.standard.helpLines(Strings(.chinese)).last!.meaning.prefix(4))
        #expect(!Screen.render(state).lines.joined().contains(last))
        for _ in Keymap.standard.helpLines(Strings(.chinese)).indices { _ = ScreenTestSupport.send(.moveDown, to: &state) }
        #expect(Screen.render(state).lines.joined().contains(last))
        _ = ScreenTestSupport.send(.top, to: &state)
        #expect(Screen.render(state).lines.joined().contains(String(Keymap.standard.helpLines(Strings(.chinese)).first!.meaning.prefix(4))))
        _ = ScreenTestSupport.send(.cancel, to: &state)
        #expect(state.overlay == nil)
    }

    @Test func theLinkPickerAlwaysShowsTheSelectedItemsLinks() throws {
        var state = ScreenTestSupport.sampleState(width: 100, height: 30)
        var withLinks: Int?
        for row in state.rows.indices.dropFirst() where withLinks == nil {
            let item = state.library.items[state.rows[row]]
            guard item.kind != .digest else { continue }
            if !(try ScreenTestSupport.view(item, in: state.library, width: 60)).links.isEmpty { withLinks = row }
        }
        let target = try #require(withLinks)
        _ = ScreenTestSupport.send(.showLinks, to: &state)
        let first = state.selectedItem?.id
        #expect(state.reader?.itemID == first, "L with nothing open opens the selected item")
        _ = ScreenTestSupport.send(.cancel, to: &state)
        while state.selected != target { _ = ScreenTestSupport.send(.moveDown, to: &state) }
        _ = ScreenTestSupport.send(.showLinks, to: &state)
        #expect(state.reader?.itemID == state.selectedItem?.id)
        #expect(state.overlay == .links(selected: 0))
        let expected = ArticleView(item: state.selectedItem!, document: try Library.document(for: state.selectedItem!), width: 60, strings: Strings(.chinese)).links
        #expect(state.reader?.view?.links == expected)
        #expect(!state.library.isRead(state.selectedItem!), "showing an item's links does not mark it read")
    }

}
