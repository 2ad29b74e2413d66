import TsundokuLibrary

/// One line that counts what went wrong while loading: problems, and the files they are in.
enum LoadSummary {
    static func line(_ problems: [LoadProblem]) -> String {
        let files = Set(problems.map(\.path)).count
        return "\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")"
    }
}
