import XCTest
@testable import GlossCore

/// TTML and DFXP: broadcast and streaming captions, Apple Podcasts' transcripts.
final class TTMLTests: XCTestCase {
    /// As Apple Podcasts keeps a transcript: a `<p>` per turn with its speaker, a span per word.
    let apple = """
    <?xml version="1.0" encoding="UTF-8"?>
    <tt xmlns="http://www.w3.org/ns/ttml" xmlns:podcasts="http://podcasts.apple.com/transcript-ttml-internal" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xml:lang="en">
    <head><metadata><ttm:agent type="person" xml:id="SPEAKER_1"/><ttm:agent type="person" xml:id="SPEAKER_2"/></metadata></head>
    <body dur="120.5"><div begin="0.000" end="60.0"><p begin="0.180" end="6.600" ttm:agent="SPEAKER_1"><span podcasts:unit="sentence"><span podcasts:unit="word" begin="0.180" end="0.420">Welcome</span><span podcasts:unit="word" begin="0.420" end="0.600">back</span><span podcasts:unit="word" begin="0.600" end="0.700">to</span><span podcasts:unit="word" begin="0.700" end="0.900">Shoreline.</span></span></p><p begin="7.100" end="9.000" ttm:agent="SPEAKER_2"><span podcasts:unit="sentence"><span podcasts:unit="word" begin="7.100" end="7.400">Thanks</span><span podcasts:unit="word" begin="7.400" end="7.600">Mara.</span></span></p></div></body></tt>
    """

    /// DFXP as streaming services write it: ticks, frames, named agents, a title, entities,
    /// a comment, CDATA, a paragraph without times, a `<div>` that offsets what is in it.
    let dfxp = """
    <?xml version="1.0" encoding="utf-8"?>
    <tt xmlns:tt="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:tickRate="10000000" xmlns="http://www.w3.org/ns/ttml">
    <head><metadata><ttm:title xmlns:ttm="http://www.w3.org/ns/ttml#metadata">Harbor Storage &amp; Friends</ttm:title></metadata>
    <ttm:agent xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xml:id="mara" type="person"><ttm:name type="full">Mara Quist</ttm:name></ttm:agent>
    <ttm:agent xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xml:id="tobias" type="person"><ttm:name type="full">Tobias Ferrand</ttm:name></ttm:agent></head>
    <body><div>
    <!-- a comment with <p begin="0s">not text</p> -->
    <p begin="10010000t" end="42000000t" ttm:agent="mara">It&apos;s a grid battery<br/>on the old pier?</p>
    <p begin="00:00:05:15" end="00:00:08.000" ttm:agent="tobias">Four hundred <span tts:fontStyle="italic">megawatt-hours</span> when finished.</p>
    <p>No time at all</p>
    </div><div begin="2m" ttm:agent="tobias"><p begin="0s" dur="3s"><![CDATA[Raw <text> & more]]></p></div></body></tt>
    """

    func testApplePodcastsTranscript() throws {
        let d = try DocumentLoader.parse(Array(apple.utf8), path: "episode.ttml")
        XCTAssertEqual(d.format, .ttml)
        XCTAssertEqual(d.kind, .transcript)
        XCTAssertEqual(d.paragraphs.map(\.text), ["Welcome back to Shoreline.", "Thanks Mara."])
        XCTAssertEqual(d.paragraphs.map(\.speaker), ["Speaker 1", "Speaker 2"])
        XCTAssertEqual(d.paragraphs.map(\.time), [0.18, 7.1])
        XCTAssertEqual(d.metadata.duration, 9)
    }

