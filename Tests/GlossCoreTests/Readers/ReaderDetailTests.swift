import XCTest
@testable import GlossCore

/// Details of the readers that the speed work changed: front matter read with Yams's basic
/// resolver, caption text built from line ranges.
final class ReaderDetailTests: XCTestCase {
    func read(_ markdown: String) -> Document {
        MarkdownReader.read(Array(markdown.utf8), path: "episode.md")
    }

    /// A document without a title is named after its file, without a downloader's tags.
    func testTitleFromFileName() throws {
        XCTAssertEqual(Document.title(fromFileName: "/x/[English (United States)] Andrej Karpathy_ Tesla AI, Self-Driving, Optimus, Aliens, and AGI _ Lex Fridman Podcast #333 [DownSub.com].srt"),
                       "Andrej Karpathy: Tesla AI, Self-Driving, Optimus, Aliens, and AGI | Lex Fridman Podcast #333")
        XCTAssertEqual(Document.title(fromFileName: "lexicap/episode_001_large.vtt"), "episode_001_large")
        XCTAssertEqual(Document.title(fromFileName: "[only tags].srt"), "[only tags]")
        XCTAssertEqual(Document.title(fromFileName: "[a] [b].srt"), "[a] [b]")
        XCTAssertEqual(Document.title(fromFileName: ".srt"), ".srt")
        XCTAssertEqual(Document.title(fromFileName: "Talk [2019] notes.vtt"), "Talk [2019] notes")
        XCTAssertEqual(Document.title(fromFileName: "/x/Mr. Smith talk"), "Mr. Smith talk")
        XCTAssertEqual(Document.title(fromFileName: "v1.2 notes.md"), "v1.2 notes")
        let dir = Shared.path("lex-youtube-lumentis/ep333-karpathy")
        let srt = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: dir).first { $0.hasSuffix(".srt") })
        XCTAssertEqual(try Shared.load(dir + "/" + srt).title, "Andrej Karpathy: Tesla AI, Self-Driving, Optimus, Aliens, and AGI | Lex Fridman Podcast #333")
    }

    /// Front matter that YAML rejects for a ": " inside a title still gives its plain lines:
    /// 20 of Lenny's insights are written like that.
    func testFrontMatterThatIsNotYAMLKeepsItsPlainLines() throws {
        let doc = read("""
        ---
        type: insight
        title: Sales pitches should address the champion's secondary job: not getting fired
        concepts:
          - "buyer-psychology"
        source_guest: "April Dunford"
        ---
        Beyond solving their business problem, B2B buyers have a personal objective.
        """)
        XCTAssertEqual(doc.metadata.title, "Sales pitches should address the champion's secondary job: not getting fired")
        XCTAssertTrue(doc.metadata.extra.contains { $0.0 == "source_guest" && $0.1 == "April Dunford" })
        XCTAssertEqual(doc.warnings, ["front matter is not valid YAML; read its plain key: value lines"])
        XCTAssertEqual(doc.paragraphs.count, 1)
        XCTAssertEqual(read("---\n: [\n  - x\n---\nText here.\n").warnings, ["front matter is not valid YAML; ignored"])
        // A key that is not a scalar (a sequence, a mapping) is YAML, but no front
        // matter: Yams would trap on it (the markdown fuzz target found one). Its plain lines
        // are read.
        for key in ["? [a, b]\n: c", "? {a: b}\n: c", "list:\n  - ? [deep]\n    : v"] {
            let odd = read("---\ntitle: Still a title\n\(key)\n---\nText here.\n")
            XCTAssertEqual(odd.metadata.title, "Still a title", key)
            XCTAssertEqual(odd.warnings, ["front matter is not valid YAML; read its plain key: value lines"], key)
            XCTAssertEqual(odd.paragraphs.map(\.text), ["Text here."], key)
        }

        let dir = Shared.path("lennys-podcast/insights/april-dunford")
        let name = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: dir).first { $0.contains("-13-sales-pitches") })
        XCTAssertEqual(try Shared.load(dir + "/" + name).title, "Sales pitches should address the champion's secondary job: not getting fired")
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

    /// The one caption-text export in the corpus (a DownSub .txt of Lex Fridman #333): 1,425
    /// paragraphs (716 before each "- " speaker change started one), times estimated, byte
    /// ranges and times where they were.
    func testCaptionTextFromLineRanges() throws {
        let folder = Shared.path("lex-youtube-lumentis/ep333-karpathy")
        let name = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".txt") })
        let doc = try Shared.load(folder + "/" + name)
        XCTAssertEqual(doc.kind, .transcript)
        XCTAssertEqual(doc.paragraphs.count, 1425)
        XCTAssertTrue(doc.paragraphs[0].text.hasPrefix("- I think it's possible that physics has exploits"))
        XCTAssertTrue(doc.paragraphs.last!.text.hasSuffix("Thanks for listening and hope to see you next time."))
        XCTAssertEqual(doc.paragraphs[14].byteRange, 2967..<3060)
        XCTAssertEqual(doc.paragraphs[14].time ?? 0, 195.385, accuracy: 0.001)
        XCTAssertTrue(doc.paragraphs[14].estimated)
        XCTAssertTrue(doc.paragraphs[14].text.hasPrefix("- Well, it's definitely some kind of a generative model that's GPT like"))
    }

    /// A speech recogniser's text, one segment per line (Whisper's `.txt`), is caption text, and
    /// beside the same words timed (its `.srt`) takes their times; an article written a paragraph
    /// a line, or a list of short sentences, stays an article.
    func testSegmentPerLineTextIsCaptionText() throws {
        // Segments as Whisper cuts them: where speech pauses, often inside a sentence.
        var segments: [String] = []
        for k in 0..<40 {
            segments += ["So episode part \(k) starts with the battery on the pier and", "what it costs to run \(k * 3) megawatt-hours of storage there.",
                         "Then the permits,", "which took longer than the hardware \(k)."]
        }
        let txt = segments.joined(separator: "\n") + "\n"
        let d = try DocumentLoader.parse(Array(txt.utf8), path: "talk.txt")
        XCTAssertEqual(d.kind, .transcript)
        XCTAssertEqual(d.sections.map(\.title), [Document.untimedCaptionSection])
        XCTAssertEqual(d.paragraphs.map(\.text).joined(separator: " "), segments.joined(separator: " "))
        XCTAssertEqual(d.title, "talk")
        // Beside its timed copy (ten minutes or more, a thousand words or more), it takes the
        // copy's times.
        var srt = ""
        for (i, line) in segments.enumerated() { srt += "\(i + 1)\n\(Self.srtTime(Double(i) * 5)) --> \(Self.srtTime(Double(i) * 5 + 4.5))\n\(line)\n\n" }
        var docs = [try DocumentLoader.parse(Array(srt.utf8), path: "talk.srt"), d]
        Document.timeUntimedCopies(&docs)
        XCTAssertEqual(docs[1].sections.first?.title, "Transcript (caption text, timed by its copy)")
        // The second paragraph starts with the segment after the first paragraph's last.
        let first = docs[1].paragraphs[0].text
        let said = try XCTUnwrap((1...segments.count).first { segments[0..<$0].joined(separator: " ") == first })
        XCTAssertEqual(try XCTUnwrap(docs[1].paragraphs[1].time), Double(said) * 5, accuracy: 5)

        // An article a paragraph a line: long lines that end sentences.
        let article = (0..<45).map { "Paragraph \($0) of the article says what the interview meant, at some length, with a figure of \($0)% and a name, Tobias Ferrand, and it ends as sentences do." }.joined(separator: "\n")
        XCTAssertEqual(try DocumentLoader.parse(Array(article.utf8), path: "a.txt").kind, .article)
        // A list of short points, each a sentence.
        let points = (0..<45).map { "Point \($0) is short and complete." }.joined(separator: "\n")
        XCTAssertEqual(try DocumentLoader.parse(Array(points.utf8), path: "p.txt").kind, .article)
    }

    static func srtTime(_ t: Double) -> String { Timestamp.formatPrecise(t).replacingOccurrences(of: ".", with: ",") }

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
    /// Reads each input with and without keeping cues and checks the two documents agree (the
    /// lean path takes cue text from the bytes, the other makes a `Cue` each); returns how many
    /// inputs were readable.
    func assertSameWithoutCues(_ inputs: [(String, [UInt8])], _ read: ([UInt8], String, Bool) throws -> Document) throws -> Int {
        var files = 0
        for (path, bytes) in inputs {
            guard let kept = try? read(bytes, path, true) else { continue }
            let lean = try read(bytes, path, false)
            XCTAssertNil(lean.cues, path)
            XCTAssertEqual(lean.paragraphs, kept.paragraphs, path)
            XCTAssertEqual(lean.sections, kept.sections, path)
            XCTAssertEqual(lean.metadata.title, kept.metadata.title, path)
            XCTAssertEqual(lean.metadata.participants, kept.metadata.participants, path)
            XCTAssertEqual(lean.warnings, kept.warnings, path)
            files += 1
        }
        return files
    }

    func testWebVTTParagraphsTheSameWithoutKeepingCues() throws {
        var inputs: [(String, [UInt8])] = []
        for folder in ["wpt-webvtt", "mozilla-vtt-js", "webvtt-py", "lexicap", "lex-youtube-lumentis"] {
            for path in Shared.files(under: folder, ext: "vtt") { inputs.append((path, try Shared.bytes(path))) }
        }
        let files = try assertSameWithoutCues(inputs) { try CueDocumentReader.webvtt($0, path: $1, chapters: nil, keepCues: $2) }
        XCTAssertGreaterThan(files, 100)
    }

    /// Podcasting 2.0 transcripts too (segment bodies without escapes are taken from the file's
    /// bytes); escaped bodies are decoded either way.
    func testPodcastJSONTheSameWithoutKeepingCues() throws {
        let escaped = Array(#"{"segments":[{"startTime":0,"endTime":1,"body":"Caf\u00e9 \"quoted\"\nline"},{"startTime":1,"body":" plain "}]}"#.utf8)
        var inputs = [("escaped.json", escaped)]
        for path in Shared.files(under: "podcast-namespace", ext: "json") { inputs.append((path, try Shared.bytes(path))) }
        let files = try assertSameWithoutCues(inputs) { try CueDocumentReader.podcastJSON($0, path: $1, chapters: nil, keepCues: $2) }
        XCTAssertGreaterThan(files, 1)
        let doc = try CueDocumentReader.podcastJSON(escaped, path: "escaped.json", chapters: nil, keepCues: false)
        XCTAssertEqual(doc.paragraphs.map(\.text), ["Café \"quoted\" line plain"])
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

extension ReaderDetailTests {
    /// The in-place reading of the two common timestamp shapes against the spec's algorithm:
    /// the same time and the same end position, or no answer (and the full algorithm decides).
    func testQuickTimestampAgreesWithTheFullAlgorithm() {
        let alphabet = Array("0123456789:.-> 9".utf8)
        var rng = SystemRandomNumberGenerator()
        var answered = 0
        var samples = ["00:01:02.345", "01:02.345", "99:59:59.999", "00:60:00.000", "60:00.000", "59:59.999 -->", "00:00:00.0001",
                       "1:00:00.960", "00:01.2345", "12:34:56.789x", "123:00:00.000"].map { Array($0.utf8) }
        for _ in 0..<20_000 {
            let base = ["00:01:02.345", "1:02:03.456", "01:02.345"].randomElement(using: &rng)!
            var b = Array(base.utf8).prefix(Int.random(in: 5...12, using: &rng)).map { $0 }
            for _ in 0..<Int.random(in: 0...2, using: &rng) where !b.isEmpty { b[Int.random(in: 0..<b.count, using: &rng)] = alphabet.randomElement(using: &rng)! }
            if Bool.random(using: &rng) { b += (0..<Int.random(in: 0...3, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! } }
            samples.append(b)
        }
        for s in samples {
            s.withUnsafeBufferPointer { buf in
                var p1 = 0, p2 = 0
                let full = WebVTTParser.collectTimestampInFull(buf, &p1)
                if let quick = WebVTTParser.quickTimestamp(buf, &p2) {
                    answered += 1
                    XCTAssertEqual(quick, full, String(decoding: s, as: UTF8.self))
                    XCTAssertEqual(p2, p1, String(decoding: s, as: UTF8.self))
                } else {
                    XCTAssertEqual(p2, 0)
                }
            }
        }
        XCTAssertGreaterThan(answered, 1000)
    }

    /// Cue text added to the grouping pool reads back as `TextTools.clean` of it, and both agree
    /// with the byte-by-byte cleaning they replaced.
    func testTextPoolCleansLikeClean() {
        let pieces = [" ", "  ", "\n", "\t", "word", "Ünïcode", "\u{200B}", "\u{034F}", "\u{00A0}", "a b", "…", "\r\n", "x",
                      "eight ch", "longer words here", " lead", "trail ", "\u{7F}", "a  b", "1234567 ", " 1234567"]
        var rng = SystemRandomNumberGenerator()
        var pool = CueGrouping.TextPool(capacity: 0)
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...10, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let r = pool.add(text)
            let expected = ReferenceClean.clean(Substring(text))
            XCTAssertEqual(String(decoding: pool.bytes[Int(r.lowerBound)..<Int(r.upperBound)], as: UTF8.self), expected, text.debugDescription)
            XCTAssertEqual(TextTools.clean(Substring(text)), expected, text.debugDescription)
            XCTAssertEqual(TextTools.clean(text), expected, text.debugDescription)
        }
        XCTAssertEqual(pool.speaker("Ada"), 0)
        XCTAssertEqual(pool.speaker("Bob"), 1)
        XCTAssertEqual(pool.speaker("Ada"), 0)
        XCTAssertEqual(pool.speaker(nil), -1)
        XCTAssertEqual(pool.speakers, ["Ada", "Bob"])
    }
}

/// The Markdown line tests as they were written over Substrings, before they moved to bytes:
/// the reference the byte versions are checked against.
enum SubstringLineTests {
    static func isSiteSyntaxLine(_ t: Substring) -> Bool {
        guard let f = t.utf8.first, f == 0x69 || f == 0x65 || f == 0x7B || f == 0x3C || f == 0x21 || f == 0x5B else { return false }
        if t.begins("import ") && t.has(" from ") { return true }
        if t.begins("export ") { return true }
        if t.begins("{%") || t.begins("{{") { return true }
        if t.begins("<"), MarkdownReader.stripTags(String(t)).trimmedSpaces.isEmpty { return true }
        if t.begins("!["), t.ends(")") { return true }
        if t.begins("["), let close = t.utf8.firstIndex(of: 0x5D), t[t.utf8.index(after: close)...].begins(": ") {
            let rest = t[t.utf8.index(after: close)...].droppingBytes(2)
            if rest.begins("http") || rest.begins("/") || rest.begins("mailto:") { return true }
        }
        return false
    }

    static func leadingStamp(_ line: Substring) -> (Double?, Substring) {
        guard let f = line.utf8.first, f == 0x5B || f == 0x5C else { return (nil, line) }
        var s = line
        var escaped = false
        if s.begins("\\[") { s = s.droppingBytes(2); escaped = true } else if s.begins("[") { s = s.droppingBytes(1) } else { return (nil, line) }
        guard let r = escaped ? s.asciiRange(of: "\\]") : s.asciiRange(of: "]") else { return (nil, line) }
        var stamp = s[..<r.lowerBound]
        if stamp.begins("\\") { stamp = stamp.droppingBytes(1) }
        guard stamp.utf8.count <= 14, stamp.utf8.contains(0x3A),
              stamp.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x3A || $0 == 0x2E }),
              let t = Timestamp.parse(String(stamp)) else { return (nil, line) }
        return (t, TextTools.trimmedSlice(s[r.upperBound...]))
    }

    static func boldSpeaker(_ line: Substring) -> (String?, Substring) {
        guard line.utf8.first == 0x2A, line.begins("**") else { return (nil, line) }
        let body = line.droppingBytes(2)
        guard let close = body.asciiRange(of: "**") else { return (nil, line) }
        var name = body[..<close.lowerBound]
        var rest = body[close.upperBound...]
        if name.ends(":") { name = name[..<name.utf8.index(before: name.endIndex)] } else if rest.begins(":") { rest = rest.droppingBytes(1) } else { return (nil, line) }
        let n = name.trimmedSpaces
        guard !n.isEmpty, n.utf8.count <= 48 || n.count <= 48, TextTools.wordCount(n) <= 5 else { return (nil, line) }
        return (n, TextTools.trimmedSlice(rest))
    }
}

