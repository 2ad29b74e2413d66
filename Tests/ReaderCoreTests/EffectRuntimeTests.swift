import Localization
import Foundation
import Synchronization
import Testing
import TsundokuLibrary
@testable import ReaderCore
@testable import ReaderRuntime

/// The effect runtime: work off the caller in the background mode, stale body loads skipped,
/// marks saved in order, progress throttled.
@Suite struct EffectRuntimeTests {
    @Test func progressIsReportedOncePerStep() {
        let throttle = ProgressThrottle(every: 100)
        let reported = (1...1000).filter { throttle.shouldReport($0) }
        #expect(reported == [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000])
    }

    @Test func staleBodyLoadsAreSkippedAndMarksKeepTheirOrder() throws {
        let items = Library.load(.sample).items.filter { $0.kind != .digest }
        let gate = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let loaded = Mutex<[String]>([])
        let saved = Mutex<[MarkEntry.Operation]>([])
        let reports = Mutex<[Report]>([])
        let done = DispatchSemaphore(value: 0)
        let clients = EffectClients(
            loadLibrary: { _ in .libraryLoaded(Library.load(.sample), Marks(), stateProblem: nil) },
            loadDocument: { item, _ in
                if item.id == items[0].id {
                    started.signal()
                    gate.wait()
                }
                loaded.withLock { $0.append(item.id) }
                return .failure(LoadProblem(path: item.path, message: "test"))
            },
            saveMarks: { ids, operation, marks in
                saved.withLock { $0.append(operation) }
                return .marksSaved(marks.stamped(ids, operation, now: 1))
            },
            savePositions: ScreenTestSupport.clients.savePositions,
            
            openURL: { .linkOpened($0) })
        let runtime = EffectRuntime(clients: clients, strings: Strings(.chinese), mode: .background) { report in
            reports.withLock { $0.append(report) }
            done.signal()
        }
        runtime.perform(.loadDocument(items[0], width: 60, digestTitle: nil, preview: false))
        #expect(started.wait(timeout: .now() + 10) == .success)
        for item in items[1..<4] { runtime.perform(.loadDocument(item, width: 60, digestTitle: nil, preview: true)) }
        for operation in [MarkEntry.Operation.read, .unread, .read, .star] { runtime.perform(.saveMarks(["x"], operation, over: Marks())) }
        gate.signal()
        for _ in 0..<6 { #expect(done.wait(timeout: .now() + 10) == .success) }
        #expect(loaded.withLock { $0 } == [items[0].id, items[3].id], "the loads left behind while the first ran never start")
        #expect(saved.withLock { $0 } == [.read, .unread, .read, .star])
        #expect(reports.withLock { $0.count } == 6)
    }

    @Test func backgroundWorkGivesWayToTheLoopThatAskedForIt() {
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        let callerBefore = getpriority(which, 0)
        let priorities = Mutex<[Int32]>([])
        let done = DispatchSemaphore(value: 0)
        let clients = EffectClients(
            loadLibrary: { _ in .libraryLoaded(Library.load(.sample), Marks(), stateProblem: nil) },
            loadDocument: { item, _ in
                priorities.withLock { $0.append(getpriority(which, 0)) }
                return .failure(LoadProblem(path: item.path, message: "test"))
            },
            saveMarks: ScreenTestSupport.clients.saveMarks, savePositions: ScreenTestSupport.clients.savePositions,
            openURL: { .linkOpened($0) })
        let runtime = EffectRuntime(clients: clients, strings: Strings(.chinese), mode: .background) { _ in done.signal() }
        let item = Library.load(.sample).items[0]
        for _ in 0..<3 {
            runtime.perform(.loadDocument(item, width: 60, digestTitle: nil, preview: false))
            #expect(done.wait(timeout: .now() + 10) == .success)
        }
        #expect(priorities.withLock { $0 } == [10, 10, 10])
        #expect(getpriority(which, 0) == callerBefore)
    }

    @Test func quittingWaitsForTheMarksAskedFor() {
        let saved = Mutex<[String]>([])
        let clients = EffectClients(
            loadLibrary: { _ in .libraryLoaded(Library.load(.sample), Marks(), stateProblem: nil) },
            loadDocument: { item, _ in .failure(LoadProblem(path: item.path, message: "test")) },
            saveMarks: { ids, operation, marks in
                usleep(200_000)
                saved.withLock { $0 += ids }
                return .marksSaved(marks.stamped(ids, operation, now: 1))
            },
            savePositions: ScreenTestSupport.clients.savePositions,
            
            openURL: { .linkOpened($0) })
        let runtime = EffectRuntime(clients: clients, strings: Strings(.chinese), mode: .background) { _ in }
        runtime.perform(.saveMarks(["a"], .read, over: Marks()))
        runtime.perform(.saveMarks(["b"], .star, over: Marks()))
        runtime.finishSavingMarks()
        #expect(saved.withLock { $0 } == ["a", "b"])
    }
}
