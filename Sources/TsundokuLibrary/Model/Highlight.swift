import Foundation
/// One passage the reader highlighted, with the article it came from: what the highlights view
/// and `tsundoku highlights` list.
public struct Highlight: Sendable, Hashable {
    public var itemID: String
    public var text: String
    /// The reader's note on the passage, when there is one.
    public var note: String?

    public init(itemID: String, text: String, note: String? = nil) {
        self.itemID = itemID
        self.text = text
        self.note = note
    }

    /// The highlights in an item's highlights document: each quote is one (the paragraphs after
    /// it are its note); a document without quotes has one per paragraph or list item. Omnivore's
    /// `⤴️` link back to the passage is left out.
    public static func split(_ document: Document, itemID: String) -> [Highlight] {
        let hasQuotes = document.blocks.contains { if case .quote = $0 { true } else { false } }
        var result: [Highlight] = []
        for block in document.blocks {
            switch block {
            case .quote:
                result.append(Highlight(itemID: itemID, text: cleaned(block.readableText)))
            case .list(_, _, let items) where !hasQuotes:
                result += items.map { Highlight(itemID: itemID, text: cleaned($0.map(\.readableText).joined(separator: "\n"))) }
            default:
                let text = cleaned(block.readableText)
                guard !text.isEmpty else { continue }
                if hasQuotes, let last = result.indices.last {
                    result[last].note = result[last].note.map { $0 + "\n" + text } ?? text
                } else if !hasQuotes {
                    result.append(Highlight(itemID: itemID, text: text))
                }
            }
        }
        return result.filter { !$0.text.isEmpty }
    }

    private static func cleaned(_ text: String) -> String {
        var text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        while let last = text.last, last == "⤴️" || last == "⤴" || last == "\u{FE0F}" || last == " " { text.removeLast() }
        return text
    }
}
