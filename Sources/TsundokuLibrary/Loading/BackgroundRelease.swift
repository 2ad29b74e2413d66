import Foundation
import Synchronization

/// Frees large values on a thread of its own at the lowest priority: a long article's parse
/// trees once it is converted (16 ms for a 5 MB article), or an article the reader has left
/// (over 100 ms for one of 5 MB), so neither a layout nor the reader's loop waits for it.
public final class BackgroundRelease: Sendable {
    public static let shared = BackgroundRelease()

    /// Values handed over and not yet taken, and how many of them came by `releaseUnlessBusy`.
    private let waiting = Mutex<(values: [any Sendable], bounded: Int)>(([], 0))
    private let handedOver = DispatchSemaphore(value: 0)

    /// A releaser of its own (tests); the reader uses `shared`.
    init() {
        Thread.detachNewThread { [self] in
            BackgroundPriority.lowerCurrentThread(to: BackgroundPriority.idle)
            while true {
                handedOver.wait()
                let taken = waiting.withLock { waiting in
                    var taken: [any Sendable] = []
                    swap(&taken, &waiting.values)
                    waiting.bounded = 0
                    return taken
                }
                Self.free(taken)
            }
        }
    }

    /// Where the last references go, after the lock is let go: a value no longer used may be
    /// freed as soon as it is taken, inside the lock, which kept `release` waiting for the
    /// freeing (80 ms for a 5 MB article).
    @inline(never)
    private static func free(_ values: consuming [any Sendable]) {}

    /// Frees `value` on the releaser's thread, where the caller's reference was the last; a
    /// value others still hold is only let go of.
    public func release<Value: Sendable>(_ value: consuming Value) {
        var moved: Value? = consume value
        waiting.withLock { $0.values.append(moved.take()!) }
        handedOver.signal()
    }

    /// As `release`, but the caller frees `value` at once while others handed over this way
    /// still wait, so values made faster than a busy machine frees them (parse trees) never
    /// pile up in memory. What the reader's loop lets go of does not count: it waits whenever
    /// a parse takes every core, and the trees would then be freed in the way of the layout.
    func releaseUnlessBusy<Value: Sendable>(_ value: consuming Value) {
        var moved: Value? = consume value
        let taken = waiting.withLock { waiting -> Bool in
            guard waiting.bounded == 0 else { return false }
            waiting.values.append(moved.take()!)
            waiting.bounded += 1
            return true
        }
        if taken { handedOver.signal() }
    }
}
