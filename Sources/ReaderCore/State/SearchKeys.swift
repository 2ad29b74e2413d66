import TsundokuLibrary

/// What search matches titles against: the lower-cased title, site and author of every item of
/// a library, as UTF-8, in the library's order. Built off the UI loop (`Effect.buildSearchKeys`).
public struct SearchKeys: Sendable, Equatable {
    /// The ids of the items the keys belong to, to tell keys of an older library apart.
    public let ids: [String]
    let keys: [[UInt8]]

    public static func build(_ items: [Item]) -> SearchKeys {
        SearchKeys(ids: items.map(\.id),
                   keys: items.map { Array(($0.title + " " + ($0.site ?? "") + " " + ($0.author ?? "")).lowercased().utf8) })
    }
}
