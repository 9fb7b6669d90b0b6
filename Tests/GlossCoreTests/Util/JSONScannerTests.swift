import Foundation
import XCTest
@testable import GlossCore

/// The JSON scanner: strings, escapes and numbers read exactly; what Foundation refuses, it refuses.
final class JSONScannerTests: XCTestCase {
    func strings(_ json: String) throws -> [String] {
        try JSONScanner.read(Array(json.utf8)) { s in
            var out: [String] = []
            try s.array { s in out.append(try s.string()) }
            return out
        }
    }

    func numbers(_ json: String) throws -> [Double] {
        try JSONScanner.read(Array(json.utf8)) { s in
            var out: [Double] = []
            try s.array { s in out.append(try s.number()) }
            return out
        }
    }

    func testStringsAndEscapes() throws {
        let json = #"["plain", "a\"b\\c\/d", "\b\f\n\r\t", "caf\u00e9", "\ud83d\ude00 smile", "lone \ud800 high", "lone \udc00 low", "\ud800\u0041", "", "ünïcödé"]"#
        XCTAssertEqual(try strings(json), ["plain", "a\"b\\c/d", "\u{8}\u{C}\n\r\t", "café", "😀 smile", "lone \u{FFFD} high",
                                           "lone \u{FFFD} low", "\u{FFFD}A", "", "ünïcödé"])
        // Invalid UTF-8 inside a string is repaired, not fatal.
        XCTAssertEqual(try JSONScanner.read([0x5B, 0x22, 0x61, 0xFF, 0x22, 0x5D]) { s -> [String] in
            var out: [String] = []
            try s.array { s in out.append(try s.string()) }
            return out
        }, ["a\u{FFFD}"])
    }

    /// A string's bytes are handed over in place when it has no escapes (an escape at its very
    /// first byte included), decoded otherwise; values of another kind read as absent.
    func testStringSpans() throws {
        let json = #"["plain", "\nfirst", "mid\"dle", "", 7]"#
        let bytes = Array(json.utf8)
        let spans = try JSONScanner.read(bytes) { s -> [String?] in
            var out: [String?] = []
            try s.array { s in
                switch try s.stringSpanIfAny() {
                case .bytes(let r)?: out.append("bytes:" + String(decoding: bytes[r], as: UTF8.self))
                case .decoded(let t)?: out.append("decoded:" + t)
                case nil: out.append(nil)
                }
            }
            return out
        }
        XCTAssertEqual(spans, ["bytes:plain", "decoded:\nfirst", "decoded:mid\"dle", "bytes:", nil])
    }

    func testNumbersAreCorrectlyRounded() throws {
        let list = ["0", "-0", "1", "-12", "3.25", "0.1", "0.000001", "123456789012345", "1234567890123456789", "12345678901234567890123",
                    "1e3", "1.5E-7", "-2.5e+10", "17.299999999999997", "9007199254740993", "4.35", "1.7976931348623157e308"]
        let json = "[" + list.joined(separator: ", ") + "]"
        // Correctly rounded, as Swift's own parser (Foundation's JSONSerialization reads
        // 17.299999999999997 as 17.299999999999994).
        XCTAssertEqual(try numbers(json), list.map { Double($0)! })
    }

    func testObjectsSkipAndLenientReads() throws {
        let json = #" {"a": {"deep": [1, [2, {"x": null}], true, false]}, "b": "text", "c": 4, "d": [] , "e": {}} "#
        var seen: [String: String] = [:]
        try JSONScanner.read(Array(json.utf8)) { s in
            try s.object { s, key in
                switch key {
                case "b": seen[key] = try s.stringIfAny() ?? "-"
                case "c": seen[key] = (try s.stringIfAny()) ?? "not a string"
                default: try s.skip(); seen[key] = "skipped"
                }
            }
        }
        XCTAssertEqual(seen, ["a": "skipped", "b": "text", "c": "not a string", "d": "skipped", "e": "skipped"])
    }

    func testRefusals() {
        let bad = ["", "[", "[\"\\", "{\"a\": \"x\\\\\\", "[\"\\u12", "[1 2]", "{\"a\" 1}", "{\"a\": }", "{a: 1}", "[01]", "[1.]", "[-]", "[1e]", "[\"open]",
                   "[\"bad \\x escape\"]", "[\"\\u12\"]", "[tru]", "[nul]", "[1] 2", "]"]
        for text in bad {
            XCTAssertThrowsError(try JSONScanner.read(Array(text.utf8)) { s in try s.skip() }, text)
            XCTAssertThrowsError(try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]), "Foundation accepts \(text)")
        }
        // A trailing comma is forgiven, as Foundation forgives it.
        XCTAssertNoThrow(try JSONScanner.read(Array("[1, {\"a\": 1,},]".utf8)) { s in try s.skip() })
        XCTAssertThrowsError(try JSONScanner.read(Array(("{\"a\":\n  [1, x]}").utf8)) { s in try s.skip() }) { e in
            XCTAssertEqual("\(e)", "unexpected 'x' at line 2, column 7")
        }
    }

    func testDepthIsBounded() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try JSONScanner.read(Array(deep.utf8)) { s in try s.skip() }) { e in
            XCTAssertTrue("\(e)".contains("nested deeper than 512"), "\(e)")
        }
        let ok = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        XCTAssertNoThrow(try JSONScanner.read(Array(ok.utf8)) { s in try s.skip() })
    }

    /// What the CLI writes, the scanner reads back: escapes for quotes, backslashes, controls,
    /// DEL, C1 controls and U+2028/9, everything else as it is.
    func testSerializedStringsRoundTrip() throws {
        let texts = ["plain", "q\"uote\\back", "\u{1}\u{1B}[31m\n\r\t\u{7F}", "c1 \u{85}\u{9F} ok \u{A0}\u{FF}", "sep \u{2028}\u{2029} \u{2027}\u{202A}",
                     "é 日本 👩‍👩‍👧 e\u{301}\"\u{301}", "", "\u{C2}\u{E2}"]
        for text in texts {
            let json = JSON.array([.string(text)]).serialized()
            XCTAssertFalse(json.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029 }, json)
            XCTAssertEqual(try strings(json), [text])
        }
        XCTAssertEqual(JSON.string("a\u{2028}b\"").serialized(), #""a\u2028b\"""#)
    }

    func testByteOrderMarkAndWhiteSpace() throws {
        XCTAssertEqual(try JSONScanner.read([0xEF, 0xBB, 0xBF] + Array(" \r\n\t[\"x\"] \n".utf8)) { s -> [String] in
            var out: [String] = []
            try s.array { s in out.append(try s.string()) }
            return out
        }, ["x"])
    }
}
