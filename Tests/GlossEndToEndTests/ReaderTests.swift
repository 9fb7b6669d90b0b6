import Foundation
import XCTest

/// The reader driven through tmux, as a user would: open the seeds, jump, search, help, resize, quit.
final class ReaderTests: XCTestCase {
    func testSeedsSession() throws {
        let tmux = try Tmux(width: 120, height: 40, command: try glossCommand([Harness.newsletter, Harness.article]))
        try tmux.wait("the first screen") { $0.contains("Chapters") && ($0.contains("? help") || $0.contains("documents indexed")) }
        try tmux.wait("indexing to finish") { $0.contains("claims checked") || $0.contains("Claims (") }
        // Jump to 20:00: lands in 00:12:36 "Is diffusion cope?" with its text.
        try tmux.keys(":")
        try tmux.wait("the jump prompt") { $0.components(separatedBy: "\n").contains { $0.hasPrefix(":") } }
        try tmux.literal("20:00")
        try tmux.keys("Enter")
        // (Each wait names everything it needs: a capture can land mid-frame.)
        try tmux.wait("the jump") { $0.contains("20:00 → 12:36 Is diffusion cope?") && $0.contains("About eight or nine months ago") }
        // Typing a time without the prompt key jumps too.
        try tmux.literal("5:00")
        try tmux.keys("Enter")
        try tmux.wait("the typed jump") { $0.contains("5:00 → 00:00 What exactly are we scaling?") || $0.contains("5:00 → 0:00") }
        // Backspace goes back to where that jump left from.
        try tmux.keys("BSpace")
        try tmux.wait("back") { $0.contains("back to ≈17:") && $0.contains("12:36 Is diffusion cope?") }
        // A mark: m a here, g to the top, ' a back.
        try tmux.keys("m", "a")
        try tmux.wait("the mark set") { $0.contains("mark a set at ≈17:") }
        try tmux.keys("g", "'", "a")
        try tmux.wait("the mark") { $0.contains("mark a at ≈17:") && $0.contains("12:36 Is diffusion cope?") }
        // Search shows the hit list, then the hit.
        try tmux.keys("/")
        try tmux.literal("country of geni")
        try tmux.wait("hits for a word half typed") { $0.contains("Hits · ^T this document only · ↑↓ choose") && $0.contains("/country of geni") }
        try tmux.literal("uses")
        try tmux.wait("search hits") { $0.contains("Hits · ^T this document only · ↑↓ choose") && $0.contains("/country of geniuses") }
        try tmux.keys("Enter")
        try tmux.wait("the first hit") { $0.contains("hit 1/") }
        // ^T searches this document only; ↑ at an empty prompt brings the last search back.
        try tmux.keys("/", "C-t")
        try tmux.literal("exponential")
        try tmux.wait("hits in this document") { $0.contains("Hits in this document · ^T all documents") && $0.contains(" hits here") }
        try tmux.keys("C-t", "Escape", "/", "Up")
        try tmux.wait("the last search again") { $0.contains("/country of geniuses") && $0.contains("Hits · ^T this document only") }
        try tmux.keys("Escape")
        // Every claim, the divergent ones on Tab; Enter goes to the evidence.
        try tmux.wait("claims checked") { $0.contains("claims checked") || !$0.contains("checking claims") }
        try tmux.keys("C")
        try tmux.wait("the claims list") { $0.contains("Claims · ✓ ") && $0.contains("all (Tab)") }
        try tmux.keys("Tab")
        try tmux.wait("the divergent claims") { $0.contains("divergent only (Tab)") && $0.contains("He thinks it is three to five years away.") }
        try tmux.keys("Enter")
        try tmux.wait("the evidence") { !$0.contains("Claims · ✓ ") && $0.contains("≈13:41") && $0.contains("12:36 Is diffusion cope?") }
        // Under its time, the verdicts of the claims checked against it.
        try tmux.wait("the verdicts under the time") { $0.contains("▌✓×5 ✗×2  within ten years") }
        // Help.
        try tmux.keys("?")
        try tmux.wait("help") { $0.contains("Gloss keys") && $0.contains("jump to a time") }
        try tmux.keys("Escape")
        try tmux.wait("help closed") { !$0.contains("Gloss keys") }
        // Resize down and back.
        try tmux.resize(50, 15)
        try tmux.wait("the small layout with its status bar") {
            ($0.contains(" Chapters  Text") || $0.contains("Text  Claims"))
                && Tmux.showsReader($0)
        }
        try tmux.resize(120, 40)
        try tmux.wait("the full layout again") { $0.contains("│") && $0.contains("Commentary") }
        // Quit: exit 0 and the terminal restored.
        try tmux.keys("q")
        XCTAssertEqual(try tmux.glossExitStatus(), 0)
        XCTAssertEqual(try tmux.display("#{alternate_on}#{cursor_flag}#{mouse_any_flag}"), "010")
    }

