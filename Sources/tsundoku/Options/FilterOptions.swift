import ArgumentParser
import TsundokuLibrary

/// `--unread` / `--starred`, shared by the commands that print the library.
struct FilterOptions: ParsableArguments {
    @Flag(help: "Only items not yet read.") var unread = false
    @Flag(help: "Only starred items.") var starred = false

    func validate() throws {
        if unread && starred { throw ValidationError("--unread and --starred cannot be combined") }
    }

    var filter: ItemFilter { unread ? .unread : starred ? .starred : .all }
}
