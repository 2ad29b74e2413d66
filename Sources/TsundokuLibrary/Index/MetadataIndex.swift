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
struct MetadataIndex: Sendable {
    /// What one file parsed to (what is written).
    struct Entry: Hashable {
        var file: ScannedFile
        var result: ParsedFile
        /// Where the file stood among the files scanned: the next scan finds it there when no
        /// file came or went, and then no path needs looking up.
        var position = 0
    }

    /// What one file parsed to, as read back: its items are `items[items]` of the index.
    struct CachedFile: Sendable {
        var file: ScannedFile
        var items: Range<Int>
        var problems: [LoadProblem]
        var sourceMarks: [MarkEntry]
        var position: Int
    }

    /// Every cached item, file after file, decoded straight into this one array (no array per
    /// file, no copy: at 100,000 files those were 50 MB more at the peak of a start).
    private(set) var items: [Item] = []
    private var files: [CachedFile] = []
    /// Each place in `files` by the position its file had in the scan that wrote the cache.
    private var byPosition: [Int?] = []
    /// Each item's place in `items` by id, made on the decoding thread while the folders are
    /// still scanned; nil when an id stands twice (the loader then decides which one stays).
    private var itemPlaces: [String: Int]?

    init() {}

    /// Reads the cache; a missing, foreign, old or damaged cache is simply empty. Each part is
    /// read by the thread that decodes it, so the file is never held whole.
    init(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        guard let decoded = Self.decodeParts(fd) else { return }
        items = decoded.items
        files = decoded.files.flatMap { $0 }
        byPosition = Array(repeating: nil, count: files.count)
        for (place, file) in files.enumerated() where byPosition.indices.contains(file.position) && byPosition[file.position] == nil {
            byPosition[file.position] = place
        }
        var places: [String: Int] = [:]
        places.reserveCapacity(items.count)
        for index in items.indices where places.updateValue(index, forKey: items[index].id) != nil { return }
        itemPlaces = places
    }

    /// How many parts the entries are written in: parts are decoded on every core at once.
    private static let chunkCount = 16

    /// The body: the number of parts (4 bytes), then each part's length and FNV-1a hash (8 bytes
    /// each) and its entries in the binary form (each part with its own table of strings). A
    /// part whose bytes do not match its hash (a bad disk day) makes the whole cache untrusted.
    /// Written part by part: only one part's entries and bytes are made at a time.
    private static func writeChunks<Entries: RandomAccessCollection<Entry>>(_ entries: Entries, to fd: Int32) throws
        where Entries.Index == Int {
        let size = max(1, (entries.count + chunkCount - 1) / chunkCount)
        let starts = Array(stride(from: entries.startIndex, to: entries.endIndex, by: size))
        try FileIO.writeAll(fd, littleEndian(UInt64(starts.count), bytes: 4))
        for start in starts {
            let encoded = IndexCodec.encode(Array(entries[start..<min(start + size, entries.endIndex)]))
            try FileIO.writeAll(fd, littleEndian(UInt64(encoded.count), bytes: 8) + littleEndian(ContentHash.value(encoded), bytes: 8))
            try FileIO.writeAll(fd, encoded)
        }
    }

