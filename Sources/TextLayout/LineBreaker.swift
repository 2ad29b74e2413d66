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
        let kept = runs.filter { !$0.text.isEmpty }
        let paragraph = ClusterParagraph(texts: kept.map(\.text), glued: kept.map(\.keepsWithPrevious), whole: kept.map(\.isWhole))
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
            let (pieces, lineWidth) = paragraph.line(lineStart..<last)
            var lineRuns: [StyledRun<Style>] = []
            for (text, run) in pieces {
                if let previous = lineRuns.last, previous.style == kept[run].style {
                    lineRuns[lineRuns.count - 1].text += text
                } else {
                    lineRuns.append(StyledRun(text, kept[run].style))
                }
            }
            lines.append(StyledLine(runs: lineRuns, width: lineWidth))
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
    private static func emergencyBreak(_ paragraph: ClusterParagraph, from start: Int, to overflow: Int) -> Int {
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
struct ClusterParagraph {
    struct Cluster {
        var start: Int
        var width: Int
        var firstScalar: UInt32
        var lastScalar: UInt32
        var isSpace: Bool { firstScalar == 0x20 }
        /// A mandatory break (UAX #14 classes BK, CR, LF, NL): line feed, vertical tab, form
        /// feed, carriage return (with a following line feed, one cluster), next line, line and
        /// paragraph separators.
        var isNewline: Bool { Self.isMandatoryBreak(firstScalar) }

        static func isMandatoryBreak(_ value: UInt32) -> Bool {
            (0x0A...0x0D).contains(value) || value == 0x85 || value == 0x2028 || value == 0x2029
        }
    }

    let text: String
    private(set) var clusters: [Cluster] = []
    private var breakable: [Bool] = []
    private var tailorings: [Tailoring?] = []
    /// For each run: the UTF-8 offset where it ends.
    private let runEnds: [Int]
    /// UTF-8 offsets of runs that keep with the run before them.
    private let gluedStarts: Set<Int>
    /// UTF-8 ranges of runs that no line may break inside.
    private let wholeRanges: [Range<Int>]

    /// `texts` are the runs' texts (none empty); `glued` tells which keep with the run before,
    /// `whole` which may not break inside.
    init(texts: [String], glued keeps: [Bool], whole: [Bool]) {
        var text = ""
        var ends: [Int] = []
        var glued = Set<Int>()
        var wholeRanges: [Range<Int>] = []
        for ((piece, keeps), isWhole) in zip(zip(texts, keeps), whole) {
            if keeps { glued.insert(text.utf8.count) }
            let start = text.utf8.count
            text += piece
            ends.append(text.utf8.count)
            if isWhole { wholeRanges.append(start..<text.utf8.count) }
        }
        self.text = text
        self.runEnds = ends
        self.gluedStarts = glued
        self.wholeRanges = wholeRanges
        measure()
        findBreaks()
    }

    /// Splits the text into grapheme clusters. Between two scalars that both `standAlone` there
    /// is always a cluster boundary (every UAX #29 rule that joins scalars involves a combining
    /// mark, joiner, variation selector, jamo, regional indicator or prepended mark, none of
    /// which stand alone), so such scalars are decoded straight from UTF-8 and only the short
    /// stretches around the others go through Swift's full grapheme segmentation.
    private mutating func measure() {
        var copy = text
        var regions: [Range<Int>] = []
        var found: [Cluster] = []
        copy.withUTF8 { bytes in
            found.reserveCapacity(bytes.count / 2)
            var offset = 0
            var previousAlone = true
            var regionStart: Int?
            var pending: Cluster?
            while offset < bytes.count {
                let lead = bytes[offset]
                let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                var value = length == 1 ? UInt32(lead) : UInt32(lead) & (0x7F >> UInt32(length))
                for index in 1..<length { value = value << 6 | UInt32(bytes[offset + index] & 0x3F) }
                let alone = Self.standsAlone(value)
                if alone, previousAlone {
                    if let start = regionStart {
                        regions.append(start..<(pending?.start ?? offset))
                        regionStart = nil
                    }
                    if let cluster = pending { found.append(cluster) }
                    let width = Cluster.isMandatoryBreak(value) ? 0 : DisplayWidth.of(Unicode.Scalar(value)!)
                    pending = Cluster(start: offset, width: width, firstScalar: value, lastScalar: value)
                } else if regionStart == nil {
                    regionStart = pending?.start ?? offset
                    pending = nil
                }
                previousAlone = alone
                offset += length
            }
            if let start = regionStart { regions.append(start..<bytes.count) } else if let cluster = pending { found.append(cluster) }
        }
        guard !regions.isEmpty else {
            clusters = found
            return
        }
        clusters.reserveCapacity(found.count + regions.count)
        var next = 0
        for region in regions {
            while next < found.count, found[next].start < region.lowerBound {
                clusters.append(found[next])
                next += 1
            }
            measureGraphemeClusters(from: region.lowerBound, to: region.upperBound)
        }
        clusters += found[next...]
    }

    /// Scalars that never join a neighbour into one grapheme cluster by themselves: ASCII,
    /// Latin, general punctuation, symbols, CJK, kana (not the combining sound marks), hangul
    /// syllables, fullwidth forms.
    private static func standsAlone(_ value: UInt32) -> Bool {
        switch value {
        case 0x0A, 0x20...0x7E, 0xA0...0x2FF, 0x2000...0x200A, 0x2010...0x2027, 0x2030...0x205E,
             0x2070...0x20CF, 0x2100...0x23FF, 0x2460...0x25FF, 0x2E80...0x3029, 0x3030...0x3098,
             0x309B...0x312F, 0x3190...0x9FFF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF9D, 0xFFA0...0xFFEF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    private mutating func measureGraphemeClusters(from start: Int, to end: Int) {
        let utf8 = text.utf8
        let piece = text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
        var offset = start
        for character in piece {
            let scalars = character.unicodeScalars
            let first = scalars.first!.value
            let last = scalars.count == 1 ? first : scalars.last!.value
            let width = Cluster.isMandatoryBreak(first) ? 0 : DisplayWidth.of(character)
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
        let possible = CChar(UC_BREAK_POSSIBLE)
        let hyphenation = CChar(UC_BREAK_HYPHENATION)
        var result = [Bool](repeating: false, count: clusters.count)
        var changes = [Tailoring?](repeating: nil, count: clusters.count)
        clusters.withUnsafeBufferPointer { clusters in
            opportunities.withUnsafeBufferPointer { opportunities in
                var lastVisible: UInt32 = 0
                for index in clusters.indices.dropFirst() {
                    let before = clusters[index - 1]
                    let current = clusters[index]
                    if !before.isSpace { lastVisible = before.lastScalar }
                    let value = opportunities[current.start]
                    let unicode = value == possible || value == hyphenation
                    let tailoring = self.tailoring(before: index >= 2 ? clusters[index - 2].lastScalar : 0, before.lastScalar,
                                                   current, lastVisible: lastVisible, unicodeAllows: unicode)
                    result[index] = tailoring.map { $0 == .quoteNextToCJK } ?? unicode
                    changes[index] = tailoring
                }
            }
        }
        breakable = result
        tailorings = changes
    }

    /// The rule, if any, by which this layout decides a break differently from libunistring's UAX #14.
    private func tailoring(before previous: UInt32, _ last: UInt32, _ current: Cluster, lastVisible: UInt32,
                           unicodeAllows: Bool) -> Tailoring? {
        if CJKRules.joinsWordParts(previous, last, current.firstScalar) { return unicodeAllows ? .wordParts : nil }
        let widened = !unicodeAllows
            && ((CJKRules.openingQuotes.contains(current.firstScalar) && CJKRules.isCJK(last))
                || (CJKRules.closingQuotes.contains(last) && CJKRules.isCJK(current.firstScalar)))
        guard unicodeAllows || widened else { return nil }
        if CJKRules.noLineStart.contains(current.firstScalar) { return .noLineStart }
        if CJKRules.noLineEnd.contains(lastVisible) { return .noLineEnd }
        if CJKRules.isHangul(last) && CJKRules.isHangul(current.firstScalar) { return .koreanWord }
        if !gluedStarts.isEmpty && gluedStarts.contains(current.start) { return .glued }
        if wholeRanges.contains(where: { $0.lowerBound < current.start && current.start < $0.upperBound }) { return .whole }
        return widened ? .quoteNextToCJK : nil
    }

    /// The rules that decide a break differently from UAX #14 as libunistring implements it.
    enum Tailoring: String {
        /// Kinsoku: closing punctuation, small kana and the like never start a line.
        case noLineStart
        /// Kinsoku: opening brackets and quotes never end a line (spaces after them included).
        case noLineEnd
        /// Korean breaks between words, not between syllables.
        case koreanWord
        /// A line may break before an opening quote or after a closing one next to CJK text.
        case quoteNextToCJK
        /// UAX #14 LB29 (`e.g.`, `www.example.com`), which libunistring 1.0 misses after a full stop.
        case wordParts
        /// A run kept with the one before it (a link and its number).
        case glued
        /// A run that may not break inside (a metadata label).
        case whole
    }

    /// Which tailoring decided the break before cluster `index`, if any.
    func tailoring(before index: Int) -> Tailoring? { tailorings[index] }

    func canBreak(before index: Int) -> Bool { breakable[index] }

    /// The clusters in `range` as pieces of text, each with the index of the run it comes from,
    /// and the width of the range.
    func line(_ range: Range<Int>) -> (pieces: [(text: String, run: Int)], width: Int) {
        guard !range.isEmpty else { return ([], 0) }
        let start = clusters[range.lowerBound].start
        let end = range.upperBound < clusters.count ? clusters[range.upperBound].start : text.utf8.count
        var pieces: [(text: String, run: Int)] = []
        var position = start
        var copy = text
        copy.withUTF8 { bytes in
            for (run, runEnd) in runEnds.enumerated() where runEnd > position {
                let pieceEnd = min(runEnd, end)
                pieces.append((String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<pieceEnd]), as: UTF8.self), run))
                position = pieceEnd
                if position >= end { break }
            }
        }
        var width = 0
        for index in range { width += clusters[index].width }
        return (pieces, width)
    }
}
