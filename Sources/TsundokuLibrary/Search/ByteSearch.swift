/// Substring search over lower-cased UTF-8, byte for byte: what every match of a search comes
/// down to once an index has named the items worth looking at. glibc's `memmem` (a GNU
/// extension the Glibc module does not declare) does the scanning, several bytes at a time.
public enum ByteSearch {
    public static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count, let base = haystack.baseAddress else { return false }
        return needle.withUnsafeBytes { pin in
            systemMemmem(base, haystack.count, pin.baseAddress!, pin.count) != nil
        }
    }
}

@_silgen_name("memmem")
private func systemMemmem(_ haystack: UnsafeRawPointer, _ haystackLength: Int,
                          _ needle: UnsafeRawPointer, _ needleLength: Int) -> UnsafeRawPointer?
