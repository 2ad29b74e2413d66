/// One line of the state file: at `time` (milliseconds since 1970) `operation` was applied to the
/// item `id`. The text form is `<time> <operation> <id>`, the id percent-encoded where needed.
public struct MarkEntry: Sendable, Hashable, Codable {
    /// What a mark does to one flag of an item.
    public enum Operation: String, Sendable, CaseIterable, Codable {
        case read, unread, star, unstar

        var flag: Flag { self == .read || self == .unread ? .read : .starred }
        var value: Bool { self == .read || self == .star }
    }

    /// The two flags an item carries.
    public enum Flag: Sendable, Hashable { case read, starred }

    public var time: Int64
    public var operation: Operation
    public var id: String

    public init(time: Int64, operation: Operation, id: String) {
        self.time = time
        self.operation = operation
        self.id = id
    }

    /// The line as written to the state file, with its newline.
    var line: String { "\(time) \(operation.rawValue) \(Self.escape(id))\n" }

    /// Parses one line (without its newline); nil when it is not a mark.
    init?(line: Substring) {
        let fields = line.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 3, let time = Int64(fields[0]), time >= 0,
              let operation = Operation(rawValue: String(fields[1])),
              !fields[2].utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }),
              let id = Self.unescape(fields[2]), !id.isEmpty else { return nil }
        self.init(time: time, operation: operation, id: id)
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
        }
    }

    /// One entry per id, timed `now` or, when the id's latest entry for the flag is later (its
    /// clock ran ahead), one millisecond after it, so each entry wins over what is there.
    public func stamped(_ ids: [String], _ operation: MarkEntry.Operation, now: Int64) -> [MarkEntry] {
        ids.map { id in
            let latest = operation.flag == .read ? read[id]?.time : starred[id]?.time
            return MarkEntry(time: max(now, (latest ?? now - 1) + 1), operation: operation, id: id)
        }
    }

    public func isRead(_ id: String) -> Bool { read[id]?.value ?? false }
    public func isStarred(_ id: String) -> Bool { starred[id]?.value ?? false }

    /// These marks, plus `defaults` for every item and flag they say nothing of: how marks a
    /// source carries (a JSON Lines export) give way to the user's own.
    public func addingDefaults(_ defaults: [MarkEntry]) -> Marks {
        var result = self
        for entry in defaults {
            switch entry.operation.flag {
            case .read: if read[entry.id] == nil { result.apply(entry) }
            case .starred: if starred[entry.id] == nil { result.apply(entry) }
            }
        }
        return result
    }

    /// Every id that has a mark, in the library or not.
    public var markedIDs: Set<String> { Set(read.keys).union(starred.keys) }

    /// The fewest entries that replay to the same flags: one per item and flag.
    var compacted: [MarkEntry] {
        let reads = read.map { MarkEntry(time: $0.value.time, operation: $0.value.value ? .read : .unread, id: $0.key) }
        let stars = starred.map { MarkEntry(time: $0.value.time, operation: $0.value.value ? .star : .unstar, id: $0.key) }
        return (reads + stars).sorted { ($0.time, $0.id) < ($1.time, $1.id) }
    }

    var entryCount: Int { read.count + starred.count }
}
