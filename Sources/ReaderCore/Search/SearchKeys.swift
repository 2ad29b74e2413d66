import TsundokuLibrary

/// What search matches titles against: the lower-cased title, site and author of every item of
/// a library, with an index of the characters and character pairs each contains, so a query
/// looks only at the items that hold its rarest pair, not at the whole library. Built off the
/// UI loop (`Effect.buildSearchKeys`).
public struct SearchKeys: Sendable, Equatable {
    /// The ids of the items the keys belong to, to tell keys of an older library apart.
    public let ids: [String]
    /// Every key as lower-cased UTF-8, one after the other; item `i`'s is
    /// `bytes[starts[i]..<starts[i + 1]]`.
    private let bytes: [UInt8]
    private let starts: [Int]
    /// The grams (one character, or two in a row) in ascending order; the items holding
    /// `grams[g]` are `postings[gramStarts[g]..<gramStarts[g + 1]]`, ascending.
    private let grams: [UInt64]
    private let gramStarts: [Int]
    private let postings: [UInt32]

    public static func build(_ items: [Item]) -> SearchKeys {
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        var packed: [UInt64] = []
        starts.reserveCapacity(items.count + 1)
        var itemGrams: [UInt64] = []
        for (index, item) in items.enumerated() where UInt64(index) <= Gram.itemMask {
            let key = (item.title + " " + (item.site ?? "") + " " + (item.author ?? "")).lowercased()
            bytes.append(contentsOf: key.utf8)
            starts.append(bytes.count)
            itemGrams.removeAll(keepingCapacity: true)
            var previous: Unicode.Scalar?
            for scalar in key.unicodeScalars {
                itemGrams.append(Gram.one(scalar))
                if let previous { itemGrams.append(Gram.two(previous, scalar)) }
                previous = scalar
            }
            itemGrams.sort()
            var last: UInt64?
            for gram in itemGrams where gram != last {
                packed.append(gram << Gram.itemBits | UInt64(index))
                last = gram
            }
        }
        packed.sort()
        var grams: [UInt64] = []
        var gramStarts: [Int] = []
        var postings = [UInt32](repeating: 0, count: packed.count)
        for (position, entry) in packed.enumerated() {
            let gram = entry >> Gram.itemBits
            if grams.last != gram {
                grams.append(gram)
                gramStarts.append(position)
            }
            postings[position] = UInt32(truncatingIfNeeded: entry & Gram.itemMask)
        }
        gramStarts.append(packed.count)
        return SearchKeys(ids: items.map(\.id), bytes: bytes, starts: starts, grams: grams, gramStarts: gramStarts, postings: postings)
    }

    /// The items (ascending indices) whose key contains `needle` (lower-cased UTF-8). `among`,
    /// when given, holds every item that can match (a shorter query's matches), ascending.
    func matches(_ needle: [UInt8], among: [Int]?) -> [Int] {
        let scalars = Array(String(decoding: needle, as: UTF8.self).unicodeScalars)
        guard !scalars.isEmpty else { return among ?? Array(ids.indices) }
        let wanted = scalars.count == 1 ? [Gram.one(scalars[0])]
            : zip(scalars, scalars.dropFirst()).map { Gram.two($0, $1) }
        var lists: [Range<Int>] = []
        for gram in Set(wanted) {
            guard let list = postingRange(of: gram) else { return [] }
            lists.append(list)
        }
        lists.sort { $0.count < $1.count }
        // One character, or two in a row: the gram's items are exactly the matches.
        let exact = scalars.count <= 2
        if let among, among.count < lists[0].count {
            return among.filter { contains(item: $0, needle) }
        }
        var candidates = postings[lists[0]].map(Int.init)
        if exact { return candidates }
        if lists.count > 1 { candidates = Self.intersect(candidates, postings[lists[1]]) }
        return candidates.filter { contains(item: $0, needle) }
    }

    private func postingRange(of gram: UInt64) -> Range<Int>? {
        var low = 0, high = grams.count
        while low < high {
            let middle = (low + high) / 2
            if grams[middle] < gram { low = middle + 1 } else { high = middle }
        }
        guard low < grams.count, grams[low] == gram else { return nil }
        return gramStarts[low]..<gramStarts[low + 1]
    }

    private static func intersect(_ left: [Int], _ right: ArraySlice<UInt32>) -> [Int] {
        var result: [Int] = []
        var other = right.startIndex
        for value in left {
            while other < right.endIndex, Int(right[other]) < value { other += 1 }
            if other == right.endIndex { break }
            if Int(right[other]) == value { result.append(value) }
        }
        return result
    }

    /// Whether item `index`'s key contains `needle`, byte for byte.
    private func contains(item index: Int, _ needle: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { all in
            ByteSearch.contains(UnsafeRawBufferPointer(rebasing: all[starts[index]..<starts[index + 1]]), needle)
        }
    }
}

/// The grams of the index, packed in 64 bits with room for an item number beside them: one
/// scalar (21 bits) or two (42 bits, with a flag above them), then the item (21 bits: a
/// library past two million items is searched in its first two million).
private enum Gram {
    static let itemBits: UInt64 = 21
    static let itemMask: UInt64 = (1 << itemBits) - 1

    static func one(_ scalar: Unicode.Scalar) -> UInt64 { UInt64(scalar.value) }

    static func two(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> UInt64 {
        1 << 42 | UInt64(first.value) << 21 | UInt64(second.value)
    }
}
