import Localization
import ArgumentParser
import Foundation
import ReaderCore
import TerminalUI
import ReaderRuntime
import TsundokuLibrary

/// `tsundoku` / `tsundoku read`: the two-pane reader in the terminal.
struct ReadCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "read", abstract: Interface.strings.readAbstract)
    }

    @OptionGroup var options: LibraryOptions

    @Option(help: ArgumentHelp(Interface.strings.themeOptionHelp, valueName: "name|path"))
    var theme: String?

    func run() throws {
        let resolved = try options.resolve()
        let preload = LibraryPreload(source: resolved.source, indexPath: resolved.indexPath, store: resolved.store)
        let strings = Interface.strings
        let (themeValue, themeMessage) = ThemeChoice.resolve(theme ?? resolved.config.theme)
        let (keymap, keyWarnings) = Keymap.configured(resolved.config.keys.map { ($0.command, $0.keys) }, strings: strings)
        for warning in keyWarnings { Diagnostics.warn(warning) }
        let name: String
        switch resolved.source {
        case .sample: name = strings.sampleLibraryName
        case .paths(let roots): name = roots.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
        }
        try ReaderApp.run(ReaderApp.Options(source: resolved.source, store: resolved.store, indexPath: resolved.indexPath,
                                        libraryName: name, theme: themeValue,
                                        startupMessage: Self.oneLine([themeMessage].compactMap { $0 } + keyWarnings),
                                        markReadOnOpen: resolved.config.markReadOnOpen, markReadAtEnd: resolved.config.markReadAtEnd,
                                        browser: resolved.config.browser,
                                        keymap: keymap, strings: strings, order: ViewSettings.order(),
                                        fetchFeeds: { progress in FeedSetup.fetchInReader(config: resolved.config, progress: progress) },
                                        preload: preload))
    }

    /// Every start-up warning in the one status line, or nil when there is none.
    private static func oneLine(_ messages: [String]) -> String? {
        messages.isEmpty ? nil : messages.joined(separator: Interface.strings.language == .chinese ? "；" : "; ")
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
            return (fallback, Interface.strings.themeFallback(problem.description))
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
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "themes", abstract: Interface.strings.themesAbstract)
    }

    func run() throws {
        for name in ThemeCatalog.builtinNames {
            print(name + (name == ThemeCatalog.defaultName ? Interface.strings.defaultTheme : ""))
        }
        let user = (try? FileManager.default.contentsOfDirectory(atPath: Paths.userThemes)) ?? []
        for file in user.sorted() where file.hasSuffix(".yaml") {
            print(String(file.dropLast(5)) + " (" + Paths.userThemes + "/" + file + ")")
        }
    }
}
