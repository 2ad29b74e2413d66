import ArgumentParser
import Feeds
import Foundation
import TextLayout
import TsundokuLibrary

/// `tsundoku feeds`: the feeds one follows (`list`, the default), and `add`, `import`, `export`.
struct FeedsCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "feeds", abstract: Interface.strings.feedsAbstract,
                             subcommands: [FeedsListCommand.self, FeedsAddCommand.self, FeedsImportCommand.self, FeedsExportCommand.self],
                             defaultSubcommand: FeedsListCommand.self)
    }
}

/// The `urls` file read, its skipped lines reported on standard error.
private func loadSetup() -> FeedSetup {
    let (setup, warnings) = FeedSetup.load(config: Interface.settings.config)
    for warning in warnings { Diagnostics.warn(warning) }
    return setup
}

/// `tsundoku feeds list`: each feed with its items, unread items and last fetch.
struct FeedsListCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: Interface.strings.feedsListAbstract)
    }

    @OptionGroup var options: LibraryOptions

    func run() throws {
        let setup = loadSetup()
        let strings = Interface.strings
        guard !setup.subscriptions.feeds.isEmpty else {
            print(strings.noFeeds)
            return
        }
        let (library, _, _) = try options.load(reportProblems: false)
        let records = setup.store.records()
        var counts: [String: (items: Int, unread: Int)] = [:]
        for item in library.items where item.parent == nil {
            counts[item.path, default: (0, 0)].items += 1
            if !library.isRead(item) { counts[item.path, default: (0, 0)].unread += 1 }
        }
        for feed in setup.subscriptions.feeds {
            let record = setup.store.record(for: feed.url, in: records)
            let count = counts[setup.store.itemsPath(record.key)] ?? (0, 0)
            let name = Sanitizer.cleanLine(feed.name ?? record.title ?? feed.url)
            let fetched = record.fetched.map { strings.fetchedAt(DateParsing.iso8601($0)) } ?? strings.neverFetched
            var line = [name, feed.url, strings.feedRow(items: count.items, unread: count.unread), fetched].joined(separator: "\t")
            if !feed.tags.isEmpty { line += "\t" + feed.tags.map { "#" + Sanitizer.cleanLine($0) }.joined(separator: " ") }
            if let problem = record.problem { line += "\t" + Sanitizer.cleanLine(problem) }
            print(line)
        }
    }
}

/// `tsundoku feeds add URL [TAG...]`.
struct FeedsAddCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "add", abstract: Interface.strings.feedsAddAbstract)
    }

    @Argument(help: ArgumentHelp(Interface.strings.feedURLHelp)) var url: String
    @Argument(help: ArgumentHelp(Interface.strings.feedTagsHelp)) var tags: [String] = []
    @Option(help: ArgumentHelp(Interface.strings.feedNameHelp)) var name: String?

    func run() throws {
        var setup = loadSetup()
        if let problem = Subscriptions.problem(withURL: url) { throw CommandFailure(problem) }
        guard setup.subscriptions.add(Subscription(url: url, tags: tags, name: name)) else {
            print(Interface.strings.feedAlreadyFollowed(url))
            return
        }
        try setup.save()
        print(Interface.strings.feedAdded(url, file: Paths.subscriptions))
    }
}

/// `tsundoku feeds import FILE`: OPML 2.0 or a newsboat `urls` file.
struct FeedsImportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "import", abstract: Interface.strings.feedsImportAbstract)
    }

    @Argument(help: ArgumentHelp(Interface.strings.importFileHelp)) var file: String

    func run() throws {
        var setup = loadSetup()
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(file)
        } catch {
            throw CommandFailure("\(file): \(error)")
        }
        let incoming: [Subscription]
        if bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }) == UInt8(ascii: "<") {
            switch OPML.subscriptions(from: bytes) {
            case .success(let feeds): incoming = feeds
            case .failure(let problem): throw CommandFailure("\(file): \(problem)")
            }
        } else {
            let list = Subscriptions(text: String(decoding: bytes, as: UTF8.self))
            for problem in list.problems { Diagnostics.warn(file + ": " + problem) }
            incoming = list.feeds
        }
        var added = 0
        for feed in incoming {
            if let problem = Subscriptions.problem(withURL: feed.url) {
                Diagnostics.warn("\(file): \(problem); skipped")
                continue
            }
            if setup.subscriptions.add(Subscription(url: feed.url, tags: feed.tags, name: feed.name)) { added += 1 }
        }
        if added > 0 { try setup.save() }
        print(Interface.strings.feedImported(added: added, skipped: incoming.count - added))
    }
}

/// `tsundoku feeds export`: OPML 2.0 on standard output.
struct FeedsExportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "export", abstract: Interface.strings.feedsExportAbstract)
    }

    func run() throws {
        let setup = loadSetup()
        let titles = setup.store.records().compactMapValues(\.title)
        FileHandle.standardOutput.write(Data(OPML.document(setup.subscriptions.feeds, titles: titles).utf8))
    }
}
