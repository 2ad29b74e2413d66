import Foundation
import Synchronization

/// Where a library's files come from: folders (or single files) on disk, or the sample library
/// compiled into the binary.
public enum LibrarySource: Sendable, Hashable {
    case paths([String])
    case sample
}

/// What one file gave: its items, and its problems (a whole file that could not be read, or the
/// lines of a JSON Lines file that could not).
public struct ParsedFile: Sendable, Hashable {
    public var items: [Item]
    public var problems: [LoadProblem]
    /// Read and starred as the file says (a JSON Lines export); the state file's marks win.
    public var sourceMarks: [MarkEntry] = []

    public init(items: [Item], problems: [LoadProblem], sourceMarks: [MarkEntry] = []) {
        self.items = items
        self.problems = problems
        self.sourceMarks = sourceMarks
    }

}

/// All items of a library and the files that could not be loaded.
public struct LibrarySnapshot: Sendable, Equatable {
    public var items: [Item]
    public var problems: [LoadProblem]
    /// Marks the files themselves carry; `Marks.addingDefaults` lets the state file win over them.
    public var sourceMarks: [MarkEntry]
    /// The library's folders as they were scanned: when one of them changes, files arrived or left.
    public var folders: [FolderStamp]
    /// Where each item stands, made by the loader for `items` (in reading order), so the
    /// reader's `MarkedLibrary` need not make it on the UI loop.
    public var lookup: ItemLookup?

    public init(items: [Item], problems: [LoadProblem], sourceMarks: [MarkEntry] = [], folders: [FolderStamp] = [],
                lookup: ItemLookup? = nil) {
        self.items = items
        self.problems = problems
        self.sourceMarks = sourceMarks
        self.folders = folders
        self.lookup = lookup
    }
}

