import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The file `SearchTexts` keeps: a header, the texts one after another, then a table naming
/// each text's item, the identity of the file it was read from and where it lies. The header
/// (written last) carries the table's place and an FNV-1a hash of it, so a file cut short or
/// damaged is not trusted and is written anew.
enum SearchTextFile {
    static let magic = Array("TSDKTX01".utf8)
    static let headerSize = 32

    /// The table of the file at `path`, with the file open; nil when there is no such file or
    /// it cannot be trusted.
    static func read(_ path: String) -> Table? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        guard let table = Table(fd: fd) else {
            close(fd)
            return nil
        }
        return table
    }

    /// A file's table, read from the file a window at a time as it is used: each text's item
    /// id and file identity are compared where they lie in the window, no string made (a
    /// string and a table entry per text were 80 MB at the peak of a search of 100,000 files,
    /// and the table held whole 20 MB more). Rows are mostly read in order, so the window
    /// moves on a megabyte at a time.
    final class Table {
        let fd: Int32
        /// Where the table starts in the file, and its length.
        private let tableOffset: Int
        private let tableLength: Int
        /// Where each row starts in the table: its id's length and id, its path's length and
        /// path, then its file's size, modification and change times and inode, and where its
        /// text lies (offset, length), eight bytes each.
        private var starts: [Int32] = []
        /// The bytes of the table from `windowStart` on, as far as `windowCount`.
        private var window: UnsafeMutableRawBufferPointer
        private var windowStart = 0
        private var windowCount = 0
        private static let windowSize = 1 << 20

        fileprivate init?(fd: Int32) {
            var info = stat()
            guard fstat(fd, &info) == 0 else { return nil }
            let size = Int(info.st_size)
            var header = [UInt8](repeating: 0, count: headerSize)
            guard size >= headerSize, header.withUnsafeMutableBytes({ FileIO.readFully(fd, into: $0, at: 0) }) == headerSize,
                  Array(header[0..<8]) == magic else { return nil }
            var fields = ByteReader(header[8...])
            guard let count = fields.integer(), let tableOffset = fields.integer(), let hash = fields.integer(),
                  count >= 0, tableOffset >= headerSize, tableOffset <= size, size - tableOffset < Int(Int32.max) else { return nil }
            self.fd = fd
            self.tableOffset = tableOffset
            tableLength = size - tableOffset
            window = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.windowSize, alignment: 8)
            var computed = ContentHash.basis
            var position = 0
            while position < tableLength {
                guard let chunk = bytes(at: position, count: min(Self.windowSize, tableLength - position)) else { return nil }
                computed = ContentHash.value(chunk, from: computed)
                position += chunk.count
            }
            guard UInt64(bitPattern: Int64(hash)) == computed else { return nil }
            starts.reserveCapacity(min(count, tableLength / 64))
            position = 0
            for _ in 0..<count {
                guard let id = integer(at: position), id >= 0, id <= tableLength, let path = integer(at: position + 8 + id),
                      path >= 0, path <= tableLength, position + 16 + id + path + 48 <= tableLength,
                      let offset = integer(at: position + 16 + id + path + 32), let length = integer(at: position + 16 + id + path + 40),
                      offset >= headerSize, length >= 0, length <= tableOffset, offset <= tableOffset - length else { return nil }
                starts.append(Int32(position))
                position += 16 + id + path + 48
            }
            guard position == tableLength else { return nil }
        }

        deinit { window.deallocate() }

        var count: Int { starts.count }

        /// Where text `row` lies in the file.
        func text(_ row: Int) -> (offset: Int, length: Int) {
            let numbers = place(row).numbers
            return (integer(at: numbers + 32) ?? 0, integer(at: numbers + 40) ?? 0)
        }

        /// Whether text `row` is item `id`'s, read from `file` as it is now.
        func row(_ row: Int, holds id: String, from file: ScannedFile) -> Bool {
            let (idBytes, pathBytes, numbers) = place(row)
            guard let numbers = bytes(at: numbers, count: 32) else { return false }
            return Int64(numbers.loadUnaligned(as: Int64.self).littleEndian) == file.size
                && Int64(numbers.loadUnaligned(fromByteOffset: 8, as: Int64.self).littleEndian) == file.modified
                && Int64(numbers.loadUnaligned(fromByteOffset: 16, as: Int64.self).littleEndian) == file.changed
                && UInt64(littleEndian: numbers.loadUnaligned(fromByteOffset: 24, as: UInt64.self)) == file.inode
                && equal(idBytes, id) && equal(pathBytes, file.path)
        }

        /// The row of each item id, for a library whose items moved since the file was written.
        func rowsByID() -> [String: Int] {
            var byID: [String: Int] = [:]
            byID.reserveCapacity(starts.count)
            for row in starts.indices {
                let id = place(row).id
                guard let bytes = bytes(at: id.lowerBound, count: id.count) else { continue }
                byID[String(decoding: bytes, as: UTF8.self)] = row
            }
            return byID
        }

        /// Where row `row`'s id and path lie, and where its numbers start (checked when the
        /// table was read).
        private func place(_ row: Int) -> (id: Range<Int>, path: Range<Int>, numbers: Int) {
            let idStart = Int(starts[row]) + 8
            let id = idStart..<idStart + (integer(at: idStart - 8) ?? 0)
            let path = id.upperBound + 8..<id.upperBound + 8 + (integer(at: id.upperBound) ?? 0)
            return (id, path, path.upperBound)
        }

        /// The little-endian integer at `position` of the table; nil past its end.
        private func integer(at position: Int) -> Int? {
            bytes(at: position, count: 8).map { Int(Int64(littleEndian: $0.loadUnaligned(as: Int64.self))) }
        }

        /// `count` bytes of the table from `position`, read into the window when they are not
        /// in it (valid until the next call); nil past the table's end or when it cannot be read.
        private func bytes(at position: Int, count: Int) -> UnsafeRawBufferPointer? {
            guard position >= 0, count >= 0, position <= tableLength - count else { return nil }
            if position < windowStart || position + count > windowStart + windowCount {
                if count > window.count {
                    window.deallocate()
                    window = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 8)
                }
                // Read on in order, a megabyte comes next; elsewhere (a row looked up by id), a
                // page or the bytes wanted.
                let inOrder = position >= windowStart + windowCount && position <= windowStart + windowCount + 4_096
                let wanted = min(inOrder || windowCount == 0 ? window.count : max(count, 4_096), tableLength - position)
                windowStart = position
                windowCount = FileIO.readFully(fd, into: UnsafeMutableRawBufferPointer(rebasing: window[0..<wanted]),
                                               at: tableOffset + position)
                guard windowCount >= count else { return nil }
            }
            return UnsafeRawBufferPointer(rebasing: window[(position - windowStart)..<(position - windowStart + count)])
        }

        private func equal(_ range: Range<Int>, _ text: String) -> Bool {
            var text = text
            return text.withUTF8 { utf8 in
                guard utf8.count == range.count, let stored = bytes(at: range.lowerBound, count: range.count) else { return false }
                return utf8.isEmpty || memcmp(stored.baseAddress!, utf8.baseAddress!, utf8.count) == 0
            }
        }
    }

    /// Writes a new file: texts as they come, then the table, then the header; renamed over
    /// `path` at the end (or, with no path, a temporary file unlinked at once).
    struct Writer {
        private let fd: Int32
        private let path: String?
        private let temporary: String
        /// The table as it grows, a row per text added, goes to a file of its own (unlinked at
        /// once) and is copied after the texts at the end: at 100,000 articles, a table held
        /// whole and the strings and entries kept for it were 50-70 MB at the peak of a first
        /// search.
        private let tableFD: Int32
        private var table = ByteWriter()
        private var tableLength = 0
        private var offsets: [Int] = []
        private var lengths: [Int] = []
        private var offset = SearchTextFile.headerSize
        private var pending: [UInt8] = []

        init(path: String?) throws {
            if let path {
                try FileIO.createDirectories(FileIO.directory(of: path))
                SearchTextFile.removeAbandoned(besides: path)
            }
            temporary = (path ?? "/tmp/tsundoku-search") + ".tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
            self.path = path
            fd = open(temporary, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw FileIO.Failure(description: "cannot write \(temporary): \(FileIO.errnoText())") }
            if path == nil { unlink(temporary) }
            tableFD = open(temporary + "-table", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard tableFD >= 0 else {
                close(fd)
                if path != nil { unlink(temporary) }
                throw FileIO.Failure(description: "cannot write \(temporary)-table: \(FileIO.errnoText())")
            }
            unlink(temporary + "-table")
            pending = [UInt8](repeating: 0, count: SearchTextFile.headerSize)
        }

        mutating func add(id: String, file: ScannedFile, text: [UInt8]) throws {
            table.string(id)
            table.string(file.path)
            table.integer(Int(file.size))
            table.integer(Int(file.modified))
            table.integer(Int(file.changed))
            table.integer(Int(Int64(bitPattern: file.inode)))
            table.integer(offset)
            table.integer(text.count)
            offsets.append(offset)
            lengths.append(text.count)
            offset += text.count
            pending.append(contentsOf: text)
            if pending.count >= 1 << 20 { try flush() }
            if table.bytes.count >= 1 << 20 { try flushTable() }
        }

        mutating func copy(id: String, file: ScannedFile, from source: Int32, offset sourceOffset: Int, length: Int) throws {
            var text = [UInt8](repeating: 0, count: length)
            let read = text.withUnsafeMutableBytes { FileIO.readFully(source, into: $0, at: sourceOffset) }
            text.removeLast(length - read)
            try add(id: id, file: file, text: text)
        }

        private mutating func flush() throws {
            try FileIO.writeAll(fd, pending)
            pending.removeAll(keepingCapacity: true)
        }

        private mutating func flushTable() throws {
            try FileIO.writeAll(tableFD, table.bytes)
            tableLength += table.bytes.count
            table.bytes.removeAll(keepingCapacity: true)
        }

        /// Copies the table after the texts, a megabyte at a time; returns its hash.
        private func copyTable() throws -> UInt64 {
            var hash = ContentHash.basis
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            var position = 0
            while position < tableLength {
                let wanted = min(chunk.count, tableLength - position)
                let read = chunk.withUnsafeMutableBytes { FileIO.readFully(tableFD, into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<wanted]), at: position) }
                guard read == wanted else { throw FileIO.Failure(description: "cannot read back the table of \(temporary)") }
                let piece = Array(chunk[0..<read])
                hash = ContentHash.value(piece, from: hash)
                try FileIO.writeAll(fd, piece)
                position += read
            }
            return hash
        }

        /// Gives the file up (a text could not be written): nothing of it is left.
        func abandon() {
            close(tableFD)
            close(fd)
            if path != nil { unlink(temporary) }
        }

        /// Ends the file and returns it open for reading, with where each text lies, in the
        /// order added.
        mutating func finish() throws -> (fd: Int32, offsets: [Int], lengths: [Int]) {
            do {
                defer { close(tableFD) }
                try flush()
                try flushTable()
                let hash = try copyTable()
                var header = ByteWriter()
                header.integer(offsets.count)
                header.integer(offset)
                header.integer(Int(Int64(bitPattern: hash)))
                let bytes = SearchTextFile.magic + header.bytes
                guard bytes.withUnsafeBytes({ pwrite(fd, $0.baseAddress, $0.count, 0) }) == bytes.count else {
                    throw FileIO.Failure(description: "cannot write \(temporary): \(FileIO.errnoText())")
                }
                if let path, rename(temporary, path) != 0 {
                    throw FileIO.Failure(description: "cannot replace \(path): \(FileIO.errnoText())")
                }
                return (fd, offsets, lengths)
            } catch {
                close(fd)
                if path != nil { unlink(temporary) }
                throw error
            }
        }
    }
}

