import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// libc's `wcwidth` in C.UTF-8 (Glibc does not export it to Swift), what ncursesw and terminals
/// measure with, for tests that compare the layout's widths with it.
enum LibcWidth {
    /// Runs `body` with C.UTF-8 as the thread's locale and libc's `wcwidth`.
    static func withWcwidth<T>(_ body: (@convention(c) (Int32) -> Int32) throws -> T) throws -> T {
        let locale = try #require(newlocale(LC_CTYPE_MASK, "C.UTF-8", nil))
        let previous = uselocale(locale)
        defer {
            uselocale(previous)
            freelocale(locale)
        }
        let symbol = try #require(dlsym(nil, "wcwidth"), "libc has no wcwidth")
        return try body(unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self))
    }
}
