import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Feeds written for these tests, one for each format and for the ways real feeds go wrong.
enum FeedFixtures {
    /// A file of `Tests/Fixtures/feeds/` (also the fuzzer's seeds for the feed target).
    static func fixture(_ name: String) -> String {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/feeds")
        return try! String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    static let rss2 = fixture("rss2.xml")

    static let rss1 = fixture("rss1.xml")

    static let atom = fixture("atom.xml")

    static let jsonFeed = fixture("feed.json")

    /// `text` in an encoding the C library's iconv knows (GBK, BIG5, UTF-16LE ...).
    static func encoded(_ text: String, as encoding: String) -> [UInt8] {
        let converter = iconv_open(encoding, "UTF-8")!
        defer { iconv_close(converter) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        let written = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer -> Int in
                var inPointer = UnsafeMutableRawPointer(inBuffer.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
                var outPointer = UnsafeMutableRawPointer(outBuffer.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
                var inLeft = inBuffer.count
                var outLeft = outBuffer.count
                precondition(iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, "cannot encode as \(encoding)")
                return outBuffer.count - outLeft
            }
        }
        return Array(output[..<written])
    }

    /// A Chinese RSS feed declared and written in `encoding`.
    static func chineseRSS(declaring encoding: String?, title: String = "繁體與简体：「引號」测试") -> String {
        let prolog = encoding.map { "<?xml version=\"1.0\" encoding=\"\($0)\"?>\n" } ?? ""
        return prolog + """
        <rss version="2.0"><channel><title>中文新聞</title><link>https://gbk.example/</link>
        <item><title>\(title)</title><guid>g1</guid><description>正文：一二三。</description></item>
        </channel></rss>
        """
    }
}
