import Foundation

/// What the reader remembers of how it was last used, beside the state file's marks: the order
/// of the list. One line, `sort: <order>`, in `$XDG_STATE_HOME/tsundoku/view`, replaced whole.
public enum ViewSettings {
    public static var path: String { FileIO.directory(of: Paths.defaultStateFile) + "/view" }

    /// The remembered order; the default when there is none or the file says something else.
    public static func order(at path: String = path) -> ItemOrder {
        guard let bytes = try? FileIO.readIfPresent(path) else { return .newest }
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("sort:") {
            return ItemOrder(rawValue: line.dropFirst(5).trimmingCharacters(in: .whitespaces)) ?? .newest
        }
        return .newest
    }

    public static func save(_ order: ItemOrder, at path: String = path) throws {
        try FileIO.createDirectories(FileIO.directory(of: path))
        try FileIO.replace(path, with: Array("sort: \(order.rawValue)\n".utf8))
    }
}
