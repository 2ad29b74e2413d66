import Foundation
import Testing
@testable import TsundokuLibrary

@Suite struct BadInputTests {
    private static let goodArticle = "---\nid: good-one\ntitle: 一篇正常的文章\n---\n\n正常的正文。\n"

    /// Writes one hostile file beside a good one and returns the load result.
    private let folder = TemporaryFolder()

    private func load(_ name: String, bytes: [UInt8]) -> LibrarySnapshot {
        for old in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            try? FileManager.default.removeItem(atPath: folder.path + "/" + old)
        }
        folder.write("good.md", Self.goodArticle)
        folder.write(name, bytes: bytes)
        return ColdAndWarm.load(.paths([folder.path]))
    }

    private func expectOneProblem(_ snapshot: LibrarySnapshot, file: String, mentioning words: String) {
        #expect(snapshot.items.map(\.id) == ["good-one"])
        #expect(snapshot.problems.count == 1)
        let problem = snapshot.problems.first
        #expect(problem?.path.hasSuffix(file) == true)
        #expect(problem?.message.contains(words) == true, "\(problem?.message ?? "none")")
        #expect(problem?.description.contains("\n") == false)
    }

    @Test func gbkBytesAreReportedAsNotUTF8() {
        let gbk: [UInt8] = [0xC4, 0xE3, 0xBA, 0xC3, 0xCA, 0xC0, 0xBD, 0xE7]
        expectOneProblem(load("gbk.txt", bytes: gbk), file: "gbk.txt", mentioning: "not valid UTF-8")
    }

    @Test func binaryFilesAreReported() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] + Array(repeating: 0, count: 64)
        expectOneProblem(load("picture.md", bytes: png), file: "picture.md", mentioning: "binary")
    }

    @Test func emptyFilesAreReported() {
        expectOneProblem(load("empty.md", bytes: []), file: "empty.md", mentioning: "empty")
        expectOneProblem(load("blank.md", bytes: Array(" \n\n\t\n".utf8)), file: "blank.md", mentioning: "empty")
    }

    @Test func unterminatedFrontMatterIsReported() {
        let text = "---\nid: x\ntitle: 没有结束\n\n正文。\n"
        expectOneProblem(load("open.md", bytes: Array(text.utf8)), file: "open.md", mentioning: "never closed")
    }

    @Test func frontMatterThatIsNotAMappingIsReported() {
        let text = "---\n- 一\n- 二\n---\n\n正文。\n"
        expectOneProblem(load("list.md", bytes: Array(text.utf8)), file: "list.md", mentioning: "not a mapping")
    }

    @Test func invalidYAMLIsReported() {
        let text = "---\ntitle: [unclosed\n---\n\n正文。\n"
        expectOneProblem(load("bad.md", bytes: Array(text.utf8)), file: "bad.md", mentioning: "not valid YAML")
    }

    @Test func yamlAliasBombLoadsQuicklyWithoutBlowingUp() throws {
        var yaml = "a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for level in 1...12 {
            let previous = "*a\(level - 1)"
            yaml += "a\(level): &a\(level) [\(Array(repeating: previous, count: 9).joined(separator: ", "))]\n"
        }
        let text = "---\nid: bomb\ntitle: 炸弹\n" + yaml + "tags: *a12\n---\n\n正文。\n"
        let snapshot = load("bomb.md", bytes: Array(text.utf8))
        let bomb = try #require(snapshot.items.first { $0.id == "bomb" })
        #expect(bomb.title == "炸弹")
        #expect(bomb.tags.isEmpty)
    }

    @Test func multiMegabyteLineLoads() throws {
        let line = String(repeating: "很长的一行没有换行符，", count: 300_000)
        let snapshot = load("long.txt", bytes: Array(line.utf8))
        #expect(snapshot.problems.isEmpty)
        let item = try #require(snapshot.items.first { $0.path.hasSuffix("long.txt") })
        #expect(item.title.count < 60)
        let document = try Library.document(for: item)
        #expect(document.blocks.count == 1)
    }

    @Test func markdownNestedAThousandLevelsDeepLoadsAndParses() throws {
        let quotes = String(repeating: "> ", count: 1000) + "深处的一句话\n"
        let lists = (0..<1000).map { String(repeating: "  ", count: $0) + "- 第\($0)层" }.joined(separator: "\n")
        let brackets = String(repeating: "[", count: 1000) + "括号" + String(repeating: "](https://example.org)", count: 1000)
        let text = "# 很深\n\n" + quotes + "\n" + lists + "\n\n" + brackets + "\n"
        let snapshot = load("deep.md", bytes: Array(text.utf8))
        let item = try #require(snapshot.items.first { $0.title == "很深" })
        let document = try Library.document(for: item)
        #expect(!document.blocks.isEmpty)
        #expect(document.blocks.contains { $0.readableText.contains("深处的一句话") })
    }

    @Test func symlinkLoopsEndAndAreReported() throws {
        let folder = TemporaryFolder()
        folder.write("good.md", Self.goodArticle)
        try FileManager.default.createDirectory(atPath: folder.path + "/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/sub/loop", withDestinationPath: folder.path)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/self", withDestinationPath: folder.path + "/self")
        let snapshot = ColdAndWarm.load(.paths([folder.path]))
        #expect(snapshot.items.map(\.id) == ["good-one"])
        #expect(snapshot.problems.count == 2)
        #expect(snapshot.problems.contains { $0.path.hasSuffix("/self") && $0.message.contains("loop") })
    }

    @Test func aLinkedFileIsReadWhereItIsLinkedInTheOrderOfItsName() throws {
        let folder = TemporaryFolder()
        folder.write("elsewhere/linked.md", "---\nid: linked\ntitle: 链接来的文章\ndate_saved: 2025-03-02\n---\n\n正文。\n")
        folder.write("lib/a.md", "---\nid: same\ntitle: 先找到的\ndate_saved: 2025-03-01\n---\n\n甲。\n")
        folder.write("lib/c.md", "---\nid: same\ntitle: 后找到的\ndate_saved: 2025-03-03\n---\n\n乙。\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/lib/b.md", withDestinationPath: folder.path + "/elsewhere/linked.md")
        let snapshot = ColdAndWarm.load(.paths([folder.path + "/lib"]))
        #expect(snapshot.items.map(\.id) == ["same", "linked"])
        #expect(snapshot.items.first { $0.id == "linked" }?.path == folder.path + "/lib/b.md")
        // Names are taken last first, so c.md is found before a.md and its item kept.
        #expect(snapshot.items.first?.title == "后找到的")
        #expect(snapshot.problems.map(\.path) == [folder.path + "/lib/a.md"])
    }

    @Test func brokenLinksAndUnreadableFilesAreReported() throws {
        let folder = TemporaryFolder()
        folder.write("good.md", Self.goodArticle)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/gone.md", withDestinationPath: folder.path + "/missing")
        let snapshot = ColdAndWarm.load(.paths([folder.path]))
        #expect(snapshot.items.map(\.id) == ["good-one"])
        #expect(snapshot.problems.map(\.path) == [folder.path + "/gone.md"])
        #expect(snapshot.problems.first?.message.contains("cannot read") == true)
    }

    @Test func hiddenFoldersAreSkipped() {
        let folder = TemporaryFolder()
        folder.write("good.md", Self.goodArticle)
        folder.write(".git/objects/blob", bytes: [0, 1, 2, 3])
        folder.write(".obsidian/app.json", "{}")
        let snapshot = ColdAndWarm.load(.paths([folder.path]))
        #expect(snapshot.items.map(\.id) == ["good-one"])
        #expect(snapshot.problems.isEmpty)
    }

    @Test func duplicateIDsKeepTheFirstAndReportTheSecond() {
        let folder = TemporaryFolder()
        folder.write("a.md", Self.goodArticle)
        folder.write("b/copy.md", Self.goodArticle)
        let snapshot = ColdAndWarm.load(.paths([folder.path]))
        #expect(snapshot.items.count == 1)
        #expect(snapshot.problems.first?.message.contains("same item id good-one") == true)
    }
}
