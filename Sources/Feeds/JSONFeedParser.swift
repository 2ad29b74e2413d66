import Foundation

/// JSON Feed 1.0 and 1.1 through `JSONDecoder`: every field optional, an item's `id` a string or
/// a number, `authors` (1.1) before `author` (1.0), `contentHtml` before `contentText` and
/// `summary`, `attachments` as enclosures.
enum JSONFeedParser {
    static func parse(_ utf8: [UInt8], url: String?) -> Result<FeedDocument, FeedProblem> {
        let feed: Feed
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            feed = try decoder.decode(Feed.self, from: Data(utf8))
        } catch {
            return .failure(FeedProblem("not a JSON Feed: \(reason(error))"))
        }
        guard feed.version?.hasPrefix("https://jsonfeed.org/version/") == true || feed.items != nil else {
            return .failure(FeedProblem("not a JSON Feed: no \"version\" and no \"items\""))
        }
        let base = feed.feedUrl ?? url
        let entries = (feed.items ?? []).map { item -> FeedEntry in
            let link = (item.url ?? item.externalUrl).map { LinkResolution.resolve($0, against: base) }
            let title = item.title.map(HTMLText.plain) ?? ""
            let dateText = item.datePublished ?? item.dateModified
            let date = dateText.flatMap(FeedDates.parse)
            let html = item.contentHtml ?? item.contentText.map(HTMLText.html(fromPlain:))
                ?? item.summary.map(HTMLText.html(fromPlain:)) ?? ""
            let author = (item.authors ?? item.author.map { [$0] })?.compactMap(\.name).joined(separator: ", ")
            return FeedEntry(identity: FeedEntry.identity(id: item.id?.value, link: link, date: dateText, title: title),
                             title: title, link: link, author: author.flatMap { $0.isEmpty ? nil : $0 }, published: date,
                             html: html, base: link ?? base,
                             enclosures: (item.attachments ?? []).compactMap { attachment in
                                 attachment.url.map { Enclosure(url: LinkResolution.resolve($0, against: base),
                                                                type: attachment.mimeType, length: attachment.sizeInBytes) }
                             },
                             unreadableDate: date == nil ? dateText : nil)
        }
        return .success(FeedDocument(format: .jsonFeed, title: feed.title.map(HTMLText.collapse), entries: entries))
    }

    private static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return context.codingPath.map(\.stringValue).joined(separator: ".") + ": " + context.debugDescription
        default: return "\(error)"
        }
    }

    private struct Feed: Decodable {
        var version: String?
        var title: String?
        var feedUrl: String?
        var items: [Item]?
    }

    private struct Item: Decodable {
        var id: FlexibleID?
        var url: String?
        var externalUrl: String?
        var title: String?
        var contentHtml: String?
        var contentText: String?
        var summary: String?
        var datePublished: String?
        var dateModified: String?
        var author: Author?
        var authors: [Author]?
        var attachments: [Attachment]?
    }

    private struct Author: Decodable {
        var name: String?
    }

    private struct Attachment: Decodable {
        var url: String?
        var mimeType: String?
        var sizeInBytes: Int?
    }

    /// An id as feeds write it: a string, or a number where the spec asks for a string.
    private struct FlexibleID: Decodable {
        var value: String

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                value = text
            } else if let number = try? container.decode(Int64.self) {
                value = String(number)
            } else {
                value = String(try container.decode(Double.self))
            }
        }
    }
}
