import Localization
import Foundation
import Synchronization
import TextLayout
import TsundokuLibrary

/// The reader view of one item at a given width: a header (title, site, author, dates, the
/// original link, the digest it came from), the body's blocks, and the numbered links and images.
public struct ArticleView: Sendable, Equatable {
    public let lines: [ArticleLine]
    /// For each line, the top-level block of the body it shows; -1 before the body (the header),
    /// -2 after it (highlights and the link list).
    let lineBlocks: [Int32]
    /// The numbered link destinations, `[1]` first.
    public let links: [String]
    /// The width the view was laid out for.
    public let width: Int
    /// False for the first screen of a long article, laid out alone so it shows at once: its
    /// lines are the first lines of the whole view, which follows.
    public let isComplete: Bool
    /// True for the end of a long article laid out alone, so `G` shows it at once: its lines are
    /// the last lines of the whole view (links numbered as there), which follows.
    public let isTail: Bool
    /// How many top-level blocks the body has (a tail's share of the article is told by them).
    let bodyBlocks: Int

    /// The narrowest width the view lays out for; narrower panes get this width, clipped.
    public static let minimumWidth = 20

    /// `firstBlocks`: lay out only the header and that many blocks when the document has more
    /// (the first screen of a long article); `isPart`: the document is only the article's
    /// beginning, so the view is never complete.
    public init(item: Item, document: Document, highlights: Document? = nil, digestTitle: String? = nil, width: Int,
                firstBlocks: Int? = nil, isPart: Bool = false, strings: Strings) {
        self.width = max(width, Self.minimumWidth)
        isComplete = !isPart && (firstBlocks.map { document.blocks.count <= $0 } ?? true)
        isTail = false
        bodyBlocks = document.blocks.count
        var builder = ArticleBuilder(width: self.width, strings: strings)
        builder.header(item, digestTitle: digestTitle, minutes: item.amount?.minutes ?? 0)
        if item.body.format == .unavailable {
            builder.blocks([.paragraph([.text(strings.noExportedText)])], first: [], rest: [])
        }
        builder.body(isComplete ? document.blocks[...] : document.blocks.prefix(firstBlocks ?? document.blocks.count))
        if isComplete, let highlights, !highlights.blocks.isEmpty {
            builder.section(strings.highlightsSection)
            builder.blocks(highlights.blocks, first: [], rest: [])
        }
        if isComplete { builder.references() }
        (lines, lineBlocks) = builder.layOut()
        links = builder.inline.references.links
    }

    /// The end of the view for `item`: at least `lines` of its last lines (all of them when the
    /// article is short), laid out without the lines before. The body's blocks before those
    /// laid out are only walked for their links, so every `[n]` is the whole view's; the whole
    /// view when the last blocks make too few lines.
    public static func end(item: Item, document: Document, highlights: Document? = nil, digestTitle: String? = nil, width: Int,
                           lines wanted: Int, strings: Strings) -> ArticleView {
        let blocks = document.blocks
        let firstLaidOut = blocks.count - max(0, min(blocks.count - 1, endBlocks(lines: wanted)))
        var above = References()
        above.number(blocks[..<firstLaidOut])
        return end(of: blocks[firstLaidOut...], above: consume above, bodyBlocks: blocks.count, highlights: highlights, width: width,
                   lines: wanted, strings: strings)
            ?? ArticleView(item: item, document: document, highlights: highlights, digestTitle: digestTitle, width: width, strings: strings)
    }

    /// The same end from a long body's end read before its whole (`DocumentEnd`); nil when
    /// its blocks make too few lines.
    public static func end(of end: DocumentEnd, highlights: Document?, width: Int, lines wanted: Int, strings: Strings) -> ArticleView? {
        var above = References()
        above.number(end.linksAbove)
        let firstLaidOut = end.blocks.count - min(end.blocks.count, endBlocks(lines: wanted))
        above.number(end.blocks[..<firstLaidOut])
        return Self.end(of: end.blocks[firstLaidOut...], numberedFrom: end.blocksAbove, above: consume above,
                        bodyBlocks: end.blocksAbove + end.blocks.count, highlights: highlights, width: width, lines: wanted, strings: strings)
    }

