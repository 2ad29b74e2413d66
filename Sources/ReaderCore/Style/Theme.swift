#if canImport(Glibc)
import Glibc
#endif
import Yams

/// A colour as a theme names it: an xterm palette index (0-255) or a 24-bit colour.
public enum ThemeColor: Hashable, Sendable {
    case index(Int)
    case rgb(Int, Int, Int)

    static let basicNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// `#rrggbb`, `0`-`255`, or a basic colour name (`bright-` for the light variants).
    init?(_ text: String) {
        let value = text.lowercased()
        if value.hasPrefix("#"), value.count == 7, let number = Int(value.dropFirst(), radix: 16) {
            self = .rgb(number >> 16, number >> 8 & 0xFF, number & 0xFF)
        } else if let number = Int(value), (0...255).contains(number) {
            self = .index(number)
        } else if let basic = Self.basicNames.firstIndex(of: value) {
            self = .index(basic)
        } else if value.hasPrefix("bright-"), let basic = Self.basicNames.firstIndex(of: String(value.dropFirst(7))) {
            self = .index(basic + 8)
        } else {
            return nil
        }
    }
}

/// How one role is drawn: colours (nil is the terminal's default) and attributes.
public struct RoleStyle: Hashable, Sendable {
    public var foreground: ThemeColor?
    public var background: ThemeColor?
    public var bold = false, dim = false, italic = false, underline = false, reverse = false

    public init(foreground: ThemeColor? = nil, background: ThemeColor? = nil) {
        self.foreground = foreground
        self.background = background
    }
}

/// A colour theme: each semantic role mapped to colours and attributes.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var roles: [Role: RoleStyle]

    /// The style for a role; a role the theme leaves out is drawn like body text.
    public func style(for role: Role) -> RoleStyle {
        roles[role] ?? roles[.body] ?? RoleStyle()
    }

    /// Attributes only, for `NO_COLOR`: bold, dim, underline and reverse say what colours would.
    public static let monochrome: Theme = {
        var roles: [Role: RoleStyle] = [:]
        func set(_ role: Role, _ change: (inout RoleStyle) -> Void) {
            var style = RoleStyle()
            change(&style)
            roles[role] = style
        }
        for role in [Role.title, .heading, .listUnread, .statusError, .search, .overlayTitle] { set(role) { $0.bold = true } }
        for role in [Role.meta, .listRead, .listDate, .linkNumber, .rule, .quoteBar, .continuation] { set(role) { $0.dim = true } }
        set(.link) { $0.underline = true }
        for role in [Role.listSelected, .header, .status, .statusMessage, .statusProgress, .border, .overlay] { set(role) { $0.reverse = true } }
        set(.borderFocused) { $0.reverse = true; $0.bold = true }
        set(.listSelectedUnfocused) { $0.underline = true }
        return Theme(name: "monochrome", roles: roles)
    }()
}

/// Why a theme file could not be used, in one line.
public struct ThemeProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
}

/// The shipped themes (compiled in from `Themes/`) and the user's, by name or path.
public enum ThemeCatalog {
    public static let defaultName = "dark"

    public static var builtinNames: [String] { EmbeddedThemes.files.keys.sorted() }

    /// Loads a theme by name (user folder first, then the shipped ones) or by file path.
    public static func load(_ nameOrPath: String, userDirectory: String,
                            readFile: (String) -> String?) -> Result<Theme, ThemeProblem> {
        load(nameOrPath, userDirectory: userDirectory, readFile: readFile, depth: 0)
    }

    private static func load(_ nameOrPath: String, userDirectory: String, readFile: (String) -> String?,
                             depth: Int) -> Result<Theme, ThemeProblem> {
        guard depth < 8 else { return .failure(ThemeProblem(description: "theme \(nameOrPath): inherits too deeply (a cycle?)")) }
        let isPath = nameOrPath.contains("/")
        let text = isPath ? readFile(nameOrPath)
            : readFile(userDirectory + "/" + nameOrPath + ".yaml") ?? EmbeddedThemes.files[nameOrPath]
        guard let text else {
            return .failure(ThemeProblem(description: "theme \(nameOrPath) not found (known: \(builtinNames.joined(separator: ", ")))"))
        }
        let label = isPath ? nameOrPath : "theme \(nameOrPath)"
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            let reason = String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
            return .failure(ThemeProblem(description: "\(label): not valid YAML (\(reason))"))
        }
        guard let root, root.mapping != nil else { return .failure(ThemeProblem(description: "\(label): expected keys and values")) }
        let file: ThemeFile
        do {
            file = try YAMLDecoder().decode(ThemeFile.self, from: root)
        } catch {
            return .failure(ThemeProblem(description: "\(label): \(ThemeFile.describe(error))"))
        }
        var theme = Theme(name: file.name ?? nameOrPath, roles: [:])
        if let parent = file.inherits {
            switch load(parent, userDirectory: userDirectory, readFile: readFile, depth: depth + 1) {
            case .success(let base): theme.roles = base.roles
            case .failure(let problem): return .failure(problem)
            }
        }
        var palette: [String: ThemeColor] = [:]
        for (name, text) in (file.palette ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let color = ThemeColor(text) else {
                return .failure(ThemeProblem(description: "\(label): palette entry \(name) is not a colour"))
            }
            palette[name] = color
        }
        for (name, spec) in (file.roles ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let role = Role(rawValue: name) else {
                return .failure(ThemeProblem(description: "\(label): unknown role \(name)"))
            }
            var style = RoleStyle()
            for (part, text, keyPath) in [("fg", spec.fg, \RoleStyle.foreground), ("bg", spec.bg, \RoleStyle.background)] {
                guard let text else { continue }
                guard let color = palette[text] ?? ThemeColor(text) else {
                    return .failure(ThemeProblem(description: "\(label): \(name).\(part) \(text) is not a colour or palette name"))
                }
                style[keyPath: keyPath] = color
            }
            for attribute in spec.attrs ?? [] {
                switch attribute {
                case "bold": style.bold = true
                case "dim": style.dim = true
                case "italic": style.italic = true
                case "underline": style.underline = true
                case "reverse": style.reverse = true
                default: return .failure(ThemeProblem(description: "\(label): \(name) has unknown attribute \(attribute)"))
                }
            }
            theme.roles[role] = style
        }
        return .success(theme)
    }
}

/// A theme file as written: `name`, `inherits`, a `palette` of named colours and `roles`.
private struct ThemeFile: Decodable {
    /// One role's colours and attributes.
    struct RoleSpec: Decodable {
        var fg: String?
        var bg: String?
        var attrs: [String]?
    }

    var name: String?
    var inherits: String?
    var palette: [String: String]?
    var roles: [String: RoleSpec]?

    /// A decoding failure as the place in the file and what was expected there.
    static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
            let place = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (place.isEmpty ? "" : place + ": ") + context.debugDescription
        @unknown default:
            return "\(error)"
        }
    }
}
