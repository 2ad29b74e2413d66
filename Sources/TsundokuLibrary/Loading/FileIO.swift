import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Thin POSIX helpers: whole-file reads, durable writes, advisory locks. Errors carry `errno`'s
/// text so messages name the real cause.
public enum FileIO {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    public static func errnoText() -> String { String(cString: strerror(errno)) }

    /// The whole file, or nil when it does not exist.
    public static func readIfPresent(_ path: String) throws -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw Failure(description: "cannot read \(path): \(errnoText())")
        }
        defer { close(fd) }
        return try readAll(fd, path: path)
    }

    /// The whole of a regular file. Anything else (a folder, a FIFO, a device) is refused
    /// without waiting on it: opening is non-blocking and the kind is checked before reading.
    public static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw Failure(description: errnoText()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(description: errnoText()) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw Failure(description: "not a regular file") }
        return try readAll(fd, path: path)
    }

    /// The first `count` bytes of a file (fewer when it is shorter or cannot be read).
    static func prefix(_ path: String, _ count: Int) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        let got = Glibc.read(fd, &bytes, count)
        return Array(bytes.prefix(max(0, got)))
    }

    /// The size of the regular file at `path`; nil for anything else or a path that cannot be
    /// looked at.
    static func regularFileSize(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// Whether `path` names a regular file (after following links).
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    private static func readAll(_ fd: Int32, path: String) throws -> [UInt8] {
        var info = stat()
        let expected = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        // One byte more than the file, so reading to its end finds the end without doubling
        // the buffer first (which held twice every file read, the cache and long articles too);
        // read into uninitialised memory, not zeroed first (5 MB of `memset` for a long article).
        let size = max(expected + 1, 4096)
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            failure = fillFromStart(UnsafeMutableRawBufferPointer(buffer), filled: &count, from: fd)
        }
        // A file that grew since `fstat` fills the buffer: the rest, in doubling steps.
        var full = bytes.count == size
        while failure == 0, full {
            let filled = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: filled))
            var count = filled
            failure = bytes.withUnsafeMutableBytes { fill($0, filled: &count, from: fd) }
            full = count == bytes.count
            bytes.removeSubrange(count...)
        }
        if failure != 0 { throw Failure(description: String(cString: strerror(failure))) }
        return bytes
    }

    /// Fills `buffer` from the file just opened, leaving its position after what was read; a
    /// long buffer in two halves at once (`pread`): most of a long read's time is faulting in
    /// the fresh buffer's pages, which two cores share (a 5 MB article: 1,280 faults).
    private static func fillFromStart(_ buffer: UnsafeMutableRawBufferPointer, filled: inout Int, from fd: Int32) -> Int32 {
        guard buffer.count >= splitReadBytes else { return fill(buffer, filled: &filled, from: fd) }
        let half = buffer.count / 2
        let halves = Mutex<[(filled: Int, failure: Int32)]>([(0, 0), (0, 0)])
        let shared = SharedBuffer(buffer: buffer)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let range = index == 0 ? 0..<half : half..<shared.buffer.count
            var count = 0
            let failure = fill(UnsafeMutableRawBufferPointer(rebasing: shared.buffer[range]), filled: &count, from: fd, at: range.lowerBound)
            halves.withLock { $0[index] = (count, failure) }
        }
        let (first, second) = halves.withLock { ($0[0], $0[1]) }
        // A first half read short is where the file ended (it shrank since `fstat`).
        filled = first.filled < half ? first.filled : half + second.filled
        if first.failure != 0 || second.failure != 0 { return first.failure != 0 ? first.failure : second.failure }
        return lseek(fd, off_t(filled), SEEK_SET) < 0 ? errno : 0
    }

    /// Buffers at least this long are read in two halves at once.
    private static let splitReadBytes = 1 << 20

    /// Reads into `buffer` after its first `filled` bytes until it is full or the file ends,
    /// retrying interrupted reads: at the file's position, or from `offset` on when given
    /// (`pread`, the position left alone). `filled` is left at the bytes in the buffer; returns
    /// 0, or the error number of a failed read.
    private static func fill(_ buffer: UnsafeMutableRawBufferPointer, filled: inout Int, from fd: Int32, at offset: Int? = nil) -> Int32 {
        let start = filled
        while filled < buffer.count {
            let wanted = buffer.count - filled
            let got = offset.map { pread(fd, buffer.baseAddress! + filled, wanted, off_t($0 + filled - start)) }
                ?? Glibc.read(fd, buffer.baseAddress! + filled, wanted)
            if got < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if got == 0 { break }
            filled += got
        }
        return 0
    }

    /// Reads up to the buffer's size from `offset`, retrying short reads; returns the bytes read.
    static func readFully(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        var filled = 0
        _ = fill(buffer, filled: &filled, from: fd, at: offset)
        return filled
    }

    /// Exactly `count` bytes from `offset`, or nil when the file has fewer.
    static func read(_ fd: Int32, at offset: Int, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { readFully(fd, into: $0, at: offset) }
        return got == count ? bytes : nil
    }

    /// Writes every byte, retrying short writes.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(description: errnoText())
            }
            offset += written
        }
    }

    static func sync(_ fd: Int32) throws {
        guard fsync(fd) == 0 else { throw Failure(description: "fsync failed: \(errnoText())") }
    }

    /// Makes a rename or a new file in `directory` durable.
    static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Replaces `path` atomically: a temporary file in the same folder, synced, then renamed.
    public static func replace(_ path: String, with bytes: [UInt8]) throws {
        try replace(path) { try writeAll($0, bytes) }
    }

    /// `replace`, the new contents written by `write` to the descriptor it is given, piece by
    /// piece (a large file is never held whole).
    static func replace(_ path: String, writing write: (Int32) throws -> Void) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(description: "cannot write \(temporary): \(errnoText())") }
        do {
            try write(fd)
            try sync(fd)
            close(fd)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = errnoText()
            unlink(temporary)
            throw Failure(description: "cannot replace \(path): \(reason)")
        }
        syncDirectory(directory(of: path))
    }

    /// Writes a new file at `path`, or at `path-1`, `path-2`, ... when that exists: never over
    /// another file. Returns the path written.
    static func createNew(_ path: String, with bytes: [UInt8]) throws -> String {
        for attempt in 0..<10_000 {
            let candidate = attempt == 0 ? path : path + "-\(attempt)"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd < 0 {
                if errno == EEXIST { continue }
                throw Failure(description: "cannot write \(candidate): \(errnoText())")
            }
            defer { close(fd) }
            try writeAll(fd, bytes)
            try sync(fd)
            syncDirectory(directory(of: candidate))
            return candidate
        }
        throw Failure(description: "cannot write \(path): too many files of that name")
    }

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    public static func createDirectories(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create \(path): \(error.localizedDescription)")
        }
    }

    /// An advisory `flock` on `path`, held until `body` returns.
    public static func withLock<T>(_ path: String, exclusive: Bool, _ body: () throws -> T) throws -> T {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(description: "cannot open lock \(path): \(errnoText())") }
        defer { close(fd) }
        while flock(fd, exclusive ? LOCK_EX : LOCK_SH) != 0 {
            guard errno == EINTR else { throw Failure(description: "cannot lock \(path): \(errnoText())") }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}

/// A buffer filled in halves from two threads, each its own half.
private struct SharedBuffer: @unchecked Sendable {
    let buffer: UnsafeMutableRawBufferPointer
}
