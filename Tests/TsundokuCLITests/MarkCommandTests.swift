import Foundation
import Testing

/// `mark` under real conditions: clocks that disagree, odd state paths, hostile ids.
@Suite struct MarkCommandTests {
    @Test func markingTakesEffectDespiteAMarkFromTheFuture() throws {
        let cli = CLIRunner()
        _ = cli.write("lib/a.md", "---\nid: a\ntitle: 一篇\n---\n\n正文。\n")
        let future = Int64(Date().timeIntervalSince1970 * 1000) + 3_600_000
        _ = cli.write("marks.log", "\(future) read a\n")
        let arguments = ["--library", cli.home + "/lib", "--state", cli.home + "/marks.log"]
        #expect(try cli.run(["mark", "--unread", "a"] + arguments).output == "unread a\n")
        #expect(try cli.run(["list", "--unread"] + arguments).output.contains("一篇"))
        #expect(try cli.run(["mark", "--read", "a"] + arguments).status == 0)
        #expect(try cli.run(["list", "--unread"] + arguments).output.isEmpty)
    }

    @Test(arguments: ["/dev/null", "/dev/zero", "/dev/full"])
    func aDeviceAsTheStateFileIsRefusedInOneLine(device: String) throws {
        let cli = CLIRunner()
        let result = try cli.run(["list", "--state", device])
        #expect(result.status != 0)
        #expect(result.error.contains("\(device) is not a regular file"))
        #expect(!FileManager.default.fileExists(atPath: device + ".lock"))
    }

    @Test func idsAreEchoedWithoutEscapeBytes() throws {
        let cli = CLIRunner()
        _ = cli.write("lib/a.jsonl", "{\"id\": \"evil\\u001b]0;owned\\u0007\", \"title\": \"t\"}\n")
        let result = try cli.run(["mark", "--star", "evil\u{1B}]0;owned\u{07}", "--library", cli.home + "/lib"])
        #expect(result.status == 0, "\(result.error)")
        #expect(!result.output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }
}
