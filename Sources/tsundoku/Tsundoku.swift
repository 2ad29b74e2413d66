import ArgumentParser

/// The `tsundoku` command: the reader and its headless subcommands.
@main
struct Tsundoku: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tsundoku",
        abstract: "A terminal reader for saved articles and daily news digests.",
        discussion: """
        With no library given, tsundoku reads --library folders, else $TSUNDOKU_LIBRARY \
        (folders separated by ':'), else `library:` in $XDG_CONFIG_HOME/tsundoku/config.yaml, \
        else the sample library built into the binary.
        """,
        subcommands: [ReadCommand.self, ListCommand.self, RenderCommand.self, MarkCommand.self, CheckCommand.self,
                      ExportCommand.self, ThemesCommand.self, BenchCommand.self],
        defaultSubcommand: ReadCommand.self
    )
}
