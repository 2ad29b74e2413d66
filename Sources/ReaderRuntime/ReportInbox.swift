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

    /// Every report waiting, oldest first; the inbox is empty afterwards. Article-text matches
    /// of one search that wait one after another are handed over as one report: each lists
    /// the rows anew, and 100,000 texts are searched in 90 chunks.
    public func drain() -> [Report] {
        let waiting = queue.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
        var merged: [Report] = []
        merged.reserveCapacity(waiting.count)
        for report in waiting {
            if case .textMatches(let number, let indices, let complete) = report,
               case .textMatches(number, let earlier, false)? = merged.last {
                merged[merged.count - 1] = .textMatches(number: number, indices: earlier + indices, complete: complete)
            } else {
                merged.append(report)
            }
        }
        return merged
    }
}
