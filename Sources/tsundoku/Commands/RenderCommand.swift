import ArgumentParser
import Foundation
import ReaderCore
import ReaderRuntime
import TsundokuLibrary

/// `tsundoku render ID`: the reader view of one item as plain text lines.
struct RenderCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "render", abstract: Interface.strings.renderAbstract)
    }

    @OptionGroup var options: LibraryOptions

    @Option(help: ArgumentHelp(Interface.strings.widthOptionHelp))
    var width: Int?

    @Argument(help: ArgumentHelp(Interface.strings.idArgumentHelp))
    var id: String

    func run() throws {
        let (library, _, _) = try options.load(reportProblems: false)
        guard let item = library.item(id) else {
            throw CommandFailure(Interface.strings.unknownIDs([id]))
        }
        let digestTitle = item.parent.flatMap { library.item($0)?.title }
        let view = try ArticleReading.article(item, digestTitle: digestTitle, width: width ?? TerminalSize.columns(),
                                                  strings: Interface.strings).view
        FileHandle.standardOutput.write(Data(view.plainText.utf8))
    }
}
