import Foundation
import Testing
import TsundokuLibrary
@testable import ReaderCore

/// The title index must find exactly what a plain substring search over every title, site and
/// author finds, for any query, typed fresh or narrowed from a shorter one.
@Suite struct SearchKeysTests {
    private static let pieces = ["积读", "彗星", "图书馆", "Swift", "SWIFT 6", "ｆｕｌｌ", "Ünïcode", "e\u{301}", "👩‍💻", "2.0", "  ",
                                 "「引号」", "……", "한국어", "カタカナ", "x", "ex", "example.net", "0", "12"]

    private func items(_ count: Int, seed: UInt64) -> [Item] {
        var random = SeededRandom(seed)
        return (0..<count).map { number in
            let title = (0..<random.next(upTo: 5) + 1).map { _ in Self.pieces[random.next(upTo: Self.pieces.count)] }.joined()
            return Item(id: "i\(number)", kind: .article, title: title, author: random.next(upTo: 3) == 0 ? "作者 \(number % 7)" : nil,
                        site: random.next(upTo: 2) == 0 ? "少数派" : "Example Weekly", saved: Date(timeIntervalSince1970: 0),
                        path: "/virtual/\(number).md", body: BodyLocation(format: .markdown, lines: []))
        }
    }

    private func expected(_ items: [Item], _ needle: String) -> [Int] {
        let bytes = Array(needle.utf8)
        return items.indices.filter { index in
            let key = Array((items[index].title + " " + (items[index].site ?? "") + " " + (items[index].author ?? "")).lowercased().utf8)
            return key.withUnsafeBytes { ByteSearch.contains($0, bytes) }
        }
    }

    @Test func everyQueryFindsWhatAPlainScanFinds() {
        let items = items(2_000, seed: 7)
        let keys = SearchKeys.build(items)
        var queries = Set<String>()
        for piece in Self.pieces {
            let lowered = piece.lowercased()
            for length in 1...min(4, lowered.unicodeScalars.count) {
                queries.insert(String(String.UnicodeScalarView(lowered.unicodeScalars.prefix(length))))
            }
        }
        queries.formUnion(["星图", "积读彗", "6ｆ", "weekly", "派 ", " 作者 3", "e\u{301}x", "💻", "no such thing", "t少"])
        for query in queries {
            let needle = Array(query.utf8)
            #expect(keys.matches(needle, among: nil).indices == expected(items, query), "\(query)")
        }
    }

    @Test func wordsMostItemsShareAreFoundAsExactlyAsRareOnes() {
        // Every title says 派早报, all but the last 终端, every other one 彗星, one in ten 图书馆.
        let items = (0..<301).map { number in
            Item(id: "d\(number)", kind: .article,
                 title: "派早报 \(number)" + (number % 2 == 0 ? " 彗星" : "") + (number == 300 ? "" : " 终端") + (number % 10 == 0 ? " 图书馆" : ""),
                 site: number < 151 ? "少数派" : nil, saved: Date(timeIntervalSince1970: 0), path: "/virtual/\(number).md",
                 body: BodyLocation(format: .markdown, lines: []))
        }
        let keys = SearchKeys.build(items)
        for query in ["派", "派早报", "早报 3", "彗星", "终端", "端 图", "星 终端", "终端 图书馆", "报 30", "少数派", "派 少", "0", "图书馆"] {
            var among: SearchMatches?
            for length in 1...query.unicodeScalars.count {
                let prefix = String(String.UnicodeScalarView(query.unicodeScalars.prefix(length)))
                let fresh = keys.matches(Array(prefix.utf8), among: nil)
                let narrowed = keys.matches(Array(prefix.utf8), among: among)
                #expect(fresh.indices == expected(items, prefix) && narrowed.indices == fresh.indices, "\(prefix)")
                among = narrowed
            }
        }
    }

    @Test func aGrowingQueryNarrowedFromItsShorterFormFindsTheSame() {
        let items = items(1_500, seed: 11)
        let keys = SearchKeys.build(items)
        for query in ["example.net", "图书馆", "swift 6", "「引号」……"] {
            var among: SearchMatches?
            for length in 1...query.unicodeScalars.count {
                let prefix = String(String.UnicodeScalarView(query.unicodeScalars.prefix(length)))
                let narrowed = keys.matches(Array(prefix.utf8), among: among)
                #expect(narrowed.indices == expected(items, prefix), "\(prefix)")
                among = narrowed
            }
        }
    }

    @Test func aQueryNarrowedFromAnyPartOfItFindsTheSame() {
        let items = items(1_500, seed: 13)
        let keys = SearchKeys.build(items)
        for query in ["example.net", "「引号」……", "swift 6ｆｕｌｌ", "ex ex"] {
            let scalars = Array(query.unicodeScalars)
            for start in scalars.indices {
                for end in scalars.indices.dropFirst(start + 2) {
                    let part = String(String.UnicodeScalarView(scalars[start...end]))
                    // Narrowed once more, so the part's matches say where each held it.
                    let shorter = keys.matches(Array(String(String.UnicodeScalarView(scalars[start..<end])).utf8), among: nil)
                    let among = keys.matches(Array(part.utf8), among: shorter)
                    #expect(keys.matches(Array(query.utf8), among: among).indices == expected(items, query), "\(query) from \(part)")
                }
            }
        }
    }
}

/// A small deterministic generator, so a failing case can be run again.
struct SeededRandom {
    private var state: UInt64

    init(_ seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next(upTo bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
