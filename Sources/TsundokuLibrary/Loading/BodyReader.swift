/// A file's whole text, and its lines once they are asked for (split once, however many bodies
/// are taken from them).
final class SourceText {
    let text: String
    private(set) lazy var lines: [Substring] = SourceLines.split(text)

    init(_ text: String) {
        self.text = text
    }
}

/// Reads the bodies of many items one after another, keeping the texts of the last few files
/// read (at most `keptFiles` of them, `keptBytes` in all, the last one whatever its size): the
/// items of one file, such as the thousands of lines of a JSON Lines export, then read and
/// split it once instead of once each (5,000 items of one 21 MB file were 5,000 reads of it).
/// For one thread at a time.
public final class BodyReader {
    private var recent: [(path: String, source: SourceText)] = []
    private let keptFiles: Int
    private let keptBytes: Int

    public init(keptFiles: Int = 8, keptBytes: Int = 64 << 20) {
        self.keptFiles = max(1, keptFiles)
        self.keptBytes = keptBytes
    }

    /// The item's body as a `Document`, its file read now unless it was one of the last read.
    public func document(for item: Item) throws -> Document {
        try Library.document(for: item, in: source(item.path))
    }

    private func source(_ path: String) throws -> SourceText {
        if let index = recent.firstIndex(where: { $0.path == path }) {
            let found = recent.remove(at: index)
            recent.append(found)
            return found.source
        }
        let source = SourceText(try Library.decodedText(path))
        recent.append((path, source))
        if recent.count > keptFiles { recent.removeFirst(recent.count - keptFiles) }
        var bytes = 0
        for index in recent.indices.reversed() {
            bytes += recent[index].source.text.utf8.count
            if bytes > keptBytes, index < recent.count - 1 {
                recent.removeFirst(index + 1)
                break
            }
        }
        return source
    }
}
