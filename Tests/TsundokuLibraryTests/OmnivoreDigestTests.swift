import Foundation
import Testing
@testable import TsundokuLibrary

@Suite struct OmnivoreDigestTests {
    private func sampleItems(_ name: String) throws -> [Item] {
        let file = try #require(SampleLibrary.files.first { $0.path.contains(name) })
        return ItemFileParser.parse(bytes: Array(file.text.utf8), path: file.path, modified: Date()).items
    }

    @Test func sampleDigestSplitsIntoItsNewsItems() throws {
        let items = try sampleItems("晨间速递")
        #expect(items.map(\.kind) == [.digest] + Array(repeating: .digestItem, count: 7))
        #expect(items.dropFirst().map(\.title) == [
            "开源终端阅读器迎来中文排版更新",
            "城市图书馆试行夜间自助借阅",
            "某输入法推出离线语音识别",
            "开源字体项目发布 2.0 版",
            "天文爱好者拍到罕见的双彗星同框",
            "二手相机市场价格回落",
            "看看就行的小道消息",
        ])
        let digest = items[0]
        #expect(digest.title == "晨间速递：开源终端阅读器迎来中文排版更新")
        #expect(digest.site == "积读周刊")
        #expect(digest.url == "https://example.com/posts/morning-0001")
        for (offset, item) in items.dropFirst().enumerated() {
            #expect(item.id == digest.id + "#0\(offset + 1)")
            #expect(item.parent == digest.id)
            #expect(item.position == offset + 1)
            #expect(item.saved == digest.saved)
            #expect(item.url == digest.url)
        }
    }

    @Test func digestItemsShowOnlyTheirOwnSection() throws {
        let items = try sampleItems("晨间速递")
        let text = try #require(SampleLibrary.files.first { $0.path.contains("晨间速递") }).text
        let lead = try Library.document(for: items[1], text: text).blocks.map(\.readableText).joined(separator: "\n")
        #expect(lead.hasPrefix("据项目维护者在邮件列表中的公告"))
        #expect(!lead.contains("你可能错过的新鲜事"))
        #expect(!lead.contains("城市图书馆"))
        let fourth = try Library.document(for: items[4], text: text).blocks.map(\.readableText).joined(separator: "\n")
        #expect(fourth.hasPrefix("一个面向屏幕阅读优化"))
        #expect(!fourth.contains("天文"))
        let rumours = try Library.document(for: items[7], text: text).blocks.map(\.readableText).joined(separator: "\n")
        #expect(rumours.contains("墨水屏副屏"))
        #expect(!rumours.contains("联名书签"))
        #expect(!rumours.contains("终端里读完一本书"))
        #expect(!rumours.contains("开源字体项目发布 2.0 版"))
    }

    @Test func omnivoreScaffoldingIsMetadataNotText() throws {
        let item = try #require(try sampleItems("中文排版").first)
        let text = try #require(SampleLibrary.files.first { $0.path.contains("中文排版") }).text
        #expect(item.kind == .article)
        #expect(item.url == "https://example.com/posts/cjk-typesetting-in-terminal")
        #expect(item.tags == ["排版", "终端"])
        let body = try Library.document(for: item, text: text).blocks.map(\.readableText).joined(separator: "\n")
        for scaffolding in ["Read on Omnivore", "Read Original", "#Omnivore", "Full Content", "date_saved"] {
            #expect(!body.contains(scaffolding), "body shows \(scaffolding)")
        }
        #expect(body.hasPrefix("在终端里读中文长文"))
    }

    @Test func highlightsAreSeparateFromTheBody() throws {
        let item = try #require(try sampleItems("收藏夹").first)
        let text = try #require(SampleLibrary.files.first { $0.path.contains("收藏夹") }).text
        let folder = TemporaryFolder()
        var located = item
        located.path = folder.write("pile.md", text)
        let highlights = try #require(try Library.highlights(for: located))
        #expect(highlights.blocks.map(\.readableText).joined().contains("收藏夹不是知识库"))
        let body = try Library.document(for: located).blocks.map(\.readableText).joined(separator: "\n")
        #expect(!body.contains("Highlights"))
        #expect(item.site == "example.net")
    }

    @Test func numbersStayInTitlesWhenOutOfSequence() throws {
        let text = """
        ---
        id: shuffled
        title: 早报：编号乱了的一期
        ---

        导语部分有一些文字。

        ### 02第一条

        内容一。

        ### 05第二条

        内容二。
        """
        let items = ItemFileParser.parse(bytes: Array(text.utf8), path: "/x", modified: Date()).items
        #expect(items.map(\.title) == ["早报：编号乱了的一期", "编号乱了的一期", "02第一条", "05第二条"])
    }

    @Test func articleWithNumberedSectionsFromOneIsNotADigest() throws {
        let text = "# 教程\n\n介绍。\n\n### 01 准备\n\n步骤。\n\n### 02 开始\n\n步骤。\n"
        let items = ItemFileParser.parse(bytes: Array(text.utf8), path: "/x", modified: Date()).items
        #expect(items.map(\.kind) == [.article])
    }

    @Test func boldFirstLineTitlesTheLeadStory() throws {
        let text = "---\nid: bold\ntitle: 快讯：今日要闻\n---\n\n**头条：新的开源协议发布**\n\n头条正文。\n\n### 02第二条\n\n正文二。\n\n### 03第三条\n\n正文三。\n"
        let items = ItemFileParser.parse(bytes: Array(text.utf8), path: "/x", modified: Date()).items
        #expect(items.map(\.title) == ["快讯：今日要闻", "头条：新的开源协议发布", "第二条", "第三条"])
    }

    @Test func redirectWrappersAndImageProxiesCarryTheRealDestination() {
        #expect(LinkTargets.resolve("https://sspai.com/link?target=https%3A%2F%2Fexample.org%2Fa%3Fb%3D1") == "https://example.org/a?b=1")
        #expect(LinkTargets.resolve("https://proxy-prod.omnivore-image-cache.app/0x0,sAbC/https://cdn.example.org/x.png") == "https://cdn.example.org/x.png")
        #expect(LinkTargets.resolve("https://example.org/link?target=https%3A%2F%2Fother") == "https://example.org/link?target=https%3A%2F%2Fother")
    }

    /// A wrapper is found wherever a URL parser finds its host: in any case, after a user name,
    /// before a port, without a scheme; a wrapper's name elsewhere in an address is no wrapper.
    @Test func wrappersAreFoundWhereverTheHostStands() {
        let target = "target=https%3A%2F%2Fexample.org%2Fa"
        #expect(LinkTargets.resolve("HTTPS://SSPAI.COM/link?\(target)") == "https://example.org/a")
        #expect(LinkTargets.resolve("https://reader@sspai.com/link?\(target)") == "https://example.org/a")
        #expect(LinkTargets.resolve("https://sspai.com:443/link?\(target)") == "https://example.org/a")
        #expect(LinkTargets.resolve("//www.sspai.com/link/?\(target)") == "https://example.org/a")
        #expect(LinkTargets.resolve("https://www.google.com/url?q=https://example.org/b") == "https://example.org/b")
        for kept in ["https://example.org/sspai.com/link?\(target)", "https://example.org/?u=https://sspai.com/link?\(target)",
                     "mailto:sspai.com/link?\(target)", "https://sspai.com.example.org/link?\(target)", "https://example.org/#sspai.com"] {
            #expect(LinkTargets.resolve(kept) == kept)
        }
    }

    /// The expected titles come from the seed itself (its `###` headings, its `##` rumours
    /// heading and the headline in its title), so no seed text is copied into the repository.
    @Test(.enabled(if: Seeds.folder != nil, "../shared/seeds is not here"))
    func seedDigestSplitsAsItsHeadingsSay() throws {
        let seeds = try #require(Seeds.folder)
        let path = seeds + "/000_80e170991a520064.txt"
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        let numbered = lines.filter { $0.hasPrefix("### ") }.map { String($0.dropFirst(4).drop(while: \.isNumber)) }
        let rumours = try #require(lines.first { $0.hasPrefix("## ") && $0.contains("小道消息") }).dropFirst(3)
        let title = try #require(lines.firstIndex(of: "title: |").map { lines[$0 + 1].trimmingCharacters(in: .whitespaces) })
        let headline = title.split(separator: "：", maxSplits: 1)[1].components(separatedBy: " - ")[0]

        let items = ItemFileParser.parse(bytes: bytes, path: path, modified: Date()).items
        #expect(items.first?.kind == .digest)
        #expect(numbered.count == 5)
        #expect(items.dropFirst().map(\.title) == [headline] + numbered + [String(rumours)])
        #expect(items.first?.url == lines.first { $0.hasPrefix("[Read Original](") }.map { String($0.dropFirst(16).dropLast()) })

        let wrapped = try #require(text.range(of: "https://sspai.com/link?target=")).upperBound
        let encoded = text[wrapped...].prefix { $0 != ")" }
        let lead = try Library.document(for: items[1], text: text)
        #expect(lead.blocks.flatMap(\.links).first == String(encoded).removingPercentEncoding)
    }

    @Test(.enabled(if: Seeds.folder != nil, "../shared/seeds is not here"))
    func seedPlainTextTakesItsFirstLine() throws {
        let seeds = try #require(Seeds.folder)
        let path = seeds + "/003_57d5ed5918382c41.txt"
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let item = try #require(ItemFileParser.parse(bytes: bytes, path: path, modified: Date()).items.first)
        let firstLine = String(decoding: bytes, as: UTF8.self).split(separator: "\n").first.map(String.init)
        #expect(item.kind == .article)
        #expect(item.body.format == .plainText)
        #expect(item.title == firstLine)
    }
}

extension Block {
    /// The link destinations in the block, in order.
    var links: [String] {
        func inlineLinks(_ inlines: [Inline]) -> [String] {
            inlines.flatMap { inline -> [String] in
                switch inline {
                case .link(let url, let children): return [url] + inlineLinks(children)
                case .emphasis(let children), .strong(let children), .strikethrough(let children): return inlineLinks(children)
                default: return []
                }
            }
        }
        switch self {
        case .heading(_, let inlines), .paragraph(let inlines): return inlineLinks(inlines)
        case .list(_, _, let items): return items.flatMap { $0 }.flatMap(\.links)
        case .quote(let blocks): return blocks.flatMap(\.links)
        default: return []
        }
    }
}
