// swift-tools-version:6.0
// libFuzzer harness for Gloss. Build and run with .fuzz/run (see README, "Reliability").
import PackageDescription

let package = Package(
    name: "GlossFuzz",
    dependencies: [.package(name: "Gloss", path: "..")],
    targets: [
        .executableTarget(name: "GlossFuzz", dependencies: [.product(name: "GlossFuzzChecks", package: "Gloss")]),
    ]
)
