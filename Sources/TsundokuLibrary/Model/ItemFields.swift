import Foundation

/// An item's texts (parent, title, author, site, URL) and its rare parts (tags, highlights), kept
/// out of line in one allocation: the texts' UTF-8 bytes one after another behind a small header.
///
/// 100,000 items held at once each had six strings in place (96 bytes) and a heap string for
/// each long title, URL or parent; now they have one reference, and one allocation holds what
/// those strings held. Immutable once made (a changed field makes a new one), so it is shared
/// between copies of an item and across threads (hence `@unchecked Sendable`: the buffer is
/// never written after `make`). Compared and hashed by value.
struct ItemFields: @unchecked Sendable {
    /// The header and the bytes behind it, in one allocation.
    final class Storage: ManagedBuffer<Header, UInt8> {}

    private let storage: Storage

    private init(_ storage: Storage) {
        self.storage = storage
    }

    /// The texts, in the order their bytes are stored.
    enum Text: Int, CaseIterable {
        case parent, title, author, site, url
    }

    struct Header {
        /// Where each text's bytes end (each starts where the one before ends).
        var ends: SIMD8<UInt32>
        var tags: [String]
        var highlights: Boxed<BodyLocation>?
        /// Bit `n` set: text `n` is present (an absent optional is not an empty one).
        var present: UInt8
    }

    /// Fields made from strings (a parser's).
    static func make(texts: [String?], tags: [String], highlights: BodyLocation?) -> ItemFields {
        make(lengths: texts.map { $0?.utf8.count }, tags: tags, highlights: highlights) { text, destination in
            guard var value = texts[text] else { return }
            value.withUTF8 { destination.update(from: $0.baseAddress!, count: $0.count) }
        }
    }

    /// Fields made from UTF-8 bytes (the cache's), never turned into strings on the way.
    static func make(bytes: [UnsafeRawBufferPointer?], tags: [String], highlights: BodyLocation?) -> ItemFields {
        make(lengths: bytes.map { $0?.count }, tags: tags, highlights: highlights) { text, destination in
            guard let source = bytes[text], let base = source.baseAddress else { return }
            destination.update(from: base.assumingMemoryBound(to: UInt8.self), count: source.count)
        }
    }

    private static func make(lengths: [Int?], tags: [String], highlights: BodyLocation?,
                             copy: (Int, UnsafeMutablePointer<UInt8>) -> Void) -> ItemFields {
        precondition(lengths.count == Text.allCases.count)
        var ends = SIMD8<UInt32>(repeating: 0)
        var present: UInt8 = 0
        var total = 0
        for (text, length) in lengths.enumerated() {
            if length != nil { present |= 1 << text }
            total += length ?? 0
            ends[text] = UInt32(clamping: total)
        }
        precondition(total <= Int(UInt32.max), "an item's texts take more than 4 GB")
        let storage = unsafeDowncast(Storage.create(minimumCapacity: total) { _ in
            Header(ends: ends, tags: tags, highlights: highlights.map(Boxed.init), present: present)
        }, to: Storage.self)
        storage.withUnsafeMutablePointerToElements { elements in
            for text in lengths.indices where lengths[text] != nil {
                copy(text, elements + Int(text == 0 ? 0 : ends[text - 1]))
            }
        }
        return ItemFields(storage)
    }

    /// The bytes of `text`, nil when it is absent.
    func withBytes<Result>(_ text: Text, _ body: (UnsafeBufferPointer<UInt8>?) -> Result) -> Result {
        storage.withUnsafeMutablePointers { header, elements in
            let index = text.rawValue
            guard header.pointee.present & (1 << index) != 0 else { return body(nil) }
            let start = index == 0 ? 0 : Int(header.pointee.ends[index - 1])
            return body(UnsafeBufferPointer(start: elements + start, count: Int(header.pointee.ends[index]) - start))
        }
    }

    func string(_ text: Text) -> String? {
        withBytes(text) { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    var header: Header { storage.header }

    var tags: [String] { header.tags }

    var highlights: BodyLocation? { header.highlights?.value }

    /// These fields with `text` changed.
    func replacing(_ text: Text, with value: String?) -> ItemFields {
        var texts = Text.allCases.map(string)
        texts[text.rawValue] = value
        return Self.make(texts: texts, tags: tags, highlights: highlights)
    }

    func replacing(tags: [String]) -> ItemFields {
        Self.make(texts: Text.allCases.map(string), tags: tags, highlights: highlights)
    }

    func replacing(highlights: BodyLocation?) -> ItemFields {
        Self.make(texts: Text.allCases.map(string), tags: tags, highlights: highlights)
    }

    /// -1, 0 or 1 as `text` of `self` comes before, with or after that of `other`, by code
    /// points (UTF-8 bytes); an absent text is empty.
    func order(of text: Text, against other: ItemFields) -> Int {
        withBytes(text) { left in
            other.withBytes(text) { right in
                let left = left ?? UnsafeBufferPointer(start: nil, count: 0)
                let right = right ?? UnsafeBufferPointer(start: nil, count: 0)
                let shared = min(left.count, right.count)
                if shared > 0, let leftBase = left.baseAddress, let rightBase = right.baseAddress {
                    let compared = memcmp(leftBase, rightBase, shared)
                    if compared != 0 { return compared < 0 ? -1 : 1 }
                }
                return left.count == right.count ? 0 : left.count < right.count ? -1 : 1
            }
        }
    }
}

extension ItemFields: Hashable {
    static func == (left: ItemFields, right: ItemFields) -> Bool {
        if left.storage === right.storage { return true }
        let (one, two) = (left.header, right.header)
        guard one.ends == two.ends, one.present == two.present, one.tags == two.tags,
              one.highlights?.value == two.highlights?.value else { return false }
        return Text.allCases.allSatisfy { left.order(of: $0, against: right) == 0 }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(header.present)
        hasher.combine(header.ends)
        hasher.combine(header.tags)
        hasher.combine(header.highlights?.value)
        for text in Text.allCases {
            withBytes(text) { bytes in bytes.map { hasher.combine(bytes: UnsafeRawBufferPointer($0)) } }
        }
    }
}