    /// How many of a body's last blocks make `lines` lines: a block makes a line at least, and
    /// a blank one parts it from the next (unless some are empty).
    public static func endBlocks(lines: Int) -> Int {
        lines / 2 + 1
    }

    /// The last lines of a view whose body ends with `tail`, the links above it numbered in
    /// `above`; the body's block `i` is `tail`'s `i - offset`. Nil when `tail` is the whole
    /// body, or makes too few lines.
    private static func end(of tail: ArraySlice<Block>, numberedFrom offset: Int = 0, above: consuming References, bodyBlocks: Int,
                            highlights: Document?, width: Int, lines wanted: Int, strings: Strings) -> ArticleView? {
        guard offset + tail.startIndex > 0 else { return nil }
        var builder = ArticleBuilder(width: max(width, minimumWidth), strings: strings)
        if above.entries >= wanted {
            // The links numbered above already fill the end (a line each at least): the last
            // blocks and the highlights are only numbered.
            above.number(tail)
            if let highlights { above.number(highlights.blocks[...]) }
            builder.inline.references = above
            builder.skipBody()
        } else {
            builder.inline.references = above
            builder.body(tail, numberedFrom: offset)
            if let highlights, !highlights.blocks.isEmpty {
                builder.section(strings.highlightsSection)
                builder.blocks(highlights.blocks, first: [], rest: [])
            }
        }
        builder.references(last: wanted)
        guard let (lines, lineBlocks) = builder.layOutEnd(lines: wanted) else { return nil }
        return ArticleView(lines: lines, lineBlocks: lineBlocks, links: builder.inline.references.links, width: builder.width,
                           bodyBlocks: bodyBlocks)
    }

    /// A tail: the last lines of a view.
    private init(lines: [ArticleLine], lineBlocks: [Int32], links: [String], width: Int, bodyBlocks: Int) {
        self.lines = lines
        self.lineBlocks = lineBlocks
        self.links = links
        self.width = width
        self.bodyBlocks = bodyBlocks
        isComplete = false
        isTail = true
    }

    /// How far into the article the last line in view is, in percent (100 at its end); nil
    /// while only a part is laid out and the share is not known.
    public func percentSeen(top: Int, height: Int) -> Int? {
        guard !lines.isEmpty else { return nil }
        let end = min(lines.count, top + height)
        if isComplete { return end * 100 / lines.count }
        return isTail && end >= lines.count ? 100 : nil
    }

    /// Where the reader is with `top` the first line in view and `height` lines shown: the body
    /// block at the top and how far into it, and how much of the article has been seen.
    public func position(top: Int, height: Int) -> ReadingPosition {
        guard !lines.isEmpty else { return ReadingPosition(seen: 10_000, block: -1, intoBlock: 0) }
        let top = max(0, min(top, lines.count - 1))
        let block = lineBlocks[top]
        let seen = isTail ? tailSeen(end: top + height, block: block) : min(lines.count, top + height) * 10_000 / lines.count
        guard block >= 0 else { return ReadingPosition(seen: seen, block: -1, intoBlock: 0) }
        var first = top
        while first > 0, lineBlocks[first - 1] == block { first -= 1 }
        var end = top + 1
        while end < lines.count, lineBlocks[end] == block { end += 1 }
        return ReadingPosition(seen: seen, block: Int(block), intoBlock: (top - first) * 10_000 / (end - first))
    }

    /// A tail's share seen, where the lines before it are not counted yet: by the body's blocks.
    private func tailSeen(end: Int, block: Int32) -> Int {
        if end >= lines.count { return 10_000 }
        return block >= 0 ? (Int(block) + 1) * 10_000 / max(1, bodyBlocks) : 9_999
    }

    /// The first line to show for a saved position, for a pane `height` lines high: the same
    /// place in the same block at any width; by the share seen when the block is not known.
    /// Nil when the block is beyond this view (the first screen of a long article).
    public func line(of position: ReadingPosition, height: Int) -> Int? {
        let bySeen = max(0, position.seen * lines.count / 10_000 - height)
        guard position.block >= 0 else { return isTail ? nil : bySeen }
        let block = Int32(position.block)
        guard let first = firstLine(of: block) else { return isComplete ? bySeen : nil }
        var end = first + 1
        while end < lines.count, lineBlocks[end] == block { end += 1 }
        // Rounded up, so the same width gives the same line back (for blocks up to 10,000 lines).
        return min(end - 1, first + (position.intoBlock * (end - first) + 9_999) / 10_000)
    }

