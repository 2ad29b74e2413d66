/// Substring search over lower-cased UTF-8, byte for byte: what every match of a search comes
/// down to once an index has named the items worth looking at. glibc's `memmem` (a GNU
/// extension the Glibc module does not declare) does the scanning, several bytes at a time.
public enum ByteSearch {
    public static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        firstOffset(of: needle, in: haystack) != nil
    }

    /// Where `needle` first occurs in `haystack`, in bytes from its start.
    public static func firstOffset(of needle: [UInt8], in haystack: UnsafeRawBufferPointer) -> Int? {
        guard !needle.isEmpty else { return 0 }
        guard needle.count <= haystack.count, let base = haystack.baseAddress else { return nil }
        return needle.withUnsafeBytes { pin in
            systemMemmem(base, haystack.count, pin.baseAddress!, pin.count).map { base.distance(to: $0) }
        }
    }
}

@_silgen_name("memmem")
private func systemMemmem(_ haystack: UnsafeRawPointer, _ haystackLength: Int,
                          _ needle: UnsafeRawPointer, _ needleLength: Int) -> UnsafeRawPointer?
