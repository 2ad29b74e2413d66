import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A library folder (or a library that is one file) and its modification time when it was
/// scanned. A folder's time changes when an entry is added, removed or renamed in it, so checking
/// the folders of the last scan, one `stat` each, says whether files arrived, at no other cost.
public struct FolderStamp: Sendable, Hashable {
    public var path: String
    public var modified: Int64

    public init(path: String, modified: Int64) {
        self.path = path
        self.modified = modified
    }

    /// Whether any of the folders changed (or is gone) since it was stamped.
    public static func anyChanged(_ stamps: [FolderStamp]) -> Bool {
        var info = stat()
        return stamps.contains { stamp in
            stat(stamp.path, &info) != 0 || LibraryScanner.nanoseconds(info.st_mtim) != stamp.modified
        }
    }
}
