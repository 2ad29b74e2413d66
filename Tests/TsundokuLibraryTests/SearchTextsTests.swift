import Foundation
import Testing
@testable import TsundokuLibrary

/// The article texts search reads are a second source of truth beside the files: what a search
/// finds in them must be what the articles say, cold or warm, after edits and after damage.
@Suite struct SearchTextsTests {
    private static let needles = ["彗星", "example.net", "夜间", "e", "zz-not-there", "第 2 段", "2.0", "ｆｕｌｌ"]

    private func library(in folder: TemporaryFolder) -> [Item] {
        folder.write("lib/comet.md", "---\ntitle: 夜空\n---\n\n两颗彗星同时出现在同一视野中。\n\n第 2 段写着 example.net。\n")
        folder.write("lib/plain.txt", "一篇纯文本\n\n夜间借阅从晚上 9 点开始，版本 2.0。\n")
        folder.write("lib/wide.md", "# Full width\n\nＦＵＬＬ width letters.\n")
        folder.write("lib/digest.md", """
        # 晨报

        **今天的三件事。**

        ### 01第一件

        图书馆夜间开放。

        ### 02第二件

        彗星来了。
        """)
        return Library.load(.paths([folder.path + "/lib"])).items
    }

    private func results(_ texts: SearchTexts, _ items: [Item]) -> [String: [String]] {
        var results: [String: [String]] = [:]
        for needle in Self.needles {
            var found: [Int] = []
            #expect(texts.search(Array(needle.lowercased().utf8)) { found += $0 })
            results[needle] = found.map { items[$0].id }
        }
        return results
    }

