import XCTest
@testable import GlossCore

/// Newsletter exports shaped a little differently from the seed: speakers named on every turn
/// (by a recurring name line, a first name with a colon, or the metadata's guest), transcript
/// headings in the chapter list's shape or without a dash.
final class NewsletterVariantTests: XCTestCase {
    func testSpeakersNamedOnEveryTurnAndOtherHeadingShapes() throws {
        let text = """
        example.com
        Scaling, compute and the labs
        Brief
        The guest says compute keeps getting cheaper and the labs will grow.
        title: Scaling, compute and the labs
        author: Jane Host
        guest: John Guest
        Timestamps
        (00:00:00) - Intro
        (00:05:00) - Compute
        (00:09:00) - Never reached
        Transcript
        (00:00:00) - Intro
        Jane Host
        Welcome to the show, John. What changed this year?
        John Guest (00:00:20)
        Compute got cheaper, and the models kept scaling as we expected.
        Jane: So what comes next for the labs?
        John: More of the same, for one or two years at least.
        00:05:00 Compute
        Jane Host
        How much compute are we talking about?
        John Guest
        Ten gigawatts by the end of the decade, maybe more.
        """
        let d = try DocumentLoader.parse(Array(text.utf8), path: "n.txt")
        XCTAssertEqual(d.format, .newsletter)
        let chapters = d.sections.filter { $0.kind == .chapter }
        XCTAssertEqual(chapters.map(\.title), ["Intro", "Compute", "Never reached"])
        XCTAssertEqual(chapters.map(\.present), [true, true, false])
        let body = d.paragraphs.filter { d.sections[$0.section].kind == .chapter }
        XCTAssertEqual(body.map(\.speaker), ["Jane Host", "John Guest", "Jane Host", "John Guest", "Jane Host", "John Guest"])
        XCTAssertEqual(body[2].text, "So what comes next for the labs?")
        XCTAssertEqual(body[4].text, "How much compute are we talking about?")
        XCTAssertEqual(d.metadata.participants.sorted(), ["Jane Host", "John Guest"])
        // A clock time starting a sentence is not a heading.
        XCTAssertNil(NewsletterReader.transcriptHeading("10:30 Was when we met"))
        XCTAssertEqual(NewsletterReader.transcriptHeading("1:47:41 Why can’t China win?")?.0, 6461)
        XCTAssertEqual(NewsletterReader.bareName("Dario Amodei (00:01:02):"), "Dario Amodei")
    }

    /// Without metadata naming them, name lines that recur in the transcript are the speakers.
    func testRecurringNameLinesAreSpeakers() throws {
        let text = """
        Chapters
        (00:00:00) - Start
        Transcript
        00:00:00 - Start
        Ada Lovelace
        Let us begin with the engine and what it can compute.
        Charles Babbage
        It computes tables, and it will do much more than that.
        Ada Lovelace
        Then tell me about the cards.
        Charles Babbage
        They hold the program, one operation to a card.
        """
        let d = try DocumentLoader.parse(Array(text.utf8), path: "n.txt")
        XCTAssertEqual(d.format, .newsletter)
        XCTAssertEqual(d.paragraphs.map(\.speaker), ["Ada Lovelace", "Charles Babbage", "Ada Lovelace", "Charles Babbage"])
    }
}
