import Foundation
import ReaderCore
import Testing
import TsundokuLibrary

/// `Documentation/tsundoku.1` against what exists: every command and option `--help` lists,
/// every key command with its default keys, every setting, every environment variable the
/// sources read, and the version.
@Suite struct ManPageTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let cli = CLIRunner()

    /// The page's source with font escapes removed and `\-` as `-`.
    private func page() throws -> String {
        let source = try String(contentsOf: Self.repository.appendingPathComponent("Documentation/tsundoku.1"), encoding: .utf8)
        return source.replacingOccurrences(of: #"\\f[BIRP]"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: "\\-", with: "-")
    }

    @Test func everyCommandAndOptionIsDescribed() throws {
        let page = try page()
        let help = try cli.run(["--help"]).output
        let subcommands = help.components(separatedBy: "SUBCOMMANDS:").last!.split(separator: "\n")
            .compactMap { $0.hasPrefix("  ") && !$0.hasPrefix("   ") ? $0.split(separator: " ").first.map(String.init) : nil }
            .filter { $0 != "See" }
        #expect(subcommands.count >= 8)
        for command in subcommands {
            #expect(page.contains("\n.B \(command)"), "the man page does not describe \(command)")
            let options = try cli.run(["help", command]).output
            for match in options.matches(of: /--[a-z][a-z-]*/) where match.output != "--help" {
                #expect(page.contains(String(match.output)), "\(command) \(match.output) is not in the man page")
            }
        }
        let version = try cli.run(["--version"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(page.hasPrefix(".TH TSUNDOKU 1 ") && page.split(separator: "\n")[0].contains("\"tsundoku \(version)\""))
    }

    /// How the page writes a key: words for arrows and control keys.
    private func manLabel(_ key: Key) -> String {
        switch key {
        case .down: return "Down"
        case .up: return "Up"
        case .control(let letter): return "Ctrl-\(letter)"
        default: return key.label
        }
    }

    @Test func everyKeyCommandIsDescribedWithItsDefaultKeys() throws {
        let page = try page()
        for command in KeyCommand.allCases {
            let expected = ".B \(command.rawValue) (" + command.defaultKeys.map(manLabel).joined(separator: ", ") + ")\n"
            #expect(page.contains(expected), "the man page lacks \(expected)")
        }
        let described = page.matches(of: /\n\.B ([a-z-]+) \(/).map { String($0.output.1) }
        #expect(Set(described) == Set(KeyCommand.allCases.map(\.rawValue)), "the man page describes key commands that do not exist")
    }

    @Test func everySettingAndEnvironmentVariableIsDescribed() throws {
        let page = try page()
        for setting in Config.knownKeys {
            #expect(page.contains("\n.B \(setting)\n"), "the setting \(setting) is not in the man page")
        }
        var variables = Set<String>()
        let sources = Self.repository.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
        for file in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: /environment\["([A-Z_]+)"\]|base\("([A-Z_]+)"|"(LC_[A-Z]+|LANG)"/) {
                if let name = match.output.1 ?? match.output.2 ?? match.output.3 { variables.insert(String(name)) }
            }
        }
        #expect(variables.isSuperset(of: ["TSUNDOKU_LIBRARY", "XDG_CONFIG_HOME", "NO_COLOR", "LANG", "BROWSER"]), "\(variables)")
        let environment = try #require(page.components(separatedBy: ".SH ENVIRONMENT").last?.components(separatedBy: ".SH ").first)
        for variable in variables {
            #expect(environment.contains(variable), "\(variable) is read but not in the man page's ENVIRONMENT")
        }
    }
}
