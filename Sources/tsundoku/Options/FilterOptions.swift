import ArgumentParser
import TsundokuLibrary

/// `--unread` / `--starred`, shared by the commands that print the library.
struct FilterOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(Interface.strings.unreadFlagHelp)) var unread = false
    @Flag(help: ArgumentHelp(Interface.strings.starredFlagHelp)) var starred = false

    func validate() throws {
        if unread && starred { throw ValidationError(Interface.strings.unreadAndStarred) }
    }

    var filter: ItemFilter { unread ? .unread : starred ? .starred : .all }
}
