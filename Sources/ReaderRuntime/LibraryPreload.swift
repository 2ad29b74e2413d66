import Dispatch
import ReaderCore
import Synchronization
import TsundokuLibrary

/// The reader's first library load, started before the theme is parsed and the terminal set up
/// so the two overlap (about 20 ms of a warm start); the first `loadLibrary` effect takes its
/// result, later ones load anew. Interim reports (progress, rows so far) go to whoever is
/// waiting by then; the latest one made before is handed over when the wait starts.
public final class LibraryPreload: Sendable {
    private let result = Mutex<LibraryLoad?>(nil)
    private let taken = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let interim = Mutex<(sink: (@Sendable (Report) -> Void)?, waiting: Report?)>((nil, nil))

    public init(source: LibrarySource, indexPath: String?, store: StateStore) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let load = LibraryLoad.run(source: source, indexPath: indexPath, store: store) { report in
                let sink = self.interim.withLock { interim -> (@Sendable (Report) -> Void)? in
                    if interim.sink == nil, case .libraryPartlyLoaded = report { interim.waiting = report }
                    return interim.sink
                }
                sink?(report)
            }
            result.withLock { $0 = load }
            finished.signal()
        }
    }

    /// The preloaded library, once (waiting for it, with `interim` told how far it got); nil
    /// after the first call.
    func take(interim sink: @escaping @Sendable (Report) -> Void) -> LibraryLoad? {
        guard !taken.exchange(true, ordering: .acquiringAndReleasing) else { return nil }
        let waiting = interim.withLock { interim -> Report? in
            interim.sink = sink
            defer { interim.waiting = nil }
            return interim.waiting
        }
        if let waiting { sink(waiting) }
        finished.wait()
        return result.withLock { $0 }
    }
}

/// One load of the library and the state file, as the `libraryLoaded` report and the folders
/// to watch.
struct LibraryLoad: Sendable {
    var report: Report
    var folders: [FolderStamp]

    /// `interim` gets the files read now and then and, while files are parsed (a library the
    /// cache does not know yet), the rows read so far with their marks.
    static func run(source: LibrarySource, indexPath: String?, store: StateStore,
                    interim: @escaping @Sendable (Report) -> Void) -> LibraryLoad {
        let marks: Marks, stateProblem: String?
        do {
            let loaded = try store.load()
            (marks, stateProblem) = (loaded.marks, loaded.damage)
        } catch {
            (marks, stateProblem) = (Marks(), "\(store.path): \(error)")
        }
        let throttle = ProgressThrottle(every: 250, interval: .milliseconds(100))
        let partial = PartialLoad { items, files in
            interim(.libraryPartlyLoaded(MarkedLibrary(items: items, marks: marks), files: files))
        }
        let snapshot = Library.load(source, indexPath: indexPath, statePath: store.path, progress: { count in
            if throttle.shouldReport(count) { interim(.loadProgress(files: count)) }
        }, partial: partial)
        return LibraryLoad(report: .libraryLoaded(snapshot, marks, stateProblem: stateProblem), folders: snapshot.folders)
    }
}

