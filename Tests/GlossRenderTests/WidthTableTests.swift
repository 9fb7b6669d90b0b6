import Foundation
import XCTest
@testable import GlossRender

#if canImport(Glibc)
import Glibc
#endif

/// The layout's width table must agree with libc `wcwidth` in C.UTF-8 (what ncurses uses).
final class WidthTableTests: XCTestCase {
    typealias WcWidth = @convention(c) (Int32) -> Int32

    func testAgreesWithLibcOverAllCodePoints() throws {
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil else { throw XCTSkip("no C.UTF-8 locale") }
        guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcwidth") else { throw XCTSkip("no wcwidth") }
        let wcwidth = unsafeBitCast(sym, to: WcWidth.self)
        var mismatches: [String] = []
        var checked = 0
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v) else { continue }  // surrogates
            checked += 1
            let expected = Int(wcwidth(Int32(v)))
            let actual = TextWidth.of(u)
            if expected != actual {
                if mismatches.count < 20 { mismatches.append(String(format: "U+%04X libc %d ours %d", v, expected, actual)) }
            }
        }
        XCTAssertEqual(checked, 0x110000 - 0x800)
        XCTAssertTrue(mismatches.isEmpty, mismatches.joined(separator: "\n"))
    }

    func testUnits() {
        XCTAssertEqual(TextWidth.columns("abc"), 3)
        XCTAssertEqual(TextWidth.columns("日本語"), 6)
        XCTAssertEqual(TextWidth.columns("e\u{301}"), 1)          // combining acute joins its base
        XCTAssertEqual(TextWidth.units("e\u{301}x").map(\.text), ["e\u{301}", "x"])
        XCTAssertEqual(TextWidth.columns("👨‍👩‍👧"), 6)              // per scalar, as ncurses and tmux advance
        XCTAssertEqual(TextWidth.units("a\u{1B}[31mb").map(\.text), ["a", "^", "[", "[", "3", "1", "m", "b"])
        XCTAssertTrue(TextWidth.units("\u{1B}").allSatisfy(\.isPlaceholder))
    }
}
