import Localization
import Foundation
import ReaderCore

/// Opens links for the reader: the configured browser, `$BROWSER`, then `xdg-open` or `open`,
/// each started without a shell; else the link is shown (and sent to the clipboard through OSC 52
/// when the terminal takes it). A `$BROWSER` program gets the terminal until it exits.
struct Browser: Sendable {
    var configured: String?
    var environment: [String: String]
    /// Whether the terminal says it takes OSC 52 clipboard requests (terminfo `Ms`).
    var clipboardSupported: Bool
    /// Runs a program that needs the terminal, curses suspended around it.
    var withTerminal: @Sendable (() -> Void) -> Void
    var strings: Strings

    func open(_ url: String) -> Report {
        if let refusal = LinkOpener.refusal(url, strings: strings) { return .linkNotOpened(refusal) }
        var missing: [String] = []
        for command in LinkOpener.commands(for: url, configured: configured, environment: environment) {
            guard let program = command.arguments.first else { continue }
            guard let executable = LinkOpener.executable(program, path: environment["PATH"]) else {
                if command.usesTerminal { missing.append(program) }
                continue
            }
            if command.usesTerminal {
                nonisolated(unsafe) var started = false
                withTerminal { started = LinkOpener.spawn(executable, command.arguments, wait: true) }
                if started { return .linkOpened(url) }
            } else if LinkOpener.spawn(executable, command.arguments, wait: false) {
                return .linkOpened(url)
            }
        }
        let notFound = missing.isEmpty ? strings.noBrowser : strings.browserNotFound(missing)
        if clipboardSupported, let tty = FileHandle(forWritingAtPath: "/dev/tty") {
            tty.write(Data(LinkOpener.clipboardSequence(url).utf8))
            try? tty.close()
            return .linkNotOpened(strings.copiedToClipboard(notFound, url: url))
        }
        return .linkNotOpened(strings.linkIs(notFound, url: url))
    }
}
