import ArgumentParser
import Foundation
import TextLayout
import TsundokuLibrary

/// `tsundoku list`: the library newest first, as a table or as JSON.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the library, newest first.")

    @OptionGroup var options: LibraryOptions

    @Flag(help: "Only items not yet read.") var unread = false
    @Flag(help: "Only starred items.") var starred = false
    @Flag(help: "Print a JSON array instead of a table.") var json = false

    func validate() throws {
        if unread && starred { throw ValidationError("--unread and --starred cannot be combined") }
    }

    func run() throws {
        let (library, _, _) = try options.load()
        let items = library.filtered(unread ? .unread : starred ? .starred : .all)
        let output = json ? JSONListing.render(items, library: library)
            : TableListing.render(items, library: library, width: TerminalSize.columns())
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}

/// The human table: marks, date, source and title, each row cut to the terminal's width.
enum TableListing {
    static func render(_ items: [Item], library: MarkedLibrary, width: Int) -> String {
        var output = ""
        for item in items {
            let marks = (library.isRead(item) ? " " : "●") + (library.isStarred(item) ? "★" : " ")
            let source = Truncation.fit(Sanitizer.cleanLine(item.site ?? item.author ?? ""), to: 12)
            let indent = item.parent == nil ? "" : "  "
            let row = marks + " " + DateParsing.day(item.saved) + "  " + source + "  " + indent + Sanitizer.cleanLine(item.title)
            output += Truncation.truncate(row, to: width) + "\n"
        }
        return output
    }
}

/// The JSON array scripts read; written by hand for speed on large libraries.
enum JSONListing {
    static func render(_ items: [Item], library: MarkedLibrary) -> String {
        var output = "["
        output.reserveCapacity(items.count * 400)
        for (offset, item) in items.enumerated() {
            output += offset == 0 ? "\n  {" : ",\n  {"
            output += "\"id\": " + quoted(item.id)
            output += ", \"parent\": " + (item.parent.map(quoted) ?? "null")
            output += ", \"kind\": " + quoted(item.kind.rawValue)
            output += ", \"title\": " + quoted(item.title)
            output += ", \"author\": " + (item.author.map(quoted) ?? "null")
            output += ", \"site\": " + (item.site.map(quoted) ?? "null")
            output += ", \"url\": " + (item.url.map(quoted) ?? "null")
            output += ", \"saved\": " + quoted(DateParsing.iso8601(item.saved))
            output += ", \"published\": " + (item.published.map { quoted(DateParsing.iso8601($0)) } ?? "null")
            output += ", \"read\": " + (library.isRead(item) ? "true" : "false")
            output += ", \"starred\": " + (library.isStarred(item) ? "true" : "false")
            output += ", \"path\": " + quoted(item.path) + "}"
        }
        return output + (items.isEmpty ? "]\n" : "\n]\n")
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
