import XCTest
@testable import GlossApp
@testable import GlossCore
import GlossTestSupport
import GlossRender
import GlossSample

final class UpdateTests: XCTestCase {
    func testJumpToTimeLandsInChapter() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        Fixtures.press(&s, .char(":"))
        XCTAssertEqual(s.overlay, .prompt(.jump, ""))
        Fixtures.type(&s, "20:00")
        Fixtures.press(&s, .enter)
        XCTAssertNil(s.overlay)
        let doc = try XCTUnwrap(s.document)
        let layout = try XCTUnwrap(currentLayout(s))
        let section = try XCTUnwrap(currentSection(s))
        _ = layout
        XCTAssertEqual(doc.sections[section].title, "Is diffusion cope?")
        XCTAssertEqual(doc.sections[section].start, 756)
        XCTAssertEqual(s.highlight?.doc, 0)
        XCTAssertTrue(s.message?.text.contains("12:36 Is diffusion cope?") == true, s.message?.text ?? "")
        // Every timestamp form works; a time in an absent chapter says so.
        for (text, title) in [("1:47:41", "Why can’t China"), ("47m", "If AGI is imminent"), ("1h31m19s", "Will regulations"), ("90s", "What exactly")] {
            Fixtures.press(&s, .char(":"))
            Fixtures.type(&s, text)
            Fixtures.press(&s, .enter)
            let sec = currentSection(s)!
            XCTAssertTrue(s.document!.sections[sec].title.hasPrefix(title), "\(text) → \(s.document!.sections[sec].title)")
        }
        XCTAssertTrue(s.message?.text.contains("What exactly") == true)
        Fixtures.press(&s, .char(":"))
        Fixtures.type(&s, "99:99:99")
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.message?.isError, true)
        // Past the stated 2:22:00 there is nothing, not even an absent chapter: the place stays.
        let before = s.position
        Fixtures.press(&s, .char(":"))
        Fixtures.type(&s, "5:00:00")
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.message, StatusMessage(text: "5:00:00 is past the end (2:22:00)", isError: true))
        XCTAssertEqual(s.position, before)
    }

    func testJumpInAnArticleSaysWhyNot() throws {
        var s = Fixtures.state([try Fixtures.seedDocuments()[1]], width: 80, height: 20)
        Fixtures.press(&s, .char(":"))
        Fixtures.type(&s, "12:36")
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.message?.isError, true)
        XCTAssertTrue(s.message?.text.hasPrefix("no times to jump to in this article: Dario Amodei's Most Honest") == true, s.message?.text ?? "")
        XCTAssertTrue(view(s).lines.last!.contains("no times to jump to"))
    }

    /// `C` lists every claim under the document that makes it; Tab shows one verdict at a time;
    /// Enter goes to the evidence (a claim not found: to where it is made), `v` to where it is
    /// made; Esc closes.
    func testClaimsList() throws {
        let docs = try Fixtures.seedDocuments()
        var s = Fixtures.state(docs, width: 120, height: 40)
        let count = { (v: Verdict) in s.claims.filter { $0.verdict == v }.count }
        Fixtures.press(&s, .char("C"))
        var text = view(s).text
        XCTAssertTrue(text.contains("Claims · ✓ \(count(.supported)) ✗ \(count(.divergent)) ? \(count(.notFound)) · all (Tab)"), text)
        XCTAssertTrue(text.contains("│ Dario Amodei — \"We are near the end of the exponential\" · transcript · newsletter "), text)
        XCTAssertTrue(text.contains("  ? Brief "), text)
        Fixtures.press(&s, .tab)
        text = view(s).text
        XCTAssertTrue(text.contains("divergent only (Tab)"), text)
        XCTAssertFalse(text.contains("  ? Brief "), text)
        let divergent = claimsList(s, only: .divergent)
        let years = try XCTUnwrap(divergent.firstIndex { s.claims[$0].claim.text == "He thinks it is three to five years away." })
        for _ in 0..<years { Fixtures.press(&s, .char("j")) }
        XCTAssertTrue(view(s).text.contains("He thinks it is three to five years away.") && view(s).text.contains("→ ≈13:41"))
        // What it gets wrong, on the list's bottom edge.
        XCTAssertTrue(view(s).text.contains("└─ ✗ 3–5 years vs 10 years ─"), view(s).text)
        Fixtures.press(&s, .enter)
        XCTAssertNil(s.overlay)
        XCTAssertEqual(s.current, 0)
        XCTAssertEqual(s.highlight.map { docs[0].paragraphs[$0.paragraph].timeLabel }, "≈13:41")
        // The claims pane beside the evidence has that claim selected.
        let row = try XCTUnwrap(s.selected[.claims])
        XCTAssertEqual(claimsOnScreen(s)[row].claim.text, "He thinks it is three to five years away.")
        // v: where the claim is made.
        Fixtures.press(&s, .char("C"), .tab)
        for _ in 0..<years { Fixtures.press(&s, .char("j")) }
        Fixtures.press(&s, .char("v"))
        XCTAssertEqual(s.current, 1)
        XCTAssertEqual(s.highlight, s.claims[divergent[years]].claim.source)
        // A claim not found: Enter shows where it is made, and says why.
        Fixtures.press(&s, .char("C"), .tab, .tab)
        XCTAssertTrue(view(s).text.contains("not found only (Tab)"))
        let first = try XCTUnwrap(claimsList(s, only: .notFound).first.map { s.claims[$0] })
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.highlight, first.claim.source)
        XCTAssertTrue(s.message?.text.hasPrefix("no transcript passage supports this claim") == true, s.message?.text ?? "")
        // / filters by the claim's words, section and document, as typed; Esc clears, then closes.
        Fixtures.press(&s, .char("C"), .char("/"))
        Fixtures.type(&s, "REVENUE money")
        let revenue = claimsList(s, only: nil)
        XCTAssertEqual(Set(revenue.map { s.claims[$0].claim.heading }), ["The Money Problem: Does Frontier AI Survive Economically?"])
        XCTAssertEqual(revenue.count, 2, "\(revenue.map { s.claims[$0].claim.text })")
        text = view(s).text
        XCTAssertTrue(text.contains("Claims /REVENUE money▏ 2 of \(s.claims.count)"), text)
        Fixtures.type(&s, "jq")
        XCTAssertTrue(view(s).text.contains("no claim has those words"))
        Fixtures.press(&s, .ctrl("u"))
        XCTAssertEqual(s.listFilter, "")
        XCTAssertEqual(claimsList(s, only: nil).count, s.claims.count)
        Fixtures.press(&s, .escape)
        XCTAssertNil(s.listFilter)
        XCTAssertNotNil(s.overlay)
        Fixtures.press(&s, .escape)
        XCTAssertNil(s.overlay)
        // The claim chosen under a filter stays chosen when Esc drops the filter.
        Fixtures.press(&s, .char("C"), .char("/"))
        Fixtures.type(&s, "REVENUE money")
        Fixtures.press(&s, .down, .escape)
        XCTAssertEqual(s.overlay, .claims(selected: revenue[1], only: nil))
        Fixtures.press(&s, .escape)
        // From the article, the list opens at the article's claims.
        Fixtures.press(&s, .char("o"), .char("G"), .enter)
        XCTAssertEqual(s.current, 1)
        Fixtures.press(&s, .char("C"))
        guard case .claims(let at, nil)? = s.overlay else { return XCTFail("no claims list") }
        XCTAssertEqual(s.claims[at].claim.source.doc, 1)
        XCTAssertNotEqual(s.claims[max(0, at - 1)].claim.source.doc, 1)
        Fixtures.press(&s, .escape)
        // Before claims are checked there is nothing to list, and the reader says so.
        var bare = AppState(documents: docs, width: 120, height: 40, themeNames: ["default-dark"])
        Fixtures.press(&bare, .char("C"))
        XCTAssertNil(bare.overlay)
        XCTAssertEqual(bare.message?.text, "no claims in these documents")
    }

    /// `=` (and Ctrl-G) shows what the document is and where the reader is, as less's `=` does;
    /// any key closes it (one taller than the screen scrolls with j k first).
    func testDocumentInfo() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        Fixtures.type(&s, "13:41")
        Fixtures.press(&s, .enter, .char("="))
        XCTAssertEqual(s.overlay, .info(scroll: 0))
        let rows = Dictionary(documentInfo(s), uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(rows["chapters"], "7, 5 listed but not in the text")
        XCTAssertEqual(rows["length"], "02:22:00")
        XCTAssertEqual(rows["speakers"], "Dario Amodei, Dwarkesh Patel")
        XCTAssertEqual(rows["at"], "paragraph \(try XCTUnwrap(s.highlight).paragraph + 1) of 58, ≈13:41")
        XCTAssertTrue(view(s).text.contains("This document · any key closes"))
        Fixtures.press(&s, .char("j"))
        XCTAssertNil(s.overlay)
        Fixtures.press(&s, .ctrl("g"))
        XCTAssertEqual(s.overlay, .info(scroll: 0))
        // On a screen too short for it, j k scroll it to its last line; other keys close it.
        Fixtures.press(&s, .escape)
        _ = update(&s, .event(.resize(width: 40, height: 12)))
        Fixtures.press(&s, .char("="))
        var text = view(s).text
        XCTAssertTrue(text.contains("This document · j k scroll ─"), text)
        XCTAssertFalse(text.contains("speakers"), text)
        let last = InfoLayout(s).maxScroll
        XCTAssertGreaterThan(last, 0)
        Fixtures.press(&s, .char("G"))
        XCTAssertEqual(s.overlay, .info(scroll: last))
        text = view(s).text
        XCTAssertTrue(text.contains("speakers"), text)
        XCTAssertFalse(text.contains("│ title "), text)
        Fixtures.press(&s, .char("k"), .char("k"))
        XCTAssertEqual(s.overlay, .info(scroll: last - 2))
        // The wheel scrolls it too, and leaves it open where it fits.
        _ = update(&s, .event(.mouse(MouseEvent(kind: .wheelUp, x: 20, y: 5))))
        XCTAssertEqual(s.overlay, .info(scroll: max(0, last - 5)))
        Fixtures.press(&s, .char("x"))
        XCTAssertNil(s.overlay)
        _ = update(&s, .event(.resize(width: 120, height: 40)))
        Fixtures.press(&s, .char("="))
        _ = update(&s, .event(.mouse(MouseEvent(kind: .wheelDown, x: 60, y: 20))))
        XCTAssertEqual(s.overlay, .info(scroll: 0))
    }

    /// `50%` goes that far through the document, as the status bar counts, in an article too;
    /// Backspace comes back.
    func testJumpToAPercentage() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        for (pct, shown) in [(50, "50%"), (100, "100%"), (0, "0%")] {
            Fixtures.type(&s, "\(pct)%")
            Fixtures.press(&s, .enter)
            XCTAssertTrue(s.message?.text.hasPrefix("\(pct)%") == true, s.message?.text ?? "")
            XCTAssertTrue(view(s).lines.last!.contains("│ \(shown) "), view(s).lines.last!)
        }
        Fixtures.press(&s, .char("o"), .char("j"), .enter, .char(":"))
        Fixtures.type(&s, "50%")
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.current, 1)
        XCTAssertTrue(view(s).lines.last!.contains("│ 50% "), view(s).lines.last!)
        Fixtures.press(&s, .backspace)
        XCTAssertEqual(s.position.item, 0)
        Fixtures.type(&s, "150%")
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.message?.isError, true)
    }

    /// ↑ at the time prompt brings back the times entered before, newest first, and ↓ past the
    /// newest what was being typed; an entry used again moves to the end, once.
    func testTimePromptRecallsEarlierTimes() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        for t in ["12:36", "5:00", "12:36"] {
            Fixtures.type(&s, t)
            Fixtures.press(&s, .enter)
        }
        XCTAssertEqual(s.promptHistory[.jump], ["5:00", "12:36"])
        Fixtures.press(&s, .char(":"))
        XCTAssertTrue(view(s).lines.last!.contains("↑ earlier"), view(s).lines.last!)
        Fixtures.type(&s, "1")
        Fixtures.press(&s, .up)
        XCTAssertEqual(s.overlay, .prompt(.jump, "12:36"))
        Fixtures.press(&s, .up)
        XCTAssertEqual(s.overlay, .prompt(.jump, "5:00"))
        Fixtures.press(&s, .up)
        XCTAssertEqual(s.overlay, .prompt(.jump, "5:00"), "the oldest stays")
        Fixtures.press(&s, .down, .down)
        XCTAssertEqual(s.overlay, .prompt(.jump, "1"), "past the newest: what was typed")
        Fixtures.press(&s, .ctrl("p"), .backspace)
        XCTAssertEqual(s.overlay, .prompt(.jump, "12:3"))
        Fixtures.press(&s, .up)
        XCTAssertEqual(s.overlay, .prompt(.jump, "12:36"), "an edited entry is typed text: ↑ starts again from the newest")
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.document!.sections[currentSection(s)!].title, "Is diffusion cope?")
        XCTAssertEqual(s.promptHistory[.jump], ["5:00", "12:36"])
    }

    /// At the search prompt ↑ ↓ choose a hit, but ↑ with nothing typed, and ^P ^N at any time,
    /// bring back earlier searches, their hits listed.
    /// `/` Enter with nothing typed searches for the last search again, as less and vim do.
    func testEmptySearchRepeatsTheLastOne() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        Fixtures.press(&s, .char("/"), .enter)
        XCTAssertNil(s.search, "no earlier search: nothing")
        Fixtures.press(&s, .char("/"))
        Fixtures.type(&s, "geniuses")
        Fixtures.press(&s, .enter, .escape)
        XCTAssertNil(s.search)
        Fixtures.press(&s, .char("g"), .char("/"), .enter)
        XCTAssertEqual(s.search?.query, "geniuses")
        XCTAssertTrue(s.message?.text.hasPrefix("hit 1/") == true, s.message?.text ?? "")
        XCTAssertEqual(s.promptHistory[.search], ["geniuses"])
        // `:` Enter with nothing typed closes the prompt and says nothing, as in vim.
        s.message = nil
        Fixtures.press(&s, .char(":"), .enter)
        XCTAssertNil(s.overlay)
        XCTAssertNil(s.message)
    }

    func testSearchPromptRecallsEarlierSearches() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        Fixtures.press(&s, .char("/"), .up)
        XCTAssertEqual(s.overlay, .prompt(.search, ""))
        XCTAssertEqual(s.message?.text, "no earlier searches")
        for q in ["country of geniuses", "exponential"] {
            Fixtures.type(&s, q)
            Fixtures.press(&s, .enter, .char("/"))
        }
        XCTAssertTrue(view(s).lines.last!.contains("↑ earlier searches"), view(s).lines.last!)
        Fixtures.press(&s, .up)
        XCTAssertEqual(s.overlay, .prompt(.search, "exponential"))
        XCTAssertEqual(s.search?.query, "exponential")
        XCTAssertGreaterThan(s.search?.hits.count ?? 0, 2)
        Fixtures.press(&s, .up)
        XCTAssertEqual(s.overlay, .prompt(.search, "exponential"), "with hits listed, ↑ chooses among them")
        Fixtures.press(&s, .down)
        XCTAssertEqual(s.hitSelection, 1)
        Fixtures.press(&s, .ctrl("p"))
        XCTAssertEqual(s.overlay, .prompt(.search, "country of geniuses"))
        XCTAssertEqual(s.hitSelection, 0)
        Fixtures.press(&s, .ctrl("n"), .ctrl("n"))
        XCTAssertEqual(s.overlay, .prompt(.search, ""))
        XCTAssertNil(s.search, "back to nothing typed: no hits")
        Fixtures.press(&s, .ctrl("p"), .enter)
        XCTAssertEqual(s.search?.query, "exponential")
        XCTAssertEqual(s.promptHistory[.search], ["country of geniuses", "exponential"])
        // With no search (cleared, or in a later run), n repeats the last one entered, as in less.
        Fixtures.press(&s, .escape)
        XCTAssertNil(s.search)
        Fixtures.press(&s, .char("n"))
        XCTAssertEqual(s.search?.query, "exponential")
        // (The first hit is the article's heading "We Are Near the End of the Exponential".)
        let first = try XCTUnwrap(s.search?.hits.first?.section)
        XCTAssertEqual(s.current, s.search?.hits.first?.ref.doc)
        XCTAssertEqual(s.documents[s.current].sections[first].title, "\"We Are Near the End of the Exponential\"")
        XCTAssertEqual(currentSection(s), first)
        XCTAssertTrue(s.message?.text.hasSuffix("for ‘exponential’ (the last search)") == true, s.message?.text ?? "")
        s.search = nil
        s.promptHistory[.search] = []
        Fixtures.press(&s, .char("n"))
        XCTAssertEqual(s.message?.text, "no search; press / to search")
    }

    func testTypingATimeJumpsWithoutAPromptKey() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        Fixtures.type(&s, "1")
        XCTAssertEqual(s.overlay, .prompt(.jump, "1"))
        Fixtures.type(&s, "2:36")
        Fixtures.press(&s, .enter)
        XCTAssertNil(s.overlay)
        XCTAssertEqual(s.document!.sections[currentSection(s)!].title, "Is diffusion cope?")
        XCTAssertTrue(s.message?.text.contains("12:36 Is diffusion cope?") == true, s.message?.text ?? "")
    }

    /// On a large corpus the index arrives first (search works), the claims later with progress.
    func testClaimsArriveAfterTheIndex() throws {
        let docs = try Fixtures.seedDocuments()
        var s = AppState(documents: docs, width: 120, height: 40)
        let index = CorpusIndex(documents: docs)
        _ = update(&s, .corpusReady(documents: docs, index: index, claims: [], problems: [], claimsPending: true))
        XCTAssertEqual(s.loading?.stage, .checkingClaims)
        var text = view(s).text
        XCTAssertTrue(text.contains("checking claims…"), text)
        Fixtures.press(&s, .char("/"))
        Fixtures.type(&s, "country of geniuses")
        XCTAssertFalse(s.search?.hits.isEmpty ?? true)
        Fixtures.press(&s, .escape)
        _ = update(&s, .progress(LoadingProgress(.checkingClaims, done: 5, total: 40)))
        XCTAssertTrue(view(s).lines.last!.contains("checking claims 5/40…"))
        let checker = ClaimChecker(index: index)
        let claims = checker.check(checker.extractClaims())
        _ = update(&s, .claimsReady(claims))
        XCTAssertNil(s.loading)
        XCTAssertEqual(s.claims.count, claims.count)
        text = view(s).text
        XCTAssertFalse(text.contains("checking claims"))
        XCTAssertTrue(text.contains("Claims ("))
    }

    /// What each document is about comes worked out with the corpus and the claims (the loader
    /// works it out in the background), and the reader takes it as it is.
    func testSubjectsComeWithTheCorpusAndTheClaims() throws {
        let docs = try Fixtures.seedDocuments()
        var s = AppState(documents: docs, width: 120, height: 40)
        let index = CorpusIndex(documents: docs)
        let computed = ClaimChecker.subjectsWithSections([], documents: docs)
        XCTAssertEqual(computed.documents, [:], "without claims, and with one transcript not numbered, nothing tells")
        // Given with the corpus: taken as given (an article said to be about the transcript).
        _ = update(&s, .corpusReady(documents: docs, index: index, claims: [], problems: [], claimsPending: true,
                                    subjects: (documents: [1: [0]], sections: [:])))
        XCTAssertEqual(subjectsOf(s), [1: [0]])
        XCTAssertEqual(writtenAbout(s)[0], [docs[1].title])
        // Claims without them: worked out here, from the claims.
        let checker = ClaimChecker(index: index)
        let claims = checker.check(checker.extractClaims())
        _ = update(&s, .claimsReady(claims))
        XCTAssertEqual(subjectsOf(s), ClaimChecker.subjectsWithSections(claims, documents: docs).documents)
        _ = update(&s, .claimsReady(claims, subjects: (documents: [:], sections: [:])))
        XCTAssertEqual(subjectsOf(s), [:])
    }

    func testIncrementalSearchAcrossDocuments() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        Fixtures.press(&s, .char("/"))
        Fixtures.type(&s, "country of geniuses")
        let hits = try XCTUnwrap(s.search?.hits)
        XCTAssertEqual(Set(hits.map(\.ref.doc)), [0, 1])
        // Each hit says where it is: its time, else its section; the phrase is in sight.
        let rows = view(s).lines.filter { $0.contains(" │ ") && $0.contains("country of geniuses") }
        XCTAssertTrue(rows.contains { $0.hasPrefix(" ≈13:41 ") }, rows.joined(separator: "\n"))
        XCTAssertTrue(rows.contains { $0.hasPrefix(" Brief ") }, rows.joined(separator: "\n"))
        Fixtures.press(&s, .enter)
        XCTAssertNil(s.overlay)
        XCTAssertEqual(s.search?.current, 0)
        let first = hits[0].ref
        XCTAssertEqual(s.current, first.doc)
        Fixtures.press(&s, .char("n"))
        XCTAssertEqual(s.search?.current, 1)
        XCTAssertEqual(s.current, hits[1].ref.doc)
        Fixtures.press(&s, .char("N"), .char("N"))
        XCTAssertEqual(s.search?.current, hits.count - 1)
        Fixtures.press(&s, .escape)
        XCTAssertNil(s.search)
    }

    /// ^T at the search prompt searches the document being read: every hit of it, in reading
    /// order, the first chosen at or after the top of the pane; n walks on in order; ^T again
    /// searches all documents by rank. The choice stays for the next search.
    /// Enter goes to the hit chosen in the list with ↓ ↑, not back to the first (it ran the
    /// search again, as typed, and that chose the first).
    func testEnterGoesToTheChosenHit() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        Fixtures.press(&s, .char("/"))
        Fixtures.type(&s, "datacenter")
        let hits = try XCTUnwrap(s.search?.hits)
        let k = try XCTUnwrap(hits.firstIndex { s.documents[$0.ref.doc].paragraphs[$0.ref.paragraph].timeLabel == "≈13:41" && $0.section == nil })
        for _ in 0..<k { Fixtures.press(&s, .down) }
        Fixtures.press(&s, .enter)
        XCTAssertNil(s.overlay)
        XCTAssertEqual(s.search?.current, k)
        XCTAssertTrue(s.message?.text.hasPrefix("hit \(k + 1)/\(hits.count)") == true, s.message?.text ?? "")
        XCTAssertEqual(currentSection(s).map { s.documents[s.current].sections[$0].title }, "Is diffusion cope?")
        // Typed again and left as it is, Enter goes to the first, as before.
        Fixtures.press(&s, .char("/"))
        Fixtures.type(&s, "datacenter")
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.search?.current, 0)
    }

    /// A hit late in a long paragraph (a long turn of captions) is scrolled into sight
    /// on a small screen, where the paragraph's top would leave it below the pane; so is the
    /// quotation a claim is followed to.
    func testAHitLateInAParagraphIsOnScreen() throws {
        let ext = SharedData.external.path
        let docs = try [ext + "/lexicap/episode_104_large.vtt", ext + "/lexnotes/104-david-patterson.md"].map { path in
            guard let d = FileManager.default.contents(atPath: path) else { throw XCTSkip("missing \(path)") }
            return try DocumentLoader.parse([UInt8](d), path: path, keepCues: false)
        }
        var s = Fixtures.state(docs, width: 60, height: 12)
        Fixtures.press(&s, .char("/"))
        Fixtures.type(&s, "\"you were right. I love you\"")
        // Listed at the time the words were said, not the paragraph's 1:47:53.
        XCTAssertTrue(view(s).lines.contains { $0.hasPrefix(" 1:48:16 ") && $0.contains("episode_104") }, view(s).lines.joined(separator: "\n"))
        Fixtures.press(&s, .enter)
        // (The notes quote it too.)
        XCTAssertEqual(s.search?.hits.map(\.ref.doc).sorted(), [0, 1])
        if s.current != 0 { Fixtures.press(&s, .char("n")) }
        XCTAssertEqual(s.current, 0)
        let screen = view(s).lines.joined(separator: "\n")
        XCTAssertTrue(screen.contains("You were right. I love") || screen.contains("You were") && screen.contains("right. I love you"), screen)
        // The paragraph starts at 1:47:53, fourteen lines above.
        XCTAssertFalse(screen.contains("1:47:53  Trey"), screen)
        // A time said far into the paragraph: its caption is on screen, and the bar says its time.
        var t = Fixtures.state(docs, width: 60, height: 12)
        Fixtures.press(&t, .char(":"))
        Fixtures.type(&t, "1:48:11")
        Fixtures.press(&t, .enter)
        XCTAssertEqual(t.message?.text, "1:48:11 → 1:45:00 – 1:50:00 · 1:48:10")
        let then = view(t).lines
        XCTAssertTrue(then.contains { $0.contains("I can tell you the nine") }, then.joined(separator: "\n"))
        XCTAssertFalse(then.contains { $0.contains("1:47:53  Trey") }, then.joined(separator: "\n"))
        XCTAssertTrue(then.last?.contains("1:48:07 │ 98%") == true, then.last ?? "")
        // From the claims list, the nine magic words where they were said.
        var c = Fixtures.state(docs, width: 60, height: 12)
        Fixtures.press(&c, .char("C"), .char("G"))
        // Listed at the time the quotation was said (its passage starts at 1:47:53).
        XCTAssertTrue(view(c).lines.contains { $0.contains("nine magic") && $0.contains("→ 1:48:10") }, view(c).lines.joined(separator: "\n"))
        Fixtures.press(&c, .enter)
        XCTAssertTrue(c.message?.text.hasPrefix("✓ supported · 1:48:10 · ") == true, c.message?.text ?? "")
        let evidence = view(c).lines.joined(separator: "\n")
        XCTAssertTrue(evidence.contains("magic words are, I was wrong") || evidence.contains("magic words are,"), evidence)
    }

    /// A time searched for is a hit where the transcript is then: Enter goes there, as `:` would.
    func testSearchForATimeGoesThere() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        Fixtures.press(&s, .char("/"))
        Fixtures.type(&s, "20:00")
        let first = try XCTUnwrap(s.search?.hits.first)
        XCTAssertEqual(first.time, 1200)
        XCTAssertEqual(s.search?.someWords, false)
        let screen = view(s).lines
        XCTAssertTrue(screen.contains { $0.contains("≈17:47") && $0.contains("│ at 20:00 · About eight or nine months ago") }, screen.joined(separator: "\n"))
        Fixtures.press(&s, .enter)
        XCTAssertEqual(currentSection(s).map { s.documents[s.current].sections[$0].title }, "Is diffusion cope?")
        XCTAssertEqual(s.highlight, first.ref)
        XCTAssertTrue(s.message?.text.hasPrefix("20:00 → 12:36 Is diffusion cope? · ≈17:47 · hit 1/1 for ‘20:00’") == true, s.message?.text ?? "")
        // A chapter the text stops before, as `:` says it.
        Fixtures.press(&s, .char("/"))
        Fixtures.type(&s, "1:50:00")
        Fixtures.press(&s, .enter)
        XCTAssertTrue(s.message?.text.hasPrefix("1:50:00 → 1:47:41 Why can’t China and America both have a country of geniuses in a datacenter? · not in the text · hit 1/1") == true, s.message?.text ?? "")
    }

    func testSearchInThisDocumentOnly() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        let doc = s.documents[0]
        Fixtures.press(&s, .char("/"))
        Fixtures.type(&s, "geniuses")
        let everywhere = try XCTUnwrap(s.search?.hits)
        XCTAssertEqual(Set(everywhere.map(\.ref.doc)), [0, 1])
        Fixtures.press(&s, .ctrl("t"))
        XCTAssertEqual(s.message?.text, "searching this document, in reading order")
        let here = try XCTUnwrap(s.search)
        XCTAssertEqual(here.within, 0)
        XCTAssertEqual(Set(here.hits.map(\.ref.doc)), [0])
        XCTAssertEqual(here.hits.map(\.ref.paragraph), everywhere.filter { $0.ref.doc == 0 }.map(\.ref.paragraph).sorted())
        XCTAssertGreaterThan(here.hits.count, 3)
        XCTAssertEqual(s.hitSelection, 0, "read from the top: the first hit")
        let screen = view(s).lines
        XCTAssertTrue(screen.contains { $0.hasPrefix(" Hits in this document ·") }, screen.joined(separator: "\n"))
        XCTAssertTrue(screen.last!.hasSuffix("\(here.hits.count) hits here "), screen.last!)
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.message?.text, "hit 1/\(here.hits.count) for ‘geniuses’ in this document · n/N for the next/previous")
        Fixtures.press(&s, .char("n"))
        XCTAssertEqual(s.highlight, here.hits[1].ref)
        XCTAssertEqual(s.message?.text, "hit 2/\(here.hits.count) for ‘geniuses’ in this document")
        // Read away from the hit, N goes to the last one above the screen and n to the first on
        // or below it, as less searches from where it is (not from the hit last shown).
        let layout = try XCTUnwrap(currentLayout(s))
        Fixtures.press(&s, .char("G"))
        let above = try XCTUnwrap(here.hits.lastIndex { hitItem($0, layout) < s.position.item })
        XCTAssertGreaterThan(above, 1)
        Fixtures.press(&s, .char("N"))
        XCTAssertEqual(s.search?.current, above)
        Fixtures.press(&s, .char("g"), .char("n"))
        XCTAssertEqual(s.search?.current, 0)
        Fixtures.press(&s, .char("n"))
        XCTAssertEqual(s.search?.current, 1, "from a hit on screen, the next")

        // From 12:36 on, the first hit chosen is the first from there (the ≈13:41 paragraph).
        Fixtures.type(&s, "12:36")
        Fixtures.press(&s, .enter, .char("/"))
        Fixtures.type(&s, "geniuses")
        XCTAssertEqual(s.search?.within, 0, "still this document")
        let chosen = try XCTUnwrap(s.search?.hits[s.hitSelection].ref.paragraph)
        XCTAssertEqual(doc.paragraphs[chosen].timeLabel, "≈13:41")
        XCTAssertTrue(s.hitSelection > 0)
        Fixtures.press(&s, .ctrl("t"))
        XCTAssertNil(s.search?.within)
        XCTAssertEqual(s.search?.hits.count, everywhere.count)
        XCTAssertEqual(s.hitSelection, 0)
        Fixtures.press(&s, .escape)
    }

    /// The claims pane lists in reading order: at the top of the newsletter, its Brief's own
    /// claims as they come (the linked ones are not put first), and claims whose evidence is on
    /// screen by where it is.
    func testClaimsPaneInReadingOrder() throws {
        let s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        XCTAssertEqual(s.current, 0)
        let rows = claimsOnScreen(s)
        XCTAssertGreaterThan(rows.count, 3)
        XCTAssertTrue(rows[0].claim.text.hasPrefix("Dario Amodei’s core claim"), rows[0].claim.text)
        let own = rows.filter { $0.claim.source.doc == 0 }
        XCTAssertEqual(own.map(\.claim.source.paragraph), own.map(\.claim.source.paragraph).sorted())
        let places = rows.map { $0.claim.source.doc == 0 ? $0.claim.source.paragraph : $0.evidence.first?.ref.paragraph ?? Int.max }
        XCTAssertEqual(places, places.sorted())
        // On a screen too small to show a paragraph of the Brief, its claims all the same.
        let small = Fixtures.state(try Fixtures.seedDocuments(), width: 40, height: 12)
        XCTAssertTrue(claimsOnScreen(small).first?.claim.text.hasPrefix("Dario Amodei’s core claim") == true)
    }

    func testFollowClaimToEvidence() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        // The article's "three to five years" claim is divergent and links to 12:36.
        s.current = 1
        let claim = try XCTUnwrap(s.claims.first { $0.claim.text == "He thinks it is three to five years away." })
        XCTAssertEqual(claim.verdict, .divergent)
        show(&s, paragraph: claim.claim.source.paragraph)
        s.focus = .claims
        let rows = claimsOnScreen(s)
        s.selected[.claims] = try XCTUnwrap(rows.firstIndex { $0.claim.id == claim.claim.id })
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.current, 0)
        XCTAssertEqual(s.focus, .transcript)
        let p = try XCTUnwrap(s.highlight)
        XCTAssertEqual(s.documents[0].sections[s.documents[0].paragraphs[p.paragraph].section].start, 756)
        XCTAssertTrue(s.message?.text.hasPrefix("✗ 3–5 years vs 10 years · ≈13:41 · Dario Amodei — ") == true, s.message?.text ?? "")
        // The figure it is checked by is marked there, in the divergent colour.
        let text = Array(s.documents[0].paragraphs[p.paragraph].text.utf8)
        XCTAssertEqual(s.evidenceMarks?.marks(p.paragraph, highlight: s.highlight).map { String(decoding: text[$0.range], as: UTF8.self) }, ["ten years"])
        XCTAssertEqual(s.evidenceMarks?.marks(p.paragraph, highlight: s.highlight).map(\.role), [.claimDivergent])
        let grid = view(s)
        // The verdict and the time survive a 120-column bar; the title, named on its left, is cut.
        XCTAssertTrue(grid.lines.last!.contains("✗ 3–5 years vs 10 years · ≈13:41 · Dario"), grid.lines.last!)
        let y = try XCTUnwrap(grid.lines.firstIndex { $0.contains("within ten years") })
        let chars = Array(grid.lines[y]), roles = Array(grid.roleLines[y])
        let x = try XCTUnwrap((0..<chars.count - 9).first { String(chars[$0..<$0 + 9]) == "ten years" })
        XCTAssertEqual(String(roles[x..<x + 9]), String(repeating: String(Role.claimDivergent.code), count: 9))
        XCTAssertEqual(roles[x - 2], Role.normal.code)
        // Under the passage's time, the verdicts of the claims it is the evidence of: five
        // supported (the Brief's, the commentary's), two divergent ("three to five years", and
        // the episode description's "a few years").
        XCTAssertTrue(grid.lines[y].contains("▌✓×5 ✗×2  within ten years"), grid.lines[y])
        let g = try XCTUnwrap((0..<chars.count - 3).first { String(chars[$0..<$0 + 3]) == "✓×5" })
        XCTAssertEqual(String(roles[g..<g + 7]), "+++.!!!")
        // Backspace returns to the article, where the claim was read.
        let article = s.positions[s.documents[1].path]
        Fixtures.press(&s, .backspace)
        XCTAssertEqual(s.current, 1)
        XCTAssertEqual(s.position, article)
        XCTAssertTrue(s.message?.text.hasPrefix("back · Dario Amodei's Most Honest Interview") == true, s.message?.text ?? "")
        // The marks were for that jump only.
        XCTAssertEqual(s.evidenceMarks?.marks(p.paragraph, highlight: s.highlight) ?? [], [])
    }

    /// With the claims pane focused, the text shows what its selected claim is about: in the
    /// article, the sentence that makes it (its figure in the verdict colour); in the
    /// transcript, the figure it was checked against. Nothing is marked once the focus leaves.
    func testSelectedClaimIsMarkedInTheText() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        let claim = try XCTUnwrap(s.claims.first { $0.claim.text == "He thinks it is three to five years away." })
        s.current = 1
        show(&s, paragraph: claim.claim.source.paragraph)
        s.focus = .claims
        s.selected[.claims] = try XCTUnwrap(claimsOnScreen(s).firstIndex { $0.claim.id == claim.claim.id })
        let made = Array(s.documents[1].paragraphs[claim.claim.source.paragraph].text.utf8)
        let inArticle = selectedClaimMarks(s)[claim.claim.source.paragraph] ?? []
        XCTAssertEqual(inArticle.map { String(decoding: made[$0.range], as: UTF8.self) }, ["three to five years", "He thinks it is three to five years away."])
        XCTAssertEqual(inArticle.map(\.role), [Role.claimDivergent, .selection])
        let grid = view(s)
        let y = try XCTUnwrap(grid.lines.firstIndex { $0.contains("He thinks it is three to five years") })
        let chars = Array(grid.lines[y]), roles = Array(grid.roleLines[y])
        let x = try XCTUnwrap((0..<chars.count - 8).first { String(chars[$0..<$0 + 8]) == "He think" })
        XCTAssertEqual(String(roles[x..<x + 8]), String(repeating: String(Role.selection.code), count: 8))
        s.focus = .transcript
        XCTAssertTrue(selectedClaimMarks(s).isEmpty)
        // In the transcript, at its evidence.
        let e = try XCTUnwrap(claim.evidence.first).ref
        s.current = 0
        show(&s, paragraph: e.paragraph)
        s.focus = .claims
        s.selected[.claims] = try XCTUnwrap(claimsOnScreen(s).firstIndex { $0.claim.id == claim.claim.id })
        let said = Array(s.documents[0].paragraphs[e.paragraph].text.utf8)
        XCTAssertEqual(selectedClaimMarks(s)[e.paragraph]?.map { String(decoding: said[$0.range], as: UTF8.self) }, ["ten years"])
        // The commentary pane's passage that makes it: the same words, with its other claims'.
        s.focus = .commentary
        s.selected[.commentary] = try XCTUnwrap(commentaryOnScreen(s).firstIndex { $0.ref == claim.claim.source })
        XCTAssertTrue(selectedClaimMarks(s)[e.paragraph]?.contains { String(decoding: said[$0.range], as: UTF8.self) == "ten years" && $0.role == .claimDivergent } == true)
    }

    /// An article (and a brief) keeps a margin where each line that starts a claim's sentence
    /// carries its verdict: the commentary's "He thinks it is three to five years away." starts
    /// on a line marked ✗, the Brief's "In his telling…" on one marked ✓.
    func testClaimsMarginInTheText() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        let claim = try XCTUnwrap(s.claims.first { $0.claim.text == "He thinks it is three to five years away." })
        s.current = 1
        show(&s, paragraph: claim.claim.source.paragraph)
        var grid = view(s)
        var y = try XCTUnwrap(grid.lines.firstIndex { $0.contains("hypothetical. He thinks it is") })
        var line = Array(grid.lines[y]), roles = Array(grid.roleLines[y])
        var x = try XCTUnwrap((0..<line.count - 3).first { String(line[$0..<$0 + 3]) == "hyp" })
        XCTAssertEqual(String(line[(x - 2)..<x]), "✗ ")
        XCTAssertEqual(roles[x - 2], Role.claimDivergent.code)
        // The next line starts the next claim ("And he thinks most people…", supported); the
        // one after it none: no mark, the same margin.
        XCTAssertTrue(grid.lines[y + 1].contains("✓ away. And he thinks most people"), grid.lines[y + 1])
        XCTAssertEqual(String(Array(grid.lines[y + 2])[(x - 2)..<x]), "  ")
        XCTAssertEqual(String(Array(grid.lines[y + 2])[x..<x + 6]), "people")
        s.current = 0
        show(&s, paragraph: 0)
        grid = view(s)
        y = try XCTUnwrap(grid.lines.firstIndex { $0.contains("In his telling, the old pretraining") })
        line = Array(grid.lines[y]); roles = Array(grid.roleLines[y])
        x = try XCTUnwrap((0..<line.count - 2).first { String(line[$0..<$0 + 2]) == "In" })
        XCTAssertEqual(String(line[(x - 2)..<x]), "✓ ")
        XCTAssertEqual(roles[x - 2], Role.claimSupported.code)
        // A document without claims keeps the full width.
        var plain = Fixtures.state([try Fixtures.seedDocuments()[1]], width: 120, height: 40)
        plain.claims = []
        XCTAssertEqual(currentLayout(plain)?.claimMargin, 0)
    }

    /// A quotation the speaker said only to deny it: the claims pane says so, and at the
    /// evidence the words are marked in the divergent colour.
    func testQuotationOutOfContextIsSaid() throws {
        var s = Fixtures.state(Sample.documents(), width: 120, height: 40)
        let claim = try XCTUnwrap(s.claims.first { $0.claim.text.hasPrefix("\"We nearly lost the pier,\" Ferrand said") })
        XCTAssertEqual(claim.verdict, .divergent)
        let e = try XCTUnwrap(claim.evidence.first).ref
        s.current = e.doc
        show(&s, paragraph: e.paragraph)
        let pane = listLines(s, pane: .claims, width: 100, height: 60).rows
            .map { line in line.spans.map { $0.units.map(\.text).joined() }.joined() }
        XCTAssertTrue(pane.contains("quote out of context: said to deny it"), pane.joined(separator: "\n"))
        s.focus = .claims
        s.selected[.claims] = try XCTUnwrap(claimsOnScreen(s).firstIndex { $0.claim.id == claim.claim.id })
        let text = Array(s.documents[e.doc].paragraphs[e.paragraph].text.utf8)
        XCTAssertEqual(selectedClaimMarks(s)[e.paragraph]?.map { String(decoding: text[$0.range], as: UTF8.self) }, ["we nearly lost the pier"])
        XCTAssertEqual(selectedClaimMarks(s)[e.paragraph]?.map(\.role), [.claimDivergent])
    }

    /// A quotation not said word for word: the claims pane says what was said, and at the
    /// evidence the words said are marked in the divergent colour.
    func testClaimsPaneSaysWhatWasSaid() throws {
        let docs = try ["lennys-podcast/episodes/eric-ries/transcript.md",
                        "lennys-podcast/insights/eric-ries/xzebbzIntFc-07-a-tactical-framework-for-deciding-when-to-pivot.md"].map { path -> Document in
            let url = SharedData.external.appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: url.path) else { throw XCTSkip("missing \(url.path)") }
            return try DocumentLoader.parse([UInt8](data), path: path)
        }
        var s = Fixtures.state(docs, width: 120, height: 40)
        let claim = try XCTUnwrap(s.claims.first { $0.claim.text.contains("If I could start this company over") })
        XCTAssertEqual(claim.verdict, .divergent)
        let e = try XCTUnwrap(claim.evidence.first).ref
        XCTAssertEqual(e.doc, 0)
        show(&s, paragraph: e.paragraph)
        let pane = listLines(s, pane: .claims, width: 100, height: 30).rows
            .map { line in line.spans.map { span in String(repeating: " ", count: span.x) + span.units.map(\.text).joined() }.joined() }.joined(separator: "\n")
        XCTAssertTrue(pane.contains("quote differs (86%), said:\n  “If I could start this company over again the thing I wish we were doing”"), pane)
        s.focus = .claims
        s.selected[.claims] = try XCTUnwrap(claimsOnScreen(s).firstIndex { $0.claim.id == claim.claim.id })
        Fixtures.press(&s, .enter)
        let text = Array(s.documents[0].paragraphs[e.paragraph].text.utf8)
        let marks = s.evidenceMarks?.marks(e.paragraph, highlight: s.highlight) ?? []
        XCTAssertEqual(marks.map { String(decoding: text[$0.range], as: UTF8.self) }, ["If I could start this company over again the thing I wish we were doing"])
        XCTAssertEqual(marks.map(\.role), [Role.claimDivergent])
    }

    /// Two copies of the commentary (say its Markdown and its HTML) make one entry in the claims
    /// pane and one in the commentary pane, not two of each.
    func testCopiesOfAnArticleAreListedOnce() throws {
        let seeds = try Fixtures.seedDocuments()
        var copy = seeds[1]
        copy.path = "seeds/copy-of-the-commentary.txt"
        var s = Fixtures.state(seeds + [copy], width: 120, height: 40)
        XCTAssertEqual(s.claims.filter { $0.claim.text == "He thinks it is three to five years away." }.count, 2)
        // At the evidence of the "three to five years" claim, in the transcript.
        let claim = try XCTUnwrap(s.claims.first { $0.claim.text == "He thinks it is three to five years away." })
        let evidence = try XCTUnwrap(claim.evidence.first).ref
        show(&s, paragraph: evidence.paragraph)
        let claims = claimsOnScreen(s)
        XCTAssertEqual(claims.filter { $0.claim.text == claim.claim.text }.count, 1)
        let commentary = commentaryOnScreen(s)
        XCTAssertFalse(commentary.isEmpty)
        let texts = commentary.map { s.documents[$0.ref.doc].paragraphs[$0.ref.paragraph].text }
        XCTAssertEqual(Set(texts).count, texts.count, "\(texts)")
        XCTAssertTrue(commentary.contains { $0.ref == claim.claim.source || ($0.ref.doc == 2 && $0.ref.paragraph == claim.claim.source.paragraph) })
    }

    /// In a library, the commentary beside an episode is what was written about it: notes on
    /// another episode are left out, however alike their words ("AGI" is in both).
    func testCommentaryIsAboutThisEpisode() throws {
        var s = Fixtures.state(try Fixtures.twoEpisodesWithNotes(), width: 120, height: 40)
        let subjects = ClaimChecker.subjects(s.claims, documents: s.documents)
        XCTAssertEqual(subjects[2], [0])
        XCTAssertEqual(subjects[3], [1])
        var seen = Set<Int>()
        for t in ["5:00", "20:00", "45:00", "1:10:00"] {
            _ = update(&s, .event(.key(.char(":"))))
            Fixtures.type(&s, t)
            _ = update(&s, .event(.key(.enter)))
            XCTAssertEqual(s.current, 0)
            for item in commentaryOnScreen(s) { seen.insert(item.ref.doc) }
        }
        XCTAssertEqual(seen, [2], "only the Max Tegmark notes comment on his episode")
    }

    /// A passage that shares one word with the paragraph at the top is not listed as commentary
    /// on it: beside Karpathy's "…the next stage of development", the pages written from his
    /// episode offered "For more on the technical aspects of AGI development, see…" and a
    /// formula's "where $Knowledge_i$ represents the knowledge acquired…".
    func testCommentarySharesMoreThanAWord() throws {
        let folder = SharedData.external.appendingPathComponent("lex-youtube-lumentis").path
        let loaded = DocumentLoader.load(paths: [folder], keepCues: false)
        let episode = loaded.documents.indices.filter { loaded.documents[$0].kind == .transcript }
        guard episode.count == 2 else { throw XCTSkip("missing \(folder)") }
        var s = Fixtures.state(loaded.documents, width: 120, height: 40)
        for d in episode {
            s.current = d
            show(&s, paragraph: 0)
            let texts = commentaryOnScreen(s).map { s.documents[$0.ref.doc].paragraphs[$0.ref.paragraph].text }
            XCTAssertFalse(texts.contains { $0.hasPrefix("For more on the technical aspects of AGI development") || $0.hasPrefix("where $Knowledge_i$") }, "\(texts)")
            // What is listed first is about the paragraph's physics.
            XCTAssertTrue(texts.first?.hasPrefix("\"If you look into fundamental physics") == true, "\(texts)")
        }
    }

    /// Notes with a section per episode (`rea-wiki`: Jim Keller's #70, George Hotz's episode)
    /// beside both episodes: the commentary beside Keller's episode leaves out the section on
    /// Hotz ("He immediately called me out on it" was listed at 1:23:02), and keeps Keller's.
    func testASectionOnAnotherEpisodeIsNotCommentary() throws {
        let ext = SharedData.external
        let paths = ["rea-wiki/videos.md", "lexicap/episode_070_large.vtt", "lexicap/episode_031_large.vtt"]
        let loaded = DocumentLoader.load(paths: paths.map { ext.appendingPathComponent($0).path }, keepCues: false)
        guard loaded.documents.count == 3 else { throw XCTSkip("missing \(ext.path)") }
        var s = Fixtures.state(loaded.documents, width: 120, height: 40)
        let notes = try XCTUnwrap(s.documents.firstIndex { $0.path.hasSuffix("videos.md") })
        let keller = try XCTUnwrap(s.documents.firstIndex { $0.path.hasSuffix("episode_070_large.vtt") })
        let hotz = try XCTUnwrap(s.documents.firstIndex { $0.path.hasSuffix("episode_031_large.vtt") })
        XCTAssertNil(ClaimChecker.subjects(s.claims, documents: s.documents)[notes])
        let sections = ClaimChecker.subjectsWithSections(s.claims, documents: s.documents).sections[notes] ?? [:]
        XCTAssertEqual(sections["Jim Keller @ Lex Fridman Podcast #70"], [keller])
        XCTAssertEqual(sections["George Hotz @ Artificial Intelligence Podcast"], [hotz])
        // The open list names each episode by its section of the notes.
        XCTAssertEqual(writtenAbout(s)[keller], ["Jim Keller @ Lex Fridman Podcast #70"])
        XCTAssertEqual(writtenAbout(s)[hotz], ["George Hotz @ Artificial Intelligence Podcast"])
        s.current = keller
        var headings = Set<String>()
        for t in ["1:23:02", "5:00", "40:00"] {
            _ = update(&s, .event(.key(.char(":"))))
            Fixtures.type(&s, t)
            _ = update(&s, .event(.key(.enter)))
            for item in commentaryOnScreen(s) where item.ref.doc == notes {
                let doc = s.documents[notes]
                headings.insert(doc.sections[doc.paragraphs[item.ref.paragraph].section].title)
            }
        }
        XCTAssertTrue(headings.contains("Jim Keller @ Lex Fridman Podcast #70"), "\(headings)")
        XCTAssertFalse(headings.contains("George Hotz @ Artificial Intelligence Podcast"), "\(headings)")
    }

    /// One of Lenny's episodes with every insight of the library: an insight names its episode
    /// (`source_episode`), so those into episodes that are not loaded are not its commentary, and
    /// their claims find nothing in it (one of them used to be called divergent here).
    func testInsightsIntoEpisodesNotLoaded() throws {
        let lenny = SharedData.external.appendingPathComponent("lennys-podcast")
        let loaded = DocumentLoader.load(paths: [lenny.appendingPathComponent("episodes/ben-horowitz").path, lenny.appendingPathComponent("insights").path], keepCues: false)
        guard loaded.documents.count > 100 else { throw XCTSkip("missing \(lenny.path)") }
        var s = Fixtures.state(loaded.documents, width: 120, height: 40)
        XCTAssertEqual(s.documents[s.current].kind, .transcript)
        func aboutHim(_ d: Int) -> Bool { s.documents[d].path.contains("/ben-horowitz/") }
        let subjects = ClaimChecker.subjects(s.claims, documents: s.documents)
        for (d, subject) in subjects where !aboutHim(d) { XCTAssertEqual(subject, [], s.documents[d].path) }
        for c in s.claims where !aboutHim(c.claim.source.doc) { XCTAssertEqual(c.verdict, .notFound, c.claim.text) }
        var seen = Set<Int>()
        for t in ["0:30", "10:00", "30:00", "1:00:00", "1:30:00"] {
            _ = update(&s, .event(.key(.char(":"))))
            Fixtures.type(&s, t)
            _ = update(&s, .event(.key(.enter)))
            for item in commentaryOnScreen(s) { seen.insert(item.ref.doc) }
        }
        XCTAssertFalse(seen.isEmpty)
        XCTAssertTrue(seen.allSatisfy(aboutHim), seen.map { s.documents[$0].path }.joined(separator: "\n"))
    }

    /// Jumps (times, chapters, top and bottom, search hits, another document) leave a trail
    /// that Backspace and Ctrl-O walk back; plain scrolling does not.
    func testBackWalksTheJumps() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        Fixtures.press(&s, .backspace)
        XCTAssertEqual(s.message?.text, "no jump to go back from")
        Fixtures.press(&s, .char("j"), .char("j"))
        let start = s.position
        Fixtures.press(&s, .char(":"))
        Fixtures.type(&s, "20:00")
        Fixtures.press(&s, .enter)
        let atTime = s.position
        XCTAssertNotEqual(atTime, start)
        Fixtures.press(&s, .char("g"))
        XCTAssertEqual(s.position, ScrollPosition())
        Fixtures.press(&s, .char("o"), .char("j"), .enter)
        XCTAssertEqual(s.current, 1)
        Fixtures.press(&s, .char("j"))   // scrolling is not a jump
        XCTAssertEqual(s.history.count, 3)
        Fixtures.press(&s, .ctrl("o"))
        XCTAssertEqual(s.current, 0)
        XCTAssertEqual(s.position, ScrollPosition(), "at the top, where it left for the other document")
        XCTAssertEqual(s.message?.text, "back (2 more) · Dario Amodei — \"We are near the end of the exponential\"")
        Fixtures.press(&s, .backspace)
        XCTAssertEqual(s.position, atTime)
        XCTAssertEqual(s.message?.text, "back to ≈17:34 (1 more) · Dario Amodei — \"We are near the end of the exponential\"")
        Fixtures.press(&s, .backspace)
        XCTAssertEqual(s.position, start)
        XCTAssertEqual(s.message?.text, "back · Dario Amodei — \"We are near the end of the exponential\"")
        Fixtures.press(&s, .backspace)
        XCTAssertEqual(s.message?.text, "no jump to go back from")
        // The help screen lists it (it is generated from the key table).
        Fixtures.press(&s, .char("?"))
        XCTAssertTrue(view(s).text.contains("back to where the last jump, link or search left from"))
    }

    /// `m` and a letter mark a place; `'` and the letter come back to it, from another document
    /// too; `''` goes back like Backspace; Esc cancels; a mark not set says how to set it.
    func testMarks() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        Fixtures.press(&s, .char(":"))
        Fixtures.type(&s, "20:00")
        Fixtures.press(&s, .enter)
        let atTime = s.position
        Fixtures.press(&s, .char("m"))
        XCTAssertEqual(s.pendingMark, .set)
        XCTAssertTrue(view(s).lines.last!.contains("mark: a letter names this place"))
        Fixtures.press(&s, .char("a"))
        XCTAssertNil(s.pendingMark)
        XCTAssertEqual(s.message?.text, "mark a set at ≈17:34 · ' a comes back here")
        Fixtures.press(&s, .char("g"), .char("o"), .char("j"), .enter)
        XCTAssertEqual(s.current, 1)
        Fixtures.press(&s, .char("'"), .char("b"))
        XCTAssertEqual(s.message?.text, "no mark b (m b sets it)")
        XCTAssertEqual(s.current, 1)
        Fixtures.press(&s, .char("'"), .char("a"))
        XCTAssertEqual(s.current, 0)
        XCTAssertEqual(s.position, atTime)
        XCTAssertEqual(s.message?.text, "mark a at ≈17:34 · Dario Amodei — \"We are near the end of the exponential\"")
        // '' goes back to where the mark was left from: the other document.
        Fixtures.press(&s, .char("'"), .char("'"))
        XCTAssertEqual(s.current, 1)
        // Esc after m sets nothing; a digit is not a mark name.
        Fixtures.press(&s, .char("m"), .escape)
        XCTAssertNil(s.pendingMark)
        XCTAssertEqual(s.marks.count, 1)
        Fixtures.press(&s, .char("m"), .char("1"))
        XCTAssertEqual(s.message?.text, "marks are letters, not ‘1’")
        XCTAssertEqual(s.marks.count, 1)
        Fixtures.press(&s, .char("j"))
        XCTAssertNil(s.pendingMark)
    }

    /// `}` and `{` walk the divergent claims of the document: in the newsletter, the episode
    /// description's "a few years" and the 13:41 passage it diverges from; in the commentary,
    /// "three to five years".
    func testStepThroughDivergentClaims() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        let doc = s.document!
        Fixtures.press(&s, .char("}"))
        XCTAssertEqual(s.message?.text, "divergent 1/2: 2–5 years vs 10 years")
        XCTAssertEqual(doc.sections[doc.paragraphs[s.highlight!.paragraph].section].title, "Episode description")
        let selected = claimsOnScreen(s)[s.selected[.claims] ?? -1]
        XCTAssertTrue(selected.claim.text.hasPrefix("Dario Amodei thinks we are just a few years away"))
        Fixtures.press(&s, .char("}"))
        XCTAssertEqual(s.message?.text, "divergent 2/2: 2–5 years vs 10 years · ≈13:41")
        XCTAssertTrue(doc.paragraphs[s.highlight!.paragraph].text.contains("country of geniuses in a data center"))
        Fixtures.press(&s, .char("}"))
        XCTAssertEqual(s.message?.text, "no divergent claim further on")
        Fixtures.press(&s, .char("{"))
        XCTAssertEqual(s.message?.text, "divergent 1/2: 2–5 years vs 10 years")
        Fixtures.press(&s, .backspace, .backspace, .backspace)
        XCTAssertEqual(s.message?.text, "back · Dario Amodei — \"We are near the end of the exponential\"", "each step is a jump")
        XCTAssertEqual(s.position, ScrollPosition())
        // The commentary.
        Fixtures.press(&s, .char("o"), .char("j"), .enter, .char("}"))
        XCTAssertTrue(s.message?.text.hasPrefix("divergent 1/") == true, s.message?.text ?? "")
        XCTAssertTrue(s.document!.paragraphs[s.highlight!.paragraph].text.contains("He thinks it is three to five years away."))
        XCTAssertTrue(s.message?.text.contains("3–5 years vs 10 years") == true, s.message?.text ?? "")
        // Where the claim is made, its figure is marked as it fared.
        let made = Array(s.document!.paragraphs[s.highlight!.paragraph].text.utf8)
        let marks = s.evidenceMarks?.marks(s.highlight!.paragraph, highlight: s.highlight) ?? []
        XCTAssertEqual(marks.map { String(decoding: made[$0.range], as: UTF8.self) }, ["three to five years"])
        XCTAssertEqual(marks.map(\.role), [.claimDivergent])
    }

    func testFocusCycleAndTabsWhenNarrow() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        XCTAssertEqual(s.focus, .transcript)
        Fixtures.press(&s, .tab)
        XCTAssertEqual(s.focus, .claims)
        Fixtures.press(&s, .tab, .tab)
        XCTAssertEqual(s.focus, .chapters)
        Fixtures.press(&s, .backTab)
        XCTAssertEqual(s.focus, .commentary)
        _ = update(&s, .event(.resize(width: 80, height: 24)))
        XCTAssertEqual(ScreenGeometry(s).mode, .tabs)
        _ = update(&s, .event(.resize(width: 50, height: 15)))
        XCTAssertEqual(ScreenGeometry(s).mode, .single)
        _ = update(&s, .event(.resize(width: 170, height: 50)))
        XCTAssertEqual(ScreenGeometry(s).mode, .wide)
    }

    /// A resize keeps the top line on top, but whoever reads the end (a chapter the transcript
    /// does not reach is shown there) is still at the end at the new size, and a passage a jump
    /// marked stays in sight.
    func testResizeKeepsTheEndInSight() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        Fixtures.press(&s, .char("G"))
        XCTAssertTrue(textAtEnd(s))
        _ = update(&s, .event(.resize(width: 50, height: 15)))
        XCTAssertTrue(textAtEnd(s))
        XCTAssertTrue(view(s).text.contains("this chapter"), view(s).text)
        _ = update(&s, .event(.resize(width: 120, height: 40)))
        XCTAssertTrue(textAtEnd(s))
        // Elsewhere the paragraph at the top stays there.
        Fixtures.press(&s, .char("g"), .char("]"))
        let top = s.position
        XCTAssertFalse(textAtEnd(s))
        _ = update(&s, .event(.resize(width: 50, height: 15)))
        XCTAssertEqual(s.position.item, top.item)
        XCTAssertFalse(textAtEnd(s))
        // A passage a jump marked stays in sight, though it was on the last page: `20:00` lands
        // on ≈17:47 near the text's end.
        _ = update(&s, .event(.resize(width: 120, height: 40)))
        Fixtures.type(&s, "20:00")
        Fixtures.press(&s, .enter)
        let marked = try XCTUnwrap(s.highlight?.paragraph)
        XCTAssertTrue(paragraphOnScreen(s, marked))
        for (w, h) in [(40, 12), (50, 15), (120, 40), (1, 1), (60, 20)] {
            _ = update(&s, .event(.resize(width: w, height: h)))
            if h > 2 { XCTAssertTrue(paragraphOnScreen(s, marked), "\(w)×\(h)") }
        }
        XCTAssertTrue(view(s).text.contains("≈17:47   About eight or nine"), view(s).text)
    }

    /// On a very wide screen the text stays about 100 characters wide (beside its times): the
    /// chapter titles, then claims and commentary, get the room, then margins either side.
    func testTextStaysReadableOnVeryWideScreens() {
        for w in [100, 120, 160, 200] {
            let g = ScreenGeometry(width: w, height: 50, focus: .transcript, sideTab: .claims)
            XCTAssertEqual(g.textInset, 0)
            XCTAssertLessThanOrEqual(g.rects[.transcript]!.w, ScreenGeometry.widestText)
        }
        let g250 = ScreenGeometry(width: 250, height: 50, focus: .transcript, sideTab: .claims)
        XCTAssertEqual(g250.rects[.chapters]?.w, 40)
        XCTAssertEqual(g250.contentWidth(.transcript), ScreenGeometry.widestText - 2)
        XCTAssertEqual(g250.rects[.claims]?.w, 250 - 40 - ScreenGeometry.widestText - 2)
        let g300 = ScreenGeometry(width: 300, height: 100, focus: .transcript, sideTab: .claims)
        XCTAssertEqual(g300.rects[.claims]?.w, 110)
        let text = g300.contentRect(.transcript)!, pane = g300.rects[.transcript]!
        XCTAssertEqual(text.w, ScreenGeometry.widestText - 2)
        XCTAssertEqual(text.x - pane.x, (pane.x + pane.w) - (text.x + text.w), accuracy: 1)  // centred
        // A comparison's two columns too, side by side in the middle.
        var s = Fixtures.state([], width: 200, height: 40)
        XCTAssertEqual(CompareGeometry(s).left, Rect(x: 0, y: 0, w: 99, h: 39))
        XCTAssertEqual(CompareGeometry(s).right, Rect(x: 100, y: 0, w: 100, h: 39))
        s.width = 300
        let c = CompareGeometry(s)
        XCTAssertEqual(c.left, Rect(x: 37, y: 0, w: ScreenGeometry.widestText, h: 39))
        XCTAssertEqual(c.right.x, c.left.x + c.left.w + 1)
        XCTAssertEqual(c.right.w, ScreenGeometry.widestText)
    }

    func testChaptersPaneNavigation() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        s.focus = .chapters
        Fixtures.press(&s, .char("G"))
        let rows = chapterRows(s)
        XCTAssertEqual(s.selected[.chapters], rows.count - 1)
        Fixtures.press(&s, .char("k"), .char("k"), .char("k"), .char("k"), .char("k"), .enter)
        let sec = currentSection(s)!
        XCTAssertEqual(s.document!.sections[sec].title, "Is diffusion cope?")
        XCTAssertEqual(s.focus, .transcript)
        Fixtures.press(&s, .char("]"))
        XCTAssertEqual(s.document!.sections[currentSection(s)!].title, "Is continual learning necessary?")
        XCTAssertTrue(s.message?.text.contains("not in this transcript") == true)
        // The chapter the text stops before cannot reach the top: the status bar gives its
        // time, not that of the paragraph above it (which the time of a paragraph could be).
        s.message = nil
        let status = view(s).lines.last!
        XCTAssertTrue(status.contains("29:42 Is continual learning necessary? │ 29:42 │"), status)
        Fixtures.press(&s, .char("["), .char("["))
        XCTAssertEqual(s.document!.sections[currentSection(s)!].title, "What exactly are we scaling?")
    }

    func testScrollingStaysInBounds() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        Fixtures.press(&s, .char("G"))
        let bottom = s.position
        Fixtures.press(&s, .char("j"), .char(" "))
        XCTAssertEqual(s.position, bottom)
        Fixtures.press(&s, .char("g"))
        XCTAssertEqual(s.position, ScrollPosition())
        Fixtures.press(&s, .char("k"), .char("b"))
        XCTAssertEqual(s.position, ScrollPosition())
        Fixtures.press(&s, .char(" "))
        XCTAssertNotEqual(s.position, ScrollPosition())
    }

    func testOverlaysAndEffects() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        Fixtures.press(&s, .char("?"))
        XCTAssertEqual(s.overlay, .help(scroll: 0))
        Fixtures.press(&s, .escape)
        XCTAssertNil(s.overlay)
        Fixtures.press(&s, .char("o"), .char("j"), .enter)
        XCTAssertEqual(s.current, 1)
        XCTAssertEqual(update(&s, .event(.key(.char("T")))), [.applyTheme(1)])
        XCTAssertEqual(update(&s, .event(.key(.ctrl("l")))), [.redraw(full: true)])
        XCTAssertEqual(update(&s, .event(.key(.char("q")))), [.quit])
        XCTAssertEqual(update(&s, .event(.interrupt)), [.quit])
        // Vim's `:help` and `:q` at the time prompt do what `?` and `q` do, and are not kept
        // among the times typed.
        Fixtures.press(&s, .char(":"))
        Fixtures.type(&s, "help")
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.overlay, .help(scroll: 0))
        Fixtures.press(&s, .escape, .char(":"))
        Fixtures.type(&s, "q!")
        XCTAssertEqual(update(&s, .event(.key(.enter))), [.quit])
        XCTAssertNil(s.overlay)
        XCTAssertFalse(s.promptHistory[.jump, default: []].contains("q!"))
    }

    /// `]` and `[` walk differences as a diff walks hunks: a run of rows with a gap on either
    /// side is one difference, and each row whose figures or quotation marks differ is one.
    func testARunOfGapsIsOneDifference() {
        func row(_ l: Int?, _ r: Int?, figures: [FigurePair] = []) -> AlignedPair {
            AlignedPair(left: l, right: r, score: 0.5, figures: figures, quoteMarks: [])
        }
        let differ = [FigurePair(left: nil, right: nil, agree: false)]
        let c = CompareState(left: 0, right: 1, pairs: [
            row(0, 0), row(1, nil), row(nil, 1), row(2, nil), row(3, 2),
            row(4, 3, figures: differ), row(5, 4, figures: differ), row(nil, 5), row(6, 6),
        ])
        XCTAssertEqual(c.differenceRows, [1, 5, 6, 7])
    }

    /// `c` picks a second document; the two columns scroll together, `]` walks the
    /// differences, Tab scrolls one side alone and `=` re-syncs, `q` leaves the comparison.
    func testCompareInTheReader() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        Fixtures.press(&s, .char("c"))
        XCTAssertTrue(view(s).text.contains("Compare “Dario Amodei — \"We are near t…” with… (Enter)"), view(s).text)
        // The list closes and the status bar says what is under way; the runtime draws that,
        // then aligns.
        XCTAssertEqual(update(&s, .event(.key(.enter))), [.later(.compare(1))])
        XCTAssertNil(s.overlay)
        XCTAssertNil(s.compare)
        XCTAssertTrue(view(s).lines.last!.contains("aligning with “Dario Amodei's Most Honest"), view(s).lines.last!)
        _ = update(&s, .deferred(.compare(1)))
        let c = try XCTUnwrap(s.compare)
        XCTAssertEqual([c.left, c.right], [0, 1])
        XCTAssertEqual(c.focus, .both)
        let diffs = c.differenceRows
        XCTAssertFalse(diffs.isEmpty)
        var status = view(s).lines.last!
        XCTAssertTrue(status.hasPrefix(" Gloss │ compare │"), status)
        XCTAssertTrue(status.contains("\(c.pairs.count) rows · \(diffs.count) differences · synced"), status)
        // The message says what to press; the counts are not repeated.
        XCTAssertEqual(s.message?.text, "] next difference · Tab scrolls one side · q leaves")

        Fixtures.press(&s, .char("]"))
        XCTAssertEqual(s.compare?.top.item, diffs[0])
        XCTAssertEqual(s.message?.text, "difference 1/\(diffs.count)")
        Fixtures.press(&s, .char("]"))
        XCTAssertEqual(s.compare?.top.item, diffs[1])
        Fixtures.press(&s, .char("["))
        XCTAssertEqual(s.compare?.top.item, diffs[0])

        Fixtures.press(&s, .tab)
        XCTAssertEqual(s.compare?.focus, .left)
        Fixtures.press(&s, .char("j"), .char("j"), .char("j"))
        XCTAssertEqual(s.compare?.rightTop, ScrollPosition(item: diffs[0], line: 0), "the right side stays put")
        XCTAssertNotEqual(s.compare?.leftTop, ScrollPosition(item: diffs[0], line: 0))
        status = view(s).lines.last!
        XCTAssertTrue(status.contains("left alone"), status)
        Fixtures.press(&s, .char("="))
        XCTAssertEqual(s.compare?.focus, .both)
        XCTAssertEqual(s.compare?.top.item, s.compare?.leftTop.item)

        // Times: the brief and the article have none; `:50%` goes half way down the rows.
        Fixtures.type(&s, "12:36")
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.message?.text, "no times in either document of this comparison")
        Fixtures.press(&s, .char(":"))
        Fixtures.type(&s, "50%")
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.compare?.top.item, (c.pairs.count - 1) / 2)
        Fixtures.press(&s, .char("g"))
        // `/` searches the two documents; hits go in row order, each to the row showing its
        // match, highlighted there; n steps on; Esc clears the search before leaving.
        Fixtures.press(&s, .char("/"))
        Fixtures.type(&s, "revenue")
        let found = try XCTUnwrap(s.search)
        let rows = try XCTUnwrap(found.rows(in: s.compare))
        XCTAssertEqual(rows, rows.sorted())
        XCTAssertEqual(Set(found.hits.map(\.ref.doc)), [0, 1])
        XCTAssertTrue(view(s).text.contains(" Hits in the two documents, by row ·"), view(s).text)
        Fixtures.press(&s, .enter)
        XCTAssertNotNil(s.compare)
        XCTAssertEqual(s.compare?.top.item, rows[0])
        for (k, h) in found.hits.enumerated() {
            let pair = c.pairs[rows[k]]
            XCTAssertEqual(h.ref.doc == c.left ? pair.left : pair.right, h.ref.paragraph)
            let shown = compareLines(s, row: rows[k], left: h.ref.doc == c.left, width: 200).flatMap(\.spans).flatMap(\.units).map(\.text).joined()
            XCTAssertTrue(shown.lowercased().contains("revenue"), shown)
        }
        XCTAssertTrue(view(s).cells.contains { $0.role == .currentHit })
        Fixtures.press(&s, .char("n"))
        XCTAssertEqual(s.compare?.top.item, rows[1])
        XCTAssertEqual(s.message?.text, "hit 2/\(rows.count) for ‘revenue’, row \(rows[1] + 1)")
        Fixtures.press(&s, .escape)
        XCTAssertNil(s.search)
        XCTAssertNotNil(s.compare, "the first Esc clears the search")
        // n with no search repeats the last one entered, from the rows on screen.
        Fixtures.press(&s, .char("n"))
        XCTAssertEqual(s.search?.query, "revenue")
        XCTAssertEqual(s.compare?.top.item, rows.first { $0 >= rows[1] })
        Fixtures.press(&s, .escape)

        // ^G says what the comparison is; any key closes it.
        Fixtures.press(&s, .ctrl("g"))
        XCTAssertEqual(s.overlay, .info(scroll: 0))
        let info = Dictionary(documentInfo(s).filter { !$0.0.isEmpty }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(info["left"], s.documents[c.left].title)
        XCTAssertEqual(info["right"], s.documents[c.right].title)
        let paired = c.pairs.filter { $0.left != nil && $0.right != nil }.count
        XCTAssertTrue(info["rows"]?.hasPrefix("\(c.pairs.count): \(paired) paired, ") == true, info["rows"] ?? "")
        XCTAssertEqual(info["differences"], "\(c.differenceRows.count) (] and [ walk them; a run of gaps is one)")
        XCTAssertEqual(info["figures"], "differ in 2 rows")
        XCTAssertTrue(view(s).text.contains("This comparison · any key closes"))
        Fixtures.press(&s, .char("x"))
        XCTAssertNil(s.overlay)
        XCTAssertNotNil(s.compare)

        // The reader's other keys say where they work.
        Fixtures.press(&s, .char("m"))
        XCTAssertNil(s.overlay)
        XCTAssertEqual(s.message?.text, "m works in the reader: q leaves the comparison")

        // The claims list opens over the comparison, at the left document's claims; Esc
        // comes back to the comparison, Enter leaves it for the evidence.
        Fixtures.press(&s, .char("C"))
        guard case .claims(let first, nil)? = s.overlay else { return XCTFail("\(String(describing: s.overlay))") }
        XCTAssertEqual(s.claims[claimsList(s, only: nil)[first]].claim.source.doc, 0)
        XCTAssertTrue(view(s).text.contains("┌─ Claims ·"), view(s).text)
        Fixtures.press(&s, .escape)
        XCTAssertNil(s.overlay)
        XCTAssertNotNil(s.compare)
        Fixtures.press(&s, .char("C"), .char("/"))
        Fixtures.type(&s, "geniuses")
        Fixtures.press(&s, .enter, .enter)
        XCTAssertNil(s.compare)
        XCTAssertNil(s.overlay)
        XCTAssertEqual(s.current, 0)
        XCTAssertEqual(s.document!.sections[currentSection(s)!].title, "Is diffusion cope?")
        // Backspace brings the comparison back as it was left.
        let left = s.history.last?.comparison
        XCTAssertNotNil(left)
        Fixtures.press(&s, .backspace)
        XCTAssertEqual(s.compare, left)
        XCTAssertTrue(s.message?.text.hasPrefix("back to the comparison") == true, s.message?.text ?? "")
        // So does it after Enter on a passage of it.
        let row = try XCTUnwrap(s.compare?.pairs.firstIndex { $0.left != nil })
        compareGo(&s, row: row)
        Fixtures.press(&s, .enter)
        XCTAssertNil(s.compare)
        XCTAssertEqual(s.highlight, ParagraphRef(doc: c.left, paragraph: c.pairs[row].left!))
        Fixtures.press(&s, .backspace)
        XCTAssertEqual(s.compare?.top.item, row)
        s.compare = c

        Fixtures.press(&s, .char("q"))
        XCTAssertNil(s.compare)
        XCTAssertEqual(s.message?.text, "comparison closed")
        XCTAssertEqual(update(&s, .event(.key(.char("q")))), [.quit])

        // Opened by `gloss compare`, the comparison is the run: q quits, Esc leaves for the reader.
        var standalone = CompareState(left: 0, right: 1, pairs: c.pairs)
        standalone.standalone = true
        s.compare = standalone
        XCTAssertEqual(update(&s, .event(.key(.char("q")))), [.quit])
        XCTAssertNotNil(s.compare)
        Fixtures.press(&s, .escape)
        XCTAssertNil(s.compare)
    }

    /// In a comparison of two transcripts a time typed goes to the row said by then (on the left),
    /// both sides together.
    /// A time typed in an article goes to the transcript the article is about, and Backspace
    /// comes back to the article.
    func testTimeTypedInAnArticleGoesToItsTranscript() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        s.current = 1  // the commentary
        XCTAssertEqual(s.document?.kind, .article)
        XCTAssertEqual(transcriptForTimes(s), 0)
        Fixtures.press(&s, .char("2"))
        Fixtures.type(&s, "0:00")
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.current, 0)
        XCTAssertEqual(currentSection(s).map { s.documents[0].sections[$0].title }, "Is diffusion cope?")
        XCTAssertTrue(s.message?.text.hasSuffix(" in Dario Amodei — \"We are near the end of the exponential\"") == true, s.message?.text ?? "")
        Fixtures.press(&s, .backspace)
        XCTAssertEqual(s.current, 1)
        // Past the transcript's end: said, and the article stays.
        Fixtures.press(&s, .char(":"))
        Fixtures.type(&s, "5:00:00")
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.current, 1)
        XCTAssertEqual(s.message?.text, "5:00:00 is past the end (2:22:00)")
    }

    /// A figure is searched as a figure, and the hit list says so: "10 years" in the seeds finds
    /// the passages stating ten years ("within ten years", "within 10 years", "five or ten years
    /// ago"), not "10%" or "ten minutes", each with the figure highlighted.
    /// A chapter whose title has the words is a hit, listed first with its start; Enter goes to
    /// the chapter, whose title is marked as the current hit; `n` goes on to the paragraphs.
    func testSearchFindsChapterTitles() throws {
        var s = try Fixtures.seedsSearching("diffusion")
        let hits = try XCTUnwrap(s.search?.hits)
        XCTAssertEqual(hits.count, 3)
        let cope = try XCTUnwrap(hits.first?.section)
        XCTAssertEqual(s.documents[0].sections[cope].title, "Is diffusion cope?")
        XCTAssertTrue(view(s).text.contains(" 12:36       Dario Amodei — \"We are near  │ § Is diffusion cope?"), view(s).text)
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.current, 0)
        XCTAssertEqual(currentSection(s), cope)
        let grid = view(s)
        let row = try XCTUnwrap(grid.lines.firstIndex { $0.contains("12:36  Is diffusion cope?") && !$0.hasPrefix("12:36") })
        let col = try XCTUnwrap(grid.lines[row].range(of: "diffusion cope")).lowerBound
        let x = grid.lines[row].distance(from: grid.lines[row].startIndex, to: col)
        XCTAssertEqual(grid[x, row].role, .currentHit)
        XCTAssertNotEqual(grid[x + 10, row].role, .currentHit, "only the word")
        Fixtures.press(&s, .char("n"))
        XCTAssertNil(s.search?.hits[s.search!.current].section)
        XCTAssertTrue(s.message?.text.hasPrefix("hit 2/3 for ‘diffusion’") == true, s.message?.text ?? "")
        // A chapter listed but not in the transcript is found, and said to be so.
        var r = try Fixtures.seedsSearching("regulations")
        XCTAssertTrue(view(r).text.contains("§ Will regulations destroy the boons of AGI? (not in the text)"), view(r).text)
        Fixtures.press(&r, .enter)
        XCTAssertTrue(r.message?.text.hasPrefix("hit 1/") == true, r.message?.text ?? "")
        XCTAssertEqual(r.documents[0].sections[currentSection(r) ?? 0].title, "Will regulations destroy the boons of AGI?")
    }

    func testSearchForAFigureSaysSo() throws {
        let s = try Fixtures.seedsSearching("10 years")
        XCTAssertTrue(view(s).text.contains(" Hits stating 10 years · ^T this document only"), view(s).text)
        let hits = try XCTUnwrap(s.search?.hits)
        XCTAssertGreaterThanOrEqual(hits.count, 3)
        for h in hits {
            let text = s.documents[h.ref.doc].paragraphs[h.ref.paragraph].text
            let marked = CorpusIndex.matchRanges(in: text, query: SearchQuery("10 years")).map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) }
            XCTAssertTrue(marked.contains { m in m.lowercased().contains("year") && (m.contains("10") || m.lowercased().contains("ten")) }, "\(marked) in \(text)")
        }
    }

    /// No paragraph has every word: the hits with some are listed, and the prompt, the list and
    /// the status bar say so.
    func testSearchWithSomeOfTheWordsSaysSo() throws {
        var s = try Fixtures.seedsSearching("exponential xyzzyq")
        let screen = view(s).text
        XCTAssertTrue(screen.contains("Hits with some of the words (none has all) · ^T this document only"), screen)
        XCTAssertTrue(view(s).lines.last!.contains("hits with some of the words"), view(s).lines.last!)
        Fixtures.press(&s, .enter)
        XCTAssertTrue(s.message?.text.contains("for ‘exponential xyzzyq’ (some words only)") == true, s.message?.text ?? "")
        // A misspelled name: the spelling the documents use is offered.
        Fixtures.press(&s, .char("/"))
        Fixtures.type(&s, "Amodie")
        XCTAssertTrue(view(s).lines.last!.contains("0 hits · did you mean ‘Amodei’? (Tab)"), view(s).lines.last!)
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.message?.text, "no matches for ‘Amodie’ · did you mean ‘Amodei’?")
        // Tab takes the spelling offered.
        Fixtures.press(&s, .char("/"))
        Fixtures.type(&s, "Amodie")
        Fixtures.press(&s, .tab)
        XCTAssertEqual(s.overlay, .prompt(.search, "Amodei"))
        XCTAssertFalse(s.search?.hits.isEmpty ?? true)
        Fixtures.press(&s, .escape)
        // With every word there, nothing is said.
        Fixtures.press(&s, .char("/"))
        Fixtures.type(&s, "end of the exponential")
        XCTAssertFalse(view(s).text.contains("some of the words"))
    }

    /// With the sides scrolling alone, the wheel scrolls the side under the pointer, and the
    /// side Tab chose stays chosen.
    func testWheelScrollsTheComparisonSideUnderThePointer() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        s.compare = CompareState(left: 0, right: 1, pairs: Aligner.align(try XCTUnwrap(s.index), left: 0, right: 1))
        Fixtures.press(&s, .tab)
        XCTAssertEqual(s.compare?.focus, .left)
        let g = CompareGeometry(s)
        for _ in 0..<5 { _ = update(&s, .event(.mouse(MouseEvent(kind: .wheelDown, x: g.right.x + 3, y: 5)))) }
        XCTAssertEqual(s.compare?.focus, .left)
        XCTAssertEqual(s.compare?.leftTop, ScrollPosition())
        XCTAssertNotEqual(s.compare?.rightTop, ScrollPosition())
        _ = update(&s, .event(.mouse(MouseEvent(kind: .wheelDown, x: g.left.x + 3, y: 5))))
        XCTAssertNotEqual(s.compare?.leftTop, ScrollPosition())
    }

    /// A passage's section title heads it where that side's section changes, and on the first
    /// row drawn; else its time alone (the brief's paragraphs are all "Brief").
    func testComparisonNamesASectionWhereItChanges() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        _ = update(&s, .deferred(.compare(1)))
        let c = try XCTUnwrap(s.compare)
        func head(_ row: Int, left: Bool) -> String {
            compareLines(s, row: row, left: left, width: 200).first.map { $0.spans.flatMap(\.units).map(\.text).joined() } ?? ""
        }
        let left = s.documents[c.left].sections.contains { $0.title == "Brief" }
        let doc = s.documents[left ? c.left : c.right]
        func passage(_ row: Int) -> Int? { left ? c.pairs[row].left : c.pairs[row].right }
        let brief = c.pairs.indices.filter { r in passage(r).map { doc.sections[doc.paragraphs[$0].section].title == "Brief" } ?? false }
        XCTAssertGreaterThan(brief.count, 2)
        // (Its last passages come after the article's other sections: "Brief" again there.)
        let heads = brief.map { head($0, left: left) }
        XCTAssertEqual(heads[0], "Brief")
        XCTAssertGreaterThanOrEqual(heads.filter(\.isEmpty).count, 10, heads.joined(separator: "|"))
        XCTAssertEqual(head(brief[1], left: left), "")
        XCTAssertEqual(compareLines(s, row: brief[1], left: left, width: 200, titled: true).first?.spans.flatMap(\.units).map(\.text).joined(), "Brief")
        // Drawn, the first row names its section even where it goes on.
        s.compare?.top = ScrollPosition(item: brief[1], line: 0)
        XCTAssertTrue(view(s).lines[1].contains(left ? " Brief " : "│ Brief"), view(s).lines[1])
    }

    /// An article's first section, headed by the article's title, is not named again under the
    /// column's head (which names the document).
    func testComparisonDoesNotRepeatTheDocumentTitle() throws {
        let docs = Sample.documents()
        var s = Fixtures.state(docs, width: 120, height: 40)
        let article = try XCTUnwrap(docs.firstIndex { $0.kind == .article && $0.sections.first?.title == $0.title })
        _ = update(&s, .deferred(.compare(article)))
        let c = try XCTUnwrap(s.compare)
        XCTAssertEqual(c.right, article)
        let row = try XCTUnwrap(c.pairs.firstIndex { $0.right.map { docs[article].paragraphs[$0].section == 0 } ?? false })
        let head = compareLines(s, row: row, left: false, width: 200, titled: true).first?.spans.flatMap(\.units).map(\.text).joined()
        XCTAssertEqual(head, "")
        XCTAssertEqual(docs[article].sectionTitle(ofParagraph: c.pairs[row].right!), "")
        XCTAssertTrue(view(s).lines[0].contains(String(docs[article].title.prefix(30))), view(s).lines[0])
    }

    func testTimeJumpInAComparison() throws {
        let docs = try Fixtures.twoEpisodesWithNotes()
        var s = Fixtures.state([docs[0], docs[2]], width: 120, height: 40)
        _ = update(&s, .deferred(.compare(1)))
        let c = try XCTUnwrap(s.compare)
        XCTAssertEqual(update(&s, .event(.key(.char("2")))), [])
        Fixtures.type(&s, "0:00")
        Fixtures.press(&s, .enter)
        let at = try XCTUnwrap(s.compare?.top.item)
        let times = c.pairs.map { $0.left.flatMap { s.documents[0].paragraphs[$0].time } }
        // (Whole seconds, as times are typed: 20:00.56 is said at 20:00.)
        XCTAssertLessThanOrEqual(try XCTUnwrap(times[at]).rounded(.down), 1200)
        XCTAssertTrue(times[(at + 1)...].compactMap { $0 }.allSatisfy { $0 >= 1201 })
        XCTAssertEqual(s.message?.text, "20:00 → row \(at + 1)/\(c.pairs.count)")
        XCTAssertNotNil(s.compare)
    }

    /// A caption file has no title but its file's name; the notes about it lend it theirs in the
    /// document list, beside its name, and in the status bar, and the filter finds it by them.
    func testTranscriptsNamedByWhatWasWrittenAboutThem() throws {
        let docs = try Fixtures.twoEpisodesWithNotes()
        var s = Fixtures.state(docs, width: 120, height: 40)
        // Under the title of the text, and in the status bar before the file's name.
        XCTAssertTrue(view(s).lines[1...4].contains { $0.contains("│ notes about it: 1 Max Tegmark ") }, view(s).text)
        XCTAssertTrue(view(s).lines.last!.hasPrefix(" Gloss │ 1 Max Tegmark (episode_0… │ 00:00 – 05:00 "), view(s).lines.last!)
        // One episode with its notes: the episode number tells what the notes are about.
        var one = Fixtures.state([docs[1], docs[3]], width: 120, height: 40)
        XCTAssertTrue(view(one).lines[1...4].contains { $0.contains("│ notes about it: 309 John Carmack ") }, view(one).text)
        Fixtures.press(&one, .char("o"), .char("j"), .enter)
        XCTAssertFalse(view(one).text.contains("notes about it"), "the notes have a title of their own")
        Fixtures.press(&s, .char("o"))
        let text = view(s).text
        XCTAssertTrue(text.contains("● episode_001_large · 1 Max Tegmark "), text)
        XCTAssertTrue(text.contains("  episode_309_large · 309 John Carmack "), text)
        // The notes themselves have titles of their own: nothing is added to them.
        XCTAssertFalse(text.contains("309 John Carmack · "), text)
        Fixtures.press(&s, .char("/"))
        Fixtures.type(&s, "carmack")
        XCTAssertEqual(openList(s), [1, 3])
    }

    /// A caption file with many pages written about it (a site on one episode, a page per
    /// topic) keeps the name its file gives it in the status bar and the document list: one
    /// page's title would name a topic, not the episode. Under its title all are listed.
    func testTranscriptWithManyPagesAboutItKeepsItsName() throws {
        let folder = SharedData.external.appendingPathComponent("lex-youtube-lumentis").path
        let docs = DocumentLoader.load(paths: [folder], keepCues: false).documents
        let srt = try XCTUnwrap(docs.firstIndex { $0.format == .srt })
        var s = Fixtures.state(docs, width: 120, height: 40)
        s.current = srt
        XCTAssertGreaterThan(writtenAbout(s)[srt]?.count ?? 0, 5, "the pages are about the episode")
        XCTAssertNil(aboutTitle(s, srt))
        let status = view(s).lines.last!
        XCTAssertTrue(status.hasPrefix(" Gloss │ Andrej Karpathy: Tesla A"), status)
        XCTAssertTrue(view(s).lines[1...6].contains { $0.contains("│ notes about it: ") }, view(s).text)
        Fixtures.press(&s, .char("o"))
        XCTAssertFalse(view(s).lines.contains { $0.contains("● Andrej Karpathy") && $0.contains(" · Artificial General") }, view(s).text)
    }

    /// Copies of one episode (two Whisper models' transcripts, an SRT and its caption text) say
    /// so in the document list, naming the other by its title, or by its format when both have
    /// one title; the first of a group and other documents say nothing of the kind.
    func testDocumentListMarksCopiesOfAnEpisode() throws {
        let lexicap = SharedData.external.appendingPathComponent("lexicap")
        let paths = ["episode_001_large.vtt", "episode_001_small.vtt", "episode_309_large.vtt"].map { lexicap.appendingPathComponent($0).path }
            + [SharedData.external.appendingPathComponent("lex-youtube-lumentis/ep333-karpathy").path]
        let docs = DocumentLoader.load(paths: paths, keepCues: false).documents
        var s = Fixtures.state(docs, width: 120, height: 40)
        let srt = try XCTUnwrap(docs.firstIndex { $0.format == .srt })
        let text = try XCTUnwrap(docs.firstIndex { $0.format == .captionText })
        XCTAssertEqual(docs[srt].title, docs[text].title)
        XCTAssertEqual(copiesOf(s), [1: 0, text: srt])
        XCTAssertEqual(listNote(s, 1), "same episode as episode_001_large")
        XCTAssertNil(listNote(s, 0))
        XCTAssertNil(listNote(s, 2), "another episode")
        XCTAssertNil(listNote(s, srt))
        Fixtures.press(&s, .char("o"))
        let lines = view(s).lines
        XCTAssertTrue(lines.contains { $0.contains("│   Andrej Karpathy: Tesla AI, Sel… · same episode as the srt  transcript · caption-text │") }, view(s).text)
        XCTAssertTrue(lines.contains { $0.contains("│   episode_001_small · same episode as episode_001_large ") }, view(s).text)
    }

    /// Lex's notes as Markdown and as HTML are one document twice: a search of the corpus lists
    /// each passage once (the CLI, which names paths, lists both); a passage a document repeats
    /// is listed each time.
    func testSearchListsAPassageOfTwoCopiesOnce() throws {
        let notes = SharedData.external.appendingPathComponent("lexnotes")
        let paths = [notes.appendingPathComponent("1-max-tegmark.md").path, notes.appendingPathComponent("html/1-max-tegmark.html").path]
        let docs = DocumentLoader.load(paths: paths, keepCues: false).documents
        XCTAssertEqual(docs.map(\.title), ["1 Max Tegmark", "1 Max Tegmark"])
        var s = Fixtures.state(docs, width: 120, height: 40)
        let all = searchIndex(s).search(SearchQuery("consciousness"), limit: 200)
        XCTAssertEqual(Set(all.map(\.ref.doc)), [0, 1])
        Fixtures.press(&s, .char("/"))
        Fixtures.type(&s, "consciousness")
        let hits = try XCTUnwrap(s.search?.hits)
        let texts = hits.filter { $0.section == nil }.map { docs[$0.ref.doc].paragraphs[$0.ref.paragraph].text }
        XCTAssertEqual(texts.count, Set(texts).count, "each passage once")
        XCTAssertEqual(Set(texts), Set(all.map { docs[$0.ref.doc].paragraphs[$0.ref.paragraph].text }), "none lost")
        XCTAssertLessThan(hits.count, all.count)

        let text = "Title\n\nYeah, consciousness.\n\nSomething else entirely here.\n\nYeah, consciousness.\n"
        let twice = [try DocumentLoader.parse(Array(text.utf8), path: "a.txt"), try DocumentLoader.parse(Array(text.utf8), path: "b.txt")]
        let found = CorpusIndex(documents: twice).search(SearchQuery("consciousness"), limit: 10)
        XCTAssertEqual(found.count, 4)
        XCTAssertEqual(withoutRepeats(found, twice).map(\.ref.doc), [0, 0])
    }

    /// In the document list `/` filters by title and path as you type; arrows choose, Enter
    /// opens, Esc drops the filter and a second Esc closes the list.
    func testOpenListFilters() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        Fixtures.press(&s, .char("o"))
        XCTAssertTrue(view(s).text.contains("Open a document (Enter, / filters)"))
        // Each document with the verdicts on the claims it makes.
        let made = s.claims.filter { $0.claim.source.doc == 1 }
        let counts = "✓\(made.filter { $0.verdict == .supported }.count) ✗\(made.filter { $0.verdict == .divergent }.count) ?\(made.filter { $0.verdict == .notFound }.count) · article │"
        XCTAssertTrue(view(s).lines.contains { $0.contains("Dario Amodei's Most Honest") && $0.contains(counts) }, view(s).text)
        Fixtures.press(&s, .char("/"))
        Fixtures.type(&s, "HONEST interview")
        XCTAssertEqual(openList(s), [1])
        // Accents are not needed, nor the ones typed required.
        XCTAssertTrue(listText("Zoë Keating · Ārvo Pärt", has: filterWords({ var t = s; t.listFilter = "zoe ARVO part"; return t }())))
        XCTAssertTrue(listText("Zoe Keating", has: filterWords({ var t = s; t.listFilter = "zoë"; return t }())))
        var text = view(s).text
        XCTAssertTrue(text.contains("Open /HONEST interview▏ 1 of 2 · Esc clears"), text)
        XCTAssertTrue(text.contains("Dario Amodei's Most Honest Interview"))
        // Letters that are keys elsewhere (j, q, o) are typed into the filter.
        Fixtures.type(&s, "jq")
        XCTAssertEqual(openList(s), [])
        text = view(s).text
        XCTAssertTrue(text.contains("0 of 2") && text.contains("no document's title or path has that"), text)
        Fixtures.press(&s, .enter)
        XCTAssertNotNil(s.overlay, "nothing to open")
        Fixtures.press(&s, .backspace, .backspace)
        XCTAssertEqual(openList(s), [1])
        Fixtures.press(&s, .enter)
        XCTAssertNil(s.overlay)
        XCTAssertNil(s.listFilter)
        XCTAssertEqual(s.current, 1)
        // Esc drops the filter, keeping the chosen document selected; a second Esc closes.
        Fixtures.press(&s, .char("o"), .char("/"))
        Fixtures.type(&s, "seeds/000")
        XCTAssertEqual(openList(s), [0])
        Fixtures.press(&s, .escape)
        XCTAssertNil(s.listFilter)
        XCTAssertEqual(s.overlay, .open(selected: 0, compare: false))
        Fixtures.press(&s, .escape)
        XCTAssertNil(s.overlay)
        XCTAssertEqual(s.current, 1)
        // The comparison's list filters too.
        Fixtures.press(&s, .char("c"), .char("/"))
        Fixtures.type(&s, "exponential")
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.compare.map { [$0.left, $0.right] }, [1, 0])
    }


    /// Filtered, the document list puts the documents a word starts in before those that merely
    /// contain it: "lex" lists the Lexicap episode before Lenny's note on a "flexible" MVP, whatever
    /// the corpus order; "max" finds the episode by its title's word first.
    func testOpenListPutsWordStartsFirst() throws {
        let external = SharedData.external
        let paths = [external.appendingPathComponent("lennys-podcast/insights/eric-ries/xzebbzIntFc-04-the-flexible-and-contextual-nature-of-a-minimum-vi.md").path,
                     external.appendingPathComponent("lexicap/episode_001_large.vtt").path]
        let docs = DocumentLoader.load(paths: paths, keepCues: false).documents
        XCTAssertEqual(docs.count, 2)
        let flexible = try XCTUnwrap(docs.firstIndex { $0.title.contains("flexible") })
        let lexicap = 1 - flexible
        var s = Fixtures.state(docs, width: 120, height: 40)
        Fixtures.press(&s, .char("o"), .char("/"))
        Fixtures.type(&s, "lex")
        XCTAssertEqual(openList(s), [lexicap, flexible])
        XCTAssertTrue(startsAWord("lex", in: "lexicap/episode"))
        XCTAssertTrue(startsAWord("lex", in: "the flexible lex"))
        XCTAssertFalse(startsAWord("lex", in: "the flexible"))
        // Enter opens the first row: the best match.
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.current, lexicap)
    }
    func testMouseWheelScrollsPaneUnderPointer() throws {
        var s = Fixtures.state(try Fixtures.seedDocuments(), width: 120, height: 40)
        let geo = ScreenGeometry(s)
        let text = try XCTUnwrap(geo.rects[.transcript])
        _ = update(&s, .event(.mouse(MouseEvent(kind: .wheelDown, x: text.x + 2, y: 5))))
        XCTAssertNotEqual(s.position, ScrollPosition())
        XCTAssertEqual(s.focus, .transcript)
        let chapters = try XCTUnwrap(geo.rects[.chapters])
        _ = update(&s, .event(.mouse(MouseEvent(kind: .press, x: chapters.x + 1, y: chapters.y + 7))))
        XCTAssertEqual(s.focus, .chapters)
        XCTAssertEqual(s.selected[.chapters], 6)
        // Over a list the wheel moves its selection; a click does nothing underneath it.
        Fixtures.press(&s, .char("C"))
        _ = update(&s, .event(.mouse(MouseEvent(kind: .wheelDown, x: 60, y: 20))))
        XCTAssertEqual(s.overlay, .claims(selected: 3, only: nil))
        _ = update(&s, .event(.mouse(MouseEvent(kind: .press, x: chapters.x + 1, y: chapters.y + 2))))
        XCTAssertEqual(s.selected[.chapters], 6)
        XCTAssertEqual(s.overlay, .claims(selected: 3, only: nil))
        Fixtures.press(&s, .escape, .char("?"))
        _ = update(&s, .event(.resize(width: 120, height: 15)))   // (help that does not fit)
        _ = update(&s, .event(.mouse(MouseEvent(kind: .wheelDown, x: 60, y: 10))))
        XCTAssertEqual(s.overlay, .help(scroll: 3))
        _ = update(&s, .event(.resize(width: 120, height: 40)))
        Fixtures.press(&s, .escape)
        // Over the search hits it chooses one; over an empty prompt it recalls nothing.
        Fixtures.press(&s, .char("/"))
        Fixtures.type(&s, "geniuses")
        Fixtures.press(&s, .enter, .char("/"))
        _ = update(&s, .event(.mouse(MouseEvent(kind: .wheelUp, x: 60, y: 38))))
        XCTAssertEqual(s.overlay, .prompt(.search, ""))
        Fixtures.type(&s, "exponential")
        _ = update(&s, .event(.mouse(MouseEvent(kind: .wheelDown, x: 60, y: 38))))
        XCTAssertEqual(s.hitSelection, 3)
        Fixtures.press(&s, .escape)
        Fixtures.type(&s, "12:36")
        Fixtures.press(&s, .enter, .char(":"))
        _ = update(&s, .event(.mouse(MouseEvent(kind: .wheelUp, x: 60, y: 38))))
        XCTAssertEqual(s.overlay, .prompt(.jump, ""))
        Fixtures.press(&s, .escape)
        s.mouseEnabled = false
        let before = s.position
        _ = update(&s, .event(.mouse(MouseEvent(kind: .wheelDown, x: text.x + 2, y: 5))))
        XCTAssertEqual(s.position, before)
    }
}
