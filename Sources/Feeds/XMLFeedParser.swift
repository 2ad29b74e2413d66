import CLibxml2
import Foundation

/// RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 through libxml2's XML parser (see `XMLReading`).
enum XMLFeedParser {
    static func parse(_ utf8: [UInt8], url: String?) -> Result<FeedDocument, FeedProblem> {
        XMLReading.withRoot(utf8, url: url, failure: "malformed XML", feed)
    }

    private static func feed(_ root: XMLNode) -> Result<FeedDocument, FeedProblem> {
        if root.isElement("rss", in: "") || root.isElement("rss", in: XMLNames.rss1) {
            guard let channel = root.first("channel", in: "") else { return .failure(FeedProblem("RSS without a <channel>")) }
            return .success(rss(channel: channel, items: channel.all("item", in: ""), format: .rss2))
        }
        if root.isElement("RDF", in: XMLNames.rdf) {
            let channel = root.first("channel", in: XMLNames.rss1)
            return .success(rss(channel: channel, items: root.all("item", in: XMLNames.rss1), format: .rss1))
        }
        if root.isElement("feed", in: XMLNames.atom) { return .success(atom(root)) }
        return .failure(FeedProblem("not a feed: the document is <\(root.localName)>, not RSS or Atom"))
    }

    // MARK: RSS 2.0 and 1.0

    private static func rss(channel: XMLNode?, items: [XMLNode], format: FeedDocument.Format) -> FeedDocument {
        let namespace = format == .rss1 ? XMLNames.rss1 : ""
        return FeedDocument(format: format,
                            title: channel?.first("title", in: namespace)?.trimmedText.map(HTMLText.plain),
                            entries: items.map { rssEntry($0, namespace: namespace) })
    }

    private static func rssEntry(_ item: XMLNode, namespace: String) -> FeedEntry {
        let base = item.base
        let guidNode = item.first("guid", in: namespace)
        let guid = guidNode?.trimmedText ?? item.attribute("about", in: XMLNames.rdf)
        let permalink = guidNode.flatMap { node in node.attribute("isPermaLink") == "false" ? nil : node.trimmedText }
            .flatMap { $0.hasPrefix("http") ? $0 : nil }
        let link = (item.first("link", in: namespace)?.trimmedText ?? atomLink(item, rel: "alternate") ?? permalink)
            .map { LinkResolution.resolve($0, against: base) }
        let dateText = item.first("pubDate", in: namespace)?.trimmedText ?? item.first("date", in: XMLNames.dublinCore)?.trimmedText
        let title = (item.first("title", in: namespace) ?? item.first("title", in: XMLNames.dublinCore))?.trimmedText
            .map(HTMLText.plain) ?? ""
        let body = item.first("encoded", in: XMLNames.content)?.text ?? item.first("description", in: namespace)?.text ?? ""
        let author = item.first("creator", in: XMLNames.dublinCore)?.trimmedText ?? item.first("author", in: namespace)?.trimmedText
        let enclosures = item.all("enclosure", in: namespace).compactMap { node -> Enclosure? in
            guard let url = node.attribute("url") else { return nil }
            return Enclosure(url: LinkResolution.resolve(url, against: base), type: node.attribute("type"),
                             length: node.attribute("length").flatMap { Int($0) })
        }
        return entry(identity: FeedEntry.identity(id: guid, link: link, date: dateText, title: title), title: title,
                     link: link, author: author, dateText: dateText, html: body, base: base, enclosures: enclosures)
    }

    private static func atomLink(_ node: XMLNode, rel: String) -> String? {
        node.all("link", in: XMLNames.atom).first { ($0.attribute("rel") ?? "alternate") == rel }?.attribute("href")
    }

    // MARK: Atom

    private static func atom(_ feed: XMLNode) -> FeedDocument {
        let feedAuthor = feed.first("author", in: XMLNames.atom)?.first("name", in: XMLNames.atom)?.trimmedText
        return FeedDocument(format: .atom,
                            title: feed.first("title", in: XMLNames.atom).map(textConstructPlain),
                            entries: feed.all("entry", in: XMLNames.atom).map { atomEntry($0, feedAuthor: feedAuthor) })
    }

    private static func alternateLink(_ node: XMLNode) -> String? {
        let link = node.all("link", in: XMLNames.atom).first { ($0.attribute("rel") ?? "alternate") == "alternate" }
        return link.flatMap { node in node.attribute("href").map { LinkResolution.resolve($0, against: node.base) } }
    }

    private static func atomEntry(_ entry: XMLNode, feedAuthor: String?) -> FeedEntry {
        let title = entry.first("title", in: XMLNames.atom).map(textConstructPlain) ?? ""
        let link = alternateLink(entry)
        let dateText = entry.first("published", in: XMLNames.atom)?.trimmedText ?? entry.first("updated", in: XMLNames.atom)?.trimmedText
        let content = entry.first("content", in: XMLNames.atom)
        var html = (content ?? entry.first("summary", in: XMLNames.atom)).map(textConstructHTML) ?? ""
        if let source = content?.attribute("src") {
            let target = LinkResolution.resolve(source, against: content?.base)
            html += "<p><a href=\"\(HTMLText.escaped(target))\">\(HTMLText.escaped(target))</a></p>"
        }
        let enclosures = entry.all("link", in: XMLNames.atom).filter { $0.attribute("rel") == "enclosure" }.compactMap { node -> Enclosure? in
            node.attribute("href").map {
                Enclosure(url: LinkResolution.resolve($0, against: node.base), type: node.attribute("type"),
                          length: node.attribute("length").flatMap { Int($0) })
            }
        }
        let author = entry.first("author", in: XMLNames.atom)?.first("name", in: XMLNames.atom)?.trimmedText ?? feedAuthor
        return self.entry(identity: FeedEntry.identity(id: entry.first("id", in: XMLNames.atom)?.trimmedText, link: link,
                                                       date: dateText, title: title),
                          title: title, link: link, author: author, dateText: dateText, html: html,
                          base: (content ?? entry).base, enclosures: enclosures)
    }

    /// An Atom text construct as plain text: `html` decoded, `xhtml` and `text` as their text.
    private static func textConstructPlain(_ node: XMLNode) -> String {
        node.attribute("type") == "html" ? HTMLText.plain(node.text) : HTMLText.collapse(node.text)
    }

    /// An Atom text construct as HTML.
    private static func textConstructHTML(_ node: XMLNode) -> String {
        switch node.attribute("type") {
        case "html": return node.text
        case "xhtml": return node.innerMarkup
        default: return HTMLText.html(fromPlain: node.text)
        }
    }

    private static func entry(identity: String, title: String, link: String?, author: String?, dateText: String?,
                              html: String, base: String?, enclosures: [Enclosure]) -> FeedEntry {
        let date = dateText.flatMap(FeedDates.parse)
        return FeedEntry(identity: identity, title: title, link: link, author: author.map(HTMLText.plain), published: date,
                         html: html, base: base, enclosures: enclosures,
                         unreadableDate: date == nil ? dateText : nil)
    }
}
