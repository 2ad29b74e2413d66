import Foundation
import Testing
@testable import TsundokuLibrary

/// Files parsed on several threads finish in any order; the library's array holds their items
/// in the order the files were found, after the cache's, whatever order they arrived in.
@Suite struct ItemGatheringTests {
    private func file(_ number: Int, items count: Int) -> ParsedFile {
        let items = (0..<count).map { index in
            Item(id: "f\(number)-\(index)", kind: .article, title: "\(number).\(index)", saved: Date(timeIntervalSince1970: 0),
                 path: "/lib/\(number).md", body: BodyLocation(format: .markdown, lines: [0..<1]))
        }
        return ParsedFile(items: items, problems: count == 0 ? [LoadProblem(path: "/lib/\(number).md", message: "empty")] : [])
    }

    @Test func filesFinishedOutOfOrderAreGatheredInTheOrderFound() {
        let cached = file(1_000, items: 3).items
        let gathering = ItemGathering(cachedItems: cached, fileCount: 300)
        var arrival = Array(0..<300)
        var generator = SystemRandomNumberGenerator()
        arrival.shuffle(using: &generator)
        for (step, position) in arrival.enumerated() {
            gathering.add(file(position, items: position % 4), at: position)
            #expect(gathering.parsed == step + 1)
            let (shown, gatheredFiles) = gathering.read { ($0.itemsSoFar(cachedAt: [0..<3]), $0.ranges.count) }
            #expect(shown.count == 3 + arrival.prefix(step + 1).reduce(0) { $0 + $1 % 4 }, "every parsed file shows, gathered or waiting")
            #expect(Set(shown.map(\.id)).count == shown.count)
            #expect(gatheredFiles == (0..<300).first { !arrival.prefix(step + 1).contains($0) } ?? 300)
        }
        let gathered = gathering.take()
        #expect(gathered.waiting.isEmpty)
        #expect(Array(gathered.items.prefix(3)) == cached)
        for position in 0..<300 {
            #expect(gathered.items[gathered.ranges[position]].map(\.id) == file(position, items: position % 4).items.map(\.id))
            #expect(gathered.problems[position].count == (position % 4 == 0 ? 1 : 0))
        }
        #expect(gathered.items.count == 3 + (0..<300).reduce(0) { $0 + $1 % 4 })
    }
}
