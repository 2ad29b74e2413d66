import Foundation
@testable import Feeds
@testable import ReaderCore
import Localization
import TextLayout
@testable import TsundokuLibrary

/// Every fuzz target by name, each a parser fed arbitrary bytes with the invariants its output
/// must keep.
struct FuzzTargets {
    let name: String
    let run: @Sendable ([UInt8]) -> Void

    static let all: [FuzzTargets] = [
        FuzzTargets(name: "front-matter", run: frontMatter),
        FuzzTargets(name: "markdown", run: markdown),
        FuzzTargets(name: "markdown-parts", run: markdownParts),
        FuzzTargets(name: "html", run: html),
        FuzzTargets(name: "jsonl-line", run: jsonLine),
        FuzzTargets(name: "omnivore-metadata", run: omnivoreMetadata),
        FuzzTargets(name: "state-log", run: stateLog),
        FuzzTargets(name: "config", run: config),
        FuzzTargets(name: "theme", run: theme),
        FuzzTargets(name: "line-breaker", run: lineBreaker),
        FuzzTargets(name: "feed", run: feed),
        FuzzTargets(name: "subscriptions", run: subscriptions),
        FuzzTargets(name: "search", run: search),
    ]

    static let selected: FuzzTargets = {
        let name = ProcessInfo.processInfo.environment["TSUNDOKU_FUZZ_TARGET"] ?? ""
        guard let target = all.first(where: { $0.name == name }) else {
            fatalError("set TSUNDOKU_FUZZ_TARGET to one of: \(all.map(\.name).joined(separator: " "))")
        }
        return target
    }()

    static let strings = Strings(.chinese)
    static let modified = Date(timeIntervalSince1970: 1_700_000_000)

    /// A width from 1 to 120 taken from the input's first byte, and the rest of the input.
    static func widthAndRest(_ bytes: [UInt8]) -> (Int, [UInt8]) {
        guard let first = bytes.first else { return (40, []) }
        return (Int(first) % 120 + 1, Array(bytes.dropFirst()))
    }

