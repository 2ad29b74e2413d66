import Foundation
import Testing
@testable import TsundokuLibrary

@Suite struct JSONLinesTests {
    @Test func itemsLoadAndBadLinesAreReportedByNumber() throws {
        let folder = TemporaryFolder()
        folder.write("feed.jsonl", """
        {"id": "a1", "title": "第一条", "url": "https://example.org/1", "saved": "2024-05-01T08:00:00Z", "markdown": "正文 **加粗**。", "tags": ["新闻"], "starred": true}
        {"title": "没有 id"}
        not json at all
        {"id": "d", "title": "一期早报", "saved": "2024-05-02T08:00:00+08:00", "text": "导语"}
        {"id": "d#01", "parent": "d", "position": 1, "title": "早报第一条", "html": "<p>第一条<b>内容</b></p>", "read": true}
        {"id": "bad-date", "saved": "yesterday"}
        """)
        let snapshot = ColdAndWarm.load(.paths([folder.path]))
        #expect(snapshot.items.map(\.id) == ["d", "d#01", "a1"], "newest first, items under their digest")
        #expect(snapshot.problems.map(\.message) == ["line 2: no \"id\"", "line 3: not valid JSON",
                                                      "line 6: \"saved\" is not an ISO 8601 date: yesterday"])
        let library = MarkedLibrary(items: snapshot.items, marks: Marks().addingDefaults(snapshot.sourceMarks))
        let digest = try #require(library.item("d"))
        #expect(digest.kind == .digest)
        #expect(library.item("d#01")?.kind == .digestItem)
        #expect(library.isStarred(try #require(library.item("a1"))))
        #expect(library.isRead(try #require(library.item("d#01"))))
        #expect(library.isRead(digest))
        let article = try #require(library.item("a1"))
        #expect(article.tags == ["新闻"])
        #expect(try Library.document(for: article).blocks == [.paragraph([.text("正文 "), .strong([.text("加粗")]), .text("。")])])
    }

    @Test func theStateFileWinsOverTheSourceMarks() throws {
        let folder = TemporaryFolder()
        folder.write("one.jsonl", "{\"id\": \"x\", \"title\": \"标题\", \"read\": true, \"starred\": true, \"text\": \"t\"}\n")
        let snapshot = ColdAndWarm.load(.paths([folder.path]))
        let marks = Marks([MarkEntry(time: 1, operation: .unread, id: "x")])
        let library = MarkedLibrary(items: snapshot.items, marks: marks.addingDefaults(snapshot.sourceMarks))
        let item = try #require(library.item("x"))
        #expect(!library.isRead(item))
        #expect(library.isStarred(item))
    }
}
