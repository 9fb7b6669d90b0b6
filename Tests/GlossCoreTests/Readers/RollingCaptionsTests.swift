import XCTest
@testable import GlossCore

/// Roll-up captions (YouTube's automatic captions as yt-dlp saves them) are read once each.
final class RollingCaptionsTests: XCTestCase {
    /// Thirty lines of a talk, each a different sentence part, in the order they are said.
    let lines = (1...30).map { "line \($0) of the talk says word\($0) here" }

    /// The file yt-dlp writes for automatic captions: a cue shows the line before and the new one
    /// (its words timed inline), then a ten-millisecond cue shows the new line alone.
    func youtubeVTT() -> String {
        var out = "WEBVTT\nKind: captions\nLanguage: en\n\n"
        var t = 0.0
        func ts(_ s: Double) -> String { Timestamp.formatPrecise(s) }
        for (i, line) in lines.enumerated() {
            let words = line.split(separator: " ")
            var timed = String(words[0])
            for (j, w) in words.dropFirst().enumerated() { timed += "<\(ts(t + 0.2 * Double(j + 1)))><c> \(w)</c>" }
            let before = i == 0 ? " " : lines[i - 1]
            out += "\(ts(t)) --> \(ts(t + 2.5)) align:start position:0%\n\(before)\n\(timed)\n\n"
            out += "\(ts(t + 2.5)) --> \(ts(t + 2.51)) align:start position:0%\n\(line)\n \n\n"
            t += 2.51
        }
        return out
    }

    /// The same captions converted to SubRip (tags gone, the ten-millisecond cues kept).
    func youtubeSRT() -> String {
        var out = ""
        var n = 1, t = 0.0
        for (i, line) in lines.enumerated() {
            let before = i == 0 ? " " : lines[i - 1]
            out += "\(n)\n\(srtTime(t)) --> \(srtTime(t + 2.5))\n\(before)\n\(line)\n\n"
            out += "\(n + 1)\n\(srtTime(t + 2.5)) --> \(srtTime(t + 2.51))\n\(line)\n \n\n"
            n += 2
            t += 2.51
        }
        return out
    }

    func srtTime(_ t: Double) -> String { Timestamp.formatPrecise(t).replacingOccurrences(of: ".", with: ",") }

    func text(_ d: Document) -> String { d.paragraphs.map(\.text).joined(separator: " ") }

    func testYouTubeWebVTTIsReadOnce() throws {
        let d = try CueDocumentReader.webvtt(Array(youtubeVTT().utf8), path: "talk.en.vtt", chapters: nil)
        XCTAssertEqual(text(d), lines.joined(separator: " "))
        XCTAssertTrue(d.warnings.contains { $0.contains("captions roll") && $0.contains("59 repeat(s)") }, "\(d.warnings)")
        // The times are the cues' that bring each line: line 11 is first said at 25.1 s.
        let p = try XCTUnwrap(d.paragraphs.first { $0.text.contains("word11 ") })
        let offset = try XCTUnwrap(p.text.range(of: "line 11 ")).lowerBound.utf16Offset(in: p.text)
        let mark = try XCTUnwrap(p.marks.last { Int($0.offset) <= offset })
        XCTAssertEqual(Double(mark.time), 25.1, accuracy: 0.01)
    }

    func testYouTubeSubRipIsReadOnce() throws {
        let d = try CueDocumentReader.srt(Array(youtubeSRT().utf8), path: "talk.en.srt", chapters: nil)
        XCTAssertEqual(text(d), lines.joined(separator: " "))
    }

    /// Broadcast roll-up: two lines on screen, each cue drops the top one and adds one below.
    func testTwoLineRollUpWithoutRepeatCues() throws {
        var out = "WEBVTT\n\n"
        for i in 1..<lines.count {
            out += "\(Timestamp.formatPrecise(Double(i) * 3)) --> \(Timestamp.formatPrecise(Double(i) * 3 + 3))\n\(lines[i - 1])\n\(lines[i])\n\n"
        }
        let d = try CueDocumentReader.webvtt(Array(out.utf8), path: "rollup.vtt", chapters: nil)
        XCTAssertEqual(text(d), lines.joined(separator: " "))
    }

    /// Broadcast roll-up in TTML: the same.
    func testTTMLRollUp() throws {
        var out = "<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><div>\n"
        for i in 1..<lines.count {
            out += "<p begin=\"\(i * 3)s\" end=\"\(i * 3 + 3)s\">\(lines[i - 1])<br/>\(lines[i])</p>\n"
        }
        out += "</div></body></tt>\n"
        let d = try DocumentLoader.parse(Array(out.utf8), path: "rollup.ttml")
        XCTAssertEqual(d.format, .ttml)
        XCTAssertEqual(text(d), lines.joined(separator: " "))
    }

    /// Ordinary captions keep every word, even where a cue starts with the word the last one
    /// ended with, or says the same short thing again.
    func testOrdinaryCaptionsKeepTheirRepeats() throws {
        let cues = ["I think that", "that is the point.", "Yeah.", "Yeah.", "So we built the",
                    "the first phase", "and then the second phase", "phase two, as we call it.", "Right.", "Right."]
        var out = "WEBVTT\n\n"
        for (i, c) in cues.enumerated() {
            out += "\(Timestamp.formatPrecise(Double(i) * 2)) --> \(Timestamp.formatPrecise(Double(i) * 2 + 2))\n\(c)\n\n"
        }
        let d = try CueDocumentReader.webvtt(Array(out.utf8), path: "plain.vtt", chapters: nil)
        XCTAssertEqual(text(d), cues.joined(separator: " "))
        XCTAssertFalse(d.warnings.contains { $0.contains("roll") })
        // Cues that are all the same (a test of regions) do not roll either.
        let same = "WEBVTT\n\n" + (0..<8).map { "00:00:0\($0).000 --> 00:00:0\($0).900\ntext\n\n" }.joined()
        let s = try CueDocumentReader.webvtt(Array(same.utf8), path: "same.vtt", chapters: nil)
        XCTAssertEqual(text(s), Array(repeating: "text", count: 8).joined(separator: " "))
    }

    func testOverlapIsCutBetweenWords() {
        func k(_ a: String, _ b: String) -> Int {
            var pool = CueGrouping.TextPool(capacity: 64)
            let p = pool.add(a), c = pool.add(b)
            return pool.bytes.withUnsafeBufferPointer { CueGrouping.overlap($0, prev: p, cur: c) }
        }
        XCTAssertEqual(k("welcome back to the show", "welcome back to the show today"), 24)
        XCTAssertEqual(k("back to the show", "the show must go on"), 8)
        XCTAssertEqual(k("the shows", "show must"), 0)
        XCTAssertEqual(k("a cat", "cat"), 3)
        XCTAssertEqual(k("scat", "cat"), 0)
        XCTAssertEqual(k("", "cat"), 0)
        // Repeats longer than a few lines are not looked for: cues built to nearly repeat, a
        // megabyte each, are compared in bounded time.
        let long = String(repeating: "a ", count: 300) + "end"
        XCTAssertEqual(k(long, long), 0)
        let near = String(repeating: "a ", count: 250_000)
        let start = Date()
        XCTAssertEqual(k(near + "a", String(repeating: "a ", count: 125_000) + "b " + near + "a"), 255)
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
    }
}
