import Foundation
import XCTest
import GlossFuzzChecks

/// Replays every input that ever crashed a fuzz target (kept in FuzzRegressions/<target>/), and
/// runs each target over a few hundred deterministic mutations of real files, without libFuzzer.
final class FuzzRegressionTests: XCTestCase {
    static let regressions: URL = {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent()
        url.deleteLastPathComponent()
        return url.appendingPathComponent("FuzzRegressions")
    }()

    func testReplayCrashInputs() throws {
        var replayed = 0
        for target in FuzzChecks.targets {
            let dir = Self.regressions.appendingPathComponent(target)
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { continue }
            for f in files.sorted() where !f.hasPrefix(".") {
                let bytes = try [UInt8](Data(contentsOf: dir.appendingPathComponent(f)))
                FuzzChecks.run(target, bytes)
                replayed += 1
            }
        }
        print("replayed \(replayed) fuzz regression input(s)")
    }

    func testMutationsOfRealFiles() throws {
        let seeds = [Shared.newsletter, Shared.article, Shared.path("webvtt-py/using_identifiers.vtt"),
                     Shared.path("pysrt/capability_tester.srt"), Shared.path("podcast-namespace/examples/transcripts/example.json"),
                     Shared.path("workingcode/027-giving-technical-presentations.md"), Shared.path("lexnotes/html/1-max-tegmark.html")]
        let inputs = try seeds.map { try Shared.bytes($0) }
        var state: UInt64 = 0xDEADBEEF
        func next() -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(truncatingIfNeeded: state & 0x7FFF_FFFF)
        }
        let specials: [[UInt8]] = [[0], [0xFF], [0x1B, 0x5B], Array("-->".utf8), Array("<v ".utf8), Array("\r\n".utf8), [0xE2, 0x80], Array("[[".utf8), Array("**".utf8), Array(":".utf8)]
        for target in FuzzChecks.targets {
            // (The reader's target draws a screen per event: fewer rounds.)
            for round in 0..<(target == "app" ? 15 : 60) {
                var b = Array(inputs[round % inputs.count].prefix(6000))
                for _ in 0..<(1 + next() % 8) {
                    guard !b.isEmpty else { break }
                    let at = next() % b.count
                    switch next() % 4 {
                    case 0: b[at] = UInt8(truncatingIfNeeded: next())
                    case 1: b.insert(contentsOf: specials[next() % specials.count], at: at)
                    case 2: b.removeSubrange(at..<min(b.count, at + next() % 64))
                    default: b.insert(contentsOf: b[at..<min(b.count, at + next() % 200)], at: next() % b.count)
                    }
                }
                FuzzChecks.run(target, b)
            }
        }
    }
}