/// Loads a library: scans, reuses the metadata index where files are unchanged, parses the rest
/// on every core, drops duplicate ids (reported), and reads item bodies on demand.
public enum Library {
    /// Loads every item. `indexPath` names the metadata cache (nil: parse everything);
    /// `statePath` names the state file, which (with its lock and set-aside lines) is never read
    /// as an article, nor is the cache; `progress` is told how many files have been read so far,
    /// and `partial` (when files have to be parsed) now and then the items read so far.
    public static func load(_ source: LibrarySource, indexPath: String? = nil, statePath: String? = nil,
                            progress: (@Sendable (Int) -> Void)? = nil, partial: PartialLoad? = nil) -> LibrarySnapshot {
        var problems: [LoadProblem] = []
        var folders: [FolderStamp] = []
        // The cache is decoded while the folders are scanned (a `stat` per file): the two share
        // the cores.
        let decoding = indexPath.map { path in Background { MetadataIndex(path: path) } }
        let files: [ScannedFile]
        switch source {
        case .sample:
            files = SampleLibrary.files.map {
                ScannedFile(path: $0.path, size: Int64($0.text.utf8.count), modified: SampleLibrary.modified)
            }
        case .paths(let roots):
            let ownFiles = OwnFiles([statePath, indexPath].compactMap { $0 })
            files = roots.flatMap { LibraryScanner.scan(Paths.absolute($0), skipping: ownFiles, problems: &problems, folders: &folders) }
        }
        var index = decoding?.take() ?? MetadataIndex()
        let cached = index.places(of: files)
        let unparsed = files.indices.filter { cached[$0] == nil }
        let hits = files.count - unparsed.count
        let cachedFileCount = index.count
        let hitRanges = cached.compactMap { $0.map(index.items(at:)) }
        // Every file the cache knows found unchanged, nothing new, no id twice: the cache's
        // ids' table is the library's as it is.
        let cachedPlaces = unparsed.isEmpty && hits == cachedFileCount ? index.takeItemPlaces() ?? [:] : [:]
        // The cache's items are the library's array; parsed files' items are gathered after
        // them as they come.
        let gathering = ItemGathering(cachedItems: index.takeItems(), fileCount: unparsed.count)
        parseAll(unparsed.map { files[$0] }, into: gathering, progress: { progress?(hits + $0) },
                 partial: partial.map { partial in
                     (partial.first, partial.interval, {
                         let (items, parsed) = gathering.read { ($0.itemsSoFar(cachedAt: hitRanges), $0.parsed) }
                         partial.sink(inReadingOrder(items), hits + parsed)
                     })
                 })
        var gathered = gathering.take()
        var items = gathered.items
        gathered.items = []
        // Each file's items are `items[ranges[file]]`.
        var ranges: [Range<Int>] = []
        var fileProblems: [[LoadProblem]] = []
        var fileMarks: [[MarkEntry]] = []
        ranges.reserveCapacity(files.count)
        var nextParsed = 0
        for position in files.indices {
            if let hit = cached[position] {
                ranges.append(index.items(at: hit))
                fileProblems.append(index.problems(at: hit))
                fileMarks.append(index.sourceMarks(at: hit))
            } else {
                ranges.append(gathered.ranges[nextParsed])
                fileProblems.append(gathered.problems[nextParsed])
                fileMarks.append(gathered.marks[nextParsed])
                nextParsed += 1
            }
        }
        // What the cache and the parse handed over is all in `items` now: the rest goes before
        // the heavy part (ids, order), not at the end (5 MB less at the peak of 100,000 files).
        (gathered, index) = (ItemGathering.Gathered(items: []), MetadataIndex())

        // One item per id, the first file (in the order found) winning.
        // `owners` places each id's item; it becomes the library's lookup by id once the items
        // are in their final places (the same table, its values changed: no id hashed twice).
        var kept: [Int] = []
        var owners = consume cachedPlaces
        if owners.count == items.count {
            kept = Array(items.indices)
            problems += fileProblems.joined()
        } else {
            owners = [:]
            keepFirstOfEachID(items, files: files, ranges: ranges, fileProblems: fileProblems,
                              kept: &kept, owners: &owners, problems: &problems)
        }

        // The cache is written in reading order, so when nothing changed, its items already
        // stand in it: checked in one pass instead of sorted.
        kept.sort()
        let inOrder = MarkedLibrary.isInReadingOrder(items, at: kept)
        let order = inOrder ? kept : MarkedLibrary.readingOrder(items, among: kept)
        // Every item kept where it stands (a warm start where nothing changed): nothing moves.
        let stays = inOrder && order.count == items.count
        let writesCache = indexPath != nil && source != .sample && (files.count != cachedFileCount || !unparsed.isEmpty)
        // Each item's place in reading order (dropped duplicates: none).
        var place: [Int] = []
        if writesCache || !stays {
            place = [Int](repeating: Int.max, count: items.count)
            for (position, index) in order.enumerated() { place[index] = position }
        }
        if writesCache, let indexPath {
            try? MetadataIndex.write(entries(files, ranges, fileProblems, fileMarks, items: items, places: place), to: indexPath)
        }
        if !stays {
            // In reading order here, so the reader's `MarkedLibrary` keeps this array as it is;
            // rearranged in place, since a second array of 18,000 items is 7 MB more at the
            // peak. The ids' places changed where they lie: the table is neither copied nor
            // hashed again.
            for slot in owners.values.indices { owners.values[slot] = place[owners.values[slot]] }
            place = []
            rearrange(&items, keeping: order)
        }
        return LibrarySnapshot(items: items, problems: problems, sourceMarks: fileMarks.flatMap { $0 }, folders: folders,
                               lookup: ItemLookup(byID: owners))
    }

