// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "tsundoku",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tsundoku", targets: ["tsundoku"]),
        // Fetches feeds for `tsundoku fetch` and the reader's F: the only program linking networking.
        .executable(name: "tsundoku-fetch", targets: ["FetchHelper"]),
        // For the fuzz targets in Fuzz/, a package of their own built with libFuzzer.
        .library(name: "TsundokuFuzzable", targets: ["TsundokuLibrary", "TextLayout", "ReaderCore", "Feeds"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CUnistring", providers: [.apt(["libunistring-dev"])]),
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CLibxml2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "Localization"),
        // Reads the texts of cmark-gfm's nodes in place (its node structure, not its getters'
        // copies).
        .target(name: "CCmarkText"),
        .target(name: "TsundokuLibrary",
                dependencies: ["Localization", "CCmark", "CCmarkText", "CLibxml2", "TextLayout", .product(name: "Yams", package: "Yams"),
                               .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Cross-module optimisation lets the reader specialise the generic line breaker for its
        // style type; without it a 5 MB article spent a fifth of its layout looking up generic
        // metadata.
        .target(name: "TextLayout", dependencies: ["CUnistring"],
                swiftSettings: [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]),
        // Feed formats, subscriptions and the feeds folder: no networking.
        .target(name: "Feeds", dependencies: ["TsundokuLibrary", "CLibxml2"]),
        // HTTP for feeds (URLSession); only the fetch helper links it.
        .target(name: "FeedFetcher", dependencies: ["Feeds"]),
        .executableTarget(name: "FetchHelper", dependencies: ["Feeds", "FeedFetcher"]),
        // A loopback HTTP server for feed tests and the feed benchmark.
        .target(name: "LoopbackHTTP"),
        .executableTarget(name: "ThemeEmbedder"),
        .plugin(name: "EmbedThemes", capability: .buildTool(), dependencies: ["ThemeEmbedder"]),
        .target(name: "ReaderCore", dependencies: ["Localization", "TsundokuLibrary", "TextLayout", .product(name: "Yams", package: "Yams")],
                plugins: ["EmbedThemes"]),
        .target(name: "ReaderRuntime", dependencies: ["Localization", "ReaderCore", "TsundokuLibrary"]),
        .target(name: "TerminalUI", dependencies: ["Localization", "ReaderCore", "ReaderRuntime", "TextLayout", "CNcursesw"]),
        .executableTarget(name: "tsundoku",
                          dependencies: ["Localization", "TsundokuLibrary", "TextLayout", "ReaderCore", "ReaderRuntime", "TerminalUI",
                                         "Feeds", "LoopbackHTTP",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser"),
                                         .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "TsundokuLibraryTests",
                    dependencies: ["Localization", "TsundokuLibrary", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "TextLayoutTests", dependencies: ["TextLayout"]),
        .testTarget(name: "FeedTests", dependencies: ["Feeds", "FeedFetcher", "LoopbackHTTP", "TsundokuLibrary"]),
        .testTarget(name: "ReaderCoreTests", dependencies: ["Localization", "ReaderCore", "ReaderRuntime"]),
        .testTarget(name: "TerminalUITests", dependencies: ["Localization", "TerminalUI", "ReaderCore"]),
        .testTarget(name: "TsundokuCLITests", dependencies: ["tsundoku", "FetchHelper", "ReaderCore", "TsundokuLibrary", "LoopbackHTTP"]),
    ],
    swiftLanguageModes: [.v6]
)
