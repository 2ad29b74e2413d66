import CLibxml2
import Foundation

/// OPML 2.0 subscription lists, as other readers import and export them: each `<outline>` with
/// an `xmlUrl` is a feed (its `title` or `text` its name), the outlines it sits in and its
/// `category` paths become its tags.
public enum OPML {
    public static func subscriptions(from bytes: [UInt8]) -> Result<[Subscription], FeedProblem> {
        let (utf8, _) = FeedEncoding.utf8(bytes)
        guard let context = xmlNewParserCtxt() else { return .failure(FeedProblem("out of memory")) }
        defer { xmlFreeParserCtxt(context) }
        var buffer = utf8
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = buffer.withUnsafeMutableBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { xmlCtxtReadMemory(context, $0.baseAddress, Int32(clamping: $0.count), nil, "UTF-8", options) }
        }
        guard let document else {
            let error = context.pointee.lastError
            let message = error.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "unreadable"
            return .failure(FeedProblem("not OPML: line \(error.line): \(message)"))
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document), root.localName == "opml", let body = root.first("body", in: "") else {
            return .failure(FeedProblem("not OPML: no <opml> with a <body>"))
        }
        var result: [Subscription] = []
        func walk(_ node: XMLNode, folders: [String]) {
            for outline in node.all("outline", in: "") {
                let name = outline.attribute("title") ?? outline.attribute("text")
                if let url = outline.attribute("xmlUrl") {
                    let categories = (outline.attribute("category") ?? "").split(separator: ",")
                        .flatMap { $0.split(separator: "/") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    var tags = folders
                    for category in categories where !tags.contains(category) { tags.append(category) }
                    result.append(Subscription(url: url, tags: tags, name: name))
                }
                walk(outline, folders: outline.attribute("xmlUrl") == nil ? folders + [name].compactMap { $0 } : folders)
            }
        }
        walk(body, folders: [])
        return .success(result)
    }

    /// The subscriptions as an OPML 2.0 document; `titles` names feeds that have no name of their own.
    public static func document(_ feeds: [Subscription], titles: [String: String]) -> String {
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<opml version=\"2.0\">", "  <head>",
                     "    <title>tsundoku subscriptions</title>", "  </head>", "  <body>"]
        for feed in feeds {
            let name = feed.name ?? titles[feed.url] ?? feed.url
            var attributes = "type=\"rss\" text=\"\(escaped(name))\" title=\"\(escaped(name))\" xmlUrl=\"\(escaped(feed.url))\""
            if !feed.tags.isEmpty { attributes += " category=\"\(escaped(feed.tags.joined(separator: ",")))\"" }
            lines.append("    <outline \(attributes)/>")
        }
        lines += ["  </body>", "</opml>"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text for an XML attribute: markup characters escaped, control characters (which XML
    /// cannot carry) dropped.
    private static func escaped(_ text: String) -> String {
        HTMLText.escaped(String(text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" }.map(Character.init)))
            .replacingOccurrences(of: "'", with: "&apos;")
    }
}
