/// Which items a list shows.
public enum ItemFilter: String, Sendable, CaseIterable {
    case all, unread, starred
}

/// One tag of a library with how many items carry it and how many of those are unread.
public struct TagCount: Sendable, Equatable {
    public var tag: String
    public var unread: Int
    public var total: Int
}

/// The orders a list can be read in; the raw values are what `list --sort` takes. A digest's
/// news items always follow it, in their own order.
public enum ItemOrder: String, Sendable, CaseIterable, Codable {
    /// Newest saved first (the default).
    case newest
    /// Oldest saved first.
    case oldest
    /// Newest published first (items without a publication date by their saved date).
    case published
    /// By source (site, else author), then newest saved.
    case source
    /// Unread before read, each newest saved first.
    case unread
}

/// A library's items in reading order (newest first, each digest followed by its news items)
/// together with their marks. A digest counts as read when all its items are.
public struct MarkedLibrary: Sendable, Equatable {
    public let items: [Item]
    public var marks: Marks
    private let lookup: ItemLookup
    private var byID: [String: Int] { lookup.byID }

    /// `items` in any order (the library's loader hands them over in reading order already, and
    /// then they are kept as they are, not copied). `lookup`, when given, was made for exactly
    /// these items in this order (the loader makes it on its own thread, off the UI loop).
    public init(items: [Item], marks: Marks, lookup: ItemLookup? = nil) {
        if let lookup, lookup.byID.count == items.count {
            self.items = items
            self.lookup = lookup
        } else {
            let ordered = Self.isInReadingOrder(items) ? items : Self.readingOrder(items).map { items[$0] }
            self.items = ordered
            self.lookup = ItemLookup(ordered)
        }
        self.marks = marks
    }

    /// Indices of `items` in reading order: newest saved first (then by title and id), each
    /// digest followed by its news items in their order; items whose digest is missing are left out.
    /// With `among`, only those items are put in order (the others are left out too).
    public static func readingOrder(_ items: [Item], among: [Int]? = nil) -> [Int] {
        // The keys are read into arrays first, field by field: an `Item` copied for each
        // comparison costs a retain and a release of each of its strings and arrays.
        var saved = [Double](repeating: 0, count: items.count)
        var ids = [String](repeating: "", count: items.count)
        var childIndices: [String: [Int]] = [:]
        var topLevel: [Int] = []
        for index in among ?? Array(items.indices) {
            saved[index] = items[index].saved.timeIntervalSince1970
            ids[index] = items[index].id
            if let parent = items[index].parent { childIndices[parent, default: []].append(index) } else { topLevel.append(index) }
        }
        // Ties by title, then id, in code point order (their UTF-8 bytes): `String`'s own `<`
        // compares by canonical equivalence, slow for every non-ASCII title.
        items.withUnsafeBufferPointer { items in
            topLevel.sort { left, right in
                if saved[left] != saved[right] { return saved[left] > saved[right] }
                let byTitle = items[left].titleOrder(against: items[right])
                return byTitle != 0 ? byTitle < 0 : codePointOrder(ids[left], ids[right]) < 0
            }
        }
        var order: [Int] = []
        order.reserveCapacity(items.count)
        for index in topLevel {
            order.append(index)
            guard let children = childIndices[ids[index]] else { continue }
            order += children.sorted { (items[$0].position ?? 0) < (items[$1].position ?? 0) }
        }
        return order
    }

    /// -1, 0 or 1 as `left` comes before, with or after `right` by code points.
    private static func codePointOrder(_ left: String, _ right: String) -> Int {
        var leftBytes = left.utf8.makeIterator(), rightBytes = right.utf8.makeIterator()
        while true {
            switch (leftBytes.next(), rightBytes.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (leftByte?, rightByte?): if leftByte != rightByte { return leftByte < rightByte ? -1 : 1 }
            }
        }
    }

    /// Whether `items` already stand in reading order, checked in one pass.
    /// With `at`, whether those items, in that order, do.
    static func isInReadingOrder(_ items: [Item], at indices: [Int]? = nil) -> Bool {
        // Fields read where the items lie: `items[index].field` of the array copied whole items.
        items.withUnsafeBufferPointer { isInReadingOrder($0, at: indices ?? Array($0.indices)) }
    }

    private static func isInReadingOrder(_ items: UnsafeBufferPointer<Item>, at indices: [Int]) -> Bool {
        var previousTop: Int?
        var position = Int.min
        for index in indices {
            if items[index].hasParent {
                guard let top = previousTop, items[index].hasParent(items[top].id), (items[index].position ?? 0) >= position else { return false }
                position = items[index].position ?? 0
                continue
            }
            if let top = previousTop {
                if items[top].saved < items[index].saved { return false }
                if items[top].saved == items[index].saved {
                    let byTitle = items[top].titleOrder(against: items[index])
                    if byTitle > 0 || (byTitle == 0 && codePointOrder(items[top].id, items[index].id) >= 0) { return false }
                }
            }
            previousTop = index
            position = Int.min
        }
        return true
    }

