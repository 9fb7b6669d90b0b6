import Foundation
import XCTest
@testable import GlossCore

/// Podcasting 2.0 JSON transcripts: lenient segments, and the chapters file a transcript names.
final class PodcastJSONTests: FolderTestCase {
    func testLenientSegments() throws {
        let json = """
        {"title": "Episode 9", "segments": [
          {"speaker": "Ana", "startTime": 0, "endTime": 4.5, "body": "Welcome to the show."},
          {"speaker": "Ana", "startTime": "5.0", "endTime": "7", "body": "Times may be strings."},
          {"speaker": "Bo", "startTime": "00:00:08.000", "body": "Or timestamps."},
          {"speaker": "Bo", "startTime": 9, "body": 42},
          "not a segment",
          {"startTime": -3, "body": "negative"},
          {"speaker": 7, "startTime": 12, "endTime": 14, "body": "A speaker of the wrong type is no speaker."}
        ]}
        """
        let doc = try DocumentLoader.parse(Array(json.utf8), path: "ep.json")
        XCTAssertEqual(doc.format, .podcastJSON)
        XCTAssertEqual(doc.metadata.title, "Episode 9")
        let cues = try XCTUnwrap(doc.cues)
        XCTAssertEqual(cues.map(\.start), [0, 5, 8, 12])
        XCTAssertEqual(cues.map(\.end), [4.5, 7, 8, 14])
        XCTAssertEqual(cues.map(\.speaker), ["Ana", "Ana", "Bo", nil])
        XCTAssertTrue(doc.warnings.contains("skipped 3 segment(s) without body or start time"), "\(doc.warnings)")
    }

    /// Whisper's JSON, as openai-whisper, WhisperX and whisper.cpp write it.
    func testWhisperJSON() throws {
        // openai-whisper: the whole text first (longer than the 64 KB head sniffed), then segments.
        let segments = (0..<2000).map { i in
            #"{"id": \#(i), "seek": 0, "start": \#(Double(i) * 3), "end": \#(Double(i) * 3 + 2.5), "text": " Sentence \#(i) of the talk.", "tokens": [1, 2], "temperature": 0.0, "avg_logprob": -0.2, "no_speech_prob": 0.01}"#
        }
        let whole = (0..<2000).map { " Sentence \($0) of the talk." }.joined()
        let openai = #"{"text": "\#(whole)", "segments": [\#(segments.joined(separator: ", "))], "language": "en"}"#
        XCTAssertGreaterThan(openai.utf8.count, 64 * 1024)
        let doc = try DocumentLoader.parse(Array(openai.utf8), path: "talk.json")
        XCTAssertEqual(doc.format, .whisperJSON)
        XCTAssertEqual(doc.cues?.count, 2000)
        XCTAssertEqual(doc.cues?[1000].start, 3000)
        XCTAssertEqual(doc.cues?[1000].text, " Sentence 1000 of the talk.")
        XCTAssertEqual(try XCTUnwrap(doc.metadata.duration), 5999.5, accuracy: 0.001)
        // A time finds the sentence said then.
        let hit = try XCTUnwrap(doc.paragraph(at: 3001))
        XCTAssertTrue(doc.paragraphs[hit].text.contains("Sentence 1000 of the talk."))

        // WhisperX: speakers by number, word timings skipped.
        let x = #"{"segments": [{"start": 0.03, "end": 4.2, "text": " Welcome back.", "words": [{"word": "Welcome", "start": 0.03, "end": 0.4, "score": 0.9}], "speaker": "SPEAKER_00"}, {"start": 4.5, "end": 9.8, "text": " Thanks for having me.", "words": [], "speaker": "SPEAKER_01"}], "word_segments": []}"#
        let xd = try DocumentLoader.parse(Array(x.utf8), path: "x.json")
        XCTAssertEqual(xd.format, .whisperJSON)
        XCTAssertEqual(xd.paragraphs.map(\.speaker), ["Speaker 00", "Speaker 01"])
        XCTAssertEqual(xd.paragraphs.map(\.text), ["Welcome back.", "Thanks for having me."])

        // whisper.cpp: `transcription`, times in milliseconds under `offsets`.
        let cpp = """
        {"systeminfo": "AVX = 1", "model": {"type": "base"}, "params": {"language": "en"}, "result": {"language": "en"},
         "transcription": [
          {"timestamps": {"from": "00:00:00,000", "to": "00:00:04,200"}, "offsets": {"from": 0, "to": 4200}, "text": " Welcome back to the show."},
          {"timestamps": {"from": "00:01:04,200", "to": "00:01:09,800"}, "offsets": {"from": 64200, "to": 69800}, "text": " My guest today is Tobias."}
         ]}
        """
        let c = try DocumentLoader.parse(Array(cpp.utf8), path: "cpp.json")
        XCTAssertEqual(c.format, .whisperJSON)
        XCTAssertEqual(c.paragraphs.map(\.time), [0, 64.2])
        XCTAssertEqual(c.metadata.duration, 69.8)
        // Podcasting 2.0 stays itself.
        let pc = #"{"segments": [{"speaker": "Ana", "startTime": 0, "endTime": 4.5, "body": "Welcome to the show."}]}"#
        XCTAssertEqual(try DocumentLoader.parse(Array(pc.utf8), path: "pc.json").format, .podcastJSON)
    }