extension SearchTextFile {
    /// Removes temporary files of `path` that a process no longer running left (a reader quit
    /// or killed while it wrote the texts: at 100,000 articles, hundreds of megabytes each).
    static func removeAbandoned(besides path: String) {
        let folder = FileIO.directory(of: path)
        let prefix = String(path.dropFirst(folder.count + 1)) + ".tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }), pid > 0,
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(folder + "/" + name)
        }
    }
}

/// Fixed-width little-endian integers and length-prefixed strings, for `SearchTextFile`.
private struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func integer(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        integer(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }
}

/// Reads what `ByteWriter` wrote; nil past the end.
private struct ByteReader {
    private var rest: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { rest = bytes }

    var isAtEnd: Bool { rest.isEmpty }
    /// Where the next value starts in the bytes read.
    var position: Int { rest.startIndex }

    mutating func integer() -> Int? {
        guard rest.count >= 8 else { return nil }
        var value: Int64 = 0
        for (shift, byte) in rest.prefix(8).enumerated() { value |= Int64(byte) << (8 * Int64(shift)) }
        rest = rest.dropFirst(8)
        return Int(value)
    }

    /// Where the next string lies in the bytes read.
    mutating func stringRange() -> Range<Int>? {
        guard let count = integer(), count >= 0, count <= rest.count else { return nil }
        let range = rest.startIndex..<rest.startIndex + count
        rest = rest.dropFirst(count)
        return range
    }
}