    /// The cache's items and, part by part, its files.
    private static func decodeParts(_ fd: Int32) -> (items: [Item], files: [[CachedFile]])? {
        var info = stat()
        let header = Array(Self.header.utf8)
        guard fstat(fd, &info) == 0, let start = FileIO.read(fd, at: 0, count: header.count + 4),
              start.starts(with: header) else { return nil }
        let size = Int(info.st_size)
        func littleEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
            bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        }
        func number(_ bytes: ArraySlice<UInt8>) -> Int? {
            let value = littleEndian(bytes)
            return value <= UInt64(Int.max) ? Int(value) : nil
        }
        guard let count = number(start[header.count...]), count <= chunkCount else { return nil }
        var offset = header.count + 4
        var parts: [(offset: Int, length: Int, hash: UInt64, items: Int, start: Int)] = []
        var total = 0
        for _ in 0..<count {
            guard let head = FileIO.read(fd, at: offset, count: 16), let length = number(head[0..<8]),
                  length <= size - offset - 16 else { return nil }
            let hash = littleEndian(head[8..<16])
            offset += 16
            // Every item takes bytes, so a part cannot hold more items than it has bytes.
            guard let counted = FileIO.read(fd, at: offset, count: min(length, 10)), let items = IndexCodec.itemCount(counted[...]),
                  items <= length else { return nil }
            parts.append((offset, length, hash, items, total))
            total += items
            offset += length
        }
        guard offset == size else { return nil }
        let chunks = parts
        let decodedFiles = Mutex([[CachedFile]?](repeating: nil, count: chunks.count))
        let initialized = Mutex([Int](repeating: 0, count: chunks.count))
        let items = [Item](unsafeUninitializedCapacity: max(total, 1)) { buffer, initializedCount in
            let base = SharedSlots(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
                let part = chunks[index]
                var done = 0
                let bytes = FileIO.read(fd, at: part.offset, count: part.length)
                let files = bytes.flatMap { bytes in
                    ContentHash.value(bytes) == part.hash
                        ? IndexCodec.decode(bytes[...], into: base.pointer + part.start, capacity: part.items,
                                            numberedFrom: part.start, initialized: &done)
                        : nil
                }
                decodedFiles.withLock { $0[index] = files }
                initialized.withLock { $0[index] = done }
            }
            let done = initialized.withLock { $0 }
            if decodedFiles.withLock({ $0.allSatisfy { $0 != nil } }) {
                initializedCount = total
            } else {
                for (index, part) in chunks.enumerated() { (buffer.baseAddress! + part.start).deinitialize(count: done[index]) }
                initializedCount = 0
            }
        }
        let files = decodedFiles.withLock { $0 }
        guard files.allSatisfy({ $0 != nil }) else { return nil }
        return (items, files.map { $0 ?? [] })
    }

    private static func littleEndian(_ value: UInt64, bytes: Int) -> [UInt8] {
        (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    /// How many files the cache knows.
    var count: Int { files.count }

    /// Where the cache keeps what each of `scanned` parsed to, when it knows the file as it is
    /// now (same size, times and inode): places for `items(at:)` and the like, so nothing is
    /// copied. Each file is first looked for where the previous scan had it, after the last
    /// one found; only when it is not there (files came or went) are paths looked up (100,000
    /// paths hashed and compared take 60 ms).
    func places(of scanned: [ScannedFile]) -> [Int?] {
        var byPath: [String: Int]?
        var next = 0
        return scanned.map { file in
            var found: Int?
            if next < byPosition.count, let place = byPosition[next], files[place].file.path == file.path {
                found = place
            } else {
                if byPath == nil { byPath = pathPlaces() }
                found = byPath?[file.path]
            }
            guard let place = found else { return nil }
            next = files[place].position + 1
            let cached = files[place].file
            return cached.size == file.size && cached.modified == file.modified && cached.changed == file.changed
                && cached.inode == file.inode ? place : nil
        }
    }

    /// Each path's place in `files` (the first, were one written twice).
    private func pathPlaces() -> [String: Int] {
        var places: [String: Int] = [:]
        places.reserveCapacity(files.count)
        for (place, file) in files.enumerated() where places[file.file.path] == nil { places[file.file.path] = place }
        return places
    }

    /// The items of the file at `place`, as places in `items`.
    func items(at place: Int) -> Range<Int> { files[place].items }
    func problems(at place: Int) -> [LoadProblem] { files[place].problems }
    func sourceMarks(at place: Int) -> [MarkEntry] { files[place].sourceMarks }

    /// Hands the items over (the index keeps none): they become the library's.
    mutating func takeItems() -> [Item] {
        defer { items = [] }
        return items
    }

    /// Hands the ids' table over, likewise.
    mutating func takeItemPlaces() -> [String: Int]? {
        defer { itemPlaces = nil }
        return itemPlaces
    }

    /// Writes `entries` in the order given (the loader's: reading order); a lazy collection's
    /// entries are made a part at a time.
    static func write<Entries: RandomAccessCollection<Entry>>(_ entries: Entries, to path: String) throws where Entries.Index == Int {
        try FileIO.createDirectories(FileIO.directory(of: path))
        try FileIO.replace(path) { fd in
            try FileIO.writeAll(fd, Array(header.utf8))
            try writeChunks(entries, to: fd)
        }
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
        return Entry(file: ScannedFile(path: "f", size: 1, modified: 1, changed: 1, inode: 1), result: result, position: 1)
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
