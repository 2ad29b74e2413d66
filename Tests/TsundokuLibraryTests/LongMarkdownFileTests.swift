import Testing
import Foundation
@testable import TsundokuLibrary

/// A long Markdown file is parsed from its bytes, part by part: the body reads exactly as the
/// body parsed from the file's text, and a file whose bytes do not allow it (a byte-order mark,
/// carriage returns, a broken character) reads as its text says.
@Suite struct LongMarkdownFileTests {
    /// Front matter, then about 400 KB of paragraphs with links, lists and code.
    static func article(lineEnding: String = "\n") -> String {
        let paragraphs = (0..<1_200).map { index -> String in
            switch index % 4 {
            case 0: return "第 \(index) 段，见 https://example.org/\(index) 与[链接](https://example.net/\(index))。"
            case 1: return "- 列表 \(index)\n- **加粗** \(index)"
            case 2: return "```\n代码 \(index)\n\n空行之后 \(index)\n```"
            default: return "Paragraph \(index) with `code` and ~~struck~~ text, " + String(repeating: "很长的句子。", count: 40)
            }
        }
        let text = "---\nid: long-one\ntitle: 长文\ndate_saved: 2026-11-20\n---\n\n" + paragraphs.joined(separator: "\n\n") + "\n"
        return text.replacingOccurrences(of: "\n", with: lineEnding)
    }

    private func item(in folder: TemporaryFolder, bytes: [UInt8]) throws -> Item {
        let path = folder.write("long.md", bytes: bytes)
        #expect(bytes.count > MarkdownDocument.long)
        return try #require(Library.load(.paths([path])).items.first)
    }

    @Test(arguments: ["plain", "byte-order mark", "carriage returns"])
    func theBodyReadsAsItsText(_ kind: String) throws {
        let folder = TemporaryFolder()
        let text = Self.article(lineEnding: kind == "carriage returns" ? "\r\n" : "\n")
        let bytes = (kind == "byte-order mark" ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
        let item = try item(in: folder, bytes: bytes)
        // The file's bytes allow parsing from them unless they hold carriage returns.
        let partsFromBytes = bytes.withUnsafeBufferPointer { buffer -> Bool in
            let text = UnsafeBufferPointer(rebasing: buffer[TextDecoding.textStart(of: bytes)...])
            guard let span = SourceLines.span(of: text, lines: item.body.lines[0]) else { return false }
            return MarkdownDocument.parse(utf8: UnsafeBufferPointer(rebasing: text[span])) != nil
        }
        #expect(partsFromBytes == (kind != "carriage returns"))
        let fromBytes = try Library.bodyAndHighlights(for: item).body
        let fromText = try Library.document(for: item, in: try Library.decodedText(item.path))
        #expect(fromBytes.blocks.count > 1_000)
        let differing = zip(fromBytes.blocks, fromText.blocks).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(differing == nil && fromBytes.blocks.count == fromText.blocks.count,
                "block \(differing?.offset ?? -1): \(String(describing: differing?.element.0)) ≠ \(String(describing: differing?.element.1))")
    }

    /// The bytes of one part broken after the library was loaded: the file's problem is said,
    /// as for any file that changed, not a body with a part missing.
    @Test func aBrokenCharacterInOnePartIsReportedNotSkipped() throws {
        let folder = TemporaryFolder()
        var bytes = Array(Self.article().utf8)
        let item = try item(in: folder, bytes: bytes)
        let middle = bytes.count / 2
        bytes[middle..<(middle + 3)] = [0xE4, 0x28, 0x41]
        folder.write("long.md", bytes: bytes)
        #expect(throws: LoadProblem.self) { try Library.bodyAndHighlights(for: item) }
    }
}
