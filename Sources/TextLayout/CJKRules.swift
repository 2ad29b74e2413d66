/// The line-breaking prohibitions of Chinese and Japanese typesetting (kinsoku shori) that
/// UAX #14 leaves loose, and the CJK quote contexts where it is too strict.
enum CJKRules {
    /// Characters that may not begin a line: closing punctuation, iteration marks, the prolonged
    /// sound mark, small kana, and the first half of a dash or ellipsis pair.
    static let noLineStart = ScalarSet(
        "，。、；：？！）」』》〉】〕〗〙〛｝］｠｡､”’・ー々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ…‥—～,.;:?!)]}%".unicodeScalars.map(\.value))

    /// Characters that may not end a line: opening brackets and quotes.
    static let noLineEnd = ScalarSet("（「『《〈【〔〖〘〚｛［｟“‘([{".unicodeScalars.map(\.value))

    /// Opening and closing quotes that UAX #14 glues to both neighbours (class QU); next to CJK
    /// text a line may break before an opening one and after a closing one.
    static let openingQuotes = ScalarSet([0x201C, 0x2018])
    static let closingQuotes = ScalarSet([0x201D, 0x2019])

    /// Ideographs, kana, hangul and fullwidth forms: text set without spaces between words.
    static func isCJK(_ value: UInt32) -> Bool {
        (0x2E80...0x9FFF).contains(value) || (0xAC00...0xD7AF).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0xFF00...0xFFEF).contains(value) || (0x20000...0x3FFFD).contains(value)
    }

    /// Hangul syllables and jamo: Korean breaks at spaces between words, not inside them.
    static func isHangul(_ value: UInt32) -> Bool {
        (0xAC00...0xD7A3).contains(value) || (0x1100...0x11FF).contains(value) || (0x3130...0x318F).contains(value)
    }

    /// `www.example.com`, `report.final.pdf`, `e.g.`, `a,b`: an ASCII full stop, comma, colon or
    /// semicolon before an ASCII letter joins the parts of one word (UAX #14 rule LB29, IS × AL,
    /// which libunistring 1.0 does not apply), and so does `@` between letters or digits
    /// (`user@example.com`).
    static func joinsWordParts(_ beforeSeparator: UInt32, _ separator: UInt32, _ after: UInt32) -> Bool {
        switch separator {
        case 0x2C, 0x2E, 0x3A, 0x3B: return isASCIILetter(after)
        case 0x40: return isASCIIAlphanumeric(beforeSeparator) && isASCIIAlphanumeric(after)
        default: return false
        }
    }

    private static func isASCIILetter(_ value: UInt32) -> Bool {
        (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }

    private static func isASCIIAlphanumeric(_ value: UInt32) -> Bool {
        (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }

    /// After these a URL or other overlong token may be broken.
    static let tokenBreakAfter = ScalarSet("/?&-=_.,;#".unicodeScalars.map(\.value))
}

/// A set of Basic Multilingual Plane scalars as a bitmap: membership is one array read, which
/// matters in the line breaker's inner loop.
struct ScalarSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: 1024)

    init(_ values: [UInt32]) {
        for value in values where value < 0x10000 { bits[Int(value >> 6)] |= 1 << UInt64(value & 63) }
    }

    func contains(_ value: UInt32) -> Bool {
        value < 0x10000 && bits[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0
    }
}
