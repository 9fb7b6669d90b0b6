import XCTest
@testable import GlossCore

/// Real files from ../shared/corpus/external, with the results their sources document.
final class CorpusReaderTests: XCTestCase {
    func testLexicapCueCountsEqualTimingLines() throws {
        for name in ["episode_192_large.vtt", "episode_001_large.vtt", "episode_001_small.vtt", "episode_309_large.vtt"] {
            let path = Shared.path("lexicap/" + name)
            let bytes = try Shared.bytes(path)
            let timingLines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n").filter { $0.contains("-->") }.count
            let d = try DocumentLoader.parse(bytes, path: path)
            XCTAssertEqual(d.cues?.count, timingLines, name)
            XCTAssertTrue(d.warnings.isEmpty, "\(name): \(d.warnings)")
        }
        // Single-digit hours: episode 192 runs 5.25 hours.
        let d = try Shared.load(Shared.path("lexicap/episode_192_large.vtt"))
        XCTAssertEqual(d.cues?.count, 8069)
        XCTAssertEqual(d.cues?.last?.start, 4 * 3600 + 57 * 60 + 38.34)
        XCTAssertEqual(d.sections.count, 60)  // 5-minute windows up to 4:57:57
        XCTAssertTrue(d.paragraphs.allSatisfy { !$0.estimated && $0.time != nil })
        XCTAssertFalse(d.paragraphs.contains { $0.text.hasPrefix(" ") })
    }

