import TsundokuLibrary

/// What search knows besides the query: the title index, the article-text search under way
/// and the last matches of each, so a query that grows looks only at what its shorter form
/// matched. Titles are matched on the UI loop through the index; article texts are searched
/// off it, their matches arriving in batches (`Report.textMatches`).
struct SearchState: Sendable, Equatable {
    /// The title index, once built for the library shown.
    var keys: SearchKeys?
    /// Whether the title index is being built (asked for once, however many keys are typed
    /// while it is).
    var keysBuilding = false
    /// The matches of the query's titles and of each shorter query it was typed through, so a
    /// key typed looks only at the last one's matches and a key erased at none.
    private var typedTitles: [SearchMatches] = []
    /// Whether the article texts of the library shown are ready to be searched, or being made so.
    var textsReady = false
    var textsPreparing = false
    /// The number of the latest text search asked for; reports of older ones are dropped.
    private(set) var textNumber = 0
    /// The query of that search and the items it has matched so far.
    private(set) var textNeedle: [UInt8] = []
    private(set) var textFound: [Int] = []
    /// The last text search that read every text it had to, for narrowing.
    private var lastTexts: SearchMatches?

    /// Forgets everything about the library searched (a new one is shown); a text search under
    /// way no longer counts.
    mutating func reset() {
        self = SearchState(textNumber: textNumber + 1)
    }

    private init(textNumber: Int) {
        self.textNumber = textNumber
    }

    init() {}

    /// The items whose title, site or author contain `needle`, ascending; nil while the index
    /// is being built.
    mutating func titleMatches(_ needle: [UInt8]) -> [Int]? {
        guard let keys else { return nil }
        while let last = typedTitles.last, !needle.starts(with: last.needle) { typedTitles.removeLast() }
        if let last = typedTitles.last, last.needle == needle { return last.indices }
        let found = keys.matches(needle, among: typedTitles.last)
        typedTitles.append(found)
        return found.indices
    }

    /// The items whose text has matched `needle` so far.
    func textMatches(_ needle: [UInt8]) -> [Int] {
        textNeedle == needle ? textFound : []
    }

    /// The text search `needle` needs, if one is not under way for it already: over the last
    /// complete search's matches when `needle` contains its query. An empty needle stops the
    /// search under way.
    mutating func textSearch(for needle: [UInt8]) -> Effect? {
        guard textsReady, needle != textNeedle else { return nil }
        textNumber += 1
        textNeedle = needle
        textFound = []
        guard !needle.isEmpty else { return .searchTexts(number: textNumber, needle: [], among: nil) }
        let among = lastTexts.flatMap { Self.contains(needle, $0.needle) ? $0.indices : nil }
        return .searchTexts(number: textNumber, needle: needle, among: among)
    }

    /// Takes a batch of text matches; false when it belongs to a search no longer wanted.
    mutating func receiveTextMatches(number: Int, indices: [Int], complete: Bool) -> Bool {
        guard number == textNumber else { return false }
        textFound += indices
        if complete {
            textFound.sort()
            lastTexts = SearchMatches(needle: textNeedle, indices: textFound)
        }
        return !indices.isEmpty
    }

    /// Whether `needle` occurs in `haystack`, byte for byte.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBytes { ByteSearch.contains($0, needle) }
    }
}

/// The items (indices into the library) a query matched, ascending; for titles also where in
/// each item's key it was first found (`offsets`, empty when not known).
struct SearchMatches: Equatable, Sendable {
    var needle: [UInt8]
    var indices: [Int]
    var offsets: [Int32] = []
}
