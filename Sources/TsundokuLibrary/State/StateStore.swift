import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The read and starred marks of one user, kept in an append-only log file.
///
/// Promises: a mark is synced to disk before `append` returns; appends from several processes
/// interleave without loss (`O_APPEND` under a shared lock); the file is only ever replaced whole
/// (write, sync, rename, under an exclusive lock), so it is never left unreadable; lines that do
/// not parse are moved to a `.damaged-<time>` file beside it and reported, never dropped.
public struct StateStore: Sendable {
    public let path: String

    /// What loading found: the replayed marks, and a one-line report when the file was damaged.
    public struct Loaded: Sendable {
        public var marks: Marks
        public var damage: String?
    }

    public init(path: String) {
        self.path = path
    }

    private var lockPath: String { path + ".lock" }

    /// Replays the log. Damaged lines are set aside under the lock and the log rewritten without
    /// them; the readable marks are always returned.
    public func load() throws -> Loaded {
        var parsed = try readLog()
        var damage: String?
        if !parsed.damaged.isEmpty || parsed.entries.count > 2 * Marks(parsed.entries).entryCount + 10_000 {
            try FileIO.withLock(lockPath, exclusive: true) {
                parsed = try readLog()
                let marks = Marks(parsed.entries)
                if !parsed.damaged.isEmpty {
                    let aside = try FileIO.createNew(path + ".damaged-" + String(Int(Date().timeIntervalSince1970)),
                                                     with: Array(parsed.damaged.joined(separator: "\n").utf8) + [0x0A])
                    damage = "\(path): \(parsed.damaged.count) unreadable line(s) moved to \(aside); the other marks are in use"
                }
                if !parsed.damaged.isEmpty || parsed.entries.count > marks.entryCount {
                    try FileIO.replace(path, with: Array(marks.compacted.map(\.line).joined().utf8))
                }
            }
        }
        return Loaded(marks: Marks(parsed.entries), damage: damage)
    }

    /// Appends marks and returns once they are on disk.
    public func append(_ entries: [MarkEntry]) throws {
        guard !entries.isEmpty else { return }
        let directory = FileIO.directory(of: path)
        try FileIO.createDirectories(directory)
        try FileIO.withLock(lockPath, exclusive: false) {
            let existed = access(path, F_OK) == 0
            let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw FileIO.Failure(description: "cannot write \(path): \(FileIO.errnoText())") }
            defer { close(fd) }
            var bytes = Array(entries.map(\.line).joined().utf8)
            if endsWithTornLine(fd) { bytes.insert(contentsOf: [0x01, 0x0A], at: 0) }
            try FileIO.writeAll(fd, bytes)
            try FileIO.sync(fd)
            if !existed { FileIO.syncDirectory(directory) }
        }
    }

    /// Appends one mark per id, stamped now, or just after the item's latest mark for that flag
    /// when that one is later (a log merged from a device whose clock runs ahead), so a mark made
    /// now always takes effect now and still merges with other logs: a hybrid logical clock.
    /// Returns the entries written.
    @discardableResult
    public func mark(_ ids: [String], _ operation: MarkEntry.Operation, over marks: Marks,
                     at date: Date = Date()) throws -> [MarkEntry] {
        let entries = marks.stamped(ids, operation, now: Int64(date.timeIntervalSince1970 * 1000))
        try append(entries)
        return entries
    }

    /// Appends reading positions, stamped as `mark` stamps marks; returns the entries written.
    @discardableResult
    public func savePositions(_ positions: [(id: String, position: ReadingPosition)], over marks: Marks,
                              at date: Date = Date()) throws -> [MarkEntry] {
        let entries = marks.stamped(positions, now: Int64(date.timeIntervalSince1970 * 1000))
        try append(entries)
        return entries
    }

    /// Refuses a state path that is not a regular file (or a path where one can be created):
    /// a device such as `/dev/null` or `/dev/zero`, a folder, a FIFO.
    public func validate() throws {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw FileIO.Failure(description: "the state file \(path) is not a regular file; name a file such as ~/.local/state/tsundoku/marks.log")
            }
        } else if errno != ENOENT {
            throw FileIO.Failure(description: "cannot use the state file \(path): \(FileIO.errnoText())")
        } else if stat(FileIO.directory(of: path), &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
            throw FileIO.Failure(description: "cannot create the state file \(path): \(FileIO.directory(of: path)) is not a folder")
        }
    }

    /// True when the last byte is not a newline (a crash cut the last line short): the next
    /// append must start on a fresh line or its mark would be glued to the torn one. The torn
    /// line is closed with a raw control byte, which no mark line contains, so it can never
    /// be mistaken for a mark and is set aside on the next load.
    private func endsWithTornLine(_ fd: Int32) -> Bool {
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return false }
        var last: UInt8 = 0
        return pread(fd, &last, 1, info.st_size - 1) == 1 && last != 0x0A
    }

    /// Every mark in the log, in the order written (what another device's log merges with).
    public func readEntries() throws -> [MarkEntry] { try readLog().entries }

    private func readLog() throws -> (entries: [MarkEntry], damaged: [String]) {
        guard let bytes = try FileIO.readIfPresent(path) else { return ([], []) }
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = SourceLines.split(text)
        let torn = lines.removeLast()
        var entries: [MarkEntry] = []
        var damaged: [String] = []
        entries.reserveCapacity(lines.count)
        for line in lines where !line.isEmpty {
            if let entry = MarkEntry(line: line) { entries.append(entry) } else { damaged.append(String(line)) }
        }
        if !torn.isEmpty { damaged.append(String(torn)) }
        return (entries, damaged)
    }
}
