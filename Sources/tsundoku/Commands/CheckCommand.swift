import ArgumentParser
import TextLayout
import TsundokuLibrary

/// `tsundoku check`: one line per file that cannot be loaded; exit status 1 when there is any.
struct CheckCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "check", abstract: Interface.strings.checkAbstract)
    }

    @OptionGroup var options: LibraryOptions

    func run() throws {
        let (library, problems, _) = try options.load(reportProblems: false)
        for problem in problems.sorted(by: { $0.path < $1.path }) { print(Sanitizer.cleanLine(problem.description)) }
        let files = Set(library.items.map(\.path)).count
        if !problems.isEmpty {
            print(LoadSummary.line(problems) + Interface.strings.loadedCount(files: files, items: library.items.count))
            throw ExitCode(1)
        }
    }
}
