import Foundation
import Testing
@testable import TsundokuLibrary

/// Reading many bodies in a row keeps the files read last: the items of one file (a JSON Lines
/// export of thousands) read it once, and every body is the one read alone.
@Suite struct BodyReaderTests {
    @Test(arguments: [0, 1 << 20])
    func bodiesReadInARowAreTheBodiesReadAlone(keptBytes: Int) throws {
        let folder = TemporaryFolder()
        let items = try ["jsonl", "markdown", "export"].flatMap { name in
            Library.load(.paths([try FixtureFolder.copy(name, into: folder)])).items
        }
        #expect(Set(items.map(\.path)).count > 3)
        let reader = BodyReader(keptBytes: keptBytes)
        var generator = SystemRandomNumberGenerator()
        for item in items.shuffled(using: &generator) {
            #expect(try reader.document(for: item) == Library.document(for: item), "\(item.id)")
        }
    }

    @Test func aFileIsReadOnceForItsItemsWhileItIsAmongTheLastRead() throws {
        let folder = TemporaryFolder()
        folder.write("export.jsonl", (1...3).map { "{\"id\":\"j\($0)\",\"title\":\"第\($0)条\",\"text\":\"第\($0)条的正文。\"}" }.joined(separator: "\n") + "\n")
        folder.write("other.md", "---\nid: other\ntitle: 另一篇\n---\n\n另一篇的正文。\n")
        let items = Library.load(.paths([folder.path])).items
        let lines = items.filter { $0.path.hasSuffix(".jsonl") }.sorted { $0.id < $1.id }
        let other = try #require(items.first { $0.id == "other" })
        #expect(lines.count == 3)
        let alone = try lines.map(Library.document(for:))
        #expect(alone.allSatisfy { !$0.blocks.isEmpty })

        let keeping = BodyReader()
        let forgetting = BodyReader(keptBytes: 0)
        let oneFile = BodyReader(keptFiles: 1)
        _ = try keeping.document(for: lines[0])
        _ = try forgetting.document(for: lines[0])
        _ = try oneFile.document(for: lines[0])
        try FileManager.default.removeItem(atPath: folder.path + "/export.jsonl")
        #expect(try keeping.document(for: lines[1]) == alone[1])
        _ = try keeping.document(for: other)
        #expect(try keeping.document(for: lines[2]) == alone[2])
        _ = try forgetting.document(for: other)
        #expect(throws: LoadProblem.self) { try forgetting.document(for: lines[1]) }
        _ = try oneFile.document(for: other)
        #expect(throws: LoadProblem.self) { try oneFile.document(for: lines[1]) }
    }
}
