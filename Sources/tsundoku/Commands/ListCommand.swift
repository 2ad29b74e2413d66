import ArgumentParser
import Foundation
import ReaderCore
import TextLayout
import TsundokuLibrary

/// `tsundoku list`: the library newest first, as a table or as JSON.
struct ListCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: Interface.strings.listAbstract)
    }

    @OptionGroup var options: LibraryOptions

    @OptionGroup var filterOptions: FilterOptions
    @OptionGroup var sortOption: SortOption
    @Flag(help: ArgumentHelp(Interface.strings.jsonFlagHelp)) var json = false

    func run() throws {
        let (library, _, _) = try options.load()
        let items = filterOptions.items(of: library, order: sortOption.sort)
        if json {
            JSONListing.write(items, library: library, to: FileHandle.standardOutput)
        } else {
            FileHandle.standardOutput.write(Data(TableListing.render(items, library: library, width: TerminalSize.columns()).utf8))
        }
    }
}

/// The human table: marks, date, source and title, each row cut to the terminal's width.
enum TableListing {
    static func render(_ items: [Item], library: MarkedLibrary, width: Int) -> String {
        var output = ""
        for item in items {
            let row = ListRow(item, read: library.isRead(item), starred: library.isStarred(item),
                              position: library.marks.position(of: item.id), width: width, columns: .table)
            output += row.text + "\n"
        }
        return output
    }
}

/// The JSON array scripts read; built as bytes by hand, which is several times faster than
/// `JSONEncoder` on large libraries, and written out in chunks so memory stays flat.
enum JSONListing {
    private static let chunkSize = 256 * 1024

    static func write(_ items: [Item], library: MarkedLibrary, to handle: FileHandle) {
        var output: [UInt8] = []
        output.reserveCapacity(chunkSize + 4096)
        func flushIfFull() {
            guard output.count >= chunkSize else { return }
            handle.write(Data(output))
            output.removeAll(keepingCapacity: true)
        }
        func raw(_ text: StaticString) {
            text.withUTF8Buffer { output.append(contentsOf: $0) }
        }
        func field(_ name: StaticString, _ value: String?) {
            raw(name)
            if let value { appendQuoted(value, to: &output) } else { raw("null") }
        }
        raw("[")
        for (offset, item) in items.enumerated() {
            raw(offset == 0 ? "\n  {" : ",\n  {")
            field("\"id\": ", item.id)
            field(", \"parent\": ", item.parent)
            field(", \"kind\": ", item.kind.rawValue)
            field(", \"title\": ", item.title)
            field(", \"author\": ", item.author)
            field(", \"site\": ", item.site)
            field(", \"url\": ", item.url)
            field(", \"saved\": ", DateParsing.iso8601(item.saved))
            field(", \"published\": ", item.published.map(DateParsing.iso8601))
            raw(", \"tags\": [")
            for (offset, tag) in item.tags.enumerated() {
                if offset > 0 { raw(", ") }
                appendQuoted(tag, to: &output)
            }
            raw("]")
            raw(", \"progress\": ")
            output += Array(String(Double(library.marks.position(of: item.id)?.seen ?? 0) / 10_000).utf8)
            raw(", \"read\": ")
            raw(library.isRead(item) ? "true" : "false")
            raw(", \"starred\": ")
            raw(library.isStarred(item) ? "true" : "false")
            field(", \"path\": ", item.path)
            raw("}")
            flushIfFull()
        }
        raw(items.isEmpty ? "]\n" : "\n]\n")
        handle.write(Data(output))
    }

    /// Appends `text` as a JSON string: quotes, backslashes and every control character
    /// (C0, DEL, C1, U+2028 and U+2029) escaped, everything else as UTF-8.
    static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(0x22)
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x22: output += [0x5C, 0x22]
            case 0x5C: output += [0x5C, 0x5C]
            case 0x0A: output += [0x5C, 0x6E]
            case 0x0D: output += [0x5C, 0x72]
            case 0x09: output += [0x5C, 0x74]
            case 0x00..<0x20, 0x7F: appendEscape(UInt32(byte), to: &output)
            case 0xC2 where index + 1 < bytes.count && (0x80..<0xA0).contains(bytes[index + 1]):
                appendEscape(UInt32(bytes[index + 1]), to: &output)
                index += 1
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                appendEscape(0x2000 + UInt32(bytes[index + 2]) - 0x80, to: &output)
                index += 2
            default: output.append(byte)
            }
            index += 1
        }
        output.append(0x22)
    }

    private static func appendEscape(_ value: UInt32, to output: inout [UInt8]) {
        let hex = Array(String(value, radix: 16).utf8)
        output += Array("\\u".utf8) + Array(repeating: 0x30, count: 4 - hex.count) + hex
    }
}
