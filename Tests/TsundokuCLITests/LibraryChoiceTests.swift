import Foundation
import Testing

/// What is in the library and what is not, as the commands see it.
@Suite struct LibraryChoiceTests {
    @Test func anEmptyOrMissingLibraryIsAnErrorNamingIt() throws {
        let cli = CLIRunner()
        let empty = try cli.run(["list", "--library", ""])
        #expect(empty.status != 0)
        #expect(empty.error.contains("--library \"\" names no folder"))
        let missing = try cli.run(["list", "--library", cli.home + "/nowhere"])
        #expect(missing.status != 0)
        #expect(missing.error.contains(cli.home + "/nowhere does not exist"))
        #expect(missing.output.isEmpty)
    }

    @Test func theStateFileInsideTheLibraryIsNotAnArticle() throws {
        let cli = CLIRunner()
        let library = cli.home + "/lib"
        _ = cli.write("lib/a.md", "# 一篇\n\n正文。\n")
        let listed = try cli.run(["list", "--json", "--library", library]).output
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]])
        let id = try #require(rows.first?["id"] as? String)
        #expect(try cli.run(["mark", "--read", id, "--library", library, "--state", library + "/marks.log"]).status == 0)
        let list = try cli.run(["list", "--library", library, "--state", library + "/marks.log"])
        #expect(list.output.split(separator: "\n").count == 1, "\(list.output)")
        #expect(list.error.isEmpty)
    }

    @Test func theLoadSummaryCountsProblemsAndFiles() throws {
        let cli = CLIRunner()
        let libraries = try FixtureLibraries.install(in: cli.home)
        let jsonl = try #require(libraries.first { $0.name == "jsonl" })
        let result = try cli.run(["list", "--library", jsonl.path])
        #expect(result.error == "tsundoku: 4 problems in 1 file; `tsundoku check` lists them\n")
    }

    @Test func aStarredDigestItemExportsWithItsDigestAndLoadsBack() throws {
        let cli = CLIRunner()
        let library = try #require(try FixtureLibraries.install(in: cli.home).first { $0.name == "markdown" })
        #expect(try cli.run(["mark", "--star", "fixture-digest-0001#03", "--library", library.path]).status == 0)
        let export = try cli.run(["export", "--starred", "--library", library.path])
        #expect(export.status == 0)
        _ = cli.write("exported/starred.jsonl", export.output)
        let back = try cli.run(["list", "--json", "--starred", "--library", cli.home + "/exported", "--state", cli.home + "/other.log"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(back.output.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == ["fixture-digest-0001#03"])
        #expect(rows.first?["title"] as? String == "3D 打印住宅在郊区完成封顶")
        #expect(rows.first?["parent"] as? String == "fixture-digest-0001")
    }
}

/// The reader needs a terminal it can describe; without one it says so in one line.
@Suite struct TerminalTypeTests {
    @Test func noTermOrAnUnknownOneIsExplained() throws {
        let cli = CLIRunner()
        let unset = try cli.run(["read"])
        #expect(unset.status != 0)
        #expect(unset.error.contains("TERM is not set"))
        let unknown = try cli.run(["read"], overrides: ["TERM": "no-such-terminal"])
        #expect(unknown.status != 0)
        #expect(unknown.error.contains("TERM=no-such-terminal"))
        #expect(!unknown.error.contains("Error opening terminal"))
    }
}
