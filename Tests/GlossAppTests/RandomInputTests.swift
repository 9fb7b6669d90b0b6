import XCTest
@testable import GlossApp
@testable import GlossCore
import GlossTestSupport
import GlossRender

/// Random keys, clicks, wheel turns and screen sizes (1×1 up), seeded so a failure replays: the
/// reader never traps, and every screen it draws fits the terminal. (A Tab on a screen too
/// small for any pane once divided by zero; found by driving the binary in tmux this way.)
final class RandomInputTests: XCTestCase {
    /// SplitMix64: the same run for the same seed on every machine.
    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let keys: [Key] = Array("jkgGbnN[]{}:/ocCvT=?'m0123456789x %hlf<>").map { .char($0) } + [
        .enter, .escape, .tab, .backTab, .backspace, .delete, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end,
        .ctrl("o"), .ctrl("t"), .ctrl("g"), .ctrl("l"), .ctrl("d"), .ctrl("u"), .ctrl("p"), .ctrl("n"), .function(1),
    ]

    func testRandomInputNeverTraps() throws {
        var docs = try Fixtures.seedDocuments()
        let srt = SharedData.external.appendingPathComponent("pysrt/utf-8.srt").path
        if let data = FileManager.default.contents(atPath: srt) { docs.append(try DocumentLoader.parse([UInt8](data), path: srt)) }
        let start = Fixtures.state(docs, width: 120, height: 40)
        for seed in (ProcessInfo.processInfo.environment["GLOSS_RANDOM_SEEDS"].flatMap(Int.init).map { 1...$0 } ?? 1...12) {
            var rng = Random(state: UInt64(seed))
            var s = start
            var trail: [String] = []
            for step in 0..<700 {
                let roll = Int.random(in: 0..<100, using: &rng)
                let event: InputEvent
                if roll < 4 {
                    // Often small: the sizes where panes vanish.
                    let w = Bool.random(using: &rng) ? Int.random(in: 1...30, using: &rng) : Int.random(in: 1...260, using: &rng)
                    event = .resize(width: w, height: Int.random(in: 1...70, using: &rng))
                } else if roll < 12 {
                    let kinds: [MouseEvent.Kind] = [.click, .doubleClick, .wheelUp, .wheelDown, .press, .release]
                    event = .mouse(MouseEvent(kind: kinds.randomElement(using: &rng)!, x: Int.random(in: -1...s.width, using: &rng),
                                              y: Int.random(in: -1...s.height, using: &rng)))
                } else {
                    event = .key(RandomInputTests.keys.randomElement(using: &rng)!)
                }
                trail.append("\(event)")
                if case .key(.char("q")) = event { continue }
                for case .later(let d) in update(&s, .event(event)) { _ = update(&s, .deferred(d)) }
                let grid = view(s)
                XCTAssertEqual(grid.width, s.width, "seed \(seed) step \(step): \(trail.suffix(8))")
                XCTAssertEqual(grid.height, s.height, "seed \(seed) step \(step)")
                if grid.width != s.width || grid.height != s.height { return }
            }
        }
    }
}
