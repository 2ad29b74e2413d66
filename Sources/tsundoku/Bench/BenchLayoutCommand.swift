import Localization
import ArgumentParser
import Foundation
import ReaderCore
import ReaderRuntime
import Synchronization
import TextLayout
import TsundokuLibrary

/// `tsundoku bench layout`: wraps generated 1 MB and 5 MB mixed Chinese articles at width 80,
/// opens them in the reader view (read, parse, lay out), and times what the reader's runtime
/// sends after `Enter`: the first screen, the end `G` shows, and the whole, in process.
struct BenchLayoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layout", abstract: "Time line breaking and the reader view on 1 MB and 5 MB articles.")

    @Option(help: "Columns to lay out for.") var width = 80
    @Option(help: "Runs to take the median of.") var runs = 5
    @Option(help: "Open this article file instead of the generated ones (its first item).") var file: String?
    @Flag(help: "Only time `Enter` and `G` at once in the real binary inside tmux, on a generated 5 MB article with 43,413 links.")
    var tmux = false

    func run() throws {
        if tmux {
            try timeInTmux()
            return
        }
        if let file {
            guard let item = Library.load(.paths([file])).items.first else { throw CommandFailure("no item in \(file)") }
            let bytes = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            try timeOpening(item, size: Double(bytes) / 1_048_576, name: file)
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tsundoku-layout-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for megabytes in [1, 5] {
            let markdown = SyntheticArticle.markdown(bytes: megabytes * 1_048_576)
            let paragraphs = markdown.split(separator: "\n\n").map { [StyledRun(String($0), 0)] }
            let wrap = median {
                var lines = 0
                for paragraph in paragraphs { lines += LineBreaker.wrap(paragraph, width: width).count }
                return lines
            }
            let path = folder + "/article-\(megabytes).md"
            try Data(("---\nid: bench-\(megabytes)\ntitle: 长文 \(megabytes) MB\n---\n\n" + markdown).utf8).write(to: URL(fileURLWithPath: path))
            let snapshot = Library.load(.paths([path]))
            let library = MarkedLibrary(items: snapshot.items, marks: Marks())
            guard let item = library.items.first else { throw CommandFailure("the generated article did not load") }
            let size = Double(markdown.utf8.count) / 1_048_576
            print(String(format: "%d MB article: wrap %.1f ms (%.0f MB/s, %d lines)", megabytes, wrap.seconds * 1000, size / wrap.seconds, wrap.result))
            try timeOpening(item, size: size, name: "\(megabytes) MB article")
        }
    }

    /// Times the reader view of `item` made at once, and what the runtime sends after `Enter`.
    private func timeOpening(_ item: Item, size: Double, name: String) throws {
        let open = median { (try? ArticleReading.article(item, digestTitle: nil, width: width, strings: Strings(.chinese)))?.view.lines.count ?? 0 }
        print(String(format: "%@: open in reader view %.1f ms (%.0f MB/s, %d lines)", name, open.seconds * 1000, size / open.seconds, open.result))
        let parse = median { (try? Library.bodyAndHighlights(for: item))?.body.blocks.count ?? 0 }
        print(String(format: "  whole file read and parsed: %.1f ms (%d blocks)", parse.seconds * 1000, parse.result))
        if let body = try? Library.bodyAndHighlights(for: item) {
            let end = median {
                ArticleView.end(item: item, document: body.body, highlights: body.highlights, width: width, lines: 400, strings: Strings(.chinese)).lines.count
            }
            print(String(format: "  its end alone, from the parsed document: %.1f ms (%d lines)", end.seconds * 1000, end.result))
        }
        timeEarlyEnd(item)
        let arrivals = (0..<max(1, runs)).map { _ in arrivalTimes(item) }
        for (index, part) in ["first screen", "end (for G)", "whole"].enumerated() {
            let times = arrivals.compactMap { index < $0.count ? $0[index] : nil }.sorted()
            guard let last = times.last else { continue }
            print(String(format: "  %@ from the reader's runtime: median %.1f ms, max %.1f ms after Enter", part, times[times.count / 2] * 1000,
                         last * 1000))
        }
    }

    /// A library of the long article of links and a short one (listed first), in tmux.
    private func timeInTmux() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tsundoku-layout-tmux-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let article = "---\nid: links\ntitle: 很多链接的长文\ndate_saved: 2026-12-01T08:00:00Z\n---\n\n" + SyntheticArticle.linkHeavy(paragraphs: 14_471)
        try Data(article.utf8).write(to: URL(fileURLWithPath: folder + "/links.md"))
        try Data("---\nid: short\ntitle: 短短的一篇\ndate_saved: 2026-12-02T08:00:00Z\n---\n\n短短的一篇文章。\n".utf8)
            .write(to: URL(fileURLWithPath: folder + "/short.md"))
        print(String(format: "article of %.1f MB, %d links", Double(article.utf8.count) / 1_048_576, 14_471 * 3))
        try TmuxBench.measureArticle(library: folder, state: folder + "/state", first: "第0段", last: "[43413]", rounds: max(1, runs))
    }

    /// Times a long article's end read before its whole (what `G` waits for): reading its
    /// file and the parts above the end for their links, then laying the end out.
    private func timeEarlyEnd(_ item: Item) {
        let times = Mutex<[(read: Double, layOut: Double)]>([])
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            let early = EarlyEnd(blocks: ArticleView.endBlocks(lines: 400)) { [width] end, highlights in
                let read = DispatchTime.now().uptimeNanoseconds
                _ = ArticleView.end(of: end, highlights: highlights, width: width, lines: 400, strings: Strings(.chinese))
                let laidOut = DispatchTime.now().uptimeNanoseconds
                times.withLock { $0.append((Double(read - start) / 1e6, Double(laidOut - read) / 1e6)) }
            }
            _ = try? Library.bodyAndHighlights(for: item, end: early)
        }
        let measured = times.withLock { $0 }
        guard !measured.isEmpty else { return }
        let reads = measured.map(\.read).sorted(), layOuts = measured.map(\.layOut).sorted()
        print(String(format: "  its end read before the whole: median %.1f ms to read, %.1f ms to lay out", reads[reads.count / 2],
                     layOuts[layOuts.count / 2]))
    }

    /// Asks the effect runtime for the article as `Enter` does: seconds until its first screen,
    /// its end and the whole arrive.
    private func arrivalTimes(_ item: Item) -> [Double] {
        let times = Mutex<[Double]>([])
        let clients = EffectClients(loadLibrary: { _ in .libraryChanged }, loadDocument: ArticleReading.body, saveMarks: { _, _, _ in .marksFailed("") },
                                    savePositions: { _, _ in .marksFailed("") },
                                    openURL: { .linkOpened($0) })
        let start = DispatchTime.now().uptimeNanoseconds
        let runtime = EffectRuntime(clients: clients, strings: Strings(.chinese), mode: .immediate) { _ in
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            times.withLock { $0.append(elapsed) }
        }
        runtime.perform(.loadDocument(item, width: width, digestTitle: nil, preview: false))
        return times.withLock { $0 }
    }

    private func median(_ body: () -> Int) -> (seconds: Double, result: Int) {
        var times: [Double] = []
        var result = 0
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            result = body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return (times.sorted()[times.count / 2], result)
    }
}

