import XCTest
@testable import GlossApp
@testable import GlossCore
import GlossFuzzChecks
import GlossTestSupport
import GlossRender

/// Random keys, clicks, wheel turns and screen sizes (1×1 up), seeded so a failure replays, sent
/// as the `app` fuzz target sends them (`ReaderDriver`): the reader never traps, and every screen
/// it draws fits the terminal. (A Tab on a screen too small for any pane once divided by zero,
/// and a comparison drawn after a resize asked for a backwards range; found by driving the
/// binary in tmux this way.)
final class RandomInputTests: XCTestCase {
    func testRandomInputNeverTraps() throws {
        var docs = try Fixtures.seedDocuments()
        let srt = SharedData.external.appendingPathComponent("pysrt/utf-8.srt").path
        if let data = FileManager.default.contents(atPath: srt) { docs.append(try DocumentLoader.parse([UInt8](data), path: srt)) }
        // The reader opens on the first document while the rest load, as the binary does: the
        // corpus arrives after a quarter of the events, its claims after half.
        var start = AppState(documents: [docs[0]], width: 120, height: 40, themeNames: ["default-dark", "light"])
        _ = update(&start, .progress(LoadingProgress(done: 0, total: docs.count)))
        let index = CorpusIndex(documents: docs)
        let checker = ClaimChecker(index: index)
        let claims = checker.check(checker.extractClaims())
        let runs = ProcessInfo.processInfo.environment["GLOSS_RANDOM_SEEDS"].flatMap(Int.init) ?? 12
        var events = 0
        for seed in 1...max(1, runs) {
            var rng = SplitMix(seed: UInt64(seed))
            var s = start
            let bytes = (0..<1000).map { _ in UInt8.random(in: 0...255, using: &rng) }
            var failure: String?
            for (k, part) in stride(from: 0, to: bytes.count, by: 250).map({ bytes[$0..<min(bytes.count, $0 + 250)] }).enumerated() {
                if k == 1 { _ = update(&s, .corpusReady(documents: docs, index: index, claims: [], problems: [], claimsPending: true)) }
                if k == 2 { _ = update(&s, .claimsReady(claims)) }
                events += ReaderDriver.drive(&s, part) { s, grid, sent in
                    if failure == nil, grid.width != s.width || grid.height != s.height {
                        failure = "seed \(seed): a \(grid.width)×\(grid.height) screen on \(s.width)×\(s.height) after \(sent.suffix(8))"
                    }
                }.count
            }
            XCTAssertNil(failure)
        }
        XCTAssertGreaterThan(events, runs * 700)
    }
}
