import XCTest
@testable import GlossCore

final class TimestampTests: XCTestCase {
    func testForms() {
        XCTAssertEqual(Timestamp.parse("12:36"), 756)
        XCTAssertEqual(Timestamp.parse("00:12:36"), 756)
        XCTAssertEqual(Timestamp.parse("1:47:41"), 6461)
        XCTAssertEqual(Timestamp.parse("47m"), 2820)
        XCTAssertEqual(Timestamp.parse("1h31m19s"), 5479)
        XCTAssertEqual(Timestamp.parse("90s"), 90)
        XCTAssertEqual(Timestamp.parse("90"), 90)
        XCTAssertEqual(Timestamp.parse(" 2h "), 7200)
        XCTAssertEqual(Timestamp.parse("00:01:41,040"), 101.04)
    }

    func testRejects() {
        for bad in ["99:99:99", "-5", "12:60", "", "abc", "1h1h", "::", "1:2:3:4", "12:3a", String(repeating: "9", count: 40) + ":00"] {
            XCTAssertNil(Timestamp.parse(bad), bad)
        }
    }

    /// The byte-level fast path must agree with the general parser, which a leading space forces.
    func testFastPathAgreesWithGeneralParser() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789:::.,5")
        var inputs = ["0:00", "59:59", "60:00", "1:60", "00:00:00.000", "1:02:03,5", "1:02.", "1:02.1234567891",
                      "12.5:30", "1:12.5:30", "999999999999:00", "9999999999999:00", "0.5", ":30", "1::02", "1:2"]
        for _ in 0..<20_000 {
            inputs.append(String((0..<Int.random(in: 1...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }))
        }
        for s in inputs {
            XCTAssertEqual(Timestamp.parse(s), Timestamp.parse(" " + s), s)
        }
    }

    func testFormat() {
        XCTAssertEqual(Timestamp.format(6461), "01:47:41")
        XCTAssertEqual(Timestamp.formatShort(756), "12:36")
        XCTAssertEqual(Timestamp.formatShort(6461), "1:47:41")
        XCTAssertEqual(Timestamp.format(-3), "00:00:00")
        XCTAssertEqual(Timestamp.format(.infinity), "00:00:00")
    }
}
