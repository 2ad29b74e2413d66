import Foundation
import Testing
import ZIPFoundation
@testable import TsundokuLibrary

/// Inputs far larger than any article: each is read within the 64 MB cap or reported by name,
/// and the rest of the library still loads.
@Suite struct ResourceBoundsTests {
    /// A file of `size` bytes that starts with `start` and takes no room on disk (sparse).
    private func sparse(_ folder: TemporaryFolder, _ name: String, start: String, size: Int64) throws -> String {
        let path = folder.write(name, start)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
        return path
    }

    @Test func aFolderOfThousandsOfFilesWithNamesOfEveryLengthIsScannedWhole() throws {
        let folder = TemporaryFolder()
        let longest = String(repeating: "長", count: 80) + ".md"
        #expect(longest.utf8.count == 243, "near the 255 bytes a name may have")
        var names = [longest, "a.md", "四.txt"]
        for index in 0..<3_000 { names.append(String(repeating: "x", count: index % 200 + 1) + "-\(index).txt") }
        for name in names { folder.write("many/" + name, "第 \(name.count) 篇\n") }
        var problems: [LoadProblem] = []
        var folders: [FolderStamp] = []
        let scanned = LibraryScanner.scan(folder.path + "/many", problems: &problems, folders: &folders)
        #expect(problems.isEmpty)
        #expect(Set(scanned.map { String($0.path.split(separator: "/").last!) }) == Set(names))
    }

    @Test func aOneGigabyteFileAndA200MegabyteJSONLinesFileAreNamedAndSkipped() throws {
        let folder = TemporaryFolder()
        let huge = try sparse(folder, "huge.md", start: "---\ntitle: 巨大\n---\n", size: 1 << 30)
        let lines = try sparse(folder, "feed.jsonl", start: "{\"id\": \"x\"}\n", size: 200 << 20)
        folder.write("ok.md", "---\nid: ok\ntitle: 正常的文章\n---\n\n正文。\n")
        let snapshot = ColdAndWarm.load(.paths([folder.path]))
        #expect(snapshot.items.map(\.id) == ["ok"])
        #expect(snapshot.problems.contains(LoadProblem(path: huge, message: "file is 1024 MB, larger than the 64 MB a saved article may be")))
        #expect(snapshot.problems.contains(LoadProblem(path: lines, message: "file is 200 MB, larger than the 64 MB a saved article may be")))
    }

    @Test func aZipBombInsideAnExportIsRefusedByNameAndTheRestLoads() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/export.zip"
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        func add(_ name: String, size: Int, _ chunk: @escaping (Int, Int) -> Data) throws {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate) { position, count in
                chunk(Int(position), count)
            }
        }
        let metadata = Data(#"[{"id": "bomb", "slug": "bomb", "title": "炸弹"}, {"id": "fine", "slug": "fine", "title": "正常"}]"#.utf8)
        try add("metadata_0_to_1.json", size: metadata.count) { metadata.subdata(in: $0..<$0 + $1) }
        let fine = Data("<p>正常的正文。</p>".utf8)
        try add("content/fine.html", size: fine.count) { fine.subdata(in: $0..<$0 + $1) }
        let bombSize = 70 << 20
        try add("content/bomb.html", size: bombSize) { _, count in Data(repeating: 0x61, count: count) }
        let compressed = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(bombSize / compressed > 500, "the entry inflates \(bombSize / compressed)-fold")

        let snapshot = ColdAndWarm.load(.paths([folder.path]))
        let message = "content/bomb.html inflates to more than the 64 MB a saved article may be; not read"
        #expect(snapshot.problems == [LoadProblem(path: path, message: message)])
        #expect(Set(snapshot.items.map(\.id)) == ["bomb", "fine"], "the export still lists the item")
        let bomb = try #require(snapshot.items.first { $0.id == "bomb" })
        #expect(throws: LoadProblem(path: path, message: message)) { try Library.document(for: bomb) }
        let other = try #require(snapshot.items.first { $0.id == "fine" })
        #expect(try Library.document(for: other).blocks.count == 1)
    }
}
