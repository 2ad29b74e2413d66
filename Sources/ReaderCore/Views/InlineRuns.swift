import Localization
import Foundation
import Synchronization
import TextLayout
import TsundokuLibrary

/// Turns inline Markdown into styled runs: links get their number `[n]` after the text, images
/// become `[图 n: alt]` (in the interface's language), soft line breaks become a space only between two non-CJK characters,
/// and every piece of text is sanitized.
struct InlineRuns {
    var references: References
    let strings: Strings

    /// A run still to be placed, or a soft break whose spacing depends on its neighbours.
    private enum Piece {
        case run(StyledRun<TextStyle>)
        case softBreak
    }

    mutating func runs(_ inlines: [Inline], style: TextStyle) -> [StyledRun<TextStyle>] {
        var pieces: [Piece] = []
        collect(inlines, style: style, into: &pieces)
        var result: [StyledRun<TextStyle>] = []
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .run(let run):
                result.append(run)
            case .softBreak:
                let before = result.last?.text.unicodeScalars.last
                let after = pieces[(index + 1)...].lazy.compactMap { piece -> Unicode.Scalar? in
                    if case .run(let run) = piece { return run.text.unicodeScalars.first }
                    return nil
                }.first
                if let before, let after, !Self.isWide(before), !Self.isWide(after) {
                    result.append(StyledRun(" ", style))
                }
            }
        }
        return result
    }

    private mutating func collect(_ inlines: [Inline], style: TextStyle, into pieces: inout [Piece]) {
        for inline in inlines {
            switch inline {
            case .text(let text):
                pieces.append(.run(StyledRun(Sanitizer.cleanLine(text), style)))
            case .code(let text):
                var code = style
                code.role = .code
                pieces.append(.run(StyledRun(Sanitizer.cleanLine(text), code)))
            case .emphasis(let children):
                var inner = style
                inner.emphasis = true
                collect(children, style: inner, into: &pieces)
            case .strong(let children):
                var inner = style
                inner.strong = true
                collect(children, style: inner, into: &pieces)
            case .strikethrough(let children):
                var inner = style
                inner.strikethrough = true
                collect(children, style: inner, into: &pieces)
            case .link(let url, let children):
                var inner = style
                inner.role = .link
                collect(children, style: inner, into: &pieces)
                if let number = references.link(url) {
                    pieces.append(.run(StyledRun("[\(number)]", TextStyle(.linkNumber), keepsWithPrevious: true)))
                }
            case .image(let url, let alt):
                let number = references.image(url)
                let label = Sanitizer.cleanLine(alt).trimmingCharacters(in: .whitespaces)
                pieces.append(.run(StyledRun(strings.image(number, label: label), TextStyle(.image))))
            case .lineBreak:
                pieces.append(.run(StyledRun("\n", style)))
            case .softBreak:
                pieces.append(.softBreak)
            }
        }
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        DisplayWidth.of(scalar) == 2 || (0x3000...0x303F).contains(scalar.value) || (0xFF00...0xFFEF).contains(scalar.value)
    }
}

/// The numbered links and images of one article, in order of first appearance.
struct References {
    private(set) var links: [String] = []
    private(set) var images: [String] = []
    /// Each link's number by destination, so numbering 40,000 links stays linear.
    private var numbers: [Destination: Int] = [:]

    /// The link's number, or nil for a link without a destination.
    mutating func link(_ url: String) -> Int? {
        numbered(Destination(cleaning: url))
    }

    private mutating func numbered(_ destination: Destination) -> Int? {
        guard !destination.url.isEmpty else { return nil }
        if let number = numbers[destination] { return number }
        links.append(destination.url)
        numbers[destination] = links.count
        return links.count
    }

    mutating func image(_ url: String) -> Int {
        images.append(Sanitizer.cleanLine(url))
        return images.count
    }

    /// Numbers the links and images of `blocks` as laying them out would, without laying them
    /// out (the blocks above the end of a long article laid out alone). The destinations are
    /// gathered, cleaned and hashed on every core, then numbered in order.
    mutating func number(_ blocks: ArraySlice<Block>) {
        let parts = min(8, max(1, blocks.count / 256))
        let gathered = Mutex<[Destinations]>(Array(repeating: Destinations(), count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var destinations = Destinations()
            let start = blocks.startIndex + blocks.count * part / parts
            let end = blocks.startIndex + blocks.count * (part + 1) / parts
            destinations.gather(blocks[start..<end])
            gathered.withLock { $0[part] = destinations }
        }
        let all = gathered.withLock { $0 }
        numbers.reserveCapacity(numbers.count + all.reduce(0) { $0 + $1.links.count })
        for destinations in all {
            for destination in destinations.links { _ = numbered(destination) }
            images += destinations.images
        }
    }
}

/// A cleaned link destination and its hash, worked out where it was cleaned (on any core), so
/// numbering in order only compares.
private struct Destination: Hashable, Sendable {
    let url: String
    let hash: Int

    init(cleaning url: String) {
        self.url = Sanitizer.cleanLine(url)
        hash = self.url.hashValue
    }

    static func == (left: Destination, right: Destination) -> Bool {
        left.hash == right.hash && left.url == right.url
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
    }
}

/// The cleaned link and image destinations of some blocks, in order, repeats included.
private struct Destinations: Sendable {
    var links: [Destination] = []
    var images: [String] = []

    mutating func gather(_ blocks: ArraySlice<Block>) {
        for block in blocks {
            switch block {
            case .paragraph(let inlines), .heading(_, let inlines): gather(inlines)
            case .quote(let children): gather(children[...])
            case .list(_, _, let items): for item in items { gather(item[...]) }
            case .code, .thematicBreak, .table: break
            }
        }
    }

    private mutating func gather(_ inlines: [Inline]) {
        for inline in inlines {
            switch inline {
            case .emphasis(let children), .strong(let children), .strikethrough(let children): gather(children)
            case .link(let url, let children):
                gather(children)
                links.append(Destination(cleaning: url))
            case .image(let url, _): images.append(Sanitizer.cleanLine(url))
            case .text, .code, .lineBreak, .softBreak: break
            }
        }
    }
}
