// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Gloss",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gloss", targets: ["gloss"]),
        .library(name: "GlossCore", targets: ["GlossCore"]),
        .library(name: "GlossRender", targets: ["GlossRender"]),
        .library(name: "GlossFuzzChecks", targets: ["GlossFuzzChecks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // The only place that includes curses (see shim.h).
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // Documents, readers, timestamps, figures, the index, claims, comparison. Foundation only.
        .target(name: "GlossCore", dependencies: [
            .product(name: "Yams", package: "Yams"),
        ]),
        // The bundled sample corpus (written for Gloss), as in-memory files.
        .target(name: "GlossSample", dependencies: ["GlossCore"]),
        // Cell grid, text width and wrapping, style roles, themes, input vocabulary.
        .target(name: "GlossRender", dependencies: [
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // State, update, keymap, view, runtime. No terminal library.
        .target(name: "GlossApp", dependencies: ["GlossCore", "GlossRender"]),
        // The ncurses backend: the only module that imports CNcursesw.
        .target(name: "GlossTerminal", dependencies: ["GlossRender", "CNcursesw"]),
        // In-memory terminal and snapshot helpers for tests. Never linked into the executable.
        .target(name: "GlossTestSupport", dependencies: ["GlossRender", "GlossApp"]),
        .executableTarget(name: "gloss", dependencies: [
            "GlossCore", "GlossRender", "GlossApp", "GlossTerminal", "GlossSample",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Invariants checked by the fuzz targets (.fuzz/) and replayed by the tests.
        .target(name: "GlossFuzzChecks", dependencies: ["GlossCore", "GlossRender", "GlossApp", "GlossSample"], path: "Tests/FuzzChecks"),
        .testTarget(name: "GlossCoreTests", dependencies: ["GlossCore", "GlossFuzzChecks", "GlossTestSupport"], exclude: ["FuzzRegressions"]),
        .testTarget(name: "GlossRenderTests", dependencies: ["GlossRender"]),
        .testTarget(name: "GlossAppTests", dependencies: ["GlossApp", "GlossCore", "GlossRender", "GlossTestSupport", "GlossSample", "GlossFuzzChecks"], exclude: ["Golden"]),
        .testTarget(name: "GlossEndToEndTests", dependencies: ["GlossCore", "GlossTestSupport"]),
    ]
)
