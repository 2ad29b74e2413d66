import Localization
import Foundation
import ReaderCore
import Synchronization
import TsundokuLibrary

extension EffectClients {
    /// The clients of a real library on disk: `source` read through the metadata cache at
    /// `indexPath` (the first time from `preload`, when given), marks in `store`; links opened by
    /// `openURL`.
    public static func live(source: LibrarySource, indexPath: String?, store: StateStore,
                            preload: LibraryPreload? = nil, openURL: @escaping @Sendable (String) -> Report,
                            fetchFeeds: @escaping @Sendable (_ progress: @escaping @Sendable (Int, Int) -> Void) -> FeedFetchSummary)
        -> EffectClients {
        let folders = Mutex<[FolderStamp]>([])
        return EffectClients(
            loadLibrary: { interim in
                let load = preload?.take(interim: interim) ?? LibraryLoad.run(source: source, indexPath: indexPath, store: store,
                                                                               interim: interim)
                folders.withLock { $0 = load.folders }
                return load.report
            },
            loadDocument: ArticleReading.body,
            saveMarks: { ids, operation, marks in
                do {
                    return .marksSaved(try store.mark(ids, operation, over: marks))
                } catch {
                    return .marksFailed("\(error)")
                }
            },
            savePositions: { positions, marks in
                do {
                    return .positionsSaved(try store.savePositions(positions, over: marks))
                } catch {
                    return .marksFailed("\(error)")
                }
            },
            textSearch: TextSearchClient(path: TextSearchClient.path(besideIndex: indexPath)),
            openURL: openURL,
            saveOrder: { order in
                do {
                    try ViewSettings.save(order)
                    return nil
                } catch {
                    return .orderNotSaved("\(error)")
                }
            },
            libraryChanged: { FolderStamp.anyChanged(folders.withLock { $0 }) },
            fetchFeeds: fetchFeeds)
    }
}

/// Lets a progress report through each time the count passes another step and `interval` has
/// passed since the last one (or the start): a load that is over at once reports nothing.
final class ProgressThrottle: Sendable {
    private struct Next {
        var count: Int
        var time: DispatchTime
    }

    private let next: Mutex<Next>
    private let step: Int
    private let interval: DispatchTimeInterval

    init(every step: Int, interval: DispatchTimeInterval = .never) {
        self.step = step
        self.interval = interval
        next = Mutex(Next(count: step, time: interval == .never ? .now() : .now() + interval))
    }

    func shouldReport(_ count: Int) -> Bool {
        next.withLock { next in
            let now = DispatchTime.now()
            guard count >= next.count, now >= next.time else { return false }
            next = Next(count: count + step, time: interval == .never ? now : now + interval)
            return true
        }
    }
}

/// Reads an item's body from its file and lays it out: the one place an `Item` on disk becomes
/// an article on screen (the reader, `render` and `bench layout` all go through it).
public enum ArticleReading {
    public static func article(_ item: Item, digestTitle: String?, width: Int, strings: Strings) throws -> LoadedArticle {
        let (body, highlights) = try Library.bodyAndHighlights(for: item)
        return LoadedArticle(item: item.counted(from: body), document: body, highlights: highlights, digestTitle: digestTitle,
                             width: width, strings: strings)
    }

    /// The item's body and highlights from its file, or why they cannot be read; a long body's
    /// end goes to `end` first.
    @Sendable public static func body(_ item: Item, end: EarlyEnd?) -> Result<ArticleBody, LoadProblem> {
        Result { () throws -> ArticleBody in
            let (body, highlights) = try Library.bodyAndHighlights(for: item, end: end)
            return ArticleBody(document: body, highlights: highlights)
        }
            .mapError { $0 as? LoadProblem ?? LoadProblem(path: item.path, message: "\($0)") }
    }
}
