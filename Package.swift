// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "tsundoku",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tsundoku", targets: ["tsundoku"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CUnistring", providers: [.apt(["libunistring-dev"])]),
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "TsundokuLibrary",
                dependencies: ["CCmark", .product(name: "Yams", package: "Yams")]),
        .target(name: "TextLayout", dependencies: ["CUnistring"]),
        .executableTarget(name: "ThemeEmbedder"),
        .plugin(name: "EmbedThemes", capability: .buildTool(), dependencies: ["ThemeEmbedder"]),
        .target(name: "ReaderCore", dependencies: ["TsundokuLibrary", "TextLayout", .product(name: "Yams", package: "Yams")],
                plugins: ["EmbedThemes"]),
        .target(name: "TerminalUI", dependencies: ["ReaderCore", "CNcursesw"]),
        .executableTarget(name: "tsundoku",
                          dependencies: ["TsundokuLibrary", "TextLayout", "ReaderCore", "TerminalUI",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "TsundokuLibraryTests", dependencies: ["TsundokuLibrary"]),
        .testTarget(name: "TextLayoutTests", dependencies: ["TextLayout"]),
        .testTarget(name: "ReaderCoreTests", dependencies: ["ReaderCore"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "TsundokuCLITests", dependencies: ["tsundoku"]),
    ],
    swiftLanguageModes: [.v6]
)
