import XCTest
@testable import GlossApp
@testable import GlossCore
import GlossRender
import GlossSample
import GlossTestSupport

/// Whole screens on the grid. The bundled sample (our own text) is kept as text and roles; the
/// seeds (other people's text) only as roles, with facts about their text asserted here.
final class ViewTests: XCTestCase {
    func checkGolden(_ grid: Grid, _ name: String, text: Bool) {
        if let diff = Golden.check(Golden.screen(grid, text: text), file: Fixtures.golden.appendingPathComponent(name)) {
            XCTFail("\(name): \(diff)")
        }
    }

    func testSampleGoldenScreens() {
        for (w, h) in [(120, 40), (60, 20)] {
            let s = Fixtures.state(Sample.documents(), width: w, height: h)
            checkGolden(view(s), "sample-\(w)x\(h).txt", text: true)
        }
        // A commentary passage making two supported claims counts them rather than repeating
        // the mark.
        let s = Fixtures.state(Sample.documents(), width: 120, height: 40)
        XCTAssertTrue(view(s).lines.contains { $0.hasSuffix("│ ✓×2 Shoreline: Tobias Ferrand on … ") }, view(s).text)
    }

    func testSeedScreens() throws {
        let docs = try Fixtures.seedDocuments()
        var s = Fixtures.state(docs, width: 120, height: 40)
        Fixtures.press(&s, .char(":"))
        Fixtures.type(&s, "20:00")
        Fixtures.press(&s, .enter)
        let g = view(s)
        checkGolden(g, "seeds-120x40-at-20m.txt", text: false)
        let text = g.text
        XCTAssertTrue(text.contains("12:36 Is diffusion cop… ✗ │"))           // chapter list, with its claims' gravest verdict
        XCTAssertTrue(text.contains("29:42 Is continual learn"))             // absent chapters listed
        XCTAssertTrue(text.contains("≈17:47"))                                // estimated paragraph time
        XCTAssertTrue(text.contains("Claims ("))
        XCTAssertTrue(text.contains("Commentary"))
        XCTAssertTrue(g.lines.last!.contains("12:36 Is diffusion cope?"))   // status: chapter
        // Roles: absent chapters are dimmed, the current chapter marked, the status bar styled.
        let chapterRow = g.lines.firstIndex { $0.hasPrefix("12:36 Is diffusion cop") }!
        XCTAssertEqual(g[0, chapterRow].role, .chapterCurrent)
        XCTAssertEqual(g[24, chapterRow].role, .claimDivergent)
        XCTAssertTrue(g.lines[chapterRow - 1].hasPrefix("00:00 What exactly are… ✓ │"), g.lines[chapterRow - 1])
        XCTAssertEqual(g[24, chapterRow - 1].role, .claimSupported)
        XCTAssertFalse(g.lines[chapterRow + 1].contains("✓") || g.lines[chapterRow + 1].contains("✗"), "no claims there: no mark")
        let absentRow = g.lines.firstIndex { $0.hasPrefix("29:42") }!
        XCTAssertEqual(g[6, absentRow].role, .chapterAbsent)
        XCTAssertEqual(g[0, 39].role, .status)

        var narrow = Fixtures.state(docs, width: 60, height: 20)
        Fixtures.press(&narrow, .char(":"))
        Fixtures.type(&narrow, "20:00")
        Fixtures.press(&narrow, .enter)
        let n = view(narrow)
        checkGolden(n, "seeds-60x20-at-20m.txt", text: false)
        XCTAssertTrue(n.lines[0].contains("Chapters"))
        XCTAssertTrue(n.text.contains("≈17:47"))
        // Under 80 columns the jump's message has the room it needs; the chapter comes back at
        // the next key.
        XCTAssertTrue(n.lines.last!.hasSuffix("20:00 → 12:36 Is diffusion cope? · ≈17:47 "), n.lines.last!)
        Fixtures.press(&narrow, .char("j"))
        XCTAssertTrue(view(narrow).lines.last!.contains("12:36 Is diffusion cope? │"), view(narrow).lines.last!)
    }

