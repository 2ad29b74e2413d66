import Foundation
import Testing
@testable import TsundokuLibrary

@Suite struct FormatDetectionTests {
    private func items(_ text: String, path: String = "/x/file.txt", modified: Date = Date(timeIntervalSince1970: 0)) throws -> [Item] {
        ItemFileParser.parse(bytes: Array(text.utf8), path: path, modified: modified).items
    }

    @Test func frontMatterMarkdownNamedTxtIsReadAsMarkdown() throws {
        let text = """
        ---
        id: abc-123
        title: |
          一篇带块标量标题的文章
        author: 作者甲
        date_saved: 2024-03-05 10:20:30
        date_published: 2024-03-04T08:00:00+08:00
        tags: [阅读, 终端]
        ---

        正文第一段，**加粗**。
        """
        let item = try #require(try items(text).first)
        #expect(item.id == "abc-123")
        #expect(item.kind == .article)
        #expect(item.title == "一篇带块标量标题的文章")
        #expect(item.author == "作者甲")
        #expect(item.tags == ["阅读", "终端"])
        #expect(item.body.format == .markdown)
        #expect(DateParsing.day(item.saved) == "2024-03-05")
        #expect(item.published == Date(timeIntervalSince1970: 1_709_510_400))
    }

    @Test func frontMatterWithOnlyAnIDStillLoads() throws {
        let item = try #require(try items("---\nid: only-id\n---\n\n# 标题在正文里\n\n内容。\n").first)
        #expect(item.id == "only-id")
        #expect(item.title == "标题在正文里")
    }

    @Test func markdownWithoutFrontMatterTakesTheFirstHeading() throws {
        let text = "# 第一个标题\n\n一些文字，还有一个[链接](https://example.org)。\n\n## 第二节\n\n更多。\n"
        let item = try #require(try items(text).first)
        #expect(item.title == "第一个标题")
        let document = try Library.document(for: item, text: text)
        #expect(document.blocks.first == .paragraph([.text("一些文字，还有一个"), .link(url: "https://example.org", [.text("链接")]), .text("。")]))
    }

    @Test func plainTextTakesItsFirstLineAndTheFileDate() throws {
        let modified = Date(timeIntervalSince1970: 1_700_000_000)
        let text = "今天读完了一本书。\n\n第二段在这里。\n第二段的第二行。\n"
        let item = try #require(try items(text, modified: modified).first)
        #expect(item.title == "今天读完了一本书。")
        #expect(item.saved == modified)
        #expect(item.body.format == .plainText)
        let document = try Library.document(for: item, text: text)
        // The first line is the title and is shown once, as the title, not again as the first paragraph.
        #expect(document.blocks == [.paragraph([.text("第二段在这里。第二段的第二行。")])])
    }

    @Test func longFirstLineIsShortenedAtANaturalBreak() {
        let line = "这是一个非常长的第一行，它包含了好几个分句，每一个分句都在讲一件不同的事情，而且一直没有结束的意思，直到最后才终于结束了。"
        let title = TitleText.shortened(line)
        #expect(title == "这是一个非常长的第一行，它包含了好几个分句")
    }

    @Test func titleLikeFirstLineIsNotRepeatedInTheBody() throws {
        let text = "冬日散记\n\n雪下了一整夜。\n"
        let item = try #require(try items(text).first)
        #expect(item.title == "冬日散记")
        #expect(try Library.document(for: item, text: text).blocks == [.paragraph([.text("雪下了一整夜。")])])
    }

    @Test func idsDerivedFromContentSurviveRenames() throws {
        let text = "没有前置元数据的纯文本。\n"
        let first = try #require(try items(text, path: "/a/one.txt").first)
        let moved = try #require(try items(text, path: "/b/c/two.md").first)
        #expect(first.id == moved.id)
        #expect(first.id.count == 16)
    }
}

extension Library {
    /// The document of an item whose file text is given directly (the tests' files are virtual).
    static func document(for item: Item, text: String) throws -> Document {
        let folder = TemporaryFolder()
        let path = folder.write("item", text)
        var located = item
        located.path = path
        return try document(for: located)
    }
}
