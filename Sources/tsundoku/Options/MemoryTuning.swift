/// How the C allocator hands memory back. glibc raises its threshold for mapping large blocks
/// on their own each time such a block is freed, so after the first one, the large arrays of
/// a load (the library's items, the cache's parts, the sort keys) come from the heap, and their
/// memory stays with the process once freed: 16 MB more at the peak of a 100,000-item start.
/// A fixed threshold (which also turns the raising off) keeps every block over it mapped, and
/// unmapped when it is freed.
enum MemoryTuning {
    static func keepLargeBlocksMapped() {
        _ = mallopt(mmapThreshold, 128 * 1024)
    }

    /// glibc's `M_MMAP_THRESHOLD`.
    private static let mmapThreshold: Int32 = -3
}

/// glibc's `mallopt`, which the Glibc module does not declare (it is in `malloc.h`).
@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