    func testThemesAndOpenAndCompare() throws {
        let tmux = try Tmux(width: 120, height: 40, command: try glossCommand([Harness.newsletter, Harness.article, "--theme", "light"]))
        try tmux.wait("the first screen") { $0.contains("? help") || $0.contains("documents indexed") }
        try tmux.keys("T")
        try tmux.wait("theme change") { $0.contains("theme: ") }
        try tmux.keys("o")
        try tmux.wait("the document list") { $0.contains("Open a document") }
        try tmux.keys("j", "Enter")
        try tmux.wait("the article") { $0.contains("Sections") && $0.contains("Quick summary") }
        try tmux.wait("indexing to finish") { !$0.contains("indexing") }
        try tmux.keys("c")
        try tmux.wait("the compare picker") { $0.contains("Compare") }
        try tmux.keys("Enter")
        try tmux.wait("the comparison") { $0.contains("Gloss │ compare │") && $0.contains("differences") }
        try tmux.keys("]")
        try tmux.wait("a difference") { $0.contains("difference ") && $0.contains("/") }
        try tmux.keys("q")
        try tmux.wait("the reader again") { $0.contains("comparison closed") }
        try tmux.keys("q")
        XCTAssertEqual(try tmux.glossExitStatus(), 0)
        XCTAssertEqual(try tmux.display("#{alternate_on}#{cursor_flag}#{mouse_any_flag}"), "010")
    }

    /// `gloss compare A B` on a terminal: the two titles head the columns, the keys are named in
    /// the status bar, `--no-mouse` leaves the mouse to the terminal and `--theme` is checked as
    /// the reader checks it.
    func testCompareCommandInTheTerminal() throws {
        let tmux = try Tmux(width: 120, height: 40, command: try glossCommand(["compare", Harness.article, Harness.newsletter, "--no-mouse"]))
        let screen = try tmux.wait("the comparison") { $0.contains("Gloss │ compare │") && $0.contains("differences") }
        let top = screen.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        XCTAssertTrue(top.hasPrefix(" Dario Amodei's Most Honest Interview"), top)
        XCTAssertTrue(top.contains("│ Dario Amodei — \"We are near the end of the exponential\""), top)
        XCTAssertTrue(screen.contains("] next difference · Tab one side · Esc reader · q quits"), screen)
        XCTAssertEqual(try tmux.display("#{mouse_any_flag}"), "0")
        // Search both documents: the hits by row, n to the next; Esc clears, and q still quits.
        try tmux.keys("/")
        try tmux.literal("revenue")
        try tmux.wait("the hits of both") { $0.contains("Hits in the two documents, by row") && $0.contains("5 hits") }
        try tmux.keys("Enter", "n")
        try tmux.wait("the second hit") { $0.contains("hit 2/5 for ‘revenue’, row ") && $0.contains("offers Anthropic’s revenue numbers") }
        try tmux.keys("Escape")
        try tmux.wait("the search cleared") { $0.contains("search cleared") && $0.contains("Gloss │ compare │") }
        // Enter opens the passage in its document; Backspace comes back to the comparison.
        try tmux.keys("Enter")
        try tmux.wait("the passage in the reader") { !$0.contains("Gloss │ compare │") && Tmux.showsReader($0) }
        try tmux.keys("BSpace")
        try tmux.wait("the comparison again") { $0.contains("back to the comparison") && $0.contains("Gloss │ compare │") }
        try tmux.keys("q")
        XCTAssertEqual(try tmux.glossExitStatus(), 0)
        let unknown = try Tmux(width: 120, height: 40, command: try glossCommand(["compare", Harness.article, Harness.newsletter, "--theme", "nosuch"]))
        try unknown.wait("the unknown theme named") { $0.contains("no theme ‘nosuch’; themes: default-dark") }
        try unknown.keys("q")
        XCTAssertEqual(try unknown.glossExitStatus(), 0)
    }

