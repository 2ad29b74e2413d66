import ArgumentParser
import Foundation
import TsundokuLibrary

/// `tsundoku export`: the library as JSON Lines, bodies and marks included, so it loads back.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the library as JSON Lines (one item per line, with read and starred).")

    @OptionGroup var options: LibraryOptions

    @OptionGroup var filterOptions: FilterOptions

    func run() throws {
        let (library, _, _) = try options.load()
        var output: [UInt8] = []
        var written = Set<String>()
        for item in library.filtered(filterOptions.filter) {
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
        var object: [(String, String)] = [("id", quoted(item.id))]
        func add(_ key: String, _ value: String?) { if let value { object.append((key, quoted(value))) } }
        add("parent", item.parent)
        if let position = item.position { object.append(("position", String(position))) }
        add("title", item.title)
        add("url", item.url)
        add("author", item.author)
        add("site", item.site)
        add("saved", DateParsing.iso8601(item.saved))
        add("published", item.published.map(DateParsing.iso8601))
        if !item.tags.isEmpty { object.append(("tags", "[" + item.tags.map(quoted).joined(separator: ",") + "]")) }
        object.append((body.field, quoted(body.text)))
        if let highlights = try Library.highlightsSource(for: item) { object.append(("highlights", quoted(highlights))) }
        object.append(("read", library.isRead(item) ? "true" : "false"))
        object.append(("starred", library.isStarred(item) ? "true" : "false"))
        return Array(("{" + object.map { quoted($0.0) + ":" + $0.1 }.joined(separator: ",") + "}\n").utf8)
    }

    private func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        JSONListing.appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
