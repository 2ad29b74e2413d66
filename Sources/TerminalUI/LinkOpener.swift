import Localization
import Foundation
import ReaderRuntime
#if canImport(Glibc)
import Glibc
#endif

/// Opens a link in the user's browser safely: only http and https, nothing that starts with `-`
/// or carries control characters, the program spawned directly (never through a shell) with
/// the URL as one argument.
public enum LinkOpener {
    /// Why a URL is refused, or nil when it may be opened.
    public static func refusal(_ url: String, strings: Strings) -> String? {
        let lower = url.lowercased()
        if url.hasPrefix("-") { return strings.refuseDashLink }
        if url.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }) {
            return strings.refuseControlLink
        }
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            let scheme = url.split(separator: ":").first.map(String.init) ?? url
            return strings.refuseScheme(scheme)
        }
        return nil
    }

    /// One way to open a URL: the program and its arguments, and whether it runs in this
    /// terminal (a `$BROWSER` entry: it gets the terminal until it exits).
    public struct Command: Equatable, Sendable {
        public var arguments: [String]
        public var usesTerminal: Bool
    }

    /// The commands to try in order: the configured browser, then `$BROWSER` (colon-separated),
    /// then `xdg-open` and `open`. An entry is split into words as a shell would split it
    /// (quotes and backslashes honoured, nothing expanded); `%s` becomes the URL and `%%` a `%`;
    /// without `%s` the URL is appended.
    public static func commands(for url: String, configured: String?, environment: [String: String]) -> [Command] {
        var result: [Command] = []
        let entries = (configured.map { [$0] } ?? []) + (environment["BROWSER"]?.split(separator: ":").map(String.init) ?? [])
        for entry in entries {
            let words = Self.words(entry)
            guard !words.isEmpty else { continue }
            let hasPlaceholder = words.contains { substituted($0, url: url) != substituted($0, url: "") }
            let arguments = words.map { substituted($0, url: url) } + (hasPlaceholder ? [] : [url])
            result.append(Command(arguments: arguments, usesTerminal: true))
        }
        result.append(Command(arguments: ["xdg-open", url], usesTerminal: false))
        result.append(Command(arguments: ["open", url], usesTerminal: false))
        return result
    }

    /// `%s` replaced by the URL and `%%` by `%`, in one pass.
    static func substituted(_ word: String, url: String) -> String {
        var result = ""
        var iterator = word.makeIterator()
        while let character = iterator.next() {
            guard character == "%" else {
                result.append(character)
                continue
            }
            switch iterator.next() {
            case "s"?: result += url
            case "%"?: result.append("%")
            case let other?: result += "%" + String(other)
            case nil: result.append("%")
            }
        }
        return result
    }

    /// A command line split into words the way a shell splits it: spaces separate words, single
    /// quotes keep everything, double quotes keep everything but `\"` and `\\`, a backslash
    /// outside quotes keeps the next character. Nothing is expanded.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            switch (quote, character) {
            case ("'"?, "'"), ("\""?, "\""):
                quote = nil
            case ("\""?, "\\"):
                if let next = iterator.next() { current += next == "\"" || next == "\\" ? String(next) : "\\" + String(next) }
            case (_?, _):
                current.append(character)
            case (nil, "'"), (nil, "\""):
                quote = character
                inWord = true
            case (nil, "\\"):
                if let next = iterator.next() { current.append(next) }
                inWord = true
            case (nil, " "), (nil, "\t"):
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// The full path of a program, searched in `PATH` unless it names a path itself.
    public static func executable(_ name: String, path: String?) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        for directory in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = String(directory) + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Starts a program; with `wait` (a browser in this terminal) it keeps the terminal and this
    /// returns after it exits, else it runs on its own with its streams on /dev/null.
    @discardableResult
    public static func spawn(_ executable: String, _ arguments: [String], wait: Bool) -> Bool {
        let rest = Array(arguments.dropFirst())
        guard let pid = wait ? Subprocess.start(executable, rest)
            : Subprocess.start(executable, rest, input: .null, output: .null, error: .null) else { return false }
        if wait { Subprocess.wait(pid) } else { Subprocess.reapWhenDone(pid) }
        return true
    }

    /// The OSC 52 sequence that asks the terminal to put text on the clipboard.
    public static func clipboardSequence(_ text: String) -> String {
        "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    }
}
