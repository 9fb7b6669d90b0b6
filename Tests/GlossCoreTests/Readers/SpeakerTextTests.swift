import XCTest
@testable import GlossCore

/// Transcripts as plain text with speaker labels and no timings (news transcripts, interviews
/// printed as questions and answers, exports without times): read as transcripts whose turns
/// keep their speakers and whose times are estimated; articles with a few labelled lines stay
/// articles.
final class SpeakerTextTests: XCTestCase {
    func load(_ text: String, path: String = "interview.txt") throws -> Document {
        try DocumentLoader.parse(Array(text.utf8), path: path)
    }

    static let interview = """
    An interview with the harbor storage chief

    This conversation has been edited for length and clarity.

    Q: How big is the battery now?

    A: The first phase is 120 megawatt-hours. We will double it by 2027.

    Q: And the cost?

    A: Phase one cost $61 million. Phase two is budgeted at about $140 million.

    It is still cheaper than the peaker plant it replaces.

    Q: What worries you?

    A: Transformers. Lead times grew from 12 months to almost three years.
    """

    func testQuestionsAndAnswersAreATranscript() throws {
        let d = try load(Self.interview)
        XCTAssertEqual(d.format, .speakerText)
        XCTAssertEqual(d.kind, .transcript)
        XCTAssertEqual(d.title, "An interview with the harbor storage chief")
        XCTAssertEqual(d.metadata.participants, ["Q", "A"])
        XCTAssertEqual(d.paragraphs.map(\.speaker), [nil, "Q", "A", "Q", "A", "A", "Q", "A"])
        XCTAssertEqual(d.paragraphs[2].text, "The first phase is 120 megawatt-hours. We will double it by 2027.")
        // The paragraph after an answer goes on with its speaker; the label is not in the text.
        XCTAssertEqual(d.paragraphs[5].text, "It is still cheaper than the peaker plant it replaces.")
        XCTAssertEqual(d.sections.map(\.title), [SpeakerTextReader.section])
        XCTAssertTrue(d.paragraphs.allSatisfy { $0.estimated && $0.time != nil })
        XCTAssertEqual(d.paragraphs.map { $0.time! }, d.paragraphs.map { $0.time! }.sorted())
        XCTAssertEqual(d.warnings, [SpeakerTextReader.warning])
        // Byte ranges point at the turns in the source.
        let bytes = Array(Self.interview.utf8)
        XCTAssertEqual(String(decoding: bytes[d.paragraphs[1].byteRange], as: UTF8.self), "Q: How big is the battery now?")
    }

    /// Capitals, honorifics, numbered speakers and a turn that runs over several lines.
    func testNamesAsNewsTranscriptsAndExportsWriteThem() throws {
        var turns: [String] = []
        for k in 0..<4 {
            turns.append("SEN. MARIA O'NEILL: Question \(k) about the grid,\nwhich goes on over a second line.")
            turns.append("Speaker 2: Answer \(k). Storage covered 18% of the evening peak.")
        }
        let d = try load("Hearing on grid storage\n\n" + turns.joined(separator: "\n\n"))
        XCTAssertEqual(d.format, .speakerText)
        XCTAssertEqual(d.metadata.participants, ["Sen. Maria O'Neill", "Speaker 2"])
        XCTAssertEqual(d.paragraphs.count, 8)
        XCTAssertEqual(d.paragraphs[0].text, "Question 0 about the grid, which goes on over a second line.")
        // One turn a line, without blank lines between them, reads the same.
        let packed = try load(turns.map { $0.replacingOccurrences(of: ",\n", with: ", ") }.joined(separator: "\n"), path: "hearing.txt")
        XCTAssertEqual(packed.format, .speakerText)
        XCTAssertEqual(packed.paragraphs.map(\.speaker), d.paragraphs.map(\.speaker))
        XCTAssertEqual(packed.title, "hearing")
    }