    func testWebVTTPyExpectations() throws {
        func cues(_ f: String) throws -> [Cue] { try Shared.load(Shared.path("webvtt-py/" + f)).cues ?? [] }
        XCTAssertEqual(try cues("captions_with_bom.vtt").count, 4)
        XCTAssertEqual(try cues("metadata_headers.vtt").count, 2)
        XCTAssertEqual(try cues("missing_caption_text.vtt").count, 5)
        XCTAssertEqual(try cues("using_identifiers.vtt").count, 6)
        XCTAssertEqual(try cues("using_identifiers.vtt")[1].id, "second caption")
        XCTAssertEqual(try cues("using_identifiers.vtt")[2].id, "")
        XCTAssertEqual(try cues("using_identifiers.vtt")[3].id, "4")
        let tags = try cues("cue_tags.vtt")
        XCTAssertEqual(WebVTTCueText.plainText(WebVTTCueText.parse(tags[1].text)), "Like a big-a pizza pie")
        XCTAssertEqual(WebVTTCueText.plainText(WebVTTCueText.parse(tags[2].text)), "That's amore")
        let one = try cues("one_caption.srt")
        XCTAssertEqual(one.count, 1)
        XCTAssertEqual(one[0].start, 0.5)
        XCTAssertEqual(one[0].end, 7)
        XCTAssertEqual(one[0].text, "Caption text #1")
        let sample = try cues("sample.srt")
        XCTAssertEqual(sample.last?.end, 23.88)
        XCTAssertEqual(sample[2].start, 11.89)
        XCTAssertEqual(sample[2].end, 16.32)
        let styles = try WebVTTParser.parse(Shared.bytes(Shared.path("webvtt-py/styles.vtt")))
        XCTAssertEqual(styles.cues.count, 1)
        XCTAssertEqual(styles.stylesheets.first?.replacingOccurrences(of: #"\n\s*"#, with: "", options: .regularExpression),
                       "::cue {background-image: linear-gradient(to bottom, dimgray, lightgray);color: papayawhip;}")
        XCTAssertEqual(try cues("no_captions.vtt").count, 0)
        // File-level errors.
        for bad in ["invalid.vtt", "invalid_format1.srt", "invalid_format3.srt"] {
            XCTAssertThrowsError(try Shared.load(Shared.path("webvtt-py/" + bad)), bad)
        }
    }

    func testMalformedSRT() throws {
        let a = try Shared.load(Shared.path("go-astisub/example-in.srt"))
        let b = try Shared.load(Shared.path("go-astisub/missing-sequence-in.srt"))
        XCTAssertEqual(a.cues?.map(\.start), b.cues?.map(\.start))
        XCTAssertEqual(a.cues?.map(\.text), b.cues?.map(\.text))
        XCTAssertEqual(b.cues?.first?.start, 99)          // "00:01:39" without a fraction
        XCTAssertEqual(b.cues?.first?.end, 101.04)        // ",04" is 40 ms
        XCTAssertEqual(b.cues?[1].start, 124.08)          // coordinates after the timing ignored
        XCTAssertEqual(b.cues?[1].speaker, "Man")         // "MAN:" on its own line
        let styled = try Shared.load(Shared.path("go-astisub/example-in-styled.srt"))
        XCTAssertEqual(styled.cues?.count, 10)
        XCTAssertEqual(styled.cues?[0].start, 17.985)
        XCTAssertEqual(styled.cues?[0].end, 20.521)
        XCTAssertEqual(SRTParser.plainText(styled.cues![0].text), "[instrumental music]")
        XCTAssertEqual(SRTParser.plainText(styled.cues![9].text), "x^3 * x = 100")
        XCTAssertFalse(styled.paragraphs.contains { $0.text.contains("<") })
        // UTF-16 with BOM is decoded (go-astisub refuses it; we read it).
        let wide = try Shared.load(Shared.path("go-astisub/example-in-non-utf8.srt"))
        XCTAssertEqual(wide.cues?.map(\.text), a.cues?.map(\.text))
    }

    /// A WebVTT file none of whose timings is in the spec's form (`00:01:39`, `00:01:41.04`)
    /// reads as players read it, with a warning: the same cues as go-astisub's own rewrite of it.
    /// A file with any valid cue keeps the spec's reading (the WPT cases).
    func testWebVTTWithNoValidTimingReadsLeniently() throws {
        let expected = try Shared.load(Shared.path("go-astisub/example-out.vtt"))
        for name in ["example-in.vtt", "example-in-non-utf8.vtt"] {
            let d = try Shared.load(Shared.path("go-astisub/" + name))
            XCTAssertEqual(d.cues?.count, 6, name)
            XCTAssertEqual(d.cues?.first?.start, 99, name)
            XCTAssertEqual(d.cues?.first?.end, 101.04, name)
            XCTAssertEqual(d.paragraphs.map(\.text), expected.paragraphs.map(\.text), name)
            XCTAssertEqual(d.paragraphs.map(\.time), expected.paragraphs.map(\.time), name)
            XCTAssertEqual(d.paragraphs[1].speaker, "Man", name)
            XCTAssertEqual(d.warnings, ["no cue's timings are in WebVTT's form (00:01:02.345): read as a player would"], name)
        }
        let strict = try Shared.load(Shared.path("wpt-webvtt/file-parsing/timings-too-short.vtt"))
        XCTAssertEqual(strict.warnings.first, "skipped 30 cue(s) with unreadable timings")
        XCTAssertEqual(try Shared.load(Shared.path("wpt-webvtt/file-parsing/timings-eof.vtt")).paragraphs.count, 0)
        // Every timing in a player's form, or no lenient reading: one garbage timing among
        // them keeps the spec's (the cues skipped).
        let loose = try DocumentLoader.parse(Array("WEBVTT\n\n00:00:01 --> 00:00:02\nOne\n\n00:00:03,5 --> 00:00:04\nTwo\n".utf8), path: "l.vtt")
        XCTAssertEqual(loose.cues?.map(\.start), [1, 3.5])
        let mixed = try? DocumentLoader.parse(Array("WEBVTT\n\n00:00:01 --> 00:00:02\nOne\n\n00:00:03x --> 00:00:04\nTwo\n".utf8), path: "m.vtt")
        XCTAssertEqual(mixed?.cues?.count ?? 0, 0)
    }

    func testPysrtAndGB2312() throws {
        XCTAssertEqual(try Shared.load(Shared.path("pysrt/utf-8.srt")).cues?.count, 1332)
        for f in ["bom-utf-8.srt", "bom-utf-16-le.srt", "bom-utf-32-be.srt"] {
            let d = try Shared.load(Shared.path("pysrt/" + f))
            XCTAssertEqual(d.cues?.count, 7, f)
            XCTAssertEqual(d.cues?.first?.id, "1", f)
        }
        XCTAssertEqual(try Shared.load(Shared.path("pysrt/capability_tester.srt")).cues?.count, 37)
        let empty = try Shared.load(Shared.path("pysrt/empty.srt"))
        XCTAssertEqual(empty.cues?.count, 7)
        let gb = try Shared.load(Shared.path("cdown-srt/gb2312.srt"))
        XCTAssertEqual(gb.cues?.map(\.id), ["2", "4", "6"])
        XCTAssertEqual(gb.cues?.map(\.start), [27, 31.5, 34.1])
        XCTAssertEqual(gb.cues?.map(\.end), [30.73, 34.1, 36.57])
        XCTAssertTrue(gb.paragraphs[0].text.hasPrefix("宇宙守护神"))
    }

    func testPodcastNamespace() throws {
        let json = try Shared.load(Shared.path("podcast-namespace/examples/transcripts/example.json"))
        XCTAssertEqual(json.format, .podcastJSON)
        XCTAssertEqual(json.paragraphs.map(\.text), ["I am your father.", "Nooooo"])  // word segments merged
        XCTAssertEqual(json.paragraphs.map(\.speaker), ["Darth Vader", "Luke"])
        let vtt = try Shared.load(Shared.path("podcast-namespace/examples/transcripts/example.vtt"))
        XCTAssertEqual(vtt.metadata.participants, ["Sarah", "Gillian"])
        XCTAssertTrue(vtt.paragraphs[0].text.contains("Podcasting Q&A"))  // &amp; decoded
        let srt = try Shared.load(Shared.path("podcast-namespace/examples/transcripts/example.srt"))
        XCTAssertEqual(srt.paragraphs.first?.speaker, "Travis")
        XCTAssertTrue(srt.paragraphs.first!.text.hasPrefix("When you first get started"))
        let chapters = try CueDocumentReader.chapters(Shared.bytes(Shared.path("podcast-namespace/examples/chapters/example.json")))
        XCTAssertEqual(chapters.first, Chapter(start: 0, title: "Intro"))
        XCTAssertEqual(chapters[1], Chapter(start: 168, title: "Hearing Aids"))
        // Chapters given to a transcript become its sections.
        let withChapters = try Shared.load(Shared.path("podcast-namespace/examples/transcripts/example.vtt"), chapters: chapters)
        XCTAssertEqual(withChapters.sections.first?.title, "Intro")
        XCTAssertEqual(withChapters.sections.filter(\.present).count, 1)
    }

    /// Windows are where something is said: none past the last cue (its end reaching into the
    /// next five minutes), none for a pause of hours, and a time in a pause is the last thing
    /// said before it.
    func testWindowsAreWhereSomethingIsSaid() throws {
        let lex = try Shared.load(Shared.path("lexicap/episode_007_large.vtt"))
        XCTAssertEqual(lex.metadata.duration.map(Timestamp.format), "01:20:09")
        XCTAssertEqual(lex.sections.count, 16)
        XCTAssertEqual(lex.sections.last?.title, "01:15:00–01:20:00")
        XCTAssertTrue(lex.sections.allSatisfy(\.present))
        XCTAssertEqual(lex.paragraph(at: 80 * 60 + 5), lex.paragraphs.count - 1)
        let gap = try Shared.load(Shared.path("wpt-webvtt/file-parsing/timings-60.vtt"))
        XCTAssertEqual(gap.sections.map(\.title), ["00:00:00–00:05:00", "60:00:00–60:05:00"])
        XCTAssertEqual(gap.paragraphs.map(\.section), [0, 1])
        XCTAssertEqual(gap.paragraph(at: 30 * 3600), 0)
        XCTAssertEqual(gap.paragraph(at: 60 * 3600), 1)
        // Only the first is kept when nothing is said at all.
        let empty = try Shared.load(Shared.path("mozilla-vtt-js/regions/regionanchor/correct.vtt"))
        XCTAssertEqual(empty.sections.count, 1)
        XCTAssertEqual(empty.paragraphs.count, 0)
    }

    /// In a transcript cut into five-minute windows, a time is found in the paragraph being
    /// said then, even when that paragraph began in the window before.
    func testTimeInWindowsIsThePassageBeingSaid() throws {
        let d = try Shared.load(Shared.path("lennys-podcast/episodes/shaun-clowes/transcript.md"))
        let s = try XCTUnwrap(d.section(at: 20 * 60))
        XCTAssertEqual(d.sections[s].kind, .window)
        XCTAssertEqual(d.sections[s].start, 20 * 60)
        let p = try XCTUnwrap(d.paragraph(at: 20 * 60))
        XCTAssertEqual(d.paragraphs[p].time.map(Timestamp.format), "00:19:40")
        XCTAssertEqual(d.sections[d.paragraphs[p].section].start, 15 * 60)
        XCTAssertEqual(d.paragraphs[p + 1].time.map(Timestamp.format), "00:20:28")
        XCTAssertEqual(d.paragraph(at: 20 * 60 + 28), p + 1)
    }

    func testMarkdownTranscripts() throws {
        let changelog = try Shared.load(Shared.path("changelog/podcast/the-changelog-594.md"))
        XCTAssertEqual(changelog.kind, .transcript)
        XCTAssertGreaterThanOrEqual(changelog.metadata.participants.count, 2)
        XCTAssertEqual(changelog.metadata.participants.first, "Jerod Santo")
        XCTAssertTrue(changelog.paragraphs.contains { !$0.estimated && $0.time == 4 * 60 + 16 || !$0.estimated && $0.time != nil })
        let lenny = try Shared.load(Shared.path("lennys-podcast/episodes/alex-komoroske/transcript.md"))
        XCTAssertEqual(lenny.metadata.participants, ["Alex Komoroske", "Lenny Rachitsky"])
        XCTAssertEqual(lenny.metadata.duration, 5078)
        XCTAssertEqual(lenny.paragraphs.first(where: { $0.time == 40 })?.speaker, "Lenny Rachitsky")
        // A bare "(00:01:13):" line continues the previous speaker.
        XCTAssertEqual(lenny.paragraphs.first(where: { $0.time == 73 })?.speaker, "Lenny Rachitsky")
        let wc = try Shared.load(Shared.path("workingcode/027-giving-technical-presentations.md"))
        XCTAssertEqual(wc.metadata.title, "027: Giving Technical Presentations")
        XCTAssertEqual(Set(wc.metadata.participants), ["Adam", "Ben", "Carol", "Tim"])
        XCTAssertFalse(wc.paragraphs.contains { $0.text.contains("<iframe") || $0.text.contains("[github]") })
        // Every Markdown transcript in the corpus yields at least two speakers.
        let news = try Shared.load(Shared.path("changelog/news/changelog-news-125.md"))
        XCTAssertEqual(news.kind, .transcript)
        XCTAssertEqual(news.metadata.participants, ["Jerod Santo"])  // a one-host news show
        for path in Shared.files(under: "changelog", ext: "md").filter({ !$0.contains("/news/") }) + Shared.files(under: "lennys-podcast/episodes", ext: "md") + Shared.files(under: "workingcode", ext: "md") {
            let d = try Shared.load(path)
            XCTAssertEqual(d.kind, .transcript, path)
            XCTAssertGreaterThanOrEqual(d.metadata.participants.count, 2, path)
            // A heading over the five-minute windows with nothing under it ("## Transcript")
            // is not listed as a chapter.
            XCTAssertFalse(d.sections.contains { $0.kind == .heading && $0.paragraphs.isEmpty }, path)
        }
        XCTAssertEqual(lenny.sections.first?.title, "00:00:00–00:05:00")
        // Names typed in capitals ("KUNAL SHAH (00:00:08):") read as the other episodes' do.
        let caps = try Shared.load(Shared.path("lennys-podcast/episodes/kunal-shah/transcript.md"))
        XCTAssertEqual(caps.metadata.participants, ["Lenny Rachitsky", "Kunal Shah"])
        XCTAssertEqual(MarkdownReader.boldSpeaker("**JEROD SANTO:** Hi").0, "Jerod Santo")
    }

    /// A transcript lasts until its last time, whatever its front matter says: a time typed in
    /// its last minutes is not "past the end".
    func testLengthReachesTheLastTime() throws {
        // The Changelog's stamps stop at 02:39:59; 25 paragraphs follow, with estimated times.
        let changelog = try Shared.load(Shared.path("changelog/podcast/the-changelog-594.md"))
        let last = try XCTUnwrap(changelog.paragraphs.last?.time)
        XCTAssertEqual(changelog.metadata.duration, last)
        XCTAssertGreaterThan(last, 2 * 3600 + 44 * 60)
        XCTAssertFalse(changelog.isPastEnd(2 * 3600 + 42 * 60))
        XCTAssertEqual(changelog.paragraph(at: 2 * 3600 + 42 * 60).map { changelog.sections[changelog.paragraphs[$0].section].start }, 2 * 3600 + 40 * 60)
        XCTAssertTrue(changelog.warnings.isEmpty, "\(changelog.warnings)")
        // `duration: 0:00` is a placeholder, not a length.
        let placeholder = try Shared.load(Shared.path("lennys-podcast/episodes/daniel-lereya/transcript.md"))
        XCTAssertEqual(placeholder.metadata.duration.map(Timestamp.format), "01:31:40")
        XCTAssertFalse(placeholder.isPastEnd(30 * 60))
        XCTAssertTrue(placeholder.warnings.isEmpty, "\(placeholder.warnings)")
        // Front matter from another video (its title names Jason Shah) says 1:10:14; the
        // transcript talks until 1:18:54, and says so.
        let copied = try Shared.load(Shared.path("lennys-podcast/episodes/kunal-shah/transcript.md"))
        XCTAssertEqual(copied.metadata.duration.map(Timestamp.format), "01:18:54")
        XCTAssertFalse(copied.isPastEnd(75 * 60))
        XCTAssertEqual(copied.warnings, ["the stated length (01:10:14) is shorter than the transcript (its times run to 01:18:54): the times are kept"])
        // No document of the corpus has a time past its length.
        for path in Shared.files(under: "lennys-podcast/episodes", ext: "md") + Shared.files(under: "changelog", ext: "md") {
            let d = try Shared.load(path)
            if let length = d.metadata.duration, let end = d.paragraphs.compactMap(\.time).max() {
                XCTAssertLessThanOrEqual(end, length, path)
            }
        }
    }

    /// The Changelog's transcripts leave the time of a word they could not make out in the text
    /// ("\[unintelligible 00:03:18.16\]"): estimated times go through those times. #594 talks
    /// from about three minutes in (after its introduction), which its first stamp, \[07:59\],
    /// alone could not tell.
    func testTimesLeftInTheTextAnchorEstimates() throws {
        let d = try Shared.load(Shared.path("changelog/podcast/the-changelog-594.md"))
        let marked = try XCTUnwrap(d.paragraphs.firstIndex { $0.text.hasSuffix("trained to correct people that [unintelligible 00:03:18.16]") })
        let t = try XCTUnwrap(d.paragraphs[marked].time)
        XCTAssertTrue(d.paragraphs[marked].estimated)
        XCTAssertTrue((3 * 60 + 10...3 * 60 + 18.16).contains(t), Timestamp.format(t))
        let first = try XCTUnwrap(d.paragraphs.first?.time)
        XCTAssertTrue((2 * 60 + 40...3 * 60 + 10).contains(first), Timestamp.format(first))
        XCTAssertEqual(d.paragraph(at: 3 * 60 + 19), marked + 1)
        // Estimated times never run backwards.
        let times = d.paragraphs.compactMap(\.time)
        XCTAssertEqual(times, times.sorted())

        XCTAssertEqual(TimeEstimation.inlineMarks("Yes [inaudible 00:00:42] and [crosstalk 12:03], [laughs] then [Xing Lin 01:02:03]").map(\.words), [1, 4, 8])
        XCTAssertEqual(TimeEstimation.inlineMarks("[inaudible 00:00:42] [crosstalk 12:03] [Xing Lin 01:02:03]").map(\.time), [42, 723, 3723])
        // Not marks: a link's text, a bare time, a time before the words, a list of times.
        XCTAssertTrue(TimeEstimation.inlineMarks("[the docs](http://x) [00:12:36] [12:36 intro] [a 1:00, 2:00] [v2 1:00]").isEmpty)
        // A time that disagrees with the stated times around it is left out.
        var paragraphs = [
            Paragraph(text: "One two three.", time: 60, estimated: false, byteRange: 0..<1, section: 0),
            Paragraph(text: "Four [inaudible 00:30:00] five.", byteRange: 0..<1, section: 0),
            Paragraph(text: "Six [inaudible 00:01:30] seven.", byteRange: 0..<1, section: 0),
            Paragraph(text: "Eight.", time: 120, estimated: false, byteRange: 0..<1, section: 0),
        ]
        TimeEstimation.fill(&paragraphs, sections: [Section(kind: .window, title: "", start: 0)])
        XCTAssertEqual(paragraphs.map { $0.time.map { Int($0) } }, [60, 71, 86, 120])
    }

    func testWorkingCodeChapterHeadings() throws {
        let path = Shared.files(under: "workingcode", ext: "md").first { (try? String(contentsOfFile: $0, encoding: .utf8).contains("## [00:")) == true }
        let d = try Shared.load(try XCTUnwrap(path))
        let chapters = d.sections.filter { $0.kind == .chapter }
        XCTAssertGreaterThan(chapters.count, 2)
        XCTAssertTrue(chapters.allSatisfy { $0.start != nil })
        // The show notes before the first turn are the episode's page, not something said at
        // ≈00:00–00:40 before the 00:00 turn: an untimed section under the title, ahead of
        // the Opening chapter; "# Transcript" over the turns is no section.
        let sales = try Shared.load(Shared.path("workingcode/055-sales-fails.md"))
        XCTAssertEqual(sales.sections.prefix(3).map { "\($0.kind) \($0.start.map(Timestamp.format) ?? "-") \($0.title) \($0.paragraphs.count)" },
                       ["heading - 055: Sales Fails 5", "chapter 00:00:00 Opening 4", "chapter 00:00:59 Intro 5"])
        XCTAssertTrue(sales.paragraphs[0].text.hasPrefix("When you consider the hourly-rate"))
        XCTAssertNil(sales.paragraphs[0].time)
        XCTAssertEqual(sales.paragraphs[5].time, 0)
        XCTAssertEqual(sales.paragraphs[5].speaker, "Adam")
        XCTAssertFalse(sales.sections.contains { $0.title == "Transcript" })
        // Where a chapter opens at 00:00 ("Cold Open"), there is no Opening before it.
        let stop = try Shared.load(Shared.path("workingcode/265-knowing-when-to-stop.md"))
        XCTAssertEqual(stop.sections.prefix(2).map(\.title), ["265: Knowing When to Stop", "Cold Open"])
    }

    func testArticlesAndCommentary() throws {
        let notes = try Shared.load(Shared.path("lexnotes/1-max-tegmark.md"))
        XCTAssertEqual(notes.kind, .article)
        XCTAssertEqual(notes.sections.map(\.title), ["1 Max Tegmark", "The Main Arguments", "Any Notable Quotes", "Relevant Topics or Themes"])
        let html = try Shared.load(Shared.path("lexnotes/html/1-max-tegmark.html"))
        XCTAssertEqual(html.format, .html)
        XCTAssertEqual(html.sections.map(\.title), notes.sections.map(\.title))
        let mdx = try Shared.load(Shared.path("lex-youtube-lumentis/ep333-karpathy/pages/index.mdx"))
        XCTAssertFalse(mdx.paragraphs.contains { $0.text.contains("import {") || $0.text.contains("<Callout") })
    }

    /// Every file in the corpus either loads or is refused with a one-line message; none crashes.
    func testEveryCorpusFileLoadsOrIsRefusedClearly() throws {
        let result = DocumentLoader.load(paths: [Shared.external.path])
        XCTAssertGreaterThan(result.documents.count, 300)
        XCTAssertTrue(result.problems.isEmpty, "\(result.problems)")
        for s in result.skipped {
            XCTAssertFalse(s.message.contains("\n"), s.description)
            let ok = s.path.hasSuffix(".json") || s.path.hasSuffix(".js") || s.path.hasSuffix(".tsv") || s.path.hasSuffix(".test")
                || s.path.hasSuffix(".vtt") || s.path.hasSuffix(".srt")
            XCTAssertTrue(ok, "unexpected skip: \(s)")
        }
    }
}
