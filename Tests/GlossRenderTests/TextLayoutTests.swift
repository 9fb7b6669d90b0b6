import XCTest
@testable import GlossRender

final class TextLayoutTests: XCTestCase {
    func testWordWrap() {
        XCTAssertEqual(Wrap.strings("the quick brown fox jumps", width: 10), ["the quick", "brown fox", "jumps"])
        XCTAssertEqual(Wrap.strings("", width: 10), [""])
        XCTAssertEqual(Wrap.strings("abcdefghijklmnop", width: 5), ["abcde", "fghij", "klmno", "p"])
        XCTAssertEqual(Wrap.strings("see https://example.com/a/very/long/path/that/does/not/fit here", width: 12),
                       ["see", "https://exam", "ple.com/a/ve", "ry/long/path", "/that/does/n", "ot/fit here"])
    }

    func testWrapWideCharacters() {
        let lines = Wrap.strings("日本語のテキスト", width: 5)
        XCTAssertEqual(lines, ["日本", "語の", "テキ", "スト"])
        for l in Wrap.strings("中文 mixed 文字 and words 汉字汉字汉字", width: 7) { XCTAssertLessThanOrEqual(TextWidth.columns(l), 7) }
        // A wide character never splits even at width 1.
        XCTAssertEqual(Wrap.strings("日本", width: 1), ["日", "本"])
    }

    func testGridClipsWideCharacterAtEdge() {
        var g = Grid(width: 5, height: 1)
        g.put("ab日本", x: 0, y: 0, role: .normal)
        XCTAssertEqual(g.lines, ["ab日 "])
        XCTAssertEqual(g[3, 0].width, 0)
        var h = Grid(width: 4, height: 1)
        h.put("日本語", x: 1, y: 0, role: .normal)
        XCTAssertEqual(h.lines, [" 日 "])
    }

    func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var g = Grid(width: 4, height: 1)
        g.put("日本", x: 0, y: 0, role: .normal)
        g.put("x", x: 1, y: 0, role: .normal)
        XCTAssertEqual(g.lines, [" x本"])
    }

    func testDiffOnlyChangedCells() {
        var a = Grid(width: 10, height: 3)
        a.put("hello", x: 0, y: 1, role: .normal)
        var b = a
        b.put("J", x: 0, y: 1, role: .normal)
        let runs = b.diff(from: a)
        XCTAssertEqual(runs.count, 1)
        XCTAssertEqual(runs[0].y, 1)
        XCTAssertEqual(runs[0].cells.count, 1)
        XCTAssertEqual(b.diff(from: nil).count, 3)
        XCTAssertTrue(a.diff(from: a).isEmpty)
    }

    func testSanitizerMakesEscapesVisible() {
        let hostile = "x\u{1B}]52;c;SGVsbG8=\u{07}y\u{1B}]8;;http://evil\u{1B}\\z\u{9B}31m\u{7F}\u{202E}"
        let safe = Sanitizer.sanitize(hostile)
        XCTAssertFalse(safe.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        XCTAssertEqual(safe, "x^[]52;c;SGVsbG8=^Gy^[]8;;http://evil^[\\z<U+009B>31m^?<U+202E>")
        XCTAssertEqual(Sanitizer.sanitize("line\nnext", keepNewlines: true), "line\nnext")
        XCTAssertEqual(Sanitizer.sanitize("tab\there"), "tab here")
        XCTAssertTrue(Sanitizer.isSafe("plain “quoted” text — fine"))
    }
}
