import Localization
import Foundation
import Testing
import ReaderCore
@testable import TerminalUI

@Suite struct LinkOpenerTests {
    @Test func onlyPlainWebLinksAreOpened() {
        #expect(LinkOpener.refusal("https://example.org/a?b=1&c=2", strings: Strings(.english)) == nil)
        #expect(LinkOpener.refusal("HTTP://EXAMPLE.ORG", strings: Strings(.english)) == nil)
        for hostile in ["file:///etc/passwd", "javascript:alert(1)", "-oProxyCommand=touch /tmp/x", "ssh://host",
                        "https://example.org/\u{1B}]0;x\u{07}", "https://example.org/a b", "https://x.org/\n--help"] {
            #expect(LinkOpener.refusal(hostile, strings: Strings(.english)) != nil, "\(hostile) was allowed")
        }
    }

    @Test func browserListsAreSplitWithoutAShell() {
        let url = "https://example.org/?q=a;b&c=$(rm -rf ~)"
        let commands = LinkOpener.commands(for: url, configured: nil, environment: ["BROWSER": "w3m:firefox --new-tab %s"])
        #expect(commands.map(\.arguments) == [["w3m", url], ["firefox", "--new-tab", url], ["xdg-open", url], ["open", url]])
        #expect(commands.map(\.usesTerminal) == [true, true, false, false])
        let configured = LinkOpener.commands(for: url, configured: "lynx", environment: [:])
        #expect(configured.first?.arguments == ["lynx", url])
    }

    @Test func theClipboardSequenceCarriesTheURLEncoded() {
        #expect(LinkOpener.clipboardSequence("https://a.b") == "\u{1B}]52;c;aHR0cHM6Ly9hLmI=\u{07}")
    }

}

@Suite struct BrowserCommandTests {
    @Test func quotedWordsAndPercentSignsAreHonoured() {
        let url = "https://example.org/?q=100%25"
        let commands = LinkOpener.commands(for: url, configured: "'/opt/My Browser/run' --title \"a b\" --progress=50%% %s",
                                           environment: ["BROWSER": "w3m\\ -o:links"])
        #expect(commands[0].arguments == ["/opt/My Browser/run", "--title", "a b", "--progress=50%", url])
        #expect(commands[1].arguments == ["w3m -o", url])
        #expect(commands[2].arguments == ["links", url])
    }

    @Test func aMissingProgramIsNamedAndNothingIsClaimedCopied() {
        let browser = Browser(configured: "no-such-browser %s", environment: ["PATH": "/nonexistent"],
                              clipboardSupported: false, withTerminal: { $0() }, strings: Strings(.chinese))
        let report = browser.open("https://example.org/a")
        guard case .linkNotOpened(let text) = report else {
            Issue.record("not a refusal: \(report)")
            return
        }
        #expect(text.contains("no-such-browser"))
        #expect(!text.contains("剪贴板"))
        #expect(text.contains("https://example.org/a"))
    }
}
