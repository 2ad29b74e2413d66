/// Unsigned numbers in as few bytes as they need, seven bits to a byte, low bits first: the
/// metadata cache's integers and the search index's postings.
public enum LEB128 {
    @inlinable
    public static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// How many bytes `append` writes for `value`.
    @inlinable
    public static func length(_ value: UInt64) -> Int {
        max(1, (64 - value.leadingZeroBitCount + 6) / 7)
    }

    /// Writes `value` at `position` of `bytes` (room made for `length(value)` bytes); returns
    /// the position after it.
    @inlinable
    public static func write(_ value: UInt64, to bytes: UnsafeMutableBufferPointer<UInt8>, at position: Int) -> Int {
        var rest = value
        var position = position
        while rest >= 0x80 {
            bytes[position] = UInt8(truncatingIfNeeded: rest) | 0x80
            rest >>= 7
            position += 1
        }
        bytes[position] = UInt8(rest)
        return position + 1
    }

    /// Reads numbers `append` wrote into bytes made in this process (trusted: no bounds
    /// checks beyond the array's own; the cache's reader checks every byte instead). Inlinable:
    /// the search index reads a number per posting from another module.
    public struct Reader {
        @usableFromInline let bytes: [UInt8]
        @usableFromInline var position: Int

        @inlinable
        public init(_ bytes: [UInt8], from position: Int) {
            self.bytes = bytes
            self.position = position
        }

        @inlinable
        public mutating func next() -> Int {
            var value = 0
            var shift = 0
            while true {
                let byte = bytes[position]
                position += 1
                value |= Int(byte & 0x7f) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }
    }
}
