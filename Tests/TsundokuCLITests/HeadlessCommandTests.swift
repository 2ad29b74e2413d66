import Foundation
import Testing

@Suite struct HeadlessCommandTests {
    private static func article(_ id: String, _ title: String, saved: String) -> String {
        "---\nid: \(id)\ntitle: \(title)\ndate_saved: \(saved)\n---\n\n\(title)的正文。\n"
    }

    private func libraryWithThreeArticles(_ cli: CLIRunner) -> String {
        _ = cli.write("lib/a.md", Self.article("a", "最早的文章", saved: "2024-01-01 08:00:00"))
        _ = cli.write("lib/sub/b.txt", Self.article("b", "中间的文章", saved: "2024-02-01 08:00:00"))
        _ = cli.write("lib/c.markdown", Self.article("c", "最新的文章", saved: "2024-03-01 08:00:00"))
        return cli.home + "/lib"
    }

    private func listJSON(_ cli: CLIRunner, _ arguments: [String]) throws -> [[String: Any]] {
        let result = try cli.run(["list", "--json"] + arguments)
        #expect(result.status == 0, "\(result.error)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
    }

    @Test func listIsNewestFirstWithEveryField() throws {
        let cli = CLIRunner()
        let rows = try listJSON(cli, ["--library", libraryWithThreeArticles(cli)])
        #expect(rows.map { $0["id"] as? String } == ["c", "b", "a"])
        let first = try #require(rows.first)
        for key in ["id", "parent", "kind", "title", "author", "site", "url", "saved", "published", "tags", "progress", "read", "starred", "path"] {
            #expect(first.keys.contains(key), "missing \(key)")
        }
        #expect(first["saved"] as? String == "2024-03-01T08:00:00Z")
        #expect(first["parent"] is NSNull)
        #expect(first["kind"] as? String == "article")
        #expect(first["progress"] as? Double == 0)
    }

