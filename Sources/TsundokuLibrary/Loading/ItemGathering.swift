import Synchronization

/// The items of a load gathered into one array while files are parsed on several threads: the
/// cache's items first, then each parsed file's, in the order the files were found. A file's
/// items move in as soon as every file before it is in, and its own array is freed then, so the
/// parsed files' arrays never stand beside a whole second copy of the library (20 MB at
/// 100,000 files).
final class ItemGathering: Sendable {
    /// What has been gathered: `items[ranges[file]]` are the items of the `file`-th parsed file.
    struct Gathered {
        var items: [Item]
        var ranges: [Range<Int>] = []
        var problems: [[LoadProblem]] = []
        var marks: [[MarkEntry]] = []
        /// Files parsed before an earlier one was, by their place among the parsed files.
        var waiting: [Int: ParsedFile] = [:]
        /// How many files are parsed, gathered or waiting.
        var parsed = 0
    }

    private let state: Mutex<Gathered>
    private let cachedCount: Int
    private let fileCount: Int

    /// Gathers after `cachedItems` the items of `fileCount` files to be parsed.
    init(cachedItems: [Item], fileCount: Int) {
        state = Mutex(Gathered(items: cachedItems))
        cachedCount = cachedItems.count
        self.fileCount = fileCount
    }

    /// Takes what the `position`-th file parsed to (from any thread).
    func add(_ result: ParsedFile, at position: Int) {
        state.withLock { gathered in
            gathered.parsed += 1
            gathered.waiting[position] = result
            while let next = gathered.waiting.removeValue(forKey: gathered.ranges.count) {
                reserve(&gathered, adding: next.items.count)
                let start = gathered.items.count
                gathered.items.append(contentsOf: next.items)
                gathered.ranges.append(start..<gathered.items.count)
                gathered.problems.append(next.problems)
                gathered.marks.append(next.sourceMarks)
            }
        }
    }

    /// How many files are parsed so far.
    var parsed: Int { state.withLock { $0.parsed } }

    /// Reads what is gathered so far, other threads waiting meanwhile.
    func read<Result>(_ body: (borrowing Gathered) -> Result) -> Result {
        state.withLock { body($0) }
    }

    /// Everything gathered, once every file is in; the gathering keeps nothing.
    func take() -> Gathered {
        state.withLock { gathered in
            var taken = Gathered(items: [])
            swap(&taken, &gathered)
            return taken
        }
    }

    /// Makes room for `count` more items. Once a hundredth of the files is in, for as many as
    /// the files so far suggest the whole will hold (a tenth more), so the array is not doubled
    /// near the end, the old and the new both held while it is copied; before, the parsed
    /// items' part doubles (not the whole, which may be a large cache with one changed file).
    private func reserve(_ gathered: inout Gathered, adding count: Int) {
        let needed = gathered.items.count + count
        guard needed > gathered.items.capacity else { return }
        let parsedItems = needed - cachedCount
        let files = gathered.ranges.count + 1
        let grown = files >= max(1, fileCount / 100) ? parsedItems * fileCount / files * 11 / 10 : parsedItems * 2
        gathered.items.reserveCapacity(cachedCount + max(parsedItems, grown))
    }
}

extension ItemGathering.Gathered {
    /// The items read so far, each id once (the first file's, in the order found): the cache's
    /// at `cachedRanges`, then the parsed ones, gathered or waiting. One array is made (joined
    /// and filtered copies were 60 MB more at the peak of 100,000 files).
    func itemsSoFar(cachedAt cachedRanges: [Range<Int>]) -> [Item] {
        let waitingFiles = waiting.sorted { $0.key < $1.key }.map(\.value)
        var seen = Set<String>()
        var kept: [Item] = []
        kept.reserveCapacity(cachedRanges.reduce(0) { $0 + $1.count } + ranges.reduce(0) { $0 + $1.count }
                             + waitingFiles.reduce(0) { $0 + $1.items.count })
        for range in cachedRanges + ranges {
            for item in items[range] where seen.insert(item.id).inserted { kept.append(item) }
        }
        for file in waitingFiles {
            for item in file.items where seen.insert(item.id).inserted { kept.append(item) }
        }
        return kept
    }
}
