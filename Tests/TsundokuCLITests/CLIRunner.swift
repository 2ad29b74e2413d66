import Foundation

/// Runs the built `tsundoku` binary with a private home, state and config, as a user would.
struct CLIRunner {
    let home: String

    init() {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("tsundoku-cli-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    static var executable: String {
        var url = URL(fileURLWithPath: CommandLine.arguments.first { $0.contains(".xctest") || $0.contains("PackageTests") } ?? CommandLine.arguments[0])
        while url.path != "/", !FileManager.default.fileExists(atPath: url.appendingPathComponent("tsundoku").path) {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("tsundoku").path
    }

    var environment: [String: String] {
        ["HOME": home, "XDG_STATE_HOME": home + "/state", "XDG_CONFIG_HOME": home + "/config",
         "XDG_CACHE_HOME": home + "/cache", "PATH": "/usr/bin:/bin", "TZ": "UTC", "COLUMNS": "80"]
    }

    /// Output, error output and exit status of one run.
    struct Result {
        var output: String
        var error: String
        var status: Int32
    }

    /// Runs the binary; `overrides` replace or add environment variables for this run.
    func run(_ arguments: [String], overrides: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        process.environment = environment.merging(overrides) { $1 }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(output: String(decoding: outData, as: UTF8.self), error: String(decoding: errData, as: UTF8.self),
                      status: process.terminationStatus)
    }

    /// Runs a shell script (for kill -9 and parallel runs) with `$TSUNDOKU` naming the binary.
    func shell(_ script: String) throws -> Result {
        try CLIRunner.shellRun(script, environment: environment.merging(["TSUNDOKU": Self.executable]) { $1 })
    }

    private static func shellRun(_ script: String, environment: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(output: String(decoding: data, as: UTF8.self), error: "", status: process.terminationStatus)
    }

    func write(_ name: String, _ text: String) -> String {
        let path = home + "/" + name
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
