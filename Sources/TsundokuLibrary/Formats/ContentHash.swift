/// A stable 64-bit FNV-1a hash, for ids derived from content (Swift's `Hasher` is seeded per run).
public enum ContentHash {
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = String(value(bytes), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The hash of no bytes, where a hash computed piece by piece starts.
    public static let basis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The hash of `bytes`; `from` the hash of the bytes before them, for a hash computed
    /// piece by piece.
    public static func value<Bytes: Sequence>(_ bytes: Bytes, from start: UInt64 = basis) -> UInt64 where Bytes.Element == UInt8 {
        var hash = start
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
