import Foundation
import Testing
import ZIPFoundation
@testable import TsundokuLibrary

@Suite struct OmnivoreExportTests {
    static let metadata = #"""
    [
      {"id": "o-1", "slug": "terminal-reading", "title": "在终端里读长文", "author": "作者乙", "url": "https://example.org/long",
       "state": "Active", "readingProgress": 12, "labels": [{"name": "排版"}, "终端"], "savedAt": "2024-06-01T10:00:00.000Z",
       "publishedAt": "2024-05-30T08:00:00Z", "thumbnail": null, "somethingNew": {"x": 1}},
      {"id": "o-2", "slug": "old-paper", "title": "一篇 PDF", "url": "https://example.org/paper.pdf", "state": "Archived",
       "savedAt": "2024-05-01T10:00:00Z", "labels": []},
      {"title": "没有 id 的条目"},
      {"id": "o-3", "slug": "morning", "title": "晨报：今日三件事 - 示例站", "author": "示例站编辑部", "url": "https://example.org/m",
       "state": "Archived", "savedAt": "2024-06-02T07:00:00Z"}
    ]
    """#

    static let html = """
    <!DOCTYPE html><html><head><title>x</title><style>p { color: red }</style><script>alert('no')</script></head>
    <body><!-- a comment --><div class="article"><h2>小标题</h2>
    <p>第一段&nbsp;有 <b>粗体</b>、<i>斜体</i>和<a href="https://sspai.com/link?target=https%3A%2F%2Fexample.com%2Freal">一个链接</a>，
       还有   多余的
       空白 &amp; 实体。</p>
    <ul><li>一</li><li>二<ul><li>二之一</li></ul></li></ul>
    <blockquote><p>引用的话</p></blockquote>
    <pre><code class="language-swift">let x = 1
    print(x)</code></pre>
    <table><tr><th>名</th><th>值</th></tr><tr><td>甲</td><td>1</td></tr></table>
    <p><img src="https://example.org/a.png" alt="示意图"></p></div></body></html>
    """

    /// Omnivore's highlights file: each passage a quote with a link back, a note after one.
    static let highlights = """
        > 引用的话 [⤴️](https://omnivore.app/me/terminal-reading#h1)

        > 第二段摘录 [⤴️](https://omnivore.app/me/terminal-reading#h2)

        读者的批注。
        """

    @Test func highlightsFilesAreTheItemsHighlightsAndExportWritesThem() throws {
        let folder = TemporaryFolder()
        _ = try makeZip(in: folder)
        let snapshot = ColdAndWarm.load(.paths([folder.path]))
        let article = try #require(snapshot.items.first { $0.id == "o-1" })
        #expect(article.highlights?.path?.hasSuffix("omnivore-export.zip!highlights/terminal-reading.md") == true)
        let found = Library.highlights(of: snapshot.items)
        #expect(found == [Highlight(itemID: "o-1", text: "引用的话"), Highlight(itemID: "o-1", text: "第二段摘录", note: "读者的批注。")])
        #expect(try Library.highlightsSource(for: article)?.contains("第二段摘录") == true)
        #expect(try Library.bodyAndHighlights(for: article).highlights == Library.highlights(for: article))
        #expect(snapshot.items.first { $0.id == "o-2" }?.highlights == nil, "an item without a highlights file has none")
    }

    private func makeZip(in folder: TemporaryFolder) throws -> String {
        let path = folder.path + "/omnivore-export.zip"
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        func add(_ name: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("metadata_0_to_2.json", Self.metadata)
        try add("content/terminal-reading.html", Self.html)
        try add("content/terminal-reading.html", "<p>duplicate entry, ignored</p>")
        try add("highlights/terminal-reading.md", Self.highlights)
        try add("content/morning.html", """
            <h2>你可能错过的新鲜事</h2><p>导语新闻的正文，讲一件大事。</p>
            <h3>02第二件事</h3><p>第二件事的正文。</p><h3>03第三件事</h3><p>第三件事的正文。</p>
            <h2>示例站的近期动态</h2><ul><li>活动推广，<a href="https://example.org/buy"><b>前往选购</b></a></li></ul>
            """)
        return path
    }

    @Test func anExportZipIsReadInPlace() throws {
        let folder = TemporaryFolder()
        _ = try makeZip(in: folder)
        let snapshot = ColdAndWarm.load(.paths([folder.path]))
        #expect(snapshot.problems.isEmpty)
        #expect(snapshot.items.map(\.id) == ["o-3", "o-3#01", "o-3#02", "o-3#03", "o-1", "o-2"], "newest first, items under their digest")
        let library = MarkedLibrary(items: snapshot.items, marks: Marks().addingDefaults(snapshot.sourceMarks))
        let article = try #require(library.item("o-1"))
        #expect(article.tags == ["排版", "终端"])
        #expect(article.author == "作者乙")
        #expect(DateParsing.iso8601(article.saved) == "2024-06-01T10:00:00Z")
        #expect(!library.isRead(article))
        #expect(library.marks.position(of: "o-1") == ReadingPosition(seen: 1_200, block: -1, intoBlock: 0),
                "readingProgress 12 is where reading starts")
        #expect(library.marks.position(of: "o-3") == nil)
        let pdf = try #require(library.item("o-2"))
        #expect(library.isRead(pdf))
        #expect(pdf.title == "一篇 PDF（PDF）")
        #expect(pdf.body.format == .unavailable)
        #expect(try Library.document(for: pdf).blocks.isEmpty)
    }

    @Test func digestsInsideAnExportSplitIntoTheirItems() throws {
        let folder = TemporaryFolder()
        _ = try makeZip(in: folder)
        let snapshot = ColdAndWarm.load(.paths([folder.path]))
        let items = snapshot.items.filter { $0.id.hasPrefix("o-3") }
        #expect(items.map(\.kind) == [.digest, .digestItem, .digestItem, .digestItem])
        #expect(items.dropFirst().map(\.title) == ["今日三件事", "第二件事", "第三件事"])
        #expect(try Library.document(for: items[2]).blocks == [.paragraph([.text("第二件事的正文。")])])
        let library = MarkedLibrary(items: snapshot.items, marks: Marks().addingDefaults(snapshot.sourceMarks))
        #expect(items.allSatisfy(library.isRead))
    }

    @Test func htmlBecomesTheSameBlocksAsMarkdown() throws {
        let folder = TemporaryFolder()
        _ = try makeZip(in: folder)
        let snapshot = ColdAndWarm.load(.paths([folder.path]))
        let article = try #require(snapshot.items.first { $0.id == "o-1" })
        let blocks = try Library.document(for: article).blocks
        #expect(blocks[0] == .heading(level: 2, [.text("小标题")]))
        #expect(blocks[1] == .paragraph([.text("第一段\u{A0}有 "), .strong([.text("粗体")]), .text("、"), .emphasis([.text("斜体")]),
                                         .text("和"), .link(url: "https://example.com/real", [.text("一个链接")]),
                                         .text("， 还有 多余的 空白 & 实体。")]))
        #expect(blocks[2] == .list(ordered: false, start: 1, items: [[.paragraph([.text("一")])],
                                                                   [.paragraph([.text("二")]), .list(ordered: false, start: 1, items: [[.paragraph([.text("二之一")])]])]]))
        #expect(blocks[3] == .quote([.paragraph([.text("引用的话")])]))
        #expect(blocks[4] == .code(language: "swift", text: "let x = 1\nprint(x)"))
        #expect(blocks[5] == .table(header: [[.text("名")], [.text("值")]], rows: [[[.text("甲")], [.text("1")]]]))
        #expect(blocks[6] == .paragraph([.image(url: "https://example.org/a.png", alt: "示意图")]))
        #expect(blocks.count == 7)
    }

    @Test func anUnpackedExportFolderLoadsTheSameItems() throws {
        let zipped = TemporaryFolder()
        _ = try makeZip(in: zipped)
        let fromZip = ColdAndWarm.load(.paths([zipped.path]))
        let folder = TemporaryFolder()
        folder.write("export/metadata_0_to_2.json", Self.metadata)
        folder.write("export/content/terminal-reading.html", Self.html)
        folder.write("export/content/morning.html", try String(decoding: OmnivoreExport.read("content/morning.html", in: zipped.path + "/omnivore-export.zip"), as: UTF8.self))
        folder.write("export/highlights/terminal-reading.md", Self.highlights)
        let unpacked = ColdAndWarm.load(.paths([folder.path]))
        #expect(unpacked.problems.isEmpty)
        #expect(unpacked.items.map(\.id) == fromZip.items.map(\.id))
        #expect(unpacked.items.map(\.title) == fromZip.items.map(\.title))
        for (a, b) in zip(unpacked.items, fromZip.items) {
            #expect(try Library.document(for: a) == Library.document(for: b))
            #expect(try Library.highlights(for: a) == Library.highlights(for: b))
        }
    }

    @Test func aZipWithoutOmnivoreMetadataIsReported() throws {
        let folder = TemporaryFolder()
        let archive = try Archive(url: URL(fileURLWithPath: folder.path + "/photos.zip"), accessMode: .create)
        let data = Data("not an export".utf8)
        try archive.addEntry(with: "a.txt", type: .file, uncompressedSize: Int64(data.count)) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
        let snapshot = ColdAndWarm.load(.paths([folder.path]))
        #expect(snapshot.items.isEmpty)
        #expect(snapshot.problems.first?.message.contains("without Omnivore metadata") == true)
    }
}
