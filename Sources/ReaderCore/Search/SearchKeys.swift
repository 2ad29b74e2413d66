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
    private let starts: [UInt32]
    /// How often each byte value occurs in the keys: a match is looked for by its rarest byte.
    private let byteCounts: [Int]
    /// The grams (one character, or two in a row) in ascending order, and where the items
    /// holding each are listed in `postings`.
    private let grams: [UInt64]
    private let lists: [GramList]
    /// The lists, each item written as its distance from the one before (LEB128).
    private let postings: [UInt8]

    /// Where the items of one gram are listed. A gram more than half the items hold (a
    /// source's name, a word every title of a digest repeats) lists the items that do not hold
    /// it instead, so no list is longer than half the library.
    private struct GramList: Equatable {
        var offset: UInt32
        /// How many items hold the gram.
        var holding: UInt32
        var listsMissing: Bool
    }

    public static func build(_ items: [Item]) -> SearchKeys {
        // Two passes over the keys: the first counts each gram's items and the bytes its list
        // takes, the second writes the lists where they go. Nothing is allocated per gram.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(items.reduce(0) { $0 + $1.title.utf8.count + ($1.site?.utf8.count ?? 0) + ($1.author?.utf8.count ?? 0) + 2 })
        var starts: [UInt32] = [0]
        starts.reserveCapacity(items.count + 1)
        for item in items {
            bytes.append(contentsOf: (item.title + " " + (item.site ?? "") + " " + (item.author ?? "")).lowercased().utf8)
            starts.append(UInt32(bytes.count))
        }
        var slots: [UInt64: Int32] = [:]
        var gramOfSlot: [UInt64] = []
        var holding: [UInt32] = []
        var listBytes: [Int] = []
        var last: [Int32] = []
        var scratch: [UInt64] = []
        for index in items.indices {
            forEachGram(of: index, bytes: bytes, starts: starts, scratch: &scratch) { gram in
                let slot: Int
                if let known = slots[gram] {
                    slot = Int(known)
                } else {
                    slot = gramOfSlot.count
                    slots[gram] = Int32(slot)
                    gramOfSlot.append(gram)
                    holding.append(0)
                    listBytes.append(0)
                    last.append(-1)
                }
                holding[slot] += 1
                listBytes[slot] += LEB128.length(UInt64(index - Int(last[slot])))
                last[slot] = Int32(index)
            }
        }
        // Lists of the items holding a gram are written in place; lists of the items missing a
        // gram most hold are gathered apart, then put after them.
        let missing = holding.indices.filter { Int(holding[$0]) * 2 > items.count }
        var denseNumber = [Int32](repeating: -1, count: holding.count)
        for (number, slot) in missing.enumerated() { denseNumber[slot] = Int32(number) }
        var offsets = [Int](repeating: 0, count: holding.count)
        var total = 0
        for slot in holding.indices where denseNumber[slot] < 0 {
            offsets[slot] = total
            total += listBytes[slot]
        }
        var postings = [UInt8](repeating: 0, count: total)
        var missingLists = [[UInt8]](repeating: [], count: missing.count)
        var missingLast = [Int](repeating: -1, count: missing.count)
        var held = [Bool](repeating: false, count: missing.count)
        last = [Int32](repeating: -1, count: holding.count)
        var cursor = offsets
        postings.withUnsafeMutableBufferPointer { out in
            for index in items.indices {
                forEachGram(of: index, bytes: bytes, starts: starts, scratch: &scratch) { gram in
                    let slot = Int(slots[gram]!)
                    if denseNumber[slot] >= 0 {
                        held[Int(denseNumber[slot])] = true
                        return
                    }
                    cursor[slot] = LEB128.write(UInt64(index - Int(last[slot])), to: out, at: cursor[slot])
                    last[slot] = Int32(index)
                }
                for number in missing.indices {
                    if held[number] {
                        held[number] = false
                    } else {
                        LEB128.append(UInt64(index - missingLast[number]), to: &missingLists[number])
                        missingLast[number] = index
                    }
                }
            }
        }
        for (number, slot) in missing.enumerated() {
            offsets[slot] = postings.count
            postings += missingLists[number]
            missingLists[number] = []
        }
        precondition(postings.count <= Int(UInt32.max), "a title index over 4 GB")
        let order = gramOfSlot.indices.sorted { gramOfSlot[$0] < gramOfSlot[$1] }
        var byteCounts = [Int](repeating: 0, count: 256)
        for byte in bytes { byteCounts[Int(byte)] += 1 }
        return SearchKeys(ids: items.map(\.id), bytes: bytes, starts: starts, byteCounts: byteCounts,
                          grams: order.map { gramOfSlot[$0] },
                          lists: order.map { GramList(offset: UInt32(offsets[$0]), holding: holding[$0], listsMissing: denseNumber[$0] >= 0) },
                          postings: postings)
    }

    /// Calls `body` with each distinct gram of key `index`, ascending (`scratch` is reused).
    private static func forEachGram(of index: Int, bytes: [UInt8], starts: [UInt32], scratch: inout [UInt64],
                                    _ body: (UInt64) -> Void) {
        scratch.removeAll(keepingCapacity: true)
        var previous: Unicode.Scalar?
        var decoder = UTF8()
        var iterator = bytes[Int(starts[index])..<Int(starts[index + 1])].makeIterator()
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            scratch.append(Gram.one(scalar))
            if let previous { scratch.append(Gram.two(previous, scalar)) }
            previous = scalar
        }
        scratch.sort()
        var seen: UInt64?
        for gram in scratch where gram != seen {
            seen = gram
            body(gram)
        }
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
        lists.sort { self.lists[$0].holding < self.lists[$1].holding }
        if let among, among.indices.count <= Int(self.lists[lists[0]].holding) {
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
        result.reserveCapacity(Int(lists[gram].holding))
        forEachListed(gram) { result.append($0) }
        return result
    }

    /// Calls `body` with each item holding gram number `gram`, ascending.
    private func forEachListed(_ gram: Int, _ body: (Int) -> Void) {
        let list = lists[gram]
        var reader = LEB128.Reader(postings, from: Int(list.offset))
        guard list.listsMissing else {
            var item = -1
            for _ in 0..<list.holding {
                item += reader.next()
                body(item)
            }
            return
        }
        var missing = -1
        for _ in 0..<(ids.count - Int(list.holding)) {
            let next = missing + reader.next()
            for item in (missing + 1)..<next { body(item) }
            missing = next
        }
        for item in (missing + 1)..<ids.count { body(item) }
    }

    /// The items of `left` (ascending) that also hold gram number `gram`.
    private func intersect(_ left: [Int], _ gram: Int) -> [Int] {
        let list = lists[gram]
        var result: [Int] = []
        var reader = LEB128.Reader(postings, from: Int(list.offset))
        var remaining = list.listsMissing ? ids.count - Int(list.holding) : Int(list.holding)
        var item = -1
        for value in left {
            while item < value, remaining > 0 {
                item += reader.next()
                remaining -= 1
            }
            // A missing-list names the items that lack the gram: kept are those it does not name.
            if (item == value) != list.listsMissing { result.append(value) }
            if item < value, !list.listsMissing { break }
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
                        let start = Int(starts[index])
                        let earliest = hints.isEmpty ? 0 : max(0, Int(hints[number]) - (shift ?? 0))
                        var from = start + earliest + pivot
                        let last = Int(starts[index + 1]) - pin.count + pivot
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
