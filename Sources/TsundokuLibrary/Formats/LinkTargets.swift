import Foundation
import Glibc
import TextLayout

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
        guard mayBeWrapped(url) else { return url }
        var current = url
        for _ in 0..<3 {
            let next = unwrapOnce(current)
            if next == current { break }
            current = next
        }
        return current
    }

    /// The hosts above, and Omnivore's image cache, as bytes: most links name none of them and
    /// are returned at once, without being parsed.
    private static let hostMarkers = wrappers.map { Array($0.host.utf8) }
    private static let imageCacheMarker = Array(imageCache.utf8)
    private static let imageCache = "omnivore-image-cache.app/"

    /// Whether `url` may be a wrapper: it holds the image cache's address, or the part where a
    /// host can stand (after `scheme://` or a leading `//`) names a wrapper's host in any case.
    private static func mayBeWrapped(_ url: String) -> Bool {
        url.withUTF8Bytes(mayBeWrapped)
    }

    /// The same test on a URL's UTF-8 bytes: false when `resolve` gives the URL back as it is.
    static func mayBeWrapped(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let authority = authorityBytes(bytes)
        for marker in hostMarkers where holdsIgnoringCase(authority, marker) { return true }
        return holdsExactly(bytes, imageCacheMarker)
    }

    /// Whether `bytes` hold `marker` (lower-case ASCII) in any case: a plain scan, quicker than a
    /// general search on a short address.
    private static func holdsIgnoringCase(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ marker: [UInt8]) -> Bool {
        guard bytes.count >= marker.count, let base = bytes.base.baseAddress else { return false }
        let first = marker[0]
        var start = bytes.startIndex
        let last = bytes.endIndex - marker.count
        candidates: while start <= last {
            defer { start += 1 }
            guard base[start] | 0x20 == first else { continue }
            for offset in 1..<marker.count {
                var byte = base[start + offset]
                if byte >= 0x41, byte <= 0x5A { byte |= 0x20 }
                if byte != marker[offset] { continue candidates }
            }
            return true
        }
        return false
    }

    /// Whether `bytes` hold `marker`, found by its first byte with `memchr`.
    private static func holdsExactly(_ bytes: UnsafeBufferPointer<UInt8>, _ marker: [UInt8]) -> Bool {
        guard let base = bytes.baseAddress, bytes.count >= marker.count else { return false }
        var start = 0
        while start + marker.count <= bytes.count,
              let found = memchr(base + start, Int32(marker[0]), bytes.count - marker.count + 1 - start) {
            let at = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
            if memcmp(base + at, marker, marker.count) == 0 { return true }
            start = at + 1
        }
        return false
    }

    /// The bytes between `scheme://` (or a leading `//`) and the next `/`, `?` or `#`: the only
    /// place a URL parser finds a host. Empty when the URL can have no host.
    private static func authorityBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>> {
        let slash = UInt8(ascii: "/")
        guard let base = bytes.baseAddress else { return bytes[0..<0] }
        var start = 0
        if bytes.count >= 2, base[0] == slash, base[1] == slash {
            start = 2
        } else if let found = memchr(base, Int32(UInt8(ascii: ":")), bytes.count), case let colon = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base,
                  colon + 2 < bytes.count, base[colon + 1] == slash, base[colon + 2] == slash {
            start = colon + 3
        } else {
            return bytes[0..<0]
        }
        var end = start
        while end < bytes.count, base[end] != slash, base[end] != UInt8(ascii: "?"), base[end] != UInt8(ascii: "#") { end += 1 }
        return bytes[start..<end]
    }

    private static func unwrapOnce(_ url: String) -> String {
        guard mayBeWrapped(url) else { return url }
        if let range = url.range(of: imageCache),
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

    /// The address of a link cmark-gfm's autolink extension made from bare text (`isAutolink`)
    /// that is no link a writer meant: only `http(s)://`, `www.` and addresses that look like
    /// real mail count (`2xA715@2.8Ghz` is a processor, not a mailbox).
    static func isUnlikelyBareAddress(_ url: String) -> Bool {
        switch url.withUTF8Bytes(scheme) {
        case .web: false
        case .mail: !looksLikeMailAddress(String(url.dropFirst(7)))
        case .other: true
        }
    }

    /// What a bare address's scheme makes it, in any case.
    private enum BareScheme { case web, mail, other }

    private static func scheme(_ url: UnsafeBufferPointer<UInt8>) -> BareScheme {
        if hasPrefixIgnoringCase(url, "http://") || hasPrefixIgnoringCase(url, "https://") { return .web }
        return hasPrefixIgnoringCase(url, "mailto:") ? .mail : .other
    }

    /// `prefix` (lower-case ASCII) begins `bytes` in any case.
    private static func hasPrefixIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        guard bytes.count >= prefix.utf8CodeUnitCount else { return false }
        for offset in 0..<prefix.utf8CodeUnitCount {
            var byte = bytes[offset]
            if byte >= 0x41, byte <= 0x5A { byte |= 0x20 }
            if byte != prefix.utf8Start[offset] { return false }
        }
        return true
    }

    /// Whether a link whose destination and text are both ASCII is one, told from their bytes as
    /// `isAutolink` and `isUnlikelyBareAddress` tell it from their strings (ASCII strings are
    /// equal only when their bytes are): written, or a bare `http(s)://` address, it is; other
    /// bare text is not; nil for a bare `mailto:` address, whose look decides.
    static func asciiLinkIsLink(url: UnsafeBufferPointer<UInt8>, text: UnsafeBufferPointer<UInt8>) -> Bool? {
        let bare = equal(url, text) || isPrefixed(url, "mailto:", text) || isPrefixed(url, "http://", text)
        guard bare, !text.isEmpty else { return !bare }
        switch scheme(url) {
        case .web: return true
        case .mail: return nil
        case .other: return false
        }
    }

    /// Whether `url` is `prefix` followed by `text`.
    private static func isPrefixed(_ url: UnsafeBufferPointer<UInt8>, _ prefix: StaticString, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = prefix.utf8CodeUnitCount
        return url.count == length + text.count && equal(UnsafeBufferPointer(rebasing: url[..<length]), UnsafeBufferPointer(start: prefix.utf8Start, count: length))
            && equal(UnsafeBufferPointer(rebasing: url[length...]), text)
    }

    private static func equal(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        guard left.count == right.count else { return false }
        guard let leftBase = left.baseAddress, let rightBase = right.baseAddress else { return true }
        return memcmp(leftBase, rightBase, left.count) == 0
    }

    /// A link whose text is its own address: what cmark-gfm's autolink extension makes of bare
    /// text (`mailto:` or `http://` put before a mail address or a `www.` one).
    static func isAutolink(url: String, text: String) -> Bool {
        text == url || isPrefixed(url, "mailto:", text) || isPrefixed(url, "http://", text)
    }

    /// Whether `url` is `prefix` followed by the bytes of `text`, without making that string.
    private static func isPrefixed(_ url: String, _ prefix: StaticString, _ text: String) -> Bool {
        url.withUTF8Bytes { url in text.withUTF8Bytes { isPrefixed(url, prefix, $0) } }
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
