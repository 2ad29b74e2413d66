import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A candidate file found while scanning a library folder, with what invalidates its cache entry.
struct ScannedFile: Sendable, Hashable {
    var path: String
    var size: Int64
    /// Modification time in nanoseconds since 1970.
    var modified: Int64
}

/// Walks library folders recursively with `readdir`: hidden entries skipped, symbolic links
/// followed, each folder visited once (so link loops end), problems reported per path.
enum LibraryScanner {
    /// Files larger than this are reported instead of read.
    static let maximumFileSize: Int64 = 64 * 1024 * 1024

    static func scan(_ root: String, problems: inout [LoadProblem]) -> [ScannedFile] {
        var files: [ScannedFile] = []
        var visited = Set<[UInt64]>()
        var info = stat()
        guard stat(root, &info) == 0 else {
            problems.append(LoadProblem(path: root, message: "cannot open library: \(FileIO.errnoText())"))
            return []
        }
        if info.st_mode & S_IFMT == S_IFREG {
            return [ScannedFile(path: root, size: Int64(info.st_size), modified: nanoseconds(info))]
        }
        var pending = [root]
        visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)])
        while let directory = pending.popLast() {
            guard let handle = opendir(directory) else {
                problems.append(LoadProblem(path: directory, message: "cannot open folder: \(FileIO.errnoText())"))
                continue
            }
            var children: [String] = []
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                }
                if name.hasPrefix(".") { continue }
                children.append(directory.hasSuffix("/") ? directory + name : directory + "/" + name)
            }
            closedir(handle)
            let isUnpackedExport = children.contains { OmnivoreExport.isMetadataName(($0 as NSString).lastPathComponent) }
            for path in children.sorted(by: >) {
                let name = (path as NSString).lastPathComponent
                if isUnpackedExport, name == "content" || name == "highlights" { continue }
                guard stat(path, &info) == 0 else {
                    let reason = errno == ELOOP ? "symbolic link loop, skipped" : "cannot read: \(FileIO.errnoText())"
                    problems.append(LoadProblem(path: path, message: reason))
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    if visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted {
                        pending.append(path)
                    } else {
                        var linkInfo = stat()
                        if lstat(path, &linkInfo) == 0, linkInfo.st_mode & S_IFMT == S_IFLNK {
                            problems.append(LoadProblem(path: path, message: "symbolic link to a folder already scanned (a loop?), skipped"))
                        }
                    }
                case S_IFREG:
                    if Int64(info.st_size) > maximumFileSize {
                        problems.append(LoadProblem(path: path, message: "file is \(info.st_size / 1_048_576) MB, larger than the \(maximumFileSize / 1_048_576) MB a saved article may be"))
                    } else {
                        files.append(ScannedFile(path: path, size: Int64(info.st_size), modified: nanoseconds(info)))
                    }
                default:
                    continue
                }
            }
        }
        return files
    }

    private static func nanoseconds(_ info: stat) -> Int64 {
        Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }
}
