import Foundation

/// Reads one saved file into its items: detects the format by content (front matter Markdown,
/// other Markdown, plain text), gathers metadata, and splits digests into their news items.
public enum ItemFileParser {
    /// The file's items, and its problems: a file that cannot be read at all, or metadata that
    /// was ignored (an impossible date) while the rest of the file loaded.
    public static func parse(bytes: [UInt8], path: String, modified: Date) -> ParsedFile {
        let text: String
        switch TextDecoding.decode(bytes) {
        case .success(let decoded): text = decoded
        case .failure(let problem): return ParsedFile(items: [], problems: [LoadProblem(path: path, message: problem.message)])
        }
        let lines = SourceLines.split(text)
        let contentID = ContentHash.hex(text.utf8)
        switch FrontMatter.read(lines) {
        case .failure(let problem)?:
            return ParsedFile(items: [], problems: [LoadProblem(path: path, message: problem.message)])
        case .success(let (frontMatter, bodyStart))?:
            return ParsedFile(items: markdownItems(lines, bodyStart: bodyStart, frontMatter: frontMatter,
                                                   contentID: contentID, path: path, modified: modified),
                              problems: frontMatter.problems.map { LoadProblem(path: path, message: $0) })
        case nil where MarkdownDetection.looksLikeMarkdown(lines):
            return ParsedFile(items: markdownItems(lines, bodyStart: 0, frontMatter: FrontMatter(),
                                                   contentID: contentID, path: path, modified: modified), problems: [])
        case nil:
            return ParsedFile(items: [plainTextItem(lines, contentID: contentID, path: path, modified: modified)], problems: [])
        }
    }

    private static func markdownItems(_ lines: [Substring], bodyStart: Int, frontMatter: FrontMatter,
                                      contentID: String, path: String, modified: Date) -> [Item] {
        let scaffolding = OmnivoreScaffolding(lines: lines, body: bodyStart..<lines.count, knownTitle: frontMatter.title)
        var content = scaffolding.content
        let contentLines = content.flatMap { $0 }
        let outline = MarkdownOutline(markdown: contentLines.map { lines[$0] }.joined(separator: "\n"))

        var rawTitle = frontMatter.title ?? scaffolding.title
        if rawTitle == nil, let heading = outline.blocks.first(where: { $0.headingLevel != nil && !$0.text.trimmed.isEmpty }) {
            rawTitle = heading.text.trimmed
            if outline.blocks.first == heading, let first = contentLines.first {
                let end = outline.blocks.count > 1 ? contentLines[outline.blocks[1].startLine] : first + 1
                content = content.compactMap { range in
                    let clipped = max(range.lowerBound, end)..<range.upperBound
                    return clipped.isEmpty ? nil : clipped
                }
            }
        }
        let author = frontMatter.author
        let named = rawTitle.flatMap { $0.trimmed.isEmpty ? nil : $0 } ?? firstText(of: outline).map(TitleText.shortened)
        var split = TitleText.splitSiteSuffix(named ?? fileName(path), candidates: [frontMatter.siteName, author].compactMap { $0 })
        if split.title.trimmed.isEmpty { split.title = fileName(path) }
        let url = (frontMatter.originalURL ?? scaffolding.originalURL).map(LinkTargets.resolve)
        let site = frontMatter.siteName ?? split.site ?? url.flatMap { URLComponents(string: $0)?.host }
        let published = frontMatter.published ?? scaffolding.published.flatMap(DateParsing.parse)
        let saved = frontMatter.saved ?? scaffolding.saved.flatMap(DateParsing.parse) ?? published ?? modified
        let id = frontMatter.id ?? contentID
        let highlights = scaffolding.highlights.map { BodyLocation(format: .markdown, lines: [$0.dropFirst()]) }
        var perLine = [TextAmount](repeating: TextAmount(characters: 0, words: 0), count: lines.count)
        for index in contentLines where index < lines.count { perLine[index] = TextAmount.of(lines[index]) }

        let article = Item(id: id, kind: .article, title: split.title, author: author, site: site, url: url,
                           saved: saved, published: published, path: path,
                           tags: frontMatter.tags + scaffolding.tags.filter { !frontMatter.tags.contains($0) },
                           body: BodyLocation(format: .markdown, lines: content), highlights: highlights,
                           amount: TextAmount.sum(perLine, ranges: content))
        guard let sections = DigestSplitter.split(outline, lineCount: contentLines.count,
                                                  digestTitle: split.title, site: site) else { return [article] }
        return DigestSplitter.items(of: article, sections: sections) { section in
            BodyLocation(format: .markdown, lines: fileRanges(section.lines, contentLines: contentLines))
        }.map { item in
            var counted = item
            if item.kind == .digestItem { counted.amount = TextAmount.sum(perLine, ranges: item.body.lines) }
            return counted
        }
    }