    /// One item per id, the first file (in the order found) winning: `kept` gets the places of
    /// the items kept, `owners` each id's place, `problems` each file's own and each id found
    /// again where it should not be (a digest's items share their digest's file).
    private static func keepFirstOfEachID(_ items: [Item], files: [ScannedFile], ranges: [Range<Int>], fileProblems: [[LoadProblem]],
                                          kept: inout [Int], owners: inout [String: Int], problems: inout [LoadProblem]) {
        kept.reserveCapacity(items.count)
        owners.reserveCapacity(items.count)
        var ownerFiles = [Int32](repeating: 0, count: items.count)
        items.withUnsafeBufferPointer { items in
            // Stored fields only: a computed property of an item (`isFromOmnivoreExport`) copied
            // the whole item first, a retain and release of each of its strings (5% of a load).
            for position in files.indices {
                problems += fileProblems[position]
                for index in ranges[position] {
                    let id = items[index].id
                    // One lookup for an id seen first (nearly all); a repeated one gets its
                    // first owner back.
                    if let owner = owners.updateValue(index, forKey: id) {
                        owners[id] = owner
                        let fromExport = items[index].body.format.isOmnivoreExport
                        if !items[index].hasParent, !(fromExport && items[owner].body.format.isOmnivoreExport) {
                            let file = files[Int(ownerFiles[owner])].path
                            problems.append(LoadProblem(path: files[position].path, message: "same item id \(id) as \(file), skipped"))
                        }
                        continue
                    }
                    ownerFiles[index] = Int32(position)
                    kept.append(index)
                }
            }
        }
    }

    /// What each file parsed to, for the cache, the files in the reading order of their first
    /// item (`place`: each item's place in reading order; files with none last), so the next
    /// load finds its items in order. Lazy: each entry (a copy of its file's items) is made
    /// when the cache writes it.
    private static func entries(_ files: [ScannedFile], _ ranges: [Range<Int>], _ problems: [[LoadProblem]], _ marks: [[MarkEntry]],
                                items: [Item], places place: [Int]) -> LazyMapSequence<[Int], MetadataIndex.Entry> {
        let firstPlaces = ranges.map { range in range.lazy.map { place[$0] }.min() ?? Int.max }
        return files.indices.sorted { (firstPlaces[$0], files[$0].path) < (firstPlaces[$1], files[$1].path) }.lazy.map { position in
            MetadataIndex.Entry(file: files[position], result: ParsedFile(items: Array(items[ranges[position]]),
                                                                           problems: problems[position], sourceMarks: marks[position]),
                                position: position)
        }
    }

    /// Leaves `items[order[0]], items[order[1]], ...` in `items`, in that order, moving them
    /// in place (swaps are moves; `Array.swapAt` copies both values).
    static func rearrange(_ items: inout [Item], keeping order: [Int]) {
        var kept = [Bool](repeating: false, count: items.count)
        for index in order { kept[index] = true }
        let permutation = order + items.indices.filter { !kept[$0] }
        var placed = [Bool](repeating: false, count: items.count)
        items.withUnsafeMutableBufferPointer { buffer in
            for start in permutation.indices where !placed[start] {
                var current = start
                while true {
                    placed[current] = true
                    let next = permutation[current]
                    if next == start { break }
                    // The buffer's swap moves the two values; `Array.swapAt` copies them.
                    buffer.swapAt(current, next)
                    current = next
                }
            }
        }
        items.removeLast(items.count - order.count)
    }

    /// The item's body as a `Document`, read from its file now.
    public static func document(for item: Item) throws -> Document {
        try document(at: item.body, path: item.path, source: SourceText(decodedText(item.path)))
    }

    /// The item's body from `text`, the whole text of its file: a body without reading a file.
    public static func document(for item: Item, in text: String) throws -> Document {
        try document(at: item.body, path: item.path, source: SourceText(text))
    }

    /// The item's body from `source`, its file's text (read once for the items it holds).
    static func document(for item: Item, in source: @autoclosure () throws -> SourceText) throws -> Document {
        try document(at: item.body, path: item.path, source: source())
    }

    /// The item's `## Highlights`, when it has any.
    public static func highlights(for item: Item) throws -> Document? {
        try item.highlights.map { try document(at: $0, path: $0.path ?? item.path, source: SourceText(decodedText($0.path ?? item.path))) }
    }

