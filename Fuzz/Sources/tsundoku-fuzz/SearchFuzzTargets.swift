import Foundation
@testable import ReaderCore
@testable import TsundokuLibrary

/// Search, fed arbitrary text: the title index finds exactly what a plain scan finds.
extension FuzzTargets {
    /// Any bytes as titles (one a line; the first line is the query): the index's matches for
    /// every prefix of the query, fresh and narrowed from the one before, are exactly the titles
    /// whose lower-cased key holds the lower-cased query, byte for byte.
    static func search(_ bytes: [UInt8]) {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let query = lines.first, lines.count > 1 else { return }
        let items = lines.dropFirst().prefix(200).enumerated().map { number, title in
            Item(id: "i\(number)", kind: .article, title: title, author: number % 3 == 0 ? "作者" : nil,
                 site: number % 2 == 0 ? "Site" : nil, saved: modified, path: "/fuzz/\(number).md",
                 body: BodyLocation(format: .markdown, lines: []))
        }
        let keys = SearchKeys.build(items)
        let itemKeys = items.map { Array(($0.title + " " + ($0.site ?? "") + " " + ($0.author ?? "")).lowercased().utf8) }
        let scalars = Array(query.lowercased().unicodeScalars.prefix(12))
        var narrowed: SearchMatches?
        for length in 1...max(1, scalars.count) where length <= scalars.count {
            let needle = Array(String(String.UnicodeScalarView(scalars.prefix(length))).utf8)
            let expected = itemKeys.indices.filter { index in itemKeys[index].withUnsafeBytes { ByteSearch.contains($0, needle) } }
            let fresh = keys.matches(needle, among: nil).indices
            require(fresh == expected, "index \(fresh) and scan \(expected) differ for \(String(decoding: needle, as: UTF8.self).debugDescription)")
            let grown = keys.matches(needle, among: narrowed)
            require(grown.indices == expected, "narrowed \(grown.indices) and scan \(expected) differ")
            narrowed = grown
        }
    }
}
