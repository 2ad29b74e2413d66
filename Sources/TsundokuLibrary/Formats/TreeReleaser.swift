import Foundation
import Synchronization

/// Frees long articles' parse trees on a thread of its own at the lowest priority, so laying
/// an article out is not slowed by freeing its trees (16 ms for a 5 MB article). One article's
/// trees (one per part parsed) wait at most: trees handed over while others still wait are
/// freed by the caller at once, so they never pile up in memory when the machine is too busy
/// to free them.
final class TreeReleaser: Sendable {
    static let shared = TreeReleaser()

    private let waiting = Mutex<[CmarkTree]?>(nil)
    private let handedOver = DispatchSemaphore(value: 0)

    private init() {
        Thread.detachNewThread { [self] in
            BackgroundPriority.lowerCurrentThread(to: BackgroundPriority.idle)
            while true {
                handedOver.wait()
                // Freed here, as the last reference goes.
                _ = waiting.withLock { slot in
                    defer { slot = nil }
                    return slot
                }
            }
        }
    }

    /// Frees `trees` on the releaser's thread, or here when others are still waiting (the
    /// caller hands its references over, so the last one is never the caller's by chance).
    func release(_ trees: consuming [CmarkTree]) {
        let taken = waiting.withLock { slot -> Bool in
            guard slot == nil else { return false }
            slot = trees
            return true
        }
        if taken { handedOver.signal() }
    }
}
