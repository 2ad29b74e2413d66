import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A cache of what each library file parsed to, keyed by path and invalidated by size, times and
/// inode, so start-up reads one file instead of parsing thousands.
///
/// The file is a header line naming the cache's `fingerprint`, then the entries in the binary
/// form of `BinaryEncoder`, derived from the `Codable` conformances of `ParsedFile` and `Item`:
/// an item read from the cache is the value the parser made, field for field. A cache whose
/// fingerprint differs (another build of tsundoku, another time zone, another layout of the
/// types) or whose bytes are damaged is ignored and rebuilt, never trusted.
struct MetadataIndex {
    /// What one file parsed to.
    struct Entry: Codable, Hashable {
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
              let decoded = try? BinaryDecoder().decode([Entry].self, from: Array(bytes[header.count...])) else {
            self.init()
            return
        }
        self.init(entries: decoded)
    }

    var count: Int { entries.count }

    func lookup(_ file: ScannedFile) -> ParsedFile? {
        guard let entry = entries[file.path], entry.file == file else { return nil }
        return entry.result
    }

    func write(to path: String) throws {
        let body = try BinaryEncoder().encode(entries.values.sorted { $0.file.path < $1.file.path })
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
        let location = BodyLocation(format: .markdown, lines: [0..<1])
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
