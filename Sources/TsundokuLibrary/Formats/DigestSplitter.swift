/// Splits a daily round-up (a lead story, then `### 02Title`, `### 03Title` ... sections, then
/// trailing `##` sections) into its news items. Table-of-contents remnants and the site's own
/// promotions and link lists are left out.
enum DigestSplitter {
    /// One news item of a digest: its title and the lines of the parsed text it covers.
    struct Section: Equatable {
        var title: String
        var lines: [Range<Int>]
    }

    /// The news items, or nil when the text is not a digest.
    static func split(_ outline: MarkdownOutline, lineCount: Int, digestTitle: String, site: String?) -> [Section]? {
        let blocks = outline.blocks
        let numbered = numberedHeadings(blocks)
        guard numbered.count >= 2, numbered[0].number == 2,
              blocks[..<numbered[0].index].contains(where: { $0.headingLevel == nil }) else { return nil }
        let inSequence = numbered.enumerated().allSatisfy { $0.element.number == $0.offset + 2 }
        let titles = numbered.map { inSequence ? $0.rest : blocks[$0.index].text.trimmed }
        let remnants = Set(blocks.indices.filter { isContentsRemnant(blocks[$0], titles: titles) })

        func region(_ index: Int) -> Range<Int> {
            let end = index + 1 < blocks.count ? blocks[index + 1].startLine : lineCount
            return blocks[index].startLine..<max(end, blocks[index].startLine)
        }
        func lines(_ indices: Range<Int>) -> [Range<Int>] {
            merged(indices.filter { !remnants.contains($0) }.map(region))
        }
        func sectionEnd(after heading: Int) -> Int {
            let level = blocks[heading].headingLevel ?? 2
            return blocks.indices.dropFirst(heading + 1).first { index in
                guard let other = blocks[index].headingLevel else { return false }
                return other <= level
            } ?? blocks.count
        }

        var sections: [Section] = []
        var leadStart = 0
        while leadStart < numbered[0].index, blocks[leadStart].headingLevel != nil { leadStart += 1 }
        var leadTitle = headline(of: digestTitle)
        if blocks[leadStart].isStrongOnly {
            leadTitle = blocks[leadStart].text.trimmed
            leadStart += 1
        }
        sections.append(Section(title: leadTitle, lines: lines(leadStart..<numbered[0].index)))

        var cursor = numbered[0].index
        for (offset, heading) in numbered.enumerated() {
            let end = offset + 1 < numbered.count ? min(numbered[offset + 1].index, sectionEnd(after: heading.index))
                : sectionEnd(after: heading.index)
            sections.append(Section(title: titles[offset], lines: lines(heading.index + 1..<end)))
            cursor = end
        }

        while cursor < blocks.count {
            guard blocks[cursor].headingLevel != nil else { cursor += 1; continue }
            let end = sectionEnd(after: cursor)
            let body = (cursor + 1..<end).filter { !remnants.contains($0) }
            if carriesNews(heading: blocks[cursor], body: body.map { blocks[$0] }, site: site) {
                sections.append(Section(title: blocks[cursor].text.trimmed, lines: lines(cursor + 1..<end)))
            }
            cursor = end
        }
        return sections
    }

    /// The digest (the article, now of kind `.digest`) followed by one item per section, each
    /// with the digest's metadata, its own id `<id>#NN`, title, position and body.
    /// An article whose body is HTML: its digest and news items when the HTML is a round-up
    /// (an export's content file, a fetched feed's entry), else the article alone. `body` makes
    /// an item's body from the top-level blocks of the parsed HTML it covers.
    static func splitHTML(_ article: Item, html: String, body: ([Range<Int>]) -> BodyLocation) -> [Item] {
        guard OmnivoreExport.mayBeDigest(html) else { return [article] }
        let document = HTMLDocument.parse(html)
        guard let sections = split(MarkdownOutline(document: document), lineCount: document.blocks.count,
                                   digestTitle: article.title, site: article.site) else { return [article] }
        return items(of: article, sections: sections) { body($0.lines) }
    }

