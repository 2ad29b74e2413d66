import Foundation
import ReaderCore
import Synchronization
import TsundokuLibrary

/// Article text for search, off the UI loop: the store of a library's texts brought up to date
/// (`prepare`), then searched query by query (`search`). The store lives in a file beside the
/// metadata cache (`path`), or in a temporary file nobody else sees when there is no cache.
public final class TextSearchClient: Sendable {
    private let path: String?
    private let store = Mutex<SearchTexts?>(nil)

    public init(path: String?) {
        self.path = path
    }

    /// The store's file for the metadata cache at `indexPath`.
    public static func path(besideIndex indexPath: String?) -> String? {
        indexPath.map { ($0.hasSuffix(".bin") ? String($0.dropLast(4)) : $0) + "-texts.bin" }
    }

    /// Brings the texts of `items` up to date; `progress` is told how many items are done.
    func prepare(_ items: [Item], progress: (Int) -> Void) -> Report {
        do {
            let prepared: SearchTexts
            do {
                prepared = try SearchTexts.prepare(items, path: path, progress: progress)
            } catch where path != nil {
                // A cache folder that cannot be written to: a private temporary file will do.
                prepared = try SearchTexts.prepare(items, path: nil, progress: progress)
            }
            store.withLock { $0 = prepared }
            return .searchTextsReady(ids: items.map(\.id))
        } catch {
            return .searchTextsFailed("\(error)")
        }
    }

    /// Searches the prepared texts; false when cancelled (or nothing is prepared).
    func search(_ needle: [UInt8], among: [Int]?, isCancelled: () -> Bool, found: ([Int]) -> Void) -> Bool {
        guard let texts = store.withLock({ $0 }) else { return false }
        return texts.search(needle, among: among, isCancelled: isCancelled, found: found)
    }
}
