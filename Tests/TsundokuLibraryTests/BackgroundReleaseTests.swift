import Foundation
import Synchronization
import Testing
@testable import TsundokuLibrary

/// Large values the reader lets go of (an article it has left, parse trees) are freed on the
/// releaser's thread, and handing one over never waits for another one's freeing.
@Suite struct BackgroundReleaseTests {
    /// Runs `onFree` when freed.
    private final class Tracked: Sendable {
        let onFree: @Sendable () -> Void
        init(onFree: @escaping @Sendable () -> Void) { self.onFree = onFree }
        deinit { onFree() }
    }

    /// The releaser runs at the lowest priority, behind whatever other tests hand it on a busy
    /// machine: the waits are long, and only a `release` that waits for a freeing uses them up.
    @Test func valuesAreFreedOffTheCallersThreadWithoutWaitingForEachOther() {
        let caller = pthread_self()
        let freedOn = Mutex<[pthread_t]>([])
        let firstIsBeingFreed = DispatchSemaphore(value: 0)
        let letFirstFinish = DispatchSemaphore(value: 0)
        let secondFreed = DispatchSemaphore(value: 0)
        BackgroundRelease.shared.release(Tracked {
            freedOn.withLock { $0.append(pthread_self()) }
            firstIsBeingFreed.signal()
            letFirstFinish.wait()
        })
        #expect(firstIsBeingFreed.wait(timeout: .now() + 60) == .success)

        // While the first is still being freed, handing over another returns at once.
        let handedOver = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            BackgroundRelease.shared.release(Tracked {
                freedOn.withLock { $0.append(pthread_self()) }
                secondFreed.signal()
            })
            handedOver.signal()
        }
        let returned = handedOver.wait(timeout: .now() + 60) == .success
        letFirstFinish.signal()
        #expect(returned, "release waited for another value's freeing")
        #expect(secondFreed.wait(timeout: .now() + 60) == .success)
        let threads = freedOn.withLock { $0 }
        #expect(threads.count == 2)
        #expect(threads.allSatisfy { pthread_equal($0, caller) == 0 })
    }
}
