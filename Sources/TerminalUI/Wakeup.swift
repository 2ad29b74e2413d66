import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Wakes the run loop the moment a report arrives, instead of at its next poll for keys: a
/// pipe the effect threads write a byte to, waited on together with the terminal's input.
final class Wakeup: Sendable {
    private let readEnd: Int32
    private let writeEnd: Int32

    init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            }
        } else {
            ends = [-1, -1]
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Called from any thread: the loop's wait ends now (a full pipe already means it will).
    func signal() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Waits until the terminal has input, `signal` was called, a signal (a resize) arrived, or
    /// `milliseconds` passed.
    func wait(orInput input: Int32, milliseconds: Int32) {
        var fds = [pollfd(fd: input, events: Int16(POLLIN), revents: 0), pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
        guard poll(&fds, nfds_t(readEnd >= 0 ? 2 : 1), milliseconds) > 0, fds[1].revents != 0 else { return }
        var drain = [UInt8](repeating: 0, count: 256)
        while read(readEnd, &drain, drain.count) > 0 {}
    }
}
