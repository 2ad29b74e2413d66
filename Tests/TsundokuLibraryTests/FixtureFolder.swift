import Foundation

/// `Tests/Fixtures/libraries`: libraries written the way the world writes files, shared with the
/// command-line tests.
enum FixtureFolder {
    static var libraries: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/libraries").path
    }

    /// A fixture library copied into `folder` (so tests may change it), returning its path.
    static func copy(_ name: String, into folder: TemporaryFolder) throws -> String {
        let target = folder.path + "/" + name
        try FileManager.default.copyItem(atPath: libraries + "/" + name, toPath: target)
        return target
    }
}
