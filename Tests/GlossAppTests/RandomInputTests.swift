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
        let start = Fixtures.state(docs, width: 120, height: 40)
        let runs = ProcessInfo.processInfo.environment["GLOSS_RANDOM_SEEDS"].flatMap(Int.init) ?? 12
        var events = 0
        for seed in 1...max(1, runs) {
            var rng = SplitMix(seed: UInt64(seed))
            var s = start
            let bytes = (0..<1000).map { _ in UInt8.random(in: 0...255, using: &rng) }
            var failure: String?
            events += ReaderDriver.drive(&s, bytes[...]) { s, grid, sent in
                if failure == nil, grid.width != s.width || grid.height != s.height {
                    failure = "seed \(seed): a \(grid.width)×\(grid.height) screen on \(s.width)×\(s.height) after \(sent.suffix(8))"
                }
            }.count
            XCTAssertNil(failure)
        }
        XCTAssertGreaterThan(events, runs * 700)
    }
}
