import Localization
import CNcursesw
import Foundation
import ReaderCore
import ReaderRuntime
import Synchronization
import TsundokuLibrary

/// The interactive reader: the run loop that turns keys into actions, actions into state and
/// effects, and state into frames on the terminal.
public enum ReaderApp {
    /// Everything the reader needs from the command line and the settings.
    public struct Options: Sendable {
        public var source: LibrarySource
        public var store: StateStore
        public var indexPath: String?
        public var libraryName: String
        public var theme: Theme
        public var startupMessage: String?
        public var markReadOnOpen: Bool
        public var markReadAtEnd: Bool
        public var browser: String?
        public var keymap: Keymap
        public var strings: Strings
        public var order: ItemOrder
        /// Fetches the feeds one follows (`F`); the program passes it so the reader never links networking.
        public var fetchFeeds: @Sendable (_ progress: @escaping @Sendable (Int, Int) -> Void) -> FeedFetchSummary
        /// The library's first load, already under way.
        public var preload: LibraryPreload?

        public init(source: LibrarySource, store: StateStore, indexPath: String?, libraryName: String, theme: Theme,
                    startupMessage: String?, markReadOnOpen: Bool, markReadAtEnd: Bool, browser: String?, keymap: Keymap, strings: Strings,
                    order: ItemOrder, fetchFeeds: @escaping @Sendable (_ progress: @escaping @Sendable (Int, Int) -> Void) -> FeedFetchSummary,
                    preload: LibraryPreload? = nil) {
            self.source = source
            self.store = store
            self.indexPath = indexPath
            self.libraryName = libraryName
            self.theme = theme
            self.startupMessage = startupMessage
            self.markReadOnOpen = markReadOnOpen
            self.markReadAtEnd = markReadAtEnd
            self.browser = browser
            self.keymap = keymap
            self.strings = strings
            self.order = order
            self.fetchFeeds = fetchFeeds
            self.preload = preload
        }
    }

    /// Runs the reader until the user quits; throws, before touching the screen, when the
    /// terminal cannot be used.
    public static func run(_ options: Options) throws {
        let session = try TerminalSession(strings: options.strings)
        defer { session.end() }
        let inbox = ReportInbox()
        let wakeup = Wakeup()
        var blitter = FrameBlitter(pairs: ColorPairs(theme: options.theme, colors: session.colors))
        let (width, height) = session.size
        let warning = (session.localeWarning ?? options.startupMessage).map { StatusMessage($0, .error) }
        var state = AppState(libraryName: options.libraryName, width: width, height: height,
                             markReadOnOpen: options.markReadOnOpen, markReadAtEnd: options.markReadAtEnd, message: warning, keymap: options.keymap, strings: options.strings,
                             order: options.order)
        let lent = Atomic<Bool>(false)
        let browser = Browser(configured: options.browser, environment: ProcessInfo.processInfo.environment,
                              clipboardSupported: session.supportsClipboard,
                              withTerminal: { body in
                                  session.suspended(body)
                                  lent.store(true, ordering: .relaxed)
                              }, strings: options.strings)
        let runtime = EffectRuntime(clients: .live(source: options.source, indexPath: options.indexPath, store: options.store,
                                                   preload: options.preload, openURL: browser.open, fetchFeeds: options.fetchFeeds),
                                    strings: options.strings, mode: .background, deliver: { report in
                                        inbox.post(report)
                                        wakeup.signal()
                                    })
        var quitting = false
        var dirty = true
        // When the last resize was: once resizes stop, the screen is drawn whole once more (a
        // terminal resized many times a second may drop or reflow a frame drawn in between).
        var lastResize: ContinuousClock.Instant?
        let clock = ContinuousClock()

        func perform(_ effects: [Effect]) {
            for effect in effects {
                if effect == .quit { quitting = true }
                runtime.perform(effect)
            }
            dirty = true
        }
        perform(state.apply(.start))
        defer { runtime.finishSavingMarks() }

        while !quitting, stopSignal.load(ordering: .relaxed) == 0 {
            let reports = inbox.drain()
            if !reports.isEmpty {
                let left = state.reader
                for report in reports { perform(state.receive(report)) }
                // An article left, or one that came too late, is freed off the loop.
                BackgroundRelease.shared.release((left, reports))
            }
            if lent.exchange(false, ordering: .relaxed) {
                blitter.invalidate()
                dirty = true
            }
            if dirty {
                blitter.draw(Screen.render(state))
                dirty = false
            }
            switch KeyReader.read(timeoutMilliseconds: 0) {
            case .resize:
                let (width, height) = session.size
                blitter.invalidate()
                lastResize = clock.now
                perform(state.apply(.resize(width: width, height: height)))
            case .key(let key):
                if let action = state.keymap.action(for: key, mode: state.keymapMode) {
                    let left = state.reader
                    // The key's frame first: the work its effects start shares the cores with it.
                    let effects = state.apply(action)
                    blitter.draw(Screen.render(state))
                    perform(effects)
                    dirty = false
                    BackgroundRelease.shared.release(left)
                }
            case .none:
                if session.isHungUp { return }
                let (width, height) = session.size
                if width != state.width || height != state.height {
                    blitter.invalidate()
                    lastResize = clock.now
                    perform(state.apply(.resize(width: width, height: height)))
                } else if let resized = lastResize, clock.now - resized > .milliseconds(150) {
                    lastResize = nil
                    blitter.invalidate()
                    dirty = true
                } else {
                    wakeup.wait(orInput: STDIN_FILENO, milliseconds: 50)
                }
            }
        }
    }
}
