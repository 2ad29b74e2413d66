import ArgumentParser
import Foundation
import ReaderCore
import ReaderRuntime
import TsundokuLibrary

/// `tsundoku render ID`: the reader view of one item as plain text lines.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Print the reader view of one item as plain UTF-8 text.")

    @OptionGroup var options: LibraryOptions

    @Option(help: "Columns to lay out for (default: the terminal's width, else 80; at least 20).")
    var width: Int?

    @Argument(help: "The item's id, as `list --json` prints it.")
    var id: String

    func run() throws {
        let (library, _, _) = try options.load(reportProblems: false)
        guard let item = library.item(id) else {
            throw CommandFailure("unknown item id: \(id) (see `tsundoku list --json`)")
        }
        let digestTitle = item.parent.flatMap { library.item($0)?.title }
        let view = try ArticleReading.article(item, digestTitle: digestTitle, width: width ?? TerminalSize.columns()).view
        FileHandle.standardOutput.write(Data(view.plainText.utf8))
    }
}
