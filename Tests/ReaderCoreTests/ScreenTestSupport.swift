import Localization
import Foundation
import Testing
import ReaderRuntime
import TsundokuLibrary
@testable import ReaderCore

/// Builds app states over the sample library and runs effects through the effect runtime in
/// its immediate mode, with in-memory clients: bodies from the sample, marks at a fixed time.
enum ScreenTestSupport {
    static func sampleState(width: Int, height: Int, marks: Marks = Marks(), markReadOnOpen: Bool = true,
                            keymap: Keymap = .standard, language: Language = .chinese) -> AppState {
        let snapshot = Library.load(.sample)
        return AppState(library: MarkedLibrary(items: snapshot.items, marks: marks), libraryName: Strings(language).sampleLibraryName,
                        width: width, height: height, markReadOnOpen: markReadOnOpen, keymap: keymap, strings: Strings(language))
    }

    /// Clients that never touch the disk: the sample library (compiled in) and a fixed clock.
    static let clients = EffectClients(
        loadLibrary: { _ in .libraryLoaded(Library.load(.sample), Marks(), stateProblem: nil) },
        loadDocument: ArticleReading.body,
        saveMarks: { ids, operation, marks in .marksSaved(marks.stamped(ids, operation, now: 1_000)) },
        savePositions: { positions, marks in .positionsSaved(marks.stamped(positions, now: 1_000)) },
        
        openURL: { .linkOpened($0) })

    /// Applies an action and then every effect's report, until nothing is left to do.
    @discardableResult
    static func send(_ action: Action, to state: inout AppState) -> [Effect] {
        let driver = ReaderDriver(state: state, clients: clients)
        let performed = driver.send(action)
        state = driver.state
        return performed
    }

    /// The reader view of a file's first item, built from the file's text without touching the disk.
    static func view(ofText text: String, width: Int) throws -> ArticleView {
        let item = try #require(ItemFileParser.parse(bytes: Array(text.utf8), path: "/virtual/article.md",
                                                     modified: Date(timeIntervalSince1970: 0)).items.first)
        return ArticleView(item: item, document: try Library.document(for: item, in: text), width: width, strings: Strings(.chinese))
    }

    /// The reader view of a library item, laid out at `width`.
    static func view(_ item: Item, in library: MarkedLibrary, width: Int) throws -> ArticleView {
        try ArticleReading.article(item, digestTitle: item.parent.flatMap { library.item($0)?.title }, width: width, strings: Strings(.chinese)).view
    }
}