    /// The first line of a body block (body lines are in block order), by binary search.
    private func firstLine(of block: Int32) -> Int? {
        var low = 0, high = lines.count
        while low < high {
            let middle = (low + high) / 2
            let value = lineBlocks[middle]
            if value == -2 || (value >= 0 && value >= block) { high = middle } else { low = middle + 1 }
        }
        return low < lines.count && lineBlocks[low] == block ? low : nil
    }

    /// The lines as plain text, trailing spaces removed: what `tsundoku render` prints.
    public var plainText: String {
        guard !lines.isEmpty else { return "\n" }
        var text = ""
        text.reserveCapacity(lines.reduce(0) { $0 + $1.width } * 2)
        for line in lines {
            for run in line.runs { text += run.text }
            // A space is a character of its own: its byte at the end is the line's last character.
            while text.utf8.last == 0x20 { text.removeLast() }
            text += "\n"
        }
        return text
    }
}

/// Accumulates the lines of an `ArticleView`; one method per kind of block.
struct ArticleBuilder {
    typealias Runs = [StyledRun<TextStyle>]

    let width: Int
    /// What the view is made of, in order: finished lines, and paragraphs still to be wrapped.
    private var pieces: [Piece] = []
    /// The body block each piece belongs to (-1 before the body, -2 after it).
    private var pieceBlocks: [Int32] = []
    private var currentBlock: Int32 = -1
    var inline: InlineRuns
    let strings: Strings

    init(width: Int, strings: Strings) {
        self.width = width
        self.strings = strings
        inline = InlineRuns(references: References(), strings: strings)
    }

    /// Columns of title the header shows at most (about 200 Chinese characters): a feed's
    /// 10,000-character title is cut here, for display only.
    static let titleColumns = 400

    mutating func header(_ item: Item, digestTitle: String?, minutes: Int) {
        let title = Truncation.truncate(Sanitizer.cleanLine(item.title), to: Self.titleColumns)
        paragraph([StyledRun(title, TextStyle(.title, strong: true))], first: [], rest: [])
        let source = [item.site, item.author].compactMap { $0 }.map(Sanitizer.cleanLine).filter { !$0.isEmpty }
        if !source.isEmpty { meta(source.joined(separator: " · ")) }
        var dates = Self.labelled(strings.savedLabel, dateTime(item.saved))
        if let published = item.published {
            dates += [StyledRun(" · ", TextStyle(.meta))] + Self.labelled(strings.publishedLabel, dateTime(published))
        }
        paragraph(dates, first: [], rest: [])
        if minutes > 0 { meta(strings.readingTime(minutes: minutes)) }
        if let digestTitle, let position = item.position {
            meta(strings.fromDigest(Sanitizer.cleanLine(digestTitle), position: position))
        }
        if !item.tags.isEmpty {
            paragraph(Self.labelled(strings.tagsLabel, strings.list(item.tags.map(Sanitizer.cleanLine))), first: [], rest: [])
        }
        if let url = item.url {
            paragraph(Self.labelled(strings.originalLabel, Sanitizer.cleanLine(url), style: TextStyle(.link)), first: [], rest: [])
        }
        emit([StyledRun(String(repeating: "─", count: width), TextStyle(.rule))])
        blank([])
    }

    /// The body's top-level blocks (all, the first, or the last of them), each piece
    /// remembering its block's index in the body (reading positions): `blocks`' own, plus
    /// `offset` for blocks that are not the body's whole array.
    mutating func body(_ blocks: ArraySlice<Block>, numberedFrom offset: Int = 0) {
        for index in blocks.indices {
            if index > blocks.startIndex { blank([]) }
            currentBlock = Int32(offset + index)
            self.block(blocks[index], first: [], rest: [])
        }
        currentBlock = -2
    }

    /// What follows stands after the body, which is not laid out here.
    mutating func skipBody() {
        currentBlock = -2
    }

    mutating func blocks(_ blocks: [Block], first: Runs, rest: Runs, tight: Bool = false) {
        for (index, block) in blocks.enumerated() {
            if index > 0, !tight { blank(rest) }
            self.block(block, first: index == 0 ? first : rest, rest: rest)
        }
    }

