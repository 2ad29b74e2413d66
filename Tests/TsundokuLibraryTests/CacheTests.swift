import Foundation
import Synchronization
import Testing
@testable import TsundokuLibrary

/// The metadata cache is a second source of truth: everything read from it must equal what the
/// files parse to, and every change to the files must reach past it.
@Suite struct CacheTests {
    private func modificationTime(_ path: String) throws -> Date {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
    }

    @Test(arguments: ["markdown", "export", "zip", "jsonl"])
    func itemsFromTheCacheEqualItemsFromTheFiles(library name: String) throws {
        let folder = TemporaryFolder()
        let library = try FixtureFolder.copy(name, into: folder)
        let index = folder.path + "/cache/index.bin"
        let cold = Library.load(.paths([library]))
        _ = Library.load(.paths([library]), indexPath: index)
        let written = try modificationTime(index)
        let warm = Library.load(.paths([library]), indexPath: index)
        #expect(try modificationTime(index) == written, "a warm load parses nothing, so it rewrites nothing")
        #expect(!cold.items.isEmpty)
        #expect(warm.items == cold.items)
        #expect(warm.problems == cold.problems)
        #expect(warm.sourceMarks == cold.sourceMarks)
        for item in cold.items {
            #expect(try Library.document(for: item) == (try Library.document(for: warm.items.first { $0.id == item.id }!)))
        }
    }

    @Test func editedAddedRemovedAndReplacedFilesAreSeen() throws {
        let folder = TemporaryFolder()
        let index = folder.path + "/cache/index.bin"
        folder.write("lib/a.md", "# 第一篇\n\n正文。\n")
        folder.write("lib/b.md", "# 第二篇\n\n正文。\n")
        _ = Library.load(.paths([folder.path + "/lib"]), indexPath: index)

        let original = try FileManager.default.attributesOfItem(atPath: folder.path + "/lib/a.md")
        folder.write("lib/replacement.md", "# 另一篇\n\n正文。\n")
        #expect(rename(folder.path + "/lib/replacement.md", folder.path + "/lib/a.md") == 0)
        try FileManager.default.setAttributes([.modificationDate: original[.modificationDate]!], ofItemAtPath: folder.path + "/lib/a.md")
        try FileManager.default.removeItem(atPath: folder.path + "/lib/b.md")
        folder.write("lib/c.md", "# 第三篇\n\n正文。\n")

        let warm = Library.load(.paths([folder.path + "/lib"]), indexPath: index)
        #expect(Set(warm.items.map(\.title)) == ["另一篇", "第三篇"])
        #expect(warm.items == Library.load(.paths([folder.path + "/lib"])).items)
    }

    @Test func unchangedFilesAreFoundInTheCacheWhereverTheScanNowFindsThem() throws {
        let folder = TemporaryFolder()
        let library = folder.path + "/lib"
        let index = folder.path + "/cache/index.bin"
        for number in 0..<40 { folder.write("lib/\(number % 4)/item-\(number).md", "# 第\(number)篇\n\n正文。\n") }
        _ = Library.load(.paths([library]), indexPath: index)
        func places() -> [(path: String, place: Int?)] {
            var problems: [LoadProblem] = [], folders: [FolderStamp] = []
            let scanned = LibraryScanner.scan(library, problems: &problems, folders: &folders)
            return zip(scanned.map(\.path), MetadataIndex(path: index).places(of: scanned)).map { ($0, $1) }
        }
        #expect(places().allSatisfy { $0.place != nil })

        // Names are taken last first: `zz.md` is now the first file of its folder, every file
        // after it one further on; a folder and a file are gone, a folder is new, a file grew.
        folder.write("lib/0/zz.md", "# 新来的\n\n正文。\n")
        try FileManager.default.removeItem(atPath: library + "/2/item-10.md")
        try FileManager.default.removeItem(atPath: library + "/1")
        folder.write("lib/00/new.md", "# 新文件夹\n\n正文。\n")
        folder.write("lib/3/item-3.md", "# 第3篇\n\n改过的正文。\n")
        let changed = places()
        #expect(changed.count == 31)
        for (path, place) in changed {
            let isNew = path.hasSuffix("/zz.md") || path.hasSuffix("/new.md") || path.hasSuffix("/item-3.md")
            #expect((place == nil) == isNew, "\(path)")
        }
        let warm = Library.load(.paths([library]), indexPath: index)
        #expect(warm.items == Library.load(.paths([library])).items)
        #expect(places().allSatisfy { $0.place != nil }, "the rewritten cache knows where each file stands now")
        #expect(Library.load(.paths([library]), indexPath: index).items == warm.items)
    }

