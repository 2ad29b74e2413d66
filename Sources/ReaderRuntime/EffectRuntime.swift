import Localization
import Dispatch
import Foundation
import ReaderCore
import Synchronization
import TsundokuLibrary

/// Carries out the effects `update` asks for and sends their reports back: the one effect
/// runtime of the reader, free of curses, used by the terminal, `bench ui` and the tests.
///
/// In the background mode everything that touches the disk or may take more than a
/// millisecond runs off the UI loop, on serial queues: marks in the order they were asked for,
/// bodies with stale loads skipped (a load for an item the reader already left, not yet
/// started, never runs), the library and search texts apart. Opening a link runs on the caller
/// (a browser in the terminal needs the terminal). In the immediate mode every effect runs on
/// the caller, in order: what tests and benchmarks step through.
public final class EffectRuntime: Sendable {
    /// Where effects run.
    public enum Mode: Sendable { case background, immediate }

    private let clients: EffectClients
    /// The language articles are laid out in (their labels and placeholders).
    private let strings: Strings
    private let mode: Mode
    private let deliver: @Sendable (Report) -> Void
    private let marks = DispatchQueue(label: "tsundoku.marks")
    private let documents = DispatchQueue(label: "tsundoku.documents")
    private let library = DispatchQueue(label: "tsundoku.library")
    private let search = DispatchQueue(label: "tsundoku.search")
    /// Article texts: prepared for search, then searched.
    private let texts = DispatchQueue(label: "tsundoku.texts")
    /// The number of the latest text search asked for; an older one stops at its next chunk.
    private let latestTextSearch = Atomic<Int>(0)
    private let feeds = DispatchQueue(label: "tsundoku.feeds")
    /// The number of the latest body load asked for; older ones not started yet are skipped.
    private let latestDocument = Atomic<Int>(0)
    /// Effects started and not finished.
    private let inFlight = Atomic<Int>(0)
    /// Whether the library's folders are being checked (`watchLibrary`).
    private let watching = Atomic<Bool>(false)
    /// Reading positions not written yet, the latest per article, and the marks to stamp them
    /// over; `generation` counts the positions asked for, so only the last pause writes.
    private let unsavedPositions = Mutex<(positions: [(id: String, position: ReadingPosition)], over: Marks, generation: Int)>(([], Marks(), 0))

    /// `deliver` is called with every report, from any thread in the background mode.
    public init(clients: EffectClients, strings: Strings, mode: Mode, deliver: @escaping @Sendable (Report) -> Void) {
        self.clients = clients
        self.strings = strings
        self.mode = mode
        self.deliver = deliver
    }

    /// Starts an effect; `quit` is the caller's to act on.
    public func perform(_ effect: Effect) {
        let clients = self.clients, deliver = self.deliver, strings = self.strings
        switch effect {
        case .loadLibrary:
            run(on: library) {
                deliver(clients.loadLibrary(deliver))
                FreedMemory.giveBack()
            }
        case .saveMarks(let ids, let operation, let current):
            run(on: marks) { deliver(clients.saveMarks(ids, operation, current)) }
        case .loadDocument(let item, let width, let digestTitle, let preview):
            let number = latestDocument.add(1, ordering: .relaxed).newValue
            run(on: documents, after: preview ? Self.previewPause : nil) { [self] in
                guard latestDocument.load(ordering: .relaxed) == number else { return }
                loadDocument(item, width: width, digestTitle: digestTitle, number: number)
            }
        case .layOut(let item, let article, let width, let digestTitle):
            run(on: documents) {
                let view = ArticleView(item: item.counted(from: article.document), document: article.document,
                                       highlights: article.highlights, digestTitle: digestTitle, width: width, strings: strings)
                deliver(.laidOut(id: item.id, view))
            }
        case .buildSearchKeys(let items):
            run(on: search) { deliver(.searchKeysBuilt(SearchKeys.build(items))) }
        case .prepareSearchTexts(let items):
            run(on: texts) {
                let total = items.count
                let throttle = ProgressThrottle(every: 1_000, interval: .milliseconds(200))
                deliver(clients.textSearch.prepare(items) { done in
                    if throttle.shouldReport(done) { deliver(.searchTextsProgress(done: done, total: total)) }
                })
                FreedMemory.giveBack()
            }
        case .searchTexts(let number, let needle, let among):
            latestTextSearch.store(number, ordering: .relaxed)
            guard !needle.isEmpty else { return }
            run(on: texts) { [self] in
                let isCancelled = { self.latestTextSearch.load(ordering: .relaxed) != number }
                guard !isCancelled() else { return }
                let complete = clients.textSearch.search(needle, among: among, isCancelled: isCancelled) { found in
                    deliver(.textMatches(number: number, indices: found, complete: false))
                }
                if complete { deliver(.textMatches(number: number, indices: [], complete: true)) }
            }
        case .openURL(let url):
            deliver(clients.openURL(url))
        case .savePosition(let id, let position, let over):
            let generation = unsavedPositions.withLock { unsaved in
                unsaved.positions.removeAll { $0.id == id }
                unsaved.positions.append((id, position))
                unsaved.over = over
                unsaved.generation += 1
                return unsaved.generation
            }
            switch mode {
            case .immediate: writePositions()
            case .background:
                marks.asyncAfter(deadline: .now() + Self.positionPause) { [self] in
                    if unsavedPositions.withLock({ $0.generation }) == generation { writePositions() }
                }
            }
        case .watchLibrary:
            guard mode == .background, !watching.exchange(true, ordering: .relaxed) else { return }
            checkLibraryLater()
        case .fetchFeeds:
            run(on: feeds) {
                deliver(.feedsFetched(clients.fetchFeeds { done, total in deliver(.fetchProgress(done: done, total: total)) }))
            }
        case .loadHighlights(let items):
            run(on: search) { deliver(clients.loadHighlights(items)) }
        case .saveOrder(let order):
            run(on: marks) { clients.saveOrder(order).map(deliver) }
        case .quit:
            break
        }
    }

