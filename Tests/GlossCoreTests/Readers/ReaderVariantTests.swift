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
        Read More
        Listen Now
        Read More
        Listen Now
        """
        let d = try DocumentLoader.parse(Array(text.utf8), path: "n.txt")
        XCTAssertEqual(d.format, .newsletter)
        XCTAssertEqual(d.paragraphs.map(\.speaker), ["Ada Lovelace", "Charles Babbage", "Ada Lovelace", "Charles Babbage"])
        XCTAssertEqual(d.metadata.participants, ["Ada Lovelace", "Charles Babbage"])  // not "Read More"
    }
}

/// Articles laid out a little differently from the seed commentary: a section label above the
/// headline, a standfirst before the byline, page furniture between paragraphs.
final class ArticleVariantTests: XCTestCase {
    func testKickerBylineAndFurniture() throws {
        let text = """
        Tech

        What Sam Altman Really Said About AGI Timelines

        By Jane Writer | March 3, 2026 | 6 min read

        Sam Altman sat down with Lex Fridman for a three-hour conversation. Here are the key takeaways.

        Advertisement

        Key Takeaways

        - Altman believes AGI could arrive within five years.
        - He expects 10x cheaper inference every year.

        The Timeline Question

        Altman was asked when AGI would arrive. "I think we'll have quite capable systems by the end of this decade," he said.

        Related: Why AGI timelines keep shrinking

        Compute and Money

        He estimated that building out compute will cost trillions of dollars over the next decade.

        Share this article

        Jane Writer is a senior reporter covering AI.
        """
        let d = try DocumentLoader.parse(Array(text.utf8), path: "a.txt")
        XCTAssertEqual(d.format, .article)
        XCTAssertEqual(d.metadata.title, "What Sam Altman Really Said About AGI Timelines")
        XCTAssertEqual(d.metadata.author, "Jane Writer")
        XCTAssertEqual(d.metadata.date, "March 3, 2026")
        XCTAssertTrue(d.metadata.extra.contains { $0.0 == "section" && $0.1 == "Tech" })
        XCTAssertEqual(d.sections.map(\.title), ["What Sam Altman Really Said About AGI Timelines", "Key Takeaways", "The Timeline Question", "Compute and Money"])
        XCTAssertEqual(d.sections[1].kind, .summary)
        XCTAssertFalse(d.paragraphs.contains { $0.text.hasPrefix("Advertisement") || $0.text.hasPrefix("Related:") || $0.text.hasPrefix("Jane Writer is") })
        XCTAssertEqual(d.paragraphs.count, 5)

        // A standfirst between the headline and the byline stays as text.
        let dek = try DocumentLoader.parse(Array("The Compute Question\n\nWhy the labs keep buying chips, and what it costs them\n\nBy Ann Lee · 4 min read\n\nThe labs keep buying chips because the scaling laws have held for a decade now.\n".utf8), path: "b.txt")
        XCTAssertEqual(dek.metadata.title, "The Compute Question")
        XCTAssertEqual(dek.metadata.author, "Ann Lee")
        XCTAssertEqual(dek.paragraphs.first?.text, "Why the labs keep buying chips, and what it costs them")
        // A two-word headline followed by prose is the headline, not a section label.
        let short = try DocumentLoader.parse(Array("Scaling Laws\n\nThe labs keep buying chips because the scaling laws have held for a decade now, they say.\n\nMore text follows here in a second paragraph.\n".utf8), path: "c.txt")
        XCTAssertEqual(short.metadata.title, "Scaling Laws")
    }
}
