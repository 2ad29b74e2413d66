import Foundation
import ReaderRuntime
#if canImport(Glibc)
import Glibc
#endif

/// The same measures through a real terminal: tsundoku started inside tmux, timed until its
/// screen shows the list, then until 200 `j` presses have all been drawn.
///
/// tmux is watched in control mode, so nothing polls while the reader works: each burst of the
/// reader's output is read as tmux passes it on, and only then is the screen looked at. (A
/// loop starting `tmux capture-pane` every few milliseconds kept a core of a two-core machine
/// busy and slowed the reader it timed: 336-437 ms against 244-300 for the same warm start.)
enum TmuxBench {
    static func measure(library: String, state: String, rows: Int) throws {
        try inSession { socket, watcher in
            try measureList(socket: socket, watcher: watcher, library: library, state: state, rows: rows)
        }
    }

    private static func measureList(socket: String, watcher: ControlClient, library: String, state: String, rows: Int) throws {
        let start = DispatchTime.now().uptimeNanoseconds
        startReader(socket, library: library, state: state)
        guard let shown = watcher.waitUntil({ tmux(socket, ["capture-pane", "-p", "-t", "bench"]).contains("1/\(rows)") }) else {
            throw CommandFailure("tsundoku did not draw its list in tmux")
        }
        let keysStart = DispatchTime.now().uptimeNanoseconds
        _ = tmux(socket, ["send-keys", "-t", "bench"] + Array(repeating: "j", count: 200))
        guard let drawn = watcher.waitUntil({ tmux(socket, ["capture-pane", "-p", "-t", "bench"]).contains("201/\(rows)") }) else {
            throw CommandFailure("the key presses were not all drawn")
        }
        print(String(format: "tmux: list on screen after %.0f ms; 200 × j drawn at %.2f ms per key (tmux round trips included)",
                     Double(shown - start) / 1e6, Double(drawn - keysStart) / 1e6 / 200))
        _ = tmux(socket, ["send-keys", "-t", "bench", "q"])
    }

    /// The real binary in tmux on `library`, whose second row is a long article: `j Enter G`
    /// sent at once, timed until `first` (its first text) and `last` (its end) are on screen,
    /// `rounds` times, each in a fresh reader.
    static func measureArticle(library: String, state: String, first: String, last: String, rounds: Int) throws {
        try inSession { socket, watcher in
            try measureArticle(socket: socket, watcher: watcher, library: library, state: state, first: first, last: last, rounds: rounds)
        }
    }

    private static func measureArticle(socket: String, watcher: ControlClient, library: String, state: String, first: String, last: String,
                                       rounds: Int) throws {
        let screen = { tmux(socket, ["capture-pane", "-p", "-t", "bench"]) }
        var firstTimes: [Double] = [], endTimes: [Double] = []
        for _ in 0..<rounds {
            startReader(socket, library: library, state: state)
            guard watcher.waitUntil({ screen().contains("1/2") }) != nil else { throw CommandFailure("tsundoku did not draw its list in tmux") }
            usleep(500_000)
            watcher.drain()
            watcher.forgetPrinted()
            let start = DispatchTime.now().uptimeNanoseconds
            _ = tmux(socket, ["send-keys", "-t", "bench", "j", "Enter", "G"])
            var shownFirst: UInt64?
            guard let shownEnd = watcher.waitUntilPrinted(last, seenAlso: first, { shownFirst = shownFirst ?? $0 },
                                                          confirmedBy: { screen().contains(last) })
            else { throw CommandFailure("the article's end was not drawn") }
            firstTimes.append(Double((shownFirst ?? shownEnd) - start) / 1e6)
            endTimes.append(Double(shownEnd - start) / 1e6)
            _ = tmux(socket, ["send-keys", "-t", "bench", "q"])
            usleep(100_000)
            _ = tmux(socket, ["send-keys", "-t", "bench", "q"])
            usleep(300_000)
        }
        func summary(_ times: [Double]) -> String {
            let sorted = times.sorted()
            return String(format: "median %.0f ms (%.0f-%.0f)", sorted[sorted.count / 2], sorted[0], sorted[sorted.count - 1])
        }
        print("tmux, j Enter G at once, \(rounds) fresh readers: first text \(summary(firstTimes)), end \(summary(endTimes))")
    }

    /// A tmux server of its own with a 120×40 session watched in control mode (a pane left
    /// when its program exits, for the next reader), for `body`; gone after it.
    private static func inSession(_ body: (_ socket: String, _ watcher: ControlClient) throws -> Void) throws {
        let socket = FileManager.default.temporaryDirectory.appendingPathComponent("tsundoku-bench-tmux-\(getpid())").path
        defer { _ = tmux(socket, ["kill-server"]) }
        _ = tmux(socket, ["new-session", "-d", "-x", "120", "-y", "40", "-s", "bench", "sleep 1000000"])
        _ = tmux(socket, ["set-option", "-g", "window-size", "manual"])
        _ = tmux(socket, ["set-option", "-g", "remain-on-exit", "on"])
        let watcher = try ControlClient(socket: socket, session: "bench")
        defer { watcher.stop() }
        try body(socket, watcher)
    }

