import Foundation
import Testing
@testable import TsundokuLibrary

@Suite struct StateStoreTests {
    @Test func marksReplayWithTheLatestWinning() throws {
        let folder = TemporaryFolder()
        let store = StateStore(path: folder.path + "/state/marks.log")
        try store.mark(["a", "b"], .read, over: Marks(), at: Date(timeIntervalSince1970: 10))
        try store.mark(["a"], .unread, over: Marks(), at: Date(timeIntervalSince1970: 20))
        try store.mark(["b"], .star, over: Marks(), at: Date(timeIntervalSince1970: 30))
        let marks = try store.load().marks
        #expect(!marks.isRead("a"))
        #expect(marks.isRead("b"))
        #expect(marks.isStarred("b"))
        #expect(!marks.isStarred("a"))
    }

    @Test func concatenatedLogsMergeByTime() {
        let laptop = [MarkEntry(time: 100, operation: .read, id: "x"), MarkEntry(time: 300, operation: .star, id: "x")]
        let phone = [MarkEntry(time: 200, operation: .unread, id: "x"), MarkEntry(time: 250, operation: .unstar, id: "x")]
        let marks = Marks(laptop + phone)
        #expect(!marks.isRead("x"))
        #expect(marks.isStarred("x"))
        #expect(Marks(phone + laptop) == marks)
    }

    @Test func idsWithSpacesAndNewlinesRoundTrip() throws {
        let folder = TemporaryFolder()
        let store = StateStore(path: folder.path + "/marks.log")
        let odd = "weird id\nwith 100% 空格 #01"
        try store.mark([odd], .star, over: Marks())
        #expect(try store.load().marks.isStarred(odd))
        #expect(try store.load().damage == nil)
    }

    @Test func marksForItemsNotInTheLibraryAreKept() throws {
        let folder = TemporaryFolder()
        let store = StateStore(path: folder.path + "/marks.log")
        try store.mark(["gone-from-library"], .read, over: Marks())
        try store.append((0..<30_000).map { MarkEntry(time: Int64($0), operation: $0 % 2 == 0 ? .read : .unread, id: "flip") })
        let marks = try store.load().marks
        #expect(marks.isRead("gone-from-library"))
        let compactedSize = try #require(try FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int)
        #expect(compactedSize < 200)
        #expect(try store.load().marks.isRead("gone-from-library"))
    }

    @Test func aTornLastLineIsSetAsideAndTheNextMarkIsNotGluedToIt() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/marks.log"
        folder.write("marks.log", "1000 read kept\n1001 star half-writ")
        let store = StateStore(path: path)
        try store.mark(["after"], .read, over: Marks())
        let loaded = try store.load()
        #expect(loaded.marks.isRead("kept"))
        #expect(loaded.marks.isRead("after"))
        #expect(!loaded.marks.isStarred("half-writ"))
        let report = try #require(loaded.damage)
        #expect(report.contains("1 unreadable line"))
        let aside = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".damaged-") }
        #expect(aside.count == 1)
        let kept = try String(contentsOfFile: folder.path + "/" + aside[0], encoding: .utf8)
        #expect(kept == "1001 star half-writ\u{1}\n")
        #expect(try store.load().damage == nil)
    }

    @Test func aDamagedFileKeepsItsReadableMarksAndItsUnreadablePart() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/marks.log"
        folder.write("marks.log", bytes: Array("5 read one\n".utf8) + [0x00, 0xFF, 0xFE, 0x0A] + Array("garbage line\n6 star two\n".utf8))
        let loaded = try StateStore(path: path).load()
        #expect(loaded.marks.isRead("one"))
        #expect(loaded.marks.isStarred("two"))
        #expect(loaded.damage?.contains("2 unreadable line") == true)
        #expect(try StateStore(path: path).load().marks == loaded.marks)
    }

    @Test func aMissingFileIsAnEmptyState() throws {
        let folder = TemporaryFolder()
        let loaded = try StateStore(path: folder.path + "/none/marks.log").load()
        #expect(loaded.marks == Marks())
        #expect(loaded.damage == nil)
    }

    @Test func leftoverTemporaryFilesFromACrashedCompactionAreHarmless() throws {
        let folder = TemporaryFolder()
        let store = StateStore(path: folder.path + "/marks.log")
        try store.mark(["a"], .read, over: Marks())
        folder.write("marks.log.tmp-99999", "12 rea")
        #expect(try store.load().marks.isRead("a"))
        #expect(try store.load().damage == nil)
    }

    @Test func threadsAppendingAtOnceLoseNothing() async throws {
        let folder = TemporaryFolder()
        let store = StateStore(path: folder.path + "/marks.log")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    for index in 0..<100 { try store.mark(["w\(writer)-\(index)"], .read, over: Marks()) }
                }
            }
            try await group.waitForAll()
        }
        let marks = try store.load().marks
        #expect(marks.markedIDs.count == 400)
    }
}

