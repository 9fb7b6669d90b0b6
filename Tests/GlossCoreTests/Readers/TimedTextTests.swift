import XCTest
@testable import GlossCore

/// Plain-text transcripts with timestamps: the shapes of Otter exports, transcripts copied from
/// YouTube, and logs with the time leading each line. Chosen by content, from `.txt` or no
/// extension; a list of chapters minutes apart stays an article.
final class TimedTextTests: XCTestCase {
    func load(_ text: String, path: String = "talk.txt") throws -> Document {
        try DocumentLoader.parse(Array(text.utf8), path: path)
    }

    func testSpeakerLinesWithTimesAboveTheWords() throws {
        let d = try load("""
        Scaling, with Jane and John

        Jane Doe  0:03
        Welcome to the show. Today we are talking about scaling laws
        and what they mean for the next decade.

        Speaker 2  0:15
        Thanks for having me. I think the key thing is that compute keeps getting cheaper every year.

        [JANE DOE] 1:02
        So how long until we see a country of geniuses in a data center?

        Speaker 2  1:10
        Maybe one or two years, if things go well. It could be longer.

        Transcribed by https://otter.ai
        """)
        XCTAssertEqual(d.format, .timedText)
        XCTAssertEqual(d.kind, .transcript)
        XCTAssertEqual(d.metadata.title, "Scaling, with Jane and John")
        XCTAssertEqual(d.metadata.participants, ["Jane Doe", "Speaker 2"])
        XCTAssertEqual(d.paragraphs.map(\.time), [3, 15, 62, 70])
        XCTAssertEqual(d.paragraphs.map(\.speaker), ["Jane Doe", "Speaker 2", "Jane Doe", "Speaker 2"])
        XCTAssertFalse(d.paragraphs.contains { $0.estimated })
        XCTAssertEqual(d.paragraphs[3].text, "Maybe one or two years, if things go well. It could be longer.")
        XCTAssertEqual(d.paragraphs[0].text, "Welcome to the show. Today we are talking about scaling laws and what they mean for the next decade.")
        // Byte ranges run from the speaker line to the last line of the turn.
        let src = Array(d.paragraphs[2].byteRange).count
        XCTAssertGreaterThan(src, d.paragraphs[2].text.utf8.count)
        XCTAssertEqual(d.sections.map(\.kind), [.window])
        XCTAssertEqual(Timestamp.format(d.sections[0].start!), "00:00:00")
    }

    func testTimesAloneOnTheirLinesAndTimesLeadingTheLine() throws {
        let youtube = try load("0:00\nwelcome back to the channel today we are\n0:03\ntalking about scaling laws and what they\n0:06\nmean for the next decade of research\n1:02\nso how long until we see it\n5:40\nand that is the end of the first part\n")
        XCTAssertEqual(youtube.format, .timedText)
        // Lines a few seconds apart make one paragraph; a pause of a minute starts another.
        XCTAssertEqual(youtube.paragraphs.map(\.time), [0, 62, 340])
        XCTAssertEqual(youtube.sections.count, 2)  // 5-minute windows
        XCTAssertTrue(youtube.paragraphs[0].text.hasPrefix("welcome back to the channel today we are talking about"))

        let log = try load("[00:00:03] Jane Doe: Welcome to the show. Today we are talking about scaling laws.\r\n[00:00:15] John Smith: Thanks for having me.\r\n[00:00:18] Compute keeps getting cheaper every year, and that matters.\r\n[00:01:02] Jane Doe: So how long until we see a country of geniuses in a data center?\r\n", path: "log")
        XCTAssertEqual(log.format, .timedText)
        XCTAssertEqual(log.paragraphs.map(\.speaker), ["Jane Doe", "John Smith", "Jane Doe"])
        XCTAssertEqual(log.paragraphs[1].text, "Thanks for having me. Compute keeps getting cheaper every year, and that matters.")
        XCTAssertEqual(try DocumentLoader.parse(Array("00:00:03 - Welcome to the show, everyone listening.\n00:00:09 - Today it is all about scaling laws.\n00:00:15 - And what they mean for the next decade.\n".utf8), path: "a.txt").format, .timedText)
    }

