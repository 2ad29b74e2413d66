import Localization
import CNcursesw
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ReaderCore
import Synchronization

/// The signal that asked the reader to stop (SIGINT, SIGTERM, SIGHUP), or 0; set from the
/// signal handler, read by the run loop.
let stopSignal = Atomic<Int32>(0)

/// The terminal while the reader runs: locale, curses modes, colours and mouse on entry, and the
/// terminal given back on every exit path (quit, error, signal). Used only from the UI loop
/// (links, which lend it to a browser, are opened there), hence unchecked.
final class TerminalSession: @unchecked Sendable {
    /// Set when no UTF-8 locale could be found, for the status bar.
    private(set) var localeWarning: String?
    private(set) var colors = 0
    private var active = false

    /// Why the terminal cannot be used, in one line that says what to do.
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    init(strings: Strings) throws {
        setlocale(LC_ALL, "")
        if !Self.localeIsUTF8() {
            setlocale(LC_ALL, "C.UTF-8")
            if !Self.localeIsUTF8() { localeWarning = strings.noUTF8Locale }
        }
        use_tioctl(true)
        let terminal = ProcessInfo.processInfo.environment["TERM"] ?? ""
        guard !terminal.isEmpty else {
            throw Unavailable(description: strings.termNotSet)
        }
        var status: Int32 = 0
        guard setupterm(terminal, STDOUT_FILENO, &status) == OK, tsu_newterm(terminal) != nil else {
            throw Unavailable(description: strings.unknownTerminal(terminal))
        }
        tsu_install_stop_handlers { number in stopSignal.store(number, ordering: .relaxed) }
        active = true
        idcok(tsu_stdscr(), false)
        cbreak()
        noecho()
        nonl()
        keypad(tsu_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        mousemask(mmask_t(tsu_button1_press() | tsu_wheel_up() | tsu_wheel_down()), nil)
        mouseinterval(0)
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(tsu_colors())
        }
    }

    /// Whether the terminal's description lists OSC 52 clipboard requests (the `Ms` capability).
    var supportsClipboard: Bool {
        guard let capability = tigetstr("Ms") else { return false }
        return Int(bitPattern: capability) != -1
    }

    /// The terminal's size as the kernel reports it (curses' idea of it can lag, and `COLUMNS`
    /// in the environment can pin it); curses is told when the two disagree.
    var size: (width: Int, height: Int) {
        var window = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else {
            return (Int(tsu_cols()), Int(tsu_lines()))
        }
        if Int32(window.ws_col) != tsu_cols() || Int32(window.ws_row) != tsu_lines() {
            resizeterm(Int32(window.ws_row), Int32(window.ws_col))
        }
        return (Int(window.ws_col), Int(window.ws_row))
    }

    /// Leaves curses mode for a program that needs the terminal (a text browser), then returns.
    func suspended<T>(_ body: () -> T) -> T {
        def_prog_mode()
        endwin()
        let result = body()
        reset_prog_mode()
        refresh()
        return result
    }

    /// True once the terminal has gone away (its window closed without a SIGHUP reaching us):
    /// reads would fail forever, so the reader must stop.
    var isHungUp: Bool {
        var window = winsize()
        return ioctl(STDIN_FILENO, UInt(TIOCGWINSZ), &window) != 0 && (errno == EIO || errno == ENOTTY || errno == EBADF)
    }

    func end() {
        guard active else { return }
        active = false
        endwin()
    }

    deinit { end() }

    private static func localeIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
