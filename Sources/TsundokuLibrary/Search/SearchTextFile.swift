import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The file `SearchTexts` keeps: a header, the texts one after another, then a table naming
/// each text's item, the identity of the file it was read from and where it lies. The header
/// (written last) carries the table's place and an FNV-1a hash of it, so a file cut short or
/// damaged is not trusted and is written anew.
enum SearchTextFile {
    /// A text written: its item, the file it was read from, where it lies.
    struct Entry: Equatable {
        var id: String
        var file: ScannedFile
        var offset: Int
        var length: Int
    }

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

    /// A file's table as it lies on disk: each text's item id and file identity are compared
    /// where they lie, no string made (a string and a table entry per text were 80 MB at the
    /// peak of a search of 100,000 files).
    struct Table {
        let fd: Int32
        private let bytes: [UInt8]
        /// Where each row starts in `bytes`: its id's length and id, its path's length and path,
        /// then its file's size, modification and change times and inode, and where its text
        /// lies (offset, length), eight bytes each. Read where they lie when asked for: a
        /// decoded row was 64 bytes more per text at the peak of a search of 100,000 files.
        private let starts: [Int32]

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
            var bytes = [UInt8](repeating: 0, count: size - tableOffset)
            guard bytes.withUnsafeMutableBytes({ FileIO.readFully(fd, into: $0, at: tableOffset) }) == bytes.count,
                  UInt64(bitPattern: Int64(hash)) == ContentHash.value(bytes) else { return nil }
            var starts: [Int32] = []
            starts.reserveCapacity(min(count, bytes.count / 64))
            var reader = ByteReader(bytes[...])
            for _ in 0..<count {
                let start = reader.position
                guard reader.stringRange() != nil, reader.stringRange() != nil, reader.integer() != nil, reader.integer() != nil,
                      reader.integer() != nil, reader.integer() != nil, let offset = reader.integer(), let length = reader.integer(),
                      offset >= headerSize, length >= 0, offset + length <= tableOffset else { return nil }
                starts.append(Int32(start))
            }
            guard reader.isAtEnd else { return nil }
            self.fd = fd
            self.bytes = bytes
            self.starts = starts
        }

        var count: Int { starts.count }

        /// Where text `row` lies in the file.
        func text(_ row: Int) -> (offset: Int, length: Int) {
            let numbers = place(row).numbers
            return (integer(at: numbers + 32), integer(at: numbers + 40))
        }

        /// Whether text `row` is item `id`'s, read from `file` as it is now.
        func row(_ row: Int, holds id: String, from file: ScannedFile) -> Bool {
            let (idBytes, pathBytes, numbers) = place(row)
            return Int64(integer(at: numbers)) == file.size && Int64(integer(at: numbers + 8)) == file.modified
                && Int64(integer(at: numbers + 16)) == file.changed && UInt64(bitPattern: Int64(integer(at: numbers + 24))) == file.inode
                && equal(idBytes, id) && equal(pathBytes, file.path)
        }

        /// The row of each item id, for a library whose items moved since the file was written.
        func rowsByID() -> [String: Int] {
            var byID: [String: Int] = [:]
            byID.reserveCapacity(starts.count)
            for row in starts.indices {
                byID[String(decoding: bytes[place(row).id], as: UTF8.self)] = row
            }
            return byID
        }

        /// Where row `row`'s id and path lie, and where its numbers start.
        private func place(_ row: Int) -> (id: Range<Int>, path: Range<Int>, numbers: Int) {
            let idStart = Int(starts[row]) + 8
            let id = idStart..<idStart + integer(at: idStart - 8)
            let path = id.upperBound + 8..<id.upperBound + 8 + integer(at: id.upperBound)
            return (id, path, path.upperBound)
        }

        /// The little-endian integer at `position` (checked when the table was read).
        private func integer(at position: Int) -> Int {
            bytes.withUnsafeBytes { Int(Int64(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: Int64.self))) }
        }

        private func equal(_ range: Range<Int>, _ text: String) -> Bool {
            var text = text
            return text.withUTF8 { utf8 in
                utf8.count == range.count && bytes.withUnsafeBytes { all in
                    utf8.isEmpty || memcmp(all.baseAddress! + range.lowerBound, utf8.baseAddress!, utf8.count) == 0
                }
            }
        }
    }

    /// Writes a new file: texts as they come, then the table, then the header; renamed over
    /// `path` at the end (or, with no path, a temporary file unlinked at once).
    struct Writer {
        private let fd: Int32
        private let path: String?
        private let temporary: String
        private var entries: [Entry] = []
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
            pending = [UInt8](repeating: 0, count: SearchTextFile.headerSize)
        }

        mutating func add(id: String, file: ScannedFile, text: [UInt8]) throws {
            entries.append(Entry(id: id, file: file, offset: offset, length: text.count))
            offset += text.count
            pending.append(contentsOf: text)
            if pending.count >= 1 << 20 { try flush() }
        }

        mutating func copy(id: String, file: ScannedFile, from source: Int32, offset sourceOffset: Int, length: Int) throws {
            var text = [UInt8](repeating: 0, count: length)
            let read = text.withUnsafeMutableBytes { FileIO.readFully(source, into: $0, at: sourceOffset) }
            try add(id: id, file: file, text: Array(text[0..<read]))
        }

        private mutating func flush() throws {
            try FileIO.writeAll(fd, pending)
            pending.removeAll(keepingCapacity: true)
        }

        /// Ends the file and returns it open for reading, with its entries in the order added.
        mutating func finish() throws -> (fd: Int32, entries: [Entry]) {
            do {
                var table = ByteWriter()
                for entry in entries {
                    table.string(entry.id)
                    table.string(entry.file.path)
                    table.integer(Int(entry.file.size))
                    table.integer(Int(entry.file.modified))
                    table.integer(Int(entry.file.changed))
                    table.integer(Int(Int64(bitPattern: entry.file.inode)))
                    table.integer(entry.offset)
                    table.integer(entry.length)
                }
                pending.append(contentsOf: table.bytes)
                try flush()
                var header = ByteWriter()
                header.integer(entries.count)
                header.integer(offset)
                header.integer(Int(Int64(bitPattern: ContentHash.value(table.bytes))))
                let bytes = SearchTextFile.magic + header.bytes
                guard bytes.withUnsafeBytes({ pwrite(fd, $0.baseAddress, $0.count, 0) }) == bytes.count else {
                    throw FileIO.Failure(description: "cannot write \(temporary): \(FileIO.errnoText())")
                }
                if let path, rename(temporary, path) != 0 {
                    throw FileIO.Failure(description: "cannot replace \(path): \(FileIO.errnoText())")
                }
                return (fd, entries)
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
