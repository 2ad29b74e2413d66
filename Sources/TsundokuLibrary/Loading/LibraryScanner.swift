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
/// Folders are walked in order on one thread; the files they list are looked at (a `stat`
/// each) on every core afterwards, folder by folder.
enum LibraryScanner {
    /// Files larger than this are reported instead of read (export zips excepted).
    static let maximumFileSize: Int64 = 64 * 1024 * 1024

    /// A file a folder lists, looked at already (reached through a link, or on a file system
    /// that does not say what an entry is) or not yet: then its `name` in `folders[folder]`.
    private struct Listed: Sendable {
        var path: String
        var name: String
        var folder: Int
        var looked: Looked?
    }

    /// What looking at a listed file found.
    private enum Looked: Sendable {
        case file(ScannedFile)
        case problem(LoadProblem)
        case skipped
    }

    /// `folders` gets each folder scanned (and a root that is a file) with its modification time,
    /// taken before its entries are read, so a file added during the scan is still seen as new.
    static func scan(_ root: String, skipping ownFiles: OwnFiles = OwnFiles([]), problems: inout [LoadProblem],
                     folders: inout [FolderStamp]) -> [ScannedFile] {
        var info = stat()
        guard stat(root, &info) == 0 else {
            problems.append(LoadProblem(path: root, message: "cannot open library: \(FileIO.errnoText())"))
            return []
        }
        if info.st_mode & S_IFMT == S_IFREG {
            folders.append(FolderStamp(path: root, modified: nanoseconds(info.st_mtim)))
            return [scanned(root, info)]
        }
        var listed: [Listed] = []
        var listedFolders: [String] = []
        var visited = Set<[UInt64]>()
        var pending = [root]
        visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)])
        while let directory = pending.popLast() {
            if stat(directory, &info) == 0 { folders.append(FolderStamp(path: directory, modified: nanoseconds(info.st_mtim))) }
            guard let handle = opendir(directory) else {
                problems.append(LoadProblem(path: directory, message: "cannot open folder: \(FileIO.errnoText())"))
                continue
            }
            var names: [(name: String, type: UInt8)] = []
            while let entry = readdir(handle) {
                // The name and type are read where they lie: a `dirent` is only `d_reclen` bytes
                // long, so copying the whole struct (`entry.pointee`) reads past the last entry
                // of the buffer, which crashed the reader on folders of many files.
                let name = String(cString: (UnsafeRawPointer(entry) + Self.nameOffset).assumingMemoryBound(to: CChar.self))
                if name.hasPrefix(".") { continue }
                names.append((name, (UnsafeRawPointer(entry) + Self.typeOffset).load(as: UInt8.self)))
            }
            // Entries are looked at relative to the open folder: the kernel walks one name,
            // not the whole path, for each of 100,000 files.
            let folder = dirfd(handle)
            defer { closedir(handle) }
            let isUnpackedExport = names.contains { OmnivoreExport.isMetadataName($0.name) }
            let ownNames = stat(directory, &info) == 0 ? ownFiles.names(inFolder: info) : []
            let prefix = directory.hasSuffix("/") ? directory : directory + "/"
            let folderNumber = listedFolders.count
            listedFolders.append(directory)
            for (name, type) in names.sorted(by: { $0.name > $1.name }) {
                let path = prefix + name
                if isUnpackedExport, name == "content" || name == "highlights" { continue }
                if ownNames.contains(where: { name == $0 || name.hasPrefix($0 + ".") }) { continue }
                if type == UInt8(DT_REG) {
                    listed.append(Listed(path: path, name: name, folder: folderNumber))
                    continue
                }
                guard fstatat(folder, name, &info, 0) == 0 else {
                    let reason = errno == ELOOP ? "symbolic link loop, skipped" : "cannot read: \(FileIO.errnoText())"
                    problems.append(LoadProblem(path: path, message: reason))
                    continue
                }
                if info.st_mode & S_IFMT == S_IFDIR {
                    if visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted {
                        pending.append(path)
                    } else {
                        var linkInfo = stat()
                        if lstat(path, &linkInfo) == 0, linkInfo.st_mode & S_IFMT == S_IFLNK {
                            problems.append(LoadProblem(path: path, message: "symbolic link to a folder already scanned (a loop?), skipped"))
                        }
                    }
                } else {
                    listed.append(Listed(path: path, name: name, folder: folderNumber, looked: look(at: path, info)))
                }
            }
        }
        return files(looking: listed, in: listedFolders, problems: &problems)
    }

    /// The listed files as they are now, in the order listed: each looked at on one of every
    /// core, relative to its folder (opened once per part of the list that holds its files).
    private static func files(looking listed: [Listed], in folders: [String], problems: inout [LoadProblem]) -> [ScannedFile] {
        let looked = [Looked].filledInParallel(count: listed.count, parts: parallelParts(for: listed.count, least: 2_048)) { range, slots in
            var openFolder = (number: -1, descriptor: Int32(-1))
            defer { if openFolder.descriptor >= 0 { close(openFolder.descriptor) } }
            var info = stat()
            for position in range {
                let file = listed[position]
                if let looked = file.looked {
                    (slots + position).initialize(to: looked)
                    continue
                }
                if openFolder.number != file.folder {
                    if openFolder.descriptor >= 0 { close(openFolder.descriptor) }
                    openFolder = (file.folder, open(folders[file.folder], O_RDONLY | O_DIRECTORY | O_CLOEXEC))
                }
                guard openFolder.descriptor >= 0, fstatat(openFolder.descriptor, file.name, &info, 0) == 0 else {
                    (slots + position).initialize(to: .problem(LoadProblem(path: file.path, message: "cannot read: \(FileIO.errnoText())")))
                    continue
                }
                (slots + position).initialize(to: look(at: file.path, info))
            }
        }
        var files: [ScannedFile] = []
        files.reserveCapacity(looked.count)
        for found in looked {
            switch found {
            case .file(let file): files.append(file)
            case .problem(let problem): problems.append(problem)
            case .skipped: continue
            }
        }
        return files
    }

    /// What a file at `path` with `info` is to the library: a file to read (an Omnivore export
    /// zip is read in place, member by member, so it may be larger than an article), one too
    /// large, or nothing (a device, a pipe, a folder that replaced a file).
    private static func look(at path: String, _ info: stat) -> Looked {
        guard info.st_mode & S_IFMT == S_IFREG else { return .skipped }
        if Int64(info.st_size) > maximumFileSize, !OmnivoreExport.looksLikeZip(FileIO.prefix(path, 4)) {
            return .problem(LoadProblem(path: path, message: "file is \(info.st_size / 1_048_576) MB, larger than the \(maximumFileSize / 1_048_576) MB a saved article may be"))
        }
        return .file(scanned(path, info))
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
    private static let typeOffset = MemoryLayout<dirent>.offset(of: \dirent.d_type)!

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
