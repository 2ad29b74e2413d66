/// Which items a list shows.
public enum ItemFilter: String, Sendable, CaseIterable {
    case all, unread, starred
}

/// A library's items in reading order (newest first, each digest followed by its news items)
/// together with their marks. A digest counts as read when all its items are.
public struct MarkedLibrary: Sendable, Equatable {
    public let items: [Item]
    public var marks: Marks
    private let children: [String: [String]]
    private let byID: [String: Int]

    public init(items: [Item], marks: Marks) {
        var childIndices: [String: [Int]] = [:]
        var topLevel: [Int] = []
        for (offset, item) in items.enumerated() {
            if let parent = item.parent { childIndices[parent, default: []].append(offset) } else { topLevel.append(offset) }
        }
        topLevel.sort { left, right in
            let a = items[left], b = items[right]
            return a.saved != b.saved ? a.saved > b.saved : (a.title, a.id) < (b.title, b.id)
        }
        var order: [Int] = []
        order.reserveCapacity(items.count)
        for index in topLevel {
            order.append(index)
            order += (childIndices[items[index].id] ?? []).sorted { (items[$0].position ?? 0) < (items[$1].position ?? 0) }
        }
        let ordered = order.map { items[$0] }
        self.items = ordered
        self.marks = marks
        self.children = childIndices.mapValues { $0.map { items[$0].id } }
        var byID: [String: Int] = [:]
        byID.reserveCapacity(ordered.count)
        for (offset, item) in ordered.enumerated() { byID[item.id] = offset }
        self.byID = byID
    }

    public func item(_ id: String) -> Item? { byID[id].map { items[$0] } }

    /// The position of an item in `items`.
    public func index(of id: String) -> Int? { byID[id] }

    public func isRead(_ item: Item) -> Bool {
        if item.kind == .digest, let ids = children[item.id], !ids.isEmpty { return ids.allSatisfy(marks.isRead) }
        return marks.isRead(item.id)
    }

    public func isStarred(_ item: Item) -> Bool { marks.isStarred(item.id) }

    /// The ids a read mark on `id` applies to: a digest's own id and all its items.
    public func idsForReadMark(_ id: String) -> [String] { [id] + (children[id] ?? []) }

    public func filtered(_ filter: ItemFilter) -> [Item] {
        switch filter {
        case .all: return items
        case .unread: return items.filter { !isRead($0) }
        case .starred: return items.filter(isStarred)
        }
    }
}
