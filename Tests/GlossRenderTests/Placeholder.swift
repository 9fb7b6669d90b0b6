import XCTest
final class PlaceholderGlossRenderTests: XCTestCase { func testNothing() {} }