    @Test func tagsFromEverySourceFilterAndSortTheList() throws {
        let cli = CLIRunner()
        _ = cli.write("lib/omnivore.md", """
            ---
            id: om
            title: 排版札记
            date_saved: 2024-01-01 08:00:00
            tags: [长文]
            ---

            # 排版札记
            #Omnivore #排版 #to-read

            [Read Original](https://example.org/om)

            正文。
            """)
        _ = cli.write("lib/items.jsonl", #"{"id": "j", "title": "新闻", "saved": "2024-02-01T08:00:00Z", "published": "2023-01-01T00:00:00Z", "tags": ["排版"], "text": "正文"}"# + "\n")
        _ = cli.write("lib/plain.txt", "没有标签的文章\n\n正文\n")
        let rows = try listJSON(cli, ["--library", cli.home + "/lib", "--sort", "published"])
        let tags = Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as! String, $0["tags"] as! [String]) })
        #expect(tags["om"] == ["长文", "排版", "to-read"], "front matter first, then the #Omnivore line without #Omnivore")
        #expect(tags["j"] == ["排版"])
        #expect(tags.values.contains([]))
        #expect(rows.first?["id"] as? String != "j", "published in 2023 sorts after the others' saved dates")
        let tagged = try listJSON(cli, ["--library", cli.home + "/lib", "--tag", "排版", "--sort", "oldest"])
        #expect(tagged.map { $0["id"] as? String } == ["om", "j"])
        let bad = try cli.run(["list", "--library", cli.home + "/lib", "--sort", "sideways"])
        #expect(bad.status != 0 && bad.error.contains("sideways"))
        let exported = try cli.run(["export", "--library", cli.home + "/lib", "--tag", "长文"])
        #expect(exported.output.split(separator: "\n").count == 1 && exported.output.contains("\"id\":\"om\""))
    }

    @Test func highlightsArePrintedNewestArticleFirst() throws {
        let cli = CLIRunner()
        _ = cli.write("lib/old.md", "---\nid: old\ntitle: 旧文\ndate_saved: 2023-01-01 08:00:00\n---\n\n正文\n\n## Highlights\n\n> 旧的摘录\n")
        _ = cli.write("lib/new.md", "---\nid: new\ntitle: 新文\nsite_name: 某站\ndate_saved: 2024-01-01 08:00:00\n---\n\n正文\n\n## Highlights\n\n> 新的摘录\n\n批注\n")
        _ = cli.write("lib/none.md", "---\nid: none\ntitle: 无摘录\n---\n\n正文\n")
        let text = try cli.run(["highlights", "--library", cli.home + "/lib"])
        #expect(text.output == "新文 · 某站 · 2024-01-01\n> 新的摘录\n  批注\n\n旧文 · 2023-01-01\n> 旧的摘录\n")
        let json = try cli.run(["highlights", "--json", "--library", cli.home + "/lib"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == ["new", "old"])
        #expect(rows.first?["note"] as? String == "批注" && rows.first?["text"] as? String == "新的摘录")
    }

    @Test func aReadingPositionInTheStateFileIsTheListsProgress() throws {
        let cli = CLIRunner()
        let library = libraryWithThreeArticles(cli)
        _ = cli.write("state/tsundoku/marks.log", "1700000000000 position b 3712 4 0\n1700000000001 position c 10000 9 0\n")
        let rows = try listJSON(cli, ["--library", library])
        let progress = Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as! String, $0["progress"] as! Double) })
        #expect(progress == ["a": 0, "b": 0.3712, "c": 1])
        let table = try cli.run(["list", "--library", library], overrides: ["COLUMNS": "100"])
        #expect(table.output.split(separator: "\n").first { $0.contains("中间的文章") }?.contains("37%") == true, "\(table.output)")
        #expect(table.output.split(separator: "\n").first { $0.contains("最新的文章") }?.contains("%") == false, "a finished article shows none")
    }

    @Test func marksPersistAndFilterTheList() throws {
        let cli = CLIRunner()
        let library = libraryWithThreeArticles(cli)
        #expect(try cli.run(["mark", "--read", "a", "--library", library]).status == 0)
        #expect(try cli.run(["mark", "--star", "b", "--library", library]).status == 0)
        #expect(try listJSON(cli, ["--library", library, "--unread"]).map { $0["id"] as? String } == ["c", "b"])
        #expect(try listJSON(cli, ["--library", library, "--starred"]).map { $0["id"] as? String } == ["b"])
        let table = try cli.run(["list", "--library", library]).output.split(separator: "\n")
        #expect(table.count == 3)
        #expect(table[1].hasPrefix("●★ 2024-02-01"))
        #expect(table[2].hasPrefix("   2024-01-01"))
    }

    @Test func markingAnUnknownIDIsAnErrorAndMarksNothing() throws {
        let cli = CLIRunner()
        let library = libraryWithThreeArticles(cli)
        let result = try cli.run(["mark", "--read", "a", "nope", "--library", library])
        #expect(result.status != 0)
        #expect(result.error.contains("unknown item id: nope"))
        #expect(try listJSON(cli, ["--library", library, "--unread"]).count == 3)
    }

    @Test func markingADigestMarksItsItems() throws {
        let cli = CLIRunner()
        let rows = try listJSON(cli, [])
        let digest = try #require(rows.first { $0["kind"] as? String == "digest" }?["id"] as? String)
        #expect(try cli.run(["mark", "--read", digest]).status == 0)
        let unread = try listJSON(cli, ["--unread"])
        #expect(!unread.contains { ($0["id"] as? String)?.hasPrefix(digest) == true })
        #expect(unread.count == rows.count - 8)
    }

    @Test func checkNamesEachBadFileAndFailsTheExitStatus() throws {
        let cli = CLIRunner()
        let library = libraryWithThreeArticles(cli)
        _ = cli.write("lib/broken.md", "---\ntitle: 没写完\n")
        _ = cli.write("lib/evil\u{1B}[2J.md", "")
        let result = try cli.run(["check", "--library", library])
        #expect(result.status == 1)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.contains { $0.hasSuffix("broken.md: front matter opened with --- is never closed") })
        #expect(lines.contains { $0.contains("evil␛[2J.md: empty file") })
        #expect(!result.output.contains("\u{1B}"))
        #expect(try cli.run(["check", "--library", cli.write("ok/a.md", Self.article("x", "好", saved: "2024-01-01"))]).status == 0)
    }

    @Test func twoProcessesMarkingAtOnceLoseNothing() throws {
        let cli = CLIRunner()
        var ids: [String] = []
        for index in 0..<40 {
            _ = cli.write("lib/\(index).md", Self.article("id\(index)", "文章\(index)", saved: "2024-01-01 08:00:00"))
            ids.append("id\(index)")
        }
        let script = """
        lib="$HOME/lib"
        ( for id in \(ids.prefix(20).joined(separator: " ")); do "$TSUNDOKU" mark --read "$id" --library "$lib" >/dev/null; done ) &
        ( for id in \(ids.suffix(20).joined(separator: " ")); do "$TSUNDOKU" mark --star "$id" --library "$lib" >/dev/null; done ) &
        wait
        """
        _ = try cli.shell(script)
        let rows = try listJSON(cli, ["--library", cli.home + "/lib"])
        #expect(rows.filter { $0["read"] as? Bool == true }.count == 20)
        #expect(rows.filter { $0["starred"] as? Bool == true }.count == 20)
    }

    @Test func everyAcknowledgedMarkSurvivesKillNine() throws {
        let cli = CLIRunner()
        var ids: [String] = []
        for index in 0..<200 {
            _ = cli.write("lib/\(index).md", Self.article("k\(index)", "文章\(index)", saved: "2024-01-01 08:00:00"))
            ids.append("k\(index)")
        }
        let script = """
        lib="$HOME/lib"
        ( for id in \(ids.joined(separator: " ")); do "$TSUNDOKU" mark --read "$id" --library "$lib" || exit; done ) > "$HOME/acks" &
        writer=$!
        sleep 0.6
        pkill -9 -P $writer tsundoku; kill -9 $writer
        wait 2>/dev/null
        cat "$HOME/acks"
        """
        let acknowledged = try cli.shell(script).output.split(separator: "\n").map { $0.replacingOccurrences(of: "read ", with: "") }
        #expect(!acknowledged.isEmpty)
        #expect(acknowledged.count < ids.count)
        let result = try cli.run(["list", "--json", "--library", cli.home + "/lib"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
        let read = Set(rows.filter { $0["read"] as? Bool == true }.compactMap { $0["id"] as? String })
        #expect(Set(acknowledged).isSubset(of: read))
        if result.error.contains("unreadable") { #expect(result.error.contains("moved to"), "a torn line is set aside, never dropped") }
    }
}

@Suite struct RenderCommandTests {
    @Test func renderPrintsPlainLinesThatFitTheWidth() throws {
        let cli = CLIRunner()
        let list = try cli.run(["list", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]])
        for row in rows {
            let id = try #require(row["id"] as? String)
            for width in [20, 40, 80] {
                let result = try cli.run(["render", id, "--width", String(width)])
                #expect(result.status == 0, "\(result.error)")
                #expect(result.output.hasPrefix(String((row["title"] as? String ?? "").prefix(4))))
                for line in result.output.split(separator: "\n") {
                    #expect(!line.hasSuffix(" "))
                    #expect(line.count <= width, "\(id) at \(width): \(line)")
                }
            }
        }
    }

    @Test func renderNeverPrintsEscapeSequencesFromTheArticle() throws {
        let cli = CLIRunner()
        let library = cli.home + "/lib"
        _ = cli.write("lib/evil.md", "---\nid: evil\ntitle: \"坏标题\\e]2;owned\\a\\e[2J\"\n---\n\n正文\u{1B}[31m变红\u{1B}[0m\u{9B}H，\u{202E}反转。\n")
        let result = try cli.run(["render", "evil", "--library", library, "--width", "40"])
        #expect(result.status == 0)
        #expect(!result.output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E })
        #expect(result.output.hasPrefix("坏标题␛]2;owned␇␛[2J"))
        let table = try cli.run(["list", "--library", library])
        #expect(!table.output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test func renderingAnUnknownIDFails() throws {
        let result = try CLIRunner().run(["render", "no-such-item"])
        #expect(result.status != 0)
        #expect(result.error.contains("unknown item id: no-such-item"))
    }
}

@Suite struct ExportCommandTests {
    private func rows(_ result: CLIRunner.Result) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
    }

    @Test func exportThenLoadGivesBackTheSameItemsBodiesAndMarks() throws {
        let cli = CLIRunner()
        let original = try rows(try cli.run(["list", "--json"]))
        let digestItem = try #require(original.first { $0["kind"] as? String == "digest-item" }?["id"] as? String)
        let article = try #require(original.first { $0["kind"] as? String == "article" }?["id"] as? String)
        #expect(try cli.run(["mark", "--read", digestItem]).status == 0)
        #expect(try cli.run(["mark", "--star", article]).status == 0)
        let exported = try cli.run(["export"])
        #expect(exported.status == 0)
        _ = cli.write("exported/library.jsonl", exported.output)
        let fresh = ["--library", cli.home + "/exported", "--state", cli.home + "/fresh/marks.log"]
        let reloaded = try rows(try cli.run(["list", "--json"] + fresh))
        let keys = ["id", "parent", "kind", "title", "author", "site", "url", "saved", "published", "read", "starred"]
        #expect(reloaded.count == original.count)
        for (before, after) in zip(try rows(try cli.run(["list", "--json"])), reloaded) {
            for key in keys {
                #expect("\(before[key] ?? "nil")" == "\(after[key] ?? "nil")", "\(key) of \(before["id"] ?? "?")")
            }
        }
        for row in original {
            let id = try #require(row["id"] as? String)
            let before = try cli.run(["render", id, "--width", "60"]).output
            let after = try cli.run(["render", id, "--width", "60"] + fresh).output
            let bodyBefore = before.split(separator: "\n").drop { !$0.hasPrefix("───") }
            let bodyAfter = after.split(separator: "\n").drop { !$0.hasPrefix("───") }
            #expect(Array(bodyBefore) == Array(bodyAfter), "body of \(id)")
        }
        let unread = try cli.run(["export", "--unread"]).output.split(separator: "\n")
        #expect(unread.count == original.count - 1)
    }
}

/// `list` for a person, at any width: the title is what matters most.
@Suite struct NarrowListTests {
    @Test func titlesSurviveANarrowTerminal() throws {
        let cli = CLIRunner()
        _ = cli.write("lib/a.md", "---\nid: a\ntitle: 标题一定要看得见\nsite_name: 很长的站点名称\ndate_saved: 2024-01-01 08:00:00\n---\n\n正文。\n")
        for columns in [30, 45, 80] {
            let output = try cli.run(["list", "--library", cli.home + "/lib"], overrides: ["COLUMNS": String(columns)]).output
            #expect(output.contains("标题"), "at \(columns) columns: \(output)")
        }
    }
}
