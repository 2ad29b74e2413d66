import Testing
@testable import TsundokuLibrary

/// How the library tests load a library: without a cache, then twice with one (the first run
/// writes it, the second reads it). An issue is recorded when the cached load differs in any
/// field of any item, problem or mark, or in any id's place; the cached load is returned, so
/// every assertion that follows holds for the second run too.
enum ColdAndWarm {
    static func load(_ source: LibrarySource, sourceLocation: SourceLocation = #_sourceLocation) -> LibrarySnapshot {
        let cache = TemporaryFolder()
        let index = cache.path + "/index.bin"
        let cold = Library.load(source)
        _ = Library.load(source, indexPath: index)
        let warm = Library.load(source, indexPath: index)
        #expect(warm.items == cold.items, "items from the cache differ", sourceLocation: sourceLocation)
        #expect(warm.problems == cold.problems, "problems from the cache differ", sourceLocation: sourceLocation)
        #expect(warm.sourceMarks == cold.sourceMarks, "marks from the cache differ", sourceLocation: sourceLocation)
        #expect(warm.lookup == cold.lookup, "the ids' places from the cache differ", sourceLocation: sourceLocation)
        return warm
    }
}
