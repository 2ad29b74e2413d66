/// Reads a feed from the bytes a server sent, whatever its format and encoding: JSON Feed when
/// the text starts with `{`, else RSS or Atom.
public enum FeedParser {
    /// `url` is where the feed was fetched from (relative links resolve against it);
    /// `httpCharset` is the `charset` of the response's `Content-Type`, when it had one.
    public static func parse(_ bytes: [UInt8], url: String?, httpCharset: String? = nil) -> Result<FeedDocument, FeedProblem> {
        let (utf8, _) = FeedEncoding.utf8(bytes, httpCharset: httpCharset)
        guard let first = utf8.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            return .failure(FeedProblem("empty response"))
        }
        if first == UInt8(ascii: "{") { return JSONFeedParser.parse(utf8, url: url) }
        guard first == UInt8(ascii: "<") else { return .failure(FeedProblem("not a feed: neither XML nor JSON")) }
        // Raw control characters are not allowed in XML and turn up in real feeds' titles; a
        // strict parser would refuse the whole feed for one, so they are dropped first.
        let allowed = utf8.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
            ? utf8.filter { $0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } : utf8
        return XMLFeedParser.parse(allowed, url: url)
    }
}
