import CCmark
import Glibc
import Synchronization

/// Memory for the parse trees of a long article's parts: cmark-gfm allocates from a bump
/// arena instead of `malloc`, so parsing allocates at the cost of an addition, a tree is freed
/// all at once by resetting its arena, and the arena's pages, kept for the next part and the
/// next article, are touched once: a 5 MB article's trees took 36 MB of fresh pages from the
/// system each time it was opened, and faulting them in cost as much as parsing.
///
/// cmark-gfm's allocator functions take no context, so they find the arena through the
/// calling thread: a tree is parsed and read on the thread that holds its arena
/// (`withTree(of:_:)`), and never outlives it.
final class CmarkArena: @unchecked Sendable {
    /// Bytes of each chunk the arena takes from the system, unless one allocation needs more.
    static let chunkSize = 1 << 20
    /// Bytes of chunks an arena keeps when it is reset; the rest go back to the system.
    static let keptBytes = 4 << 20
    /// Arenas kept for the next parse: one per core that parses at once.
    private static let pool = Mutex<[CmarkArena]>([])
    private static let pooledArenas = 8

    private var chunks: [UnsafeMutableRawPointer] = []
    private var chunkSizes: [Int] = []
    /// The chunk allocations come from (-1 before the first).
    private var current = -1
    /// Where the next allocation goes and where its chunk ends, and the latest allocation
    /// (which alone can grow in place): behind a pointer, so allocating is plain arithmetic,
    /// without the exclusivity checks of a class's stored properties.
    private let bump = UnsafeMutablePointer<Bump>.allocate(capacity: 1)

    private struct Bump {
        var cursor: UnsafeMutableRawPointer?
        var limit: UnsafeMutableRawPointer?
        var last: UnsafeMutableRawPointer?
    }

    private init() {
        bump.initialize(to: Bump())
    }

    /// Runs `body` with an arena of the pool (or a new one), returned to the pool after.
    static func withPooled<Result>(_ body: (CmarkArena) -> Result) -> Result {
        let arena = pool.withLock { $0.popLast() } ?? CmarkArena()
        defer { pool.withLock { arenas in if arenas.count < pooledArenas { arenas.append(arena) } } }
        return body(arena)
    }

    /// Parses `markdown` (UTF-8) into this arena and lets `body` read the tree, on this
    /// thread; the tree is gone when `body` returns.
    func withTree<Result>(of markdown: UnsafeBufferPointer<UInt8>, _ body: (CmarkNode) -> Result) -> Result {
        let previous = pthread_getspecific(currentArenaKey)
        pthread_setspecific(currentArenaKey, Unmanaged.passUnretained(self).toOpaque())
        defer {
            pthread_setspecific(currentArenaKey, previous)
            reset()
        }
        let root = CmarkTree.parse(utf8: markdown, memory: arenaMemory.pointer)
        return body(CmarkNode(pointer: root))
    }

    deinit {
        for chunk in chunks { chunk.deallocate() }
        bump.deallocate()
    }

    /// Frees everything allocated, keeping the first chunks for what comes next.
    private func reset() {
        var kept = 0
        var keptCount = 0
        while keptCount < chunks.count, kept + chunkSizes[keptCount] <= Self.keptBytes {
            kept += chunkSizes[keptCount]
            keptCount += 1
        }
        for chunk in chunks[keptCount...] { chunk.deallocate() }
        chunks.removeSubrange(keptCount...)
        chunkSizes.removeSubrange(keptCount...)
        current = -1
        bump.pointee = Bump()
    }

    /// `size` bytes, 16-aligned, after a 16-byte header that holds the size (for `grow`).
    fileprivate func allocate(_ size: Int) -> UnsafeMutableRawPointer {
        let needed = Self.header + ((size + 15) & ~15)
        guard let cursor = bump.pointee.cursor, let limit = bump.pointee.limit, limit - cursor >= needed else {
            return allocateInNextChunk(size, needed: needed)
        }
        return place(size, at: cursor, needed: needed)
    }

    private func place(_ size: Int, at start: UnsafeMutableRawPointer, needed: Int) -> UnsafeMutableRawPointer {
        start.storeBytes(of: size, as: Int.self)
        let pointer = start + Self.header
        bump.pointee.cursor = start + needed
        bump.pointee.last = pointer
        return pointer
    }

    /// The next kept chunk with room, or a new one.
    private func allocateInNextChunk(_ size: Int, needed: Int) -> UnsafeMutableRawPointer {
        current += 1
        while current < chunks.count, chunkSizes[current] < needed { current += 1 }
        if current >= chunks.count {
            let chunkSize = max(Self.chunkSize, needed)
            chunks.append(UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16))
            chunkSizes.append(chunkSize)
            current = chunks.count - 1
        }
        bump.pointee.limit = chunks[current] + chunkSizes[current]
        return place(size, at: chunks[current], needed: needed)
    }

    /// `pointer`'s allocation made `size` bytes long: in place when it is the latest and its
    /// chunk has room, else copied to a new one.
    fileprivate func grow(_ pointer: UnsafeMutableRawPointer, to size: Int) -> UnsafeMutableRawPointer {
        let old = (pointer - Self.header).load(as: Int.self)
        if size <= old { return pointer }
        let needed = Self.header + ((size + 15) & ~15)
        if pointer == bump.pointee.last, let limit = bump.pointee.limit, limit - (pointer - Self.header) >= needed {
            (pointer - Self.header).storeBytes(of: size, as: Int.self)
            bump.pointee.cursor = pointer - Self.header + needed
            return pointer
        }
        let moved = allocate(size)
        moved.copyMemory(from: pointer, byteCount: old)
        return moved
    }

    private static let header = 16
}

/// The arena allocations on this thread come from, set by `CmarkArena.withTree(of:_:)`.
private let currentArenaKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
}()

/// cmark-gfm's allocator functions over the current thread's arena; freeing is left to the
/// arena's reset. A parser with them is made only inside `CmarkArena.withTree(of:_:)`.
private final class ArenaMemory: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<cmark_mem> = {
        let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        memory.initialize(to: cmark_mem(
            calloc: { count, size in
                let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
                guard !overflow else { return nil }
                let pointer = withCurrentArena { $0.allocate(bytes) }
                memset(pointer, 0, bytes)
                return pointer
            },
            realloc: { pointer, size in
                guard let pointer else { return withCurrentArena { $0.allocate(size) } }
                return withCurrentArena { $0.grow(pointer, to: size) }
            },
            free: { _ in }))
        return memory
    }()
}

private let arenaMemory = ArenaMemory()

/// Runs `body` with the current thread's arena, which `withTree` keeps alive: without the
/// retain and release a reference returned would cost every allocation (a sixth of a long
/// article's parse on a first open).
private func withCurrentArena<Result>(_ body: (CmarkArena) -> Result) -> Result {
    guard let arena = pthread_getspecific(currentArenaKey) else { preconditionFailure("cmark allocated outside its arena") }
    return Unmanaged<CmarkArena>.fromOpaque(arena)._withUnsafeGuaranteedRef(body)
}
