import Dispatch
import Synchronization
import TsundokuLibrary

/// A value worked out on another thread from the moment it is made, and waited for where it
/// is needed: the whole of an article read and parsed while its first screen is laid out.
final class Pending<Value: Sendable>: Sendable {
    private let done = DispatchGroup()
    private let result = Mutex<Value?>(nil)

    /// `lowered`: the work gives way to the UI loop, as the effect runtime's own threads do.
    init(lowered: Bool, _ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async(group: done) { [self] in
            if lowered { BackgroundPriority.lowerCurrentThread() }
            let value = work()
            result.withLock { $0 = value }
        }
    }

    /// The value, once the work is done.
    var value: Value {
        done.wait()
        return result.withLock { $0! }
    }
}