    /// Documents reopen where they were left, and a theme chosen with T stays chosen; the state
    /// file is written atomically and privately; `--at` wins; a corrupt state file is reported
    /// and replaced, never fatal.
    func testReopensWhereItWasLeft() throws {
        let folder = try Harness.temporaryFolder("state")
        let env = "XDG_STATE_HOME='\(folder)'"
        let file = folder + "/gloss/state.json"
        do {
            let tmux = try Tmux(width: 120, height: 40, command: try glossCommand([Harness.newsletter, Harness.article], env: env))
            try tmux.wait("the first screen") { Tmux.showsReader($0) }
            try tmux.literal("20:00")
            try tmux.keys("Enter")
            try tmux.wait("the jump") { $0.contains("20:00 → 12:36 Is diffusion cope?") }
            try tmux.keys("m", "a")
            try tmux.wait("the mark set") { $0.contains("mark a set at ≈") }
            try tmux.keys("T")
            try tmux.wait("the theme change") { $0.contains("theme: ") }
            try tmux.keys("q")
            XCTAssertEqual(try tmux.glossExitStatus(), 0)
        }
        // One private file, no temporary left beside it, holding the place and the theme.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/gloss"), ["state.json"])
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let saved = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        let key = URL(fileURLWithPath: Harness.newsletter).standardizedFileURL.resolvingSymlinksInPath().path
        let place = try XCTUnwrap((saved["documents"] as? [String: Any])?[key] as? [String: Any], "\(saved)")
        XCTAssertGreaterThan(place["item"] as? Int ?? 0, 0)
        XCTAssertNotNil(saved["theme"] as? String)
        let mark = try XCTUnwrap((saved["marks"] as? [String: Any])?["a"] as? [String: Any], "\(saved)")
        XCTAssertEqual(mark["path"] as? String, key)
        XCTAssertEqual(saved["times"] as? [String], ["20:00"], "the time entered, for ↑ in a later run")
        do {
            let tmux = try Tmux(width: 100, height: 30, command: try glossCommand([Harness.newsletter, Harness.article], env: env))
            try tmux.wait("the place left") { $0.contains("back where you left off at ≈") && $0.contains("12:36 Is diffusion cope?") }
            // The mark of the last run, from the top of the other document.
            try tmux.keys("o", "j", "Enter")
            try tmux.wait("the article") { $0.split(separator: "\n").last?.contains("Dario Amodei's") == true }
            try tmux.keys("'", "a")
            try tmux.wait("the mark") { $0.contains("mark a at ≈") && $0.contains("12:36 Is diffusion cope?") }
            // The time entered in the last run, back at the prompt.
            try tmux.keys("g", ":", "Up")
            try tmux.wait("the time recalled") { $0.split(separator: "\n").last?.hasPrefix(":20:00") == true }
            try tmux.keys("Escape", "q")
            XCTAssertEqual(try tmux.glossExitStatus(), 0)
        }
        do {
            let tmux = try Tmux(width: 120, height: 40, command: try glossCommand([Harness.newsletter, "--at", "5:00"], env: env))
            try tmux.wait("the time asked for") { $0.contains("5:00 → 00:00 What exactly are we scaling?") }
            XCTAssertFalse(try tmux.screen().contains("back where"))
            try tmux.keys("q")
            XCTAssertEqual(try tmux.glossExitStatus(), 0)
        }
        do {
            // A percentage is a place in the first document, an article too.
            let tmux = try Tmux(width: 120, height: 40, command: try glossCommand([Harness.article, Harness.newsletter, "--at", "50%"], env: env))
            try tmux.wait("half way through the article") { s in
                let status = s.split(separator: "\n").last ?? ""
                return status.contains("Dario Amodei's") && status.contains("│ 50% ")
            }
            try tmux.keys("q")
            XCTAssertEqual(try tmux.glossExitStatus(), 0)
        }
        try Data("{\"version\":1,\"documents\":".utf8).write(to: URL(fileURLWithPath: file))
        do {
            let tmux = try Tmux(width: 120, height: 40, command: try glossCommand([Harness.newsletter], env: env))
            try tmux.wait("the warning") { $0.contains("corrupt state file ignored: /") && Tmux.showsReader($0) }
            try tmux.keys("j", "q")
            XCTAssertEqual(try tmux.glossExitStatus(), 0)
        }
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any], "replaced by a good file")
    }

    /// A terminal the reader cannot draw on (TERM=dumb cannot move the cursor; an unknown TERM
    /// has no description; an empty one says nothing) gets one clear line and exit 1, not a
    /// blank screen.
    func testTerminalsItCannotDrawOn() throws {
        for (term, says) in [("dumb", "cannot move the cursor"), ("no-such-terminal", "no description of the terminal"), ("", "TERM is not set")] {
            let tmux = try Tmux(width: 100, height: 30, command: try glossCommand([Harness.newsletter], env: "TERM=\(term)"))
            XCTAssertEqual(try tmux.glossExitStatus(), 1)
            let screen = try tmux.screen()
            XCTAssertTrue(screen.hasPrefix("gloss: ") && screen.contains("TERM=\(term)") && screen.contains(says), screen)
        }
    }

    /// `gloss -` reads stdin once: what it holds is read, or said to be unreadable (it used to be
    /// read a second time, and called an empty file).
    func testStdinIsReadOnce() throws {
        let good = try Tmux(width: 100, height: 30, command: try glossCommand(["-"], stdin: Harness.newsletter))
        try good.wait("the newsletter from stdin") { $0.contains("Dario Amodei — \"We are near") && $0.contains("12:36 Is diffusion cop") && Tmux.showsReader($0) }
        try good.keys("q")
        XCTAssertEqual(try good.glossExitStatus(), 0)
        let file = try Harness.temporaryFolder("stdin") + "/binary"
        try Data([0, 1, 2, 0x62, 0x69, 0x6E, 0xFF, 0xFE, 0]).write(to: URL(fileURLWithPath: file))
        let bad = try Tmux(width: 100, height: 30, command: try glossCommand(["-"], stdin: file))
        XCTAssertEqual(try bad.glossExitStatus(), 1)
        let screen = try bad.screen()
        XCTAssertTrue(screen.hasPrefix("gloss: (stdin): binary data"), screen)
        // Standard input that is the terminal would wait on a blank screen: said, exit 2.
        let tty = try Tmux(width: 100, height: 30, command: try glossCommand(["-"]))
        XCTAssertEqual(try tty.glossExitStatus(), 2)
        let said = try tty.screen()
        XCTAssertTrue(said.hasPrefix("gloss: - reads a document from standard input, which is this terminal"), said)
        XCTAssertTrue(said.contains("Usage: gloss"), said)
    }

    /// `y` puts the passage on the terminal's clipboard (OSC 52; tmux keeps it as a buffer when
    /// `set-clipboard` is on), with its title, time and chapter.
    func testCopyReachesTheTerminalClipboard() throws {
        let tmux = try Tmux(width: 120, height: 40, command: try glossCommand([Harness.newsletter]))
        _ = tmux.command("set", "-g", "set-clipboard", "on")
        try tmux.wait("the first screen") { Tmux.showsReader($0) && $0.contains("12:36 Is diffusion cop") }
        try tmux.keys(":", "20:00", "Enter")
        try tmux.wait("the jump") { $0.contains("20:00 → 12:36 Is diffusion cope?") }
        try tmux.keys("y")
        try tmux.wait("the copy said") { $0.contains("copied the passage at ≈17:47 to the terminal's clipboard") }
        let buffer = tmux.command("show-buffer")
        XCTAssertTrue(buffer.hasPrefix("“About eight or nine months ago"), buffer)
        XCTAssertTrue(buffer.contains("— Dario Amodei — \"We are near the end of the exponential\" · ≈00:17:47 · Is diffusion cope?"), buffer)
        try tmux.keys("q")
        XCTAssertEqual(try tmux.glossExitStatus(), 0)
    }

    /// A caption file named only by its file takes the title of the notes about it, worked out
    /// by the loader's thread: in the text under its title, in the status bar, and in the list
    /// of documents, from the first screen after indexing and again once the claims are checked.
    func testCaptionsNamedByTheNotesAboutThem() throws {
        let episode = Harness.shared.appendingPathComponent("corpus/external/lexicap/episode_001_large.vtt").path
        let notes = Harness.shared.appendingPathComponent("corpus/external/lexnotes/1-max-tegmark.md").path
        let tmux = try Tmux(width: 120, height: 40, command: try glossCommand([episode, notes, "--no-mouse"]))
        try tmux.wait("the notes named under the title") {
            $0.contains("│ notes about it: 1 Max Tegmark ") && $0.contains("Gloss │ 1 Max Tegmark (episode_0")
        }
        try tmux.wait("claims checked") { $0.contains("claims checked") }
        try tmux.keys("o")
        try tmux.wait("the list of documents") { $0.contains("Open a document") && $0.contains("episode_001_large · 1 Max Tegmark") }
        try tmux.keys("Escape")
        try tmux.wait("the notes still named") { !$0.contains("Open a document") && $0.contains("│ notes about it: 1 Max Tegmark ") }
        try tmux.keys("q")
        XCTAssertEqual(try tmux.glossExitStatus(), 0)
    }

    func testBundledSampleOpensWithNoArguments() throws {
        let tmux = try Tmux(width: 100, height: 30, command: try glossCommand([]))
        try tmux.wait("the sample") { $0.contains("Shoreline") && Tmux.showsReader($0) && $0.contains("Introductions") }
        try tmux.keys("q")
        XCTAssertEqual(try tmux.glossExitStatus(), 0)
    }
}
