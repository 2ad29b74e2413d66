/// Encodes `Encodable` values into the compact binary form of caches (`BinaryDecoder` reads it
/// back): values in the order the type encodes them, no keys, integers as variable-length
/// numbers, optionals as a presence byte, every distinct string written once and referred to by
/// number after that. The layout follows the type's own `Codable` conformance, so a field added
/// to a type is encoded without any code kept by hand.
///
/// Optionals are supported as fields of keyed containers (what synthesized conformances use);
/// a `nil` inside an array or a single-value container is refused with an error.
struct BinaryEncoder {
    func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let writer = BinaryWriter()
        try value.encode(to: BinaryEncoding(writer: writer))
        return writer.bytes
    }
}

/// Why a value cannot be written in or read from the binary form.
struct BinaryCodingError: Error, CustomStringConvertible {
    var description: String
}

/// The bytes written so far and the strings already written.
final class BinaryWriter {
    var bytes: [UInt8] = []
    private var strings: [String: UInt64] = [:]

    func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    func signed(_ value: Int64) {
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// 0 then the length and UTF-8 bytes for a new string; n + 1 for the n-th string written.
    func string(_ value: String) {
        if let number = strings[value] {
            varint(number + 1)
            return
        }
        strings[value] = UInt64(strings.count)
        varint(0)
        varint(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    func double(_ value: Double) {
        var bits = value.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }

    func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// Reserves four bytes for a count that `patchCount` fills in later.
    func reserveCount() -> Int {
        bytes.append(contentsOf: [0, 0, 0, 0])
        return bytes.count - 4
    }

    func patchCount(_ count: Int, at offset: Int) {
        for shift in 0..<4 { bytes[offset + shift] = UInt8(truncatingIfNeeded: count >> (8 * shift)) }
    }
}

/// The encoder handed to `Encodable` values: every container writes to one writer.
private struct BinaryEncoding: Encoder {
    let writer: BinaryWriter
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedBinaryEncoding<Key>(writer: writer))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedBinaryEncoding(writer: writer, countOffset: writer.reserveCount())
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueBinaryEncoding(writer: writer)
    }
}

/// Writes one value of any supported kind; shared by the three kinds of container.
private protocol BinaryValueWriting {
    var writer: BinaryWriter { get }
}

extension BinaryValueWriting {
    func write(_ value: Bool) { writer.bool(value) }
    func write(_ value: String) { writer.string(value) }
    func write(_ value: Double) { writer.double(value) }
    func write(_ value: Float) { writer.double(Double(value)) }
    func write<Integer: BinaryInteger>(signed value: Integer) { writer.signed(Int64(value)) }
    func write<Integer: BinaryInteger>(unsigned value: Integer) { writer.varint(UInt64(value)) }
    func write<Value: Encodable>(_ value: Value) throws { try value.encode(to: BinaryEncoding(writer: writer)) }
}

/// Fields in declaration order, without keys; an optional is a presence byte, then the value.
private struct KeyedBinaryEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol, BinaryValueWriting {
    let writer: BinaryWriter
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { writer.bool(false) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { write(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { write(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { write(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { write(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { write(signed: value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { write(signed: value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { write(signed: value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { write(signed: value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { write(signed: value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { write(unsigned: value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { write(unsigned: value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { write(unsigned: value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { write(unsigned: value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { write(unsigned: value) }
    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws { try write(value) }

    private func present<Value>(_ value: Value?, _ body: (Value) throws -> Void) rethrows {
        writer.bool(value != nil)
        if let value { try body(value) }
    }

    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { present(value) { write($0) } }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { present(value) { write($0) } }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { present(value) { write($0) } }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { present(value) { write($0) } }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { present(value) { write(signed: $0) } }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { present(value) { write(signed: $0) } }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { present(value) { write(signed: $0) } }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { present(value) { write(signed: $0) } }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { present(value) { write(signed: $0) } }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { present(value) { write(unsigned: $0) } }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { present(value) { write(unsigned: $0) } }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { present(value) { write(unsigned: $0) } }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { present(value) { write(unsigned: $0) } }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { present(value) { write(unsigned: $0) } }
    mutating func encodeIfPresent<Value: Encodable>(_ value: Value?, forKey key: Key) throws {
        try present(value) { try write($0) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedBinaryEncoding<NestedKey>(writer: writer))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        UnkeyedBinaryEncoding(writer: writer, countOffset: writer.reserveCount())
    }

    mutating func superEncoder() -> any Encoder { BinaryEncoding(writer: writer) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { BinaryEncoding(writer: writer) }
}

/// An array: a count patched in as elements are added, then the elements.
private struct UnkeyedBinaryEncoding: UnkeyedEncodingContainer, BinaryValueWriting {
    let writer: BinaryWriter
    let countOffset: Int
    var codingPath: [any CodingKey] { [] }
    private(set) var count = 0

    init(writer: BinaryWriter, countOffset: Int) {
        self.writer = writer
        self.countOffset = countOffset
    }

    private mutating func counted() {
        count += 1
        writer.patchCount(count, at: countOffset)
    }

    mutating func encodeNil() throws {
        throw BinaryCodingError(description: "nil inside an array cannot be encoded")
    }

    mutating func encode(_ value: Bool) throws { write(value); counted() }
    mutating func encode(_ value: String) throws { write(value); counted() }
    mutating func encode(_ value: Double) throws { write(value); counted() }
    mutating func encode(_ value: Float) throws { write(value); counted() }
    mutating func encode(_ value: Int) throws { write(signed: value); counted() }
    mutating func encode(_ value: Int8) throws { write(signed: value); counted() }
    mutating func encode(_ value: Int16) throws { write(signed: value); counted() }
    mutating func encode(_ value: Int32) throws { write(signed: value); counted() }
    mutating func encode(_ value: Int64) throws { write(signed: value); counted() }
    mutating func encode(_ value: UInt) throws { write(unsigned: value); counted() }
    mutating func encode(_ value: UInt8) throws { write(unsigned: value); counted() }
    mutating func encode(_ value: UInt16) throws { write(unsigned: value); counted() }
    mutating func encode(_ value: UInt32) throws { write(unsigned: value); counted() }
    mutating func encode(_ value: UInt64) throws { write(unsigned: value); counted() }
    mutating func encode<Value: Encodable>(_ value: Value) throws { try write(value); counted() }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        counted()
        return KeyedEncodingContainer(KeyedBinaryEncoding<NestedKey>(writer: writer))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        counted()
        return UnkeyedBinaryEncoding(writer: writer, countOffset: writer.reserveCount())
    }

    mutating func superEncoder() -> any Encoder {
        counted()
        return BinaryEncoding(writer: writer)
    }
}

/// One value (an enum's raw value, a `Date`, a `String` inside an array).
private struct SingleValueBinaryEncoding: SingleValueEncodingContainer, BinaryValueWriting {
    let writer: BinaryWriter
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws {
        throw BinaryCodingError(description: "a nil single value cannot be encoded")
    }

    mutating func encode(_ value: Bool) throws { write(value) }
    mutating func encode(_ value: String) throws { write(value) }
    mutating func encode(_ value: Double) throws { write(value) }
    mutating func encode(_ value: Float) throws { write(value) }
    mutating func encode(_ value: Int) throws { write(signed: value) }
    mutating func encode(_ value: Int8) throws { write(signed: value) }
    mutating func encode(_ value: Int16) throws { write(signed: value) }
    mutating func encode(_ value: Int32) throws { write(signed: value) }
    mutating func encode(_ value: Int64) throws { write(signed: value) }
    mutating func encode(_ value: UInt) throws { write(unsigned: value) }
    mutating func encode(_ value: UInt8) throws { write(unsigned: value) }
    mutating func encode(_ value: UInt16) throws { write(unsigned: value) }
    mutating func encode(_ value: UInt32) throws { write(unsigned: value) }
    mutating func encode(_ value: UInt64) throws { write(unsigned: value) }
    mutating func encode<Value: Encodable>(_ value: Value) throws { try write(value) }
}