    /// YouTube's transcripts as JSON: youtube-transcript-api's list and json3's events.
    func testYouTubeJSON() throws {
        let list = #"[{"text": "welcome back to the show", "start": 0.16, "duration": 2.709}, {"text": "today we're talking about\nbatteries", "start": 2.869, "duration": 2.4}, {"text": "and why they got cheap", "start": 63.5, "duration": 2.0}]"#
        let d = try DocumentLoader.parse(Array(list.utf8), path: "video.json")
        XCTAssertEqual(d.format, .youtubeJSON)
        XCTAssertEqual(d.cues?.map(\.start), [0.16, 2.869, 63.5])
        XCTAssertEqual(d.cues?.map(\.end), [2.869, 5.269, 65.5])
        XCTAssertEqual(d.paragraphs.map(\.text), ["welcome back to the show today we're talking about batteries", "and why they got cheap"])
        XCTAssertTrue(d.warnings.isEmpty, "\(d.warnings)")

        let json3 = """
        {"wireMagic": "pb3", "pens": [{}], "events": [
          {"tStartMs": 0, "dDurationMs": 8150, "id": 1, "wpWinPosId": 1, "wsWinStyleId": 1},
          {"tStartMs": 160, "dDurationMs": 2709, "wWinId": 1, "segs": [{"utf8": "welcome", "acAsrConf": 0}, {"utf8": " back", "tOffsetMs": 320}, {"utf8": " to the show", "tOffsetMs": 680}]},
          {"tStartMs": 2859, "dDurationMs": 10, "wWinId": 1, "aAppend": 1, "segs": [{"utf8": "\n"}]},
          {"tStartMs": 2869, "dDurationMs": 2400, "wWinId": 1, "segs": [{"utf8": "today"}, {"utf8": " we\\u2019re talking", "tOffsetMs": 400}]}
        ]}
        """
        let j = try DocumentLoader.parse(Array(json3.utf8), path: "video.en.json3")
        XCTAssertEqual(j.format, .youtubeJSON)
        XCTAssertEqual(j.paragraphs.map(\.text), ["welcome back to the show today we’re talking"])
        XCTAssertEqual(j.cues?.first?.start, 0.16)
        XCTAssertEqual(j.metadata.duration, 5.269)
        // The windows' events (no text) are not "segments without body".
        XCTAssertTrue(j.warnings.isEmpty, "\(j.warnings)")
        // A list of something else is still not a transcript.
        XCTAssertThrowsError(try DocumentLoader.parse(Array(#"[{"name": "a", "value": 1}]"#.utf8), path: "data.json"))
    }

    func testInvalidJSON() {
        XCTAssertThrowsError(try DocumentLoader.parse(Array("{\"segments\": [".utf8), path: "bad.json")) { e in
            XCTAssertTrue("\(e)".contains("invalid JSON"), "\(e)")
        }
        XCTAssertThrowsError(try DocumentLoader.parse(Array("{\"segments\": 3}".utf8), path: "bad.json")) { e in
            XCTAssertTrue("\(e)".contains("no \"segments\" or \"transcription\" array"), "\(e)")
        }
    }

    func testChaptersFileNamedInTheTranscriptOrBesideIt() throws {
        let chapters = #"{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro"}, {"startTime": 10, "title": "Main"}]}"#
        _ = write("show-notes.json", chapters)
        _ = write("ep1.json", #"{"chapters": "show-notes.json", "segments": [{"startTime": 1, "body": "Hello."}, {"startTime": 11, "body": "Later."}]}"#)
        _ = write("ep2.chapters.json", chapters)
        _ = write("ep2.json", #"{"segments": [{"startTime": 2, "body": "Hi."}, {"startTime": 12, "body": "Then."}]}"#)
        let result = DocumentLoader.load(paths: [dir])
        XCTAssertEqual(result.problems.count, 0, "\(result.problems)")
        for name in ["ep1.json", "ep2.json"] {
            let doc = try XCTUnwrap(result.documents.first { $0.path.hasSuffix("/" + name) }, name)
            XCTAssertEqual(doc.sections.filter { $0.kind == .chapter }.map(\.title), ["Intro", "Main"], name)
        }
    }

    /// The namespace's complex example: the episode's title, author and podcast name beside the
    /// chapters, a chapter with `toc: false` and a location but no title, links and images. The
    /// metadata names the chapters file read alone, and the transcript beside it that has none.
    func testComplexChaptersFile() throws {
        let chapters = """
        {"version": "1.2.0", "author": "John Doe", "title": "Episode 7 - Making Progress",
         "podcastName": "John's Awesome Podcast", "chapters": [
          {"startTime": 0, "title": "Intro"},
          {"startTime": 410, "title": "Namespace", "img": "https://example.com/n.jpg", "url": "https://example.com"},
          {"startTime": 4200, "title": "Played song", "value": "<podcast:value type=\\"lightning\\"/>"},
          {"startTime": 4826, "img": "https://example.com/p.jpg", "toc": false,
           "location": {"name": "Eiffel Tower, Paris", "geo": "geo:42.34,-70.96"}},
          {"startTime": 6089, "title": "Outro"}
        ]}
        """
        let alone = try DocumentLoader.parse(Array(chapters.utf8), path: "ep7.chapters.json")
        XCTAssertEqual(alone.format, .chaptersJSON)
        XCTAssertEqual(alone.metadata.title, "Episode 7 - Making Progress")
        XCTAssertEqual(alone.metadata.author, "John Doe")
        XCTAssertEqual(alone.metadata.publication, "John's Awesome Podcast")
        XCTAssertEqual(alone.sections.map(\.title), ["Intro", "Namespace", "Played song", "Outro"])
        XCTAssertEqual(alone.sections.map(\.start), [0, 410, 4200, 6089])
        _ = write("ep7.chapters.json", chapters)
        _ = write("ep7.json", #"{"segments": [{"startTime": 1, "body": "Hello."}, {"startTime": 500, "body": "The namespace."}]}"#)
        _ = write("ep8.chapters.json", chapters)
        _ = write("ep8.json", #"{"title": "Its own title", "segments": [{"startTime": 1, "body": "Hi."}]}"#)
        let result = DocumentLoader.load(paths: [dir])
        let ep7 = try XCTUnwrap(result.documents.first { $0.path.hasSuffix("/ep7.json") })
        XCTAssertEqual(ep7.metadata.title, "Episode 7 - Making Progress")
        XCTAssertEqual(ep7.metadata.author, "John Doe")
        XCTAssertEqual(ep7.sections.map(\.present), [true, true, false, false])
        let ep8 = try XCTUnwrap(result.documents.first { $0.path.hasSuffix("/ep8.json") })
        XCTAssertEqual(ep8.metadata.title, "Its own title")
    }
}

extension PodcastJSONTests {
    /// Folders are listed with `readdir`: regular files and links to them, sorted, hidden files
    /// and folders skipped, links to folders not followed; a chapters file named from another
    /// folder is found, and so is one beside its transcript that is a link.
    func testFolderListing() throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/b/inner", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir + "/.hidden", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir + "/notes", withIntermediateDirectories: true)
        let vtt = "WEBVTT\n\n00:00.000 --> 00:01.000\nHello.\n"
        for name in ["z.vtt", "a.vtt", "b/inner/deep.vtt", "b/m.vtt", ".hidden/h.vtt", ".dot.vtt"] { _ = write(name, vtt) }
        try fm.createSymbolicLink(atPath: dir + "/link.vtt", withDestinationPath: dir + "/a.vtt")
        try fm.createSymbolicLink(atPath: dir + "/loop", withDestinationPath: dir)
        try fm.createSymbolicLink(atPath: dir + "/dangling.vtt", withDestinationPath: dir + "/nowhere.vtt")
        XCTAssertEqual(DocumentLoader.listFolder(dir).map { String($0.dropFirst(dir.count + 1)) },
                       ["a.vtt", "b/inner/deep.vtt", "b/m.vtt", "link.vtt", "z.vtt"])
        XCTAssertEqual(DocumentLoader.listFolder(dir + "/"), DocumentLoader.listFolder(dir))
        // A transcript in one folder naming its chapters file in another.
        _ = write("notes/ch.json", #"{"chapters": [{"startTime": 0, "title": "Opening"}, {"startTime": 5, "title": "Rest"}]}"#)
        _ = write("b/ep.json", #"{"chapters": "../notes/ch.json", "segments": [{"startTime": 1, "body": "One."}, {"startTime": 6, "body": "Six."}]}"#)
        let result = DocumentLoader.load(paths: [dir + "/b"])
        let ep = try XCTUnwrap(result.documents.first { $0.path.hasSuffix("ep.json") })
        XCTAssertEqual(ep.sections.map(\.title), ["Opening", "Rest"])
        try fm.createSymbolicLink(atPath: dir + "/b/m.chapters.json", withDestinationPath: dir + "/notes/ch.json")
        let m = try XCTUnwrap(DocumentLoader.load(paths: [dir + "/b"]).documents.first { $0.path.hasSuffix("m.vtt") })
        XCTAssertEqual(m.sections.map(\.title), ["Opening", "Rest"])
    }
}
