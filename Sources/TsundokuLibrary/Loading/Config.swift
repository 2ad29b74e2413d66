import Localization
import Foundation
import Yams

/// The user's settings from `$XDG_CONFIG_HOME/tsundoku/config.yaml`. Unknown keys and bad values
/// are reported by name and otherwise ignored.
public struct Config: Sendable, Equatable {
    public var library: [String]?
    public var state: String?
    public var theme: String?
    public var markReadOnOpen = true
    public var markReadAtEnd = true
    public var browser: String?
    /// `language:`, when it names one the interface speaks.
    public var language: Language?
    /// `keys:` as written: command names and the keys given to each (checked by the reader).
    public var keys: [KeyBinding] = []
    /// How many feeds are fetched at once.
    public var feedsAtOnce = 4
    /// Seconds a feed may take to answer and arrive.
    public var feedTimeout = 30.0
    /// Megabytes a feed may be.
    public var feedMaxSize = 16

    public static let knownKeys = ["library", "state", "theme", "mark_read_on_open", "mark_read_at_end", "browser", "language", "keys",
                                    "feeds_at_once", "feed_timeout", "feed_max_size"]

    public init() {}

    /// Reads the file; a missing file is the defaults, anything wrong is in `warnings`.
    public static func load(path: String) -> (config: Config, warnings: [String]) {
        guard let bytes = try? FileIO.readIfPresent(path) else { return (Config(), []) }
        return parse(String(decoding: bytes, as: UTF8.self), path: path)
    }

    static func parse(_ yaml: String, path: String) -> (config: Config, warnings: [String]) {
        var config = Config()
        var warnings: [String] = []
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            let reason = String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
            return (config, ["\(path): not valid YAML (\(reason)); using the defaults"])
        }
        guard let root else { return (config, []) }
        guard let mapping = root.mapping else { return (config, ["\(path): expected keys and values; using the defaults"]) }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "?"
            /// The value decoded as `T` with Yams' decoder, or nil with a warning naming the key.
            func decoded<T: Decodable>(_ type: T.Type, _ expected: String) -> T? {
                guard let result = try? YAMLDecoder().decode(T.self, from: value) else {
                    warnings.append("\(path): \(key) must be \(expected)")
                    return nil
                }
                return result
            }
            /// The default, with a warning when the value was a number out of range.
            func outOfRange<T>(_ expected: String, _ fallback: T) -> T {
                if warnings.last?.hasPrefix("\(path): \(key) ") != true { warnings.append("\(path): \(key) must be \(expected)") }
                return fallback
            }
            func text() -> String? {
                guard let text = decoded(String.self, "a text value")?.trimmed else { return nil }
                guard !text.isEmpty else {
                    warnings.append("\(path): \(key) must be a text value")
                    return nil
                }
                return text
            }
            switch key {
            case "library": config.library = decoded(OneOrMore.self, "a folder or a list of folders")?.values.map(expandingTilde)
            case "state": config.state = text().map(expandingTilde)
            case "theme": config.theme = text()
            case "browser": config.browser = text()
            case "mark_read_on_open": config.markReadOnOpen = decoded(Bool.self, "true or false") ?? config.markReadOnOpen
            case "mark_read_at_end": config.markReadAtEnd = decoded(Bool.self, "true or false") ?? config.markReadAtEnd
            case "language":
                guard let name = text() else { break }
                config.language = Language.named(name)
                if config.language == nil { warnings.append("\(path): language must be zh or en, not \(name)") }
            case "feeds_at_once":
                config.feedsAtOnce = decoded(Int.self, "a whole number from 1 to 32").flatMap { (1...32).contains($0) ? $0 : nil }
                    ?? outOfRange("a whole number from 1 to 32", config.feedsAtOnce)
            case "feed_timeout":
                config.feedTimeout = decoded(Double.self, "a number of seconds from 1 to 600").flatMap { (1...600).contains($0) ? $0 : nil }
                    ?? outOfRange("a number of seconds from 1 to 600", config.feedTimeout)
            case "feed_max_size":
                config.feedMaxSize = decoded(Int.self, "a whole number of megabytes from 1 to 256").flatMap { (1...256).contains($0) ? $0 : nil }
                    ?? outOfRange("a whole number of megabytes from 1 to 256", config.feedMaxSize)
            case "keys":
                guard let bindings = value.mapping else {
                    warnings.append("\(path): keys must map action names to keys, for example keys: {next: [J, ctrl-n]}")
                    break
                }
                for (name, keys) in bindings {
                    let command = name.string ?? "?"
                    guard let list = try? YAMLDecoder().decode(OneOrMore.self, from: keys) else {
                        warnings.append("\(path): keys: \(command) must be a key or a list of keys")
                        continue
                    }
                    config.keys.append(KeyBinding(command: command, keys: list.values))
                }
            default:
                warnings.append("\(path): unknown setting \(key) (known: \(knownKeys.joined(separator: ", ")))")
            }
        }
        return (config, warnings)
    }

    private static func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        return Paths.home + path.dropFirst()
    }
}

/// Where tsundoku keeps its files, following the XDG base directory conventions.
public enum Paths {
    static var home: String { ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory() }

    private static func base(_ variable: String, fallback: String) -> String {
        if let value = ProcessInfo.processInfo.environment[variable], value.hasPrefix("/") { return value }
        return home + "/" + fallback
    }

    public static var configFile: String { base("XDG_CONFIG_HOME", fallback: ".config") + "/tsundoku/config.yaml" }
    public static var userThemes: String { base("XDG_CONFIG_HOME", fallback: ".config") + "/tsundoku/themes" }
    public static var defaultStateFile: String { base("XDG_STATE_HOME", fallback: ".local/state") + "/tsundoku/marks.log" }
    /// The feeds one follows, in newsboat's `urls` format.
    public static var subscriptions: String { base("XDG_CONFIG_HOME", fallback: ".config") + "/tsundoku/urls" }
    /// Where fetched feed items are kept, one JSON Lines file per feed: always part of the library.
    public static var feedsFolder: String { base("XDG_DATA_HOME", fallback: ".local/share") + "/tsundoku/feeds" }

    /// The metadata cache for a set of library folders: a cache, so under `$XDG_CACHE_HOME`.
    public static func index(roots: [String]) -> String {
        base("XDG_CACHE_HOME", fallback: ".cache") + "/tsundoku/index-"
            + ContentHash.hex(roots.map(absolute).sorted().joined(separator: "\n").utf8) + ".bin"
    }

    /// `path` made absolute against the current folder.
    public static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let base = FileManager.default.currentDirectoryPath
        return (base.hasSuffix("/") ? base : base + "/") + path
    }
}

/// One entry of `keys:`: a command name and the names of its keys, as written.
public struct KeyBinding: Sendable, Equatable {
    public var command: String
    public var keys: [String]

    public init(command: String, keys: [String]) {
        self.command = command
        self.keys = keys
    }
}

/// A setting that takes one text or a list of them: `library:` (folders), each command of
/// `keys:` (key names).
private struct OneOrMore: Decodable {
    var values: [String]

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([String].self) {
            values = list
        } else {
            values = [try container.decode(String.self)]
        }
    }
}
