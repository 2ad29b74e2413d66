import Foundation
import Localization
import Testing
@testable import ReaderCore
import TsundokuLibrary

/// The interface's language: how it is chosen, and the same screens in Chinese and English.
@Suite struct LanguageTests {
    @Test func theConfigThenTheLocaleVariablesInPOSIXOrderChoose() {
        #expect(Language.choose(configured: .english, environment: ["LANG": "zh_CN.UTF-8"]) == .english)
        #expect(Language.choose(configured: nil, environment: ["LANG": "zh_CN.UTF-8"]) == .chinese)
        #expect(Language.choose(configured: nil, environment: ["LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"]) == .english)
        #expect(Language.choose(configured: nil, environment: ["LC_MESSAGES": "zh_TW.UTF-8", "LANG": "C.UTF-8"]) == .chinese)
        #expect(Language.choose(configured: nil, environment: ["LC_ALL": "", "LANG": "zh_HK"]) == .chinese)
        #expect(Language.choose(configured: nil, environment: ["LANG": "C.UTF-8"]) == .english)
        #expect(Language.choose(configured: nil, environment: [:]) == .english)
        #expect(Language.named("zh_CN") == .chinese && Language.named("English") == .english && Language.named("fr") == nil)
    }

    /// The interface's own text on a screen: the header, the list's title and the status bar
    /// (the reader's title is the article's).
    private func chrome(_ frame: Frame, listWidth: Int) -> [String] {
        [frame.lines[0], String(frame.lines[1].prefix(listWidth)), frame.lines[frame.lines.count - 1]]
    }

    @Test func theSameScreensInBothLanguages() {
        for language in Language.allCases {
            var state = ScreenTestSupport.sampleState(width: 100, height: 30, language: language)
            _ = ScreenTestSupport.send(.open, to: &state)
            let frame = Screen.render(state)
            let hasHan = chrome(frame, listWidth: state.layout.list.width).contains { $0.unicodeScalars.contains { $0.properties.isIdeographic } }
            #expect(hasHan == (language == .chinese), "\(language): \(chrome(frame, listWidth: state.layout.list.width))")
            let header = frame.lines[0]
            #expect(header.contains(language == .chinese ? "示例书库 · 全部 · 11 未读 / 11 条" : "sample library · all · 11 unread / 11"))
            let body = frame.lines.joined(separator: "\n")
            #expect(body.contains(language == .chinese ? "收藏 2026-11-20" : "Saved 20 Nov 2026"))
            #expect(body.contains(language == .chinese ? "●  11-20" : "●  Nov 20"))
            _ = ScreenTestSupport.send(.showHelp, to: &state)
            let help = Screen.render(state).lines.joined(separator: "\n")
            #expect(help.contains(language == .chinese ? "在浏览器中打开原文" : "open the original in the browser"))
        }
    }

    @Test func theArticleTextIsTheSameInBothLanguages() throws {
        let library = MarkedLibrary(items: Library.load(.sample).items, marks: Marks())
        for item in library.items where item.kind != .digest {
            let document = try Library.document(for: item)
            let chinese = ArticleView(item: item, document: document, width: 70, strings: Strings(.chinese))
            let english = ArticleView(item: item, document: document, width: 70, strings: Strings(.english))
            /// The body: everything after the header's rule, before the link list.
            func body(_ view: ArticleView) -> [String] {
                let lines = view.plainText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let start = lines.firstIndex { $0.hasPrefix("────") } ?? 0
                return Array(lines[start...].prefix { !$0.hasPrefix("Links") && !$0.hasPrefix("链接") && !$0.hasPrefix("摘录") && !$0.hasPrefix("Highlights") })
                    .filter { !$0.contains("[图") && !$0.contains("[image") }
            }
            #expect(body(chinese) == body(english), "\(item.title)")
            #expect(chinese.links == english.links)
        }
    }
}
