/// The small library compiled into the binary, shown when no library is configured, so a first
/// run has something real to read: a digest, two Omnivore exports and a plain-text article.
public enum SampleLibrary {
    /// One bundled file: a path under `sample:/` and its text.
    public struct File: Sendable {
        public let path: String
        public let text: String
    }

    /// When the sample's plain-text article counts as saved: 2026-11-19 22:00 UTC, in nanoseconds.
    static let modified: Int64 = 1_795_125_600 * 1_000_000_000

    public static let files: [File] = [
        File(path: "sample:/晨间速递-2026-11-20.txt", text: morningDigest),
        File(path: "sample:/终端里的中文排版.md", text: typesettingArticle),
        File(path: "sample:/读不完的收藏夹.md", text: readingPileArticle),
        File(path: "sample:/冬日散记.txt", text: winterNotes),
    ]
}
