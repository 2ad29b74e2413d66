// swift-tools-version:6.0
// The fuzz targets: one libFuzzer executable, built by Scripts/fuzz with
// `--sanitize=fuzzer --sanitize=address` and `-enable-testing` (the targets call internal parsers).
import Foundation
import PackageDescription

/// The repository's folder name is the identity SwiftPM gives the package at `..`.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "tsundoku-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "tsundoku-fuzz",
                          dependencies: [.product(name: "TsundokuFuzzable", package: repository)]),
    ],
    swiftLanguageModes: [.v6]
)
