import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// An array of `count` elements made in `parts` contiguous parts at once, one per core:
    /// `fill` initializes every element of its part, `slots[index]` for each index of `range`.
    static func filledInParallel(count: Int, parts: Int,
                                 _ fill: @Sendable (_ range: Range<Int>, _ slots: UnsafeMutablePointer<Element>) -> Void) -> [Element] {
        guard count > 0 else { return [] }
        let parts = Swift.max(1, Swift.min(parts, count))
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = SharedSlots(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                fill(count * part / parts..<count * (part + 1) / parts, slots.pointer)
            }
            initialized = count
        }
    }
}

/// The start of an array being filled by several threads at once, each its own disjoint part
/// (so no two threads touch the same element).
struct SharedSlots<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>

    init(_ pointer: UnsafeMutablePointer<Element>) {
        self.pointer = pointer
    }
}

/// How many parts work over `count` things is split into: one per core, none smaller than
/// `least` things (a thread costs more than a few lookups).
func parallelParts(for count: Int, least: Int) -> Int {
    max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / max(1, least)))
}
