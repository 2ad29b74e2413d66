import Foundation

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

    private static func paragraph(_ seed: Int, sentences: Int) -> String {
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
}
