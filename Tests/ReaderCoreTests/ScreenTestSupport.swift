import Foundation
import TsundokuLibrary
@testable import ReaderCore

/// Builds app states over the sample library and runs effects the way the backend would, but
/// in memory: documents load from the sample, marks apply at a fixed time.
enum ScreenTestSupport {
    static func sampleState(width: Int, height: Int, marks: Marks = Marks()) -> AppState {
        let snapshot = Library.load(.sample)
        return AppState(library: MarkedLibrary(items: snapshot.items, marks: marks), libraryName: "示例书库",
                        width: width, height: height)
    }

    /// Applies an action and then every effect's report, until nothing is left to do.
    static func send(_ action: Action, to state: inout AppState) -> [Effect] {
        var performed: [Effect] = []
        var pending = state.apply(action)
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            performed.append(effect)
            switch effect {
            case .loadDocument(let item):
                let article = LoadedArticle(document: try! Library.document(for: item), highlights: try? Library.highlights(for: item))
                pending += state.apply(.documentLoaded(id: item.id, .success(article)))
            case .saveMarks(let ids, let operation, let marks):
                pending += state.apply(.marksSaved(marks.stamped(ids, operation, now: 1_000)))
            default:
                break
            }
        }
        return performed
    }
}
