#if canImport(Glibc)
import Glibc
#endif

/// Background work gives way to the UI loop: a thread about to run an effect's work is given
/// a lower scheduling priority (nice 10), so on a machine with few cores a key pressed while
/// article texts are searched or a body is laid out is handled first, not time-sliced with
/// them. A thread's priority can be lowered but not raised again without privileges, so only
/// the effect runtime's worker threads are lowered, never the UI loop's.
public enum BackgroundPriority {
    public static let niceness: Int32 = 10
    /// For work nobody waits for (freeing a long article's parse tree): the lowest there is.
    public static let idle: Int32 = 19

    public static func lowerCurrentThread(to niceness: Int32 = niceness) {
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        let thread = id_t(systemThreadID())
        guard getpriority(which, thread) < niceness else { return }
        _ = setpriority(which, thread, niceness)
    }
}

@_silgen_name("gettid")
private func systemThreadID() -> Int32
