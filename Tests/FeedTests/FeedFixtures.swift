import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Feeds written for these tests, one for each format and for the ways real feeds go wrong.
enum FeedFixtures {
    static let rss2 = """
    <?xml version="1.0" encoding="UTF-8"?>
    <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel>
      <title>山间小报</title>
      <link>https://hills.example/</link>
      <item>
        <title>  3 个新站点 &amp;amp; 一条  旧消息 </title>
        <link>/news/3</link>
        <guid isPermaLink="false">hills-3</guid>
        <pubDate>Tue, 05 Mar 2024 08:30:00 GMT</pubDate>
        <dc:creator>林间</dc:creator>
        <description>只是摘要</description>
        <content:encoded><![CDATA[<p>山里新开了三个站点，<a href="/stations">详见</a>。</p>]]></content:encoded>
        <enclosure url="/audio/3.mp3" type="audio/mpeg" length="3145728"/>
      </item>
      <item>
        <title>&lt;b&gt;粗体标题&lt;/b&gt;</title>
        <link>https://hills.example/news/2</link>
        <pubDate>Mon, 04 Mar 24 21:00 EST</pubDate>
        <description>&lt;p&gt;第二条的&lt;em&gt;正文&lt;/em&gt;&lt;/p&gt;</description>
      </item>
      <item>
        <title>没有链接也没有 guid</title>
        <pubDate>someday soon</pubDate>
        <description>日期坏了</description>
      </item>
    </channel>
    </rss>
    """

    static let rss1 = """
    <?xml version="1.0"?>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
             xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://rdf.example/"><title>RDF 周刊</title><link>https://rdf.example/</link></channel>
      <item rdf:about="https://rdf.example/1">
        <title>第一期</title><link>https://rdf.example/1</link>
        <dc:date>2024-03-05T10:00:00+08:00</dc:date><description>RDF 的正文</description>
      </item>
    </rdf:RDF>
    """

    static let atom = """
    <?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/blog/">
      <title type="html">原子 &amp;lt;博客&amp;gt;</title>
      <link href="https://atom.example/blog/"/>
      <author><name>作者甲</name></author>
      <entry xml:base="2024/">
        <id>tag:atom.example,2024:1</id>
        <title type="text">相对链接</title>
        <link rel="alternate" href="first.html"/>
        <link rel="enclosure" href="pic.png" type="image/png" length="2048"/>
        <published>2024-03-05T08:00:00Z</published>
        <updated>2024-03-06T08:00:00Z</updated>
        <summary>摘要不该用</summary>
        <content type="html">&lt;p&gt;正文有&lt;a href="more.html"&gt;更多&lt;/a&gt;&lt;/p&gt;</content>
      </entry>
      <entry>
        <id>tag:atom.example,2024:2</id>
        <title>XHTML 正文</title>
        <link href="second.html"/>
        <updated>2024-03-07T08:00:00+08:00</updated>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>段落<b>加粗</b></p></div></content>
      </entry>
      <entry>
        <id>tag:atom.example,2024:3</id>
        <title>只有摘要</title>
        <updated>2024-03-08T08:00:00Z</updated>
        <summary>纯文本摘要 &lt;不是标签&gt;</summary>
      </entry>
    </feed>
    """

    static let jsonFeed = """
    {"version": "https://jsonfeed.org/version/1.1", "title": "JSON 杂志", "home_page_url": "https://json.example/",
     "feed_url": "https://json.example/feed.json",
     "items": [
       {"id": 101, "url": "/posts/101", "title": "数字 id", "content_html": "<p>HTML 正文</p>",
        "content_text": "不该用", "date_published": "2024-03-05T08:00:00+08:00", "authors": [{"name": "甲"}, {"name": "乙"}],
        "attachments": [{"url": "https://json.example/a.mp3", "mime_type": "audio/mpeg", "size_in_bytes": 1000}]},
       {"id": "t2", "title": "纯文本", "content_text": "第一段\\n\\n第二段 <不是标签>", "author": {"name": "丙"}},
       {"title": null, "summary": "没有 id 和标题", "url": "https://json.example/3", "date_published": "not a date"}
     ]}
    """

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
