import ArgumentParser
import Foundation
import TextLayout
import TsundokuLibrary

/// `tsundoku mark`: set or clear the read or starred flag of items, durably.
struct MarkCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "mark", abstract: Interface.strings.markAbstract, discussion: Interface.strings.markDiscussion)
    }

    @OptionGroup var options: LibraryOptions

    @Flag(exclusivity: .exclusive, help: ArgumentHelp(Interface.strings.markOperationHelp))
    var operation: Operation

    @Argument(help: ArgumentHelp(Interface.strings.idsArgumentHelp))
    var ids: [String]

    /// The four marks, as flags.
    enum Operation: String, EnumerableFlag {
        case read, unread, star, unstar
    }

    func run() throws {
        let (library, _, resolved) = try options.load(reportProblems: false)
        let unknown = ids.filter { library.item($0) == nil }
        guard unknown.isEmpty else {
            throw CommandFailure(Interface.strings.unknownIDs(unknown))
        }
        let entryOperation = MarkEntry.Operation(rawValue: operation.rawValue)!
        let targets = operation == .read || operation == .unread ? ids.flatMap(library.idsForReadMark) : ids
        let written = try resolved.store.mark(targets, entryOperation, over: library.marks)
        print(written.map { "\(operation.rawValue) \(Sanitizer.cleanLine($0.id))" }.joined(separator: "\n"))
    }
}
