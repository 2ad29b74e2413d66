import Foundation
import Testing
@testable import TsundokuLibrary

/// The state log under conditions real machines produce: Windows line ends, damage twice in a
/// second, clocks that disagree, and paths that are not files.
@Suite struct StateLogConditionsTests {
    @Test func crlfLinesAreMarksAndNothingIsSetAside() throws {
        let folder = TemporaryFolder()
        folder.write("marks.log", "1000 read a\r\n1001 star b\r\n1002 read c\n")
        let loaded = try StateStore(path: folder.path + "/marks.log").load()
        #expect(loaded.marks.isRead("a") && loaded.marks.isStarred("b") && loaded.marks.isRead("c"))
        #expect(loaded.damage == nil)
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: folder.path)).contains { $0.contains("damaged") })
    }

    @Test func twoDamageReportsInOneSecondKeepBothSetsOfLines() throws {
        let folder = TemporaryFolder()
        let store = StateStore(path: folder.path + "/marks.log")
        folder.write("marks.log", "garbage one\n1000 read a\n")
        let first = try #require(try store.load().damage)
        folder.write("marks.log", "garbage two\n1000 read a\n")
        let second = try #require(try store.load().damage)
        #expect(first != second)
        let asides = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("damaged") }
        let texts = try asides.map { try String(contentsOfFile: folder.path + "/" + $0, encoding: .utf8) }.sorted()
        #expect(texts == ["garbage one\n", "garbage two\n"])
    }

    @Test func aMarkMadeNowWinsOverAMarkFromAClockThatRanAhead() throws {
        let folder = TemporaryFolder()
        let store = StateStore(path: folder.path + "/marks.log")
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let anHourAhead = Int64(now.timeIntervalSince1970 * 1000) + 3_600_000
        try store.append([MarkEntry(time: anHourAhead, operation: .read, id: "x"), MarkEntry(time: anHourAhead, operation: .star, id: "x")])
        var marks = try store.load().marks
        for operation in [MarkEntry.Operation.unread, .read, .unread] {
            let written = try store.mark(["x"], operation, over: marks, at: now)
            for entry in written { marks.apply(entry) }
            #expect(try store.load().marks.isRead("x") == (operation == .read))
        }
        _ = try store.mark(["x"], .unstar, over: marks, at: now)
        #expect(try !store.load().marks.isStarred("x"))
        let laptop = Marks([MarkEntry(time: anHourAhead + 5_000, operation: .star, id: "x")] + (try store.readEntries()))
        #expect(laptop.isStarred("x"), "a later mark from another device still wins after merging")
    }

    @Test(arguments: ["/dev/null", "/dev/zero", "/dev/full", "/tmp"])
    func aStatePathThatIsNoRegularFileIsRefused(path: String) {
        #expect(throws: (any Error).self) { try StateStore(path: path).validate() }
        #expect(!FileManager.default.fileExists(atPath: path + ".lock"))
    }

    @Test func aStatePathToCreateIsAccepted() throws {
        let folder = TemporaryFolder()
        try StateStore(path: folder.path + "/new/marks.log").validate()
        try StateStore(path: folder.path + "/marks.log").validate()
        folder.write("plain-file", "")
        #expect(throws: (any Error).self) { try StateStore(path: folder.path + "/plain-file/marks.log").validate() }
    }
}
