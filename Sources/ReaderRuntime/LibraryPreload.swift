import Dispatch
import ReaderCore
import Synchronization
import TsundokuLibrary

/// The reader's first library load, started before the theme is parsed and the terminal set up
/// so the two overlap (about 20 ms of a warm start); the first `loadLibrary` effect takes its
/// result, later ones load anew. Progress goes to whoever is waiting for it by then.
public final class LibraryPreload: Sendable {
    private let result = Mutex<LibraryLoad?>(nil)
    private let taken = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let progress = Mutex<(@Sendable (Int) -> Void)?>(nil)

    public init(source: LibrarySource, indexPath: String?, store: StateStore) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let load = LibraryLoad.run(source: source, indexPath: indexPath, store: store) { count in
                self.progress.withLock { $0 }?(count)
            }
            result.withLock { $0 = load }
            finished.signal()
        }
    }

    /// The preloaded library, once (waiting for it, with `progress` told how far it got); nil
    /// after the first call.
    func take(progress sink: @escaping @Sendable (Int) -> Void) -> LibraryLoad? {
        guard !taken.exchange(true, ordering: .acquiringAndReleasing) else { return nil }
        progress.withLock { $0 = sink }
        finished.wait()
        return result.withLock { $0 }
    }
}

/// One load of the library and the state file, as the `libraryLoaded` report and the folders
/// to watch.
struct LibraryLoad: Sendable {
    var report: Report
    var folders: [FolderStamp]

    static func run(source: LibrarySource, indexPath: String?, store: StateStore,
                    progress: @escaping @Sendable (Int) -> Void) -> LibraryLoad {
        let throttle = ProgressThrottle(every: 250, interval: .milliseconds(100))
        let snapshot = Library.load(source, indexPath: indexPath, statePath: store.path) { count in
            if throttle.shouldReport(count) { progress(count) }
        }
        do {
            let loaded = try store.load()
            return LibraryLoad(report: .libraryLoaded(snapshot, loaded.marks, stateProblem: loaded.damage), folders: snapshot.folders)
        } catch {
            return LibraryLoad(report: .libraryLoaded(snapshot, Marks(), stateProblem: "\(store.path): \(error)"), folders: snapshot.folders)
        }
    }
}

