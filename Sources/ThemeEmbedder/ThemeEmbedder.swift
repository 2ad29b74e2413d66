import Foundation

/// Writes a Swift file holding each theme file's text: `ThemeEmbedder OUTPUT THEME.yaml...`.
@main
enum ThemeEmbedder {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard let output = arguments.first else {
            FileHandle.standardError.write(Data("usage: ThemeEmbedder OUTPUT THEME.yaml...\n".utf8))
            exit(2)
        }
        var source = "// Generated from Themes/*.yaml by the EmbedThemes plugin.\n\n"
        source += "/// The themes shipped in `Themes/`, by name, as their YAML text.\n"
        source += "enum EmbeddedThemes {\n    static let files: [String: String] = [\n"
        for path in arguments.dropFirst() {
            let url = URL(fileURLWithPath: path)
            let text = try String(contentsOf: url, encoding: .utf8)
            var hashes = "#"
            while text.contains("\"" + hashes) { hashes += "#" }
            let name = url.deletingPathExtension().lastPathComponent
            source += "        \"\(name)\": \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes),\n"
        }
        source += "    ]\n}\n"
        try source.write(toFile: output, atomically: true, encoding: .utf8)
    }
}
