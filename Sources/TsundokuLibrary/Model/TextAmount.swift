/// How much there is to read in an item: Chinese, Japanese and Korean characters, counted one
/// by one, and words of other scripts; and the minutes that takes at 400 characters or 230 words
/// a minute (common silent-reading rates for Chinese and for English).
public struct TextAmount: Sendable, Hashable {
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
    /// Reads the UTF-8 bytes directly (this runs for every file of a cold load); only scalars
    /// outside ASCII, CJK and the common punctuation blocks look up their Unicode properties.
    public static func of<Text: StringProtocol>(_ text: Text) -> TextAmount {
        if let counted = text.utf8.withContiguousStorageIfAvailable(of) { return counted }
        return of(Array(text.utf8))
    }

    /// Counts UTF-8 bytes (assumed valid; a cut sequence at the end is ignored).
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> TextAmount {
        var amount = TextAmount(characters: 0, words: 0)
        var inWord = false
        var index = 0
        let count = bytes.count
        func continuation(_ offset: Int) -> UInt32 {
            index + offset < count ? UInt32(bytes[index + offset] & 0x3F) : 0
        }
        while index < count {
            let byte = bytes[index]
            let value: UInt32
            if byte < 0x80 {
                let isWordByte = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                if isWordByte, !inWord { amount.words += 1 }
                inWord = isWordByte
                index += 1
                continue
            } else if byte >= 0xF0 {
                value = (UInt32(byte & 0x07) << 18) | (continuation(1) << 12) | (continuation(2) << 6) | continuation(3)
                index += 4
            } else if byte >= 0xE0 {
                value = (UInt32(byte & 0x0F) << 12) | (continuation(1) << 6) | continuation(2)
                index += 3
            } else {
                value = (UInt32(byte & 0x1F) << 6) | continuation(1)
                index += 2
            }
            if isCJK(value) {
                amount.characters += 1
                inWord = false
            } else if isPunctuationBlock(value) {
                inWord = false
            } else if let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if !inWord { amount.words += 1 }
                inWord = true
            } else {
                inWord = false
            }
        }
        return amount
    }

    private static func of(_ bytes: [UInt8]) -> TextAmount {
        bytes.withUnsafeBufferPointer(of)
    }

    /// General punctuation, CJK symbols and punctuation, and full-width forms: separators.
    private static func isPunctuationBlock(_ value: UInt32) -> Bool {
        (0x2000...0x206F).contains(value) || (0x3000...0x303F).contains(value) || (0xFF00...0xFF0F).contains(value)
            || (0xFF1A...0xFF20).contains(value) || (0xFF5B...0xFF65).contains(value)
    }

    /// The sum of the amounts of `ranges` of lines, counted once each (`perLine`).
    static func sum(_ perLine: [TextAmount], ranges: [Range<Int>]) -> TextAmount {
        var total = TextAmount(characters: 0, words: 0)
        for range in ranges {
            for index in range.clamped(to: 0..<perLine.count) {
                total.characters += perLine[index].characters
                total.words += perLine[index].words
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
