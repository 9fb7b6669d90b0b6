import Foundation
import XCTest
@testable import GlossApp
@testable import GlossCore
import GlossRender
import GlossSample
import GlossTestSupport

enum Fixtures {
    static let root = SharedData.packageRoot
    static let newsletter = SharedData.newsletter
    static let article = SharedData.article
    static let golden = root.appendingPathComponent("Tests/GlossAppTests/Golden")

    static func seedDocuments() throws -> [Document] {
        try [newsletter, article].map { path in
            guard let d = FileManager.default.contents(atPath: path) else { throw XCTSkip("missing \(path)") }
            return try DocumentLoader.parse([UInt8](d), path: "seeds/" + (path as NSString).lastPathComponent)
        }
    }

    /// Two Lex Fridman episodes (1, Max Tegmark, and 309, John Carmack) and the Lex Notes
    /// summaries of each: a small library.
    static func twoEpisodesWithNotes() throws -> [Document] {
        let ext = SharedData.external.appendingPathComponent("lexicap").path
        let notes = SharedData.external.appendingPathComponent("lexnotes").path
        let paths = [ext + "/episode_001_large.vtt", ext + "/episode_309_large.vtt", notes + "/1-max-tegmark.md", notes + "/309-john-carmack.md"]
        return try paths.map { path in
            guard let d = FileManager.default.contents(atPath: path) else { throw XCTSkip("missing \(path)") }
            return try DocumentLoader.parse([UInt8](d), path: path, keepCues: false)
        }
    }

    /// A reader state with the corpus indexed and claims checked, as after background loading.
    static func state(_ docs: [Document], width: Int, height: Int) -> AppState {
        var s = AppState(documents: docs, width: width, height: height, themeNames: ["default-dark", "light"])
        let index = CorpusIndex(documents: docs)
        let checker = ClaimChecker(index: index)
        _ = update(&s, .corpusReady(documents: docs, index: index, claims: checker.check(checker.extractClaims()), problems: []))
        s.message = nil
        return s
    }

    /// The seeds at 120×40 with `query` typed at the search prompt (the prompt still open).
    static func seedsSearching(_ query: String) throws -> AppState {
        var s = state(try seedDocuments(), width: 120, height: 40)
        press(&s, .char("/"))
        type(&s, query)
        return s
    }

    /// Keys pressed, with the work they defer done as the runtime does it.
    static func press(_ s: inout AppState, _ keys: Key...) {
        for k in keys {
            for case .later(let d) in update(&s, .event(.key(k))) { _ = update(&s, .deferred(d)) }
        }
    }

    static func type(_ s: inout AppState, _ text: String) {
        for c in text { _ = update(&s, .event(.key(.char(c)))) }
    }
}