    /// Some of Apple's transcripts time only the words: a paragraph runs from its first word to
    /// its last.
    func testParagraphsTimedByTheirWords() throws {
        let ttml = """
        <tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xmlns:podcasts="http://podcasts.apple.com/transcript-ttml-internal">
          <body><div begin="10s">
            <p ttm:agent="SPEAKER_0">
              <span podcasts:unit="sentence">
                <span podcasts:unit="word" begin="3.250" end="3.600">Batteries</span>
                <span podcasts:unit="word" begin="3.600" end="4.100">got</span>
                <span podcasts:unit="word" begin="4.100" end="4.700">cheap.</span>
              </span>
            </p>
            <p ttm:agent="SPEAKER_1"><span podcasts:unit="sentence"><span podcasts:unit="word" begin="12.000" end="12.400">Paperwork</span><span podcasts:unit="word" begin="12.400" end="13.000">didn't.</span></span></p>
          </div></body>
        </tt>
        """
        let d = try DocumentLoader.parse(Array(ttml.utf8), path: "words.ttml")
        XCTAssertEqual(d.paragraphs.map(\.text), ["Batteries got cheap.", "Paperwork didn't."])
        XCTAssertEqual(d.paragraphs.map(\.speaker), ["Speaker 0", "Speaker 1"])
        XCTAssertEqual(d.cues?.map(\.start), [13.25, 22])
        XCTAssertEqual(d.cues?.map(\.end), [14.7, 23])
    }

    func testDFXPTimesSpeakersAndText() throws {
        let d = try DocumentLoader.parse(Array(dfxp.utf8), path: "show.dfxp")
        XCTAssertEqual(d.format, .ttml)
        XCTAssertEqual(d.metadata.title, "Harbor Storage & Friends")
        XCTAssertEqual(d.metadata.participants, ["Mara Quist", "Tobias Ferrand"])
        let cues = try XCTUnwrap(d.cues)
        XCTAssertEqual(cues.map(\.start), [1.001, 5.5, 120])
        XCTAssertEqual(cues.map(\.end), [4.2, 8, 123])
        XCTAssertEqual(d.paragraphs.map(\.speaker), ["Mara Quist", "Tobias Ferrand", "Tobias Ferrand"])
        XCTAssertEqual(d.paragraphs.map(\.text), ["It's a grid battery on the old pier?", "Four hundred megawatt-hours when finished.", "Raw <text> & more"])
        XCTAssertEqual(d.warnings, ["skipped 1 paragraph(s) without a readable begin time"])
        // Its text is searchable, and a time finds its paragraph.
        XCTAssertEqual(d.paragraph(at: 121).map { d.paragraphs[$0].text }, "Raw <text> & more")
    }

    /// YouTube's timed text as XML: srv1 (seconds, text escaped twice) and srv3 (milliseconds,
    /// words in `<s>`).
    func testYouTubeXML() throws {
        let srv1 = #"<?xml version="1.0" encoding="utf-8" ?><transcript><text start="0.16" dur="2.709">welcome back to the show</text><text start="2.869" dur="2.4">today we&amp;#39;re talking about batteries</text><text start="60" dur="3">and why they got cheap &amp;amp; fast</text></transcript>"#
        let d = try DocumentLoader.parse(Array(srv1.utf8), path: "video.xml")
        XCTAssertEqual(d.format, .youtubeXML)
        XCTAssertEqual(d.paragraphs.map(\.text), ["welcome back to the show today we're talking about batteries", "and why they got cheap & fast"])
        XCTAssertEqual(d.cues?.map(\.end), [2.869, 5.269, 63])
        let srv3 = """
        <?xml version="1.0" encoding="utf-8" ?><timedtext format="3">
        <head><ws id="0"/><wp id="0"/></head>
        <body>
        <w t="0" id="1" wp="1" ws="1"/>
        <p t="160" d="2709" w="1"><s ac="0">welcome</s><s t="320" ac="0"> back</s><s t="680" ac="0"> to the show</s></p>
        <p t="2859" d="10" w="1" a="1">
        </p>
        <p t="62869" d="2400" w="1"><s ac="0">today</s><s t="400" ac="0"> we&#39;re talking</s></p>
        </body>
        </timedtext>
        """
        let d3 = try DocumentLoader.parse(Array(srv3.utf8), path: "video.srv3")
        XCTAssertEqual(d3.format, .youtubeXML)
        XCTAssertEqual(d3.paragraphs.map(\.text), ["welcome back to the show", "today we're talking"])
        XCTAssertEqual(d3.paragraphs.map(\.time), [0.16, 62.869])
    }

