import Foundation
import XCTest
@testable import GlossCore

/// Podcasting 2.0 HTML transcripts (`<cite>`, `<time>`, `<p>`): the specification's own
/// snippet, pages around it, untimed turns, chapters beside, and what must not be taken for one.
final class PodcastHTMLTests: FolderTestCase {
    /// The `html` snippet of the namespace's transcript specification (in the shared corpus).
    func specSnippet() throws -> String {
        let spec = try String(contentsOfFile: Shared.path("podcast-namespace/examples/transcripts/transcripts.md"), encoding: .utf8)
        let section = try XCTUnwrap(spec.range(of: "### HTML"))
        let open = try XCTUnwrap(spec.range(of: "```html\n", range: section.upperBound..<spec.endIndex))
        let close = try XCTUnwrap(spec.range(of: "```", range: open.upperBound..<spec.endIndex))
        return String(spec[open.upperBound..<close.lowerBound])
    }

    func testSpecificationSnippet() throws {
        let snippet = try specSnippet()
        let doc = try DocumentLoader.parse(Array(snippet.utf8), path: "example.html")
        XCTAssertEqual(doc.format, .podcastHTML)
        XCTAssertEqual(doc.kind, .transcript)
        XCTAssertEqual(doc.metadata.participants, ["Kevin", "Alban"])  // "Alban :" trimmed
        XCTAssertEqual(doc.paragraphs.map(\.speaker), ["Kevin", "Alban"])
        XCTAssertEqual(doc.paragraphs.map(\.time), [0, 9])
        XCTAssertEqual(doc.paragraphs.map(\.estimated), [false, false])
        XCTAssertEqual(doc.paragraphs[0].text, "We have an update planned where we would like to give the ability to upload an artwork file for these videos")
        XCTAssertEqual(doc.paragraphs[1].text, "You're triggering Tom right now with a hey, here's a cool feature.")
        // Each paragraph's bytes are its <p> element in the file.
        let bytes = Array(snippet.utf8)
        let p1 = String(decoding: bytes[doc.paragraphs[1].byteRange], as: UTF8.self)
        XCTAssertTrue(p1.hasPrefix("<p>You're") && p1.hasSuffix("</p>"), p1)
        XCTAssertEqual(doc.cues?.map(\.start), [0, 9])
        XCTAssertEqual(doc.sections.first?.start, 0)
        // Searchable like any transcript.
        let index = CorpusIndex(documents: [doc])
        XCTAssertEqual(index.search(SearchQuery("\"cool feature\""), limit: 5).first?.ref.paragraph, 1)
    }

    /// A whole page around the turns: title from <title>, inline tags and entities in the text,
    /// times in every form, a <p> without its own time starting with the one before it.
    func testPageWithTitleEntitiesAndTimes() throws {
        let html = """
            <!DOCTYPE html>
            <html><head><title>Episode 12 &mdash; Batteries</title><style>p { color: red }</style></head>
            <body><h1>Transcript</h1>
            <cite>Ana Ruiz:</cite> <time>0:05</time>
            <p>Welcome to <b>the</b> show &amp; thanks.</p>
            <cite>Bo:</cite> <TIME>00:01:30</TIME> <P class="turn">Storage first.</P>
            <p>And a second thought.</p>
            <cite>Ana Ruiz:</cite> <time>1:02:09</time> <p>The end.</p>
            </body></html>
            """
        let doc = try DocumentLoader.parse(Array(html.utf8), path: "ep12.html")
        XCTAssertEqual(doc.format, .podcastHTML)
        XCTAssertEqual(doc.metadata.title, "Episode 12 — Batteries")
        XCTAssertEqual(doc.metadata.participants, ["Ana Ruiz", "Bo"])
        XCTAssertEqual(doc.cues?.map(\.text), ["Welcome to the show & thanks.", "Storage first.", "And a second thought.", "The end."])
        XCTAssertEqual(doc.cues?.map(\.start), [5, 90, 90, 3729])
        XCTAssertEqual(doc.cues?.map(\.speaker), ["Ana Ruiz", "Bo", "Bo", "Ana Ruiz"])
        XCTAssertEqual(doc.metadata.duration, 3729)
        XCTAssertFalse(doc.paragraphs.contains { $0.text.contains("Transcript") || $0.text.contains("color") })
        let last = try XCTUnwrap(doc.paragraphs.last)
        XCTAssertEqual(last.time, 3729)
        XCTAssertEqual(doc.sections[doc.paragraphs.last!.section].start, 3600)  // 5-minute windows
    }

