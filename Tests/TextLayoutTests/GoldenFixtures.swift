import TextLayout

/// Paragraphs written for the layout tests: what saved Chinese articles are full of.
enum GoldenFixtures {
    static let chinese = "苹果在 WWDC 2024 上发布了 iOS 18，新增的 Apple Intelligence 功能需要 8 GB 内存；详情见 https://developer.apple.com/documentation/apple-intelligence/overview 。他说：“这是我们迄今为止最大的一次更新……”随后——在掌声中——走下了舞台。价格为 ¥5,999（约 $829），比去年高 12.5%。"
    static let japanese = "日本語の文章では、「ちょっと待ってください」と言われたら、ゆっくり待つのがマナーです。コーヒーを飲みながら、ニュースを読みましょう。"
    static let korean = "한국어 문장은 띄어쓰기로 단어를 구분합니다. 줄바꿈은 공백에서 일어나야 합니다."
    static let emoji = "家庭 👨‍👩‍👧 旗帜 🇨🇳🇯🇵 肤色 👍🏽👋🏿 组合音标 café naïve résumé，以及 e\u{301}t\u{301}é 这样的分解形式。"

    /// The lines of `text` wrapped at `width`, joined by newlines.
    static func wrapped(_ text: String, _ width: Int) -> String {
        LineBreaker.wrap([StyledRun(text, 0)], width: width).map(\.text).joined(separator: "\n")
    }
}
