import Foundation

/// Real destinations behind the redirect wrappers that saved articles are full of, such as
/// `https://sspai.com/link?target=<percent-encoded URL>` and Omnivore's image proxy.
public enum LinkTargets {
    /// Hosts (and path) whose query parameter carries the real destination.
    private static let wrappers: [(host: String, path: String, parameter: String)] = [
        ("sspai.com", "/link", "target"),
        ("link.zhihu.com", "/", "target"),
        ("www.google.com", "/url", "q"),
        ("l.facebook.com", "/l.php", "u"),
        ("steamcommunity.com", "/linkfilter/", "url"),
        ("weibo.cn", "/sinaurl", "u"),
    ]

    public static func resolve(_ url: String) -> String {
        var current = url
        for _ in 0..<3 {
            let next = unwrapOnce(current)
            if next == current { break }
            current = next
        }
        return current
    }

    /// The hosts above and Omnivore's image cache, as bytes: most links name none of them and
    /// are returned at once, without being parsed.
    private static let markers = wrappers.map { Array($0.host.utf8) } + [Array("omnivore-image-cache.app/".utf8)]

    private static func mentionsAWrapper(_ url: String) -> Bool {
        var url = url
        return url.withUTF8 { bytes in
            guard bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else {
                return markers.contains { ByteSearch.contains(UnsafeRawBufferPointer(bytes), $0) }
            }
            let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            return lowered.withUnsafeBytes { lowered in markers.contains { ByteSearch.contains(lowered, $0) } }
        }
    }

    private static func unwrapOnce(_ url: String) -> String {
        guard mentionsAWrapper(url) else { return url }
        if let range = url.range(of: "omnivore-image-cache.app/"),
           let inner = url[range.upperBound...].range(of: "/http") {
            return String(url[url.index(after: inner.lowerBound)...])
        }
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else { return url }
        for wrapper in wrappers where host == wrapper.host || host == "www." + wrapper.host {
            guard components.path == wrapper.path || components.path == wrapper.path + "/" else { continue }
            if let target = components.queryItems?.first(where: { $0.name == wrapper.parameter })?.value,
               target.hasPrefix("http://") || target.hasPrefix("https://") {
                return target
            }
        }
        return url
    }

    /// A link cmark-gfm's autolink extension made from bare text that is no link a writer
    /// meant: only `http(s)://`, `www.` and addresses that look like real mail count
    /// (`2xA715@2.8Ghz` is a processor, not a mailbox). Links written as links always count.
    static func isUnlikelyAutolink(url: String, text: String) -> Bool {
        let lowered = url.lowercased()
        guard isAutolink(url: url, text: text) else { return false }
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { return false }
        if lowered.hasPrefix("mailto:") { return !looksLikeMailAddress(String(url.dropFirst(7))) }
        return true
    }

    /// A link whose text is its own address: what cmark-gfm's autolink extension makes of bare text.
    static func isAutolink(url: String, text: String) -> Bool {
        text == url || "mailto:" + text == url || "http://" + text == url
    }

    /// Punctuation that ends a sentence or closes a quote in Chinese and Japanese text: never the
    /// end of a bare address.
    static let closingPunctuation: Set<Character> = ["。", "，", "、", "；", "：", "！", "？", "）", "」", "』", "】", "》", "”", "’", "…"]

    /// `name@example.org`: a local part, and a domain of two or more labels whose last is two or
    /// more letters.
    static func looksLikeMailAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }), let last = labels.last else { return false }
        return last.count >= 2 && last.allSatisfy { $0.isASCII && $0.isLetter }
    }
}