    private mutating func block(_ block: Block, first: Runs, rest: Runs) {
        switch block {
        case .paragraph(let inlines):
            paragraph(inline.runs(inlines, style: TextStyle(.body)), first: first, rest: rest)
        case .heading(let level, let inlines):
            let marker = level <= 2 ? "" : String(repeating: "#", count: level - 2) + " "
            let runs = [StyledRun(marker, TextStyle(.heading, strong: true))]
                + inline.runs(inlines, style: TextStyle(.heading, strong: true))
            paragraph(runs, first: first, rest: rest)
        case .quote(let children):
            let bar = StyledRun("│ ", TextStyle(.quoteBar))
            blocks(children, first: capped(first + [bar]), rest: capped(rest + [bar]))
        case .list(let ordered, let start, let items):
            list(ordered: ordered, start: start, items: items, first: first, rest: rest)
        case .code(_, let text):
            code(text, first: first, rest: rest)
        case .thematicBreak:
            let available = max(1, width - Self.width(of: rest))
            emit(first + [StyledRun(String(repeating: "─", count: min(available, 40)), TextStyle(.rule))])
        case .table(let header, let rows):
            table(header: header, rows: rows, first: first, rest: rest)
        }
    }

    private mutating func list(ordered: Bool, start: Int, items: [[Block]], first: Runs, rest: Runs) {
        let depth = Self.width(of: rest) / 2
        let bullets = ["• ", "◦ ", "▪ "]
        let numbers = items.indices.map { "\(start + $0). " }
        let markerWidth = ordered ? (numbers.map { $0.count }.max() ?? 3) : 2
        for (index, item) in items.enumerated() {
            let marker = ordered ? numbers[index].padding(toLength: markerWidth, withPad: " ", startingAt: 0)
                : bullets[depth % bullets.count]
            let hanging = capped(rest + [StyledRun(String(repeating: " ", count: markerWidth), TextStyle(.body))])
            let lead = capped((index == 0 ? first : rest) + [StyledRun(marker, TextStyle(.listMarker))])
            if item.isEmpty {
                emit(lead)
            } else {
                blocks(item, first: lead, rest: hanging, tight: true)
            }
        }
    }

    /// Quotes and lists indent by at most half the width: deeper levels keep their innermost
    /// markers after a `»`, so every line fits the pane and the text keeps room to wrap.
    private func capped(_ prefix: Runs) -> Runs {
        let limit = max(2, width / 2)
        guard Self.width(of: prefix) > limit else { return prefix }
        var kept: Runs = []
        var used = 1
        for run in prefix.reversed() {
            let columns = DisplayWidth.of(run.text)
            guard used + columns <= limit else { break }
            kept.insert(run, at: 0)
            used += columns
        }
        return [StyledRun("»", TextStyle(.quoteBar))] + kept
    }

    private mutating func code(_ text: String, first: Runs, rest: Runs) {
        let style = TextStyle(.code)
        let available = max(4, width - Self.width(of: rest))
        // Lines as cmark counts them: `\r\n` is one Character, which a split on "\n" would keep whole.
        for (index, rawLine) in SourceLines.split(text).enumerated() {
            let prefix = index == 0 ? first : rest
            let clean = Sanitizer.cleanLine(String(rawLine))
            var pieces: [String] = []
            var current = ""
            var used = 0
            for character in clean {
                let columns = DisplayWidth.of(character)
                let limit = pieces.isEmpty ? available : available - 2
                if used + columns > limit {
                    pieces.append(current)
                    current = ""
                    used = 0
                }
                current.append(character)
                used += columns
            }
            pieces.append(current)
            for (pieceIndex, piece) in pieces.enumerated() {
                if pieceIndex == 0 {
                    emit(prefix + [StyledRun(piece, style)])
                } else {
                    emit(rest + [StyledRun("↪ ", TextStyle(.continuation)), StyledRun(piece, style)])
                }
            }
        }
    }