    /// The first words of a Markdown text without a heading: the first paragraph that says
    /// something beyond a link, else the first list's text; never markup, code or comments.
    private static func firstText(of outline: MarkdownOutline) -> String? {
        let candidates = outline.blocks.lazy.filter { $0.kind == .paragraph || $0.kind == .list }.filter { $0.ownTextCount > 0 }
        let block = candidates.first { $0.kind == .paragraph } ?? candidates.first
        return block.flatMap { $0.text.split(whereSeparator: \.isNewline).first.map(String.init) }
    }

    private static func plainTextItem(_ lines: [Substring], contentID: String, path: String, modified: Date) -> Item {
        let firstIndex = lines.firstIndex { !$0.trimmed.isEmpty } ?? 0
        let firstLine = lines.isEmpty ? "" : lines[firstIndex].trimmed
        let title = TitleText.shortened(firstLine)
        let bodyStart = title == firstLine ? firstIndex + 1 : firstIndex
        return Item(id: contentID, kind: .article, title: title.isEmpty ? fileName(path) : title,
                    saved: modified, path: path,
                    body: BodyLocation(format: .plainText, lines: [bodyStart..<max(bodyStart, lines.count)]),
                    amount: TextAmount.of(lines[min(bodyStart, lines.count)...].joined(separator: "\n")))
    }

    /// Maps ranges of lines in the joined content text back to ranges of file lines.
    private static func fileRanges(_ ranges: [Range<Int>], contentLines: [Int]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for range in ranges {
            for textLine in range where textLine < contentLines.count {
                let fileLine = contentLines[textLine]
                if let last = result.last, last.upperBound == fileLine {
                    result[result.count - 1] = last.lowerBound..<fileLine + 1
                } else {
                    result.append(fileLine..<fileLine + 1)
                }
            }
        }
        return result
    }

    private static func fileName(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }
}

/// Splitting text into lines the way cmark counts them (`\n`, `\r\n` or a lone `\r`).
public enum SourceLines {
    public static func split(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        let utf8 = text.utf8
        var utf8Index = utf8.startIndex
        while utf8Index < utf8.endIndex {
            let byte = utf8[utf8Index]
            if byte == 0x0A || byte == 0x0D {
                index = utf8Index
                lines.append(text[start..<index])
                var next = utf8.index(after: utf8Index)
                if byte == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                utf8Index = next
                start = next
            } else {
                utf8Index = utf8.index(after: utf8Index)
            }
        }
        lines.append(text[start...])
        return lines
    }

    /// Lines `range` of `text` joined by "\n", as `split` and a join would give them, found
    /// without splitting or copying the text: a long article's body is read where it lies. Nil
    /// when the text has a carriage return (then the lines are split).
    public static func joined(_ text: String, lines range: Range<Int>) -> Substring? {
        var bytesOfText = text
        let span = bytesOfText.withUTF8 { bytes in Self.span(of: bytes, lines: range) }
        guard let span else { return nil }
        // Cut at line feeds, so the part is whole characters.
        let utf8 = text.utf8
        return Substring(utf8[utf8.index(utf8.startIndex, offsetBy: span.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: span.upperBound)])
    }

    /// Where lines `range` of `bytes` (UTF-8) lie, as `joined` finds them; nil when the bytes
    /// hold a carriage return.
    static func span(of bytes: UnsafeBufferPointer<UInt8>, lines range: Range<Int>) -> Range<Int>? {
        guard let base = bytes.baseAddress, memchr(base, 0x0D, bytes.count) == nil else { return nil }
        var start = 0
        var line = 0
        while line < range.lowerBound {
            guard let newline = memchr(base + start, 0x0A, bytes.count - start) else { return 0..<0 }
            start = UnsafeRawPointer(newline) - UnsafeRawPointer(base) + 1
            line += 1
        }
        var end = start
        while line < range.upperBound {
            guard let newline = memchr(base + end, 0x0A, bytes.count - end) else {
                end = bytes.count
                break
            }
            end = UnsafeRawPointer(newline) - UnsafeRawPointer(base)
            line += 1
            if line < range.upperBound { end += 1 }
        }
        return start..<max(start, end)
    }
}
