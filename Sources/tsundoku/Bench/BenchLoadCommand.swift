import ArgumentParser
import Foundation
import ReaderRuntime
#if canImport(Glibc)
import Glibc
#endif

/// `tsundoku bench load --items N`: generates a library of N files in a temporary folder and
/// times `tsundoku list --json` on it as a child process, cold (no index) and warm.
struct BenchLoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load", abstract: "Time `list --json` on a generated library of N files (a tenth of them digests).")

    /// What the generated library is made of.
    enum Format: String, ExpressibleByArgument {
        case markdown, zip, jsonl
    }

    @Option(help: "How many items to generate.") var items = 10_000
    @Option(help: "markdown (one file per item), zip (one Omnivore export) or jsonl (one JSON Lines file).")
    var format: Format = .markdown
    @Option(help: "Warm runs to take the median of.") var runs = 5
    @Option(help: ArgumentHelp("Generate into this folder and keep it (default: a temporary folder, removed).", valueName: "dir"))
    var keep: String?

    func run() throws {
        let folder = keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("tsundoku-bench-\(getpid())").path
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let library = folder + "/library"
        setenv("XDG_CACHE_HOME", folder + "/cache", 1)
        let generated: (digests: Int, bytes: Int)
        switch format {
        case .markdown: generated = try SyntheticLibrary.write(files: items, to: library)
        case .zip: generated = try SyntheticLibrary.writeExport(items: items, to: library + "/omnivore-export.zip")
        case .jsonl: generated = try SyntheticLibrary.writeJSONLines(items: items, to: library + "/items.jsonl")
        }
        print("generated \(items) \(format.rawValue) items (\(generated.digests) digests), \(generated.bytes / 1_048_576) MB in \(library)")
        let arguments = ["list", "--json", "--library", library, "--state", folder + "/state/marks.log"]
        let cold = try ChildProcess.measure(arguments)
        print("cold (no index):   \(cold.summary), \(cold.outputLines) output lines")
        var warm = (0..<max(1, runs)).map { _ in try? ChildProcess.measure(arguments) }.compactMap { $0 }
        warm.sort { $0.seconds < $1.seconds }
        guard let median = warm.dropFirst(warm.count / 2).first, let maxRSS = warm.map(\.peakMB).max() else { return }
        print("warm (index):      \(median.summary) median of \(warm.count), peak memory at most \(format(maxRSS)) MB")
    }

    private func format(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// Runs this executable as a child process and reports its wall time and peak memory.
enum ChildProcess {
    /// One measured run.
    struct Measurement {
        var seconds: Double
        var peakMB: Double
        var outputLines: Int

        var summary: String {
            String(format: "%.0f ms wall, %.1f MB peak", seconds * 1000, peakMB)
        }
    }

    static func measure(_ arguments: [String]) throws -> Measurement {
        let executable = "/proc/self/exe"
        let resolved = (try? FileManager.default.destinationOfSymbolicLink(atPath: executable)) ?? CommandLine.arguments[0]
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tsundoku-bench-out-\(getpid())").path
        defer { unlink(output) }
        let start = DispatchTime.now().uptimeNanoseconds
        guard let pid = Subprocess.start(resolved, arguments, output: .file(output)) else {
            throw CommandFailure("cannot run \(resolved)")
        }
        let ending = Subprocess.wait(pid)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let lines = (try? String(contentsOfFile: output, encoding: .utf8))?.split(separator: "\n").count ?? 0
        return Measurement(seconds: seconds, peakMB: Double(ending.peakKilobytes) / 1024, outputLines: lines)
    }
}
