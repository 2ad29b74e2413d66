import Testing
@testable import TextLayout

/// A small deterministic generator (SplitMix64), so every run checks the same texts.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// Generated paragraphs of mixed Chinese, Japanese, Latin words, numbers, short URLs, emoji and
/// combining marks, with CJK punctuation placed as writers place it.
enum ParagraphGenerator {
    static let hanzi = Array("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严")
    static let kana = Array("あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんアイウエオカキクケコサシスセソ")
    static let closers = ["，", "。", "、", "；", "：", "？", "！", "……", "——", "」", "）", "》", "ー", "っ", "々"]
    static let openers = ["「", "（", "《", "“", "【"]
    static let latin = ["Swift", "iOS", "Apple", "Intelligence", "terminal", "ncurses", "Omnivore", "GPT-4", "macOS", "Linux", "API", "Unicode"]
    static let numbers = ["2024", "12.5%", "¥5,999", "$829", "1,320", "3.14", "8GB", "MWC 2024"]
    static let urls = ["https://a.io/x", "http://ex.cn/a?b=1", "t.co/abc"]
    static let clusters = ["👨‍👩‍👧", "🇨🇳", "👍🏽", "e\u{301}", "한글", "ñ", "✈️"]

    static func paragraph(_ generator: inout SeededGenerator, pieces: Int) -> String {
        var text = ""
        var openerPending = false
        for _ in 0..<pieces {
            switch Int.random(in: 0..<20, using: &generator) {
            case 0..<9:
                let length = Int.random(in: 1...6, using: &generator)
                text += String((0..<length).map { _ in hanzi.randomElement(using: &generator)! })
                openerPending = false
            case 9:
                text += String((0..<3).map { _ in kana.randomElement(using: &generator)! })
            case 10, 11:
                if !openerPending, let last = text.last, !last.isWhitespace {
                    text += closers.randomElement(using: &generator)!
                }
            case 12:
                text += openers.randomElement(using: &generator)!
                openerPending = true
                text += String(hanzi.randomElement(using: &generator)!)
            case 13, 14:
                text += " " + latin.randomElement(using: &generator)! + " "
            case 15:
                text += " " + numbers.randomElement(using: &generator)! + " "
            case 16:
                text += " " + urls.randomElement(using: &generator)! + " "
            default:
                text += clusters.randomElement(using: &generator)!
            }
        }
        return text.trimmingSpaces()
    }
}

extension String {
    func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}

@Suite struct LineBreakPropertyTests {
    private static let widths = [20, 23, 30, 37, 40, 57, 80]

    @Test(arguments: 0..<40)
    func wrappedLinesKeepEveryRule(seed: Int) {
        var generator = SeededGenerator(state: UInt64(seed) &* 7919)
        let text = ParagraphGenerator.paragraph(&generator, pieces: 60)
        for width in Self.widths {
            let lines = LineBreaker.wrap([StyledRun(text, 0)], width: width)
            let texts = lines.map(\.text)
            for (index, line) in lines.enumerated() {
                #expect(line.width <= width, "line \(index) is \(line.width) wide at \(width): \(line.text)")
                #expect(line.width == DisplayWidth.of(line.text))
                #expect(line.text.first != " " && line.text.last != " ", "stray space in \(line.text)")
                if index > 0, let first = line.text.unicodeScalars.first {
                    #expect(!CJKRules.noLineStart.contains(first.value), "line starts with \(first): \(texts[index - 1]) | \(line.text)")
                }
                if index < lines.count - 1, let last = line.text.unicodeScalars.last {
                    #expect(!CJKRules.noLineEnd.contains(last.value), "line ends with \(last): \(line.text)")
                    let next = lines[index + 1].text
                    let joinedInSource = !spaceAfter(nonSpaceCount: texts[...index].joined().filter { $0 != " " }.count, in: text)
                    let splitsWord = joinedInSource && line.text.last.map(Self.isWordCharacter) == true
                        && next.first.map(Self.isWordCharacter) == true
                    #expect(!splitsWord, "word split: \(line.text) | \(next)")
                }
            }
            let clustersIn = text.filter { $0 != " " }
            let clustersOut = texts.joined().filter { $0 != " " }
            #expect(Array(clustersIn) == Array(clustersOut), "text changed at width \(width)")
        }
    }

    @Test func linesAreFilledAtWidthsFromThirty() {
        var generator = SeededGenerator(state: 42)
        for width in [30, 40, 57, 80, 100] {
            var ratios: [Double] = []
            for _ in 0..<20 {
                let text = ParagraphGenerator.paragraph(&generator, pieces: 120)
                let lines = LineBreaker.wrap([StyledRun(text, 0)], width: width)
                ratios += lines.dropLast().map { Double($0.width) / Double(width) }
            }
            let average = ratios.reduce(0, +) / Double(ratios.count)
            #expect(average > 0.93, "average fill \(average) at width \(width)")
        }
    }

    /// Whether the source has a space right after its first `count` non-space characters.
    private func spaceAfter(nonSpaceCount count: Int, in text: String) -> Bool {
        var seen = 0
        var index = text.startIndex
        while index < text.endIndex, seen < count {
            if text[index] != " " { seen += 1 }
            index = text.index(after: index)
        }
        return index < text.endIndex && text[index] == " "
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }
}

@Suite struct LineBreakRuleTests {
    private func lines(_ text: String, _ width: Int) -> [String] {
        LineBreaker.wrap([StyledRun(text, 0)], width: width).map(\.text)
    }

    @Test func closingPunctuationMovesWithThePreviousCharacter() {
        #expect(lines("一二三四五六七八九。十", 18) == ["一二三四五六七八", "九。十"])
        #expect(lines("一二三四五六七八九」十", 18) == ["一二三四五六七八", "九」十"])
    }

    @Test func openingBracketsMoveToTheNextLine() {
        #expect(lines("一二三四五六七八「九十」", 18) == ["一二三四五六七八", "「九十」"])
    }

    @Test func ellipsisAndDashPairsStayWhole() {
        #expect(lines("一二三四五六七八……九", 17) == ["一二三四五六七", "八……九"])
        #expect(lines("一二三四五六七八——九", 17) == ["一二三四五六七", "八——九"])
    }

    @Test func longURLsBreakAfterSeparators() {
        let url = "https://example.org/a-very/long_path/with?query=1&other=two"
        let wrapped = lines("见 " + url, 20)
        #expect(wrapped.allSatisfy { DisplayWidth.of($0) <= 20 })
        #expect(wrapped.joined() == "见 " + url, "the URL starts on the first line after the space: nothing is lost")
        for line in wrapped.dropLast().dropFirst() {
            #expect("/?&-=_.,;#".contains(line.last!), "broke \(line) mid-token")
        }
    }

    @Test func aWordLongerThanTheLineIsCutAnywhereButNeverMidCluster() {
        let word = String(repeating: "abcdefghij", count: 5)
        #expect(lines(word, 20) == ["abcdefghijabcdefghij", "abcdefghijabcdefghij", "abcdefghij"])
        #expect(lines(String(repeating: "👨‍👩‍👧", count: 15), 20).map { $0.count } == [10, 5])
    }

    @Test func forcedBreaksAndStylesSurvive() {
        let runs = [StyledRun("粗体", 1), StyledRun("普通\n下一行", 2)]
        let wrapped = LineBreaker.wrap(runs, width: 40)
        #expect(wrapped.map(\.runs) == [[StyledRun("粗体", 1), StyledRun("普通", 2)], [StyledRun("下一行", 2)]])
    }
}