    private mutating func table(header: [[Inline]], rows: [[[Inline]]], first: Runs, rest: Runs) {
        let available = width - Self.width(of: rest)
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        func cell(_ row: [[Inline]], _ column: Int) -> String {
            column < row.count ? Sanitizer.cleanLine(row[column].plainText) : ""
        }
        let widths = (0..<columns).map { column in
            ([header] + rows).map { DisplayWidth.of(cell($0, column)) }.max() ?? 0
        }
        let border = TextStyle(.tableBorder)
        if widths.reduce(0, +) + 3 * max(columns - 1, 0) <= available {
            for (index, row) in ([header] + rows).enumerated() {
                var runs: Runs = index == 0 ? first : rest
                for column in 0..<columns {
                    if column > 0 { runs.append(StyledRun(" │ ", border)) }
                    runs.append(StyledRun(Truncation.fit(cell(row, column), to: widths[column]), TextStyle(.body, strong: index == 0)))
                }
                emit(runs)
                if index == 0 {
                    let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─")
                    emit(rest + [StyledRun(rule, border)])
                }
            }
            return
        }
        for (index, row) in rows.enumerated() {
            if index > 0 { emit(rest + [StyledRun(String(repeating: "╌", count: max(1, min(available, 20))), border)]) }
            for column in 0..<columns {
                let label = cell(header, column)
                let runs = [StyledRun(label.isEmpty ? "" : label + "：", TextStyle(.body, strong: true)),
                            StyledRun(cell(row, column), TextStyle(.body))]
                paragraph(runs, first: index == 0 && column == 0 ? first : rest, rest: rest + [StyledRun("  ", TextStyle(.body))])
            }
        }
    }

    mutating func section(_ title: String) {
        blank([])
        paragraph([StyledRun(title, TextStyle(.heading, strong: true))], first: [], rest: [])
        blank([])
    }

    /// The numbered links and images; `last`: only that many of the last entries (each takes
    /// a line at least), for the end of a view laid out alone.
    mutating func references(last: Int? = nil) {
        let links = inline.references.links
        let images = inline.references.images
        guard !links.isEmpty || !images.isEmpty else { return }
        let shownImages = images.indices.filter { !images[$0].isEmpty }
        let skipped = last.map { max(0, links.count + shownImages.count - $0) } ?? 0
        if skipped == 0 { section(strings.linksSection) }
        for (index, url) in links.enumerated().dropFirst(skipped) {
            let label = "[\(index + 1)] "
            paragraph([StyledRun(label, TextStyle(.linkNumber)), StyledRun(url, TextStyle(.link))], first: [],
                      rest: [StyledRun(String(repeating: " ", count: label.count), TextStyle(.body))])
        }
        for index in shownImages.dropFirst(max(0, skipped - links.count)) {
            let url = images[index]
            let label = strings.image(index + 1, label: "") + " "
            paragraph([StyledRun(label, TextStyle(.image)), StyledRun(url, TextStyle(.link))], first: [],
                      rest: [StyledRun(String(repeating: " ", count: 4), TextStyle(.body))])
        }
    }

    private mutating func meta(_ text: String) {
        paragraph([StyledRun(text, TextStyle(.meta))], first: [], rest: [])
    }

    /// Records a paragraph to wrap to the width left after the prefixes; the first line gets
    /// `first`, the others `rest`. Wrapping happens in `layOut`, on every core.
    mutating func paragraph(_ runs: Runs, first: Runs, rest: Runs) {
        pieces.append(.paragraph(runs, first: first, rest: rest))
        pieceBlocks.append(currentBlock)
    }