    func testTimeExpressions() {
        let r = TTMLReader.Rates()
        let ticks = TTMLReader.Rates(rootAttributes: [("tickRate", "10000000")])
        let frames = TTMLReader.Rates(rootAttributes: [("frameRate", "30"), ("frameRateMultiplier", "1000 1001")])
        XCTAssertEqual(TTMLReader.time("00:01:02.5", r), 62.5)
        XCTAssertEqual(TTMLReader.time("01:00:00:15", r), 3600.5)
        XCTAssertEqual(TTMLReader.time("1.5s", r), 1.5)
        XCTAssertEqual(TTMLReader.time("1500ms", r), 1.5)
        XCTAssertEqual(TTMLReader.time("2m", r), 120)
        XCTAssertEqual(TTMLReader.time("1h", r), 3600)
        XCTAssertEqual(TTMLReader.time("45f", r), 1.5)
        XCTAssertEqual(TTMLReader.time("10010000t", ticks), 1.001)
        XCTAssertEqual(TTMLReader.time(" 12.25 ", r), 12.25)
        XCTAssertEqual(TTMLReader.time("02:03", r), 123)
        XCTAssertEqual(try XCTUnwrap(TTMLReader.time("30f", frames)), 1.001, accuracy: 1e-9)
        // A tick rate follows the frame rate when none is given.
        XCTAssertEqual(TTMLReader.time("60t", TTMLReader.Rates(rootAttributes: [("frameRate", "30")])), 2)
        for bad in ["", "-1s", "1x", "a:b:c", "1:2:3:4:5", "nan", "inf", "1e400s", "::"] {
            XCTAssertNil(TTMLReader.time(bad, r), bad)
        }
    }

    func testSniff() {
        XCTAssertTrue(TTMLReader.sniff("<?xml version=\"1.0\"?>\n<!-- made by hand -->\n<tt xml:lang=\"en\"><body/></tt>"))
        XCTAssertTrue(TTMLReader.sniff("<tt:tt xmlns:tt=\"http://www.w3.org/ns/ttml\">"))
        XCTAssertTrue(TTMLReader.sniff("<tt xmlns=\"http://www.w3.org/2006/10/ttaf1\">"))
        XCTAssertFalse(TTMLReader.sniff("<html><body><p>Hello</p></body></html>"))
        XCTAssertFalse(TTMLReader.sniff("<table><tt>code</tt></table>"))
    }

    /// Malformed files read what can be read, in one pass: an unclosed tag ends the reading, a
    /// closing tag that opens nothing is ignored, a stray `<` is text.
    func testMalformed() throws {
        let head = "<tt xmlns=\"http://www.w3.org/ns/ttml\"><body>"
        let stray = try DocumentLoader.parse(Array((head + "<p begin=\"1s\">a < b</span></div> c</p><p begin=\"3s\">next</p>").utf8), path: "a.ttml")
        XCTAssertEqual(stray.paragraphs.map(\.text), ["a < b c next"])
        let unclosed = try DocumentLoader.parse(Array((head + "<p begin=\"1s\">kept</p><p begin=\"2s\">x" + String(repeating: "<span a='", count: 30_000)).utf8), path: "b.ttml")
        XCTAssertEqual(unclosed.paragraphs.first?.text, "kept x")
        let empty = try DocumentLoader.parse(Array((head + "</body></tt>").utf8), path: "c.ttml")
        XCTAssertTrue(empty.paragraphs.isEmpty)
        XCTAssertTrue(empty.warnings.contains("no cues with text"), "\(empty.warnings)")
    }
}
