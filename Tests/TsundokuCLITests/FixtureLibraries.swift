import Foundation

/// The fixture libraries of `Tests/Fixtures/libraries`, copied into a test's home: Omnivore
/// Markdown, other Markdown, plain text and a digest; an unpacked Omnivore export and the same
/// export zipped (`zip/`, made from `export/`); JSON Lines; and `../shared/seeds` when it is there.
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
        for name in ["markdown", "export", "zip", "jsonl"] {
            try FileManager.default.copyItem(atPath: source + "/" + name, toPath: target + "/" + name)
            libraries.append((name, target + "/" + name))
        }
        if let seeds {
            try FileManager.default.copyItem(atPath: seeds, toPath: target + "/seeds")
            libraries.append(("seeds", target + "/seeds"))
        }
        return libraries
    }
}
