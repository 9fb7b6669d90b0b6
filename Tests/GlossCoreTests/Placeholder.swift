import XCTest
final class PlaceholderGlossCoreTests: XCTestCase { func testNothing() {} }