    /// The finished lines and the body block of each: paragraphs are wrapped in parallel, then
    /// everything is put in order.
    func layOut() -> (lines: [ArticleLine], blocks: [Int32]) {
        let slots = wrappedParagraphs(0..<pieces.count)
        var lines: [ArticleLine] = []
        var blocks: [Int32] = []
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .line(let line): lines.append(line)
            case .paragraph: lines += slots.lines(index)
            }
            blocks += repeatElement(pieceBlocks[index], count: lines.count - blocks.count)
        }
        return (lines, blocks)
    }

    /// The last pieces' lines, wrapped from the end until there are at least `wanted`, a batch
    /// at a time on every core; nil when all of them make fewer (the view's end starts further up).
    func layOutEnd(lines wanted: Int) -> (lines: [ArticleLine], blocks: [Int32])? {
        var parts: [[ArticleLine]] = []
        var count = 0
        var index = pieces.count
        while count < wanted, index > 0 {
            // A batch of no more pieces than lines still wanted (each makes one at least).
            let batch = (index - min(index, wanted - count, 64))..<index
            let slots = wrappedParagraphs(batch)
            for piece in batch.reversed() where count < wanted {
                switch pieces[piece] {
                case .line(let line): parts.append([line])
                case .paragraph: parts.append(slots.lines(piece - batch.lowerBound))
                }
                count += parts[parts.count - 1].count
                index = piece
            }
        }
        guard count >= wanted else { return nil }
        var lines: [ArticleLine] = []
        var blocks: [Int32] = []
        lines.reserveCapacity(count)
        blocks.reserveCapacity(count)
        for (offset, part) in parts.reversed().enumerated() {
            lines += part
            blocks += repeatElement(pieceBlocks[index + offset], count: part.count)
        }
        return (lines, blocks)
    }

    /// The paragraphs among the pieces of `range` wrapped on every core, in slots from the
    /// range's start.
    private func wrappedParagraphs(_ range: Range<Int>) -> LineSlots {
        let slots = LineSlots(count: range.count)
        let pieces = self.pieces
        let width = self.width
        let workers = min(range.count, 64)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = range.lowerBound + worker
            while index < range.upperBound {
                if case .paragraph(let runs, let first, let rest) = pieces[index] {
                    slots.set(index - range.lowerBound, Self.wrap(runs, first: first, rest: rest, width: width))
                }
                index += workers
            }
        }
        return slots
    }

    private static func wrap(_ runs: Runs, first: Runs, rest: Runs, width: Int) -> [ArticleLine] {
        let firstWidth = Self.width(of: first)
        let restWidth = Self.width(of: rest)
        let available = max(2, width - max(firstWidth, restWidth))
        let wrapped = LineBreaker.wrap(runs, width: available)
        if wrapped.isEmpty { return [ArticleLine(runs: first.filter { !$0.text.isEmpty }, width: firstWidth)] }
        return wrapped.enumerated().map { index, line in
            let prefix = index == 0 ? first : rest
            return ArticleLine(runs: prefix.filter { !$0.text.isEmpty } + line.runs,
                               width: (index == 0 ? firstWidth : restWidth) + line.width)
        }
    }

    private mutating func blank(_ prefix: Runs) {
        let bars = prefix.filter { $0.style.role == .quoteBar }
        emit(bars.isEmpty ? [] : bars)
    }

    private mutating func emit(_ runs: Runs) {
        let kept = runs.filter { !$0.text.isEmpty }
        pieces.append(.line(ArticleLine(runs: kept, width: Self.width(of: kept))))
        pieceBlocks.append(currentBlock)
    }

    /// A finished line, or a paragraph waiting to be wrapped.
    private enum Piece {
        case line(ArticleLine)
        case paragraph(Runs, first: Runs, rest: Runs)
    }

    private static func width(of runs: Runs) -> Int {
        runs.reduce(0) { $0 + DisplayWidth.of($1.text) }
    }

    /// A metadata label and its value, which no line break separates.
    private static func labelled(_ label: String, _ value: String, style: TextStyle = TextStyle(.meta)) -> Runs {
        [StyledRun(label + " ", TextStyle(.meta), isWhole: true), StyledRun(value, style, keepsWithPrevious: true)]
    }

    /// Day and time joined by a no-break space, so a narrow pane never separates them; the day
    /// alone where a label, the day and the time do not fit on one line.
    private func dateTime(_ date: Date) -> String {
        let (year, month, day) = DateParsing.localDay(date)
        let written = strings.day(year: year, month: month, day: day)
        return width < 21 ? written : written + "\u{A0}" + DateParsing.time(date)
    }
}

/// Wrapped paragraphs filled in from several threads, one slot per piece of the view.
private final class LineSlots: Sendable {
    private let slots: Mutex<[[ArticleLine]]>

    init(count: Int) {
        slots = Mutex(Array(repeating: [], count: count))
    }

    func set(_ index: Int, _ lines: [ArticleLine]) {
        slots.withLock { $0[index] = lines }
    }

    func lines(_ index: Int) -> [ArticleLine] {
        slots.withLock { $0[index] }
    }
}
