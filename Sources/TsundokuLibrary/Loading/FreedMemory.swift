/// Memory freed after a large piece of work (a library loaded, search texts prepared) is given
/// back to the system: glibc keeps freed blocks in its arenas, one per thread that allocated,
/// and returns only the top of the main heap on its own, so the reader's resident size would
/// stay at the work's peak long after it.
public enum FreedMemory {
    public static func giveBack() {
        _ = mallocTrim(0)
    }
}

/// glibc's `malloc_trim`, which the Glibc module does not declare.
@_silgen_name("malloc_trim")
private func mallocTrim(_ pad: Int) -> Int32
