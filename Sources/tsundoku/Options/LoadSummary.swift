import TsundokuLibrary

/// One line that counts what went wrong while loading: problems, and the files they are in.
enum LoadSummary {
    static func line(_ problems: [LoadProblem]) -> String {
        let files = Set(problems.map(\.path)).count
        return Interface.strings.problemCount(problems: problems.count, files: files)
    }
}
