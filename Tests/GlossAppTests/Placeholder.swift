import XCTest
final class PlaceholderGlossAppTests: XCTestCase { func testNothing() {} }