    /// Every line of a view fits its width; no control character reaches a line.
    static func checkView(_ view: ArticleView, _ label: String) {
        for line in view.lines {
            require(line.width <= view.width, "\(label): a line of width \(line.width) in a view \(view.width) wide: \(line.text.debugDescription)")
            require(DisplayWidth.of(line.text) == line.width, "\(label): a line's width \(line.width) is not its text's \(DisplayWidth.of(line.text))")
            require(!line.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) },
                    "\(label): a control character in \(line.text.debugDescription)")
        }
        require(view.lineBlocks.count == view.lines.count, "\(label): a block for every line")
    }

    static func frontMatter(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = SourceLines.split(text)
        guard case .success(let (matter, bodyStart))? = FrontMatter.read(lines) else { return }
        require(bodyStart <= lines.count, "front matter ends at line \(bodyStart) of \(lines.count)")
        require(matter.title.map { !$0.isEmpty } ?? true, "an empty title is no title")
        require(!matter.tags.contains(""), "an empty tag")
    }

    /// Markdown cut into parts of at least the first byte's count of bytes reads as the whole,
    /// from its text and from its bytes (which are parsed only when every part is UTF-8).
    static func markdownParts(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let rest = Array(bytes.dropFirst())
        let text = String(decoding: rest, as: UTF8.self)
        let whole = MarkdownDocument.parse(text[...], long: .max)
        let inParts = MarkdownDocument.parse(text[...], partSize: Int(first), long: 0)
        require(inParts == whole, "parsed in \(MarkdownParts.cut(text[...], size: Int(first)).count) parts: \(inParts) ≠ \(whole)")
        let fromBytes = rest.withUnsafeBufferPointer { MarkdownDocument.parse(utf8: $0, partSize: Int(first), long: 0) }
        if let fromBytes {
            require(String(validating: rest, as: UTF8.self) != nil, "bytes that are not UTF-8 parsed as text")
            require(fromBytes == whole, "parsed from bytes: \(fromBytes) ≠ \(whole)")
        }
        // The end read before the whole (its parts above only read for their links) is the whole's.
        let wanted = Int(first % 16) + 1
        // (None when the text is not parted, or its last quarter holds fewer blocks.)
        guard let end = rest.withUnsafeBufferPointer({ MarkdownDocument.end(utf8: $0, blocks: wanted, partSize: Int(first), long: 0) }) else {
            return
        }
        require(end.blocksAbove + end.blocks.count == whole.blocks.count && end.blocks == Array(whole.blocks.suffix(end.blocks.count))
                && end.blocks.count >= min(wanted, whole.blocks.count), "the end's blocks: \(end.blocksAbove) above, \(end.blocks)")
        let above = LinkDestinations(of: whole.blocks[..<end.blocksAbove])
        require(end.linksAbove.flatMap { $0.links.map(\.url) } == above.links.map(\.url) && end.linksAbove.flatMap(\.images) == above.images,
                "the links above the end: \(end.linksAbove) ≠ \(above)")
    }

    static func markdown(_ bytes: [UInt8]) {
        let (width, rest) = widthAndRest(bytes)
        let parsed = ItemFileParser.parse(bytes: rest, path: "/fuzz/article.md", modified: modified)
        let text = String(decoding: rest, as: UTF8.self)
        let lineCount = SourceLines.split(text).count
        var ids = Set<String>()
        for item in parsed.items {
            require(!item.id.isEmpty && ids.insert(item.id).inserted, "item ids are unique and not empty: \(item.id.debugDescription)")
            require(!item.title.isEmpty, "every item has a title")
            if let parent = item.parent { require(ids.contains(parent), "a digest item follows its digest") }
            if item.body.format == .markdown || item.body.format == .plainText {
                require(item.body.lines.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= lineCount },
                        "body lines \(item.body.lines) within the file's \(lineCount)")
            }
            guard let document = try? Library.document(for: item, in: text) else { continue }
            let view = ArticleView(item: item, document: document, width: width, strings: strings)
            checkView(view, "markdown")
            for top in view.lines.indices where view.lineBlocks[top] >= 0 {
                require(view.line(of: view.position(top: top, height: 10), height: 10) == top, "a reading position gives its line back")
            }
            for highlight in Highlight.split(document, itemID: item.id) {
                require(!highlight.text.isEmpty, "a highlight has text")
            }
        }
        for problem in parsed.problems { require(problem.path == "/fuzz/article.md", "a problem names its file") }
    }

    static func html(_ bytes: [UInt8]) {
        let (width, rest) = widthAndRest(bytes)
        let document = HTMLDocument.parse(String(decoding: rest, as: UTF8.self))
        let item = Item(id: "html", kind: .article, title: "HTML", saved: modified, path: "/fuzz/a.html",
                        body: BodyLocation(format: .html, lines: [0..<Int.max]))
        checkView(ArticleView(item: item, document: document, width: width, strings: strings), "html")
        let outline = MarkdownOutline(document: document)
        _ = DigestSplitter.split(outline, lineCount: document.blocks.count, digestTitle: "早报", site: nil)
    }

    static func jsonLine(_ bytes: [UInt8]) {
        let line = bytes.filter { $0 != 0x0A && $0 != 0x0D }
        let parsed = JSONLines.parse(bytes: line, path: "/fuzz/items.jsonl", modified: modified)
        require(parsed.items.filter { $0.parent == nil }.count <= 1, "one line gives at most one item and its digest's items")
        require(parsed.items.dropFirst().allSatisfy { $0.parent == parsed.items.first?.id }, "the others are its digest's items")
        for item in parsed.items {
            require(!item.id.isEmpty, "an item has an id")
            _ = try? JSONLines.document(fromLine: String(decoding: line, as: UTF8.self), path: item.path)
        }
        for problem in parsed.problems { require(problem.description.hasPrefix("/fuzz/items.jsonl"), "a problem names its file") }
    }

    static func omnivoreMetadata(_ bytes: [UInt8]) {
        let parsed = OmnivoreExport.parseUnpackedBatch(path: "/nonexistent-fuzz/metadata_0_to_9.json", bytes: bytes)
        var ids = Set<String>()
        for item in parsed.items {
            require(!item.id.isEmpty && ids.insert(item.id).inserted, "export item ids are unique and not empty")
            require(!item.path.contains("/../") && !item.path.contains("content/.."), "no item leaves the export: \(item.path)")
        }
    }

    static func stateLog(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        var entries: [MarkEntry] = []
        for line in SourceLines.split(text) where !line.isEmpty {
            guard let entry = MarkEntry(line: line) else { continue }
            let written = entry.line
            require(written.hasSuffix("\n") && written.dropLast().firstIndex(of: "\n") == nil, "one line per entry")
            require(MarkEntry(line: Substring(written.dropLast())) == entry, "an entry reads back as written: \(written.debugDescription)")
            entries.append(entry)
        }
        let marks = Marks(entries)
        require(Marks(marks.compacted) == marks, "compaction keeps every mark")
        for id in marks.markedIDs {
            let next = marks.stamped([id], .read, now: 0)
            require(next.allSatisfy { $0.time >= 0 }, "stamps are never negative")
        }
    }

    static func config(_ bytes: [UInt8]) {
        let (config, warnings) = Config.parse(String(decoding: bytes, as: UTF8.self), path: "/fuzz/config.yaml")
        for warning in warnings { require(warning.hasPrefix("/fuzz/config.yaml"), "a warning names the file: \(warning)") }
        let (_, keyWarnings) = Keymap.configured(config.keys.map { ($0.command, $0.keys) }, strings: strings)
        require(keyWarnings.allSatisfy { $0.hasPrefix("keys") }, "key warnings name the setting")
    }

    static func theme(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = ThemeCatalog.load("/fuzz/theme.yaml", userDirectory: "/nonexistent-fuzz", readFile: { $0 == "/fuzz/theme.yaml" ? text : nil })
    }

    /// Arbitrary text at a random width: every line fits (unless it holds a single cluster wider
    /// than the line), nothing but spaces at breaks is lost, no cluster is split across lines.
    static func lineBreaker(_ bytes: [UInt8]) {
        let (width, rest) = widthAndRest(bytes)
        let text = String(decoding: rest, as: UTF8.self)
        let lines = LineBreaker.wrap([StyledRun(text, 0)], width: width)
        let effective = max(width, 2)
        for line in lines {
            let clusters = line.runs.reduce(0) { $0 + $1.text.count }
            require(line.width <= effective || clusters == 1, "a line of width \(line.width) at \(effective): \(line.runs.map(\.text))")
        }
        // Each line is made of the input's own clusters, in order; only whitespace is left out.
        let input = Array(text)
        var next = 0
        for line in lines {
            for character in line.runs.map(\.text).joined() {
                while next < input.count, input[next] != character {
                    require(input[next].isWhitespace, "text lost at width \(effective): \(input[next].debugDescription) before \(character.debugDescription)")
                    next += 1
                }
                require(next < input.count, "a cluster not in the input (split?) at width \(effective): \(character.debugDescription)")
                next += 1
            }
        }
        require(input[next...].allSatisfy(\.isWhitespace), "text lost at the end at width \(effective)")
    }
}