    /// Whisper's text output: each line a range in brackets, the words after it.
    func testWhisperRanges() throws {
        let text = """
        [00:00.000 --> 00:04.200]  Welcome back to the show, I'm Mara Quist.
        [00:04.200 --> 00:09.800]  My guest today is Tobias Ferrand, who runs the Harbor Storage project.
        [00:09.800 --> 00:12.100]  Thanks for having me.
        [00:30.000 --> 00:36.400]  It's a strange time to be in batteries, after a long pause.
        [01:02:18.400 --> 01:02:25.000]  The first phase is 120 megawatt-hours.
        """
        let d = try load(text, path: "whisper.txt")
        XCTAssertEqual(d.format, .timedText)
        // The ranges' ends tell the pause before 00:30 (a new paragraph) and the length.
        XCTAssertEqual(d.paragraphs.map(\.time), [0, 30, 3738.4])
        XCTAssertEqual(d.paragraphs[0].text, "Welcome back to the show, I'm Mara Quist. My guest today is Tobias Ferrand, who runs the Harbor Storage project. Thanks for having me.")
        XCTAssertEqual(d.metadata.duration, 3745)
        let line = try XCTUnwrap(TimedTextReader.timedLine("[00:03 - 00:09] Jane Doe: Hello there."))
        XCTAssertEqual(line.time, 3)
        XCTAssertEqual(line.end, 9)
        XCTAssertEqual(line.speaker, "Jane Doe")
        XCTAssertEqual(line.text, "Hello there.")
        // YouTube's SubViewer (.sbv): the range alone on its line, the words below.
        let sbv = try load("0:00:00.000,0:00:04.200\nWelcome back to the show, I'm Mara Quist.\n\n0:00:04.200,0:00:09.800\nMy guest today is Tobias Ferrand, who runs\nthe Harbor Storage project.\n\n0:00:12.100,0:00:18.400\nThanks for having me, it is a strange time.\n\n0:01:30.000,0:01:32.500\nAfter a pause.\n", path: "cap.sbv")
        XCTAssertEqual(sbv.format, .timedText)
        XCTAssertEqual(sbv.paragraphs.map(\.time), [0, 12.1, 90])
        XCTAssertEqual(sbv.paragraphs[0].text, "Welcome back to the show, I'm Mara Quist. My guest today is Tobias Ferrand, who runs the Harbor Storage project.")
        XCTAssertEqual(sbv.metadata.duration, 92.5)
        // Whisper's .tsv: milliseconds and the text, by tabs, under a header.
        let tsv = try load("start\tend\ttext\n0\t4200\tWelcome back to the show.\n4200\t9800\tMy guest today is Tobias.\nbad row\n75000\t78000\tAfter a pause.\n", path: "talk.tsv")
        XCTAssertEqual(tsv.format, .timedText)
        XCTAssertEqual(tsv.paragraphs.map(\.text), ["Welcome back to the show. My guest today is Tobias.", "After a pause."])
        XCTAssertEqual(tsv.paragraphs.map(\.time), [0, 75])
        XCTAssertEqual(tsv.metadata.duration, 78)
        XCTAssertEqual(tsv.warnings, ["skipped 1 row(s) without start and end times"])
        // "00:01:10 - Maybe one or two years": a dash outside brackets is the words' separator.
        XCTAssertNil(TimedTextReader.timedLine("00:01:10 - 00:02 is when it started")?.end)
    }

    /// Show notes that list chapters minutes apart, an article that mentions a time or two, and
    /// Markdown with its own timed shapes keep their readers.
    /// Rev's and Descript's exports: each turn a line, `Name (00:01:02): words`.
    func testTimesClosingTheLabelBeforeTheWords() throws {
        let turns = (0..<8).map { k in
            "\(k % 2 == 0 ? "Jane Doe" : "Speaker 2") (00:0\(k):1\(k)): Turn \(k) says something about storage and the grid."
        }
        let d = try load("Harbor interview\n\n" + turns.joined(separator: "\n\n"))
        XCTAssertEqual(d.format, .timedText)
        XCTAssertEqual(d.metadata.participants, ["Jane Doe", "Speaker 2"])
        XCTAssertEqual(d.paragraphs.count, 8)
        XCTAssertEqual(d.paragraphs[3].time, 3 * 60 + 13)
        XCTAssertFalse(d.paragraphs[3].estimated)
        XCTAssertEqual(d.paragraphs[3].text, "Turn 3 says something about storage and the grid.")
    }

    func testWhatIsNotATimedTranscript() throws {
        let notes = try load("""
        Episode 12: scaling

        In this episode we talk about scaling laws, compute and what comes next for the labs.

        00:00:00 - Intro
        00:12:36 - Is diffusion cope?
        00:29:42 - Is continual learning a bottleneck?
        00:46:20 - If AGI is imminent, why not buy more compute?
        00:58:49 - How will AI labs actually make profit?
        """)
        XCTAssertEqual(notes.format, .article)
        let article = try load("The talk started at 10:30 and ran long.\n\nWe left at 12:45, tired.\n\nThe next one is at 14:00 and it is about something else entirely, with more words here.\n")
        XCTAssertEqual(article.format, .article)
        let md = try load("[00:00:03] **Jane Doe:** Welcome to the show, everyone.\n\n[00:00:15] **John Smith:** Thanks for having me here today.\n\n[00:00:20] **Jane Doe:** Let us talk about scaling laws.\n", path: "ep.md")
        XCTAssertEqual(md.format, .markdown)
        // Without Markdown's marks, a timed transcript saved as .md is still a timed transcript.
        let plainMD = try load("0:00\nwelcome back to the channel today we are\n0:03\ntalking about scaling laws and what they\n0:06\nmean for the next decade of research\n", path: "yt.md")
        XCTAssertEqual(plainMD.format, .timedText)
    }

