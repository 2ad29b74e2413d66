import Foundation
import Testing
import TsundokuLibrary
@testable import ReaderCore

/// One pane at a time, text and the role of every cell, as ratatui's buffer tests do: a change
/// of format touches the golden of the pane it changes, and nothing else.
@Suite struct PaneRoleTests {
    static let legend: [Role: Character] = [
        .listMark: "m", .listDate: "d", .listSource: "s", .listUnread: "U", .listRead: "r", .listSelected: "S",
        .listSelectedUnfocused: "s", .title: "T", .meta: "i", .heading: "H", .body: "b", .link: "L", .linkNumber: "n",
        .rule: "-", .status: "_", .statusMessage: "I", .statusProgress: "P", .statusError: "E", .border: "|",
        .borderFocused: "F", .header: "h", .listMarker: "*", .image: "g", .quoteBar: "q",
    ]

    /// The text (trailing spaces trimmed) and the roles of a rectangle of the screen.
    static func pane(_ state: AppState, _ rect: Rect) -> (text: [String], roles: [String]) {
        let frame = Screen.render(state)
        return (frame.text(in: rect), frame.roles(in: rect, legend: legend))
    }

    @Test func theListPaneMarksUnreadRowsAndTheSelection() {
        var state = ScreenTestSupport.sampleState(width: 60, height: 12)
        ScreenTestSupport.send(.moveDown, to: &state)
        ScreenTestSupport.send(.toggleRead, to: &state)
        let list = Self.pane(state, Rect(x: 0, y: 2, width: 60, height: 3))
        #expect(list.text == [
            "●  11-20 积读周刊 晨间速递：开源终端阅读器迎来中文排版更新",
            "   11-20 积读周刊   开源终端阅读器迎来中文排版更新",
            "●  11-20 积读周刊   城市图书馆试行夜间自助借阅",
        ])
        #expect(list.roles == [
            "mmmddddddsssssssssUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUbb",
            "SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS",
            "mmmddddddsssssssssUUUUUUUUUUUUUUUUUUUUUUUUUUUUbbbbbbbbbbbbbb",
        ])
    }

    @Test func theReaderPaneStylesHeaderHeadingsAndLinks() {
        var state = ScreenTestSupport.sampleState(width: 120, height: 20)
        ScreenTestSupport.send(.open, to: &state)
        let layout = state.layout
        let pane = Self.pane(state, Rect(x: layout.reader.x, y: layout.reader.y, width: 50, height: 10))
        #expect(pane.text == [
            " 晨间速递：开源终端阅读器迎来中文排版更新",
            " 积读周刊 · 积读周刊编辑部",
            " 收藏 2026-11-20\u{A0}08:15 · 发布 2026-11-20\u{A0}07:30",
            " 约 4 分钟读完",
            " 原文 https://example.com/posts/morning-0001",
            " ─────────────────────────────────────────────────",
            "",
            " 你可能错过的新鲜事",
            "",
            " 据项目维护者在邮件列表中的公告[1]，开源终端阅读器",
        ])
        #expect(pane.roles == [
            "bTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTbbbbbbbbb",
            "biiiiiiiiiiiiiiiiiiiiiiiiibbbbbbbbbbbbbbbbbbbbbbbb",
            "biiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiibbbb",
            "biiiiiiiiiiiiibbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
            "biiiiiLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLbbbbbb",
            "b-------------------------------------------------",
            "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
            "bHHHHHHHHHHHHHHHHHHbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
            "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
            "bbbbbbbbbbbbbbbbbbbbbbbbbbbLLLLnnnbbbbbbbbbbbbbbbb",
        ])
    }

    @Test func theStatusBarShowsEachKindOfMessageInItsRole() {
        var state = ScreenTestSupport.sampleState(width: 40, height: 10)
        let status = state.layout.status
        _ = state.receive(.loadProgress(files: 250))
        #expect(Self.pane(state, status).roles[0].hasPrefix("PPPPPPPPPPPPPPPPPPPPPPPP_"))
        _ = state.receive(.linkOpened("https://a.b"))
        #expect(Self.pane(state, status).text == [" 已打开 https://a.b                1/11"])
        #expect(Self.pane(state, status).roles[0].hasPrefix("IIIIIIIIIIIIIIIIIII_"))
        _ = state.receive(.marksFailed("disk full"))
        #expect(Self.pane(state, status).roles[0].hasPrefix("EEEEEEEEEEEEEEEEEEEEEEEE_"))
    }
}