    /// Reads and lays out an item's body, sending what shows it as soon as it is there: a long
    /// Markdown article's first screen from its first part, parsed alone, then its end for `G`
    /// (read before its whole is converted), then the whole. `number` is the load's; a newer
    /// load stops it between steps.
    private func loadDocument(_ item: Item, width: Int, digestTitle: String?, number: Int) {
        let isLatest: @Sendable () -> Bool = { self.latestDocument.load(ordering: .relaxed) == number }
        let part = clients.loadFirstPart(item)
        if let part {
            let view = ArticleView(item: item, document: part, digestTitle: digestTitle, width: width,
                                   firstBlocks: Self.firstScreenBlocks, isPart: true, strings: strings)
            deliver(.documentLoaded(id: item.id, .success(LoadedArticle(document: part, highlights: nil, view: view, isPart: true))))
            guard isLatest() else { return }
        }
        let endShown = EndShown()
        let early = part == nil ? nil : EarlyEnd(blocks: ArticleView.endBlocks(lines: Self.endLines)) { [deliver, strings] end, highlights in
            guard isLatest(), let view = ArticleView.end(of: end, highlights: highlights, width: width, lines: Self.endLines, strings: strings)
            else { return }
            deliver(.laidOut(id: item.id, view))
            endShown.set()
        }
        switch clients.loadDocument(item, early) {
        case .failure(let problem):
            deliver(.documentLoaded(id: item.id, .failure(problem)))
        case .success(let body):
            let item = item.counted(from: body.document)
            let loaded = { LoadedArticle(document: body.document, highlights: body.highlights, view: $0) }
            let whole = { ArticleView(item: item, document: body.document, highlights: body.highlights, digestTitle: digestTitle,
                                      width: width, strings: self.strings) }
            if part == nil {
                // The first screen of a long article first.
                let first = ArticleView(item: item, document: body.document, highlights: body.highlights,
                                        digestTitle: digestTitle, width: width, firstBlocks: Self.firstScreenBlocks, strings: strings)
                deliver(.documentLoaded(id: item.id, .success(loaded(first))))
                guard !first.isComplete else { return }
            }
            guard isLatest() else { return }
            var view: ArticleView
            if endShown.isSet {
                view = whole()
            } else {
                // Its end, for `G`, and then the whole of it.
                view = ArticleView.end(item: item, document: body.document, highlights: body.highlights,
                                       digestTitle: digestTitle, width: width, lines: Self.endLines, strings: strings)
                if !view.isComplete {
                    deliver(.laidOut(id: item.id, view))
                    guard isLatest() else { return }
                    view = whole()
                }
            }
            guard isLatest() else { return }
            deliver(part == nil ? .laidOut(id: item.id, view) : .documentLoaded(id: item.id, .success(loaded(view))))
        }
    }

    /// Returns once every mark asked for so far is on disk (or has failed): what the reader waits
    /// for before it exits, so a mark made just before `q` or a signal is never lost.
    public func finishSavingMarks() {
        marks.sync { writePositions() }
    }

    /// Writes the reading positions waiting for their pause, if any.
    private func writePositions() {
        let (positions, over) = unsavedPositions.withLock { unsaved in
            defer { unsaved.positions = [] }
            return (unsaved.positions, unsaved.over)
        }
        guard !positions.isEmpty else { return }
        deliver(clients.savePositions(positions, over))
    }

    /// Checks the library's folders after the interval, on the library's queue (never during a
    /// load), and again after each check.
    private func checkLibraryLater() {
        library.asyncAfter(deadline: .now() + Self.watchInterval) { [self] in
            if clients.libraryChanged() { deliver(.libraryChanged) }
            checkLibraryLater()
        }
    }

    /// How often the library's folders are checked for files that arrived.
    static let watchInterval = DispatchTimeInterval.seconds(3)

    /// How long the reader must rest on a position before it is written.
    static let positionPause = DispatchTimeInterval.milliseconds(1500)

    /// Returns once every effect started so far has finished and sent its report (for benchmarks
    /// that separate the UI loop's time from the work done in the background).
    public func waitUntilIdle() {
        while inFlight.load(ordering: .acquiring) > 0 { usleep(200) }
    }

    /// How many blocks an article's first screen is laid out with before the rest.
    static let firstScreenBlocks = 40
    /// Lines of a long article's end laid out before the whole: ten screens of 40 lines.
    static let endLines = 400

    /// How long a preview waits for the selection to settle before its body is read.
    static let previewPause = DispatchTimeInterval.milliseconds(30)

    private func run(on queue: DispatchQueue, after pause: DispatchTimeInterval? = nil, _ work: @escaping @Sendable () -> Void) {
        switch mode {
        case .background:
            inFlight.add(1, ordering: .relaxed)
            let counted: @Sendable () -> Void = { [self] in
                BackgroundPriority.lowerCurrentThread()
                work()
                inFlight.subtract(1, ordering: .releasing)
            }
            if let pause { queue.asyncAfter(deadline: .now() + pause, execute: counted) } else { queue.async(execute: counted) }
        case .immediate: work()
        }
    }
}

/// Whether a long article's end was sent before its whole was read: set on the thread that
/// reads the body, read there after.
private final class EndShown: Sendable {
    private let shown = Atomic<Bool>(false)

    func set() { shown.store(true, ordering: .relaxed) }

    var isSet: Bool { shown.load(ordering: .relaxed) }
}
