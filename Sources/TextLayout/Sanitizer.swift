/// Makes article text safe to draw: nothing in it may move the cursor, change colours, set the
/// window title or clear the screen.
///
/// C0 controls, ESC and DEL become their visible Control Pictures (`␛`, `␇`, `␡` ...); C1
/// controls become `�`; bidi overrides, embeddings and isolates are dropped; tabs become spaces;
/// line and paragraph separators become spaces.
public enum Sanitizer {
    public static func clean(_ text: String, tabWidth: Int = 4) -> String {
        guard mayNeedCleaning(text), text.unicodeScalars.contains(where: needsCleaning) else { return text }
        var result = String.UnicodeScalarView()
        var column = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x09:
                let spaces = tabWidth - column % tabWidth
                result.append(contentsOf: repeatElement(" ", count: spaces))
                column += spaces
                continue
            case 0x0A:
                result.append(scalar)
                column = 0
                continue
            case 0x00..<0x20:
                result.append(Unicode.Scalar(0x2400 + value)!)
            case 0x7F:
                result.append("\u{2421}")
            case 0x80..<0xA0:
                result.append("\u{FFFD}")
            case 0x202A...0x202E, 0x2066...0x2069:
                continue
            case 0x2028, 0x2029:
                result.append(" ")
            default:
                result.append(scalar)
                column += DisplayWidth.of(scalar)
                continue
            }
            column += 1
        }
        return String(result)
    }

    /// One line: newlines become spaces as well.
    public static func cleanLine(_ text: String) -> String {
        guard mayNeedCleaning(text) else { return withBase(text) }
        return withBase(clean(text).replacingNewlines())
    }

    /// Whether a byte of `text` may begin a character `clean` or `cleanLine` changes (a control
    /// character, a C1 control, a direction mark, a line separator): one pass over the bytes.
    private static func mayNeedCleaning(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in
            guard let base = UnsafeRawPointer(bytes.baseAddress) else { return false }
            var offset = 0
            while offset + 8 <= bytes.count {
                if wordMayNeedCleaning(base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) { return true }
                offset += 8
            }
            return bytes[offset...].contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }
        }
    }

    /// The same test on eight bytes at once: whether any is below 0x20, or is 0x7F, 0xC2 or
    /// 0xE2 (a byte equal to `b` is a zero byte of `word ^ b * ones`).
    private static func wordMayNeedCleaning(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasByteBelow(_ value: UInt64, _ limit: UInt64) -> Bool { (value &- ones &* limit) & ~value & highs != 0 }
        return hasByteBelow(word, 0x20) || hasByteBelow(word ^ (ones &* 0x7F), 1)
            || hasByteBelow(word ^ (ones &* 0xC2), 1) || hasByteBelow(word ^ (ones &* 0xE2), 1)
    }

    /// A text that starts with a mark joining the character before it (a combining accent, a
    /// variation selector, a joiner) gets a dotted circle to join, as text editors show it, so
    /// it never joins what is drawn before it and takes another width than it was measured with.
    public static func withBase(_ text: String) -> String {
        guard let scalar = text.unicodeScalars.first, !scalar.isASCII, ("a" + String(scalar)).count == 1 else { return text }
        return "\u{25CC}" + text
    }

    private static func needsCleaning(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F..<0xA0).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value) || value == 0x2028 || value == 0x2029
    }
}

private extension String {
    func replacingNewlines() -> String {
        guard utf8.contains(0x0A) else { return self }
        return String(map { $0 == "\n" ? " " : $0 })
    }
}
