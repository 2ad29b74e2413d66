import Dispatch
import Synchronization
import TextLayout
import TsundokuLibrary

/// The numbered links and images of one article, in order of first appearance.
struct References {
    private(set) var links: [String] = []
    private(set) var images: [String] = []
    /// Each link's number by destination, so numbering 40,000 links stays linear.
    private var numbers = NumberTable()

    /// The link's number, or nil for a link without a destination.
    mutating func link(_ url: String) -> Int? {
        numbered(LinkDestination(cleaning: url))
    }

    private mutating func numbered(_ destination: LinkDestination) -> Int? {
        guard !destination.url.isEmpty else { return nil }
        return numbers.number(of: destination, in: &links)
    }

    /// How many entries the list of links and images has: the links, and the images with a
    /// destination.
    var entries: Int {
        links.count + images.count { !$0.isEmpty }
    }

    mutating func image(_ url: String) -> Int {
        images.append(Sanitizer.cleanLine(url))
        return images.count
    }

    /// Numbers the links and images of `blocks` as laying them out would, without laying them
    /// out (the blocks above the end of a long article laid out alone). The destinations are
    /// gathered, cleaned and hashed on every core, then numbered in order.
    mutating func number(_ blocks: ArraySlice<Block>) {
        let parts = min(8, max(1, blocks.count / 256))
        let gathered = Mutex<[LinkDestinations]>(Array(repeating: LinkDestinations(), count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let start = blocks.startIndex + blocks.count * part / parts
            let end = blocks.startIndex + blocks.count * (part + 1) / parts
            let destinations = LinkDestinations(of: blocks[start..<end])
            gathered.withLock { $0[part] = destinations }
        }
        number(gathered.withLock { $0 })
    }

    /// Numbers destinations gathered before, in order (repeats included).
    mutating func number(_ gathered: [LinkDestinations]) {
        let needed = links.count + gathered.reduce(0) { $0 + $1.links.count }
        if links.capacity < needed {
            // Room for links numbered next as well (a long article's end, after the 40,000 above
            // it): growing again would copy every address numbered, a retain each.
            let room = needed + needed / 16 + 1_024
            numbers.reserve(room)
            links.reserveCapacity(room)
        }
        for destinations in gathered {
            for destination in destinations.links { _ = numbered(destination) }
            images += destinations.images
        }
    }
}

/// The number of each destination numbered so far: an open-addressed table of numbers, probed
/// by the hash each destination came with and kept at most half full, so a lookup touches a
/// slot or two of a compact array and compares text only when the hashes agree.
private struct NumberTable {
    /// A number (1 for `links[0]`), or 0 for an empty slot; the count is a power of two.
    private var slots: [Int32] = []
    /// The hash of each numbered destination, in number order.
    private var hashes: [Int] = []

    /// Makes room for `count` destinations in all.
    mutating func reserve(_ count: Int) {
        hashes.reserveCapacity(count)
        keepHalfEmpty(count)
    }

    private mutating func keepHalfEmpty(_ count: Int) {
        if count * 2 > slots.count { rebuild(slotCount: max(64, (count * 2).nextPowerOfTwo)) }
    }

    /// The destination's number; a new one is appended to `links`, which holds the numbered
    /// destinations in order.
    mutating func number(of destination: LinkDestination, in links: inout [String]) -> Int {
        keepHalfEmpty(hashes.count + 1)
        let mask = slots.count - 1
        var index = destination.hash & mask
        while slots[index] != 0 {
            let number = Int(slots[index])
            if hashes[number - 1] == destination.hash, links[number - 1] == destination.url { return number }
            index = (index + 1) & mask
        }
        links.append(destination.url)
        hashes.append(destination.hash)
        slots[index] = Int32(links.count)
        return links.count
    }

    private mutating func rebuild(slotCount: Int) {
        slots = Array(repeating: 0, count: slotCount)
        let mask = slotCount - 1
        for (offset, hash) in hashes.enumerated() {
            var index = hash & mask
            while slots[index] != 0 { index = (index + 1) & mask }
            slots[index] = Int32(offset + 1)
        }
    }
}

private extension Int {
    /// The least power of two at least this (for a positive value).
    var nextPowerOfTwo: Int { 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}
