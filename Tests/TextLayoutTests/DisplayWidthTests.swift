import Foundation
import Testing
@testable import TextLayout
#if canImport(Glibc)
import Glibc
#endif

@Suite struct DisplayWidthTests {
    /// Every Unicode scalar measures as libc's `wcwidth` says in C.UTF-8, apart from the
    /// differences `DisplayWidth` documents: controls count 0, rejected scalars count 1.
    @Test func everyScalarAgreesWithWcwidth() throws {
        try LibcWidth.withWcwidth { wcwidth in
            var mismatches: [String] = []
            for value in UInt32(0)...0x10FFFF {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let expected = Int(wcwidth(Int32(value)))
                let ours = DisplayWidth.of(scalar)
                let isControl = value < 0x20 || (0x7F..<0xA0).contains(value)
                let documented = expected == -1 && (isControl ? ours == 0 : ours == 1)
                if ours != expected && !documented { mismatches.append(String(value, radix: 16)) }
            }
            #expect(mismatches.isEmpty, "differ from wcwidth: \(mismatches.prefix(20))")
        }
    }

    @Test func clustersMeasureAsOneGlyph() {
        #expect(DisplayWidth.of("汉字") == 4)
        #expect(DisplayWidth.of("かなカナ") == 8)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("ＡＢ") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2)
        // What terminals advance the cursor by: the scalars' widths added up (as wcswidth, xterm,
        // VTE and tmux count them), except a flag, an emoji ZWJ sequence and the emoji
        // presentation selector, which make one two-column emoji.
        #expect(DisplayWidth.of("👍🏽") == 4)
        #expect(DisplayWidth.of("🇨🇳") == 2)
        #expect(DisplayWidth.of("❤️") == 2)
        #expect(DisplayWidth.of("1️⃣") == 2)
        #expect(DisplayWidth.of("नमस्ते") == 4)
        #expect(DisplayWidth.of("กำลัง") == 4)
        #expect(DisplayWidth.of("ำ") == 1)
        #expect(DisplayWidth.of("abc") == 3)
    }

    @Test func truncationNeverSplitsAClusterOrOverflows() {
        #expect(Truncation.truncate("中文标题很长很长", to: 7) == "中文标…")
        #expect(Truncation.truncate("👨‍👩‍👧👨‍👩‍👧", to: 3) == "👨‍👩‍👧…")
        #expect(Truncation.fit("ab", to: 4) == "ab  ")
        #expect(Truncation.truncate("short", to: 10) == "short")
    }

    @Test func controlSequencesNeverSurviveSanitizing() {
        let hostile = "标题\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{202E}evil\u{7F}\tend"
        let clean = Sanitizer.clean(hostile)
        #expect(!clean.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) || $0.value == 0x202E })
        #expect(clean == "标题␛]0;pwned␇␛[2J�31mevil␡ end")
    }

    /// Text is checked eight bytes at a time: a control character, a C1 control or a bidi
    /// override is found at every place, in every byte of a word and in the bytes after the
    /// last whole word.
    @Test func aControlCharacterIsFoundWhereverItStands() {
        let hostile: [(Character, String)] = [("\u{1B}", "␛"), ("\u{00}", "␀"), ("\u{1F}", "␟"), ("\u{7F}", "␡"), ("\u{9B}", "�"),
                                              ("\u{202E}", ""), ("\u{2028}", " ")]
        for (character, shown) in hostile {
            for length in [1, 7, 8, 9, 16, 23] {
                for place in 0..<length {
                    var text = String(repeating: "a", count: length)
                    text.replaceSubrange(text.index(text.startIndex, offsetBy: place)...text.index(text.startIndex, offsetBy: place),
                                         with: String(character))
                    let expected = String(repeating: "a", count: place) + shown + String(repeating: "a", count: length - place - 1)
                    #expect(Sanitizer.cleanLine(text) == expected, "U+\(String(character.unicodeScalars.first!.value, radix: 16)) at \(place) of \(length)")
                }
            }
        }
        // Bytes that only look alike are left alone: « (C2 AB) and ‘ (E2 80 98) are text.
        #expect(Sanitizer.cleanLine("«引用»‘单引号’ and ~ DEL-free") == "«引用»‘单引号’ and ~ DEL-free")
    }
}
