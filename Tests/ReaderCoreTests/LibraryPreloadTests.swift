import Foundation
import Testing
@testable import ReaderCore
@testable import ReaderRuntime
@testable import TsundokuLibrary

/// The reader's first library load starts before the terminal is set up; only the first
/// `loadLibrary` takes it, every later one reads the folders again.
@Suite struct LibraryPreloadTests {
    @Test func theFirstLoadIsThePreloadAndLaterOnesReadAgain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("preload-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/lib", withIntermediateDirectories: true)
        try Data("# 第一篇\n\n正文。\n".utf8).write(to: URL(fileURLWithPath: folder + "/lib/a.md"))
        let store = StateStore(path: folder + "/marks.log")
        let preload = LibraryPreload(source: .paths([folder + "/lib"]), indexPath: nil, store: store)
        let clients = EffectClients.live(source: .paths([folder + "/lib"]), indexPath: nil, store: store, preload: preload,
                                         openURL: { .linkOpened($0) }, fetchFeeds: { _ in .nothingFollowed })
        func titles(_ report: Report) -> [String] {
            guard case .libraryLoaded(let snapshot, _, nil) = report else { return [] }
            return snapshot.items.map(\.title).sorted()
        }
        #expect(titles(clients.loadLibrary { _ in }) == ["第一篇"])
        #expect(!clients.libraryChanged(), "the preload's folders are watched")
        try Data("# 第二篇\n\n正文。\n".utf8).write(to: URL(fileURLWithPath: folder + "/lib/b.md"))
        #expect(clients.libraryChanged())
        #expect(titles(clients.loadLibrary { _ in }) == ["第一篇", "第二篇"], "a reload reads the folder again")
    }
}
