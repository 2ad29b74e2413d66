import CUnistring

/// Fills a paragraph of styled runs into lines of at most `width` columns.
///
/// Break opportunities come from UAX #14 (libunistring) and are then narrowed by `CJKRules`
/// (nothing prohibited starts or ends a line, dash and ellipsis pairs stay together, Korean
/// words stay whole) and widened at CJK quotes. Filling is greedy: each line takes as much as the rules allow. Spaces at a break
/// are dropped; a `\n` in the text is a forced break. A token longer than a line breaks after
/// `/ ? & - = _ . , ; #` where it can, else between any two grapheme clusters; a cluster is never
/// split.
public enum LineBreaker {
    public static func wrap<Style>(_ runs: [StyledRun<Style>], width: Int) -> [StyledLine<Style>] {
        let width = max(width, 2)
        let paragraph = ClusterParagraph(runs)
        guard !paragraph.clusters.isEmpty else { return [] }
        var lines: [StyledLine<Style>] = []
        var lineStart = 0
        var used = 0
        var lastBreak: Int?
        var index = 0
        let clusters = paragraph.clusters

        func emit(_ end: Int) {
            var last = end
            while last > lineStart, clusters[last - 1].isSpace { last -= 1 }
            lines.append(paragraph.line(lineStart..<last))
        }
        func startLine(at start: Int) {
            lineStart = start
            while lineStart < clusters.count, clusters[lineStart].isSpace, !clusters[lineStart].isNewline { lineStart += 1 }
            used = 0
            lastBreak = nil
            index = lineStart
        }

        while index < clusters.count {
            let cluster = clusters[index]
            if cluster.isNewline {
                emit(index)
                startLine(at: index + 1)
                continue
            }
            if index > lineStart, paragraph.canBreak(before: index) { lastBreak = index }
            if !cluster.isSpace, used + cluster.width > width, index > lineStart {
                let end = lastBreak ?? emergencyBreak(paragraph, from: lineStart, to: index)
                emit(end)
                startLine(at: end)
                continue
            }
            used += cluster.width
            index += 1
        }
        if lineStart < clusters.count { emit(clusters.count) }
        return lines
    }

    /// Where to cut a token that does not fit on a line of its own: after a URL separator in the
    /// latter part of the line, else right before the cluster that overflowed, moved back when
    /// that cluster may not start a line.
    private static func emergencyBreak<Style>(_ paragraph: ClusterParagraph<Style>, from start: Int, to overflow: Int) -> Int {
        let clusters = paragraph.clusters
        let earliest = start + max(1, (overflow - start) / 2)
        var candidate = overflow
        while candidate > earliest {
            if CJKRules.tokenBreakAfter.contains(clusters[candidate - 1].lastScalar) { return candidate }
            candidate -= 1
        }
        var end = overflow
        while end > start + 1, CJKRules.noLineStart.contains(clusters[end].firstScalar) { end -= 1 }
        return end
    }
}

/// A paragraph split into grapheme clusters with their widths, UTF-8 offsets and the break
/// opportunity before each.
struct ClusterParagraph<Style: Hashable & Sendable> {
    struct Cluster {
        var start: Int
        var width: Int
        var firstScalar: UInt32
        var lastScalar: UInt32
        var isSpace: Bool { firstScalar == 0x20 }
        var isNewline: Bool { firstScalar == 0x0A }
    }

    let text: String
    private(set) var clusters: [Cluster] = []
    private var breakable: [Bool] = []
    /// For each run: the UTF-8 offset where it ends, and its style.
    private let runEnds: [(end: Int, style: Style)]
    /// UTF-8 offsets of runs that keep with the run before them.
    private let gluedStarts: Set<Int>

    init(_ runs: [StyledRun<Style>]) {
        var text = ""
        var ends: [(Int, Style)] = []
        var glued = Set<Int>()
        for run in runs where !run.text.isEmpty {
            if run.keepsWithPrevious { glued.insert(text.utf8.count) }
            text += run.text
            ends.append((text.utf8.count, run.style))
        }
        self.text = text
        self.runEnds = ends
        self.gluedStarts = glued
        measure()
        findBreaks()
    }

    private mutating func measure() {
        let utf8 = text.utf8
        clusters.reserveCapacity(utf8.count / 2)
        var offset = 0
        for character in text {
            let scalars = character.unicodeScalars
            let first = scalars.first!.value
            let last = scalars.count == 1 ? first : scalars.last!.value
            let width = first == 0x0A ? 0 : DisplayWidth.of(character)
            clusters.append(Cluster(start: offset, width: width, firstScalar: first, lastScalar: last))
            offset += character.utf8.count
        }
    }

    private mutating func findBreaks() {
        var opportunities = [CChar](repeating: 0, count: text.utf8.count)
        var copy = text
        copy.withUTF8 { bytes in
            opportunities.withUnsafeMutableBufferPointer { result in
                u8_possible_linebreaks_v2(bytes.baseAddress, bytes.count, "UTF-8", result.baseAddress)
            }
        }
        breakable = [Bool](repeating: false, count: clusters.count)
        for index in clusters.indices.dropFirst() {
            let before = clusters[index - 1]
            let current = clusters[index]
            let value = opportunities[current.start]
            var allowed = value == CChar(UC_BREAK_POSSIBLE) || value == CChar(UC_BREAK_HYPHENATION)
            if !allowed, CJKRules.openingQuotes.contains(current.firstScalar), CJKRules.isCJK(before.lastScalar) {
                allowed = true
            }
            if !allowed, CJKRules.closingQuotes.contains(before.lastScalar), CJKRules.isCJK(current.firstScalar) {
                allowed = true
            }
            if CJKRules.noLineStart.contains(current.firstScalar) || CJKRules.noLineEnd.contains(before.lastScalar)
                || (CJKRules.isHangul(before.lastScalar) && CJKRules.isHangul(current.firstScalar))
                || gluedStarts.contains(current.start) {
                allowed = false
            }
            breakable[index] = allowed
        }
    }

    func canBreak(before index: Int) -> Bool { breakable[index] }

    /// The clusters in `range` as a styled line.
    func line(_ range: Range<Int>) -> StyledLine<Style> {
        guard !range.isEmpty else { return StyledLine(runs: [], width: 0) }
        let start = clusters[range.lowerBound].start
        let end = range.upperBound < clusters.count ? clusters[range.upperBound].start : text.utf8.count
        var runs: [StyledRun<Style>] = []
        var position = start
        let utf8 = text.utf8
        for (runEnd, style) in runEnds where runEnd > position {
            let pieceEnd = min(runEnd, end)
            let from = utf8.index(utf8.startIndex, offsetBy: position)
            let to = utf8.index(utf8.startIndex, offsetBy: pieceEnd)
            let piece = String(text[from..<to])
            if let last = runs.last, last.style == style {
                runs[runs.count - 1].text += piece
            } else {
                runs.append(StyledRun(piece, style))
            }
            position = pieceEnd
            if position >= end { break }
        }
        let width = clusters[range].reduce(0) { $0 + $1.width }
        return StyledLine(runs: runs, width: width)
    }
}
