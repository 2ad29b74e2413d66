import CNcursesw
import Foundation
import ReaderCore
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
        public var browser: String?

        public init(source: LibrarySource, store: StateStore, indexPath: String?, libraryName: String, theme: Theme,
                    startupMessage: String?, markReadOnOpen: Bool, browser: String?) {
            self.source = source
            self.store = store
            self.indexPath = indexPath
            self.libraryName = libraryName
            self.theme = theme
            self.startupMessage = startupMessage
            self.markReadOnOpen = markReadOnOpen
            self.browser = browser
        }
    }

    /// Runs the reader until the user quits; throws, before touching the screen, when the
    /// terminal cannot be used.
    public static func run(_ options: Options) throws {
        let session = try TerminalSession()
        defer { session.end() }
        let inbox = Inbox()
        var blitter = FrameBlitter(pairs: ColorPairs(theme: options.theme, colors: session.colors))
        let (width, height) = session.size
        var state = AppState(library: MarkedLibrary(items: [], marks: Marks()), libraryName: options.libraryName,
                             width: width, height: height)
        state.isLoading = true
        state.markReadOnOpen = options.markReadOnOpen
        if let message = session.localeWarning ?? options.startupMessage { state.message = StatusMessage(text: message, isError: true) }
        var terminalWasLent = false
        let runner = EffectRunner(store: options.store, source: options.source, indexPath: options.indexPath,
                                  browser: options.browser, environment: ProcessInfo.processInfo.environment,
                                  clipboardSupported: session.supportsClipboard,
                                  withTerminal: { body in
                                      session.suspended(body)
                                      terminalWasLent = true
                                  },
                                  post: { inbox.post($0) })
        runner.startLoading()
        var quitting = false
        var dirty = true

        func process(_ action: Action) {
            var queue = [action]
            while !queue.isEmpty {
                for effect in state.apply(queue.removeFirst()) {
                    if effect == .quit { quitting = true }
                    queue += runner.run(effect)
                }
            }
            dirty = true
        }

        while !quitting, stopSignal.load(ordering: .relaxed) == 0 {
            for action in inbox.drain() { process(action) }
            if terminalWasLent {
                blitter.invalidate()
                terminalWasLent = false
                dirty = true
            }
            if dirty {
                blitter.draw(Screen.render(state))
                dirty = false
            }
            switch KeyReader.read(timeoutMilliseconds: 50) {
            case .resize:
                let (width, height) = session.size
                blitter.invalidate()
                process(.resize(width: width, height: height))
            case .key(let key):
                if let action = Keymap.action(for: key, mode: state.keymapMode) { process(action) }
            case .none:
                if session.isHungUp { return }
                let (width, height) = session.size
                if width != state.width || height != state.height {
                    blitter.invalidate()
                    process(.resize(width: width, height: height))
                }
            }
        }
    }
}

/// Actions handed over from background threads (loading, search indexing) to the run loop.
final class Inbox: @unchecked Sendable {
    private let lock = NSLock()
    private var actions: [Action] = []

    func post(_ action: Action) {
        lock.lock()
        actions.append(action)
        lock.unlock()
    }

    func drain() -> [Action] {
        lock.lock()
        defer { lock.unlock() }
        let drained = actions
        actions.removeAll()
        return drained
    }
}