@Suite struct MarkedLibraryTests {
    @Test func digestsAreReadWhenAllTheirItemsAre() throws {
        let snapshot = Library.load(.sample)
        let digest = try #require(snapshot.items.first { $0.kind == .digest })
        var library = MarkedLibrary(items: snapshot.items, marks: Marks())
        #expect(library.items.first?.id == digest.id)
        #expect(library.items.dropFirst().prefix(7).allSatisfy { $0.parent == digest.id })
        let ids = library.idsForReadMark(digest.id)
        #expect(ids.count == 8)
        for (offset, id) in ids.dropFirst().enumerated() {
            #expect(!library.isRead(digest))
            library.marks.apply(MarkEntry(time: Int64(offset), operation: .read, id: id))
        }
        #expect(library.isRead(digest))
        #expect(library.listed(.unread).allSatisfy { $0.parent != digest.id && $0.id != digest.id })
    }

    @Test func theSampleLibraryHasEveryKind() {
        let snapshot = Library.load(.sample)
        #expect(snapshot.problems.isEmpty)
        #expect(snapshot.items.filter { $0.kind == .digestItem }.count >= 6)
        #expect(snapshot.items.filter { $0.kind == .article && $0.body.format == .markdown }.count == 2)
        #expect(snapshot.items.filter { $0.body.format == .plainText }.count == 1)
    }

    @Test func positionsAreLinesOfTheSameLogAndMergeLikeMarks() throws {
        let folder = TemporaryFolder()
        let store = StateStore(path: folder.path + "/marks.log")
        let first = ReadingPosition(seen: 2_500, block: 7, intoBlock: 4_000)
        try store.savePositions([(id: "文 章", position: first)], over: Marks(), at: Date(timeIntervalSince1970: 100))
        try store.mark(["文 章"], .read, over: Marks(), at: Date(timeIntervalSince1970: 101))
        let text = try String(contentsOfFile: store.path, encoding: .utf8)
        #expect(text == "100000 position 文%20章 2500 7 4000\n101000 read 文%20章\n")
        #expect(try store.load().marks.position(of: "文 章") == first)

        let other = StateStore(path: folder.path + "/other.log")
        let later = ReadingPosition(seen: 9_000, block: 30, intoBlock: 0)
        try other.savePositions([(id: "文 章", position: later)], over: Marks(), at: Date(timeIntervalSince1970: 200))
        let merged = StateStore(path: folder.path + "/merged.log")
        try merged.append(try other.readEntries() + store.readEntries())
        #expect(try merged.load().marks.position(of: "文 章") == later, "the latest position wins, whatever the order of the lines")
        let stamped = try merged.savePositions([(id: "文 章", position: first)], over: try merged.load().marks,
                                               at: Date(timeIntervalSince1970: 150))
        #expect(stamped.first?.time == 200_001, "a position made now wins over one from a clock that ran ahead")
    }

    @Test func aBadPositionLineIsSetAsideLikeAnyDamagedLine() throws {
        let folder = TemporaryFolder()
        let path = folder.write("marks.log", "1 position a 10001 0 0\n2 position a 5 0\n3 read a 1 2 3\n4 position b 5000 -1 0\n")
        let loaded = try StateStore(path: path).load()
        #expect(loaded.damage?.contains("3 unreadable line(s)") == true)
        #expect(loaded.marks.position(of: "b") == ReadingPosition(seen: 5_000, block: -1, intoBlock: 0))
        #expect(loaded.marks.position(of: "a") == nil && !loaded.marks.isRead("a"))
    }
}
