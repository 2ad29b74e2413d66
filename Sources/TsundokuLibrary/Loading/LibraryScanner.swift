import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A candidate file found while scanning a library folder, with what invalidates its cache entry:
/// a file edited, replaced (a new inode, or a new change time even when a copy kept the old
/// modification time) or resized is parsed again.
struct ScannedFile: Sendable, Hashable {
    var path: String
    var size: Int64
    /// Modification time in nanoseconds since 1970.
    var modified: Int64
    /// Status change time in nanoseconds since 1970.
    var changed: Int64 = 0
    var inode: UInt64 = 0
}

/// Walks library folders recursively with `readdir`: hidden entries skipped, symbolic links
/// followed, each folder visited once (so link loops end), problems reported per path.
enum LibraryScanner {
    /// Files larger than this are reported instead of read (export zips excepted).
    static let maximumFileSize: Int64 = 64 * 1024 * 1024

    /// `folders` gets each folder scanned (and a root that is a file) with its modification time,
    /// taken before its entries are read, so a file added during the scan is still seen as new.
    static func scan(_ root: String, skipping ownFiles: OwnFiles = OwnFiles([]), problems: inout [LoadProblem],
                     folders: inout [FolderStamp]) -> [ScannedFile] {
        var files: [ScannedFile] = []
        var visited = Set<[UInt64]>()
        var info = stat()
        guard stat(root, &info) == 0 else {
            problems.append(LoadProblem(path: root, message: "cannot open library: \(FileIO.errnoText())"))
            return []
        }
        if info.st_mode & S_IFMT == S_IFREG {
            folders.append(FolderStamp(path: root, modified: nanoseconds(info.st_mtim)))
            return [scanned(root, info)]
        }
        var pending = [root]
        visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)])
        while let directory = pending.popLast() {
            if stat(directory, &info) == 0 { folders.append(FolderStamp(path: directory, modified: nanoseconds(info.st_mtim))) }
            guard let handle = opendir(directory) else {
                problems.append(LoadProblem(path: directory, message: "cannot open folder: \(FileIO.errnoText())"))
                continue
            }
            var names: [String] = []
            while let entry = readdir(handle) {
                // The name is read where it lies: a `dirent` is only `d_reclen` bytes long, so
                // copying the whole struct (`entry.pointee`) reads past the last entry of the
                // buffer, which crashed the reader on folders of many files.
                let name = String(cString: (UnsafeRawPointer(entry) + Self.nameOffset).assumingMemoryBound(to: CChar.self))
                if name.hasPrefix(".") { continue }
                names.append(name)
            }
            // Entries are looked at relative to the open folder: the kernel walks one name,
            // not the whole path, for each of 100,000 files.
            let folder = dirfd(handle)
            defer { closedir(handle) }
            let isUnpackedExport = names.contains(where: OmnivoreExport.isMetadataName)
            let ownNames = stat(directory, &info) == 0 ? ownFiles.names(inFolder: info) : []
            let prefix = directory.hasSuffix("/") ? directory : directory + "/"
            for name in names.sorted(by: >) {
                let path = prefix + name
                if isUnpackedExport, name == "content" || name == "highlights" { continue }
                if ownNames.contains(where: { name == $0 || name.hasPrefix($0 + ".") }) { continue }
                guard fstatat(folder, name, &info, 0) == 0 else {
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
                    // An Omnivore export zip is read in place, member by member: it may be larger.
                    if Int64(info.st_size) > maximumFileSize, !OmnivoreExport.looksLikeZip(FileIO.prefix(path, 4)) {
                        problems.append(LoadProblem(path: path, message: "file is \(info.st_size / 1_048_576) MB, larger than the \(maximumFileSize / 1_048_576) MB a saved article may be"))
                    } else {
                        files.append(scanned(path, info))
                    }
                default:
                    continue
                }
            }
        }
        return files
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    /// What the metadata cache compares of the file at `path` now, or nil when it cannot be
    /// looked at.
    static func identity(of path: String) -> ScannedFile? {
        var info = stat()
        return stat(path, &info) == 0 ? scanned(path, info) : nil
    }

    private static func scanned(_ path: String, _ info: stat) -> ScannedFile {
        ScannedFile(path: path, size: Int64(info.st_size), modified: nanoseconds(info.st_mtim),
                    changed: nanoseconds(info.st_ctim), inode: UInt64(info.st_ino))
    }

    static func nanoseconds(_ time: timespec) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}


/// tsundoku's own files (the state file, its lock, its set-aside lines, the metadata cache and
/// their temporary files), recognised by their folder's device and inode and their names, so
/// they are never read as articles when they sit in a library folder, however the folder is named.
struct OwnFiles: Sendable {
    private var folders: [[UInt64]: [String]] = [:]

    init(_ paths: [String]) {
        var info = stat()
        for path in paths where stat(FileIO.directory(of: path), &info) == 0 {
            let name = String(path.split(separator: "/").last ?? "")
            folders[[UInt64(info.st_dev), UInt64(info.st_ino)], default: []].append(name)
        }
    }

    /// The names reserved in the folder `info` describes; each also covers `name.*`.
    func names(inFolder info: stat) -> [String] {
        folders.isEmpty ? [] : folders[[UInt64(info.st_dev), UInt64(info.st_ino)]] ?? []
    }
}
