import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A cache of what each library file parsed to, keyed by path and invalidated by size, times and
/// inode, so start-up reads one file instead of parsing thousands.
///
/// The file is a header line naming the cache's `fingerprint`, then the entries, in parts
/// decoded in parallel, in the binary form of `IndexCodec`: an item read from the cache is the
/// value the parser made, field for field. A cache whose
/// fingerprint differs (another build of tsundoku, another time zone, another layout of the
/// types) or whose bytes are damaged is ignored and rebuilt, never trusted.
struct MetadataIndex {
    /// What one file parsed to.
    struct Entry: Hashable {
        var file: ScannedFile
        var result: ParsedFile
    }

    private(set) var entries: [String: Entry] = [:]

    init() {}

    init(entries: [Entry]) {
        self.entries = Dictionary(entries.map { ($0.file.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Reads the cache; a missing, foreign, old or damaged cache is simply empty.
    init(path: String) {
        let header = Array(Self.header.utf8)
        guard let bytes = try? FileIO.readIfPresent(path), bytes.starts(with: header),
              let decoded = Self.decodeChunks(bytes[header.count...]) else {
            self.init()
            return
        }
        self.init(entries: decoded)
    }

    /// How many parts the entries are written in: parts are decoded on every core at once.
    private static let chunkCount = 16

    /// The body: the number of parts (4 bytes), then each part's length and FNV-1a hash (8 bytes
    /// each) and its entries in the binary form (each part with its own table of strings). A
    /// part whose bytes do not match its hash (a bad disk day) makes the whole cache untrusted.
    private static func encodeChunks(_ entries: [Entry]) -> [UInt8] {
        let size = max(1, (entries.count + chunkCount - 1) / chunkCount)
        let chunks = stride(from: 0, to: entries.count, by: size).map { Array(entries[$0..<min($0 + size, entries.count)]) }
        var body = littleEndian(UInt64(chunks.count), bytes: 4)
        for chunk in chunks {
            let encoded = IndexCodec.encode(chunk)
            body += littleEndian(UInt64(encoded.count), bytes: 8) + littleEndian(ContentHash.value(encoded), bytes: 8) + encoded
        }
        return body
    }

    private static func decodeChunks(_ body: ArraySlice<UInt8>) -> [Entry]? {
        var offset = body.startIndex
        func number(_ bytes: Int) -> Int? {
            guard body.endIndex - offset >= bytes else { return nil }
            let value = (0..<bytes).reduce(UInt64(0)) { $0 | UInt64(body[offset + $1]) << (8 * UInt64($1)) }
            offset += bytes
            return value <= UInt64(Int.max) ? Int(value) : nil
        }
        guard let count = number(4), count <= chunkCount else { return nil }
        var parts: [(bytes: ArraySlice<UInt8>, hash: UInt64)] = []
        for _ in 0..<count {
            guard let length = number(8), body.endIndex - offset >= 8 else { return nil }
            let hash = (0..<8).reduce(UInt64(0)) { $0 | UInt64(body[offset + $1]) << (8 * UInt64($1)) }
            offset += 8
            guard length <= body.endIndex - offset else { return nil }
            parts.append((body[offset..<offset + length], hash))
            offset += length
        }
        guard offset == body.endIndex else { return nil }
        let chunks = parts
        let slots = Mutex([[Entry]?](repeating: nil, count: chunks.count))
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            let part = chunks[index]
            let decoded = ContentHash.value(part.bytes) == part.hash ? IndexCodec.decode(part.bytes) : nil
            slots.withLock { $0[index] = decoded }
        }
        let decoded = slots.withLock { $0 }
        guard decoded.allSatisfy({ $0 != nil }) else { return nil }
        var entries: [Entry] = []
        entries.reserveCapacity(decoded.reduce(0) { $0 + ($1?.count ?? 0) })
        for part in decoded { entries += part ?? [] }
        return entries
    }

    private static func littleEndian(_ value: UInt64, bytes: Int) -> [UInt8] {
        (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    var count: Int { entries.count }

    func lookup(_ file: ScannedFile) -> ParsedFile? {
        guard let entry = entries[file.path], entry.file == file else { return nil }
        return entry.result
    }

    func write(to path: String) throws {
        let body = Self.encodeChunks(entries.values.sorted { $0.file.path < $1.file.path })
        try FileIO.createDirectories(FileIO.directory(of: path))
        try FileIO.replace(path, with: Array(Self.header.utf8) + body)
    }

    /// The first line of the file: what a cache must have been written by to be read.
    static let header = "tsundoku-index " + fingerprint + "\n"

    /// Changes whenever a cache written before could mean something else now:
    /// - the layout of the cached types, read off a sample value with every field filled in
    ///   (field names, nesting and kinds), so a field added to `Item` retires old caches;
    /// - the executable (its size and modification time), so a new build's parser is not
    ///   answered with an old one's results;
    /// - the time zone, since dates written without an offset are read in local time.
    static let fingerprint: String = {
        let layout = ContentHash.hex(String(reflecting: sampleEntry).utf8)
        return "layout=\(layout) build=\(executableIdentity) zone=\(timeZoneIdentity)"
    }()

    private static let sampleEntry: Entry = {
        let location = BodyLocation(format: .markdown, lines: [0..<1], path: "h", htmlBlocks: [0..<1])
        let item = Item(id: "i", parent: "p", kind: .digestItem, title: "t", author: "a", site: "s", url: "u",
                        saved: Date(timeIntervalSince1970: 1), published: Date(timeIntervalSince1970: 2), path: "f",
                        position: 1, tags: ["g"], body: location, highlights: location)
        let result = ParsedFile(items: [item], problems: [LoadProblem(path: "f", message: "m")],
                                sourceMarks: [MarkEntry(time: 1, operation: .read, id: "i")])
        return Entry(file: ScannedFile(path: "f", size: 1, modified: 1, changed: 1, inode: 1), result: result)
    }()

    private static var executableIdentity: String {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 || stat(CommandLine.arguments.first ?? "", &info) == 0 else {
            return "unknown"
        }
        return "\(info.st_size).\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// The local offsets at a few moments across the years and seasons, and the zone's names.
    private static var timeZoneIdentity: String {
        tzset()
        let offsets = [0, 946_684_800, 962_409_600, 1_704_067_200, 1_719_792_000].map { moment -> String in
            var seconds = time_t(moment)
            var local = tm()
            localtime_r(&seconds, &local)
            return String(local.tm_gmtoff)
        }
        return offsets.joined(separator: ",")
    }
}
