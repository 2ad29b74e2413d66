import ArgumentParser
import Foundation
import TsundokuLibrary

/// The options every command that reads the library shares, and how they pick the library,
/// the state file and the settings.
struct LibraryOptions: ParsableArguments {
    @Option(name: .customLong("library"), help: ArgumentHelp(Interface.strings.libraryOptionHelp, valueName: "dir"))
    var folders: [String] = []

    @Option(help: ArgumentHelp(Interface.strings.stateOptionHelp, valueName: "file"))
    var state: String?

    /// Everything a command needs after the choices above are resolved.
    struct Resolved {
        var source: LibrarySource
        var store: StateStore
        var config: Config
        var indexPath: String?
    }

    /// The library, state file and settings in force; a library folder that is empty or does
    /// not exist is an error naming it, never an empty library.
    func resolve() throws -> Resolved {
        let (config, warnings) = Interface.settings
        let strings = Interface.strings
        for warning in warnings { Diagnostics.warn(warning) }
        let environment = ProcessInfo.processInfo.environment["TSUNDOKU_LIBRARY"]?
            .split(separator: ":").map(String.init).filter { !$0.isEmpty }
        let chosen = !folders.isEmpty ? folders : (environment?.isEmpty == false ? environment : nil) ?? config.library
        let roots = Self.withFeedsFolder(chosen)
        for root in roots ?? [] {
            if root.isEmpty { throw CommandFailure(strings.emptyLibraryOption) }
            if !FileManager.default.fileExists(atPath: root) {
                throw CommandFailure(strings.libraryMissing(root))
            }
        }
        let statePath = state ?? config.state ?? Paths.defaultStateFile
        do {
            try StateStore(path: statePath).validate()
        } catch {
            throw CommandFailure("\(error)")
        }
        let source: LibrarySource = roots.map { .paths($0) } ?? .sample
        let indexPath = roots.map { Paths.index(roots: $0) }
        return Resolved(source: source, store: StateStore(path: statePath), config: config, indexPath: indexPath)
    }

    /// The feeds folder is always part of the library once there is one (or a `urls` file to
    /// fill it); it alone is the library when no other is chosen.
    static func withFeedsFolder(_ roots: [String]?) -> [String]? {
        let feeds = Paths.feedsFolder
        let manager = FileManager.default
        guard manager.fileExists(atPath: feeds) || manager.fileExists(atPath: Paths.subscriptions) else { return roots }
        try? FileIO.createDirectories(feeds)
        guard manager.fileExists(atPath: feeds) else { return roots }
        let chosen = roots ?? []
        return chosen.contains(where: { Paths.absolute($0) == feeds }) ? chosen : chosen + [feeds]
    }

    /// Loads the library and its marks; problems are summarised on standard error.
    func load(reportProblems: Bool = true) throws -> (library: MarkedLibrary, problems: [LoadProblem], resolved: Resolved) {
        let resolved = try resolve()
        let snapshot = Library.load(resolved.source, indexPath: resolved.indexPath, statePath: resolved.store.path)
        let loaded: StateStore.Loaded
        do {
            loaded = try resolved.store.load()
        } catch {
            throw CommandFailure(Interface.strings.stateUnreadable(path: resolved.store.path, reason: "\(error)"))
        }
        if let damage = loaded.damage { Diagnostics.warn(damage) }
        if reportProblems, !snapshot.problems.isEmpty {
            Diagnostics.warn(LoadSummary.line(snapshot.problems) + Interface.strings.checkLists)
        }
        return (MarkedLibrary(items: snapshot.items, marks: loaded.marks.addingDefaults(snapshot.sourceMarks), lookup: snapshot.lookup),
                snapshot.problems, resolved)
    }
}

/// Messages for standard error, one line each, prefixed with the program's name.
enum Diagnostics {
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data(("tsundoku: " + message + "\n").utf8))
    }
}
