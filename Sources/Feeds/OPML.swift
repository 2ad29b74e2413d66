import CLibxml2
import Foundation

/// OPML 2.0 subscription lists, as other readers import and export them: each `<outline>` with
/// an `xmlUrl` is a feed (its `title` or `text` its name), the outlines it sits in and its
/// `category` paths become its tags.
public enum OPML {
    public static func subscriptions(from bytes: [UInt8]) -> Result<[Subscription], FeedProblem> {
        let (utf8, _) = FeedEncoding.utf8(bytes)
        return XMLReading.withRoot(utf8, url: nil, failure: "not OPML") { root in
            guard root.localName == "opml", let body = root.first("body", in: "") else {
                return .failure(FeedProblem("not OPML: no <opml> with a <body>"))
            }
            return .success(outlines(body))
        }
    }

    /// Every outline with an `xmlUrl` under `body`, tagged with the outlines it sits in.
    private static func outlines(_ body: XMLNode) -> [Subscription] {
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
        return result
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