    @Test func aDamagedOrForeignCacheIsRebuilt() throws {
        let folder = TemporaryFolder()
        let library = try FixtureFolder.copy("markdown", into: folder)
        let index = folder.path + "/cache/index.bin"
        let cold = Library.load(.paths([library]), indexPath: index)
        var bytes = try #require(FileManager.default.contents(atPath: index))
        bytes.replaceSubrange(bytes.count / 2..<bytes.count / 2 + 8, with: Data(repeating: 0xFF, count: 8))
        try bytes.write(to: URL(fileURLWithPath: index))
        #expect(Library.load(.paths([library]), indexPath: index).items == cold.items)
        let whole = try #require(FileManager.default.contents(atPath: index))
        for position in stride(from: 0, to: whole.count, by: max(1, whole.count / 60)) {
            var flipped = whole
            flipped[position] ^= 0x01
            try flipped.write(to: URL(fileURLWithPath: index))
            #expect(Library.load(.paths([library]), indexPath: index).items == cold.items, "one bit flipped at byte \(position)")
        }
        folder.write("cache/index.bin", "tsundoku-index 5\nF\t\(library)/plain-article.txt\t1\t1\nI\tforged\n")
        #expect(Library.load(.paths([library]), indexPath: index).items == cold.items)
    }

    @Test func theStateFileTheLockAndTheCacheAreNotArticles() throws {
        let folder = TemporaryFolder()
        let library = try FixtureFolder.copy("markdown", into: folder)
        let expected = Library.load(.paths([library])).items
        let store = StateStore(path: library + "/marks.log")
        try store.append([MarkEntry(time: 1, operation: .read, id: "fixture-article-0002")])
        folder.write("markdown/marks.log.damaged-1", "garbled line\n")
        let snapshot = Library.load(.paths([library]), indexPath: library + "/index-x.bin", statePath: library + "/marks.log")
        #expect(FileManager.default.fileExists(atPath: library + "/marks.log.lock"))
        #expect(snapshot.items == expected)
        let again = Library.load(.paths([library + "/"]), indexPath: library + "/index-x.bin", statePath: library + "/marks.log")
        #expect(again.items.map(\.id).sorted() == expected.map(\.id).sorted())
    }

    @Test func anExportZipBesideItsUnpackedFolderIsOneSetOfItems() throws {
        let folder = TemporaryFolder()
        let unpacked = try FixtureFolder.copy("export", into: folder)
        let alone = Library.load(.paths([unpacked]))
        try FileManager.default.copyItem(atPath: FixtureFolder.libraries + "/zip/omnivore-export.zip",
                                         toPath: folder.path + "/omnivore-export.zip")
        let both = Library.load(.paths([folder.path]))
        #expect(both.items.map(\.id).sorted() == alone.items.map(\.id).sorted())
        #expect(!both.problems.contains { $0.message.contains("same item id") }, "\(both.problems)")
    }
}

/// A first load shows what it has read so far; what it shows is always part of what it ends
/// with, and a load the cache answers shows nothing on the way.
@Suite struct PartialLoadTests {
    @Test func rowsReadSoFarArePartOfTheWholeAndAWarmLoadHasNone() throws {
        let folder = TemporaryFolder()
        for number in 0..<60 {
            folder.write("lib/\(number).md", "---\ntitle: \(number) 号文章\ndate_saved: 2025-01-\(String(format: "%02d", 1 + number % 28))\n---\n\n正文 \(number)。\n")
        }
        folder.write("lib/same-id.md", "---\nid: dup\ntitle: 甲\n---\n\n一。\n")
        folder.write("lib/same-id-2.md", "---\nid: dup\ntitle: 乙\n---\n\n二。\n")
        let index = folder.path + "/cache/index.bin"
        let partials = Mutex<[(items: [Item], files: Int)]>([])
        let partial = PartialLoad(first: .zero, interval: .zero) { items, files in
            partials.withLock { $0.append((items, files)) }
        }
        let cold = Library.load(.paths([folder.path + "/lib"]), indexPath: index, partial: partial)
        let seen = partials.withLock { $0 }
        #expect(seen.count > 5)
        let whole = Set(cold.items.map(\.id))
        for shown in seen {
            let ids = shown.items.map(\.id)
            #expect(Set(ids).isSubset(of: whole))
            #expect(Set(ids).count == ids.count, "each id once")
            #expect(ids == MarkedLibrary(items: shown.items, marks: Marks()).items.map(\.id), "in reading order")
        }
        #expect(seen.map(\.files) == seen.map(\.files).sorted())
        #expect(cold.items == Library.load(.paths([folder.path + "/lib"])).items)
        partials.withLock { $0 = [] }
        let warm = Library.load(.paths([folder.path + "/lib"]), indexPath: index, partial: partial)
        #expect(partials.withLock { $0 }.isEmpty)
        #expect(warm.items == cold.items)
    }
}
