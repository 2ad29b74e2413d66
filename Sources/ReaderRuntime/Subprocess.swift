import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts programs without a shell, with their arguments as they are: the one place tsundoku
/// starts a process (a browser for a link, the feed fetcher, tmux and tsundoku itself in the
/// benchmarks).
public enum Subprocess {
    /// Where a standard stream of the program goes.
    public enum Stream: Sendable {
        case inherit, null
        case file(String)
    }

    /// How a program ended: its wait status and the most memory it held.
    public struct Ending: Sendable {
        public var status: Int32
        public var peakKilobytes: Int
    }

    /// Starts `executable` (found in `PATH` when `searchPath`) with `arguments` after it; nil
    /// when it cannot be started.
    public static func start(_ executable: String, _ arguments: [String], searchPath: Bool = false,
                             input: Stream = .inherit, output: Stream = .inherit, error: Stream = .inherit) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (descriptor, stream) in [(Int32(0), input), (1, output), (2, error)] {
            switch stream {
            case .inherit: continue
            case .null: posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
            case .file(let path): posix_spawn_file_actions_addopen(&actions, descriptor, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            }
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let started = searchPath ? posix_spawnp(&pid, executable, &actions, nil, argv, environ)
            : posix_spawn(&pid, executable, &actions, nil, argv, environ)
        return started == 0 ? pid : nil
    }

    /// Starts `executable` with its standard output on a pipe; the pipe's reading end comes back
    /// with the process (closed when the handle goes).
    public static func startReading(_ executable: String, _ arguments: [String]) -> (pid: pid_t, output: FileHandle)? {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        posix_spawn_file_actions_addclose(&actions, ends[0])
        posix_spawn_file_actions_addclose(&actions, ends[1])
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let started = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        close(ends[1])
        guard started == 0 else {
            close(ends[0])
            return nil
        }
        return (pid, FileHandle(fileDescriptor: ends[0], closeOnDealloc: true))
    }

    /// Waits for a started program to end.
    @discardableResult
    public static func wait(_ pid: pid_t) -> Ending {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        return Ending(status: status, peakKilobytes: Int(usage.ru_maxrss))
    }

    /// Reaps a program that runs on its own (a graphical browser) when it ends.
    public static func reapWhenDone(_ pid: pid_t) {
        Thread.detachNewThread { wait(pid) }
    }
}
