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

    func testFormat() {
        XCTAssertEqual(Timestamp.format(6461), "01:47:41")
        XCTAssertEqual(Timestamp.formatShort(756), "12:36")
        XCTAssertEqual(Timestamp.formatShort(6461), "1:47:41")
        XCTAssertEqual(Timestamp.format(-3), "00:00:00")
        XCTAssertEqual(Timestamp.format(.infinity), "00:00:00")
    }
}
