import Foundation
import Testing
@testable import TsundokuLibrary

/// Defects a reader hits in files as the world writes them, each against a fixture of
/// `Tests/Fixtures/libraries` or a file written here the same way.
@Suite struct RealFilesTests {
    private func items(_ text: String, path: String = "/x/file.md") -> ParsedFile {
        ItemFileParser.parse(bytes: Array(text.utf8), path: path, modified: Date(timeIntervalSince1970: 1_700_000_000))
    }

    private func fixture(_ library: String) -> LibrarySnapshot {
        ColdAndWarm.load(.paths([FixtureFolder.libraries + "/" + library]))
    }

    @Test func digestSectionsWhoseTitlesStartWithDigitsAreAllFound() throws {
        let snapshot = fixture("markdown")
        let children = snapshot.items.filter { $0.parent == "fixture-digest-0001" }
        #expect(children.map(\.title) == [
            "社区书店联合推出夜读计划", "旧城区开通第二条共享单车专用道", "3D 打印住宅在郊区完成封顶", "气象台发布春季第一份花期预报",
            "博物馆夜场延长至晚上十点", "小学开设编程兴趣课", "5G 手机在地铁隧道实现连续覆盖", "菜市场试点电子价签",
            "图书漂流站新增十个站点", "24 小时无人配送车开始夜间试运行",
        ])
        #expect(children.map(\.position) == Array(1...10).map(Optional.init))
    }

    @Test func digestsWithMoreThanAHundredSectionsKeepEveryItem() {
        let sections = (2...120).map { "### \($0 < 10 ? "0" : "")\($0)第 \($0) 条新闻\n\n第 \($0) 条的正文，讲清楚一件事。\n" }
        let text = "## 新鲜事\n\n导语新闻的正文，讲一件大事。\n\n" + sections.joined(separator: "\n")
        let children = items(text).items.filter { $0.kind == .digestItem }
        #expect(children.count == 120)
        #expect(children.last?.title == "第 120 条新闻")
        #expect(children[99].title == "第 100 条新闻")
    }

    @Test func prettyPrintedHTMLSplitsLikeCompactHTML() {
        let children = fixture("export").items.filter { $0.parent == "ex-3" }
        #expect(children.map(\.title) == ["三件事", "第二件事", "第三件事"])
    }

    @Test func strayControlCharactersInGoodTextDoNotMakeItBinary() throws {
        let snapshot = fixture("markdown")
        let item = try #require(snapshot.items.first { $0.path.hasSuffix("stray-controls.txt") })
        #expect(item.title == "一篇带着杂质的纯文本")
        let text = try Library.document(for: item).blocks.map(\.readableText).joined()
        #expect(text.contains("\u{0}") && text.contains("\u{7}") && text.contains("\u{1B}"))
        #expect(!snapshot.problems.contains { $0.path.hasSuffix("stray-controls.txt") })
    }

    @Test func binaryStaysBinaryAndUTF16SaysHowToConvert() {
        let manyNULs = Array("文字".utf8) + Array(repeating: 0, count: 200) + Array("文字".utf8)
        #expect(items(String(decoding: manyNULs, as: UTF8.self)).problems.first?.message.contains("binary") == true)
        let pdf = Array("%PDF-1.7\n".utf8) + Array("正文".utf8)
        #expect(ItemFileParser.parse(bytes: pdf, path: "/x/a.txt", modified: Date()).problems.first?.message.contains("binary") == true)
        let utf16: [UInt8] = [0xFF, 0xFE] + "标题\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let problem = ItemFileParser.parse(bytes: utf16, path: "/x/a.txt", modified: Date()).problems.first
        #expect(problem?.message.contains("UTF-16") == true && problem?.message.contains("iconv") == true)
    }

    @Test func nullFrontMatterFieldsAreAbsentAndDatesInMoreFormsAreRead() throws {
        let snapshot = fixture("markdown")
        let item = try #require(snapshot.items.first { $0.path.hasSuffix("null-fields.md") })
        #expect(item.id != "~" && item.id.count == 16)
        #expect(item.title == "没有标题的一篇短文，标题应当取自这第一句话。")
        #expect(item.author == nil)
        #expect(DateParsing.iso8601(item.saved) == "2023-12-17T12:02:29Z")
        var midnight = tm()
        midnight.tm_year = 123
        midnight.tm_mon = 11
        midnight.tm_mday = 17
        midnight.tm_isdst = -1
        #expect(item.published == Date(timeIntervalSince1970: Double(mktime(&midnight))))
        #expect(DateParsing.parse("1702814549") == Date(timeIntervalSince1970: 1_702_814_549))
        #expect(DateParsing.parse("1702814549000") == Date(timeIntervalSince1970: 1_702_814_549))
        #expect(DateParsing.parse("17 Dec 2023") == item.published)
    }

    @Test func impossibleDatesAreReportedAndTheArticleStillLoads() {
        let parsed = items("---\nid: feb\ntitle: 二月\ndate_saved: 2023-02-30 10:00:00\n---\n\n正文。\n", path: "/lib/feb.md")
        #expect(parsed.items.map(\.id) == ["feb"])
        #expect(parsed.problems == [LoadProblem(path: "/lib/feb.md", message: "front matter date_saved is not a date: 2023-02-30 10:00:00")])
        #expect(DateParsing.parse("2024-02-29") != nil)
        #expect(DateParsing.parse("2023-02-29") == nil)
        #expect(DateParsing.parse("2023-04-31T10:00:00Z") == nil)
    }

    @Test func markdownWithoutAHeadingIsTitledByItsFirstWords() throws {
        let item = try #require(fixture("markdown").items.first { $0.path.hasSuffix("notes-without-heading.md") })
        #expect(item.title == "读书笔记：关于慢读的几点想法，写在周末。")
        #expect(items("* 第一条\n* 第二条\n\n[https://example.org](https://example.org)\n").items.first?.title == "第一条")
        #expect(items("```\ncode\n```\n\n> 引用的一句话\n\n正文第一句。\n").items.first?.title == "正文第一句。")
    }

    @Test func onlyRealAddressesBecomeMailLinks() {
        let document = MarkdownDocument.parse("处理器 2xA715@2.8Ghz 很快，联系 editor@example.org 或访问 www.example.org。")
        guard case .paragraph(let inlines) = document.blocks.first else {
            Issue.record("no paragraph")
            return
        }
        let links = inlines.compactMap { inline -> String? in
            if case .link(let url, _) = inline { return url }
            return nil
        }
        #expect(links == ["mailto:editor@example.org", "http://www.example.org"])
        #expect(inlines.plainText.contains("2xA715@2.8Ghz"))
    }

    @Test func jsonLinesParentsDatesAndDuplicatesAreReported() throws {
        let folder = TemporaryFolder()
        let library = try FixtureFolder.copy("jsonl", into: folder)
        let modified = Date(timeIntervalSince1970: 1_600_000_000)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: library + "/items.jsonl")
        let snapshot = ColdAndWarm.load(.paths([library]))
        func item(_ id: String) -> Item? { snapshot.items.first { $0.id == id } }
        #expect(item("j-3")?.saved == modified)
        #expect(item("j-2#01")?.saved == item("j-2")?.saved)
        #expect(item("j-4")?.kind == .article && item("j-4")?.parent == nil)
        #expect(item("j-5")?.kind == .article && item("j-5")?.parent == nil)
        #expect(item("j-1")?.title == "JSON 行里的一篇")
        #expect(snapshot.problems.map(\.message) == [
            "line 6: j-4 names a parent missing-parent that is not in the file; shown as an article",
            "line 7: j-5 is its own parent; shown as an article",
            "line 8: same id j-1 as line 1, skipped",
            "line 9: not valid JSON",
        ])
    }

    @Test func slugsStayInsideTheExportAndOnlyRegularFilesAreRead() throws {
        let folder = TemporaryFolder()
        let library = try FixtureFolder.copy("export", into: folder)
        #expect(mkfifo(library + "/content/paper.html", 0o644) == 0)
        let snapshot = ColdAndWarm.load(.paths([library]))
        let escaped = try #require(snapshot.items.first { $0.id == "ex-4" })
        #expect(escaped.body.format == .unavailable)
        #expect(!escaped.path.contains(".."))
        #expect(snapshot.problems.contains { $0.message.contains("slug ../../../../etc/hostname leaves content/") })
        #expect(snapshot.items.first { $0.id == "ex-2" }?.body.format == .unavailable)
        #expect(throws: (any Error).self) { try FileIO.read(library + "/content/paper.html") }
    }

    /// Found by the `markdown` fuzz target (Fuzz/Regressions/markdown/empty-heading-title): an
    /// empty `##` heading became an empty title.
    @Test func anEmptyHeadingIsNotATitle() throws {
        let folder = TemporaryFolder()
        folder.write("a.md", "-g-\nid: ~\n\n##\n\n第一段正文。\n")
        folder.write("b.md", "#\n\n## \n")
        let items = ColdAndWarm.load(.paths([folder.path])).items
        #expect(items.first { $0.path.hasSuffix("a.md") }?.title == "-g-")
        #expect(items.allSatisfy { !$0.title.isEmpty })
    }

    /// Found by the `markdown` fuzz target (Fuzz/Regressions/markdown/digest-section-without-title):
    /// a digest's trailing section under an empty heading became an item with an empty title.
    @Test func aDigestSectionUnderAnEmptyHeadingIsNamedByItsPlace() throws {
        let folder = TemporaryFolder()
        let sections = (2...4).map { "### 0\($0)第 \($0) 条新闻\n\n第 \($0) 条的正文，说了一件事。\n" }.joined(separator: "\n")
        folder.write("digest.md", """
            ---
            id: d
            title: 早报：三件事 - 示例站
            ---

            ## 你可能错过的新鲜事

            导语。

            \(sections)
            ## \u{20}

            这一段是空标题下面的新闻正文，足够长，讲了一件事情的来龙去脉。
            """)
        let items = ColdAndWarm.load(.paths([folder.path])).items
        #expect(items.allSatisfy { !$0.title.trimmingCharacters(in: .whitespaces).isEmpty }, "\(items.map(\.title))")
        #expect(items.last?.title == "早报：三件事 - 示例站 #5")
    }
}
