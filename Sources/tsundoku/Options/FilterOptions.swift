import ArgumentParser
import TsundokuLibrary

/// `--unread` / `--starred`, shared by the commands that print the library.
struct FilterOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(Interface.strings.unreadFlagHelp)) var unread = false
    @Flag(help: ArgumentHelp(Interface.strings.starredFlagHelp)) var starred = false
    @Option(help: ArgumentHelp(Interface.strings.tagOptionHelp, valueName: "name")) var tag: String?

    func validate() throws {
        if unread && starred { throw ValidationError(Interface.strings.unreadAndStarred) }
    }

    var filter: ItemFilter { unread ? .unread : starred ? .starred : .all }

    /// The library's items these options let through, in `order`.
    func items(of library: MarkedLibrary, order: ItemOrder = .newest) -> [Item] {
        library.listed(filter, tag: tag, order: order)
    }
}

extension ItemOrder: ExpressibleByArgument {}

/// `--sort`, for the commands that print the library in an order.
struct SortOption: ParsableArguments {
    @Option(help: ArgumentHelp(Interface.strings.sortOptionHelp, valueName: ItemOrder.allCases.map(\.rawValue).joined(separator: "|")))
    var sort: ItemOrder = .newest
}