    func testLineShapes() {
        func line(_ s: String) -> TimedTextReader.TimedLine? { TimedTextReader.timedLine(Substring(s)) }
        XCTAssertEqual(line("Jane Doe  0:03")?.time, 3)
        XCTAssertEqual(line("Speaker 1 [00:00:15]")?.speaker, "Speaker 1")
        XCTAssertEqual(line("Jane Doe (1:02):")?.time, 62)
        XCTAssertEqual(line("Ludwig van Beethoven 00:10")?.speaker, "Ludwig van Beethoven")
        XCTAssertEqual(line("[1:02:03.500] text")?.time, 3723.5)
        XCTAssertEqual(line("(12:36) – Is diffusion cope?")?.text, "Is diffusion cope?")
        XCTAssertEqual(line("[00:01:02] **Jane Doe:** So how long?")?.speaker, "Jane Doe")
        XCTAssertEqual(line("00:01:02 Speaker 2: So how long?")?.speaker, "Speaker 2")
        XCTAssertEqual(line("00:01:02 Speaker 2: So how long?")?.text, "So how long?")
        XCTAssertNil(line("00:01:02 In 2024: a year")?.speaker)
        XCTAssertNil(line("00:01:02 Chapter 2: the labs")?.speaker)
        // The time closing the label, the words after it on the line (Rev's, Descript's).
        XCTAssertEqual(line("Jane Doe (00:01:02): Welcome to the show.")?.time, 62)
        XCTAssertEqual(line("Jane Doe (00:01:02): Welcome to the show.")?.speaker, "Jane Doe")
        XCTAssertEqual(line("SPEAKER 1 [01:15]: Thanks.")?.text, "Thanks.")
        XCTAssertEqual(line("SPEAKER 1 [01:15]: Thanks.")?.speaker, "Speaker 1")
        XCTAssertNil(line("The report (2024): a year of storage."))
        XCTAssertNil(line("we met at noon (12:30): lunch was late."))
        // Captions label unknown voices the same way.
        XCTAssertEqual(CueGrouping.splitSpeakerLabel("SPEAKER 1: Hello there.").speaker, "Speaker 1")
        let srt = try? DocumentLoader.parse(Array("1\n00:00:01,000 --> 00:00:03,000\nSPEAKER 1: Hello there, welcome.\n\n2\n00:00:04,000 --> 00:00:06,000\nSPEAKER 2: Thanks for having me.\n".utf8), path: "a.srt")
        XCTAssertEqual(srt?.paragraphs.map(\.speaker), ["Speaker 1", "Speaker 2"])
        XCTAssertEqual(line("[00:01:02] **Jane Doe**: So how long?")?.text, "So how long?")
        XCTAssertNil(line("0:03pm we met"))
        XCTAssertNil(line("1:2 ratio"))
        XCTAssertNil(line("99:99 bottles"))
        XCTAssertNil(line("[00:03 unclosed"))
        XCTAssertNil(line("He said this at 0:03"))  // a sentence, not a speaker
        XCTAssertNil(line("1:00:00:00 too many fields"))
        XCTAssertNil(line(""))
    }

    /// Times from a timed copy go by words: a paragraph as far into the text as the copy was at a
    /// time gets that time, between the copy's paragraph times and its end; without times to go
    /// by, nothing changes.
    func testTimesBorrowedFromACopyGoByWords() {
        func doc(_ texts: [String], times: [Double?], duration: Double?) -> Document {
            var d = Document(path: "d", format: .article, kind: .transcript, sourceBytes: 0)
            d.sections = [Section(kind: .chapter, title: "t", start: 0)]
            d.paragraphs = zip(texts, times).map { Paragraph(text: $0, time: $1, estimated: $1 == nil, byteRange: 0..<0, section: 0) }
            d.metadata.duration = duration
            return d
        }
        let ten = Array(repeating: "word", count: 10).joined(separator: " ")
        let five = Array(repeating: "word", count: 5).joined(separator: " ")
        let original = doc([ten, ten], times: [0, 100], duration: 200)
        var copy = doc([five, five, five, five], times: [nil, nil, nil, nil], duration: nil)
        copy.borrowTimes(from: original)
        XCTAssertEqual(copy.paragraphs.map(\.time), [0, 50, 100, 150])
        XCTAssertTrue(copy.paragraphs.allSatisfy(\.estimated))
        var untouched = copy
        untouched.borrowTimes(from: doc([ten], times: [nil], duration: nil))
        XCTAssertEqual(untouched.paragraphs.map(\.time), copy.paragraphs.map(\.time))
    }
}