    public func item(_ id: String) -> Item? { byID[id].map { items[$0] } }

    /// The position of an item in `items`.
    public func index(of id: String) -> Int? { byID[id] }

    public func isRead(_ item: Item) -> Bool {
        if item.kind == .digest, let index = byID[item.id] { return isRead(at: index) }
        return marks.isRead(item.id)
    }

    /// Whether `items[index]` is read, looked at where it lies (no copy of the item).
    public func isRead(at index: Int) -> Bool {
        if items[index].kind == .digest {
            let children = childPlaces(of: index)
            if !children.isEmpty { return children.allSatisfy { marks.isRead(items[$0].id) } }
        }
        return marks.isRead(items[index].id)
    }

    /// Where the news items of the item at `index` stand: right after it, in reading order
    /// (a digest's items always follow it), so no table of them is kept. A news item has none.
    private func childPlaces(of index: Int) -> Range<Int> {
        guard !items[index].hasParent else { return index + 1..<index + 1 }
        var end = index + 1
        while end < items.count, items[end].hasParent { end += 1 }
        return index + 1..<end
    }

    public func isStarred(at index: Int) -> Bool { marks.isStarred(items[index].id) }

    public func isStarred(_ item: Item) -> Bool { marks.isStarred(item.id) }

    /// The ids a read mark on `id` applies to: a digest's own id and all its items.
    public func idsForReadMark(_ id: String) -> [String] {
        [id] + (byID[id].map { childPlaces(of: $0).map { items[$0].id } } ?? [])
    }

    /// The items a list shows: those `filter` and `tag` let through, in `order`.
    public func listed(_ filter: ItemFilter, tag: String? = nil, order: ItemOrder = .newest) -> [Item] {
        indices(in: order).lazy.map { items[$0] }.filter { item in
            switch filter {
            case .all: break
            case .unread: if isRead(item) { return false }
            case .starred: if !isStarred(item) { return false }
            }
            return tag.map(item.tags.contains) ?? true
        }
    }

    /// Indices into `items` in `order`: each top-level item by the order's key (newest saved
    /// breaking ties, as `items` already stands), each digest followed by its news items.
    public func indices(in order: ItemOrder) -> [Int] {
        guard order != .newest else { return Array(items.indices) }
        var topLevel: [Int] = []
        var childrenOf: [Int: [Int]] = [:]
        var current = -1
        for (index, item) in items.enumerated() {
            if !item.hasParent {
                topLevel.append(index)
                current = index
            } else {
                childrenOf[current, default: []].append(index)
            }
        }
        switch order {
        case .newest: break
        case .oldest: topLevel.reverse()
        case .published:
            let keys = topLevel.map { items[$0].published ?? items[$0].saved }
            topLevel = zip(keys, topLevel).enumerated().sorted { a, b in
                a.element.0 != b.element.0 ? a.element.0 > b.element.0 : a.offset < b.offset
            }.map(\.element.1)
        case .source:
            let keys = topLevel.map { (items[$0].site ?? items[$0].author ?? "").lowercased() }
            topLevel = zip(keys, topLevel).enumerated().sorted { a, b in
                let left = a.element.0, right = b.element.0
                if left.isEmpty != right.isEmpty { return right.isEmpty }
                return left != right ? left < right : a.offset < b.offset
            }.map(\.element.1)
        case .unread:
            let read = topLevel.filter { isRead(items[$0]) }
            topLevel = topLevel.filter { !isRead(items[$0]) } + read
        }
        return topLevel.flatMap { [$0] + (childrenOf[$0] ?? []) }
    }

    /// Every tag with how many items carry it and how many of those are unread, by name.
    public func tagCounts() -> [TagCount] {
        var counts: [String: (unread: Int, total: Int)] = [:]
        for item in items where item.kind != .digestItem {
            let read = isRead(item)
            for tag in Set(item.tags) {
                counts[tag, default: (0, 0)].total += 1
                if !read { counts[tag, default: (0, 0)].unread += 1 }
            }
        }
        return counts.map { TagCount(tag: $0.key, unread: $0.value.unread, total: $0.value.total) }.sorted { $0.tag < $1.tag }
    }
}

/// Where each item of a library in reading order stands, by id: what `MarkedLibrary` looks
/// items up in.
public struct ItemLookup: Sendable, Equatable {
    let byID: [String: Int]

    public init(_ items: [Item]) {
        var byID: [String: Int] = [:]
        byID.reserveCapacity(items.count)
        for offset in items.indices { byID[items[offset].id] = offset }
        self.init(byID: byID)
    }

    /// The lookup whose ids `byID` already places (the loader's, made while it dropped
    /// duplicate ids).
    init(byID: [String: Int]) {
        self.byID = byID
    }
}
