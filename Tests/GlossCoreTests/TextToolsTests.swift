import XCTest
@testable import GlossCore

final class TextToolsTests: XCTestCase {
    /// `clean(String)` skips work when the text is already clean; it must agree with the
    /// general byte-by-byte cleaning for every special character it knows.
    func testCleanFastPathAgreesWithGeneralCleaning() {
        let specials: [String] = ["\u{85}", "\u{A0}", "\u{AD}", "\u{34F}", "\u{1680}", "\u{180E}", "\u{2000}", "\u{2007}",
                                  "\u{200A}", "\u{200B}", "\u{200C}", "\u{200F}", "\u{2019}", "\u{201C}", "\u{2028}", "\u{2029}",
                                  "\u{202F}", "\u{205F}", "\u{2060}", "\u{2064}", "\u{2065}", "\u{3000}", "\u{FEFF}", "\u{FFFD}",
                                  "é", "日本", "👩‍👩‍👧", " ", "  ", "\t", "\n", "\r\n", "a", "word"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...6, using: &rng) { s += specials.randomElement(using: &rng)! }
            XCTAssertEqual(TextTools.clean(s), TextTools.clean(Substring(s)), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
            XCTAssertEqual(String(TextTools.cleanSlice(s)), TextTools.clean(Substring(s)))
        }
        // Longer, mostly ASCII text: the eight-bytes-at-a-time path and its hand-over to the
        // byte loop at every offset (spaces and controls at block edges, characters across them).
        let pieces = ["a", "bc", "defgh", " ", "  ", "\u{1}", "\u{7F}", "\t", "é", "\u{A0}", "\u{200B}", "–", "x y z", "12345678"]
        for _ in 0..<20_000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...24, using: &rng) { s += pieces.randomElement(using: &rng)! }
            let isClean = s.utf8.withContiguousStorageIfAvailable { TextTools.isCleanText($0) }!
            // Exact, but for control characters: those always take the general path.
            let unchanged = TextTools.clean(Substring(s)) == s
            let hasControl = s.utf8.contains { $0 < 0x20 }
            XCTAssertEqual(isClean, unchanged && !hasControl, "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
            XCTAssertEqual(TextTools.clean(s), TextTools.clean(Substring(s)))
        }
        XCTAssertEqual(TextTools.clean("It’s “fine”"), "It’s “fine”")
        XCTAssertEqual(TextTools.clean(" padded\u{200B} text\u{A0}here "), "padded text here")
    }
}

extension TextToolsTests {
    func testContainsBytes() {
        let hay = Array("{\"title\":\"x\",\"chapters\":\"ep.chapters.json\"}".utf8)
        XCTAssertTrue(TextTools.contains(hay, bytes: Array("\"chapters\"".utf8)))
        XCTAssertTrue(TextTools.contains(hay, bytes: Array("json\"}".utf8)))       // at the very end
        XCTAssertTrue(TextTools.contains(hay, bytes: Array("{".utf8)))            // at the start
        XCTAssertFalse(TextTools.contains(hay, bytes: Array("\"chapter\":".utf8)))
        XCTAssertFalse(TextTools.contains(Array("ab".utf8), bytes: Array("abc".utf8)))
        XCTAssertFalse(TextTools.contains([], bytes: [1]))
        XCTAssertTrue(TextTools.contains([], bytes: []))
        // Partial matches before the real one.
        XCTAssertTrue(TextTools.contains(Array("aaab".utf8), bytes: Array("aab".utf8)))
        // The same search behind `has` and `asciiRange`, on strings and their slices.
        let line = "**Ana Ruiz:** well, **not** quite"
        XCTAssertTrue(line.has("not**"))
        XCTAssertFalse(line.has("not***"))
        XCTAssertTrue(line.has(""))
        let body = line.dropFirst(2)
        XCTAssertEqual(body.asciiRange(of: "**").map { String(body[..<$0.lowerBound]) }, "Ana Ruiz:")
        XCTAssertEqual(body.asciiRange(of: "**").map { String(body[$0.upperBound...]) }, " well, **not** quite")
        XCTAssertNil(body.asciiRange(of: "]"))
    }
}

extension TextToolsTests {
    /// The byte-level slice helpers the readers' hot paths use instead of character walks.
    func testByteLevelSliceHelpers() {
        let line = Substring("  • **Ana:** ¿qué?  \r")
        let trimmed = TextTools.trimmedSlice(line)
        XCTAssertEqual(trimmed, "• **Ana:** ¿qué?")
        XCTAssertTrue(trimmed.begins("• "))
        XCTAssertTrue(trimmed.ends("?"))
        XCTAssertFalse(trimmed.begins("*"))
        XCTAssertFalse(Substring("").begins("a"))
        XCTAssertTrue(Substring("").begins(""))
        XCTAssertEqual(trimmed.droppingBytes(4), "**Ana:** ¿qué?")
        var bytes: [UInt8] = [0x41]
        trimmed.droppingBytes(4).appendUTF8(to: &bytes)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "A**Ana:** ¿qué?")
        XCTAssertEqual(TextTools.trimmedSlice("\t \r"), "")
        XCTAssertEqual(TextTools.wordCount(" one  two\tthree\nfour "), 4)
        XCTAssertEqual(TextTools.wordCount(""), 0)
    }

    /// SubRip index lines: a bare number, spaces around it, a final CR.
    func testSubRipIndexLines() {
        for yes in ["1", "42", " 7 ", "123456789", "12\r", "\t3\t\r"] { XCTAssertTrue(SRTParser.isIndexLine(yes), yes) }
        for no in ["", " ", "1234567890", "1 2", "\r12", "12a", "٣", "00:00:01,000 --> 00:00:02,000"] {
            XCTAssertFalse(SRTParser.isIndexLine(no), no)
        }
    }
}

extension TextToolsTests {
    /// The eight-bytes-at-a-time word count against a byte-by-byte one, on random text of
    /// separators, letters and multi-byte characters at every length and alignment.
    func testWordCountAgreesWithAByteLoop() {
        func reference(_ s: String) -> Int {
            var n = 0, previousSep = true
            for b in s.utf8 {
                let isSep = b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
                if previousSep && !isSep { n += 1 }
                previousSep = isSep
            }
            return n
        }
        let pieces = [" ", "\n", "\t", "\r", "a", "bc", "é", "—", "\u{0B}", "\u{0C}", "\u{A0}", "x y", "\u{80}", "0", "\u{1F600}",
                      "\u{1F}", "\u{7F}", "\u{00}", "longer words"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<4000 {
            let s = (0..<Int.random(in: 0...30, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            XCTAssertEqual(TextTools.wordCount(s), reference(s), s.debugDescription)
            XCTAssertEqual(TextTools.wordCount(String(s.dropFirst())), reference(String(s.dropFirst())))
        }
        XCTAssertEqual(TextTools.wordCount("one two  three\tfour\nfive\r\nsix  "), 6)
        XCTAssertEqual(TextTools.wordCount(""), 0)
    }
}

extension TextToolsTests {
    /// The eight-byte control-byte test is exact for every byte value in every position.
    func testControlBytesOfAWord() {
        for b in 0..<256 {
            for position in 0..<8 {
                var bytes = [UInt8](repeating: 0x41, count: 8)
                bytes[position] = UInt8(b)
                let w = bytes.withUnsafeBytes { TextTools.Word8.load($0.baseAddress!, 0) }
                let expected: UInt64 = b < 0x20 ? 0x80 << (8 * UInt64(position)) : 0
                XCTAssertEqual(TextTools.Word8.controls(w), expected, "byte \(b) at \(position)")
            }
        }
    }
}
