/// One line of the state file: at `time` (milliseconds since 1970) `operation` was applied to the
/// item `id`. The text form is `<time> <operation> <id>`, the id percent-encoded where needed; a
/// reading position adds its three numbers: `<time> position <id> <seen> <block> <into-block>`.
public struct MarkEntry: Sendable, Hashable {
    /// What a mark does to an item: one of its two flags, or where it was read to.
    public enum Operation: String, Sendable, CaseIterable {
        case read, unread, star, unstar, position

        var flag: Flag {
            switch self {
            case .read, .unread: return .read
            case .star, .unstar: return .starred
            case .position: return .position
            }
        }
        var value: Bool { self == .read || self == .star }
    }

    /// What an item's marks say: two flags and a reading position.
    public enum Flag: Sendable, Hashable { case read, starred, position }

    public var time: Int64
    public var operation: Operation
    public var id: String
    /// The reading position of a `position` entry.
    public var position: ReadingPosition?

    public init(time: Int64, operation: Operation, id: String, position: ReadingPosition? = nil) {
        self.time = time
        self.operation = operation
        self.id = id
        self.position = operation == .position ? position ?? ReadingPosition(seen: 0, block: -1, intoBlock: 0) : nil
    }

    /// The line as written to the state file, with its newline.
    var line: String {
        let base = "\(time) \(operation.rawValue) \(Self.escape(id))"
        guard let position else { return base + "\n" }
        return base + " \(position.seen) \(position.block) \(position.intoBlock)\n"
    }

    /// Parses one line (without its newline); nil when it is not a mark.
    init?(line: Substring) {
        let fields = line.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 3 || fields.count == 6, let time = Int64(fields[0]), time >= 0,
              let operation = Operation(rawValue: String(fields[1])), (operation == .position) == (fields.count == 6),
              !fields[2].utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }),
              let id = Self.unescape(fields[2]), !id.isEmpty else { return nil }
        var position: ReadingPosition?
        if operation == .position {
            guard let seen = Int(fields[3]), (0...10_000).contains(seen), let block = Int(fields[4]), block >= -1,
                  let into = Int(fields[5]), (0..<10_000).contains(into) else { return nil }
            position = ReadingPosition(seen: seen, block: block, intoBlock: into)
        }
        self.init(time: time, operation: operation, id: id, position: position)
    }

    static func escape(_ id: String) -> String {
        id.utf8.contains(where: needsEscape) ? String(decoding: escapedBytes(id), as: UTF8.self) : id
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == 0x25 || byte == 0x7F
    }

    private static func escapedBytes(_ id: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for byte in id.utf8 {
            if needsEscape(byte) {
                let hex = Array(String(byte, radix: 16, uppercase: true).utf8)
                bytes.append(0x25)
                if hex.count == 1 { bytes.append(0x30) }
                bytes += hex
            } else {
                bytes.append(byte)
            }
        }
        return bytes
    }

    static func unescape(_ text: Substring) -> String? {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == 0x25 {
                guard iterator.count >= 2,
                      let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

/// Read and starred flags replayed from mark entries: for each item and flag the latest entry
/// wins (by time, then by order in the log), so logs from two devices merge by concatenation.
public struct Marks: Sendable, Equatable {
    private struct Latest: Sendable, Equatable {
        var time: Int64
        var value: Bool
    }

    private var read: [String: Latest] = [:]
    private var starred: [String: Latest] = [:]
    private struct Placed: Sendable, Equatable {
        var time: Int64
        var position: ReadingPosition
    }

    private var positions: [String: Placed] = [:]

    public init() {}

    public init(_ entries: [MarkEntry]) {
        for entry in entries { apply(entry) }
    }

    public mutating func apply(_ entry: MarkEntry) {
        let latest = Latest(time: entry.time, value: entry.operation.value)
        switch entry.operation.flag {
        case .read:
            if let current = read[entry.id], current.time > entry.time { return }
            read[entry.id] = latest
        case .starred:
            if let current = starred[entry.id], current.time > entry.time { return }
            starred[entry.id] = latest
        case .position:
            if let current = positions[entry.id], current.time > entry.time { return }
            if let position = entry.position { positions[entry.id] = Placed(time: entry.time, position: position) }
        }
    }


    /// One entry per id, timed `now` or, when the id's latest entry for the flag is later (its
    /// clock ran ahead), one millisecond after it, so each entry wins over what is there.
    public func stamped(_ ids: [String], _ operation: MarkEntry.Operation, now: Int64) -> [MarkEntry] {
        ids.map { id in
            let latest: Int64?
            switch operation.flag {
            case .read: latest = read[id]?.time
            case .starred: latest = starred[id]?.time
            case .position: latest = positions[id]?.time
            }
            return MarkEntry(time: Self.stamp(now, after: latest), operation: operation, id: id)
        }
    }

    /// One position entry per item, stamped as `stamped` stamps marks.
    public func stamped(_ positions: [(id: String, position: ReadingPosition)], now: Int64) -> [MarkEntry] {
        positions.map { entry in
            MarkEntry(time: Self.stamp(now, after: self.positions[entry.id]?.time), operation: .position, id: entry.id,
                      position: entry.position)
        }
    }

    /// `now`, or just after `latest` when that is later: the hybrid logical clock of the log.
    private static func stamp(_ now: Int64, after latest: Int64?) -> Int64 {
        max(now, (latest ?? now - 1) + 1)
    }

    public func isRead(_ id: String) -> Bool { read[id]?.value ?? false }
    public func isStarred(_ id: String) -> Bool { starred[id]?.value ?? false }
    /// Where the item was last read to, when it has been.
    public func position(of id: String) -> ReadingPosition? { positions[id]?.position }

    /// These marks, plus `defaults` for every item and flag they say nothing of: how marks a
    /// source carries (a JSON Lines export) give way to the user's own.
    public func addingDefaults(_ defaults: [MarkEntry]) -> Marks {
        var result = self
        for entry in defaults {
            switch entry.operation.flag {
            case .read: if read[entry.id] == nil { result.apply(entry) }
            case .starred: if starred[entry.id] == nil { result.apply(entry) }
            case .position: if positions[entry.id] == nil { result.apply(entry) }
            }
        }
        return result
    }

    /// Every id that has a mark, in the library or not.
    public var markedIDs: Set<String> { Set(read.keys).union(starred.keys).union(positions.keys) }

    /// The fewest entries that replay to the same flags: one per item and flag.
    var compacted: [MarkEntry] {
        let reads = read.map { MarkEntry(time: $0.value.time, operation: $0.value.value ? .read : .unread, id: $0.key) }
        let stars = starred.map { MarkEntry(time: $0.value.time, operation: $0.value.value ? .star : .unstar, id: $0.key) }
        let places = positions.map { MarkEntry(time: $0.value.time, operation: .position, id: $0.key, position: $0.value.position) }
        return (reads + stars + places).sorted { ($0.time, $0.id) < ($1.time, $1.id) }
    }

    var entryCount: Int { read.count + starred.count + positions.count }
}