    /// Without a single <time>, turns are read with their speakers, and the document says so.
    func testUntimedTurns() throws {
        let html = "<cite>Kevin:</cite>\n<p>First # not a heading, *not* emphasis.</p>\n<p>- still Kevin</p>\n<cite>Alban :</cite>\n<p>Reply.</p>\n"
        let doc = try DocumentLoader.parse(Array(html.utf8), path: "untimed.html")
        XCTAssertEqual(doc.format, .podcastHTML)
        XCTAssertEqual(doc.kind, .transcript)
        XCTAssertEqual(doc.paragraphs.map(\.text), ["First # not a heading, *not* emphasis.", "- still Kevin", "Reply."])
        XCTAssertEqual(doc.paragraphs.map(\.speaker), ["Kevin", "Kevin", "Alban"])
        XCTAssertTrue(doc.paragraphs.allSatisfy { $0.time == nil || $0.estimated })
        XCTAssertTrue(doc.warnings.contains { $0.contains("no <time>") }, "\(doc.warnings)")
    }

    /// A chapters file beside the transcript gives it its sections, as for the cue formats.
    func testChaptersBeside() throws {
        _ = write("ep.html", try specSnippet())
        _ = write("ep.chapters.json", #"{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro"}, {"startTime": 5, "title": "Artwork"}]}"#)
        let result = DocumentLoader.load(paths: [dir])
        XCTAssertEqual(result.problems.count, 0, "\(result.problems)")
        XCTAssertEqual(result.documents.count, 1)
        let doc = try XCTUnwrap(result.documents.first)
        XCTAssertEqual(doc.sections.map(\.title), ["Intro", "Artwork"])
        XCTAssertEqual(doc.paragraphs.map { doc.sections[$0.section].title }, ["Intro", "Artwork"])
    }

    /// What is not one: the specification itself (Markdown quoting the snippet), an HTML
    /// article with a dated <time> and a quotation's <cite>, the Lex Notes pages.
    func testOtherDocumentsAreNotTakenForOne() throws {
        let spec = try Shared.load(Shared.path("podcast-namespace/examples/transcripts/transcripts.md"))
        XCTAssertEqual(spec.format, .markdown)
        let article = """
            <!DOCTYPE html><html><head><title>News</title></head><body><article>
            <p>Posted <time datetime="2024-05-01">May 1</time></p>
            <blockquote><p>Storage is cheap now.</p><cite>Ana Ruiz</cite></blockquote>
            <p>More text.</p><blockquote><p>Second quote.</p><cite>Bo</cite></blockquote><p>End.</p>
            </article></body></html>
            """
        XCTAssertEqual(try DocumentLoader.parse(Array(article.utf8), path: "news.html").format, .html)
        for path in Shared.files(under: "lexnotes/html", ext: "html") {
            XCTAssertEqual(try Shared.load(path).format, .html, path)
        }
    }

    /// Unclosed and hostile markup: read once, not once per tag; absurd times refused.
    func testHostileMarkup() throws {
        let head = "<cite>A:</cite><time>0:01</time><p>x</p><time>0:02</time><p>y</p>"
        let unclosed = head + String(repeating: "<p>", count: 200_000) + String(repeating: "<time>", count: 100_000)
        let doc = try DocumentLoader.parse(Array(unclosed.utf8), path: "unclosed.html")
        XCTAssertEqual(doc.paragraphs.map(\.text), ["x y"])
        let odd = head + "<time>99:99:99</time><p>z</p><time>-5</time><p>w</p><cite></cite><p>q</p>"
        let oddDoc = try DocumentLoader.parse(Array(odd.utf8), path: "odd.html")
        // The bad times are not times: those passages go on from the last good one, and the
        // empty <cite> leaves them without a speaker.
        XCTAssertEqual(oddDoc.cues?.map(\.start), [1, 2, 2, 2, 2])
        XCTAssertEqual(oddDoc.cues?.last?.speaker, nil)
    }
}
