/// How the C allocator keeps and hands back memory, set once at start.
///
/// glibc raises its threshold for mapping large blocks on their own each time such a block is
/// freed, so after the first one, the large arrays of a load (the library's items, the cache's
/// parts, the sort keys) come from the heap, and their memory stays with the process once
/// freed: 16 MB more at the peak of a 100,000-item start. A fixed threshold (which also turns
/// the raising off) keeps every block over it mapped, and unmapped when it is freed.
///
/// glibc also keeps small freed blocks unmerged in "fast bins" and merges them all at the next
/// large request. A long article's parse trees (hundreds of thousands of nodes) are freed on a
/// thread of their own, so that merging fell on the next article's parse instead: without fast
/// bins each block is merged as it is freed (small blocks still come from each thread's cache).
enum MemoryTuning {
    static func apply() {
        _ = mallopt(mmapThreshold, 128 * 1024)
        _ = mallopt(fastBinLimit, 0)
    }

    /// glibc's `M_MMAP_THRESHOLD`.
    private static let mmapThreshold: Int32 = -3
    /// glibc's `M_MXFAST`.
    private static let fastBinLimit: Int32 = 1
}

/// glibc's `mallopt`, which the Glibc module does not declare (it is in `malloc.h`).
@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
