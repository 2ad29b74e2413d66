import ArgumentParser

/// `tsundoku bench`: the performance figures the project promises, measured end to end.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure load and layout performance.",
        subcommands: [BenchLoadCommand.self, BenchLayoutCommand.self, BenchUICommand.self, BenchFeedsCommand.self])
}