    static func items(of article: Item, sections: [Section], body: (Section) -> BodyLocation) -> [Item] {
        var digest = article
        digest.kind = .digest
        let children = sections.enumerated().map { offset, section in
            // A section under an empty heading is still a row of its own, named by its place.
            article.newsItem(id: article.id + "#" + (offset + 1 < 10 ? "0" : "") + String(offset + 1),
                             title: section.title.trimmed.isEmpty ? article.title + " #\(offset + 1)" : section.title,
                             position: offset + 1, body: body(section))
        }
        return [digest] + children
    }

    /// The `##` and `###` headings that number the news items, with their numbers and titles.
    /// A heading's number is the digits that continue the sequence (`02`, `03`, ... `10`, `100`),
    /// so a title that starts with digits keeps them: after `02`, `033D 打印住宅` is item 3,
    /// `3D 打印住宅`, and after `09`, `1024 小时` is item 10, `24 小时`. A heading that does not
    /// continue the sequence counts when it starts with exactly two digits.
    static func numberedHeadings(_ blocks: [MarkdownOutline.Block]) -> [(index: Int, number: Int, rest: String)] {
        var result: [(index: Int, number: Int, rest: String)] = []
        for index in blocks.indices {
            guard let level = blocks[index].headingLevel, (2...3).contains(level) else { continue }
            let text = blocks[index].text.trimmed
            let expected = (result.last?.number ?? 1) + 1
            let digits = expected < 10 ? "0\(expected)" : String(expected)
            if text.hasPrefix(digits), let rest = title(after: text.dropFirst(digits.count)) {
                result.append((index, expected, rest))
            } else if let (number, rest) = leadingNumber(text) {
                result.append((index, number, rest))
            }
        }
        return result
    }

    /// The title after a section number, without a `.` or `、` after the number.
    private static func title(after text: Substring) -> String? {
        var rest = text.trimmed
        if rest.hasPrefix(".") || rest.hasPrefix("、") { rest = String(rest.dropFirst()).trimmed }
        return rest.isEmpty ? nil : rest
    }

    /// `02B 站宣布` → (2, "B 站宣布"): two digits then the title.
    static func leadingNumber(_ heading: String) -> (Int, String)? {
        let characters = Array(heading.trimmed)
        guard characters.count > 2, let tens = characters[0].wholeNumberValue, characters[0].isASCII,
              let ones = characters[1].wholeNumberValue, characters[1].isASCII,
              !(characters[2].isASCII && characters[2].isNumber),
              let rest = title(after: Substring(String(characters[2...]))) else { return nil }
        return (tens * 10 + ones, rest)
    }

    /// The headline after a series name: `派早报：字节跳动回应…` → `字节跳动回应…`.
    static func headline(of title: String) -> String {
        for separator in ["：", ": "] {
            if let range = title.range(of: separator), title[..<range.lowerBound].count <= 12 {
                let rest = title[range.upperBound...].trimmed
                if !rest.isEmpty { return rest }
            }
        }
        return title
    }

    /// A `03\. Title` paragraph repeating a section's title: what is left of a table of contents.
    private static func isContentsRemnant(_ block: MarkdownOutline.Block, titles: [String]) -> Bool {
        guard block.kind == .paragraph, let (_, rest) = leadingNumber(block.text) else { return false }
        return titles.contains(rest)
    }

    /// A trailing section is news when it says something in its own words, is not a list of
    /// links, and is not the site talking about itself.
    private static func carriesNews(heading: MarkdownOutline.Block, body: [MarkdownOutline.Block], site: String?) -> Bool {
        if let site, !site.isEmpty, heading.text.contains(site) { return false }
        let lists = body.filter { $0.kind == .list }
        if !lists.isEmpty, lists.allSatisfy(\.isLinkList) { return false }
        return body.reduce(0) { $0 + max($1.ownTextCount, 0) } >= 20
    }

    private static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for range in ranges where !range.isEmpty {
            if let last = result.last, last.upperBound == range.lowerBound {
                result[result.count - 1] = last.lowerBound..<range.upperBound
            } else {
                result.append(range)
            }
        }
        return result
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space and newlines.
    var trimmed: String {
        let scalars = Substring(self).unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { scalars.formIndex(after: &start) }
        while end > start {
            let previous = scalars.index(before: end)
            guard scalars[previous].properties.isWhitespace else { break }
            end = previous
        }
        return String(Substring(scalars[start..<end]))
    }
}