    @Test func aSearchFindsWhatTheArticlesSayColdAndWarm() throws {
        let folder = TemporaryFolder()
        let items = library(in: folder)
        let path = folder.path + "/cache/texts.bin"
        let cold = try SearchTexts.prepare(items, path: path)
        #expect(cold.parsed == items.count)
        let coldResults = results(cold, items)
        for needle in Self.needles {
            let expected = items.filter { SearchTexts.text(of: $0).contains(needle.lowercased()) }.map(\.id)
            #expect(coldResults[needle] == expected, "\(needle)")
        }
        #expect(coldResults["彗星"]?.count == 2, "an article and a digest's news item")
        #expect(coldResults["ｆｕｌｌ"]?.count == 1, "full-width letters are lower-cased as written")
        let written = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        let warm = try SearchTexts.prepare(items, path: path)
        #expect(warm.parsed == 0)
        #expect(results(warm, items) == coldResults)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == written,
                "nothing changed, so nothing is written")
        let temporary = try SearchTexts.prepare(items, path: nil)
        #expect(results(temporary, items) == coldResults)
    }

    @Test func anEditedFileIsReadAgainAndOnlyIt() throws {
        let folder = TemporaryFolder()
        var items = library(in: folder)
        let path = folder.path + "/cache/texts.bin"
        _ = try SearchTexts.prepare(items, path: path)
        folder.write("lib/plain.txt", "一篇纯文本\n\n改成了白天借阅，还有一颗彗星。\n")
        items = Library.load(.paths([folder.path + "/lib"])).items
        let after = try SearchTexts.prepare(items, path: path)
        #expect(after.parsed == 1)
        let found = results(after, items)
        let digest = try #require(items.first { $0.path.hasSuffix("digest.md") })
        #expect(found["夜间"] == [digest.id], "the edited text no longer says it")
        #expect(found["彗星"]?.count == 3)
        let fresh = try SearchTexts.prepare(items, path: nil)
        #expect(results(fresh, items) == found)
    }

    @Test func itemsThatMovedOrArrivedKeepTheirTextsAndOnlyNewOnesAreRead() throws {
        let folder = TemporaryFolder()
        let items = library(in: folder)
        let path = folder.path + "/cache/texts.bin"
        _ = try SearchTexts.prepare(Array(items.dropFirst()), path: path)
        let arrived = try SearchTexts.prepare(items, path: path)
        #expect(arrived.parsed == 1, "one item arrived before all the others")
        let fresh = results(try SearchTexts.prepare(items, path: nil), items)
        #expect(results(arrived, items) == fresh)
        let reversed = Array(items.reversed())
        let moved = try SearchTexts.prepare(reversed, path: path)
        #expect(moved.parsed == 0)
        #expect(results(moved, reversed) == results(try SearchTexts.prepare(reversed, path: nil), reversed))
        let renamed = items.enumerated().map { number, item in
            var item = item
            if number == 1 { item.id += "-renamed" }
            return item
        }
        #expect(try SearchTexts.prepare(renamed, path: path).parsed == 1, "an id the file does not know is read")
    }

    @Test func aDamagedOrCutFileIsWrittenAnew() throws {
        let folder = TemporaryFolder()
        let items = library(in: folder)
        let path = folder.path + "/cache/texts.bin"
        let expected = results(try SearchTexts.prepare(items, path: path), items)
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        for cut in [0, 7, 31, good.count / 2, good.count - 1] {
            try good.prefix(cut).write(to: URL(fileURLWithPath: path))
            let rebuilt = try SearchTexts.prepare(items, path: path)
            #expect(rebuilt.parsed == items.count, "cut at \(cut)")
            #expect(results(rebuilt, items) == expected)
        }
        // The table (after the texts) and the header are checked; a flip in either rebuilds.
        let tableOffset = good[16..<24].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(tableOffset > 32 && tableOffset < good.count)
        for place in Array(0..<32) + Array(stride(from: tableOffset, to: good.count, by: 5)) {
            var damaged = good
            damaged[place] ^= 0x20
            try damaged.write(to: URL(fileURLWithPath: path))
            let read = try SearchTexts.prepare(items, path: path)
            #expect(read.parsed == items.count, "flipped at \(place)")
            #expect(results(read, items) == expected, "flipped at \(place)")
        }
    }

    @Test func aTableLargerThanItsReadingWindowIsReadWholeInOrderAndOutOfIt() throws {
        // 4,000 files named in 240 bytes: a table of about 1.3 MB, read a megabyte at a time.
        let folder = TemporaryFolder()
        for number in 0..<4_000 {
            folder.write("lib/\(String(repeating: "长", count: 80))-\(number).txt", "第 \(number) 条\n\n正文 \(number) 号\n")
        }
        let items = Library.load(.paths([folder.path + "/lib"])).items
        #expect(items.count == 4_000)
        let path = folder.path + "/cache/texts.bin"
        _ = try SearchTexts.prepare(items, path: path)
        func found(_ texts: SearchTexts, _ items: [Item], _ needle: String) -> [String] {
            var found: [Int] = []
            #expect(texts.search(Array(needle.utf8)) { found += $0 })
            return found.map { items[$0].id }.sorted()
        }
        let warm = try SearchTexts.prepare(items, path: path)
        #expect(warm.parsed == 0, "every row is found in order")
        let shuffled = items.enumerated().sorted { ($0.offset * 7_919) % 4_000 < ($1.offset * 7_919) % 4_000 }.map(\.element)
        let moved = try SearchTexts.prepare(shuffled, path: path)
        #expect(moved.parsed == 0, "every row is found out of order")
        for needle in ["正文 3999 号", "正文 2 号", "正文 250", "号"] {
            #expect(found(moved, shuffled, needle) == found(try SearchTexts.prepare(items, path: nil), items, needle), "\(needle)")
        }
        #expect(found(warm, items, "号").count == 4_000)
    }

    @Test func aStoreKeepsWorkingWhenAnotherInstanceReplacesItsFile() throws {
        let folder = TemporaryFolder()
        let items = library(in: folder)
        let path = folder.path + "/cache/texts.bin"
        let first = try SearchTexts.prepare(items, path: path)
        let expected = results(first, items)
        try FileManager.default.removeItem(atPath: path)
        _ = try SearchTexts.prepare(Array(items.prefix(1)), path: path)
        #expect(results(first, items) == expected)
    }

    @Test(arguments: ["zip", "export", "jsonl"])
    func exportsAreReadOnceAndSearchedLikeFiles(library name: String) throws {
        let folder = TemporaryFolder()
        let items = Library.load(.paths([try FixtureFolder.copy(name, into: folder)])).items
        let path = folder.path + "/cache/texts.bin"
        let cold = try SearchTexts.prepare(items, path: path)
        #expect(cold.parsed == items.count)
        let warm = try SearchTexts.prepare(items, path: path)
        #expect(warm.parsed == 0, "items inside an unchanged zip or JSON Lines file are not read again")
        let fresh = try SearchTexts.prepare(items, path: nil)
        for item in items.prefix(20) {
            let words = SearchTexts.text(of: item).split(separator: " ").filter { $0.utf8.count >= 6 }
            guard let word = words.first else { continue }
            var found: [Int] = [], expected: [Int] = []
            _ = warm.search(Array(word.utf8)) { found += $0 }
            _ = fresh.search(Array(word.utf8)) { expected += $0 }
            #expect(found == expected && found.contains { items[$0].id == item.id }, "\(word)")
        }
    }

    @Test func temporaryFilesOfProcessesNoLongerRunningAreRemoved() throws {
        let folder = TemporaryFolder()
        let items = library(in: folder)
        let path = folder.path + "/cache/texts.bin"
        let abandoned = folder.write("cache/texts.bin.tmp-2147483646-17", "half written")
        let running = folder.write("cache/texts.bin.tmp-\(getpid())-18", "being written")
        let other = folder.write("cache/other.bin.tmp-2147483646-19", "not ours")
        _ = try SearchTexts.prepare(items, path: path)
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: running), "a running process's file is left to it")
        #expect(FileManager.default.fileExists(atPath: other))
    }

    @Test func longSearchesReportInBatchesAndStopWhenCancelled() throws {
        let folder = TemporaryFolder()
        let paragraph = String(repeating: "积读的文章越存越多，总有一天会读完。", count: 60) + "\n\n"
        for number in 0..<300 {
            folder.write("lib/\(number).md", "# 第 \(number) 篇\n\n" + String(repeating: paragraph, count: 12)
                         + (number % 7 == 0 ? "暗号 \(number)\n" : ""))
        }
        let items = Library.load(.paths([folder.path + "/lib"])).items
        let texts = try SearchTexts.prepare(items, path: folder.path + "/texts.bin")
        var batches: [[Int]] = []
        #expect(texts.search(Array("暗号".utf8)) { batches.append($0) })
        #expect(batches.count > 1, "about 10 MB of text: more than one batch")
        #expect(batches.joined().map { items[$0].title }.sorted() == items.filter { $0.title.hasSuffix("篇") }
                    .filter { Int($0.title.split(separator: " ")[1])! % 7 == 0 }.map(\.title).sorted())
        var calls = 0
        let finished = texts.search(Array("暗号".utf8), isCancelled: {
            calls += 1
            return calls > 1
        }) { _ in }
        #expect(!finished)
        var narrowed: [Int] = []
        let among = Array(batches.joined()).sorted()
        #expect(texts.search(Array("暗号 14".utf8), among: among) { narrowed += $0 })
        #expect(narrowed.map { items[$0].title }.sorted() == ["第 14 篇", "第 140 篇", "第 147 篇"])
    }
}
