import Foundation
import LoopbackHTTP
import Testing

/// Where tmux is, when it is installed.
enum InstalledTmux {
    static var path: String? {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// The real binary in a real terminal (tmux): browse, open, mark, open a link, resize, quit,
/// restart, and a hostile article that must not reach the terminal as control sequences.
@Suite(.serialized, .enabled(if: InstalledTmux.path != nil, "tmux is not installed")) struct TerminalTests {
    static var tmux: String? { InstalledTmux.path }

    /// One tmux server of our own (its own socket), one session running tsundoku.
    private final class Terminal {
        let cli = CLIRunner()
        let socket: String
        let tmux: String
        /// The exit status of the last tmux command `run` ran.
        private(set) var lastStatus: Int32 = 0

        init(tmux: String) {
            self.tmux = tmux
            socket = cli.home + "/tmux.sock"
        }

        /// Runs a tmux command with `posix_spawn`, reaping it with `waitpid` and reading its output
        /// from a file: the tmux server that `new-session` starts must not inherit a pipe of ours.
        @discardableResult
        func run(_ arguments: [String]) -> String {
            let outputPath = cli.home + "/tmux-output"
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, arguments.first == "new-session" ? "/dev/null" : outputPath,
                                             O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            let argv = ([tmux, "-S", socket] + arguments).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var pid: pid_t = 0
            guard posix_spawn(&pid, tmux, &actions, nil, argv, environ) == 0 else { return "" }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            lastStatus = status
            return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        }

        /// Starts the reader in tmux; `messages` is the locale its interface speaks (Chinese
        /// unless a test asks for another).
        func start(_ arguments: [String], width: Int = 100, height: Int = 30, messages: String = "zh_CN.UTF-8") {
            let environment = cli.environment.merging(["TERM": "xterm-256color", "BROWSER": cli.home + "/browser.sh",
                                                       "LANG": "C.UTF-8", "LC_MESSAGES": messages]) { $1 }
            let exports = environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
            let command = "env -i \(exports) '\(CLIRunner.executable)' " + arguments.map { "'\($0)'" }.joined(separator: " ")
                + "; echo EXITED $?; sleep 30"
            // Tried again while a server whose last session was just killed is still exiting:
            // the new session is lost with it (seen in full runs on a loaded machine).
            for _ in 0..<50 {
                run(["new-session", "-d", "-x", String(width), "-y", String(height), "-s", "t", command])
                run(["has-session", "-t", "t"])
                if lastStatus == 0 { return }
                usleep(100_000)
            }
        }

        func keys(_ keys: String...) {
            run(["send-keys", "-t", "t"] + keys)
        }

        var screen: String { run(["capture-pane", "-p", "-t", "t"]) }

        func waitFor(_ text: String, seconds: Double = 8) -> Bool {
            waitUntil(seconds: seconds) { $0.contains(text) }
        }

        /// Polls the screen until `condition` holds or the deadline passes.
        func waitUntil(seconds: Double = 8, _ condition: (String) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if condition(screen) { return true }
                usleep(50_000)
            }
            return false
        }

        func stop() { run(["kill-server"]) }
    }

    private static func article(_ id: String, _ title: String, saved: String, body: String) -> String {
        "---\nid: \(id)\ntitle: \"\(title)\"\ndate_saved: \(saved)\noriginal_url: https://example.org/\(id)?a=1&b=2\n---\n\n\(body)\n"
    }

    @Test func browseMarkOpenResizeQuitAndRestart() throws {
        let tmux = try #require(Self.tmux)
        let terminal = Terminal(tmux: tmux)
        defer { terminal.stop() }
        let cli = terminal.cli
        _ = cli.write("lib/a.md", Self.article("first", "第一篇：终端阅读", saved: "2024-03-01 08:00:00", body: "第一篇的正文，讲终端里的中文排版。"))
        _ = cli.write("lib/b.md", Self.article("second", "第二篇：稍后再读", saved: "2024-02-01 08:00:00", body: "第二篇的正文。"))
        _ = cli.write("browser.sh", "#!/bin/sh\nfor argument in \"$@\"; do printf '%s\\n' \"$argument\" >> \"$HOME/opened\"; done\n")
        chmod(cli.home + "/browser.sh", 0o755)
        let state = cli.home + "/state/marks.log"
        terminal.start(["--library", cli.home + "/lib", "--state", state])
        #expect(terminal.waitFor("第一篇：终端阅读"))
        #expect(terminal.screen.contains("2 未读 / 2 条"))

        terminal.keys("j", "Enter")
        #expect(terminal.waitFor("第二篇的正文。"))
        #expect(terminal.waitFor("1 未读 / 2 条"))
        terminal.keys("s")
        #expect(terminal.waitFor("★"))
        terminal.keys("o")
        #expect(terminal.waitFor("已打开"))
        let opened = try String(contentsOfFile: cli.home + "/opened", encoding: .utf8)
        #expect(opened == "https://example.org/second?a=1&b=2\n")

        terminal.run(["resize-window", "-t", "t", "-x", "60", "-y", "20"])
        #expect(terminal.waitUntil { screen in
            screen.contains("第二篇的正文。") && !screen.split(separator: "\n").contains { $0.contains("│") && $0.contains("第二篇的正文") }
        }, "the panes are stacked at 60 columns:\n\(terminal.screen)")

