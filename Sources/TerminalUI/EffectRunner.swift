import Foundation
import ReaderCore
import TsundokuLibrary

/// Carries out the effects `update` asks for, at the edge: saving marks, reading bodies,
/// opening links, reloading. Each reports back with an action.
struct EffectRunner {
    var store: StateStore
    var source: LibrarySource
    var indexPath: String?
    var browser: String?
    var environment: [String: String]
    /// Whether the terminal says it takes OSC 52 clipboard requests (terminfo `Ms`).
    var clipboardSupported: Bool
    /// Runs a program that needs the terminal, curses suspended around it.
    var withTerminal: (() -> Void) -> Void
    /// Hands an action over from a background thread to the run loop.
    var post: @Sendable (Action) -> Void

    func run(_ effect: Effect) -> [Action] {
        switch effect {
        case .saveMarks(let ids, let operation, let marks):
            do {
                return [.marksSaved(try store.mark(ids, operation, over: marks))]
            } catch {
                return [.marksFailed("\(error)")]
            }
        case .loadDocument(let item):
            do {
                let article = LoadedArticle(document: try Library.document(for: item), highlights: try Library.highlights(for: item))
                return [.documentLoaded(id: item.id, .success(article))]
            } catch let problem as LoadProblem {
                return [.documentLoaded(id: item.id, .failure(problem))]
            } catch {
                return [.documentLoaded(id: item.id, .failure(LoadProblem(path: item.path, message: "\(error)")))]
            }
        case .openURL(let url):
            return [openURL(url)]
        case .reload:
            startLoading()
            return []
        case .loadSearchTexts(let items):
            loadSearchTexts(items)
            return []
        case .quit:
            return []
        }
    }

    /// Loads the library on a background thread; the screen keeps answering meanwhile.
    func startLoading() {
        let source = self.source, indexPath = self.indexPath, store = self.store, post = self.post
        let throttle = ProgressThrottle(every: 250)
        Thread.detachNewThread {
            let snapshot = Library.load(source, indexPath: indexPath, statePath: store.path) { count in
                if throttle.shouldReport(count) { post(.message("载入中… 已读 \(count) 个文件")) }
            }
            let loaded = try? store.load()
            post(.libraryLoaded(snapshot, loaded?.marks ?? Marks()))
            if let damage = loaded?.damage { post(.message(damage)) }
        }
    }

    /// Reads the bodies the library already knows of on a background thread, for search.
    private func loadSearchTexts(_ items: [Item]) {
        let post = self.post
        Thread.detachNewThread {
            var texts: [String: String] = [:]
            for item in items where item.kind != .digest {
                guard let document = try? Library.document(for: item) else { continue }
                texts[item.id] = document.blocks.map(\.readableText).joined(separator: "\n").lowercased()
            }
            post(.searchTextsLoaded(texts))
        }
    }

    private func openURL(_ url: String) -> Action {
        if let refusal = LinkOpener.refusal(url) { return .message(refusal) }
        var missing: [String] = []
        for command in LinkOpener.commands(for: url, configured: browser, environment: environment) {
            guard let program = command.arguments.first else { continue }
            guard let executable = LinkOpener.executable(program, path: environment["PATH"]) else {
                if command.usesTerminal { missing.append(program) }
                continue
            }
            if command.usesTerminal {
                var started = false
                withTerminal { started = LinkOpener.spawn(executable, command.arguments, wait: true) }
                if started { return .linkOpened(url) }
            } else if LinkOpener.spawn(executable, command.arguments, wait: false) {
                return .linkOpened(url)
            }
        }
        let notFound = missing.isEmpty ? "没有可用的浏览器" : "找不到浏览器程序 " + missing.joined(separator: "、")
        if clipboardSupported, let tty = FileHandle(forWritingAtPath: "/dev/tty") {
            tty.write(Data(LinkOpener.clipboardSequence(url).utf8))
            try? tty.close()
            return .message(notFound + "；已请终端把链接复制到剪贴板（OSC 52）：" + url)
        }
        return .message(notFound + "；链接：" + url)
    }
}

/// Lets a progress report through each time the count passes another step.
final class ProgressThrottle: @unchecked Sendable {
    private let lock = NSLock()
    private let step: Int
    private var next: Int

    init(every step: Int) {
        self.step = step
        next = step
    }

    func shouldReport(_ count: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard count >= next else { return false }
        next = count + step
        return true
    }
}
