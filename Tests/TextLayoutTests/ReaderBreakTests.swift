import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import TextLayout

/// Breaks a reader would not make: a quote padded with spaces left at a line's end, and a
/// dotted word split although it fits on a line.
@Suite struct ReaderBreakTests {
    private func lines(_ text: String, _ width: Int) -> [String] {
        LineBreaker.wrap([StyledRun(text, 0)], width: width).map(\.text)
    }

    @Test func quotesPaddedWithSpacesStayWithTheirWords() {
        let text = "不知道各位听说没有，一群 “ 种子计划 ” 的成员说，这只是 “ 开始 ” 而已，接下来还有 ‘ 第二步 ’ 要走。"
        for width in 6...40 {
            for line in lines(text, width) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                #expect(!trimmed.hasSuffix("“") && !trimmed.hasSuffix("‘"), "width \(width): \(line)")
                #expect(!trimmed.hasPrefix("”") && !trimmed.hasPrefix("’"), "width \(width): \(line)")
            }
        }
    }

    @Test func dottedWordsThatFitAreNeverSplit() {
        let text = "请访问 www.example.com 查看，附件是 report.final.pdf，例如 e.g. 这样，写信到 user@example.com 即可，版本 v2.10.3 已发布。"
        for width in 20...28 {
            let wrapped = lines(text, width)
            for word in ["www.example.com", "report.final.pdf", "e.g.", "user@example.com", "v2.10.3"] {
                #expect(wrapped.contains { $0.contains(word) }, "width \(width) split \(word): \(wrapped)")
            }
        }
    }

    @Test func aWholeRunIsNeverBroken() {
        let runs = [StyledRun("发布 ", 0, isWhole: true), StyledRun("2026-01-01", 0, keepsWithPrevious: true)]
        for width in 15...20 {
            let wrapped = LineBreaker.wrap([StyledRun("收藏 2026-01-02 · ", 0)] + runs, width: width).map(\.text)
            #expect(wrapped.contains { $0.hasPrefix("发布 2026-01-01") }, "width \(width): \(wrapped)")
        }
    }
}

/// Lines fit by the count terminals use: libc's `wcswidth`, code point by code point.
@Suite struct ScriptWidthTests {
    @Test func thaiAndHindiLinesFitByWcswidth() throws {
        let text = "ภาษาไทยกำลังเป็นที่นิยม นักเรียนจำนวนมากกำลังเรียน हिन्दी भाषा में नमस्ते कहना आसान है और संयुक्ताक्षर क्ष त्र ज्ञ भी"
        try LibcWidth.withWcwidth { wcwidth in
            for width in 20...40 {
                for line in LineBreaker.wrap([StyledRun(text, 0)], width: width) {
                    let columns = line.text.unicodeScalars.reduce(0) { $0 + max(0, Int(wcwidth(Int32(bitPattern: $1.value)))) }
                    #expect(columns <= width, "width \(width): \(line.text) is \(columns) columns")
                    #expect(columns == line.width, "the layout and wcswidth disagree on \(line.text)")
                }
            }
        }
    }
}
