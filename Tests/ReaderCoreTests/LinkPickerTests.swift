import Localization
import Foundation
import Testing
import TextLayout
import TsundokuLibrary
@testable import ReaderCore

/// The link picker of an article with thousands of links: it pages, goes to either end, opens
/// the link chosen, and its box is as wide as its widest row wherever that row is.
@Suite struct LinkPickerTests {
    static let count = 2_000
    static func url(_ index: Int) -> String {
        index == 1_000 ? "https://example.org/a/much/longer/address/than/the/others/" + String(repeating: "x", count: 30)
            : "https://example.org/link/\(index)"
    }

    /// The sample's second item open in the reader, its body replaced by paragraphs of links.
    static func openArticle() throws -> AppState {
        var state = ScreenTestSupport.sampleState(width: 120, height: 30)
        _ = state.apply(.moveDown)
        _ = state.apply(.open)
        let item = try #require(state.selectedItem)
        let paragraphs = stride(from: 0, to: count, by: 10).map { start in
            Block.paragraph((start..<start + 10).flatMap { [Inline.text("第\($0)条，"), .link(url: url($0), [.text("链接")])] })
        }
        let article = LoadedArticle(item: item, document: Document(blocks: paragraphs), highlights: nil, digestTitle: nil,
                                    width: state.layout.articleWidth, strings: state.strings)
        _ = state.receive(.documentLoaded(id: item.id, .success(article)))
        _ = state.apply(.showLinks)
        return state
    }

    static func shows(_ state: AppState, _ text: String) -> Bool {
        Screen.render(state).lines.contains { $0.contains(text) }
    }

    @Test func itPagesAndGoesToEitherEnd() throws {
        var state = try Self.openArticle()
        #expect(state.overlay == .links(selected: 0))
        _ = state.apply(.bottom)
        #expect(state.overlay == .links(selected: Self.count - 1))
        #expect(Self.shows(state, "[\(Self.count)] \(Self.url(Self.count - 1))"))
        _ = state.apply(.pageUp)
        let page = state.height - 6
        #expect(state.overlay == .links(selected: Self.count - 1 - page))
        _ = state.apply(.top)
        #expect(Self.shows(state, "[1] \(Self.url(0))"))
        _ = state.apply(.pageDown)
        _ = state.apply(.pageDown)
        #expect(state.overlay == .links(selected: 2 * page))
        #expect(state.apply(.open) == [.openURL(Self.url(2 * page))])
    }

    @Test func theBoxIsAsWideAsItsWidestRowEvenOutOfView() throws {
        let state = try Self.openArticle()
        let title = " " + state.strings.linksTitle(openKey: state.keymap.label(.open, first: true), closeKey: Key.escape.label)
        let widest = DisplayWidth.of(" [1001] " + Self.url(1_000))
        let width = max(DisplayWidth.of(title) + 2, widest + 2)
        let line = try #require(Screen.render(state).lines.first { $0.contains(title) })
        #expect(DisplayWidth.of(String(line[..<line.range(of: title)!.lowerBound])) == (state.width - width) / 2)
    }
}
