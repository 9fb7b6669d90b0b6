import XCTest
@testable import GlossApp
import GlossRender

final class KeymapTests: XCTestCase {
    func testLessAndVimConventions() {
        let expected: [(Key, Action)] = [
            (.char("j"), .lineDown), (.down, .lineDown), (.char("k"), .lineUp), (.up, .lineUp),
            (.char(" "), .pageDown), (.pageDown, .pageDown), (.char("b"), .pageUp), (.pageUp, .pageUp),
            (.char("g"), .top), (.home, .top), (.char("G"), .bottom), (.end, .bottom),
            (.char("["), .previousChapter), (.char("]"), .nextChapter), (.tab, .focusNext), (.backTab, .focusPrevious),
            (.enter, .follow), (.char(":"), .jumpPrompt), (.char("t"), .jumpPrompt), (.char("/"), .searchPrompt),
            (.char("n"), .nextHit), (.char("N"), .previousHit), (.char("o"), .openDocument), (.char("T"), .cycleTheme),
            (.char("?"), .help), (.escape, .close), (.ctrl("l"), .redraw), (.char("q"), .quit), (.char("c"), .compareDocument),
        ]
        for (k, a) in expected { XCTAssertEqual(Keymap.action(for: k), a, "\(k)") }
        XCTAssertNil(Keymap.action(for: .char("z")))
    }

    func testNoKeyBoundTwice() {
        var seen: [Key: Action] = [:]
        for b in Keymap.bindings {
            for k in b.keys {
                XCTAssertNil(seen[k], "\(k) bound to \(seen[k].map { "\($0)" } ?? "") and \(b.action)")
                seen[k] = b.action
            }
        }
    }

    func testHelpIsGeneratedFromTheTable() {
        let help = helpText()
        for b in Keymap.bindings {
            let keys = b.keys.map(\.description).joined(separator: " ")
            // Its own line, or one shared with its neighbour ("down / up one line").
            XCTAssertTrue(help.contains { ($0.text == b.help && $0.key == keys)
                || ($0.key.hasPrefix(keys + " / ") || $0.key.hasSuffix(" / " + keys)) && $0.text.contains(" / ") }, b.help)
        }
        XCTAssertTrue(help.contains { $0.key == "j ↓ / k ↑" && $0.text == "down / up one line" })
        XCTAssertTrue(help.contains { $0.key == "n / N" && $0.text == "next / previous search hit" })
        XCTAssertTrue(help.contains { $0.key == "[ / ]" && $0.text == "previous / next chapter (or difference)" })
        XCTAssertEqual(pairedHelp("top", "bottom"), "top / bottom")
        XCTAssertNil(pairedHelp("down one page", "up half a page"))
        XCTAssertNil(pairedHelp("this help", "this help"))
        XCTAssertEqual(Set(Keymap.bindings.map(\.action)), Set(Action.allCases))
    }
}
