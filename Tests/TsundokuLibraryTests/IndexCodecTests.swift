import Foundation
import Testing
@testable import TsundokuLibrary

/// The cache's hand-written binary form keeps every field of every cached type.
@Suite struct IndexCodecTests {
    private static let location = BodyLocation(format: .jsonLine, lines: [0..<1, 3..<Int.max], path: "/h/highlights.md", htmlBlocks: [2..<5])
    private static let item = Item(id: "i#02", parent: "i", kind: .digestItem, title: "标题 02", author: "作者", site: "站点",
                                   url: "https://example.org/a", saved: Date(timeIntervalSince1970: 1_709_627_400.125),
                                   published: Date(timeIntervalSince1970: -86_400.5), path: "/lib/a.jsonl", position: 2,
                                   tags: ["新闻", "long reads", ""], body: location, highlights: BodyLocation(format: .markdown, lines: []),
                                   amount: TextAmount(characters: 1_234, words: 56))
    private static let entry = MetadataIndex.Entry(
        file: ScannedFile(path: "/lib/a.jsonl", size: 4_096, modified: -1, changed: 1_709_627_400_000_000_123, inode: UInt64.max),
        result: ParsedFile(items: [item, item], problems: [LoadProblem(path: "/lib/a.jsonl", message: "line 3: not valid JSON")],
                           sourceMarks: [MarkEntry(time: 1_000, operation: .position, id: "i", position: ReadingPosition(seen: 5_000, block: 3, intoBlock: 12)),
                                         MarkEntry(time: -5, operation: .star, id: "i#02")]))

    @Test func everyStoredPropertyOfTheCachedTypesIsWritten() {
        let samples: [String: Any] = ["Entry": Self.entry, "ScannedFile": Self.entry.file, "ParsedFile": Self.entry.result,
                                      "Item": Self.item, "BodyLocation": Self.location, "TextAmount": Self.item.amount!,
                                      "LoadProblem": Self.entry.result.problems[0], "MarkEntry": Self.entry.result.sourceMarks[0],
                                      "ReadingPosition": Self.entry.result.sourceMarks[0].position!,
                                      "ItemFields.Header": (Mirror(reflecting: Self.item).descendant("fields") as! ItemFields).header]
        for (name, sample) in samples {
            #expect(Mirror(reflecting: sample).children.count == IndexCodec.fieldCounts[name],
                    "\(name) has fields the cache does not write; add them to IndexCodec")
        }
        #expect(Set(samples.keys) == Set(IndexCodec.fieldCounts.keys))
    }

    @Test func entriesReadBackEqualAndDamageIsRefused() throws {
        let other = MetadataIndex.Entry(file: ScannedFile(path: "/lib/b.md", size: 0, modified: 0), result: ParsedFile(items: [], problems: []))
        let bytes = IndexCodec.encode([Self.entry, other])
        #expect(IndexCodec.decode(bytes[...]) == [Self.entry, other])
        for cut in [1, bytes.count / 2, bytes.count - 1] {
            #expect(IndexCodec.decode(bytes[..<cut]) == nil, "a cache cut at \(cut) of \(bytes.count) bytes is not trusted")
        }
        var flipped = bytes
        flipped[flipped.count / 3] ^= 0xFF
        #expect(IndexCodec.decode(flipped[...]) != [Self.entry, other], "a damaged byte never reads back as the same entries")
        #expect(IndexCodec.decode((bytes + [0])[...]) == nil, "trailing bytes are damage")
    }
}

/// The loader hands items over in reading order, and `MarkedLibrary` keeps such an array as it is.
@Suite struct ReadingOrderTests {
    private static func item(_ id: String, saved: Double, parent: String? = nil, position: Int? = nil, title: String = "t") -> Item {
        Item(id: id, parent: parent, kind: parent == nil ? .article : .digestItem, title: title,
             saved: Date(timeIntervalSince1970: saved), path: "/f", position: position, body: BodyLocation(format: .markdown, lines: []))
    }

    @Test func anyOrderComesOutTheSameAndAnOrderedArrayIsKept() {
        let items = [Self.item("old", saved: 1), Self.item("d#02", saved: 5, parent: "d", position: 2), Self.item("new", saved: 9),
                     Self.item("d", saved: 5), Self.item("d#01", saved: 5, parent: "d", position: 1), Self.item("tie-b", saved: 5, title: "乙"),
                     Self.item("orphan#01", saved: 7, parent: "orphan", position: 1)]
        let expected = ["new", "d", "d#01", "d#02", "tie-b", "old"]
        let library = MarkedLibrary(items: items, marks: Marks())
        #expect(library.items.map(\.id) == expected, "an item whose digest is missing is left out")
        #expect(MarkedLibrary.isInReadingOrder(library.items))
        #expect(!MarkedLibrary.isInReadingOrder(items))
        for permutation in [items.reversed(), items.shuffled(), items.shuffled()] {
            #expect(MarkedLibrary(items: Array(permutation), marks: Marks()).items.map(\.id) == expected)
            var inPlace = Array(permutation)
            Library.rearrange(&inPlace, keeping: MarkedLibrary.readingOrder(inPlace))
            #expect(inPlace == library.items, "the loader's in-place order is the same, items unchanged")
            var some = Array(permutation)
            let among = some.indices.filter { some[$0].id != "new" && some[$0].id != "d#01" }
            Library.rearrange(&some, keeping: MarkedLibrary.readingOrder(some, among: among))
            #expect(some.map(\.id) == expected.filter { $0 != "new" && $0 != "d#01" }, "only the items asked for, in order")
        }
        let snapshot = Library.load(.sample)
        #expect(MarkedLibrary(items: snapshot.items, marks: Marks(), lookup: snapshot.lookup) == MarkedLibrary(items: snapshot.items, marks: Marks()),
                "the loader's lookup is the one the library would make")
        #expect(!MarkedLibrary.isInReadingOrder([Self.item("d#01", saved: 5, parent: "d", position: 1), Self.item("d", saved: 5)]))
        #expect(!MarkedLibrary.isInReadingOrder([Self.item("d", saved: 5), Self.item("d#02", saved: 5, parent: "d", position: 2),
                                                 Self.item("d#01", saved: 5, parent: "d", position: 1)]))
    }
}