    /// The item's body and highlights from one read of its file. A long Markdown body's end
    /// is shown to `end`, when given, before the whole is converted.
    public static func bodyAndHighlights(for item: Item, end: EarlyEnd? = nil) throws -> (body: Document, highlights: Document?) {
        var text: String?
        var bytes = try longMarkdownBytes(of: item)
        func fileText() throws -> String {
            if let text { return text }
            let read = try decodedText(item.path, bytes: bytes.take())
            text = read
            return read
        }
        // First: a long body's highlights are in a file of their own, and its end shows them.
        let highlights = try item.highlights.map { location in
            guard let path = location.path else { return try document(at: location, path: item.path, source: SourceText(fileText())) }
            return try document(at: location, path: path, source: SourceText(decodedText(path)))
        }
        let endFirst = end.map { end in (blocks: end.blocks, show: { end.show($0, highlights) }) }
        let body = try bytes.flatMap { longMarkdownBody(of: item, in: $0, endFirst: endFirst) }
            ?? document(at: item.body, path: item.path, source: SourceText(fileText()))
        return (body, highlights)
    }

    /// The item's highlights as Markdown, when it has any.
    public static func highlightsSource(for item: Item) throws -> String? {
        guard let location = item.highlights else { return nil }
        let selected = lines(of: location, text: try decodedText(location.path ?? item.path))
        if location.format == .jsonLineHighlights {
            return try JSONLines.bodySource(fromLine: String(selected.first ?? ""), path: item.path, fields: ["highlights"]).text
        }
        return selected.joined(separator: "\n")
    }

    /// The item's body as its source wrote it: the field name `export` uses (`markdown`,
    /// `text` or `html`) and the text.
    public static func bodySource(for item: Item) throws -> (field: String, text: String) {
        if item.body.format == .unavailable { return ("text", "") }
        let selected = lines(of: item.body, text: try decodedText(item.path))
        switch item.body.format {
        case .markdown: return ("markdown", selected.joined(separator: "\n"))
        case .plainText: return ("text", selected.joined(separator: "\n"))
        case .jsonLine where item.body.htmlBlocks != nil:
            return ("text", try document(for: item).blocks.map(\.readableText).joined(separator: "\n\n"))
        case .jsonLine, .jsonLineHighlights:
            return try JSONLines.bodySource(fromLine: String(selected.first ?? ""), path: item.path)
        case .html where item.body.blocks == [0..<Int.max]: return ("html", selected.joined(separator: "\n"))
        case .html: return ("text", try document(for: item).blocks.map(\.readableText).joined(separator: "\n\n"))
        case .unavailable: return ("text", "")
        }
    }

    private static func lines(of location: BodyLocation, text: String) -> [Substring] {
        lines(of: location, in: SourceLines.split(text))
    }

    /// The lines of `lines` the body is made of (those there are, for a file read only in part).
    private static func lines(of location: BodyLocation, in lines: [Substring]) -> [Substring] {
        if location.format == .html { return lines }
        return location.lines.flatMap { range in
            range.clamped(to: 0..<lines.count).map { lines[$0] }
        }
    }

    /// The bytes of the file of a long Markdown body whose highlights, if any, are in another
    /// file: its body is parsed from them (`longMarkdownBody`); nil for any other item.
    private static func longMarkdownBytes(of item: Item) throws -> [UInt8]? {
        guard item.body.format == .markdown, item.body.lines.count == 1, item.highlights.map({ $0.path != nil }) ?? true,
              OmnivoreExport.entryPath(item.path) == nil, let size = FileIO.regularFileSize(item.path),
              size > MarkdownDocument.long else { return nil }
        return try readFile(item.path)
    }

