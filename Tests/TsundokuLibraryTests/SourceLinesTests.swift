import Testing
@testable import TsundokuLibrary

/// A body's lines found in place are the lines a split and a join give.
@Suite struct SourceLinesTests {
    @Test func linesJoinedInPlaceEqualTheSplitLinesJoined() {
        let texts = ["", "\n", "一行", "一行\n", "\n\n前后空行\n\n", "a\nb\nc", "标题\n\n正文第一段\n\n正文第二段\n", "x\n\n\n\ny\n"]
        for text in texts {
            let lines = SourceLines.split(text)
            for lower in 0...lines.count + 1 {
                for upper in lower...lines.count + 2 {
                    let expected = (lower..<upper).clamped(to: 0..<lines.count).map { lines[$0] }.joined(separator: "\n")
                    #expect(SourceLines.joined(text, lines: lower..<upper).map(String.init) == expected, "\(text.debugDescription) \(lower)..<\(upper)")
                }
            }
        }
        #expect(SourceLines.joined("a\r\nb", lines: 0..<2) == nil, "carriage returns are left to the split")
    }
}
