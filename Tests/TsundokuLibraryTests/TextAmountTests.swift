import Foundation
import Testing
@testable import TsundokuLibrary

/// Reading time: CJK characters one by one, other scripts by words, at the documented rates;
/// counted from the body only, for each item of a digest, cold and warm alike.
@Suite struct TextAmountTests {
    @Test func charactersAndWordsAreCountedAsTheyAreRead() {
        #expect(TextAmount.of("中文字符 and English words 123") == TextAmount(characters: 4, words: 4))
        #expect(TextAmount.of("ひらがなカタカナ한국어") == TextAmount(characters: 11, words: 0))
        #expect(TextAmount.of("naïve café, Ελληνικά: три слова") == TextAmount(characters: 0, words: 5))
        #expect(TextAmount.of("https://example.org/a-b") == TextAmount(characters: 0, words: 5))
        #expect(TextAmount(characters: 0, words: 0).minutes == 0)
        #expect(TextAmount(characters: 400, words: 0).minutes == 1)
        #expect(TextAmount(characters: 401, words: 0).minutes == 2)
        #expect(TextAmount(characters: 2_000, words: 460).minutes == 7)
    }

    @Test func aDigestsItemsAreCountedEachFromTheirOwnText() throws {
        let folder = TemporaryFolder()
        let body = String(repeating: "新闻正文。", count: 200)
        folder.write("digest.md", """
            ---
            id: d
            title: 早报：三件事 - 示例站
            ---

            ## 你可能错过的新鲜事

            **导语**
            \(body)

            ### 02第二条

            短。

            ### 03第三条

            Three short words.
            """)
        let items = ColdAndWarm.load(.paths([folder.path])).items
        let digest = try #require(items.first { $0.id == "d" })
        let second = try #require(items.first { $0.id == "d#02" })
        #expect(second.amount == TextAmount(characters: 1, words: 0))
        #expect(items.first { $0.id == "d#03" }?.amount == TextAmount(characters: 0, words: 3))
        #expect((digest.amount?.characters ?? 0) > 800, "the whole digest counts its lead story and every item")
        #expect(digest.amount?.minutes == 3)
    }
}
