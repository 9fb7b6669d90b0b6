import XCTest
@testable import GlossApp
@testable import GlossCore
import GlossTestSupport
import GlossRender

/// `y` puts what is being read on the terminal's clipboard, with its source and time.
final class CopyTests: XCTestCase {
    func copiedText(_ effects: [Effect]) -> String? {
        for case .copy(let t) in effects { return t }
        return nil
    }

    func testCopiesThePassageTheClaimAndTheChapter() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        Fixtures.press(&s, .char(":"))
        Fixtures.type(&s, "20:00")
        Fixtures.press(&s, .enter)
        // The passage the jump marked: its words, then title, time and chapter.
        let passage = try XCTUnwrap(copiedText(update(&s, .event(.key(.char("y"))))))
        XCTAssertTrue(passage.hasPrefix("“About eight or nine months ago, I said the AI model will be writing 90%"), passage)
        XCTAssertTrue(passage.hasSuffix("productivity.”\n— Dario Amodei — \"We are near the end of the exponential\" · ≈00:17:47 · Is diffusion cope?"), passage)
        XCTAssertEqual(s.message?.text, "copied the passage at ≈17:47 to the terminal's clipboard")
        // The selected claim: what the summary says, where, its verdict and what was said.
        s.focus = .claims
        s.selected[.claims] = 0
        let claim = try XCTUnwrap(copiedText(update(&s, .event(.key(.char("y"))))))
        let c = claimsOnScreen(s)[0]
        XCTAssertTrue(claim.hasPrefix("“\(c.claim.text)”\n— Dario Amodei — \"We are near the end of the exponential\" · "), claim)
        XCTAssertTrue(claim.contains("\n\nWhat was said (\(c.verdict.rawValue)"), claim)
        XCTAssertTrue(claim.contains(" · ≈00:17:47 · Is diffusion cope?"), claim)
        XCTAssertEqual(s.message?.text, "copied the claim and evidence to the terminal's clipboard")
        // A chapter: its start and title. (The seed's "source URL" is a mail id, not an address: left out.)
        s.focus = .chapters
        s.selected[.chapters] = chapterRows(s).firstIndex { s.document!.sections[$0].title == "Is diffusion cope?" }
        XCTAssertEqual(copiedText(update(&s, .event(.key(.char("y"))))), "00:12:36 Is diffusion cope?\n— Dario Amodei — \"We are near the end of the exponential\"")
    }

    /// In the claims list, y copies the selected claim and the list stays open.
    func testClaimsListCopiesTheSelectedClaim() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        Fixtures.press(&s, .char("C"), .tab)  // divergent only
        let c = s.claims[try XCTUnwrap(claimsList(s, only: .divergent).first)]
        let text = try XCTUnwrap(copiedText(update(&s, .event(.key(.char("y"))))))
        XCTAssertTrue(text.hasPrefix("“\(c.claim.text)”"), text)
        XCTAssertTrue(text.contains("What was said (divergent: "), text)
        XCTAssertEqual(s.overlay, .claims(selected: 0, only: .divergent))
        XCTAssertEqual(s.message?.text, "copied the claim and evidence to the terminal's clipboard")
    }

    /// In a comparison: the row at the top, both passages, and the figures that differ; the side
    /// scrolled alone, by itself.
    func testCopiesAComparisonRow() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        // The commentary beside the newsletter, at the row of "three to five years".
        var c = CompareState(left: 1, right: 0, pairs: Aligner.align(try XCTUnwrap(s.index), left: 1, right: 0))
        let row = try XCTUnwrap(c.pairs.firstIndex { p in p.left.map { s.documents[1].paragraphs[$0].text.contains("three to five years") } ?? false })
        c.top = ScrollPosition(item: row, line: 0)
        s.compare = c
        let both = try XCTUnwrap(copiedText(update(&s, .event(.key(.char("y"))))))
        let parts = both.components(separatedBy: "\n\n")
        XCTAssertEqual(parts.count, 3, both)
        XCTAssertTrue(parts[0].contains("three to five years") && parts[0].contains("— Dario Amodei's Most Honest Interview"), parts[0])
        XCTAssertTrue(parts[1].contains("1-3 years") && parts[1].contains("— Dario Amodei — \"We are near the end of the exponential\""), parts[1])
        XCTAssertTrue(parts[2].hasPrefix("Figures differ: ") && parts[2].contains("3–5 years vs 1–3 years"), parts[2])
        XCTAssertEqual(s.message?.text, "copied row \(row + 1), both sides, to the terminal's clipboard")
        Fixtures.press(&s, .tab)  // the left side alone
        let left = try XCTUnwrap(copiedText(update(&s, .event(.key(.char("y"))))))
        XCTAssertEqual(left, parts[0])
    }

    /// Control characters go to the clipboard as the placeholders the screen shows: pasted into
    /// a shell, an escape sequence would be typed. The sequence itself carries only base64.
    func testControlCharactersAreNotCopied() throws {
        let doc = try DocumentLoader.parse(Array("Title\n\nText with \u{1B}]52;c;ZXZpbA==\u{07} and \u{9B}1m in it.".utf8), path: "hostile.txt")
        var s = Fixtures.state([doc], width: 100, height: 20)
        let text = try XCTUnwrap(copiedText(update(&s, .event(.key(.char("y"))))))
        XCTAssertFalse(text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }, text)
        XCTAssertTrue(text.contains("^[]52;c;ZXZpbA==^G"), text)
        let seq = clipboardSequence(text)
        XCTAssertTrue(seq.hasPrefix("\u{1B}]52;c;") && seq.hasSuffix("\u{07}"))
        let payload = seq.dropFirst(7).dropLast()
        XCTAssertTrue(payload.allSatisfy { $0.isLetter || $0.isNumber || "+/=".contains($0) })
        XCTAssertEqual(Data(base64Encoded: String(payload)).map { String(decoding: $0, as: UTF8.self) }, text)
    }

    /// The runtime hands the text to the terminal.
    func testRuntimeSendsTheCopyToTheTerminal() throws {
        let term = TestTerminal(width: 100, height: 30, events: [.key(.char("y"))])
        let runtime = Runtime(backend: term, state: Fixtures.state(try Fixtures.seedDocuments(), width: 100, height: 30), themes: [])
        runtime.run()
        XCTAssertEqual(term.copies.count, 1)
        XCTAssertTrue(term.copies[0].hasPrefix("“"), term.copies[0])
    }
}
