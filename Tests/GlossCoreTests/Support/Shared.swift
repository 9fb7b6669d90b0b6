import Foundation
import XCTest
@testable import GlossCore
import GlossTestSupport

/// Locates `../shared` (beside the package root) for tests that read the real corpus.
enum Shared {
    static let packageRoot = SharedData.packageRoot
    static let root = SharedData.root
    static let seeds = SharedData.seeds
    static let external = SharedData.external
    static let newsletter = SharedData.newsletter
    static let article = SharedData.article

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
