import Foundation
import Testing

/// The guard for every change to `Item` and the metadata cache: each fixture library read
/// without a cache and then from the cache gives the same `list --json`, the same `render` of
/// every item and the same `export`, in two time zones.
@Suite struct ColdWarmTests {
    /// What the commands print for one library, every item rendered.
    private struct Output: Equatable {
        var list: String
        var renders: [String: String]
        var export: String
    }

    private func output(_ cli: CLIRunner, library: [String], overrides: [String: String]) throws -> Output {
        let list = try cli.run(["list", "--json"] + library, overrides: overrides)
        #expect(list.status == 0, "\(list.error)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]])
        var renders: [String: String] = [:]
        for id in rows.compactMap({ $0["id"] as? String }) {
            let render = try cli.run(["render", id, "--width", "60"] + library, overrides: overrides)
            #expect(render.status == 0, "render \(id): \(render.error)")
            renders[id] = render.output
        }
        let export = try cli.run(["export"] + library, overrides: overrides)
        #expect(export.status == 0, "\(export.error)")
        return Output(list: list.output, renders: renders, export: export.output)
    }

    @Test(arguments: ["UTC", "Asia/Shanghai"])
    func everyLibraryReadsTheSameFromItsCache(zone: String) throws {
        let cli = CLIRunner()
        let libraries = try FixtureLibraries.install(in: cli.home)
        let everything = libraries.flatMap { ["--library", $0.path] }
        for (name, library) in libraries.map({ ($0.name, ["--library", $0.path]) }) + [("all", everything)] {
            let cache = cli.home + "/cache-\(name)"
            // A file where the cache folder would be: no cache can be read or written.
            let noCache = cli.write("no-cache-\(name)", "")
            let cold = try output(cli, library: library, overrides: ["TZ": zone, "XDG_CACHE_HOME": noCache])
            _ = try cli.run(["list"] + library, overrides: ["TZ": zone, "XDG_CACHE_HOME": cache])
            let written = try FileManager.default.contentsOfDirectory(atPath: cache + "/tsundoku")
            #expect(written.count == 1 && written[0].hasPrefix("index-"), "\(name): \(written)")
            let warm = try output(cli, library: library, overrides: ["TZ": zone, "XDG_CACHE_HOME": cache])
            #expect(!cold.renders.isEmpty, "\(name)")
            #expect(warm.list == cold.list, "\(name) in \(zone): list --json differs")
            #expect(warm.export == cold.export, "\(name) in \(zone): export differs")
            for (id, text) in cold.renders where warm.renders[id] != text {
                Issue.record("\(name) in \(zone): render \(id) differs:\n\(text)\n---\n\(warm.renders[id] ?? "(missing)")")
            }
        }
    }

    @Test func aCacheWrittenInAnotherTimeZoneIsNotTrusted() throws {
        let cli = CLIRunner()
        let library = ["--library", try FixtureLibraries.install(in: cli.home)[0].path]
        let utc = try cli.run(["list", "--json"] + library, overrides: ["TZ": "UTC"]).output
        let shanghai = try cli.run(["list", "--json"] + library, overrides: ["TZ": "Asia/Shanghai"]).output
        let coldShanghai = try cli.run(["list", "--json"] + library,
                                       overrides: ["TZ": "Asia/Shanghai", "XDG_CACHE_HOME": cli.write("no-cache", "")]).output
        #expect(shanghai == coldShanghai)
        #expect(utc != shanghai, "local-time dates must move with the zone")
    }
}