extension ReaderDetailTests {
    /// Random lines made of the pieces the line tests look for.
    func randomLines(_ count: Int) -> [Substring] {
        let pieces = ["**", "*", ":", " ", "\t", "\r", "[", "]", "\\[", "\\]", "\\", "00:12:36", "1:02", "12.5", "Ada", "Lex Fridman",
                      "é", "import ", " from ", "export ", "{%", "{{", "![", ")", "(", "http", "/", "mailto:", "<b>", "</div>", "x", "-"]
        var rng = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            let line = (0..<Int.random(in: 1...7, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            // Some lines as slices of a longer string, as the reader sees them.
            return Bool.random(using: &rng) ? Substring(line) : ("pad\n" + line + "\npad").split(separator: "\n")[1]
        }
    }

    func testMarkdownLineTestsAgreeWithTheSubstringVersions() {
        for line in randomLines(30_000) + ["**Lex Fridman:** Hello", "**Ada**: hi", "[00:12:36] **Ada:** text", "\\[12:36\\] text",
                                           "[id]: https://x", "![img](a.png)", "import X from 'y'", "<div>", "<b>bold</b> text"] {
            XCTAssertEqual(MarkdownReader.isSiteSyntaxLine(line), SubstringLineTests.isSiteSyntaxLine(line), line.debugDescription)
            let (t1, r1) = MarkdownReader.leadingStamp(line), (t2, r2) = SubstringLineTests.leadingStamp(line)
            XCTAssertEqual(t1, t2, line.debugDescription)
            XCTAssertEqual(r1, r2, line.debugDescription)
            let (s1, b1) = MarkdownReader.boldSpeaker(line), (s2, b2) = SubstringLineTests.boldSpeaker(line)
            XCTAssertEqual(s1, s2, line.debugDescription)
            XCTAssertEqual(b1, b2, line.debugDescription)
        }
    }
}

/// `TextTools.clean` as it was before its eight-byte path: the reference the fast path is checked against.
enum ReferenceClean {
    static func clean(_ s: Substring) -> String {
        var str = s
        return str.withUTF8 { buf -> String in
            let n = buf.count
            var out = [UInt8]()
            out.reserveCapacity(n)
            var pendingSpace = false
            var i = 0
            var changed = false
            while i < n {
                let b = buf[i]
                if b < 0x80 {
                    if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C || b == 0x0B {
                        if b != 0x20 || pendingSpace || out.isEmpty { changed = true }
                        pendingSpace = !out.isEmpty
                    } else {
                        if pendingSpace { out.append(0x20); pendingSpace = false }
                        out.append(b)
                    }
                    i += 1
                    continue
                }
                let len = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
                guard i + len <= n else { out.append(contentsOf: buf[i..<n]); break }
                var v: UInt32
                switch len {
                case 2: v = UInt32(b & 0x1F) << 6 | UInt32(buf[i + 1] & 0x3F)
                case 3: v = UInt32(b & 0x0F) << 12 | UInt32(buf[i + 1] & 0x3F) << 6 | UInt32(buf[i + 2] & 0x3F)
                default: v = UInt32(b & 0x07) << 18 | UInt32(buf[i + 1] & 0x3F) << 12 | UInt32(buf[i + 2] & 0x3F) << 6 | UInt32(buf[i + 3] & 0x3F)
                }
                if let u = Unicode.Scalar(v), TextTools.isInvisiblePadding(u) {
                    changed = true
                } else if TextTools.isUnicodeSpace(v) {
                    changed = true
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(0x20); pendingSpace = false }
                    out.append(contentsOf: buf[i..<(i + len)])
                }
                i += len
            }
            if pendingSpace { changed = true }
            if !changed && out.count == n { return String(s) }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

extension ReaderDetailTests {
    /// The SubRip reader as it was before it read cue text from the file's bytes: every cue a
    /// String, its lines joined with LF, tags and labels looked for in each.
    func referenceSRT(_ bytes: [UInt8]) -> Document {
        let parsed = SRTParser.parse(bytes)
        var doc = Document(path: "ref.srt", format: .srt, kind: .transcript, sourceBytes: bytes.count)
        var pool = CueGrouping.TextPool(capacity: bytes.count)
        var items: [CueGrouping.Item] = []
        var carried: String?
        for cue in parsed.cues {
            var plain = SRTParser.plainText(cue.text)
            let (label, rest) = CueGrouping.splitSpeakerLabel(plain)
            if let label { carried = label; plain = rest }
            items.append(.init(start: cue.start, end: cue.end, text: pool.add(plain), speaker: pool.speaker(carried), byteRange: cue.byteRange))
        }
        CueDocumentReader.finish(&doc, items: items, pool: pool, chapters: nil)
        return doc
    }

    /// Character references in SubRip text: numeric ones and named ones closed by `;` are
    /// decoded; an ampersand in a word, or a name without its `;`, stays as written.
    func testSubRipCharacterReferences() throws {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nTom &amp; Jerry &lt;3 &#39;quoted&#39; caf&eacute; &mdash; &#x2019;s\n\n"
            + "2\n00:00:03,000 --> 00:00:04,000\nAT&T &copy &notit; &unknown; & &#;\n"
        let doc = try CueDocumentReader.srt(Array(srt.utf8), path: "x.srt", chapters: nil)
        XCTAssertEqual(doc.cues?.map { SRTParser.plainText($0.text) }, ["Tom & Jerry <3 'quoted' café — ’s", "AT&T &copy &notit; &unknown; & &#;"])
        XCTAssertEqual(doc.paragraphs.first?.text, "Tom & Jerry <3 'quoted' café — ’s AT&T &copy &notit; &unknown; & &#;")
    }

    /// A CRLF file converted once more (CR CR LF) reads like the CRLF file: no blank line after
    /// every line, no index swallowed into the cue before it.
    func testSubRipDoubledCarriageReturns() throws {
        let lf = "1\n00:00:01,000 --> 00:00:02,000\nLine one\nLine two\n\n2\n00:00:03,000 --> 00:00:04,000\nSecond cue\n"
        let want = try CueDocumentReader.srt(Array(lf.utf8), path: "x.srt", chapters: nil)
        let crcrlf = try CueDocumentReader.srt(Array(lf.replacingOccurrences(of: "\n", with: "\r\r\n").utf8), path: "x.srt", chapters: nil)
        XCTAssertEqual(crcrlf.cues?.map(\.text), ["Line one\nLine two", "Second cue"])
        XCTAssertEqual(crcrlf.cues?.map(\.id), ["1", "2"])
        XCTAssertEqual(crcrlf.paragraphs.map(\.text), want.paragraphs.map(\.text))
    }

    /// Cue text taken from the file's bytes gives the paragraphs the joined lines gave, with LF,
    /// CRLF or CR line ends, labels and tags included.
    func testSubRipFromBytesAgreesWithJoinedLines() throws {
        var inputs = try Shared.files(under: "", ext: "srt").map { try Shared.bytes($0) }
        let label = "1\n00:00:01,000 --> 00:00:02,000\na\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\no\np\nq\nr\nSam: hi there\n\n"
            + "2\n00:00:03,000 --> 00:00:04,000\nALEX: <i>Hello</i> &amp; welcome\n\n"
            + "3\n00:00:05,000 --> 00:00:06,000\n  \nplain text, no label  \n  \n\n"
            + "4\n00:00:07,000 --> 00:00:08,000\n{\\an8}Note: a sign\nSam: two lines\n"
        inputs.append(Array(label.utf8))
        var checked = 0
        for lf in inputs {
            for ending in ["\n", "\r\n", "\r"] {
                let text = String(decoding: lf, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
                let bytes = ending == "\n" ? lf : Array(text.replacingOccurrences(of: "\n", with: ending).utf8)
                guard let doc = try? CueDocumentReader.srt(bytes, path: "x.srt", chapters: nil, keepCues: false) else { continue }
                let ref = referenceSRT(bytes)
                XCTAssertEqual(doc.paragraphs.map(\.text), ref.paragraphs.map(\.text))
                XCTAssertEqual(doc.paragraphs.map(\.speaker), ref.paragraphs.map(\.speaker))
                XCTAssertEqual(doc.paragraphs.map(\.byteRange), ref.paragraphs.map(\.byteRange))
                XCTAssertEqual(doc.sections, ref.sections)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 30)
        // A colon after line breaks ends no label; "Note" is not a speaker.
        let crlf = Array(label.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let doc = try CueDocumentReader.srt(crlf, path: "x.srt", chapters: nil)
        XCTAssertEqual(doc.cues?.map(\.speaker), [nil, "Alex", "Alex", "Alex"])
        XCTAssertTrue(doc.paragraphs.contains { $0.text.hasPrefix("Hello & welcome") }, "\(doc.paragraphs.map(\.text))")
    }
}

extension ReaderDetailTests {
    /// Sniffing on the head's bytes: HTML markers in any case within the first 2,048 bytes; code
    /// and tables by tabs and statement endings in the first lines.
    func testSniffingOnBytes() throws {
        for yes in ["<!DOCTYPE html>\n<html>", "  <HTML lang=\"en\">", "notes <Html>", "<p>x</p><!doctype HTML>"] {
            XCTAssertTrue(HTMLReader.sniff(yes), yes)
        }
        for no in ["<!doctype htm", "<htm", "html <b>", "", String(repeating: "x", count: 2046) + "<html>"] {
            XCTAssertFalse(HTMLReader.sniff(no), no)
        }
        let code = "import x\nvar a = 1;\nfunction f() {\n  return a;\n}\n"
        let prose = "We talked about scaling.\nThen about compute;\nand then lunch.\nIt was a long day.\n"
        let table = "a\tb\tc\n1\t2\t3\n4\t5\t6\n"
        for (text, expected) in [(code, true), (prose, false), (table, true), ("one;\ntwo;", false)] {
            XCTAssertEqual(DocumentLoader.looksLikeDataOrCode(text, DocumentLoader.firstLineRanges(text, 400)), expected, text)
        }
        XCTAssertThrowsError(try DocumentLoader.parse(Array(code.utf8), path: "x.txt")) { e in
            XCTAssertTrue("\(e)".contains("looks like code"), "\(e)")
        }
        XCTAssertEqual(try DocumentLoader.parse(Array(("<html><body><p>" + String(repeating: "Hello there. ", count: 20) + "</p></body></html>").utf8), path: "x").format, .html)
    }

    /// A folder of WebVTT fixtures holds one-line JavaScript tests beside the .vtt files: the folder
    /// walk reads the captions and leaves the scripts out (a script named on its own is still shown,
    /// as plain text with a warning). A shell script without an extension is code too.
    func testScriptsInAFolderAreNotDocuments() throws {
        let folder = Shared.path("wpt-webvtt/file-parsing")
        let result = DocumentLoader.load(paths: [folder])
        XCTAssertFalse(result.documents.contains { $0.path.hasSuffix(".js") })
        XCTAssertTrue(result.documents.contains { $0.path.hasSuffix("signature-tab.vtt") })
        let script = folder + "/signature-tab.js"
        XCTAssertTrue(result.skipped.contains { $0.path == script && $0.message.contains("looks like code") })
        let alone = DocumentLoader.load(paths: [script])
        XCTAssertEqual(alone.documents.count, 1)
        XCTAssertEqual(alone.documents.first?.warnings.first, "looks like code or a data table, not a document; shown as plain text")
        let shell = "#!/usr/bin/env bash\n# Says hello to the people reading this.\necho hello\n"
        XCTAssertThrowsError(try DocumentLoader.parse(Array(shell.utf8), path: "hello")) { e in
            XCTAssertTrue("\(e)".contains("looks like code"), "\(e)")
        }
        // A transcript with a code-like extension is still read by its content.
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nHello there.\n"
        XCTAssertEqual(try DocumentLoader.parse(Array(srt.utf8), path: "talk.txt.csv").format, .srt)
    }

    /// XML no reader takes: a podcast feed says it only links its transcripts; other XML is data
    /// (shown as plain text when named); an HTML fragment stays an article.
    func testXMLThatIsNotADocument() throws {
        let feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- generated -->
        <rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Shoreline</title>
        <item><title>Episode 1</title><podcast:transcript url="https://example.com/1.vtt" type="text/vtt"/>
        <podcast:transcript url="https://example.com/1.srt" type="application/x-subrip"/></item></channel></rss>
        """
        for lenient in [false, true] {
            XCTAssertThrowsError(try DocumentLoader.parse(Array(feed.utf8), path: "feed.xml", lenient: lenient)) { e in
                XCTAssertEqual("\(e)", "feed.xml: a podcast or news feed (<rss>), not a transcript or article: it links 2 transcript file(s) (podcast:transcript), which Gloss reads once they are downloaded")
            }
        }
        XCTAssertThrowsError(try DocumentLoader.parse(Array("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>News</title></feed>".utf8), path: "atom")) { e in
            XCTAssertEqual("\(e)", "atom: a podcast or news feed (<feed>), not a transcript or article")
        }
        let data = "<?xml version=\"1.0\"?>\n<config><name>Shoreline</name></config>\n"
        XCTAssertThrowsError(try DocumentLoader.parse(Array(data.utf8), path: "c.xml")) { e in
            XCTAssertEqual("\(e)", "c.xml: XML data (<config>), not a transcript or article")
        }
        XCTAssertEqual(try DocumentLoader.parse(Array(data.utf8), path: "c.xml", lenient: true).warnings.first,
                       "XML data (<config>), not a transcript or article; shown as plain text")
        XCTAssertEqual(try DocumentLoader.parse(Array("<p>Hello there, this is a short note.</p>\n".utf8), path: "note.txt").kind, .article)
    }
}

extension ReaderDetailTests {
    /// A binary file is told by its signature: in a folder from its first bytes alone (so
    /// `gloss /usr/bin` does not read every executable to its end), named on its own with what
    /// it is. Text that merely starts like one ("BZh", "RIFF raff") is still text.
    func testBinaryFilesAreToldByTheirSignature() throws {
        XCTAssertEqual(DocumentLoader.binaryKind([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0]), "an ELF executable or library")
        XCTAssertEqual(DocumentLoader.binaryKind([0x1F, 0x8B, 8, 0]), "gzip-compressed")
        XCTAssertEqual(DocumentLoader.binaryKind(Array("%PDF-1.7\n".utf8)), "a PDF (convert it to text first)")
        XCTAssertEqual(DocumentLoader.binaryKind(Array("\0\0\0\u{18}ftypmp42".utf8)), "an MP4 or QuickTime file")
        for text in ["BZh, said the bee.", "RIFF raff", "PK, the initials", "WEBVTT\n", "GIF? No.", ""] {
            XCTAssertNil(DocumentLoader.binaryKind(Array(text.utf8)), text)
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-binary-\(getpid())").path
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // An "executable" whose text after the signature would read as prose if it were read.
        let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46] + Array(String(repeating: "He said it was three to five years away. ", count: 2_000).utf8)
        XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/tool", contents: Data(elf)))
        XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/notes.txt", contents: Data("He said it was three to five years away.\n".utf8)))
        let result = DocumentLoader.load(paths: [dir])
        XCTAssertEqual(result.documents.map { ($0.path as NSString).lastPathComponent }, ["notes.txt"])
        XCTAssertEqual(result.skipped.map(\.message), ["binary data (an ELF executable or library), not a transcript or article"])
        let alone = DocumentLoader.load(paths: [dir + "/tool"])
        XCTAssertTrue(alone.documents.isEmpty)
        XCTAssertEqual(alone.problems.map(\.message), ["binary data (an ELF executable or library), not a transcript or article"])
    }

    /// The byte-level turn-line test agrees with the Substring one on every line of the corpus's
    /// text files and on generated lines around its edges (accents, combining marks, long names,
    /// stamps of every shape).
    func testStandaloneTurnAgreesWithTheSubstringVersion() throws {
        func check(_ line: Substring) {
            let a = MarkdownReader.standaloneTurn(line), b = MarkdownReader.referenceStandaloneTurn(line)
            XCTAssertEqual(a?.speaker, b?.speaker, String(line))
            XCTAssertEqual(a?.time, b?.time, String(line))
            XCTAssertEqual(a.map { String($0.rest) }, b.map { String($0.rest) }, String(line))
        }
        var turns = 0
        for ext in ["md", "txt"] {
            for path in Shared.files(under: "", ext: ext) {
                let text = String(decoding: try Shared.bytes(path), as: UTF8.self)
                for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
                    let t = TextTools.trimmedSlice(line)
                    check(t)
                    if MarkdownReader.standaloneTurn(t) != nil { turns += 1 }
                }
            }
        }
        XCTAssertGreaterThan(turns, 1_000)
        let names = ["", "Lenny", "lenny", "Élodie Martin", "E\u{301}lodie", "A\u{301}", "3M guy", "Dr. Jane Q. Public Esq", "one two three four five six",
                     String(repeating: "Ab", count: 30), "中文", "Ω", "ß", " \tLenny ", "_x", "(", "Lenny (guest)"]
        let stamps = ["00:01:02", "1:02", "01:02:03.5", "99:99", "", "abc", "12:34:56:78", "0:00:00:00:00:00", "1:2", ":", "１２:３４"]
        let rests = ["", " Hello there.", "  x  ", ": more", ")", "\t"]
        for n in names { for s in stamps { for r in rests {
            check(Substring(n + " (" + s + "):" + r))
            check(Substring(n + "(" + s + ")" + r))
            check(Substring(n + " (" + s + ") :" + r))
        } } }
        // A line that is not contiguous UTF-8 takes the Substring way.
        let bridged = "Lenny (00:01:02): Hi" as NSString as String
        XCTAssertEqual(MarkdownReader.standaloneTurn(Substring(bridged))?.speaker, "Lenny")
    }
}
