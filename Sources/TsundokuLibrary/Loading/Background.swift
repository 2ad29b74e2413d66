import Dispatch
import Synchronization

/// A value computed on another thread while the caller goes on; `take()` waits for it and
/// hands it over (once: the value is moved out, so arrays in it stay uniquely held).
final class Background<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ compute: @escaping @Sendable () -> Value) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let computed = compute()
            value.withLock { $0 = computed }
            done.signal()
        }
    }

    func take() -> Value {
        done.wait()
        return value.withLock { $0.take()! }
    }
}
