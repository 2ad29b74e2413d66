import Foundation
import PackagePlugin

/// Compiles the shipped `Themes/*.yaml` into the target as Swift string literals, so the
/// installed binary carries its themes without the source tree.
@main
struct EmbedThemes: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let themes = context.package.directoryURL.appending(path: "Themes")
        let files = try FileManager.default.contentsOfDirectory(at: themes, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedThemes.swift")
        return [.buildCommand(displayName: "Embedding \(files.count) themes",
                              executable: try context.tool(named: "ThemeEmbedder").url,
                              arguments: [output.path] + files.map(\.path),
                              inputFiles: files, outputFiles: [output])]
    }
}
