import Localization
import Testing
@testable import ReaderCore

/// `keys:` in the config: keys move between commands, bad bindings are named, and help, hints
/// and overlays follow the keys in force.
@Suite struct KeymapTests {
    let chinese = Strings(.chinese)

    @Test func everyKeyNameTheConfigMayUseIsRead() {
        let expected: [String: Key] = [
            "J": .character("J"), "?": .character("?"), "/": .character("/"), "ctrl-n": .control("n"), "Ctrl-N": .control("n"),
            "enter": .enter, "tab": .tab, "space": .character(" "), "esc": .escape, "backspace": .backspace,
            "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
            "pgup": .pageUp, "pgdn": .pageDown, "f1": .function(1), "F12": .function(12),
            "ctrl-i": .tab, "ctrl-m": .enter, "ctrl-h": .backspace, "中": .character("中"),
        ]
        for (name, key) in expected { #expect(Key(configName: name) == key, "\(name)") }
        for bad in ["", " ", "ab", "f13", "f0", "ctrl-", "ctrl-1", "hyper-x", "\u{7}"] {
            #expect(Key(configName: bad) == nil, "\(bad) was accepted")
        }
    }

    @Test func aRebindingTakesTheKeyAndHelpAndHintsShowIt() {
        let (keymap, warnings) = Keymap.configured([("next", ["J", "ctrl-n"]), ("quit", ["Q"]), ("toggle-read", ["j"])], strings: chinese)
        #expect(warnings.isEmpty)
        #expect(keymap.action(for: .character("J"), mode: .browse) == .moveDown)
        #expect(keymap.action(for: .control("n"), mode: .browse) == .moveDown)
        #expect(keymap.action(for: .character("j"), mode: .browse) == .toggleRead)
        #expect(keymap.action(for: .character("r"), mode: .browse) == nil)
        #expect(keymap.action(for: .character("q"), mode: .browse) == nil)
        #expect(keymap.action(for: .character("Q"), mode: .browse) == .quit)
        #expect(keymap.action(for: .down, mode: .browse) == nil, "next's default keys were replaced, not added to")

        var state = ScreenTestSupport.sampleState(width: 100, height: 30, keymap: keymap)
        let status = Screen.render(state).lines.last!
        #expect(status.hasPrefix(" J/k 移动 · Enter 打开 · j 已读"))
        #expect(status.contains("Q 退出"))
        _ = ScreenTestSupport.send(.showHelp, to: &state)
        let help = Screen.render(state).lines.joined(separator: "\n")
        #expect(help.contains("J ^N"))
        #expect(help.contains("Esc 或 Q 关闭"))
        #expect(keymap.action(for: .character("Q"), mode: .help) == .cancel)
        #expect(keymap.action(for: .character("q"), mode: .help) == nil)
    }

    @Test func badBindingsAreNamedAndTheirCommandsKeepTheirDefaults() {
        let (keymap, warnings) = Keymap.configured([("jump", ["x"]), ("next", ["hyper-x"]), ("top", ["x"]), ("quit", ["x"]),
                                                    ("star", ["S"])], strings: Strings(.english))
        #expect(warnings.count == 4)
        #expect(warnings.contains { $0.contains("jump") && $0.contains("toggle-star") })
        #expect(warnings.contains { $0.contains("next") && $0.contains("hyper-x") })
        #expect(warnings.contains { $0.contains("x is bound to both top and quit") })
        #expect(warnings.contains { $0.contains("star") })
        for command in KeyCommand.allCases {
            #expect(keymap.keys(command) == command.defaultKeys, "\(command.rawValue) lost its defaults")
        }
    }

    @Test func overlaysFollowTheKeysInForce() {
        let (keymap, _) = Keymap.configured([("next", ["J"]), ("previous", ["K"]), ("open", ["o"]), ("open-link", ["O"])], strings: chinese)
        #expect(keymap.action(for: .character("J"), mode: .picker) == .moveDown)
        #expect(keymap.action(for: .character("K"), mode: .picker) == .moveUp)
        #expect(keymap.action(for: .character("o"), mode: .picker) == .open)
        #expect(keymap.action(for: .character("3"), mode: .picker) == .chooseLink(3))
        #expect(keymap.action(for: .escape, mode: .picker) == .cancel)
        #expect(keymap.action(for: .character("J"), mode: .search) == .searchType("J"), "a query takes every character")
        #expect(keymap.action(for: .function(1), mode: .browse) == nil)
        let (withF1, _) = Keymap.configured([("help", ["f1"])], strings: chinese)
        #expect(withF1.action(for: .function(1), mode: .browse) == .showHelp)
        #expect(withF1.action(for: .function(1), mode: .help) == .cancel)
    }

    @Test func everyCommandIsDescribedInBothLanguagesAndHasADefaultKey() {
        for command in KeyCommand.allCases {
            let chinese = Strings(.chinese).meaning(of: command.rawValue)
            let english = Strings(.english).meaning(of: command.rawValue)
            #expect(chinese != command.rawValue && english != command.rawValue, "\(command.rawValue) has no meaning")
            #expect(chinese.unicodeScalars.contains { $0.properties.isIdeographic })
            #expect(!english.unicodeScalars.contains { $0.properties.isIdeographic })
            #expect(!command.defaultKeys.isEmpty)
        }
        let allDefaults = KeyCommand.allCases.flatMap(\.defaultKeys)
        #expect(Set(allDefaults).count == allDefaults.count, "a default key belongs to two commands")
    }
}
