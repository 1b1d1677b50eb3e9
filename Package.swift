// swift-tools-version:6.1
import PackageDescription

// The analyzer and index writer touch every byte of an archive. Their buffers are owned by
// one thread each, so the runtime's dynamic exclusivity checks (about a fifth of indexing
// time when profiled) buy nothing there; static checks still apply.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"])]

let package = Package(
    name: "VietSearch",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "VietAnalysis", targets: ["VietAnalysis"]),
        .library(name: "VietSearchCore", targets: ["VietSearchCore"]),
        .library(name: "VietSearchService", targets: ["VietSearchService"]),
        .library(name: "VietSearchServer", targets: ["VietSearchServer"]),
        .executable(name: "vietsearch", targets: ["vietsearch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Markdown to HTML, for the Markdown reader (its text then comes from the HTML reader).
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        // ZIP archives, for the .docx reader.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The HTTP server of `vietsearch serve` (README: why Hummingbird); its default traits
        // (swift-configuration, full Foundation) are left out: nothing here uses them.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        // System ICU (Debian: libicu-dev), located through pkg-config. Its headers are
        // included by CICU only.
        .systemLibrary(
            name: "ICUSystem",
            pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev", "pkg-config"])]
        ),
        // Zstandard (Debian: libzstd-dev): compresses the stored article text.
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        // Intel ISA-L (Debian: libisal-dev): the CRC32 of every index file, with carry-less
        // multiplication (a table-driven CRC32 was 11 % of a search's instructions).
        .systemLibrary(name: "CISAL", pkgConfig: "libisal", providers: [.apt(["libisal-dev"])]),
        // Unversioned C entry points over ICU's versioned ones (ubrk_open_72 ...).
        .target(
            name: "CICU",
            dependencies: ["ICUSystem"],
            linkerSettings: [
                .linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
                .linkedLibrary("stdc++"),
            ]
        ),
        // glibc allocator tuning for the command-line program; a cache prefetch hint.
        .target(name: "CMemory"),
        // Text -> tokens with exact and folded terms. The only Swift code that calls CICU.
        .target(name: "VietAnalysis", dependencies: ["CICU"], swiftSettings: hotPath),
        // Documents, index, search, citations.
        .target(
            name: "VietSearchCore",
            dependencies: [
                "VietAnalysis", "CZstd", "CISAL", "CMemory", .product(name: "Ink", package: "Ink"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: hotPath),
        // What the CLI and the server both answer: requests run on an index, and their JSON.
        .target(name: "VietSearchService", dependencies: ["VietSearchCore", "VietAnalysis"]),
        // `vietsearch serve`: the JSON API and the search page over one live index.
        .target(
            name: "VietSearchServer",
            dependencies: [
                "VietSearchService", "VietSearchCore", "VietAnalysis",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The command-line program. A release build links the Swift runtime in: a whole
        // search process then starts in about 5 ms instead of 8 (no dynamic symbol lookup).
        // `-static-stdlib` alone leaves out two support libraries of FoundationEssentials
        // that `swift build --static-swift-stdlib` adds; they are named here.
        .executableTarget(
            name: "vietsearch",
            dependencies: [
                "VietSearchCore", "VietAnalysis", "VietSearchService", "VietSearchServer", "CMemory",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [
                .unsafeFlags(
                    [
                        "-static-stdlib", "-l_FoundationCShims", "-l_FoundationCollections", "-lCoreFoundation",
                        "-l_CFXMLInterface", "-lxml2", "-l_FoundationICU", "-lBlocksRuntime",
                    ],
                    .when(configuration: .release))
            ]
        ),
        .testTarget(name: "VietAnalysisTests", dependencies: ["VietAnalysis", "CICU"], exclude: ["Fixtures"]),
        .testTarget(
            name: "VietSearchCoreTests",
            dependencies: [
                "VietSearchCore", "VietAnalysis", "CMemory", "CLITestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: []
        ),
        // Where the built program is, for the tests that run it; folders removed at exit.
        .target(name: "CLITestSupport", path: "Tests/CLITestSupport"),
        .testTarget(name: "CLITests", dependencies: ["vietsearch", "CLITestSupport"]),
        .testTarget(
            name: "ServerTests", dependencies: ["VietSearchServer", "VietSearchCore", "vietsearch", "CLITestSupport"]),
    ],
    cxxLanguageStandard: .cxx17
)
