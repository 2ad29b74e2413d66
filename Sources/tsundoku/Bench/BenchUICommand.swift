import Localization
import ArgumentParser
import Foundation
import ReaderCore
import ReaderRuntime
import TsundokuLibrary
#if canImport(Glibc)
import Glibc
#endif

/// `tsundoku bench ui --items N`: the reader's own code path on a virtual 120×40 screen over a
/// generated library: time to the first full frame, time per key, peak memory; with `--tmux`,
/// the real binary in tmux as well.
struct BenchUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui", abstract: "Time the first frame and each key of the reader on a generated library.")

    @Option(help: "How many files to generate.") var items = 10_000
    @Flag(help: "Also measure the real binary inside tmux.") var tmux = false
    @Option(help: .hidden) var measure: String?

    func run() throws {
        if let measure { return try measureReader(folder: measure) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tsundoku-ui-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try SyntheticLibrary.write(files: items, to: folder + "/library")
        setenv("XDG_CACHE_HOME", folder + "/cache", 1)
        _ = Library.load(.paths([folder + "/library"]), indexPath: Paths.index(roots: [folder + "/library"]))
        let measurement = try ChildProcess.measure(["bench", "ui", "--measure", folder])
        print(String(format: "measured in a fresh process: %.0f ms wall in all, peak memory %.1f MB",
                     measurement.seconds * 1000, measurement.peakMB))
        print((try? String(contentsOfFile: folder + "/report.txt", encoding: .utf8)) ?? "")
        if tmux {
            let rows = Library.load(.paths([folder + "/library"])).items.count
            try TmuxBench.measure(library: folder + "/library", state: folder + "/state/marks.log", rows: rows)
        }
    }

    /// Runs in the child process: loads the generated library and drives the reader's code.
    private func measureReader(folder: String) throws {
        var report = ""
        let library = folder + "/library"
        let indexPath = Paths.index(roots: [library])

        let start = DispatchTime.now().uptimeNanoseconds
        let clients = EffectClients.live(source: .paths([library]), indexPath: indexPath,
                                         store: StateStore(path: folder + "/state/marks.log"), openURL: { .linkOpened($0) },
                                         fetchFeeds: { _ in .nothingFollowed })
        let loop = UILoop(state: AppState(libraryName: "bench", width: 120, height: 40, strings: Strings(.chinese)), clients: clients)
        loop.press(.start)
        loop.settle()
        let frame = Screen.render(loop.state)
        let firstFrame = milliseconds(since: start)
        guard loop.state.reader?.view != nil, frame.lines.contains(where: { $0.contains("│") }) else {
            throw CommandFailure("the first frame is not filled")
        }
        report += String(format: "%d rows: first full frame (load with index, list drawn, selected item previewed) %.1f ms\n",
                         loop.state.rows.count, firstFrame)
        let keys: [(String, Action, Int)] = [("move (j)", .moveDown, 2000), ("page (PgDn)", .pageDown, 200),
                                             ("open (Enter)", .open, 200), ("filter (u)", .cycleFilter, 60)]
        var reportTimes: [Double] = []
        for (name, action, count) in keys {
            var times: [Double] = []
            for _ in 0..<count {
                if action == .open {
                    loop.press(.switchPane)
                    loop.press(.moveDown)
                    reportTimes += loop.settle()
                }
                times.append(loop.press(action))
                reportTimes += loop.settle()
            }
            times.sort()
            report += String(format: "  %-20@ median %.3f ms, max %.3f ms over %d keys\n", name as NSString,
                             times[times.count / 2], times.last ?? 0, times.count)
        }
        report += try measureSearch(loop, library: library, reportTimes: &reportTimes)
        reportTimes.sort()
        report += String(format: "  reports received     median %.3f ms, max %.3f ms over %d batches (bodies, marks, search index); longest: %@\n",
                         reportTimes[reportTimes.count / 2], reportTimes.last ?? 0, reportTimes.count,
                         loop.longestBatch.reports.joined(separator: ", "))
        try report.write(toFile: folder + "/report.txt", atomically: true, encoding: .utf8)
    }

    /// `/`, then queries typed letter by letter: per key what the loop spent (titles matched
    /// through their index, rows listed) and how long until every article text had been
    /// searched in the background; the texts prepared cold (first search) and warm.
    private func measureSearch(_ loop: UILoop, library: String, reportTimes: inout [Double]) throws -> String {
        var report = ""
        var start = DispatchTime.now().uptimeNanoseconds
        let open = loop.press(.startSearch)
        reportTimes += loop.settle()
        report += String(format: "  start search (/)     %.3f ms; title index built and article texts prepared (cold) after %.0f ms\n",
                         open, milliseconds(since: start))
        for query in ["swift 6", "排版实践", "新闻标题 12", "ZZ"] {
            var keys: [String] = []
            for character in query {
                start = DispatchTime.now().uptimeNanoseconds
                let key = loop.press(.searchType(character))
                reportTimes += loop.settle()
                keys.append(String(format: "%@ %.2f/%.0f", String(character) as NSString, key, milliseconds(since: start)))
            }
            report += String(format: "  search %-14@ %d rows; per key, loop ms / all texts searched ms: %@\n", "\"\(query)\"" as NSString,
                             loop.state.rows.count, keys.joined(separator: ", ") as NSString)
            var erased: [String] = []
            for _ in query {
                erased.append(String(format: "%.2f", loop.press(.searchErase)))
                reportTimes += loop.settle()
            }
            report += "    erased key by key, loop ms: \(erased.joined(separator: ", "))\n"
        }
        let erase = loop.press(.cancel)
        reportTimes += loop.settle()
        report += String(format: "  cancel search (Esc)  %.3f ms\n", erase)
        start = DispatchTime.now().uptimeNanoseconds
        let items = loop.state.library.items
        let warm = try SearchTexts.prepare(items, path: TextSearchClient.path(besideIndex: Paths.index(roots: [library])))
        report += String(format: "  article texts prepared again (warm, as at the next start): %.0f ms, %d of %d parsed\n",
                         milliseconds(since: start), warm.parsed, items.count)
        return report
    }

    private func milliseconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }
}

