import Foundation

/// The metadata cache's entries in a compact binary form, written and read field by field in one
/// pass: integers as variable-length numbers (zigzag for signed ones), dates as their exact bit
/// pattern, optionals as a presence byte, and every distinct string written once per part and
/// referred to by number after that (so the sources, authors and folders items share are one
/// string each when read back).
///
/// Written by hand rather than through `Codable`: decoding 18,000 items through a generic
/// decoder spent most of a warm start looking up generic metadata. `IndexCodecTests` checks that
/// every stored property of the cached types is written, so a field added to `Item` cannot be
/// silently dropped from the cache.
enum IndexCodec {
    /// Stored properties of each cached type, as this codec writes them; the tests compare them
    /// with the types' own. An item's amount is stored as two numbers (written as one value), its
    /// texts and rare parts as one reference (`ItemFields`, whose header's text ends and
    /// presence bits are the five texts written), a body's lines as three (its first range in
    /// place, or the rare parts apart: written as its lines, path and HTML blocks).
    static let fieldCounts = ["Entry": 3, "ScannedFile": 5, "ParsedFile": 3, "Item": 10, "ItemFields.Header": 4, "BodyLocation": 4,
                              "TextAmount": 2, "LoadProblem": 2, "MarkEntry": 4, "ReadingPosition": 3]

    /// The number of items, then the number of entries, then the entries.
    static func encode(_ entries: [MetadataIndex.Entry]) -> [UInt8] {
        var writer = Writer()
        writer.count(entries.reduce(0) { $0 + $1.result.items.count })
        writer.count(entries.count)
        for entry in entries { writer.entry(entry) }
        return writer.bytes
    }

    /// How many items a part `encode` wrote holds, as it says: read from its first bytes
    /// (`bytes` may be only those), so the caller bounds it by the part's length.
    static func itemCount(_ bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBytes { buffer in
            var reader = Reader(bytes: buffer)
            return reader.unsigned().flatMap { $0 <= UInt64(Int.max) ? Int($0) : nil }
        }
    }

    /// Decodes a part, its items initialized one after another at `destination` (room for
    /// `capacity`, as `itemCount` said): moved there as they are read, never copied. The
    /// files' item ranges count from `destination`, plus `numberedFrom`. On damage, nil;
    /// `initialized` tells how many items were initialized either way.
    static func decode(_ bytes: ArraySlice<UInt8>, into destination: UnsafeMutablePointer<Item>, capacity: Int,
                       numberedFrom: Int = 0, initialized: inout Int) -> [MetadataIndex.CachedFile]? {
        bytes.withUnsafeBytes { buffer in
            var reader = Reader(bytes: buffer)
            guard reader.count() == capacity, let count = reader.count() else { return nil }
            var files: [MetadataIndex.CachedFile] = []
            files.reserveCapacity(count)
            for _ in 0..<count {
                guard let file = reader.file(into: destination, capacity: capacity, numberedFrom: numberedFrom,
                                             initialized: &initialized) else { return nil }
                files.append(file)
            }
            return reader.atEnd && initialized == capacity ? files : nil
        }
    }

    /// Decodes a part into entries, each with its own items (what tests compare).
    static func decode(_ bytes: ArraySlice<UInt8>) -> [MetadataIndex.Entry]? {
        guard let capacity = itemCount(bytes), capacity <= bytes.count else { return nil }
        var initialized = 0
        var files: [MetadataIndex.CachedFile]?
        let items = [Item](unsafeUninitializedCapacity: max(capacity, 1)) { buffer, count in
            files = decode(bytes, into: buffer.baseAddress!, capacity: capacity, initialized: &initialized)
            count = initialized
        }
        return files?.map { file in
            MetadataIndex.Entry(file: file.file, result: ParsedFile(items: Array(items[file.items]), problems: file.problems,
                                                                      sourceMarks: file.sourceMarks),
                                position: file.position)
        }
    }

    private static let formats: [BodyLocation.Format] = [.markdown, .plainText, .jsonLine, .jsonLineHighlights, .html, .unavailable]
    private static let kinds: [Item.Kind] = [.article, .digest, .digestItem]
    private static let operations: [MarkEntry.Operation] = [.read, .unread, .star, .unstar, .position]

    private struct Writer {
        var bytes: [UInt8] = []
        private var strings: [String: Int] = [:]

        mutating func unsigned(_ value: UInt64) { LEB128.append(value, to: &bytes) }

