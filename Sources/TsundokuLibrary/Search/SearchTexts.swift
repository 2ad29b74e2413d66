#if canImport(Glibc)
import Glibc
#endif

/// The lower-cased readable text of every item of a library, kept in one file beside the
/// metadata cache, so search reads article text without parsing articles and without holding
/// it: a search streams through the file a few megabytes at a time.
///
/// `prepare` brings the file up to date with the library: the text of an item whose file has
/// not changed (size, times and inode, as the metadata cache checks) is copied from the old
/// file, only new and changed items are parsed, and a file that needs no change is not written.
/// The store keeps its file open, so another instance replacing it changes nothing here.
public final class SearchTexts: Sendable {
    /// The store's file descriptor (the file may be unlinked already: a store with no cache).
    private let fd: Int32
    /// Where item `i`'s text lies in the file, in the order of the items it was prepared for.
    private let offsets: [Int]
    private let lengths: [Int]
    /// How many items' texts were parsed rather than copied (for tests and benchmarks).
    public let parsed: Int

    private init(fd: Int32, offsets: [Int], lengths: [Int], parsed: Int) {
        self.fd = fd
        self.offsets = offsets
        self.lengths = lengths
        self.parsed = parsed
    }

    deinit { close(fd) }

    /// The store for `items` at `path` (nil: a temporary file nobody else sees), brought up to
    /// date; `progress` is told how many items are done.
    public static func prepare(_ items: [Item], path: String?, progress: (Int) -> Void = { _ in }) throws -> SearchTexts {
        let old = path.flatMap(SearchTextFile.read)
        defer { if let old { close(old.fd) } }
        // The row of the old file holding an item's text, when its file has not changed:
        // looked for at the item's own place first (the library as it was), then by id.
        var byID: [String: Int]?
        func keptRow(_ index: Int, _ file: ScannedFile?) -> Int? {
            guard let old, let file else { return nil }
            let id = items[index].id
            if index < old.count, old.row(index, holds: id, from: file) { return index }
            if byID == nil { byID = old.rowsByID() }
            guard let row = byID?[id], old.row(row, holds: id, from: file) else { return nil }
            return row
        }
        // Nothing changed (the usual start): the old file serves as it is, its rows found in
        // one pass that stops at the first item not in it.
        if let old, old.count == items.count {
            var identities = FileIdentities()
            var offsets: [Int] = [], lengths: [Int] = []
            offsets.reserveCapacity(items.count)
            lengths.reserveCapacity(items.count)
            for index in items.indices {
                guard let row = keptRow(index, identities.identity(of: items[index])) else { break }
                let text = old.text(row)
                offsets.append(text.offset)
                lengths.append(text.length)
            }
            let fd = offsets.count == items.count ? dup(old.fd) : -1
            if fd >= 0 { return SearchTexts(fd: fd, offsets: offsets, lengths: lengths, parsed: 0) }
        }
        // Each item's file is looked at once more here, so the identity written with a text is
        // the one its text was kept or read under.
        var identities = FileIdentities()
        var writer = try SearchTextFile.Writer(path: path)
        let bodies = BodyReader()
        var parsed = 0
        do {
            for (index, item) in items.enumerated() {
                let identity = identities.identity(of: item)
                let file = identity ?? ScannedFile(path: item.path, size: -1, modified: 0)
                if let row = keptRow(index, identity), let old {
                    let text = old.text(row)
                    try writer.copy(id: item.id, file: file, from: old.fd, offset: text.offset, length: text.length)
                } else {
                    try writer.add(id: item.id, file: file, text: Array(text(of: item, reading: bodies).utf8))
                    parsed += 1
                }
                if index % 1_000 == 999 { progress(index + 1) }
            }
        } catch {
            writer.abandon()
            throw error
        }
        let (fd, offsets, lengths) = try writer.finish()
        return SearchTexts(fd: fd, offsets: offsets, lengths: lengths, parsed: parsed)
    }

    /// What search reads of an item: its body's readable text, lower-cased (nothing for a
    /// digest, whose news items carry the text, or a body that cannot be read); `bodies` keeps
    /// the files read last for the next items.
    public static func text(of item: Item, reading bodies: BodyReader = BodyReader()) -> String {
        guard item.kind != .digest, let document = try? bodies.document(for: item) else { return "" }
        return document.blocks.map(\.readableText).joined(separator: "\n").lowercased()
    }

    /// Looks for `needle` (lower-cased UTF-8) in the texts of `among` (ascending item indices;
    /// nil: every item), calling `found` with each batch of matches as the reading goes on.
    /// Returns false when `isCancelled` said to stop before the end.
    public func search(_ needle: [UInt8], among: [Int]? = nil, isCancelled: () -> Bool = { false },
                       found: ([Int]) -> Void) -> Bool {
        guard !needle.isEmpty else { return true }
        let chunkSize = 4 << 20
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        var chunkStart = 0, chunkEnd = 0
        var batch: [Int] = []
        let indices = among ?? Array(offsets.indices)
        for index in indices where index < offsets.count {
            let offset = offsets[index], length = lengths[index]
            guard length >= needle.count else { continue }
            if offset < chunkStart || offset + length > chunkEnd {
                if !batch.isEmpty {
                    found(batch)
                    batch.removeAll()
                }
                if isCancelled() { return false }
                if length > chunkSize {
                    if contains(bigTextAt: offset, length: length, needle) { batch.append(index) }
                    continue
                }
                chunkStart = offset
                chunkEnd = offset + FileIO.readFully(fd, into: chunk, at: offset)
                guard offset + length <= chunkEnd else { continue }
            }
            let text = UnsafeRawBufferPointer(rebasing: chunk[(offset - chunkStart)..<(offset - chunkStart + length)])
            if ByteSearch.contains(text, needle) { batch.append(index) }
        }
        if !batch.isEmpty { found(batch) }
        return !isCancelled()
    }

    private func contains(bigTextAt offset: Int, length: Int, _ needle: [UInt8]) -> Bool {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: length, alignment: 16)
        defer { buffer.deallocate() }
        let read = FileIO.readFully(fd, into: buffer, at: offset)
        return ByteSearch.contains(UnsafeRawBufferPointer(rebasing: buffer[0..<read]), needle)
    }
}

/// The identity of each item's file, looked up as items come: the items of one file (a
/// digest's news, an export's articles) stand together, so a file is looked at once for them
/// without a table of every file.
private struct FileIdentities {
    private var last: (file: String, identity: ScannedFile?)?

    mutating func identity(of item: Item) -> ScannedFile? {
        // A member of an export zip changes with its archive.
        let file = OmnivoreExport.entryPath(item.path)?.archive ?? item.path
        if let last, last.file == file { return last.identity }
        let identity = LibraryScanner.identity(of: file)
        last = (file, identity)
        return identity
    }
}
