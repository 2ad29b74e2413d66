/// How much there is to read in an item: Chinese, Japanese and Korean characters, counted one
/// by one, and words of other scripts; and the minutes that takes at 400 characters or 230 words
/// a minute (common silent-reading rates for Chinese and for English).
public struct TextAmount: Sendable, Hashable, Codable {
    public var characters: Int
    public var words: Int

    public init(characters: Int, words: Int) {
        self.characters = characters
        self.words = words
    }

    public static let charactersPerMinute = 400
    public static let wordsPerMinute = 230

    /// Minutes to read it, rounded up; 0 for an empty text.
    public var minutes: Int {
        let minutes = Double(characters) / Double(Self.charactersPerMinute) + Double(words) / Double(Self.wordsPerMinute)
        return Int(minutes.rounded(.up))
    }

    /// Counts a text: each CJK character, and each run of letters or digits of other scripts.
    public static func of<Text: StringProtocol>(_ text: Text) -> TextAmount {
        var amount = TextAmount(characters: 0, words: 0)
        var inWord = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let isWordByte = (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
                if isWordByte, !inWord { amount.words += 1 }
                inWord = isWordByte
            } else if isCJK(value) {
                amount.characters += 1
                inWord = false
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if !inWord { amount.words += 1 }
                inWord = true
            } else {
                inWord = false
            }
        }
        return amount
    }

    /// Lines of a file, `ranges` of them.
    static func of(_ lines: [Substring], ranges: [Range<Int>]) -> TextAmount {
        var total = TextAmount(characters: 0, words: 0)
        for range in ranges {
            for index in range.clamped(to: 0..<lines.count) {
                let line = of(lines[index])
                total.characters += line.characters
                total.words += line.words
            }
        }
        return total
    }

    /// Han ideographs, kana and Hangul syllables: read a character at a time.
    private static func isCJK(_ value: UInt32) -> Bool {
        (0x3040...0x30FF).contains(value) || (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value)
            || (0xAC00...0xD7AF).contains(value) || (0xF900...0xFAFF).contains(value) || (0x20000...0x3134F).contains(value)
    }
}
