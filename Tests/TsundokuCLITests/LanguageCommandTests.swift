import Foundation
import Testing

/// The commands in both languages: help, errors and the reader view, chosen by the locale or by
/// `language:` in the config; and the version.
@Suite struct LanguageCommandTests {
    let cli = CLIRunner()

    @Test func helpAndErrorsFollowTheLocale() throws {
        let chinese = try cli.run(["--help"], overrides: ["LANG": "zh_CN.UTF-8"])
        #expect(chinese.output.contains("终端里的稍后阅读器"))
        #expect(chinese.output.contains("列出书库，最新的在前。"))
        let english = try cli.run(["--help"], overrides: ["LANG": "C.UTF-8"])
        #expect(english.output.contains("A terminal reader for saved articles"))
        #expect(english.output.contains("List the library, newest first."))

        let missing = try cli.run(["list", "--library", cli.home + "/nope"], overrides: ["LC_MESSAGES": "zh_CN.UTF-8"])
        #expect(missing.status == 1)
        #expect(missing.error.contains("书库 \(cli.home)/nope 不存在"))
        let missingEnglish = try cli.run(["list", "--library", cli.home + "/nope"], overrides: ["LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"])
        #expect(missingEnglish.error.contains("library \(cli.home)/nope does not exist"))
    }

    @Test func theConfigsLanguageWinsOverTheLocale() throws {
        _ = cli.write("config/tsundoku/config.yaml", "language: zh\n")
        let help = try cli.run(["list", "--help"], overrides: ["LANG": "en_US.UTF-8"])
        #expect(help.output.contains("只要未读的条目。"))
        _ = cli.write("config/tsundoku/config.yaml", "language: klingon\n")
        let bad = try cli.run(["list", "--library", cli.home + "/config"], overrides: ["LANG": "C.UTF-8"])
        #expect(bad.error.contains("language must be zh or en, not klingon"))
    }

    @Test func theReaderViewSpeaksTheLanguageAndTheTextStaysAsWritten() throws {
        _ = cli.write("lib/a.md", "---\nid: a\ntitle: 标题\ndate_saved: 2024-03-05 08:00:00\noriginal_url: https://example.org/a\n---\n\n正文![](https://example.org/p.png)\n")
        let chinese = try cli.run(["render", "a", "--library", cli.home + "/lib"], overrides: ["LANG": "zh_CN.UTF-8"])
        let english = try cli.run(["render", "a", "--library", cli.home + "/lib"], overrides: ["LANG": "C.UTF-8"])
        #expect(chinese.output.contains("收藏 2024-03-05\u{A0}08:00"))
        #expect(chinese.output.contains("正文[图 1]"))
        #expect(english.output.contains("Saved 5 Mar 2024\u{A0}08:00"))
        #expect(english.output.contains("Original https://example.org/a"))
        #expect(english.output.contains("正文[image 1]"))
    }

    @Test func theVersionIsPrinted() throws {
        let result = try cli.run(["--version"])
        #expect(result.status == 0)
        #expect(result.output.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(result.output)")
    }
}
