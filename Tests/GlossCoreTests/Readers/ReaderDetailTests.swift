import XCTest
@testable import GlossCore

/// Details of the readers that the speed work changed: front matter read with Yams's basic
/// resolver, caption text built from line ranges.
final class ReaderDetailTests: XCTestCase {
    func read(_ markdown: String) -> Document {
        MarkdownReader.read(Array(markdown.utf8), path: "episode.md")
    }

    func testFrontMatterScalarsAreReadAsWritten() {
        let doc = read("""
        ---
        title: '2024: the year in review'
        guest: Ada Lovelace
        date: 2024-03-05T10:00:00Z
        duration_seconds: 5078.0
        youtube_url: ''
        description: ~
        video_id: null
        ---
        **Ada Lovelace:** Hello there, this is a transcript with enough words to count.
        """)
        XCTAssertEqual(doc.metadata.title, "2024: the year in review")
        XCTAssertEqual(doc.metadata.date, "2024-03-05")      // the day as written, no time-zone shift
        XCTAssertEqual(doc.metadata.duration, 5078)
        XCTAssertNil(doc.metadata.sourceURL)                  // an empty value is no URL
        XCTAssertFalse(doc.metadata.extra.contains { $0.0 == "description" || $0.0 == "video_id" })
        XCTAssertTrue(doc.metadata.participants.contains("Ada Lovelace"))
    }

    func testFrontMatterNumbersAndDurations() {
        let doc = read("""
        ---
        title: 42
        date: 2023-11-02
        duration: '1:24:38'
        ---
        Some text of the episode.
        """)
        XCTAssertEqual(doc.metadata.title, "42")
        XCTAssertEqual(doc.metadata.date, "2023-11-02")
        XCTAssertEqual(doc.metadata.duration, 5078)
        XCTAssertEqual(MarkdownReader.dateOnly("2023-11-02 09:30"), "2023-11-02")
        XCTAssertEqual(MarkdownReader.dateOnly("November 2, 2023"), "November 2, 2023")
        XCTAssertEqual(MarkdownReader.dateOnly("2023-11-0x"), "2023-11-0x")
    }

    func testBrokenFrontMatterIsAWarning() {
        let doc = read("---\ntitle: [unclosed\n---\nText.\n")
        XCTAssertTrue(doc.warnings.contains { $0.contains("not valid YAML") })
    }

    /// The one caption-text export in the corpus (a DownSub .txt of Lex Fridman #333): 716
    /// paragraphs, times estimated, byte ranges as before the rewrite.
    func testCaptionTextFromLineRanges() throws {
        let folder = Shared.path("lex-youtube-lumentis/ep333-karpathy")
        let name = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".txt") })
        let doc = try Shared.load(folder + "/" + name)
        XCTAssertEqual(doc.kind, .transcript)
        XCTAssertEqual(doc.paragraphs.count, 716)
        XCTAssertTrue(doc.paragraphs[0].text.hasPrefix("- I think it's possible that physics has exploits"))
        XCTAssertTrue(doc.paragraphs.last!.text.hasSuffix("Thanks for listening and hope to see you next time."))
        XCTAssertEqual(doc.paragraphs[10].byteRange, 2967..<3288)
        XCTAssertEqual(doc.paragraphs[10].time ?? 0, 195.385, accuracy: 0.001)
        XCTAssertTrue(doc.paragraphs[10].estimated)
        XCTAssertTrue(doc.paragraphs[10].text.hasPrefix("- Well, it's definitely some kind of a generative model that's GPT like"))
    }

    func testBlankLines() {
        for blank in ["", " ", "\t \r", "\u{A0}", " \u{200B}\u{2003} ", "\u{FEFF}"] {
            XCTAssertTrue(TextTools.isBlank(Substring(blank)), blank.debugDescription)
        }
        for text in ["a", " x ", "\u{A0}é", "\u{200B}a", "-", "\u{1F600}"] {
            XCTAssertFalse(TextTools.isBlank(Substring(text)), text.debugDescription)
        }
    }

    /// The byte search (memchr on the needle's rarest byte) against a plain scan.
    func testFirstOffsetAgreesWithAPlainScan() {
        func plain(_ needle: [UInt8], _ hay: [UInt8]) -> Int? {
            guard needle.count <= hay.count else { return nil }
            return (0...(hay.count - needle.count)).first { Array(hay[$0..<($0 + needle.count)]) == needle }
        }
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("ab_ :e".utf8)
        for _ in 0..<3000 {
            let hay = (0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let needle = (0..<Int.random(in: 1...5, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let found = needle.withUnsafeBytes { n in hay.withUnsafeBytes { h in TextTools.firstOffset(of: n, in: h) } }
            XCTAssertEqual(found, plain(needle, hay), "\(String(decoding: needle, as: UTF8.self)) in \(String(decoding: hay, as: UTF8.self))")
        }
        XCTAssertTrue("x content_type: newsletter".has("content_type: newsletter"))
        XCTAssertFalse("content_type newsletter".has("content_type: newsletter"))
    }
}

extension ReaderDetailTests {
    /// Without `keepCues` the WebVTT reader turns cues into paragraphs as the parser reads them;
    /// the document must be the same as when the cues are collected first.
    func testWebVTTParagraphsTheSameWithoutKeepingCues() throws {
        var files = 0
        for folder in ["wpt-webvtt", "mozilla-vtt-js", "webvtt-py", "lexicap", "lex-youtube-lumentis"] {
            for path in Shared.files(under: folder, ext: "vtt") {
                let bytes = try Shared.bytes(path)
                guard let kept = try? CueDocumentReader.webvtt(bytes, path: path, chapters: nil, keepCues: true) else { continue }
                let streamed = try CueDocumentReader.webvtt(bytes, path: path, chapters: nil, keepCues: false)
                XCTAssertNil(streamed.cues, path)
                XCTAssertEqual(streamed.paragraphs, kept.paragraphs, path)
                XCTAssertEqual(streamed.sections, kept.sections, path)
                XCTAssertEqual(streamed.metadata.title, kept.metadata.title, path)
                XCTAssertEqual(streamed.warnings, kept.warnings, path)
                files += 1
            }
        }
        XCTAssertGreaterThan(files, 100)
    }
}

extension ReaderDetailTests {
    /// The eight-bytes-at-a-time search for inline syntax against a byte loop.
    func testSyntaxByteSearch() {
        let alphabet = Array("ab *_[]!<>`\\é".utf8)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let from = Int.random(in: 0...bytes.count, using: &rng)
            let expected = (from..<bytes.count).first { [0x5C, 0x60, 0x3C, 0x21, 0x5B, 0x2A, 0x5F].contains(bytes[$0]) } ?? bytes.count
            XCTAssertEqual(bytes.withUnsafeBufferPointer { MarkdownReader.syntaxByte($0, from: from) }, expected)
        }
    }
}
