import ArgumentParser
import Foundation
import ReaderCore
import TerminalUI
import TsundokuLibrary

/// `tsundoku` / `tsundoku read`: the two-pane reader in the terminal.
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read", abstract: "Open the reader (the default command). Press ? inside for the keys.")

    @OptionGroup var options: LibraryOptions

    @Option(help: ArgumentHelp("A theme name (see `tsundoku themes`) or a theme file.", valueName: "name|path"))
    var theme: String?

    func run() throws {
        let resolved = try options.resolve()
        let (themeValue, themeMessage) = ThemeChoice.resolve(theme ?? resolved.config.theme)
        let name: String
        switch resolved.source {
        case .sample: name = "示例书库"
        case .paths(let roots): name = roots.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
        }
        try ReaderApp.run(ReaderApp.Options(source: resolved.source, store: resolved.store, indexPath: resolved.indexPath,
                                        libraryName: name, theme: themeValue, startupMessage: themeMessage,
                                        markReadOnOpen: resolved.config.markReadOnOpen, browser: resolved.config.browser))
    }
}

/// Picks the theme: monochrome when `NO_COLOR` is set, else the named one, else the default,
/// with a message when the named one is broken.
enum ThemeChoice {
    static func resolve(_ requested: String?) -> (Theme, String?) {
        if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return (.monochrome, nil) }
        let name = requested ?? ThemeCatalog.defaultName
        switch ThemeCatalog.load(name, userDirectory: Paths.userThemes, readFile: themeFile) {
        case .success(let theme): return (theme, nil)
        case .failure(let problem):
            let fallback = (try? ThemeCatalog.load(ThemeCatalog.defaultName, userDirectory: "", readFile: { _ in nil }).get()) ?? .monochrome
            return (fallback, problem.description + "；改用默认主题")
        }
    }

    /// A theme file's text; nil when it is missing, not UTF-8 or larger than 1 MB.
    private static func themeFile(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.read(upToCount: 1_048_577),
              data.count <= 1_048_576 else { return nil }
        return String(data: data, encoding: .utf8)
    }
}

/// `tsundoku themes`: the themes that can be chosen.
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "themes", abstract: "List the shipped and your own themes.")

    func run() throws {
        for name in ThemeCatalog.builtinNames {
            print(name + (name == ThemeCatalog.defaultName ? " (default)" : ""))
        }
        let user = (try? FileManager.default.contentsOfDirectory(atPath: Paths.userThemes)) ?? []
        for file in user.sorted() where file.hasSuffix(".yaml") {
            print(String(file.dropLast(5)) + " (" + Paths.userThemes + "/" + file + ")")
        }
    }
}
