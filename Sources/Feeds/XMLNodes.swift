import CLibxml2
import Foundation

/// Reading a libxml2 tree: element children, names, namespaces, text and attributes.
typealias XMLNode = UnsafeMutablePointer<xmlNode>

enum XMLNames {
    static let atom = "http://www.w3.org/2005/Atom"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let rss1 = "http://purl.org/rss/1.0/"
    static let content = "http://purl.org/rss/1.0/modules/content/"
    static let dublinCore = "http://purl.org/dc/elements/1.1/"
}

extension UnsafeMutablePointer where Pointee == xmlNode {
    var localName: String { pointee.name.map { String(cString: $0) } ?? "" }

    /// The namespace URI, or "" for none.
    var namespace: String { pointee.ns?.pointee.href.map { String(cString: $0) } ?? "" }

    func isElement(_ name: String, in namespace: String) -> Bool {
        pointee.type == XML_ELEMENT_NODE && localName == name && self.namespace == namespace
    }

    var elements: [XMLNode] {
        var result: [XMLNode] = []
        var child = pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE { result.append(node) }
            child = node.pointee.next
        }
        return result
    }

    func first(_ name: String, in namespace: String) -> XMLNode? {
        elements.first { $0.isElement(name, in: namespace) }
    }

    func all(_ name: String, in namespace: String) -> [XMLNode] {
        elements.filter { $0.isElement(name, in: namespace) }
    }

    /// The text of the element and everything inside it, entities decoded.
    var text: String {
        guard let content = xmlNodeGetContent(self) else { return "" }
        defer { tsu_xml_free(content) }
        return String(cString: content)
    }

    /// The element's text with white space runs collapsed, or nil when there is none.
    var trimmedText: String? {
        let value = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return value.isEmpty ? nil : value
    }

    func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(self, name) else { return nil }
        defer { tsu_xml_free(value) }
        let text = String(cString: value).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    func attribute(_ name: String, in namespace: String) -> String? {
        guard let value = xmlGetNsProp(self, name, namespace) else { return nil }
        defer { tsu_xml_free(value) }
        return String(cString: value)
    }

    /// The base URI in force at this element (`xml:base` on it or its ancestors, then the
    /// document's own URL).
    var base: String? {
        guard let value = xmlNodeGetBase(pointee.doc, self) else { return nil }
        defer { tsu_xml_free(value) }
        return String(cString: value)
    }

    /// The markup inside the element, as written (for Atom's `type="xhtml"`).
    var innerMarkup: String {
        guard let buffer = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buffer) }
        var child = pointee.children
        while let node = child {
            xmlNodeDump(buffer, pointee.doc, node, 0, 0)
            child = node.pointee.next
        }
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }
}

/// Resolves a link against a base with libxml2's RFC 3986 resolution; the link as written when
/// it cannot be resolved.
enum LinkResolution {
    static func resolve(_ link: String, against base: String?) -> String {
        let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let base, !base.isEmpty, let built = xmlBuildURI(trimmed, base) else { return trimmed }
        defer { tsu_xml_free(built) }
        return String(cString: built)
    }
}

/// Parses XML with libxml2 strictly: no network, no DTD loaded, entities not expanded, CDATA as
/// text; a document that is not well-formed fails with libxml2's reason and line, after `prefix`.
enum XMLReading {
    static func withRoot<T>(_ utf8: [UInt8], url: String?, failure prefix: String,
                            _ body: (XMLNode) -> Result<T, FeedProblem>) -> Result<T, FeedProblem> {
        guard let context = xmlNewParserCtxt() else { return .failure(FeedProblem("out of memory")) }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue)
        var bytes = utf8
        let document = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                xmlCtxtReadMemory(context, $0.baseAddress, Int32(clamping: $0.count), url, "UTF-8", options)
            }
        }
        guard let document else {
            let error = context.pointee.lastError
            let message = error.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "unreadable"
            return .failure(FeedProblem("\(prefix): line \(error.line): \(message)"))
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return .failure(FeedProblem("\(prefix): no root element")) }
        return body(root)
    }
}
