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

    /// The releaser runs at the lowest priority, behind other tests on a busy machine: the
    /// waits are long, and only a `release` that waits for a freeing uses them up.
    @Test func valuesAreFreedOffTheCallersThreadWithoutWaitingForEachOther() {
        let releaser = BackgroundRelease()
        let caller = pthread_self()
        let freedOn = Mutex<[pthread_t]>([])
        let firstIsBeingFreed = DispatchSemaphore(value: 0)
        let letFirstFinish = DispatchSemaphore(value: 0)
        let secondFreed = DispatchSemaphore(value: 0)
        releaser.release(Tracked {
            freedOn.withLock { $0.append(pthread_self()) }
            firstIsBeingFreed.signal()
            letFirstFinish.wait()
        })
        #expect(firstIsBeingFreed.wait(timeout: .now() + 60) == .success)

        // While the first is still being freed, handing over another returns at once.
        let handedOver = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            releaser.release(Tracked {
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

    /// Parse trees handed over while others still wait are freed by the caller, so they never
    /// pile up; what the reader's loop lets go of meanwhile does not make them wait.
    @Test func treesPileUpNeverAndTheLoopsValuesDoNotCountAsTrees() {
        let releaser = BackgroundRelease()
        let caller = pthread_self()
        let firstIsBeingFreed = DispatchSemaphore(value: 0)
        let letFirstFinish = DispatchSemaphore(value: 0)
        let treesFreed = DispatchSemaphore(value: 0)
        let freedOnCaller = Mutex<[String]>([])
        func tracked(_ name: String) -> Tracked {
            Tracked {
                if pthread_equal(pthread_self(), caller) != 0 { freedOnCaller.withLock { $0.append(name) } }
                treesFreed.signal()
            }
        }
        // The releaser busy freeing something, so what comes next waits.
        releaser.release(Tracked {
            firstIsBeingFreed.signal()
            letFirstFinish.wait()
        })
        #expect(firstIsBeingFreed.wait(timeout: .now() + 60) == .success)
        releaser.release([1, 2, 3])
        releaser.releaseUnlessBusy(tracked("first trees"))
        releaser.releaseUnlessBusy(tracked("second trees"))
        #expect(freedOnCaller.withLock { $0 } == ["second trees"])
        letFirstFinish.signal()
        #expect(treesFreed.wait(timeout: .now() + 60) == .success)
        #expect(treesFreed.wait(timeout: .now() + 60) == .success)
        #expect(freedOnCaller.withLock { $0 } == ["second trees"])
    }
}
