import Foundation
import Synchronization

/// Frees large values on a thread of its own at the lowest priority: a long article's parse
/// trees once it is converted (16 ms for a 5 MB article), or an article the reader has left
/// (over 100 ms for one of 5 MB), so neither a layout nor the reader's loop waits for it.
public final class BackgroundRelease: Sendable {
    public static let shared = BackgroundRelease()

    private let waiting = Mutex<[any Sendable]>([])
    private let handedOver = DispatchSemaphore(value: 0)

    private init() {
        Thread.detachNewThread { [self] in
            BackgroundPriority.lowerCurrentThread(to: BackgroundPriority.idle)
            while true {
                handedOver.wait()
                let taken = waiting.withLock { values in
                    var taken: [any Sendable] = []
                    swap(&taken, &values)
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
        waiting.withLock { $0.append(moved.take()!) }
        handedOver.signal()
    }

    /// As `release`, but the caller frees `value` at once while others still wait, so values
    /// made faster than a busy machine frees them (parse trees) never pile up in memory.
    func releaseUnlessBusy<Value: Sendable>(_ value: consuming Value) {
        var moved: Value? = consume value
        let taken = waiting.withLock { values -> Bool in
            guard values.isEmpty else { return false }
            values.append(moved.take()!)
            return true
        }
        if taken { handedOver.signal() }
    }
}
