import Testing
import Foundation
@testable import TsundokuLibrary

/// `FileIO.read` returns every byte of a file, whatever its size says: read into a buffer one
/// byte longer than the file, and on in doubling steps when the file holds more than its size.
@Suite struct FileReadingTests {
    @Test(arguments: [0, 1, 4095, 4096, 4097, 1_048_576 + 3])
    func everyByteOfAFileIsRead(size: Int) throws {
        let folder = TemporaryFolder()
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 251) }
        let path = folder.write("file.bin", bytes: bytes)
        #expect(try FileIO.read(path) == bytes)
    }

    /// A file whose size says 0 and that holds far more than the first buffer's 4 KB (the
    /// test process's own memory map, which ends with its stack).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/maps")))
    func aFileLongerThanItsSizeIsReadToItsEnd() throws {
        let text = String(decoding: try FileIO.read("/proc/self/maps"), as: UTF8.self)
        #expect(text.utf8.count > 4096)
        #expect(text.contains("[stack]"))
        #expect(text.hasSuffix("\n"))
    }
}