/// A long article of mixed Chinese and Latin prose, in paragraphs, a link in every seventh
/// sentence, for layout benchmarks.
enum SyntheticArticle {
    /// Paragraphs of about 360 bytes, each with two bare addresses and a written link, all
    /// different: a 5 MB article with 43,413 numbered links for 14,471 paragraphs.
    static func linkHeavy(paragraphs: Int) -> String {
        let filler = "中文排版需要处理标点禁则与行首行尾的规则，读者在终端里阅读长文时也希望换行自然。"
        return (0..<paragraphs).map { index in
            let (first, second) = (2 * index, 2 * index + 1)
            var paragraph = "第\(index)段：参见 https://example.org/path/\(first)/item?x=\(first)&y=z 以及[这篇文章](http://example.net/\(index))，"
                + "还有 https://example.org/path/\(second)/item?x=\(second)&y=z 。"
            while paragraph.utf8.count < 330 { paragraph += filler.prefix(max(1, (360 - paragraph.utf8.count) / 3)) }
            return paragraph
        }.joined(separator: "\n\n") + "\n"
    }

    static func markdown(bytes: Int) -> String {
        let sentences = [
            "据报道，开发者在 GitHub 上发布了新版本的 Swift 编译器，带来了更快的增量构建。",
            "“这是我们迄今为止最大的一次更新……”负责人在发布会上说——随后走下了舞台。",
            "价格为 ¥5,999（约 $829），比去年高 12.5%，详情见 https://example.com/docs/release-notes 。",
            "日本語の「ちょっと待って」も、한국어 문장도 함께 섞여 있습니다。",
            "The update ships with a new layout engine and better support for CJK line breaking. ",
            "用户可以在《中文排版需求》里找到行首行尾禁则的完整说明，包括「」『』（）等符号。",
            "家庭 👨‍👩‍👧 与旗帜 🇨🇳 这样的表情符号，也必须作为一个整体来显示。",
        ]
        var text = ""
        var index = 0
        while text.utf8.count < bytes {
            for _ in 0..<(4 + index % 5) {
                // Each link its own destination, so the article has thousands of numbered links.
                text += sentences[index % sentences.count].replacingOccurrences(of: "release-notes", with: "release-notes/\(index)")
                index += 1
            }
            text += "\n\n"
        }
        return text
    }
}
