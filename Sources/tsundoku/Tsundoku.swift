import ArgumentParser

/// The `tsundoku` command: the reader and its headless subcommands.
@main
struct Tsundoku: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
        commandName: "tsundoku",
        abstract: Interface.strings.programAbstract,
        discussion: Interface.strings.programDiscussion,
        version: TsundokuVersion.string,
        subcommands: [ReadCommand.self, ListCommand.self, RenderCommand.self, MarkCommand.self, HighlightsCommand.self, CheckCommand.self,
                      ExportCommand.self, FeedsCommand.self, FetchCommand.self, ThemesCommand.self, BenchCommand.self],
        defaultSubcommand: ReadCommand.self
        )
    }

    static func main() {
        MemoryTuning.apply()
        main(nil)
    }
}
