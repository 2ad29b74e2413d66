import ArgumentParser
import Foundation
import TextLayout
import TsundokuLibrary

/// `tsundoku highlights`: every highlight in the library, newest article first, as the reader's
/// highlights view lists them.
struct HighlightsCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "highlights", abstract: Interface.strings.highlightsAbstract)
    }

    @OptionGroup var options: LibraryOptions
    @Flag(help: ArgumentHelp(Interface.strings.highlightsJSONHelp)) var json = false

    func run() throws {
        let (library, _, _) = try options.load()
        let highlights = Library.highlights(of: library.items)
        if json {
            let rows = highlights.map { highlight -> HighlightRow in
                let item = library.item(highlight.itemID)
                return HighlightRow(id: highlight.itemID, title: item?.title ?? "", site: item?.site, author: item?.author,
                                    saved: item.map { DateParsing.iso8601($0.saved) } ?? "", text: highlight.text, note: highlight.note)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys, .prettyPrinted]
            FileHandle.standardOutput.write(try encoder.encode(rows) + Data("\n".utf8))
            return
        }
        var output = ""
        var lastItem: String?
        for highlight in highlights {
            if highlight.itemID != lastItem, let item = library.item(highlight.itemID) {
                if lastItem != nil { output += "\n" }
                let source = [item.site ?? item.author].compactMap { $0 }.map(Sanitizer.cleanLine)
                output += ([Sanitizer.cleanLine(item.title)] + source + [DateParsing.day(item.saved)]).joined(separator: " · ") + "\n"
                lastItem = highlight.itemID
            }
            output += highlight.text.split(separator: "\n").map { "> " + Sanitizer.cleanLine(String($0)) }.joined(separator: "\n") + "\n"
            if let note = highlight.note {
                output += note.split(separator: "\n").map { "  " + Sanitizer.cleanLine(String($0)) }.joined(separator: "\n") + "\n"
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}

/// One highlight in `highlights --json`.
private struct HighlightRow: Encodable {
    var id: String
    var title: String
    var site: String?
    var author: String?
    var saved: String
    var text: String
    var note: String?
}
