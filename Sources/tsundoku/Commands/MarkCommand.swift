import ArgumentParser
import Foundation
import TextLayout
import TsundokuLibrary

/// `tsundoku mark`: set or clear the read or starred flag of items, durably.
struct MarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark", abstract: "Mark items read or unread, starred or not.",
        discussion: "Marking a digest read or unread marks all of its news items too. Each line printed means the mark is on disk.")

    @OptionGroup var options: LibraryOptions

    @Flag(exclusivity: .exclusive, help: "What to do with the items.")
    var operation: Operation

    @Argument(help: "Item ids, as `list --json` prints them.")
    var ids: [String]

    /// The four marks, as flags.
    enum Operation: String, EnumerableFlag {
        case read, unread, star, unstar
    }

    func run() throws {
        let (library, _, resolved) = try options.load(reportProblems: false)
        let unknown = ids.filter { library.item($0) == nil }
        guard unknown.isEmpty else {
            throw CommandFailure("unknown item id: \(unknown.joined(separator: ", ")) (see `tsundoku list --json`)")
        }
        let entryOperation = MarkEntry.Operation(rawValue: operation.rawValue)!
        let targets = operation == .read || operation == .unread ? ids.flatMap(library.idsForReadMark) : ids
        let written = try resolved.store.mark(targets, entryOperation, over: library.marks)
        print(written.map { "\(operation.rawValue) \(Sanitizer.cleanLine($0.id))" }.joined(separator: "\n"))
    }
}