    /// A news transcript names speakers with their role the first time (`STEVE INSKEEP, HOST:`)
    /// and by surname after; as a web page it comes through the HTML reader, whose paragraphs
    /// get the same labels (and Markdown's too).
    func testNewsTranscriptAsAWebPage() throws {
        var turns = ["<p>STEVE INSKEEP, HOST:</p><p>Good morning.</p>"]
        turns.append("<p>STEVE INSKEEP, HOST: The harbor battery opened this week. Maria O'Neill runs it.</p>")
        for k in 0..<4 {
            turns.append("<p>MARIA O'NEILL, BYLINE: Answer \(k): it covered 18% of the evening peak.</p>")
            turns.append("<p>INSKEEP: Question \(k) about the cost?</p>")
        }
        let html = "<!doctype html><html><head><title>Harbor battery : NPR</title></head><body><main><h1>Harbor battery</h1>"
            + turns.joined() + "<footer>Copyright NPR</footer></main></body></html>"
        let d = try load(html, path: "npr.html")
        XCTAssertEqual(d.format, .html)
        XCTAssertEqual(d.kind, .transcript)
        // Named in full once and by surname after, Inskeep is one speaker.
        XCTAssertEqual(d.metadata.participants, ["Steve Inskeep", "Maria O'Neill"])
        XCTAssertEqual(d.paragraphs.first { $0.text.hasPrefix("Question 0") }?.speaker, "Steve Inskeep")
        XCTAssertEqual(SpeakerTextReader.fullNames(["Jane Doe", "John Doe", "Doe", "Smith", "Jane Doe"]), ["Jane Doe", "John Doe", "Doe", "Smith", "Jane Doe"])
        let answer = try XCTUnwrap(d.paragraphs.first { $0.text.hasPrefix("Answer 0") })
        XCTAssertEqual(answer.speaker, "Maria O'Neill")
        XCTAssertTrue(answer.estimated)
        // "Good morning." under a label of its own goes on with its speaker.
        XCTAssertEqual(d.paragraphs.first { $0.text == "Good morning." }?.speaker, "Steve Inskeep")
        XCTAssertEqual(SpeakerTextReader.label("STEVE INSKEEP, HOST: Hello.")?.name, "STEVE INSKEEP")
        XCTAssertNil(SpeakerTextReader.label("Also, we found: nothing."))
        XCTAssertNil(SpeakerTextReader.label("See http://example.com for more."))
    }

    /// Names in capitals are written as names: "O'NEILL" as "O'Neill", but "DON'T" as "Don't".
    func testNamesInCapitals() {
        XCTAssertEqual("SEN. MARIA O'NEILL".capitalizedIfAllCaps, "Sen. Maria O'Neill")
        XCTAssertEqual("D’ARCY".capitalizedIfAllCaps, "D’Arcy")
        XCTAssertEqual("DON'T".capitalizedIfAllCaps, "Don't")
        XCTAssertEqual("O'ẞ".capitalizedIfAllCaps.count, 3)
        XCTAssertEqual("Jane Doe".capitalizedIfAllCaps, "Jane Doe")
    }

    /// Labelled lines that are not turns: each label once (a spec sheet), the same label again
    /// and again (notes), labels in lower case or with digits first ("His view: …", "12:36"),
    /// too few turns, or turns among much more prose.
    func testArticlesWithLabelledLinesStayArticles() throws {
        let specs = "Harbor battery facts\n\n" + ["Capacity: 120 MWh.", "Cost: $61 million.", "Opened: 2024.", "Owner: the city.",
                                                  "Operator: Harbor Storage.", "Site: the old pier.", "Cells: LFP.", "Warranty: 15 years."].joined(separator: "\n\n")
        XCTAssertEqual(try load(specs).format, .article)
        let notes = "Field notes\n\n" + (0..<8).map { "Note: item \($0) of the list, written down." }.joined(separator: "\n\n")
        XCTAssertEqual(try load(notes).format, .article)
        let views = "What he thinks\n\n" + (0..<4).map { "His view: point \($0) is made here.\n\nDario's argument: and answered there." }.joined(separator: "\n\n")
        XCTAssertEqual(try load(views).format, .article)
        let few = "A short exchange\n\nJANE DOE: Thanks for having me.\n\nJOHN SMITH: Why?\n\nJANE DOE: Because demand doubled."
        XCTAssertEqual(try load(few).format, .article)
        let prose = (0..<20).map { "Paragraph \($0) of an article that reports on the harbor battery at length." }
        let quoted = (0..<3).map { "MAYOR: We \($0) will build it.\n\nREPORTER: When?" }
        XCTAssertEqual(try load("The battery\n\n" + (prose + quoted).joined(separator: "\n\n")).format, .article)
    }

    /// A summary's claims link to the answers of such a transcript, as to any transcript's
    /// passages: its figures agree (supported) or not (divergent).
    func testClaimsLinkToTheTurns() throws {
        let article = """
        What the harbor chief told us

        The harbor chief said the first phase is 120 megawatt-hours and that it will double by 2027.

        He said transformer lead times grew to almost five years.
        """
        let docs = [try load(Self.interview), try load(article, path: "article.txt")]
        XCTAssertEqual(docs[1].kind, .article)
        let checker = ClaimChecker(index: CorpusIndex(documents: docs))
        let checked = checker.check(checker.extractClaims())
        let phase = try XCTUnwrap(checked.first { $0.claim.text.hasPrefix("The harbor chief said the first phase") })
        XCTAssertEqual(phase.verdict, .supported)
        XCTAssertEqual(phase.evidence.first?.ref, ParagraphRef(doc: 0, paragraph: 2))
        let lead = try XCTUnwrap(checked.first { $0.claim.text.hasPrefix("He said transformer lead times") })
        XCTAssertEqual(lead.verdict, .divergent)
        XCTAssertEqual(lead.evidence.first?.ref, ParagraphRef(doc: 0, paragraph: 7))
    }
}
