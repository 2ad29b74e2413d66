import Foundation
import Synchronization

/// Frees long articles' parse trees on a thread of its own at the lowest priority, so laying
/// an article out is not slowed by freeing its tree (16 ms for a 5 MB article). One tree waits
/// at most: a tree handed over while another still waits is freed by the caller at once, so
/// trees never pile up in memory when the machine is too busy to free them.
final class TreeReleaser: Sendable {
    static let shared = TreeReleaser()

    private let waiting = Mutex<CmarkTree?>(nil)
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

    /// Frees `tree` on the releaser's thread, or here when another tree is still waiting (the
    /// caller hands its reference over, so the last one is never the caller's by chance).
    func release(_ tree: consuming CmarkTree) {
        let taken = waiting.withLock { slot -> Bool in
            guard slot == nil else { return false }
            slot = tree
            return true
        }
        if taken { handedOver.signal() }
    }
}
