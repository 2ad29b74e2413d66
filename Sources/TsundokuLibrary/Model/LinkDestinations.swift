import TextLayout

/// The cleaned link and image destinations of some blocks, in reading order, repeats included:
/// what numbering an article's links (`[1]`, `[2]` ...) needs of the blocks above the part of
/// it laid out. Gathered on any core, from blocks or while a long article is parsed, so
/// numbering in order only compares.
public struct LinkDestinations: Sendable {
    public private(set) var links: [LinkDestination] = []
    public private(set) var images: [String] = []

    public init() {}

    /// The destinations of `blocks`, as laying them out numbers them: a link's after the images
    /// in its text; none in code, tables and thematic breaks.
    public init(of blocks: ArraySlice<Block>) {
        gather(blocks)
    }

    mutating func appendLink(_ url: String) {
        links.append(LinkDestination(cleaning: url))
    }

    /// Adds a destination `Sanitizer.cleanLine` would give back as it is.
    mutating func appendCleanLink(_ url: String) {
        links.append(LinkDestination(clean: url))
    }

    /// Adds the destinations of `blocks`.
    mutating func gather(_ blocks: ArraySlice<Block>) {
        for block in blocks {
            switch block {
            case .paragraph(let inlines), .heading(_, let inlines): gather(inlines)
            case .quote(let children): gather(children[...])
            case .list(_, _, let items): for item in items { gather(item[...]) }
            case .code, .thematicBreak, .table: break
            }
        }
    }

    private mutating func gather(_ inlines: [Inline]) {
        for inline in inlines {
            switch inline {
            case .emphasis(let children), .strong(let children), .strikethrough(let children): gather(children)
            case .link(let url, let children):
                gather(children)
                appendLink(url)
            case .image(let url, _): images.append(Sanitizer.cleanLine(url))
            case .text, .code, .lineBreak, .softBreak: break
            }
        }
    }
}

/// A link destination cleaned for the screen, and its hash, worked out where it was cleaned.
public struct LinkDestination: Sendable {
    public let url: String
    public let hash: Int

    public init(cleaning url: String) {
        self.init(clean: Sanitizer.cleanLine(url))
    }

    init(clean url: String) {
        self.url = url
        hash = url.hashValue
    }
}
