import ArgumentParser
import Feeds
import Foundation
import TextLayout
import TsundokuLibrary

/// `tsundoku fetch [NAME-OR-URL...]`: fetches feeds into the feeds folder, one line per feed;
/// exits 1 when any failed.
struct FetchCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "fetch", abstract: Interface.strings.fetchAbstract)
    }

    @Argument(help: ArgumentHelp(Interface.strings.fetchFeedsHelp)) var feeds: [String] = []

    func run() throws {
        let (setup, warnings) = FeedSetup.load(config: Interface.settings.config)
        for warning in warnings { Diagnostics.warn(warning) }
        let strings = Interface.strings
        guard !setup.subscriptions.feeds.isEmpty else {
            print(strings.noFeeds)
            return
        }
        let (selected, unknown) = setup.selected(feeds)
        guard unknown.isEmpty else { throw CommandFailure(strings.unknownFeeds(unknown)) }
        let outcomes = setup.fetch(selected) { _, _, outcome in
            FileHandle.standardOutput.write(Data((Self.line(outcome) + "\n").utf8))
        }
        let added = outcomes.reduce(0) { total, outcome in
            if case .updated(let added, _) = outcome.status { return total + added }
            return total
        }
        let failed = outcomes.filter(\.failed).count
        FileHandle.standardOutput.write(Data((strings.fetchSummary(feeds: outcomes.count, added: added, failed: failed) + "\n").utf8))
        if failed > 0 { throw ExitCode(1) }
    }

    /// One feed's line: its outcome, then its warnings and a move.
    static func line(_ outcome: FeedOutcome) -> String {
        let strings = Interface.strings
        let name = Sanitizer.cleanLine(outcome.name)
        var lines: [String]
        switch outcome.status {
        case .updated(let added, let changed): lines = [strings.feedNew(name, added: added, changed: changed)]
        case .unchanged: lines = [strings.feedUnchanged(name)]
        case .deferred(let until): lines = [strings.feedDeferred(name, until: DateParsing.iso8601(until))]
        case .failed(let reason): lines = [strings.feedFailed(name, reason: Sanitizer.cleanLine(reason))]
        }
        lines += outcome.warnings.map { "  " + Sanitizer.cleanLine($0) }
        if let target = outcome.movedTo { lines.append("  " + strings.feedMoved(name, to: Sanitizer.cleanLine(target), file: Paths.subscriptions)) }
        return lines.joined(separator: "\n")
    }
}
