/// A key press or mouse event as the backend reads it, independent of ncurses.
public enum Key: Hashable, Sendable {
    case character(Character)
    case control(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, tab, backspace, escape
    /// F1 to F12.
    case function(Int)
    case click(x: Int, y: Int)
    case wheel(x: Int, y: Int, down: Bool)

    private static let named: [String: Key] = [
        "enter": .enter, "return": .enter, "tab": .tab, "space": .character(" "), "esc": .escape, "escape": .escape,
        "backspace": .backspace, "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
        "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
    ]

    /// A key as the config names it: one printable character (`J`, `?`), `ctrl-x`, `enter`, `tab`,
    /// `space`, `esc`, `backspace`, the arrows, `home`, `end`, `pgup`, `pgdn`, `f1`–`f12`; nil
    /// for anything else. Control keys the terminal sends as other keys become those keys
    /// (`ctrl-i` is Tab, `ctrl-m` and `ctrl-j` Enter, `ctrl-h` Backspace, `ctrl-[` Esc).
    public init?(configName name: String) {
        if name.count == 1, let character = name.first {
            guard !character.isWhitespace, !character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else { return nil }
            self = .character(character)
            return
        }
        let lowered = name.lowercased()
        if let key = Self.named[lowered] {
            self = key
        } else if lowered.hasPrefix("f"), let number = Int(lowered.dropFirst()), (1...12).contains(number), !lowered.hasPrefix("f0") {
            self = .function(number)
        } else if lowered.hasPrefix("ctrl-") || lowered.hasPrefix("c-"), let letter = lowered.split(separator: "-", maxSplits: 1).last,
                  letter.count == 1, let character = letter.first {
            switch character {
            case "i": self = .tab
            case "m", "j": self = .enter
            case "h": self = .backspace
            case "[": self = .escape
            case "a"..."z": self = .control(character)
            default: return nil
            }
        } else {
            return nil
        }
    }

    /// How help and hints write the key: `j`, `^F`, `↓`, `PgDn`, `Enter`, `Space`, `F1`.
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .control(let character): return "^" + character.uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backspace: return "Backspace"
        case .escape: return "Esc"
        case .function(let number): return "F\(number)"
        case .click: return "click"
        case .wheel: return "wheel"
        }
    }
}
