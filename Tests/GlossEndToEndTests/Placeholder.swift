import XCTest
final class PlaceholderGlossEndToEndTests: XCTestCase { func testNothing() {} }