/// The reader's UI loop without a terminal: keys applied and the screen rendered on this
/// thread, effects run by the effect runtime in the background as in the terminal. What a key
/// costs is what the loop spends on it; what the background work costs shows in its reports.
final class UILoop {
    private(set) var state: AppState
    private let reports = ReportInbox()
    private var runtime: EffectRuntime!
    /// The longest batch of reports the loop received so far: milliseconds and what it held.
    private(set) var longestBatch: (milliseconds: Double, reports: [String]) = (0, [])

    init(state: AppState, clients: EffectClients) {
        self.state = state
        let reports = self.reports
        runtime = EffectRuntime(clients: clients, strings: state.strings, mode: .background, deliver: { reports.post($0) })
    }

    /// Applies a key, renders the screen and then starts its effects, as the terminal's loop
    /// does; returns the milliseconds until the screen was rendered.
    @discardableResult
    func press(_ action: Action) -> Double {
        let left = state.reader
        let start = DispatchTime.now().uptimeNanoseconds
        let effects = state.apply(action)
        _ = Screen.render(state)
        let spent = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        for effect in effects { runtime.perform(effect) }
        BackgroundRelease.shared.release(left)
        return spent
    }

    /// Waits for the background work and receives every report (rendering after each), until
    /// nothing is left; returns the milliseconds the loop spent on each report.
    @discardableResult
    func settle() -> [Double] {
        var times: [Double] = []
        while true {
            runtime.waitUntilIdle()
            let arrived = reports.drain()
            if arrived.isEmpty { return times }
            let left = state.reader
            let start = DispatchTime.now().uptimeNanoseconds
            for report in arrived {
                for effect in state.receive(report) { runtime.perform(effect) }
            }
            _ = Screen.render(state)
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            let names = arrived.map { Mirror(reflecting: $0).children.first?.label ?? "\($0)" }
            BackgroundRelease.shared.release((left, consume arrived))
            times.append(milliseconds)
            if milliseconds > longestBatch.milliseconds {
                longestBatch = (milliseconds, names)
            }
        }
    }
}
