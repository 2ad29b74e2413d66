/// Terminal columns taken by text, agreeing with libc's `wcwidth` in a UTF-8 locale (which is
/// what ncursesw uses), measured per grapheme cluster so a cluster is never split.
///
/// Deliberate differences from `wcwidth`, each checked by the tests:
/// - C0 and C1 controls and DEL (where `wcwidth` says -1) count 0: they never reach the screen,
///   `Sanitizer` replaces them first.
/// - Other scalars `wcwidth` rejects (unassigned, noncharacters) count 1: the terminal shows
///   them as one replacement glyph.
///
/// A grapheme cluster of several scalars takes what terminals advance the cursor by for it,
/// which is the sum of its scalars' widths (Devanagari `स्ते` is 2, Thai `กำ` 2, `👍🏽` 4, as
/// libc's `wcswidth`, xterm, VTE and tmux count them), except for the clusters terminals draw as
/// one emoji: a regional-indicator pair (a flag, `🇨🇳`), an emoji ZWJ sequence (`👨‍👩‍👧`) and
/// anything with the emoji presentation selector U+FE0F (`❤️`, `1️⃣`) are 2. The terminal
/// backend writes such clusters whole and places the cursor after them itself, so a terminal that
/// draws one narrower leaves a blank, never a torn line.
public enum DisplayWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return 1 }
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        if (0x4E00...0x9FFF).contains(value) { return 2 }
        if contains(WidthTable.zeroWidth, value) { return 0 }
        if contains(WidthTable.doubleWidth, value) { return 2 }
        return 1
    }

    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count == 1 { return of(first) }
        if isRegionalIndicator(first) { return 2 }
        var total = 0
        var previous = first
        for scalar in scalars {
            if scalar.value == 0xFE0F || (previous.value == 0x200D && scalar.properties.isEmoji) { return 2 }
            total += of(scalar)
            previous = scalar
        }
        return total
    }

    public static func of<Text: StringProtocol>(_ text: Text) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    private static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = ranges[middle]
            if value < range.lowerBound { high = middle - 1 } else if value > range.upperBound { low = middle + 1 } else { return true }
        }
        return false
    }
}
