import ArgumentParser
import Foundation
import TsundokuLibrary

/// `tsundoku export`: the library as JSON Lines, bodies and marks included, so it loads back.
struct ExportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "export", abstract: Interface.strings.exportAbstract)
    }

    @OptionGroup var options: LibraryOptions

    @OptionGroup var filterOptions: FilterOptions

    func run() throws {
        let (library, _, _) = try options.load()
        var output: [UInt8] = []
        var written = Set<String>()
        for item in filterOptions.items(of: library) {
            // A digest item loads back as one only with its digest: that goes first, whatever the filter.
            let needed = [item.parent.flatMap(library.item), item].compactMap { $0 }
            for entry in needed where written.insert(entry.id).inserted {
                output += try line(for: entry, in: library)
            }
            if output.count > 1 << 20 {
                FileHandle.standardOutput.write(Data(output))
                output.removeAll(keepingCapacity: true)
            }
        }
        FileHandle.standardOutput.write(Data(output))
    }

    /// One JSON object and its newline.
    private func line(for item: Item, in library: MarkedLibrary) throws -> [UInt8] {
        let body = try Library.bodySource(for: item)
        let line = ExportedItem(id: item.id, parent: item.parent, position: item.position, title: item.title, url: item.url,
                                author: item.author, site: item.site, saved: DateParsing.iso8601(item.saved),
                                published: item.published.map(DateParsing.iso8601), tags: item.tags.isEmpty ? nil : item.tags,
                                markdown: body.field == "markdown" ? body.text : nil, text: body.field == "text" ? body.text : nil,
                                html: body.field == "html" ? body.text : nil, highlights: try Library.highlightsSource(for: item),
                                read: library.isRead(item), starred: library.isStarred(item))
        return Array(try Self.encoder.encode(line)) + [0x0A]
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }()
}

/// One line of an export: the JSON Lines schema the library reads (see the README).
private struct ExportedItem: Encodable {
    var id: String
    var parent: String?
    var position: Int?
    var title: String
    var url: String?
    var author: String?
    var site: String?
    var saved: String
    var published: String?
    var tags: [String]?
    var markdown: String?
    var text: String?
    var html: String?
    var highlights: String?
    var read: Bool
    var starred: Bool
}
