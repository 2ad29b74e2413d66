#if canImport(Glibc)
import Glibc
#endif
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
    /// How often each byte value occurs in the keys: a match is looked for by its rarest byte.
    private let byteCounts: [Int]
    /// The grams (one character, or two in a row) in ascending order; the items holding
    /// `grams[g]` (`gramCounts[g]` of them) are `postings[gramOffsets[g]..<gramOffsets[g + 1]]`,
    /// ascending, each written as its distance from the one before (LEB128).
    private let grams: [UInt64]
    private let gramCounts: [Int]
    private let gramOffsets: [Int]
    private let postings: [UInt8]

    public static func build(_ items: [Item]) -> SearchKeys {
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(items.count + 1)
        var slots: [UInt64: Int] = [:]
        var lists: [[UInt8]] = []
        var lastItems: [Int] = []
        var counts: [Int] = []
        var itemGrams: [UInt64] = []
        for (index, item) in items.enumerated() {
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
                last = gram
                let slot: Int
                if let known = slots[gram] {
                    slot = known
                } else {
                    slot = lists.count
                    slots[gram] = slot
                    lists.append([])
                    lastItems.append(-1)
                    counts.append(0)
                }
                LEB128.append(UInt64(index - lastItems[slot]), to: &lists[slot])
                lastItems[slot] = index
                counts[slot] += 1
            }
        }
        let order = slots.sorted { $0.key < $1.key }
        var postings: [UInt8] = []
        postings.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        var gramOffsets: [Int] = []
        gramOffsets.reserveCapacity(order.count + 1)
        for (_, slot) in order {
            gramOffsets.append(postings.count)
            postings.append(contentsOf: lists[slot])
            lists[slot] = []
        }
        gramOffsets.append(postings.count)
        var byteCounts = [Int](repeating: 0, count: 256)
        for byte in bytes { byteCounts[Int(byte)] += 1 }
        return SearchKeys(ids: items.map(\.id), bytes: bytes, starts: starts, byteCounts: byteCounts,
                          grams: order.map(\.key), gramCounts: order.map { counts[$0.value] },
                          gramOffsets: gramOffsets, postings: postings)
    }

    /// The items (ascending indices) whose key contains `needle` (lower-cased UTF-8). `among`,
    /// when given, is a shorter query's matches: every item that can match is among them, and
    /// where each held the shorter query tells where to look first.
    func matches(_ needle: [UInt8], among: SearchMatches?) -> SearchMatches {
        let scalars = Array(String(decoding: needle, as: UTF8.self).unicodeScalars)
        guard !scalars.isEmpty else { return among ?? SearchMatches(needle: needle, indices: Array(ids.indices)) }
        let wanted = scalars.count == 1 ? [Gram.one(scalars[0])]
            : zip(scalars, scalars.dropFirst()).map { Gram.two($0, $1) }
        var lists: [Int] = []
        for gram in Set(wanted) {
            guard let list = gramIndex(of: gram) else { return SearchMatches(needle: needle, indices: []) }
            lists.append(list)
        }
        lists.sort { gramCounts[$0] < gramCounts[$1] }
        if let among, among.indices.count <= gramCounts[lists[0]] {
            return filter(among, containing: needle)
        }
        let candidates = items(of: lists[0])
        // One character, or two in a row: the gram's items are exactly the matches.
        if scalars.count <= 2 { return SearchMatches(needle: needle, indices: candidates) }
        let narrowed = lists.count > 1 ? intersect(candidates, lists[1]) : candidates
        return filter(SearchMatches(needle: [], indices: narrowed), containing: needle)
    }

    private func gramIndex(of gram: UInt64) -> Int? {
        var low = 0, high = grams.count
        while low < high {
            let middle = (low + high) / 2
            if grams[middle] < gram { low = middle + 1 } else { high = middle }
        }
        return low < grams.count && grams[low] == gram ? low : nil
    }

    /// The items holding gram number `gram`, ascending.
    private func items(of gram: Int) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(gramCounts[gram])
        var reader = LEB128.Reader(postings, from: gramOffsets[gram])
        var item = -1
        for _ in 0..<gramCounts[gram] {
            item += reader.next()
            result.append(item)
        }
        return result
    }

    /// The items of `left` (ascending) that also hold gram number `gram`.
    private func intersect(_ left: [Int], _ gram: Int) -> [Int] {
        var result: [Int] = []
        var reader = LEB128.Reader(postings, from: gramOffsets[gram])
        var remaining = gramCounts[gram]
        var item = -1
        for value in left {
            while item < value, remaining > 0 {
                item += reader.next()
                remaining -= 1
            }
            if item == value { result.append(value) }
            if item < value { break }
        }
        return result
    }

    /// The items of `candidates` whose key contains `needle`: each key is searched for the
    /// needle's rarest byte (`memchr`), and the needle compared where it is found. Where a
    /// candidate held the candidates' own query (a part of `needle`) bounds where `needle` can
    /// start, so a query typed on is mostly one comparison per item.
    private func filter(_ candidates: SearchMatches, containing needle: [UInt8]) -> SearchMatches {
        guard let pivot = needle.indices.min(by: { byteCounts[Int(needle[$0])] < byteCounts[Int(needle[$1])] }) else {
            return candidates
        }
        let pivotByte = Int32(needle[pivot])
        // A match of `needle` at `q` holds the shorter query at `q + shift`, so it starts no
        // earlier than `shift` before where the shorter query was first found.
        let shift = needle.withUnsafeBytes { ByteSearch.firstOffset(of: candidates.needle, in: $0) }
        let hints = shift != nil && candidates.offsets.count == candidates.indices.count ? candidates.offsets : []
        var indices: [Int] = []
        var offsets: [Int32] = []
        indices.reserveCapacity(candidates.indices.count)
        offsets.reserveCapacity(candidates.indices.count)
        bytes.withUnsafeBufferPointer { all in
            starts.withUnsafeBufferPointer { starts in
                needle.withUnsafeBufferPointer { pin in
                    guard let base = all.baseAddress, let pinBase = pin.baseAddress else { return }
                    for (number, index) in candidates.indices.enumerated() {
                        let start = starts[index]
                        let earliest = hints.isEmpty ? 0 : max(0, Int(hints[number]) - (shift ?? 0))
                        var from = start + earliest + pivot
                        let last = starts[index + 1] - pin.count + pivot
                        // Typed on, the query mostly still starts where its shorter form did.
                        if !hints.isEmpty, from <= last, memcmp(base + from - pivot, pinBase, pin.count) == 0 {
                            indices.append(index)
                            offsets.append(Int32(from - pivot - start))
                            continue
                        }
                        while from <= last {
                            guard let hit = memchr(base + from, pivotByte, last - from + 1) else { break }
                            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - pivot
                            if memcmp(base + at, pinBase, pin.count) == 0 {
                                indices.append(index)
                                offsets.append(Int32(at - start))
                                break
                            }
                            from = at + pivot + 1
                        }
                    }
                }
            }
        }
        return SearchMatches(needle: needle, indices: indices, offsets: offsets)
    }
}

/// The grams of the index: one scalar (21 bits) or two (42 bits, with a flag above them).
private enum Gram {
    static func one(_ scalar: Unicode.Scalar) -> UInt64 { UInt64(scalar.value) }

    static func two(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> UInt64 {
        1 << 42 | UInt64(first.value) << 21 | UInt64(second.value)
    }
}
