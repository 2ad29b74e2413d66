import Foundation
import Testing
@testable import TsundokuLibrary

/// Items are stored compactly; every value read back is the value written, and equal values
/// stay equal (the cache and the reader compare items).
@Suite struct CompactItemTests {
    static let locations: [BodyLocation] = [
        BodyLocation(format: .markdown, lines: []),
        BodyLocation(format: .markdown, lines: [0..<1]),
        BodyLocation(format: .markdown, lines: [12..<4_000_000]),
        BodyLocation(format: .markdown, lines: [5..<5]),
        BodyLocation(format: .markdown, lines: [0..<0]),
        BodyLocation(format: .plainText, lines: [3..<9, 12..<20]),
        BodyLocation(format: .markdown, lines: [Int(UInt32.max) + 7..<Int(UInt32.max) + 9]),
        BodyLocation(format: .markdown, lines: [2..<3], path: "/export/highlights/文章.md"),
        BodyLocation(format: .jsonLine, lines: [4..<5], htmlBlocks: [0..<3, 7..<9]),
        BodyLocation(format: .html, lines: [], htmlBlocks: []),
    ]

    @Test func bodyLocationsGiveBackWhatTheyWereGiven() {
        let given: [(lines: [Range<Int>], path: String?, blocks: [Range<Int>]?)] = [
            ([], nil, nil), ([0..<1], nil, nil), ([12..<4_000_000], nil, nil), ([5..<5], nil, nil), ([0..<0], nil, nil),
            ([3..<9, 12..<20], nil, nil), ([Int(UInt32.max) + 7..<Int(UInt32.max) + 9], nil, nil),
            ([2..<3], "/export/highlights/文章.md", nil), ([4..<5], nil, [0..<3, 7..<9]), ([], nil, []),
        ]
        for (location, expected) in zip(Self.locations, given) {
            #expect(location.lines == expected.lines && location.path == expected.path && location.htmlBlocks == expected.blocks)
        }
        for (index, location) in Self.locations.enumerated() {
            for (other, value) in Self.locations.enumerated() {
                #expect((location == value) == (index == other), "\(index) and \(other)")
            }
            var changed = location
            changed.lines = [1..<2]
            changed.lines = location.lines
            changed.path = "/elsewhere"
            changed.path = location.path
            #expect(changed == location && changed.hashValue == location.hashValue, "\(index) written and written back")
        }
    }

    @Test func itemsGiveBackWhatTheyWereGiven() {
        let dates: [Date?] = [nil, Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -86_400 * 365 * 80), Date(timeIntervalSince1970: 1_764_000_000.25)]
        let positions: [Int?] = [nil, 0, 1, 37, Int(UInt32.max) - 1]
        let amounts: [TextAmount?] = [nil, TextAmount(characters: 0, words: 0), TextAmount(characters: 60_000_000, words: 2_000_000)]
        var items: [Item] = []
        for (index, published) in dates.enumerated() {
            for position in positions {
                for amount in amounts {
                    let highlights = index % 2 == 0 ? nil : Self.locations[index]
                    let item = Item(id: "i\(items.count)", kind: .digestItem, title: "标题", saved: Date(timeIntervalSince1970: 5), published: published,
                                    path: "/a.md", position: position, body: Self.locations[1], highlights: highlights, amount: amount)
                    #expect(item.published == published && item.position == position && item.amount == amount && item.highlights == highlights)
                    items.append(item)
                }
            }
        }
        #expect(Set(items).count == items.count, "items that differ are not equal")
        var copy = items[7]
        copy.published = nil
        copy.position = nil
        copy.amount = nil
        copy.highlights = nil
        copy.published = items[7].published
        copy.position = items[7].position
        copy.amount = items[7].amount
        copy.highlights = items[7].highlights
        #expect(copy == items[7] && copy.hashValue == items[7].hashValue)
    }

    @Test func textsReadBackAsWrittenAbsentNotEmptyAndEachChangedAlone() {
        let texts: [String?] = [nil, "", "a", "第 12 篇：终端里的中文排版", String(repeating: "长", count: 30_000), "https://example.com/路径?q=1#frag", "\u{0}x"]
        var items: [Item] = []
        for (index, title) in texts.enumerated() {
            let other = texts[(index + 3) % texts.count]
            let item = Item(id: "i\(index)", parent: other, kind: .article, title: title ?? "", author: texts[(index + 1) % texts.count],
                            site: other, url: texts[(index + 2) % texts.count], saved: Date(timeIntervalSince1970: 0), path: "/a.md",
                            tags: index % 2 == 0 ? [] : ["标签", ""], body: Self.locations[1])
            #expect(item.title == title ?? "" && item.parent == other && item.site == other)
            #expect(item.author == texts[(index + 1) % texts.count] && item.url == texts[(index + 2) % texts.count])
            #expect(item.tags == (index % 2 == 0 ? [] : ["标签", ""]) && item.hasParent == (other != nil))
            items.append(item)
        }
        #expect(Set(items).count == items.count, "items that differ are not equal")
        for (index, item) in items.enumerated() {
            var changed = item
            changed.author = "someone else"
            #expect(changed.title == item.title && changed.parent == item.parent && changed.site == item.site && changed.url == item.url)
            #expect(changed != item)
            changed.author = item.author
            #expect(changed == item && changed.hashValue == item.hashValue, "\(index) written and written back")
            var emptied = item
            emptied.site = ""
            #expect((emptied == item) == (item.site == ""), "an empty site is not an absent one")
        }
    }

    @Test func titlesAreOrderedByCodePoints() {
        let titles = ["", "A", "a", "ab", "b", "Z 后", "中", "中文", "中国", "😀"]
        let items = titles.map { Item(id: $0, kind: .article, title: $0, saved: Date(timeIntervalSince1970: 0), path: "/a.md", body: Self.locations[1]) }
        for left in items.indices {
            for right in items.indices {
                let expected = Array(titles[left].utf8).lexicographicallyPrecedes(Array(titles[right].utf8)) ? -1 : titles[left] == titles[right] ? 0 : 1
                #expect(items[left].titleOrder(against: items[right]) == expected, "\(titles[left]) against \(titles[right])")
            }
        }
    }

    @Test func anItemTakesAtMostNinetySixBytesInPlace() {
        #expect(MemoryLayout<Item>.stride <= 96, "\(MemoryLayout<Item>.stride) bytes")
    }
}
