import Foundation
import XCTest
@testable import GlossCore

/// Locates `../shared` (beside the package root) for tests that read the real corpus.
enum Shared {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        // Tests/GlossCoreTests/Support/Shared.swift → package root
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url
    }()

    static let root = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let seeds = root.appendingPathComponent("seeds")
    static let external = root.appendingPathComponent("corpus/external")
    static let newsletter = seeds.appendingPathComponent("000_29763f1faad9b720.txt").path
    static let article = seeds.appendingPathComponent("003_d4d97e45e86acd5b.txt").path

    static func path(_ relative: String) -> String { external.appendingPathComponent(relative).path }

    static func bytes(_ path: String) throws -> [UInt8] {
        guard let d = FileManager.default.contents(atPath: path) else {
            throw XCTSkip("missing test data \(path) (../shared must sit beside the project)")
        }
        return [UInt8](d)
    }

    static func load(_ path: String, chapters: [Chapter]? = nil) throws -> Document {
        try DocumentLoader.parse(bytes(path), path: path, chapters: chapters)
    }

    static func files(under relative: String, ext: String) -> [String] {
        let base = external.appendingPathComponent(relative).path
        guard let e = FileManager.default.enumerator(atPath: base) else { return [] }
        var out: [String] = []
        while let rel = e.nextObject() as? String { if rel.hasSuffix("." + ext) { out.append(base + "/" + rel) } }
        return out.sorted()
    }
}