        mutating func count(_ value: Int) { unsigned(UInt64(value)) }
        mutating func signed(_ value: Int64) { unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }
        mutating func int(_ value: Int) { signed(Int64(value)) }
        mutating func byte(_ value: Int) { bytes.append(UInt8(value)) }

        mutating func date(_ value: Date) {
            var bits = value.timeIntervalSince1970.bitPattern
            for _ in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: bits))
                bits >>= 8
            }
        }

        /// 0, the length and the UTF-8 bytes for a new string; n + 1 for the n-th one written.
        mutating func string(_ value: String) {
            if let number = strings[value] {
                count(number + 1)
                return
            }
            strings[value] = strings.count
            count(0)
            count(value.utf8.count)
            bytes.append(contentsOf: value.utf8)
        }

        mutating func optional<T>(_ value: T?, _ write: (inout Writer, T) -> Void) {
            guard let value else { return byte(0) }
            byte(1)
            write(&self, value)
        }

        mutating func ranges(_ ranges: [Range<Int>]) {
            count(ranges.count)
            for range in ranges {
                int(range.lowerBound)
                int(range.upperBound)
            }
        }

        mutating func entry(_ entry: MetadataIndex.Entry) {
            string(entry.file.path)
            signed(entry.file.size)
            signed(entry.file.modified)
            signed(entry.file.changed)
            unsigned(entry.file.inode)
            int(entry.position)
            count(entry.result.items.count)
            for item in entry.result.items { self.item(item) }
            count(entry.result.problems.count)
            for problem in entry.result.problems {
                string(problem.path)
                string(problem.message)
            }
            count(entry.result.sourceMarks.count)
            for mark in entry.result.sourceMarks {
                signed(mark.time)
                byte(IndexCodec.operations.firstIndex(of: mark.operation)!)
                string(mark.id)
                optional(mark.position) { writer, position in
                    writer.int(position.seen)
                    writer.int(position.block)
                    writer.int(position.intoBlock)
                }
            }
        }

        mutating func item(_ item: Item) {
            string(item.id)
            optional(item.parent) { $0.string($1) }
            byte(IndexCodec.kinds.firstIndex(of: item.kind)!)
            string(item.title)
            optional(item.author) { $0.string($1) }
            optional(item.site) { $0.string($1) }
            optional(item.url) { $0.string($1) }
            date(item.saved)
            optional(item.published) { $0.date($1) }
            string(item.path)
            optional(item.position) { $0.int($1) }
            count(item.tags.count)
            for tag in item.tags { string(tag) }
            location(item.body)
            optional(item.highlights) { $0.location($1) }
            optional(item.amount) { writer, amount in
                writer.int(amount.characters)
                writer.int(amount.words)
            }
        }

        mutating func location(_ location: BodyLocation) {
            byte(IndexCodec.formats.firstIndex(of: location.format)!)
            ranges(location.lines)
            optional(location.path) { $0.string($1) }
            optional(location.htmlBlocks) { $0.ranges($1) }
        }
    }

    /// Reads what `Writer` wrote; every read is bounds-checked and nil on damage.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0
        /// Where each string read so far lies, and the string once one was made of it.
        var texts: [Range<Int>] = []
        var strings: [String?] = []

        var atEnd: Bool { offset == bytes.count }

        mutating func unsigned() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count, shift < 64 {
                let byte = bytes[offset]
                offset += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
            return nil
        }

        mutating func count() -> Int? {
            guard let value = unsigned(), value <= UInt64(bytes.count) else { return nil }
            return Int(value)
        }

        mutating func signed() -> Int64? {
            unsigned().map { Int64(bitPattern: ($0 >> 1) ^ (0 &- ($0 & 1))) }
        }

        mutating func int() -> Int? { signed().map { Int($0) } }

        mutating func byte() -> Int? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return Int(bytes[offset])
        }

        mutating func date() -> Date? {
            guard bytes.count - offset >= 8 else { return nil }
            var bits: UInt64 = 0
            for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
            offset += 8
            return Date(timeIntervalSince1970: Double(bitPattern: bits))
        }

        /// A string, made once for all that refer to it (so items of one file share their path).
        mutating func string() -> String? {
            guard let number = textNumber() else { return nil }
            if let made = strings[number] { return made }
            let value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[texts[number]]), as: UTF8.self)
            strings[number] = value
            return value
        }

        /// A string's UTF-8 bytes where they lie in the cache, for texts an item packs itself.
        mutating func stringBytes() -> UnsafeRawBufferPointer? {
            textNumber().map { UnsafeRawBufferPointer(rebasing: bytes[texts[$0]]) }
        }

        /// The number of the string that comes next, read in (not made) when it is new.
        private mutating func textNumber() -> Int? {
            guard let number = count() else { return nil }
            if number > 0 { return number <= texts.count ? number - 1 : nil }
            guard let length = count(), bytes.count - offset >= length else { return nil }
            texts.append(offset..<offset + length)
            strings.append(nil)
            offset += length
            return texts.count - 1
        }

        /// `.some(nil)` for an absent value, nil for damage.
        mutating func optional<T>(_ read: (inout Reader) -> T?) -> T?? {
            switch byte() {
            case 0: return .some(nil)
            case 1: return read(&self).map { .some($0) }
            default: return nil
            }
        }

        mutating func ranges() -> [Range<Int>]? {
            guard let count = count() else { return nil }
            var result: [Range<Int>] = []
            result.reserveCapacity(count)
            for _ in 0..<count {
                guard let lower = int(), let upper = int(), lower <= upper else { return nil }
                result.append(lower..<upper)
            }
            return result
        }

        mutating func listed<T>(_ read: (inout Reader) -> T?) -> [T]? {
            guard let count = count() else { return nil }
            var result: [T] = []
            result.reserveCapacity(count)
            for _ in 0..<count {
                guard let value = read(&self) else { return nil }
                result.append(value)
            }
            return result
        }

        /// One entry, its items initialized at `destination + initialized` onwards.
        mutating func file(into destination: UnsafeMutablePointer<Item>, capacity: Int, numberedFrom: Int,
                           initialized: inout Int) -> MetadataIndex.CachedFile? {
            guard let path = string(), let size = signed(), let modified = signed(), let changed = signed(),
                  let inode = unsigned(), let position = signed(), let count = count(), count <= capacity - initialized else { return nil }
            let first = initialized
            for _ in 0..<count {
                guard let item = item() else { return nil }
                (destination + initialized).initialize(to: item)
                initialized += 1
            }
            guard let problems = listed({ reader -> LoadProblem? in
                      guard let path = reader.string(), let message = reader.string() else { return nil }
                      return LoadProblem(path: path, message: message)
                  }),
                  let marks = listed({ $0.mark() }) else { return nil }
            return MetadataIndex.CachedFile(file: ScannedFile(path: path, size: size, modified: modified, changed: changed, inode: inode),
                                            items: (first + numberedFrom)..<(initialized + numberedFrom),
                                            problems: problems, sourceMarks: marks, position: Int(position))
        }

        mutating func mark() -> MarkEntry? {
            guard let time = signed(), let operation = byte(), IndexCodec.operations.indices.contains(operation),
                  let id = string(),
                  let position = optional({ reader -> ReadingPosition? in
                      guard let seen = reader.int(), let block = reader.int(), let into = reader.int() else { return nil }
                      return ReadingPosition(seen: seen, block: block, intoBlock: into)
                  }) else { return nil }
            return MarkEntry(time: time, operation: IndexCodec.operations[operation], id: id, position: position)
        }

        mutating func item() -> Item? {
            guard let id = string(), let parent = optional({ $0.stringBytes() }),
                  let kind = byte(), IndexCodec.kinds.indices.contains(kind), let title = stringBytes(),
                  let author = optional({ $0.stringBytes() }), let site = optional({ $0.stringBytes() }),
                  let url = optional({ $0.stringBytes() }),
                  let saved = date(), let published = optional({ $0.date() }), let path = string(),
                  let position = optional({ $0.int() }), let tags = listed({ $0.string() }),
                  let body = location(), let highlights = optional({ $0.location() }),
                  let amount = optional({ reader -> TextAmount? in
                      guard let characters = reader.int(), let words = reader.int() else { return nil }
                      return TextAmount(characters: characters, words: words)
                  }) else { return nil }
            let fields = ItemFields.make(bytes: [parent, title, author, site, url], tags: tags, highlights: highlights)
            return Item(id: id, fields: fields, kind: IndexCodec.kinds[kind], saved: saved, published: published, path: path,
                        position: position, body: body, amount: amount)
        }

        mutating func location() -> BodyLocation? {
            guard let format = byte(), IndexCodec.formats.indices.contains(format), let lines = ranges(),
                  let path = optional({ $0.string() }), let blocks = optional({ $0.ranges() }) else { return nil }
            return BodyLocation(format: IndexCodec.formats[format], lines: lines, path: path, htmlBlocks: blocks)
        }
    }
}
