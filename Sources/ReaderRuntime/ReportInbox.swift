import ReaderCore
import Synchronization

/// Reports handed from the effect runtime's threads to the loop that receives them, in arrival
/// order: the terminal's run loop, `bench ui`, the tests.
public final class ReportInbox: Sendable {
    private let queue = Mutex<[Report]>([])

    public init() {}

    public func post(_ report: Report) { queue.withLock { $0.append(report) } }

    public func popFirst() -> Report? {
        queue.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }

    public var pending: [Report] { queue.withLock { $0 } }

    /// Every report waiting, oldest first; the inbox is empty afterwards.
    public func drain() -> [Report] {
        queue.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
    }
}
