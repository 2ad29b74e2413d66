import Foundation
import ZIPFoundation

/// The fixture libraries of `Tests/Fixtures/libraries`, copied into a test's home: Omnivore
/// Markdown, other Markdown, plain text and a digest; an unpacked Omnivore export and the same
/// export zipped; JSON Lines; and `../shared/seeds` when it is there.
enum FixtureLibraries {
    static var source: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/libraries").path
    }

    static var seeds: String? {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let seeds = url.deletingLastPathComponent().appendingPathComponent("shared/seeds").path
        return FileManager.default.fileExists(atPath: seeds) ? seeds : nil
    }

    /// Every fixture library, by name, copied under `home/libraries`.
    static func install(in home: String) throws -> [(name: String, path: String)] {
        let target = home + "/libraries"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        var libraries: [(String, String)] = []
        for name in ["markdown", "export", "jsonl"] {
            try FileManager.default.copyItem(atPath: source + "/" + name, toPath: target + "/" + name)
            libraries.append((name, target + "/" + name))
        }
        try zipFolder(target + "/export", to: target + "/zip/omnivore-export.zip")
        libraries.append(("zip", target + "/zip"))
        if let seeds {
            try FileManager.default.copyItem(atPath: seeds, toPath: target + "/seeds")
            libraries.append(("seeds", target + "/seeds"))
        }
        return libraries
    }

    /// Zips a folder's files the way Omnivore's export does (paths relative to the folder).
    static func zipFolder(_ folder: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let members = try FileManager.default.subpathsOfDirectory(atPath: folder).sorted()
        for member in members {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + member, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + member))
            try archive.addEntry(with: member, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }
}