    /// The body from its file's bytes, parted and validated on every core
    /// (`MarkdownDocument.parse(utf8:)`, its end shown to `endFirst` first); nil when the bytes
    /// are not plainly UTF-8 text without carriage returns that can be cut, which the file's
    /// text then tells.
    private static func longMarkdownBody(of item: Item, in bytes: [UInt8],
                                         endFirst: (blocks: Int, show: (DocumentEnd) -> Void)?) -> Document? {
        guard TextDecoding.problemBeforeValidating(bytes) == nil else { return nil }
        let start = TextDecoding.textStart(of: bytes)
        return bytes.withUnsafeBufferPointer { buffer in
            let text = UnsafeBufferPointer(rebasing: buffer[start...])
            guard let span = SourceLines.span(of: text, lines: item.body.lines[0]) else { return nil }
            return MarkdownDocument.parse(utf8: UnsafeBufferPointer(rebasing: text[span]), endFirst: endFirst)
        }
    }

    /// The text of the file at `path`, from `bytes` when they were read already.
    static func decodedText(_ path: String, bytes: [UInt8]? = nil) throws -> String {
        guard case .success(let text) = TextDecoding.decode(try bytes ?? readFile(path)) else {
            throw LoadProblem(path: path, message: "changed since it was loaded and is no longer readable text")
        }
        return text
    }

    private static func document(at location: BodyLocation, path: String, source: @autoclosure () throws -> SourceText) throws -> Document {
        // An export item without text (a PDF): the reader says so in its own words.
        if location.format == .unavailable { return Document(blocks: []) }
        let source = try source()
        if location.format == .markdown, location.lines.count == 1, let body = SourceLines.joined(source.text, lines: location.lines[0]) {
            return MarkdownDocument.parse(body)
        }
        let selected = lines(of: location, in: source.lines)
        switch location.format {
        case .markdown: return MarkdownDocument.parse(selected.joined(separator: "\n"))
        case .plainText: return PlainTextDocument.parse(selected)
        case .jsonLine:
            return JSONLines.blocks(location.htmlBlocks, of: try JSONLines.document(fromLine: String(selected.first ?? ""), path: path))
        case .jsonLineHighlights: return try JSONLines.document(fromLine: String(selected.first ?? ""), path: path, field: "highlights")
        case .html:
            let document = HTMLDocument.parse(selected.joined(separator: "\n"))
            return Document(blocks: location.blocks.flatMap { $0.clamped(to: 0..<document.blocks.count).map { document.blocks[$0] } })
        case .unavailable: return Document(blocks: [])
        }
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        if let sample = SampleLibrary.files.first(where: { $0.path == path }) { return Array(sample.text.utf8) }
        if let entry = OmnivoreExport.entryPath(path) { return try OmnivoreExport.read(entry.member, in: entry.archive) }
        do {
            return try FileIO.read(path)
        } catch {
            throw LoadProblem(path: path, message: "cannot read: \(error)")
        }
    }

    /// Parses `files` on every core into `gathering`; `progress` is told how many are done;
    /// `partial`, when given, is called after `first`, then after `interval`, twice that, and
    /// so on (each costs more than the one before, being longer).
    private static func parseAll(_ files: [ScannedFile], into gathering: ItemGathering, progress: @escaping @Sendable (Int) -> Void,
                                 partial: (first: Duration, interval: Duration, show: @Sendable () -> Void)?) {
        guard !files.isEmpty else { return }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let clock = ContinuousClock()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var position = worker
            var nextPartial = partial.map { clock.now + $0.first }
            var interval = partial?.interval ?? .zero
            while position < files.count {
                gathering.add(parse(files[position]), at: position)
                if worker == 0 {
                    progress(gathering.parsed)
                    if let partial, let due = nextPartial, clock.now >= due {
                        partial.show()
                        nextPartial = clock.now + interval
                        interval *= 2
                    }
                }
                position += workers
            }
        }
    }

    /// `items` rearranged into reading order (items whose digest is missing left out), in place.
    private static func inReadingOrder(_ items: consuming [Item]) -> [Item] {
        rearrange(&items, keeping: MarkedLibrary.readingOrder(items))
        return items
    }

    private static func parse(_ file: ScannedFile) -> ParsedFile {
        // The scanner lets a file over the article size cap through only when it starts like a
        // zip: an export, read in place, never whole.
        if file.size > LibraryScanner.maximumFileSize { return OmnivoreExport.parse(path: file.path) }
        let bytes: [UInt8]
        do {
            bytes = try readFile(file.path)
        } catch let problem as LoadProblem {
            return ParsedFile(items: [], problems: [problem])
        } catch {
            return ParsedFile(items: [], problems: [LoadProblem(path: file.path, message: "\(error)")])
        }
        if OmnivoreExport.looksLikeZip(bytes) { return OmnivoreExport.parse(path: file.path) }
        let modified = Date(timeIntervalSince1970: Double(file.modified) / 1_000_000_000)
        if JSONLines.looksLikeJSONLines(bytes) { return JSONLines.parse(bytes: bytes, path: file.path, modified: modified) }
        if OmnivoreExport.isMetadataName((file.path as NSString).lastPathComponent), bytes.first == UInt8(ascii: "[") {
            return OmnivoreExport.parseUnpackedBatch(path: file.path, bytes: bytes)
        }
        return ItemFileParser.parse(bytes: bytes, path: file.path, modified: modified)
    }

}