        terminal.keys("q")
        #expect(terminal.waitFor("EXITED 0"))
        terminal.run(["kill-session", "-t", "t"])

        terminal.start(["--library", cli.home + "/lib", "--state", state])
        #expect(terminal.waitFor("1 未读 / 2 条"))
        #expect(terminal.screen.contains("★"))
        terminal.keys("q")
        #expect(terminal.waitFor("EXITED 0"))
    }

    @Test func anEnglishInterfaceWithKeysOfYourOwn() throws {
        let tmux = try #require(Self.tmux)
        let terminal = Terminal(tmux: tmux)
        defer { terminal.stop() }
        let cli = terminal.cli
        _ = cli.write("lib/a.md", Self.article("first", "第一篇：终端阅读", saved: "2024-03-01 08:00:00", body: "第一篇的正文。"))
        _ = cli.write("lib/b.md", Self.article("second", "第二篇：稍后再读", saved: "2024-02-01 08:00:00", body: "第二篇的正文。"))
        _ = cli.write("config/tsundoku/config.yaml", "keys: {next: [J, ctrl-n], quit: [Q], help: [f1]}\n")
        terminal.start(["--library", cli.home + "/lib", "--state", cli.home + "/state/marks.log"], messages: "en_GB.UTF-8")
        #expect(terminal.waitFor("2 unread / 2"))
        #expect(terminal.screen.contains("J/k move · Enter open"), "\(terminal.screen)")
        #expect(terminal.screen.contains("F1 help · Q quit"))
        terminal.keys("J", "Enter")
        #expect(terminal.waitFor("第二篇的正文。"))
        #expect(terminal.waitFor("1 unread / 2"))
        #expect(terminal.screen.contains("Saved 1 Feb 2024"))
        terminal.keys("F1")
        #expect(terminal.waitFor("Keys (Esc or Q closes"))
        #expect(terminal.screen.contains("J ^N"))
        terminal.keys("Escape")
        #expect(terminal.waitUntil { !$0.contains("Keys (") })
        terminal.keys("q")
        usleep(300_000)
        #expect(!terminal.screen.contains("EXITED"), "q is no longer quit")
        terminal.keys("Q")
        #expect(terminal.waitFor("EXITED 0"))
    }

    @Test func anArticleReadHalfwayOpensWhereItWasLeftAfterARestartAtAnotherSize() throws {
        let tmux = try #require(Self.tmux)
        let terminal = Terminal(tmux: tmux)
        defer { terminal.stop() }
        let cli = terminal.cli
        let paragraphs = (1...80).map { "第 \($0) 段：这一段写得足够长，好让整篇文章在终端里占上好几屏，读到一半退出再回来。" }
        _ = cli.write("lib/long.md", Self.article("long", "一篇很长的文章", saved: "2024-03-01 08:00:00", body: paragraphs.joined(separator: "\n\n")))
        _ = cli.write("lib/short.md", Self.article("short", "一篇短文", saved: "2024-02-01 08:00:00", body: "短文的正文。"))
        _ = cli.write("config/tsundoku/config.yaml", "mark_read_on_open: false\n")
        let state = cli.home + "/state/marks.log"
        terminal.start(["--library", cli.home + "/lib", "--state", state])
        #expect(terminal.waitFor("第 1 段"))
        terminal.keys("Enter")
        for _ in 0..<3 { terminal.keys("PgDn") }
        var first = 0
        #expect(terminal.waitUntil { screen in
            first = Self.firstParagraph(in: screen) ?? 0
            return first > 20
        }, "three pages down:\n\(terminal.screen)")
        terminal.keys("q")
        #expect(terminal.waitFor("EXITED 0"))
        let saved = try String(contentsOfFile: state, encoding: .utf8)
        #expect(saved.contains(" position long "), "\(saved)")
        terminal.run(["kill-session", "-t", "t"])

        terminal.start(["--library", cli.home + "/lib", "--state", state], width: 140, height: 40)
        #expect(terminal.waitUntil { $0.contains("一篇很长的文章") && $0.contains("%") }, "the list shows how far it was read:\n\(terminal.screen)")
        terminal.keys("Enter")
        #expect(terminal.waitUntil { screen in
            guard let top = Self.firstParagraph(in: screen) else { return false }
            return abs(top - first) <= 1
        }, "paragraph \(first) is at the top again at 140×40:\n\(terminal.screen)")
        terminal.keys("q")
        #expect(terminal.waitFor("EXITED 0"))
    }

    @Test func filesSavedWhileTheReaderRunsAppearWithoutAReload() throws {
        let tmux = try #require(Self.tmux)
        let terminal = Terminal(tmux: tmux)
        defer { terminal.stop() }
        let cli = terminal.cli
        _ = cli.write("lib/a.md", Self.article("a", "先在的文章", saved: "2024-03-01 08:00:00", body: "正文。"))
        terminal.start(["--library", cli.home + "/lib", "--state", cli.home + "/state/marks.log"])
        #expect(terminal.waitFor("1 未读 / 1 条"))
        terminal.keys("Enter")
        #expect(terminal.waitFor("0 未读 / 1 条"))
        _ = cli.write("lib/inbox/b.md", Self.article("b", "新存的文章", saved: "2024-04-01 08:00:00", body: "新的正文。"))
        #expect(terminal.waitUntil(seconds: 10) { $0.contains("新存的文章") && $0.contains("新到 1 篇") && $0.contains("1 未读 / 2 条") },
                "\(terminal.screen)")
        #expect(terminal.screen.contains("正文。"), "the reader still shows the article it had open")
        terminal.keys("q")
        #expect(terminal.waitFor("EXITED 0"))
    }

    /// The reader's process id (the shell tmux started runs it as a child), or nil once it is gone.
    private static func readerPID(_ terminal: Terminal, state: String) -> Int32? {
        let found = try? terminal.cli.shell("pgrep -f -- '--state \(state)' | head -1")
        return found.flatMap { Int32($0.output.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    @Test func pressingFFetchesAFeedWhoseItemsCanBeReadAtOnce() throws {
        let tmux = try #require(Self.tmux)
        let terminal = Terminal(tmux: tmux)
        defer { terminal.stop() }
        let cli = terminal.cli
        let server = try LoopbackServer { _ in
            .text("""
            <rss version="2.0"><channel><title>山间小报</title>
            <item><title>新站点开张</title><guid>h1</guid><pubDate>Tue, 05 Mar 2024 08:30:00 GMT</pubDate>
            <description>&lt;p&gt;山里新开了三个站点。&lt;/p&gt;</description></item></channel></rss>
            """)
        }
        defer { server.stop() }
        _ = cli.write("lib/a.md", Self.article("first", "第一篇：终端阅读", saved: "2024-03-01 08:00:00", body: "第一篇的正文。"))
        #expect(try cli.run(["feeds", "add", server.url("/feed.xml"), "山"]).status == 0)
        terminal.start(["--library", cli.home + "/lib", "--state", cli.home + "/state/marks.log"])
        #expect(terminal.waitFor("第一篇：终端阅读"))
        #expect(!terminal.screen.contains("新站点开张"))
        terminal.keys("F")
        #expect(terminal.waitFor("取回 1 个源：新 1 篇"), "\(terminal.screen)")
        #expect(terminal.waitFor("新站点开张"), "the fetched item is listed without a restart")
        #expect(terminal.screen.contains("▶") || terminal.screen.contains("第一篇：终端阅读"))
        terminal.keys("g", "Enter")
        #expect(terminal.waitFor("山里新开了三个站点。"), "\(terminal.screen)")
        #expect(terminal.screen.contains("山间小报"))
        terminal.keys("q")
        #expect(terminal.waitFor("EXITED 0"))
    }

    @Test func twoHundredResizesInTwoSecondsLeaveAWorkingReader() throws {
        let tmux = try #require(Self.tmux)
        let terminal = Terminal(tmux: tmux)
        defer { terminal.stop() }
        let cli = terminal.cli
        _ = cli.write("lib/a.md", Self.article("a", "第一篇：终端阅读", saved: "2024-03-01 08:00:00", body: String(repeating: "第一篇的正文，讲终端里的中文排版。", count: 40)))
        _ = cli.write("lib/b.md", Self.article("b", "第二篇：稍后再读", saved: "2024-02-01 08:00:00", body: "第二篇的正文。"))
        terminal.start(["--library", cli.home + "/lib", "--state", cli.home + "/state/marks.log"])
        #expect(terminal.waitFor("第一篇的正文"))
        terminal.keys("Enter")
        let sizes = [(100, 30), (60, 20), (40, 10), (20, 5), (140, 45), (81, 24)]
        let start = Date()
        for index in 0..<200 {
            let (width, height) = sizes[index % sizes.count]
            terminal.run(["resize-window", "-t", "t", "-x", String(width), "-y", String(height)])
        }
        let elapsed = Date().timeIntervalSince(start)
        terminal.run(["resize-window", "-t", "t", "-x", "100", "-y", "30"])
        // Generous waits: the reader may still be working through the storm on a loaded machine.
        #expect(terminal.waitUntil(seconds: 15) { $0.contains("第一篇的正文") && $0.contains("│") && $0.contains("2 条") },
                "after 200 resizes in \(elapsed) s, tmux's window \(terminal.run(["display-message", "-p", "-t", "t", "#{window_width}x#{window_height}"])):\n\(terminal.screen)")
        #expect(!terminal.screen.contains("EXITED"))
        terminal.keys("Tab", "j")
        #expect(terminal.waitFor("第二篇的正文。", seconds: 15), "keys still work:\n\(terminal.screen)")
        terminal.keys("q")
        #expect(terminal.waitFor("EXITED 0"))
    }

    @Test(arguments: ["TERM", "HUP"]) func aStopSignalWhileMarkingKeepsAcknowledgedMarksAndRestoresTheTerminal(signal: String) throws {
        let tmux = try #require(Self.tmux)
        let terminal = Terminal(tmux: tmux)
        defer { terminal.stop() }
        let cli = terminal.cli
        _ = cli.write("lib/a.md", Self.article("a", "第一篇", saved: "2024-03-01 08:00:00", body: "正文一。"))
        _ = cli.write("lib/b.md", Self.article("b", "第二篇", saved: "2024-02-01 08:00:00", body: "正文二。"))
        let state = cli.home + "/state/marks.log"
        terminal.start(["--library", cli.home + "/lib", "--state", state])
        #expect(terminal.waitFor("2 未读 / 2 条"))
        terminal.keys("r")
        #expect(terminal.waitFor("1 未读 / 2 条"), "the mark is acknowledged")
        terminal.keys("j", "r", "s")
        let pid = try #require(Self.readerPID(terminal, state: state))
        kill(pid, signal == "TERM" ? SIGTERM : SIGHUP)
        #expect(terminal.waitFor("EXITED"), "the reader stops on SIG\(signal)")
        let screen = terminal.screen
        #expect(!screen.contains("未读 / 2 条"), "the terminal is given back (the reader's screen is gone):\n\(screen)")
        let marks = try String(contentsOfFile: state, encoding: .utf8)
        #expect(marks.contains(" read a\n"), "the acknowledged mark is on disk:\n\(marks)")
        #expect(marks.split(separator: "\n").allSatisfy { $0.split(separator: " ").count == 3 }, "no torn line")
    }

    @Test func closingTheTerminalMidDrawLosesNoMarkAndLeavesNoProcess() throws {
        let tmux = try #require(Self.tmux)
        let terminal = Terminal(tmux: tmux)
        defer { terminal.stop() }
        let cli = terminal.cli
        for index in 0..<30 {
            _ = cli.write("lib/\(index).md", Self.article("n\(index)", "第 \(index) 篇", saved: "2024-03-\(10 + index % 18) 08:00:00",
                                                      body: String(repeating: "正文。", count: 200)))
        }
        let state = cli.home + "/state/marks.log"
        terminal.start(["--library", cli.home + "/lib", "--state", state])
        #expect(terminal.waitFor("30 未读 / 30 条"))
        terminal.keys("s")
        #expect(terminal.waitFor("★"), "the star is acknowledged")
        let pid = try #require(Self.readerPID(terminal, state: state))
        terminal.keys("j", "j", "j", "j", "j", "j", "G", "g", "j", "j")
        terminal.run(["kill-session", "-t", "t"])
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, kill(pid, 0) == 0 { usleep(50_000) }
        #expect(kill(pid, 0) != 0, "the reader exits when its terminal closes")
        let marks = try String(contentsOfFile: state, encoding: .utf8)
        #expect(marks.contains(" star "), "the acknowledged star is on disk:\n\(marks)")
    }

    /// The number of the first `第 N 段` paragraph the reader pane shows.
    /// `G` in a long article shows its end before the whole is laid out, and the whole
    /// arriving later moves nothing on screen.
    @Test func theEndOfALongArticleShowsAtOnceAndStaysPutWhenTheRestArrives() throws {
        let tmux = try #require(Self.tmux)
        let terminal = Terminal(tmux: tmux)
        defer { terminal.stop() }
        let cli = terminal.cli
        let count = 12_000
        let paragraphs = (1...count).map { "第 \($0) 段：一段足够长的中文文字，带一个[链接](https://example.org/p/\($0))，把文章撑到一兆多。" }
        _ = cli.write("lib/long.md", Self.article("long", "一篇非常长的文章", saved: "2024-03-01 08:00:00", body: paragraphs.joined(separator: "\n\n")))
        // Stacked panes (80 columns): the reader's lines are whole lines of the screen.
        terminal.start(["--library", cli.home + "/lib", "--state", cli.home + "/state/marks.log"], width: 80, height: 30)
        #expect(terminal.waitFor("第 1 段", seconds: 20))
        terminal.keys("Enter")
        terminal.keys("G")
        let last = "[\(count)] https://example.org/p/\(count)"
        #expect(terminal.waitFor(last, seconds: 20), "G shows the last link:\n\(terminal.screen)")
        terminal.keys("k", "k", "k")
        #expect(terminal.waitUntil { $0.contains("[\(count - 3)] ") && !$0.contains("[\(count - 2)] ") }, "three lines up:\n\(terminal.screen)")
        func readerLines(_ screen: String) -> [Substring] {
            screen.split(separator: "\n").filter { $0.contains("example.org/p/") || $0.contains(" 段：") }
        }
        let above = readerLines(terminal.screen)
        #expect(above.count > 10)
        #expect(terminal.waitUntil(seconds: 30) { $0.split(separator: "\n").last?.contains("%") == true },
                "the whole is laid out and its share shown:\n\(terminal.screen)")
        #expect(readerLines(terminal.screen) == above, "nothing moved when the whole arrived")
        terminal.keys("g")
        #expect(terminal.waitFor("第 1 段"))
        terminal.keys("q")
        #expect(terminal.waitFor("EXITED 0"))
    }

    private static func firstParagraph(in screen: String) -> Int? {
        for line in screen.split(separator: "\n") {
            guard let range = line.range(of: #"第 \d+ 段"#, options: .regularExpression) else { continue }
            return Int(line[range].dropFirst(2).dropLast(2))
        }
        return nil
    }

    @Test func escapeSequencesInAnArticleLeaveTheTerminalAlone() throws {
        let tmux = try #require(Self.tmux)
        let terminal = Terminal(tmux: tmux)
        defer { terminal.stop() }
        let cli = terminal.cli
        let body = "正文\u{1B}]0;owned\u{07}开始\u{1B}[2J\u{1B}[H清屏？\u{1B}[31m红字\u{9B}5A上移\u{202E}反转。"
        _ = cli.write("lib/evil.md", Self.article("evil", "恶意标题\\e]2;owned\\a", saved: "2024-03-01 08:00:00", body: body))
        terminal.start(["--library", cli.home + "/lib", "--state", cli.home + "/s/marks.log"])
        #expect(terminal.waitFor("恶意标题"))
        let titleBefore = terminal.run(["display-message", "-p", "-t", "t", "#{pane_title}"])
        terminal.keys("Enter")
        #expect(terminal.waitFor("红字"))
        let screen = terminal.screen
        #expect(screen.contains("tsundoku · lib"))
        #expect(screen.contains("␛[2J"))
        let titleAfter = terminal.run(["display-message", "-p", "-t", "t", "#{pane_title}"])
        #expect(titleAfter == titleBefore)
        #expect(!titleAfter.contains("owned"))
        terminal.keys("q")
        #expect(terminal.waitFor("EXITED 0"))
    }

    @Test func aTerminalTooSmallShowsANoticeAndRecovers() throws {
        let tmux = try #require(Self.tmux)
        let terminal = Terminal(tmux: tmux)
        defer { terminal.stop() }
        terminal.start([], width: 30, height: 8)
        #expect(terminal.waitFor("终端太小"))
        terminal.run(["resize-window", "-t", "t", "-x", "100", "-y", "30"])
        #expect(terminal.waitFor("示例书库"), "screen after resize:\n\(terminal.screen)")
        terminal.keys("q")
        #expect(terminal.waitFor("EXITED 0"))
    }

    @Test func ctrlCRestoresTheTerminalAndPrintsNothing() throws {
        let tmux = try #require(Self.tmux)
        let terminal = Terminal(tmux: tmux)
        defer { terminal.stop() }
        terminal.start([])
        #expect(terminal.waitFor("示例书库"))
        terminal.keys("C-c")
        #expect(terminal.waitFor("EXITED 0"))
        let lines = terminal.screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(lines == ["EXITED 0"], "left on screen: \(lines)")
    }

    @Test func everyScriptOnScreenIsWhatRenderPrints() throws {
        let tmux = try #require(Self.tmux)
        let terminal = Terminal(tmux: tmux)
        defer { terminal.stop() }
        let cli = terminal.cli
        let paragraphs = ["家庭 👨‍👩‍👧 旗帜 🇨🇳 肤色 👍🏽 结束", "印地语 नमस्ते हिन्दी 结束", "泰语 กำลัง ภาษาไทย 结束",
                          "韩语 한국어 中文 日本語 结束"]
        _ = cli.write("lib/scripts.md", Self.article("scripts", "文字", saved: "2024-03-01 08:00:00",
                                                     body: paragraphs.joined(separator: "\n\n")))
        let rendered = try cli.run(["render", "scripts", "--width", "40", "--library", cli.home + "/lib"]).output
        terminal.start(["--library", cli.home + "/lib", "--state", cli.home + "/s/marks.log"])
        #expect(terminal.waitFor("文字"))
        terminal.keys("Enter")
        #expect(terminal.waitFor("结束"))
        let screen = terminal.screen
        for paragraph in paragraphs {
            #expect(rendered.contains(paragraph), "render lost text of \(paragraph)")
            #expect(screen.contains(paragraph), "the screen lost text of \(paragraph):\n\(screen)")
        }
        terminal.keys("q")
        #expect(terminal.waitFor("EXITED 0"))
    }

    @Test func keysDoNothingWhileTheTerminalIsTooSmall() throws {
        let tmux = try #require(Self.tmux)
        let terminal = Terminal(tmux: tmux)
        defer { terminal.stop() }
        let cli = terminal.cli
        _ = cli.write("lib/a.md", Self.article("a", "一篇", saved: "2024-03-01 08:00:00", body: "正文。"))
        terminal.start(["--library", cli.home + "/lib", "--state", cli.home + "/s/marks.log"], width: 20, height: 5)
        #expect(terminal.waitFor("40×10"), "the required size is visible at 20×5:\n\(terminal.screen)")
        terminal.keys("r", "s", "Enter")
        terminal.run(["resize-window", "-t", "t", "-x", "100", "-y", "30"])
        #expect(terminal.waitFor("1 未读 / 1 条"))
        #expect(!terminal.screen.contains("★"))
        #expect(!FileManager.default.fileExists(atPath: cli.home + "/s/marks.log"))
        terminal.keys("q")
        #expect(terminal.waitFor("EXITED 0"))
    }

    @Test func aFileDeletedAfterLoadingShowsItsErrorAndStaysUnread() throws {
        let tmux = try #require(Self.tmux)
        let terminal = Terminal(tmux: tmux)
        defer { terminal.stop() }
        let cli = terminal.cli
        _ = cli.write("lib/a.md", Self.article("a", "第一篇", saved: "2024-03-02 08:00:00", body: "第一篇的正文。"))
        let path = cli.write("lib/b.md", Self.article("b", "会被删除的一篇", saved: "2024-03-01 08:00:00", body: "正文。"))
        terminal.start(["--library", cli.home + "/lib", "--state", cli.home + "/s/marks.log"])
        #expect(terminal.waitFor("第一篇的正文。"), "the reader pane previews the selected item")
        try FileManager.default.removeItem(atPath: path)
        terminal.keys("j", "Enter")
        #expect(terminal.waitFor("无法读取这一篇"))
        #expect(!terminal.screen.contains("载入中"))
        #expect(terminal.screen.contains("2 未读 / 2 条"))
        terminal.keys("q")
        #expect(terminal.waitFor("EXITED 0"))
    }
}