    /// A transcript without chapters is read in five-minute windows; the reader names each by
    /// its start and end once ("10:00 – 15:00"), not the start followed by the range again.
    func testWindowsWithoutChaptersAreNamedByTheirRange() throws {
        let path = SharedData.external.appendingPathComponent("lexicap/episode_001_large.vtt").path
        guard let data = FileManager.default.contents(atPath: path) else { throw XCTSkip("missing \(path)") }
        let doc = try DocumentLoader.parse([UInt8](data), path: "lexicap/episode_001_large.vtt")
        XCTAssertEqual(doc.sections[2].kind, .window)
        XCTAssertEqual(doc.sections[2].title, "00:10:00–00:15:00", "the model (toc, JSON) keeps the full range")
        var s = Fixtures.state([doc], width: 120, height: 40)
        Fixtures.press(&s, .char(":"))
        Fixtures.type(&s, "12:00")
        Fixtures.press(&s, .enter)
        let g = view(s)
        XCTAssertEqual(g.lines[1].prefix(26).trimmingCharacters(in: .whitespaces), "00:00 – 05:00")
        XCTAssertTrue(g.lines[3].hasPrefix("10:00 – 15:00 "), g.lines[3])
        XCTAssertTrue(g.lines.last!.contains("│ 10:00 – 15:00 │ 11:42 │"), g.lines.last!)
        XCTAssertEqual(s.message?.text, "12:00 → 10:00 – 15:00 · 11:42")
    }

    /// What a reader could not read as written is said under the title, as `gloss toc` says it.
    func testDocumentWarningsUnderTheTitle() throws {
        let docs = try Fixtures.seedDocuments()
        let g = view(Fixtures.state(docs, width: 120, height: 40))
        let header = g.lines.prefix(8).joined(separator: "\n")
        XCTAssertTrue(header.contains("! the transcript names its speakers only once: later"), header)
        let path = SharedData.external.appendingPathComponent("go-astisub/example-in.vtt").path
        guard let data = FileManager.default.contents(atPath: path) else { throw XCTSkip("missing \(path)") }
        let vtt = try DocumentLoader.parse([UInt8](data), path: path)
        let v = view(Fixtures.state([vtt], width: 120, height: 40)).text
        XCTAssertTrue(v.contains("! no cue's timings are in WebVTT's form"), v)
        XCTAssertTrue(v.contains("02:04  How did we end up here?"), v)
    }

    /// What the left of the status bar keeps as room runs out: the chapter longest.
    func testStatusBarLeftPart() {
        let title = "External test corpus — shared part"
        XCTAssertEqual(statusLeft(title: title, chapter: "", room: 80, width: 120), " Gloss │ External test corpus — shared part")
        XCTAssertEqual(statusLeft(title: title, chapter: "12:36 Is diffusion cope?", room: 80, width: 120),
                       " Gloss │ External test corpus — s… │ 12:36 Is diffusion cope?")
        XCTAssertEqual(statusLeft(title: title, chapter: "12:36 Is diffusion cope?", room: 40, width: 120),
                       " External te… │ 12:36 Is diffusion cope?")
        XCTAssertEqual(statusLeft(title: title, chapter: "12:36 Is diffusion cope?", room: 20, width: 50), " 12:36 Is diffusion…")
        XCTAssertEqual(statusLeft(title: title, chapter: "12:36 Is diffusion cope?", room: 4, width: 60), "")
    }

    /// A comparison's status bar leaves words out whole, its name first (at 100 columns beside a
    /// hint it read " Gloss │ co │ 1465 rows…").
    func testComparisonStatusBarDropsWholeWords() {
        func line(_ room: Int) -> String { let p = compareStatus(rows: 1465, differences: 72, focus: "synced", room: room); return p.left + p.accent }
        XCTAssertEqual(line(80), " Gloss │ compare │ 1465 rows · 72 differences · synced")
        XCTAssertEqual(line(48), " compare │ 1465 rows · 72 differences · synced")
        XCTAssertEqual(line(40), " 1465 rows · 72 differences · synced")
        XCTAssertEqual(line(30), " 72 differences · synced")
        XCTAssertEqual(line(20), " 72 diffs · synced")
        XCTAssertEqual(line(10), " synced")
        XCTAssertEqual(line(3), "")
    }

    func testTinySizesSurvive() throws {
        let docs = try Fixtures.seedDocuments()
        for (w, h) in [(1, 1), (2, 1), (19, 4), (20, 5), (40, 12), (0, 0)] {
            var s = Fixtures.state(docs, width: w, height: h)
            let g = view(s)
            XCTAssertEqual(g.width, w)
            XCTAssertEqual(g.height, h)
            // And with each overlay open.
            for keys: [Key] in [[.char("?")], [.char("o")], [.char("c")], [.char("C")], [.char("C"), .char("G")], [.char("/"), .char("a")], [.char(":")], [.char("=")]] {
                Fixtures.press(&s, .escape, .escape)
                for k in keys { _ = update(&s, .event(.key(k))) }
                let g = view(s)
                XCTAssertEqual([g.width, g.height], [w, h], "\(keys)")
            }
        }
        // 40×12 is usable: text, tabs and a status bar.
        let s = Fixtures.state(docs, width: 40, height: 12)
        let g = view(s)
        XCTAssertTrue(g.lines[0].contains("Text"))
        // The status bar keeps the chapter; the name Gloss and the title make room for it.
        XCTAssertTrue(g.lines[11].contains(" │ Brief │ 0%"), g.lines[11])
        XCTAssertTrue(g.text.contains("Brief"))
    }