extension Library {
    /// Every highlight of `items`, in their order (a library's items are newest first), each
    /// item's in the order it has them; items whose file can no longer be read are left out.
    public static func highlights(of items: [Item]) -> [Highlight] {
        items.filter { $0.highlights != nil }.flatMap { item in
            (try? highlights(for: item)).flatMap { $0 }.map { Highlight.split($0, itemID: item.id) } ?? []
        }
    }
}

extension Library {
    /// The beginning of a long Markdown body, parsed alone so the first screen of a long article
    /// shows before the whole is parsed: about `bytes` of it, cut at a blank line outside fenced
    /// code (so its blocks are the whole's first blocks). Nil when the file is not longer than
    /// `longerThan` bytes, the body ends within twice `bytes` of its start, or is not Markdown.
    public static func firstPart(of item: Item, bytes: Int = 65_536, longerThan: Int = 262_144) throws -> Document? {
        // Only the file's beginning is read, twice the part (front matter before it): the whole
        // is what the reader reads next. (Reading, decoding and splitting 320 KB took longer
        // than parsing the part.)
        guard item.body.format == .markdown, OmnivoreExport.entryPath(item.path) == nil,
              let size = FileIO.regularFileSize(item.path), size > longerThan else { return nil }
        let head = FileIO.prefix(item.path, 2 * bytes)
        // Cut after a line feed, which never stands inside a character of the encodings read.
        guard let lastLineFeed = head.lastIndex(of: 0x0A),
              case .success(let text) = TextDecoding.decode(Array(head[...lastLineFeed])) else { return nil }
        let available = SourceLines.split(text)
        let selected = lines(of: item.body, in: available)
        // A body that ends inside the beginning read is short: parsed whole at once.
        if (item.body.lines.last?.upperBound ?? 0) <= available.count { return nil }
        var taken = 0
        var partSize = 0
        var fence: Substring?
        for line in selected {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
            } else if partSize >= bytes, trimmed.isEmpty {
                return MarkdownDocument.parse(selected.prefix(taken).joined(separator: "\n"))
            }
            partSize += line.utf8.count + 1
            taken += 1
        }
        // The beginning read holds no place to cut (the body starts late, or one block is
        // longer than it): the whole is read instead.
        return nil
    }
}

/// How a load that has to parse files shows what it has so far: `sink` gets the items read
/// (the cache's and the parsed ones, each id once, in reading order) and how many files
/// that is, `first` after parsing starts, then after `interval`, twice `interval`, and so on.
public struct PartialLoad: Sendable {
    public var first: Duration
    public var interval: Duration
    public var sink: @Sendable (_ items: [Item], _ files: Int) -> Void

    public init(first: Duration = .milliseconds(250), interval: Duration = .milliseconds(1_500),
                sink: @escaping @Sendable (_ items: [Item], _ files: Int) -> Void) {
        self.first = first
        self.interval = interval
        self.sink = sink
    }
}
