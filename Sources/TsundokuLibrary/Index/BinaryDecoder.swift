/// Reads values written by `BinaryEncoder`. Every read is bounds-checked: damaged or foreign
/// bytes give a `BinaryCodingError`, never a crash. Repeated strings come back as one shared
/// `String`, so a cache of many items that name the same folder or site holds that text once.
struct BinaryDecoder {
    func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        let reader = BinaryReader(bytes: bytes)
        let value = try Value(from: BinaryDecoding(reader: reader))
        guard reader.offset == bytes.count else { throw BinaryCodingError(description: "trailing bytes") }
        return value
    }
}

/// The bytes being read, the position, and the strings read so far.
final class BinaryReader {
    private let bytes: [UInt8]
    private(set) var offset = 0
    private var strings: [String] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private func damaged() -> BinaryCodingError { BinaryCodingError(description: "damaged at byte \(offset)") }

    func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw damaged() }
        defer { offset += 1 }
        return bytes[offset]
    }

    func varint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw damaged() }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    func signed() throws -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    func integer<Integer: FixedWidthInteger>(_ type: Integer.Type, signed isSigned: Bool) throws -> Integer {
        if isSigned {
            guard let value = Integer(exactly: try signed()) else { throw damaged() }
            return value
        }
        guard let value = Integer(exactly: try varint()) else { throw damaged() }
        return value
    }

    func string() throws -> String {
        let tag = try varint()
        if tag > 0 {
            guard tag <= UInt64(strings.count) else { throw damaged() }
            return strings[Int(tag - 1)]
        }
        let length = try varint()
        guard length <= UInt64(bytes.count - offset) else { throw damaged() }
        let end = offset + Int(length)
        guard let text = String(validating: bytes[offset..<end], as: UTF8.self) else { throw damaged() }
        offset = end
        strings.append(text)
        return text
    }

    func double() throws -> Double {
        guard bytes.count - offset >= 8 else { throw damaged() }
        var bits: UInt64 = 0
        for shift in 0..<8 { bits |= UInt64(bytes[offset + shift]) << (8 * UInt64(shift)) }
        offset += 8
        return Double(bitPattern: bits)
    }

    func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw damaged()
        }
    }

    func count() throws -> Int {
        guard bytes.count - offset >= 4 else { throw damaged() }
        var value = 0
        for shift in 0..<4 { value |= Int(bytes[offset + shift]) << (8 * shift) }
        offset += 4
        guard value <= bytes.count - offset else { throw damaged() }
        return value
    }
}

/// The decoder handed to `Decodable` initialisers: every container reads from one reader.
private struct BinaryDecoding: Decoder {
    let reader: BinaryReader
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedBinaryDecoding<Key>(reader: reader))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try UnkeyedBinaryDecoding(reader: reader, count: reader.count())
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueBinaryDecoding(reader: reader)
    }
}

/// Reads one value of any supported kind; shared by the three kinds of container.
private protocol BinaryValueReading {
    var reader: BinaryReader { get }
}

extension BinaryValueReading {
    func read(_ type: Bool.Type) throws -> Bool { try reader.bool() }
    func read(_ type: String.Type) throws -> String { try reader.string() }
    func read(_ type: Double.Type) throws -> Double { try reader.double() }
    func read(_ type: Float.Type) throws -> Float { Float(try reader.double()) }
    func read<Integer: FixedWidthInteger & SignedInteger>(signed type: Integer.Type) throws -> Integer {
        try reader.integer(type, signed: true)
    }
    func read<Integer: FixedWidthInteger & UnsignedInteger>(unsigned type: Integer.Type) throws -> Integer {
        try reader.integer(type, signed: false)
    }
    func read<Value: Decodable>(_ type: Value.Type) throws -> Value { try Value(from: BinaryDecoding(reader: reader)) }
}

