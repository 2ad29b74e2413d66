import Localization

/// Where a key press becomes an action: the keys each command has (the defaults, changed by
/// `keys:` in the config), read by what has the keyboard. Help and hints are drawn from it, so
/// they always show the keys in force.
public struct Keymap: Sendable, Equatable {
    /// What the keyboard is talking to.
    public enum Mode: Sendable { case browse, search, help, picker }

    /// Each command's keys, in the order help shows them.
    private var keysByCommand: [KeyCommand: [Key]]
    private var commandByKey: [Key: KeyCommand]

    /// The bindings when the config says nothing.
    public static let standard = Keymap(keysByCommand: Dictionary(uniqueKeysWithValues: KeyCommand.allCases.map { ($0, $0.defaultKeys) }))

    private init(keysByCommand: [KeyCommand: [Key]]) {
        self.keysByCommand = keysByCommand
        var commandByKey: [Key: KeyCommand] = [:]
        for command in KeyCommand.allCases {
            for key in keysByCommand[command] ?? [] { commandByKey[key] = command }
        }
        self.commandByKey = commandByKey
    }

    /// The defaults with the config's bindings (command name → key names) in force. A binding
    /// with an unknown command or key, or a key given to two commands, is reported by name and
    /// those commands keep their defaults. A key the config gives one command is taken from the
    /// command that had it by default.
    public static func configured(_ bindings: [(command: String, keys: [String])], strings: Strings) -> (keymap: Keymap, warnings: [String]) {
        var warnings: [String] = []
        var chosen: [(KeyCommand, [Key])] = []
        for binding in bindings {
            guard let command = KeyCommand(rawValue: binding.command) else {
                warnings.append(strings.unknownCommand(binding.command, known: KeyCommand.allCases.map(\.rawValue)))
                continue
            }
            let keys = binding.keys.map { (name: $0, key: Key(configName: $0)) }
            if let unknown = keys.first(where: { $0.key == nil }) {
                warnings.append(strings.unknownKey(unknown.name, command: command.rawValue))
                continue
            }
            var unique: [Key] = []
            for key in keys.compactMap(\.key) where !unique.contains(key) { unique.append(key) }
            chosen.append((command, unique))
        }
        var owners: [Key: [KeyCommand]] = [:]
        for (command, keys) in chosen {
            for key in keys where owners[key]?.contains(command) != true { owners[key, default: []].append(command) }
        }
        var clashing = Set<KeyCommand>()
        for (key, commands) in owners.sorted(by: { $0.key.label < $1.key.label }) where commands.count > 1 {
            warnings.append(strings.keyBoundTwice(key.label, commands: commands.map(\.rawValue)))
            clashing.formUnion(commands)
        }
        var keysByCommand = standard.keysByCommand
        for (command, keys) in chosen where !clashing.contains(command) {
            for other in KeyCommand.allCases where other != command {
                keysByCommand[other]?.removeAll(where: keys.contains)
            }
            keysByCommand[command] = keys
        }
        return (Keymap(keysByCommand: keysByCommand), warnings)
    }

    /// The keys of `command`, first the one hints show.
    public func keys(_ command: KeyCommand) -> [Key] { keysByCommand[command] ?? [] }

    /// The action `key` means in `mode`, or nil when it means nothing there.
    public func action(for key: Key, mode: Mode) -> Action? {
        switch mode {
        case .search: return searchAction(key)
        case .help:
            if key == .escape || [.help, .quit, .cancel].contains(commandByKey[key]) { return .cancel }
            return browseAction(key)
        case .picker: return pickerAction(key)
        case .browse: return browseAction(key)
        }
    }

    private func browseAction(_ key: Key) -> Action? {
        switch key {
        case .click(let x, let y): return .click(x: x, y: y)
        case .wheel(let x, let y, let down): return .wheel(x: x, y: y, down: down)
        default: return commandByKey[key]?.action
        }
    }

    /// Typing a query: characters are text; Esc (or a non-character key bound to `cancel`)
    /// clears it.
    private func searchAction(_ key: Key) -> Action? {
        switch key {
        case .escape: return .cancel
        case .enter: return .open
        case .backspace: return .searchErase
        case .down: return .moveDown
        case .up: return .moveUp
        case .character(let character): return .searchType(character)
        default: return commandByKey[key] == .cancel ? .cancel : nil
        }
    }

    /// The link, tag and highlight pickers: move, page, choose, close; digits choose a link.
    private func pickerAction(_ key: Key) -> Action? {
        if case .character(let digit) = key, digit.isASCII, digit.isNumber, digit != "0" { return .chooseLink(Int(String(digit))!) }
        if key == .escape { return .cancel }
        switch commandByKey[key] {
        case .cancel?, .quit?, .links?, .tags?, .highlights?: return .cancel
        case .next?: return .moveDown
        case .previous?: return .moveUp
        case .open?: return .open
        case .pageDown?: return .pageDown
        case .pageUp?: return .pageUp
        case .top?: return .top
        case .bottom?: return .bottom
        default: return key == .down ? .moveDown : key == .up ? .moveUp : nil
        }
    }

    /// The keys of `command` as help writes them (`j ↓`), or the first of them.
    public func label(_ command: KeyCommand, first: Bool = false) -> String {
        let labels = keys(command).map(\.label)
        return first ? labels.first ?? "" : labels.joined(separator: " ")
    }

    /// The help overlay's lines: every command with its keys and what it does.
    public func helpLines(_ strings: Strings) -> [(keys: String, meaning: String)] {
        KeyCommand.allCases.map { (label($0), strings.meaning(of: $0.rawValue)) }
    }

    /// The status bar's hints: the first key of the everyday commands and what each does.
    public func hints(_ strings: Strings) -> String {
        var parts: [String] = []
        let move = [label(.next, first: true), label(.previous, first: true)].filter { !$0.isEmpty }
        if !move.isEmpty { parts.append(move.joined(separator: "/") + " " + strings.hintMove) }
        let everyday: [(KeyCommand, String)] = [(.open, strings.hintOpen), (.toggleRead, strings.hintRead), (.toggleStar, strings.hintStar),
                                                (.openLink, strings.hintOriginal), (.search, strings.hintSearch),
                                                (.help, strings.hintHelp), (.quit, strings.hintQuit)]
        for (command, word) in everyday where !keys(command).isEmpty { parts.append(label(command, first: true) + " " + word) }
        return parts.joined(separator: " · ")
    }
}
