import Localization
import Foundation
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