/// Fields in declaration order; keys are not stored, an optional is a presence byte.
private struct KeyedBinaryDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol, BinaryValueReading {
    let reader: BinaryReader
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { try !reader.bool() }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try read(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try read(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try read(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try read(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try read(signed: type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try read(signed: type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try read(signed: type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try read(signed: type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try read(signed: type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try read(unsigned: type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try read(unsigned: type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try read(unsigned: type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try read(unsigned: type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try read(unsigned: type) }
    func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value { try read(type) }

    private func present<Value>(_ body: () throws -> Value) throws -> Value? {
        try reader.bool() ? try body() : nil
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present { try read(type) } }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present { try read(type) } }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present { try read(type) } }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try present { try read(type) } }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present { try read(signed: type) } }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try present { try read(signed: type) } }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try present { try read(signed: type) } }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try present { try read(signed: type) } }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try present { try read(signed: type) } }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try present { try read(unsigned: type) } }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try present { try read(unsigned: type) } }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try present { try read(unsigned: type) } }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try present { try read(unsigned: type) } }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try present { try read(unsigned: type) } }
    func decodeIfPresent<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        try present { try read(type) }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(KeyedBinaryDecoding<NestedKey>(reader: reader))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try UnkeyedBinaryDecoding(reader: reader, count: reader.count())
    }

    func superDecoder() throws -> any Decoder { BinaryDecoding(reader: reader) }
    func superDecoder(forKey key: Key) throws -> any Decoder { BinaryDecoding(reader: reader) }
}

/// An array: its count, then its elements.
private struct UnkeyedBinaryDecoding: UnkeyedDecodingContainer, BinaryValueReading {
    let reader: BinaryReader
    let total: Int
    var codingPath: [any CodingKey] { [] }
    private(set) var currentIndex = 0

    init(reader: BinaryReader, count: Int) {
        self.reader = reader
        self.total = count
    }

    var count: Int? { total }
    var isAtEnd: Bool { currentIndex >= total }

    private mutating func advance() throws {
        guard !isAtEnd else { throw BinaryCodingError(description: "read past the end of an array") }
        currentIndex += 1
    }

    mutating func decodeNil() throws -> Bool { false }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try advance(); return try read(type) }
    mutating func decode(_ type: String.Type) throws -> String { try advance(); return try read(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try advance(); return try read(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try advance(); return try read(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try advance(); return try read(signed: type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try advance(); return try read(signed: type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try advance(); return try read(signed: type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try advance(); return try read(signed: type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try advance(); return try read(signed: type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try advance(); return try read(unsigned: type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try advance(); return try read(unsigned: type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try advance(); return try read(unsigned: type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try advance(); return try read(unsigned: type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try advance(); return try read(unsigned: type) }
    mutating func decode<Value: Decodable>(_ type: Value.Type) throws -> Value { try advance(); return try read(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey> {
        try advance()
        return KeyedDecodingContainer(KeyedBinaryDecoding<NestedKey>(reader: reader))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try advance()
        return try UnkeyedBinaryDecoding(reader: reader, count: reader.count())
    }

    mutating func superDecoder() throws -> any Decoder { try advance(); return BinaryDecoding(reader: reader) }
}

/// One value (an enum's raw value, a `Date`, a `String` inside an array).
private struct SingleValueBinaryDecoding: SingleValueDecodingContainer, BinaryValueReading {
    let reader: BinaryReader
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }
    func decode(_ type: Bool.Type) throws -> Bool { try read(type) }
    func decode(_ type: String.Type) throws -> String { try read(type) }
    func decode(_ type: Double.Type) throws -> Double { try read(type) }
    func decode(_ type: Float.Type) throws -> Float { try read(type) }
    func decode(_ type: Int.Type) throws -> Int { try read(signed: type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try read(signed: type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try read(signed: type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try read(signed: type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try read(signed: type) }
    func decode(_ type: UInt.Type) throws -> UInt { try read(unsigned: type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try read(unsigned: type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try read(unsigned: type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try read(unsigned: type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try read(unsigned: type) }
    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value { try read(type) }
}
