import Foundation
import XCTest
@testable import GlossRender

final class ThemeTests: XCTestCase {
    static let themesDir: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Themes").path
    }()

    func testShippedThemesParseAndCoverEveryRole() throws {
        let lib = ThemeLibrary.load(folder: Self.themesDir)
        XCTAssertTrue(lib.errors.isEmpty, "\(lib.errors)")
        XCTAssertEqual(lib.themes.map(\.name), ["default-dark", "ansi16", "high-contrast", "light"])
        for t in lib.themes {
            XCTAssertEqual(Set(t.styles.keys), Set(Role.allCases), "\(t.name) misses roles")
        }
        // The 16-colour theme uses only the ANSI palette.
        let ansi = lib.themes[1]
        for (_, s) in ansi.styles {
            for c in [s.fg, s.bg] {
                if case .ansi = c { continue }
                XCTAssertEqual(c, .default)
            }
        }
    }

    func testBuiltinMatchesDefaultFile() throws {
        let text = try String(contentsOfFile: Self.themesDir + "/default-dark.toml", encoding: .utf8)
        XCTAssertEqual(try Theme.parse(text, file: "default-dark.toml"), Theme.builtin)
    }

    func testBrokenThemeNamesFileAndLine() {
        XCTAssertThrowsError(try Theme.parse("name = \"x\"\n[roles]\nnormal = { fg = \"default\" }\nchapter = { fg = \"chartreuse-ish\" }\n", file: "bad.toml")) { e in
            XCTAssertEqual((e as? ThemeError)?.description, "bad.toml:4: role `chapter`: `fg` is not a colour (use a name, #rrggbb, 0–255 or \"default\")")
        }
        XCTAssertThrowsError(try Theme.parse("name = \"x\"\n[roles\nnormal = 1\n", file: "syntax.toml")) { e in
            XCTAssertEqual((e as? ThemeError)?.file, "syntax.toml")
            XCTAssertEqual((e as? ThemeError)?.line, 2)
        }
        XCTAssertThrowsError(try Theme.parse("name = \"x\"\n[roles]\nnormal = {}\nnot-a-role = { bold = true }\n", file: "r.toml")) { e in
            XCTAssertEqual((e as? ThemeError)?.description, "r.toml:4: unknown role `not-a-role`")
        }
    }

    func testBrokenFileFallsBackToDefault() throws {
        let dir = NSTemporaryDirectory() + "gloss-themes-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "name = broken".write(toFile: dir + "/broken.toml", atomically: true, encoding: .utf8)
        let lib = ThemeLibrary.load(folder: dir)
        XCTAssertEqual(lib.errors.count, 1)
        XCTAssertEqual(lib.themes, [Theme.builtin])
    }

    func testColourDegradation() {
        XCTAssertEqual(Color.parse("#303a4a")?.number(colors: 256), 237)
        XCTAssertEqual(Color.parse("#ff0000")?.number(colors: 256), 196)
        XCTAssertEqual(Color.parse("#ff0000")?.number(colors: 16), 9)
        XCTAssertEqual(Color.parse("#ff0000")?.number(colors: 8), 1)
        XCTAssertEqual(Color.parse("bright-cyan")?.number(colors: 8), 6)
        XCTAssertNil(Color.parse("default")?.number(colors: 256))
        let mono = Theme.builtin.monochrome()
        XCTAssertTrue(mono.styles.values.allSatisfy { $0.fg == .default && $0.bg == .default })
        XCTAssertTrue(mono.style(.selection).reverse)
    }
}