    /// This very binary started in the session's pane on `library`.
    private static func startReader(_ socket: String, library: String, state: String) {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        _ = tmux(socket, ["respawn-pane", "-k", "-t", "bench",
                          "TERM=xterm-256color '\(executable)' --library '\(library)' --state '\(state)'"])
    }

    fileprivate static func tmux(_ socket: String, _ arguments: [String]) -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tsundoku-bench-tmux-out-\(getpid())").path
        guard let pid = Subprocess.start("tmux", ["-S", socket] + arguments, searchPath: true, input: .null,
                                         output: arguments.first == "new-session" ? .null : .file(output), error: .null) else { return "" }
        Subprocess.wait(pid)
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }
}

/// A tmux control-mode client attached to a session: its output says when the session's panes
/// printed something.
private final class ControlClient {
    private let process = Process()
    private let output = Pipe()
    /// tmux closed the connection (the server went away).
    private var closed = false

    init(socket: String, session: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "-S", socket, "-C", "attach", "-t", session]
        process.standardInput = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // What attaching prints is not the reader's.
        while readBurst(waitingMilliseconds: 200) != nil {}
    }

    /// The time (in `DispatchTime` nanoseconds) of the first burst of output after which
    /// `holds` is true, looking after each burst; nil after 20 s without it.
    func waitUntil(_ holds: () -> Bool) -> UInt64? {
        let deadline = DispatchTime.now().uptimeNanoseconds + 20_000_000_000
        while !closed, DispatchTime.now().uptimeNanoseconds < deadline {
            guard let arrived = readBurst(waitingMilliseconds: 500) else { continue }
            if holds() { return arrived }
        }
        return nil
    }

    /// The time of the burst after which the panes have printed `text` (as one run of
    /// characters) and `confirmed` says the screen shows it; `seenAlso` is told when a burst
    /// first holds `also` or `text`. The screen is looked at only then, or after 200 ms of quiet
    /// (a text drawn in pieces), never after every burst: each look starts a tmux client, whose
    /// work on a two-core machine slowed the reader being timed. Nil after 20 s without it.
    func waitUntilPrinted(_ text: String, seenAlso also: String, _ seenAlso: (_ arrived: UInt64) -> Void,
                          confirmedBy confirmed: () -> Bool) -> UInt64? {
        let deadline = DispatchTime.now().uptimeNanoseconds + 20_000_000_000
        var last: UInt64?
        while !closed, DispatchTime.now().uptimeNanoseconds < deadline {
            guard let arrived = readBurst(waitingMilliseconds: 200) else {
                if let last, confirmed() { return last }
                continue
            }
            last = arrived
            if hasPrinted(also) || hasPrinted(text) { seenAlso(arrived) }
            if hasPrinted(text), confirmed() { return arrived }
        }
        return nil
    }

    /// The panes' output since `forgetPrinted`, read from tmux's `%output` lines.
    private var printed: [UInt8] = []
    /// What tmux sent after its last complete line.
    private var pendingLine: [UInt8] = []

    func forgetPrinted() { printed = [] }

    private func hasPrinted(_ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard needle.count <= printed.count else { return false }
        return (0...(printed.count - needle.count)).contains { printed[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    /// Adds the output of the `%output %PANE DATA` lines among `bytes` (control characters and
    /// backslashes in DATA are written `\ooo`).
    private func takeOutput(_ bytes: ArraySlice<UInt8>) {
        pendingLine += bytes
        while let newline = pendingLine.firstIndex(of: 0x0A) {
            let line = pendingLine[..<newline]
            pendingLine.removeSubrange(...newline)
            let prefix = Array("%output ".utf8)
            guard line.starts(with: prefix), let space = line.dropFirst(prefix.count).firstIndex(of: 0x20) else { continue }
            var index = space + 1
            while index < line.endIndex {
                if line[index] == UInt8(ascii: "\\"), index + 3 < line.endIndex,
                   let value = UInt8(String(decoding: line[(index + 1)...(index + 3)], as: UTF8.self), radix: 8) {
                    printed.append(value)
                    index += 4
                } else {
                    printed.append(line[index])
                    index += 1
                }
            }
        }
    }

    /// Reads what tmux has sent, waiting up to `waitingMilliseconds` for it; when it arrived.
    private func readBurst(waitingMilliseconds: Int32) -> UInt64? {
        let descriptor = output.fileHandleForReading.fileDescriptor
        var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&ready, 1, waitingMilliseconds) > 0 else { return nil }
        let arrived = DispatchTime.now().uptimeNanoseconds
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = read(descriptor, &buffer, buffer.count)
        guard count > 0 else {
            closed = true
            return nil
        }
        takeOutput(buffer[..<count])
        return arrived
    }

    /// Reads whatever tmux has sent so far.
    func drain() {
        while readBurst(waitingMilliseconds: 50) != nil {}
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