    func testHelpOverlayListsKeys() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        Fixtures.press(&s, .char("?"))
        let t = view(s).text
        XCTAssertTrue(t.contains("Gloss keys"))
        XCTAssertTrue(t.contains("jump to a time"))
        XCTAssertTrue(t.contains("next theme"))
        // At 120×40 everything fits, the last line too, and the box does not scroll.
        XCTAssertTrue(t.contains("wheel scrolls the pane under it, click selects (--no-mouse: off)"), t)
        XCTAssertTrue(t.contains("∅ absent chapter"), t)
        XCTAssertTrue(t.contains("Gloss keys — Esc closes"), t)
    }

    /// On a small screen each description wraps onto more rows instead of being cut, the
    /// title says the box scrolls, and scrolling stops at the last row.
    func testHelpOverlayOnASmallScreen() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 60, height: 16)
        Fixtures.press(&s, .char("?"))
        var lines = view(s).lines
        XCTAssertTrue(lines[0].contains("Gloss keys — j k scroll · Esc closes"), lines[0])
        let jump = try XCTUnwrap(lines.firstIndex { $0.contains("jump to a time (or just type it):") })
        XCTAssertTrue(lines[jump + 1].contains("12:36, 1:47:41, 47m"), lines[jump + 1])
        let last = HelpLayout(width: 60, height: 16).maxScroll
        XCTAssertGreaterThan(last, 0)
        Fixtures.press(&s, .char("G"))
        XCTAssertEqual(s.overlay, .help(scroll: last))
        lines = view(s).lines
        XCTAssertTrue(lines[13].contains("chapter"), "the last row at the bottom: \(lines[13])")
        for _ in 0..<20 { Fixtures.press(&s, .char("j")) }
        XCTAssertEqual(s.overlay, .help(scroll: last))
        Fixtures.press(&s, .char("k"))
        XCTAssertEqual(s.overlay, .help(scroll: last - 1))
        Fixtures.press(&s, .char("g"))
        XCTAssertEqual(s.overlay, .help(scroll: 0))
        Fixtures.press(&s, .escape)
        XCTAssertNil(s.overlay)
        // At 50 columns a key wider than its column is shown whole on a row of its own, its
        // description under it: every key of the table appears whole somewhere.
        let narrow = HelpLayout(width: 50, height: 15)
        let shown = Set(narrow.rows.map(\.key))
        for l in helpText() where !l.isGroup { XCTAssertTrue(shown.contains(l.key), l.key) }
        let wide = try XCTUnwrap(narrow.rows.firstIndex { $0.key == "Space PgDn f Ctrl-F" })
        XCTAssertTrue(narrow.rows[wide].text.isEmpty)
        XCTAssertEqual(narrow.rows[wide + 1].key, "")
        XCTAssertEqual(narrow.rows[wide + 1].text.map(\.text).joined(), "down one page")
        var small = Fixtures.state(try Fixtures.seedDocuments(), width: 50, height: 15)
        Fixtures.press(&small, .char("?"))
        XCTAssertTrue(view(small).text.contains("│  Space PgDn f Ctrl-F "), view(small).text)
    }

    func testControlCharactersNeverReachTheGrid() {
        let hostile = "Title\u{1B}]0;pwned\u{07}\n\nText with \u{1B}[2J clear, OSC 52 \u{1B}]52;c;ZXZpbA==\u{07}, C1 \u{9B}1m and DEL \u{7F}."
        let doc = try! DocumentLoader.parse(Array(hostile.utf8), path: "hostile.txt")
        let s = Fixtures.state([doc], width: 100, height: 20)
        let g = view(s)
        for c in g.cells {
            for u in c.text.unicodeScalars { XCTAssertFalse(u.value < 0x20 || (0x7F...0x9F).contains(u.value), "raw control U+\(String(u.value, radix: 16))") }
        }
        XCTAssertTrue(g.text.contains("^[[2J"))
        XCTAssertTrue(g.cells.contains { $0.role == .placeholder })
    }

    func testRuntimeDrawsOnlyChanges() throws {
        let term = TestTerminal(width: 120, height: 40, events: [.key(.char("j")), .key(.char("j")), .resize(width: 80, height: 24), .key(.char("q"))])
        let runtime = Runtime(backend: term, state: Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40), themes: [Theme.builtin])
        runtime.run()
        XCTAssertEqual(term.frames.count, 4)   // first screen, two scrolls, resize
        XCTAssertEqual(term.changedCells[0], 120 * 40)
        XCTAssertLessThan(term.changedCells[1], 120 * 40 / 2)
        XCTAssertEqual(term.lastFrame?.width, 80)
        XCTAssertEqual(term.theme, Theme.builtin)
    }
}
