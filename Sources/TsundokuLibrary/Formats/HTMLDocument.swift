import CLibxml2

/// Article HTML to the same `Document` the Markdown path produces, through libxml2's HTML
/// parser: scripts, styles and comments dropped, entities decoded, white space collapsed as a
/// browser would (kept inside `pre`), nesting deeper than `maximumDepth` kept as text.
enum HTMLDocument {
    static let maximumDepth = 48

    static func parse(_ html: String) -> Document {
        var bytes = Array(html.utf8)
        if bytes.isEmpty { return Document(blocks: []) }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOBLANKS.rawValue)
        guard let document = bytes.withUnsafeMutableBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
            }
        }) else { return Document(blocks: []) }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return Document(blocks: []) }
        if let base = xmlNodeGetBase(document, root) {
            defer { tsu_xml_free(base) }
            resolveLinks(root, against: base, depth: 0)
        }
        var builder = BlockCollector()
        builder.blocks(in: root, depth: 0)
        return Document(blocks: builder.finish())
    }
}

extension HTMLDocument {
    /// Makes every relative `href` and `src` absolute against the document's `<base href>` (a
    /// feed entry's body carries the entry's base that way).
    private static func resolveLinks(_ node: UnsafeMutablePointer<xmlNode>, against base: UnsafePointer<xmlChar>, depth: Int) {
        guard depth < maximumDepth * 4 else { return }
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                for name in ["href", "src"] {
                    guard let value = xmlGetProp(current, name) else { continue }
                    defer { tsu_xml_free(value) }
                    if let resolved = xmlBuildURI(value, base) {
                        xmlSetProp(current, name, resolved)
                        tsu_xml_free(resolved)
                    }
                }
                resolveLinks(current, against: base, depth: depth + 1)
            }
            child = current.pointee.next
        }
    }
}

/// Walks the DOM, turning block elements into `Block`s and runs of inline content into
/// paragraphs.
private struct BlockCollector {
    private var result: [Block] = []
    private var pending: [Inline] = []

    private static let skipped: Set<String> = ["script", "style", "noscript", "head", "template", "iframe", "svg", "button", "form"]
    private static let containers: Set<String> = ["html", "body", "div", "section", "article", "main", "header", "footer",
                                                   "aside", "figure", "figcaption", "nav", "center", "details", "summary", "dl", "dd", "dt"]

    mutating func finish() -> [Block] {
        flush()
        return result
    }

    mutating func blocks(in node: UnsafeMutablePointer<xmlNode>, depth: Int) {
        var child = node.pointee.children
        while let current = child {
            block(current, depth: depth)
            child = current.pointee.next
        }
    }

