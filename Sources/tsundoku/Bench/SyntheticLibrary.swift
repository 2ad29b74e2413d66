import Foundation
import ZIPFoundation

/// A generated library for benchmarks: Omnivore-style Markdown of about 4 KB per file, mixed
/// Chinese and Latin text, every tenth file a digest with numbered sections.
enum SyntheticLibrary {
    private static let phrases = [
        "据报道，", "开发者在 GitHub 上发布了 ", "新版本的 Swift 编译器", "带来了更快的增量构建，",
        "同时改进了 Linux 上的调试体验。", "用户可以通过 https://example.com/download 下载，", "价格为 99 美元，",
        "比上一代便宜了 20%。", "业内人士认为，", "这意味着「稍后阅读」类应用的竞争将更加激烈；",
        "不过也有人指出，", "真正的问题在于没有人读完自己保存的文章……", "The update ships with a new layout engine ",
        "and better support for CJK line breaking. ", "在发布会上，", "负责人表示：“我们会继续优化。”",
    ]

    static func write(files: Int, to folder: String) throws -> (digests: Int, bytes: Int) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var digests = 0
        var bytes = 0
        for index in 0..<files {
            let isDigest = index % 10 == 0
            if isDigest { digests += 1 }
            let text = isDigest ? digest(index) : article(index)
            bytes += text.utf8.count
            let subfolder = folder + "/" + String(index / 1000)
            if index % 1000 == 0 { try FileManager.default.createDirectory(atPath: subfolder, withIntermediateDirectories: true) }
            try text.write(toFile: subfolder + "/item-\(index).md", atomically: false, encoding: .utf8)
        }
        return (digests, bytes)
    }

    static func paragraph(_ seed: Int, sentences: Int) -> String {
        (0..<sentences).map { phrases[($0 * 7 + seed) % phrases.count] }.joined()
    }

    private static func header(_ index: Int, title: String) -> String {
        let day = 1 + index % 28
        return """
        ---
        id: bench-\(index)
        title: \(title)
        author: 作者 \(index % 97)
        date_saved: 2025-\(String(format: "%02d", 1 + index % 12))-\(String(format: "%02d", day)) 08:\(String(format: "%02d", index % 60)):00
        date_published: 2025-01-01 07:00:00
        ---

        # \(title)
        #Omnivore

        [Read on Omnivore](https://omnivore.app/me/bench-\(index))

        [Read Original](https://example.com/posts/\(index))

        ---

        # Full Content:


        """
    }

    private static func article(_ index: Int) -> String {
        var text = header(index, title: "第 \(index) 篇：终端阅读器与 Swift 6 的中文排版实践")
        for section in 0..<3 {
            text += "## 小节 \(section + 1)\n\n"
            for part in 0..<3 { text += paragraph(index + section * 3 + part, sentences: 12) + "\n\n" }
        }
        return text
    }

    private static func digest(_ index: Int) -> String {
        var text = header(index, title: "早报：第 \(index) 期新闻汇总 - 积读周刊")
        text += "## 你可能错过的新鲜事\n\n" + paragraph(index, sentences: 16) + "\n\n"
        for number in 2...7 {
            text += "### 0\(number)新闻标题 \(index)-\(number)\n\n" + paragraph(index + number, sentences: 10) + "\n\n"
        }
        text += "## 看看就行的小道消息\n\n* " + paragraph(index + 1, sentences: 6) + "\n* " + paragraph(index + 2, sentences: 5) + "\n"
        return text
    }

    /// One Omnivore export zip: metadata batches of 1,000 and one HTML file per item.
    static func writeExport(items: Int, to path: String) throws -> (digests: Int, bytes: Int) {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        func add(_ name: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        var bytes = 0
        var digests = 0
        for batch in stride(from: 0, to: items, by: 1000) {
            var metadata: [String] = []
            for index in batch..<min(items, batch + 1000) {
                let isDigest = index % 10 == 0
                if isDigest { digests += 1 }
                let html = html(fromMarkdown: isDigest ? digest(index) : article(index))
                bytes += html.utf8.count
                try add("content/item-\(index).html", html)
                let title = isDigest ? "早报：第 \(index) 期新闻汇总" : "第 \(index) 篇：终端阅读器与 Swift 6 的中文排版实践"
                metadata.append("{\"id\":\"zip-\(index)\",\"slug\":\"item-\(index)\",\"title\":\"\(title)\",\"author\":\"作者 \(index % 97)\","
                    + "\"url\":\"https://example.com/posts/\(index)\",\"state\":\"\(index % 3 == 0 ? "Archived" : "Active")\","
                    + "\"labels\":[\"基准\"],\"savedAt\":\"2025-01-01T08:00:00Z\",\"readingProgress\":0}")
            }
            try add("metadata_\(batch)_to_\(min(items, batch + 1000) - 1).json", "[" + metadata.joined(separator: ",\n") + "]")
        }
        return (digests, bytes)
    }

    /// One JSON Lines file of `items` lines, a tenth of them digests with their items.
    static func writeJSONLines(items: Int, to path: String) throws -> (digests: Int, bytes: Int) {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var text = ""
        var digests = 0
        for index in 0..<items {
            let isDigest = index % 10 == 0
            if isDigest { digests += 1 }
            let body = (isDigest ? digest(index) : article(index)).replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
            text += "{\"id\":\"jsonl-\(index)\",\"title\":\"第 \(index) 条\",\"saved\":\"2025-01-01T08:00:00Z\","
                + "\"url\":\"https://example.com/\(index)\",\"markdown\":\"\(body)\"}\n"
        }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return (digests, text.utf8.count)
    }

    /// Paragraphs and headings of the generated Markdown as simple HTML.
    private static func html(fromMarkdown markdown: String) -> String {
        let body = markdown.components(separatedBy: "# Full Content:").last ?? markdown
        var html = "<html><head><style>p{}</style></head><body><div>"
        for block in body.components(separatedBy: "\n\n") {
            let text = block.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { continue }
            if text.hasPrefix("### ") { html += "<h3>" + text.dropFirst(4) + "</h3>" }
            else if text.hasPrefix("## ") { html += "<h2>" + text.dropFirst(3) + "</h2>" }
            else if text.hasPrefix("* ") { html += "<ul>" + text.components(separatedBy: "\n* ").map { "<li>" + $0 + "</li>" }.joined() + "</ul>" }
            else { html += "<p>" + text + "</p>" }
        }
        return html + "</div></body></html>"
    }
}
