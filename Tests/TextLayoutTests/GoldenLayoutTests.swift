import Testing
@testable import TextLayout

/// Wrapped output frozen after review: prohibited punctuation never starts or ends a line,
/// Latin words and numbers stay whole, Korean breaks at spaces, clusters stay whole.
@Suite struct GoldenLayoutTests {
    @Test func chineseAt20() {
        #expect(GoldenFixtures.wrapped(GoldenFixtures.chinese, 20) == """
            苹果在 WWDC 2024 上
            发布了 iOS 18，新增
            的 Apple
            Intelligence 功能需
            要 8 GB 内存；详情见
            https://
            developer.apple.com/
            documentation/apple-
            intelligence/
            overview 。他说：“这
            是我们迄今为止最大的
            一次更新……”随后——在
            掌声中——走下了舞台。
            价格为 ¥5,999（约
            $829），比去年高
            12.5%。
            """)
    }

    @Test func chineseAt40() {
        #expect(GoldenFixtures.wrapped(GoldenFixtures.chinese, 40) == """
            苹果在 WWDC 2024 上发布了 iOS 18，新增的
            Apple Intelligence 功能需要 8 GB 内存；
            详情见 https://developer.apple.com/
            documentation/apple-intelligence/
            overview 。他说：“这是我们迄今为止最大的
            一次更新……”随后——在掌声中——走下了舞台。
            价格为 ¥5,999（约 $829），比去年高
            12.5%。
            """)
    }

    @Test func chineseAt80() {
        #expect(GoldenFixtures.wrapped(GoldenFixtures.chinese, 80) == """
            苹果在 WWDC 2024 上发布了 iOS 18，新增的 Apple Intelligence 功能需要 8 GB 内存；
            详情见 https://developer.apple.com/documentation/apple-intelligence/overview 。
            他说：“这是我们迄今为止最大的一次更新……”随后——在掌声中——走下了舞台。价格为
            ¥5,999（约 $829），比去年高 12.5%。
            """)
    }

    @Test func japaneseAt20() {
        #expect(GoldenFixtures.wrapped(GoldenFixtures.japanese, 20) == """
            日本語の文章では、
            「ちょっと待ってくだ
            さい」と言われたら、
            ゆっくり待つのがマ
            ナーです。コーヒーを
            飲みながら、ニュース
            を読みましょう。
            """)
    }

    @Test func japaneseAt40() {
        #expect(GoldenFixtures.wrapped(GoldenFixtures.japanese, 40) == """
            日本語の文章では、「ちょっと待ってくださ
            い」と言われたら、ゆっくり待つのがマナー
            です。コーヒーを飲みながら、ニュースを読
            みましょう。
            """)
    }

    @Test func japaneseAt80() {
        #expect(GoldenFixtures.wrapped(GoldenFixtures.japanese, 80) == """
            日本語の文章では、「ちょっと待ってください」と言われたら、ゆっくり待つのがマナー
            です。コーヒーを飲みながら、ニュースを読みましょう。
            """)
    }

    @Test func koreanAt20() {
        #expect(GoldenFixtures.wrapped(GoldenFixtures.korean, 20) == """
            한국어 문장은
            띄어쓰기로 단어를
            구분합니다. 줄바꿈은
            공백에서 일어나야
            합니다.
            """)
    }

    @Test func koreanAt40() {
        #expect(GoldenFixtures.wrapped(GoldenFixtures.korean, 40) == """
            한국어 문장은 띄어쓰기로 단어를
            구분합니다. 줄바꿈은 공백에서 일어나야
            합니다.
            """)
    }

    @Test func koreanAt80() {
        #expect(GoldenFixtures.wrapped(GoldenFixtures.korean, 80) == """
            한국어 문장은 띄어쓰기로 단어를 구분합니다. 줄바꿈은 공백에서 일어나야 합니다.
            """)
    }

    @Test func emojiAt20() {
        #expect(GoldenFixtures.wrapped(GoldenFixtures.emoji, 20) == """
            家庭 👨‍👩‍👧 旗帜 🇨🇳🇯🇵 肤
            色 👍🏽👋🏿 组合音标
            café naïve résumé，
            以及 ét́é 这样的分解
            形式。
            """)
    }

    @Test func emojiAt40() {
        #expect(GoldenFixtures.wrapped(GoldenFixtures.emoji, 40) == """
            家庭 👨‍👩‍👧 旗帜 🇨🇳🇯🇵 肤色 👍🏽👋🏿 组合音标
            café naïve résumé，以及 ét́é 这样的分解形
            式。
            """)
    }

    @Test func emojiAt80() {
        #expect(GoldenFixtures.wrapped(GoldenFixtures.emoji, 80) == """
            家庭 👨‍👩‍👧 旗帜 🇨🇳🇯🇵 肤色 👍🏽👋🏿 组合音标 café naïve résumé，以及 ét́é 这样的分解
            形式。
            """)
    }
}
