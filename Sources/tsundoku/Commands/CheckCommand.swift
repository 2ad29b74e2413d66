import ArgumentParser
import TextLayout
import TsundokuLibrary

/// `tsundoku check`: one line per file that cannot be loaded; exit status 1 when there is any.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Report files that cannot be loaded.")

    @OptionGroup var options: LibraryOptions

    func run() throws {
        let (library, problems, _) = try options.load(reportProblems: false)
        for problem in problems.sorted(by: { $0.path < $1.path }) { print(Sanitizer.cleanLine(problem.description)) }
        let files = Set(library.items.map(\.path)).count
        if !problems.isEmpty {
            print(LoadSummary.line(problems) + "; \(files) file(s) loaded with \(library.items.count) item(s)")
            throw ExitCode(1)
        }
    }
}