    private mutating func block(_ node: UnsafeMutablePointer<xmlNode>, depth: Int) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            pending += Self.inlines(node, depth: depth)
            return
        case XML_ELEMENT_NODE:
            break
        default:
            return
        }
        let tag = Self.name(node)
        if Self.skipped.contains(tag) { return }
        if depth >= HTMLDocument.maximumDepth {
            pending.append(.text(Self.text(of: node)))
            return
        }
        switch tag {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            flush()
            let content = Self.trim(Self.children(node, depth: depth))
            if !content.isEmpty { result.append(.heading(level: Int(String(tag.last!)) ?? 2, content)) }
        case "p":
            flush()
            pending = Self.children(node, depth: depth)
            flush()
        case "ul", "ol":
            flush()
            var items: [[Block]] = []
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE, Self.name(current) == "li" {
                    var inner = BlockCollector()
                    inner.blocks(in: current, depth: depth + 1)
                    items.append(inner.finish())
                }
                child = current.pointee.next
            }
            let start = Self.attribute(node, "start").flatMap { Int($0) } ?? 1
            if !items.isEmpty { result.append(.list(ordered: tag == "ol", start: start, items: items)) }
        case "blockquote":
            flush()
            var inner = BlockCollector()
            inner.blocks(in: node, depth: depth + 1)
            let quoted = inner.finish()
            if !quoted.isEmpty { result.append(.quote(quoted)) }
        case "pre":
            flush()
            var text = Self.text(of: node)
            while text.hasSuffix("\n") { text.removeLast() }
            let code = xmlFirstElementChild(node).flatMap { Self.name($0) == "code" ? $0 : nil }
            let classes = [Self.attribute(node, "class"), code.flatMap { Self.attribute($0, "class") }].compactMap { $0 }
            let language = classes.lazy.compactMap { $0.components(separatedBy: "language-").dropFirst().first }.first
            result.append(.code(language: language?.split(separator: " ").first.map(String.init), text: text))
        case "hr":
            flush()
            result.append(.thematicBreak)
        case "table":
            flush()
            if let table = Self.table(node, depth: depth) { result.append(table) }
        case "br":
            pending.append(.lineBreak)
        case "img":
            pending += Self.inlines(node, depth: depth)
        default:
            if Self.containers.contains(tag) {
                blocks(in: node, depth: depth + 1)
                if tag != "span" { flush() }
            } else {
                pending += Self.inlines(node, depth: depth)
            }
        }
    }

    private mutating func flush() {
        let content = Self.trim(pending)
        pending = []
        if !content.isEmpty { result.append(.paragraph(content)) }
    }

    private static func table(_ node: UnsafeMutablePointer<xmlNode>, depth: Int) -> Block? {
        var rows: [[[Inline]]] = []
        var header: [[Inline]]?
        func walk(_ parent: UnsafeMutablePointer<xmlNode>) {
            var child = parent.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE {
                    let tag = name(current)
                    if tag == "tr" {
                        var cells: [[Inline]] = []
                        var isHeader = false
                        var cell = current.pointee.children
                        while let each = cell {
                            if each.pointee.type == XML_ELEMENT_NODE, ["td", "th"].contains(name(each)) {
                                if name(each) == "th" { isHeader = true }
                                cells.append(trim(children(each, depth: depth + 1)))
                            }
                            cell = each.pointee.next
                        }
                        if isHeader && header == nil && rows.isEmpty { header = cells } else { rows.append(cells) }
                    } else if ["thead", "tbody", "tfoot"].contains(tag) {
                        walk(current)
                    }
                }
                child = current.pointee.next
            }
        }
        walk(node)
        guard let first = header ?? rows.first else { return nil }
        return .table(header: first, rows: header == nil ? Array(rows.dropFirst()) : rows)
    }

    private static func children(_ node: UnsafeMutablePointer<xmlNode>, depth: Int) -> [Inline] {
        var result: [Inline] = []
        var child = node.pointee.children
        while let current = child {
            result += inlines(current, depth: depth + 1)
            child = current.pointee.next
        }
        return result
    }

    private static func inlines(_ node: UnsafeMutablePointer<xmlNode>, depth: Int) -> [Inline] {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            let text = collapse(content(node))
            return text.isEmpty ? [] : [.text(text)]
        case XML_ELEMENT_NODE:
            break
        default:
            return []
        }
        let tag = name(node)
        if skipped.contains(tag) { return [] }
        if depth >= HTMLDocument.maximumDepth { return [.text(collapse(text(of: node)))] }
        switch tag {
        case "em", "i", "cite": return [.emphasis(children(node, depth: depth))]
        case "strong", "b": return [.strong(children(node, depth: depth))]
        case "del", "s", "strike": return [.strikethrough(children(node, depth: depth))]
        case "code", "kbd", "samp", "tt": return [.code(text(of: node))]
        case "br": return [.lineBreak]
        case "a":
            let url = attribute(node, "href").map(LinkTargets.resolve) ?? ""
            let content = children(node, depth: depth)
            return url.isEmpty || url.hasPrefix("#") ? content : [.link(url: url, content)]
        case "img":
            let source = attribute(node, "src") ?? attribute(node, "data-src") ?? ""
            return [.image(url: LinkTargets.resolve(source), alt: attribute(node, "alt") ?? "")]
        default:
            return children(node, depth: depth)
        }
    }

    /// Drops white space at the ends of a paragraph's content.
    private static func trim(_ inlines: [Inline]) -> [Inline] {
        var result = inlines
        while case .text(let text)? = result.first, text.allSatisfy(\.isWhitespace) { result.removeFirst() }
        while case .text(let text)? = result.last, text.allSatisfy(\.isWhitespace) { result.removeLast() }
        if case .text(let text)? = result.first { result[0] = .text(String(text.drop(while: \.isWhitespace))) }
        if case .text(let text)? = result.last {
            result[result.count - 1] = .text(String(text.reversed().drop(while: \.isWhitespace).reversed()))
        }
        return result
    }

    private static func collapse(_ text: String) -> String {
        var result = ""
        var lastWasSpace = false
        for character in text {
            if character.isWhitespace && character != "\u{3000}" && character != "\u{A0}" {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            } else {
                result.append(character)
                lastWasSpace = false
            }
        }
        return result
    }

    private static func name(_ node: UnsafeMutablePointer<xmlNode>) -> String {
        node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    }

    private static func content(_ node: UnsafeMutablePointer<xmlNode>) -> String {
        node.pointee.content.map { String(cString: $0) } ?? ""
    }

    private static func text(of node: UnsafeMutablePointer<xmlNode>) -> String {
        guard let raw = xmlNodeGetContent(node) else { return "" }
        defer { tsu_xml_free(raw) }
        return String(cString: raw)
    }

    private static func attribute(_ node: UnsafeMutablePointer<xmlNode>, _ key: String) -> String? {
        guard let raw = xmlGetProp(node, key) else { return nil }
        defer { tsu_xml_free(raw) }
        return String(cString: raw)
    }
}
