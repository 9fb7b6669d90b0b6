import XCTest
@testable import GlossCore

/// The JSON of speech-to-text services, in the shapes their documentation gives.
final class SpeechJSONTests: XCTestCase {
    func parse(_ text: String, _ path: String = "result.json") throws -> Document {
        try DocumentLoader.parse(Array(text.utf8), path: path)
    }

    /// AssemblyAI: the whole text and its words first, then `utterances` in milliseconds.
    func testAssemblyAI() throws {
        let json = """
        {"id": "6rlr37", "status": "completed", "audio_url": "https://example.com/harbor.mp3",
         "text": "Welcome back to the show, I'm Mara Quist. Thanks for having me, Mara.",
         "words": [{"text": "Welcome", "start": 250, "end": 650, "confidence": 0.99, "speaker": "A"}],
         "utterances": [
          {"confidence": 0.97, "end": 4200, "speaker": "A", "start": 250, "text": "Welcome back to the show, I'm Mara Quist.",
           "words": [{"text": "Welcome", "start": 250, "end": 650, "confidence": 0.99, "speaker": "A"}]},
          {"confidence": 0.95, "end": 9100, "speaker": "B", "start": 4700, "text": "Thanks for having me, Mara.", "words": []},
          {"confidence": 0.5, "end": 9900, "speaker": "B", "start": null, "text": "lost"}],
         "confidence": 0.96, "audio_duration": 12}
        """
        let d = try parse(json)
        XCTAssertEqual(d.format, .speechJSON)
        XCTAssertEqual(d.kind, .transcript)
        XCTAssertEqual(d.paragraphs.map(\.text), ["Welcome back to the show, I'm Mara Quist.", "Thanks for having me, Mara."])
        XCTAssertEqual(d.paragraphs.map(\.speaker), ["Speaker A", "Speaker B"])
        XCTAssertEqual(d.paragraphs.map(\.time), [0.25, 4.7])
        XCTAssertEqual(d.metadata.duration, 9.1)
        XCTAssertEqual(d.warnings, ["skipped 1 AssemblyAI utterance(s) or word(s) without text or start time"])
    }

    /// Deepgram with utterances; without them, the paragraphs' sentences; without those, the
    /// words, a sentence a cue.
    func testDeepgram() throws {
        let words = """
        [{"word": "welcome", "start": 0.25, "end": 0.65, "confidence": 0.99, "speaker": 0, "punctuated_word": "Welcome"},
         {"word": "back", "start": 0.7, "end": 0.9, "speaker": 0, "punctuated_word": "back."},
         {"word": "thanks", "start": 4.7, "end": 5.0, "speaker": 1, "punctuated_word": "Thanks"},
         {"word": "mara", "start": 5.1, "end": 5.5, "speaker": 1, "punctuated_word": "Mara!"}]
        """
        let paragraphs = """
        {"transcript": "\\nSpeaker 0: Welcome back to the show. I'm Mara Quist.", "paragraphs": [
          {"sentences": [{"text": "Welcome back to the show.", "start": 0.25, "end": 2.1}, {"text": "I'm Mara Quist.", "start": 2.2, "end": 4.2}],
           "speaker": 0, "num_words": 8, "start": 0.25, "end": 4.2},
          {"sentences": [{"text": "Thanks for having me, Mara.", "start": 4.7, "end": 9.1}], "speaker": 1, "start": 4.7, "end": 9.1}]}
        """
        func result(_ alternative: String, utterances: String = "") -> String {
            """
            {"metadata": {"request_id": "a1b2", "duration": 12.5, "channels": 1, "models": ["nova-2"]},
             "results": {"channels": [{"alternatives": [{"transcript": "welcome back", "confidence": 0.99, \(alternative)}]},
                                      {"alternatives": [{"transcript": "second channel", "words": []}]}]\(utterances)}}
            """
        }
        let withUtterances = try parse(result("\"words\": \(words)", utterances: """
            , "utterances": [{"start": 0.25, "end": 4.2, "confidence": 0.98, "channel": 0, "transcript": "Welcome back to the show.", "speaker": 0, "id": "u1"},
                             {"start": 4.7, "end": 9.1, "channel": 0, "transcript": "Thanks for having me.", "speaker": 1, "id": "u2"}]
            """))
        XCTAssertEqual(withUtterances.format, .speechJSON)
        XCTAssertEqual(withUtterances.paragraphs.map(\.text), ["Welcome back to the show.", "Thanks for having me."])
        XCTAssertEqual(withUtterances.paragraphs.map(\.speaker), ["Speaker 0", "Speaker 1"])

        let byParagraphs = try parse(result("\"words\": \(words), \"paragraphs\": \(paragraphs)"))
        XCTAssertEqual(byParagraphs.paragraphs.map(\.text), ["Welcome back to the show. I'm Mara Quist.", "Thanks for having me, Mara."])
        XCTAssertEqual(byParagraphs.cues?.count, 3)
        XCTAssertEqual(byParagraphs.paragraphs.map(\.time), [0.25, 4.7])

        let byWords = try parse(result("\"words\": \(words)"))
        XCTAssertEqual(byWords.cues?.map(\.text), ["Welcome back.", "Thanks Mara!"])
        XCTAssertEqual(byWords.cues?.map(\.start), [0.25, 4.7])
        XCTAssertEqual(byWords.cues?.map(\.end), [0.9, 5.5])
        XCTAssertEqual(byWords.paragraphs.map(\.speaker), ["Speaker 0", "Speaker 1"])
    }

    /// A recording with a track per person (Deepgram's `multichannel`): every channel is read,
    /// each a speaker, in order of time; speakers told apart within a channel stand beside it.
    func testDeepgramChannels() throws {
        func words(_ list: [(String, Double, Int)]) -> String {
            "[" + list.map { "{\"word\": \"\($0.0.lowercased())\", \"punctuated_word\": \"\($0.0)\", \"start\": \($0.1), \"end\": \($0.1 + 0.3), \"speaker\": \($0.2)}" }.joined(separator: ", ") + "]"
        }
        let host = words([("Welcome", 0.5, 0), ("back.", 0.9, 0), ("And", 6.0, 0), ("then?", 6.4, 0)])
        let guest = words([("Thanks", 2.0, 0), ("Mara.", 2.4, 0), ("Then", 8.0, 0), ("money.", 8.4, 0)])
        let d = try parse("""
            {"metadata": {"channels": 2}, "results": {"channels": [
              {"alternatives": [{"transcript": "welcome back and then", "words": \(host)}]},
              {"alternatives": [{"transcript": "thanks mara then money", "words": \(guest)}]}]}}
            """)
        XCTAssertEqual(d.cues?.map(\.text), ["Welcome back.", "Thanks Mara.", "And then?", "Then money."])
        XCTAssertEqual(d.cues?.map(\.speaker), ["Channel 0", "Channel 1", "Channel 0", "Channel 1"])
        XCTAssertEqual(d.metadata.participants, ["Channel 0", "Channel 1"])

        // Utterances name their channel; the second channel has two voices.
        let u = try parse("""
            {"results": {"channels": [], "utterances": [
              {"start": 0.5, "end": 1.2, "channel": 0, "speaker": 0, "transcript": "Welcome back."},
              {"start": 2.0, "end": 2.7, "channel": 1, "speaker": 0, "transcript": "Thanks, Mara."},
              {"start": 3.0, "end": 3.5, "channel": 1, "speaker": 1, "transcript": "And from me."},
              {"start": 6.0, "end": 6.7, "channel": 0, "speaker": 0, "transcript": "And then?"}]}}
            """)
        XCTAssertEqual(u.cues?.map(\.text), ["Welcome back.", "Thanks, Mara.", "And from me.", "And then?"])
        XCTAssertEqual(u.cues?.map(\.speaker), ["Channel 0", "Channel 1, Speaker 0", "Channel 1, Speaker 1", "Channel 0"])
    }

    /// Amazon's channel identification (`channel_labels.channels[]` of `ch_0`, `ch_1` items, as
    /// its documentation's example): each channel a speaker, its words a sentence at a time,
    /// whether the `items` beside them say their channel or not.
    func testAmazonChannels() throws {
        func item(_ word: String, _ at: Double?, _ ch: Int, labelled: Bool = true) -> String {
            let label = labelled ? "\"channel_label\": \"ch_\(ch)\", " : ""
            guard let at else { return "{\(label)\"alternatives\": [{\"confidence\": \"0.0\", \"content\": \"\(word)\"}], \"type\": \"punctuation\"}" }
            return "{\(label)\"start_time\": \"\(at)\", \"end_time\": \"\(at + 0.3)\", \"alternatives\": [{\"confidence\": \"1.0\", \"content\": \"\(word)\"}], \"type\": \"pronunciation\"}"
        }
        let caller: [(String, Double?)] = [("I've", 4.86), ("been", 5.01), ("on", 5.16), ("hold", 5.28), (".", nil), ("Really", 9.5), (".", nil)]
        let agent: [(String, Double?)] = [("Sorry", 8.5), ("about", 8.89), ("that", 9.0), (".", nil)]
        let ch0 = caller.map { item($0.0, $0.1, 0) }.joined(separator: ", ")
        let ch1 = agent.map { item($0.0, $0.1, 1) }.joined(separator: ", ")
        let labels = "\"channel_labels\": {\"channels\": [{\"channel_label\": \"ch_0\", \"items\": [\(ch0)]}, {\"channel_label\": \"ch_1\", \"items\": [\(ch1)]}], \"number_of_channels\": 2}"
        for items in ["", ", \"items\": [" + (caller.prefix(5).map { item($0.0, $0.1, 0, labelled: false) } + agent.map { item($0.0, $0.1, 1, labelled: false) }
                                                + caller.suffix(2).map { item($0.0, $0.1, 0, labelled: false) }).joined(separator: ", ") + "]"] {
            let d = try parse("""
                {"jobName": "my-first-transcription-job", "accountId": "111122223333", "results": {
                  "transcripts": [{"transcript": "I've been on hold. Sorry about that. Really."}], \(labels)\(items)}, "status": "COMPLETED"}
                """, "job.json")
            XCTAssertEqual(d.format, .speechJSON)
            XCTAssertEqual(d.cues?.map(\.text), ["I've been on hold.", "Sorry about that.", "Really."], items.isEmpty ? "channels alone" : "with items")
            XCTAssertEqual(d.cues?.map(\.speaker), ["Channel 0", "Channel 1", "Channel 0"])
            XCTAssertEqual(d.cues?.map(\.start), [4.86, 8.5, 9.5])
        }
    }

    /// WhisperX's words alone (`word_segments`, no `segments`): a sentence a cue, by speaker; a
    /// word it could not align (no times) stays in its sentence. With `segments` the Whisper
    /// reader reads those.
    func testWhisperXWordsAlone() throws {
        let json = """
        {"word_segments": [{"word": "Welcome", "start": 0.03, "end": 0.4, "score": 0.91, "speaker": "SPEAKER_00"},
          {"word": "back.", "start": 0.45, "end": 0.8, "score": 0.88, "speaker": "SPEAKER_00"},
          {"word": "In", "start": 4.5, "end": 4.6, "score": 0.9, "speaker": "SPEAKER_01"},
          {"word": "2017", "score": 0.2, "speaker": "SPEAKER_01"},
          {"word": "we", "start": 5.2, "end": 5.3, "score": 0.9, "speaker": "SPEAKER_01"},
          {"word": "started.", "start": 5.3, "end": 5.9, "score": 0.9, "speaker": "SPEAKER_01"}]}
        """
        let d = try parse(json, "talk.json")
        XCTAssertEqual(d.format, .speechJSON)
        XCTAssertEqual(d.cues?.map(\.text), ["Welcome back.", "In 2017 we started."])
        XCTAssertEqual(d.cues?.map(\.start), [0.03, 4.5])
        XCTAssertEqual(d.cues?.map(\.end), [0.8, 5.9])
        XCTAssertEqual(d.paragraphs.map(\.speaker), ["Speaker 00", "Speaker 01"])
        let withSegments = try parse(#"{"segments": [{"start": 0.03, "end": 0.8, "text": " Welcome back."}], "word_segments": [{"word": "Welcome", "start": 0.03, "end": 0.4}]}"#, "talk.json")
        XCTAssertEqual(withSegments.format, .whisperJSON)
    }

    /// Rev.ai: monologues of words and punctuation, cut into sentences; tags (`<laugh>`) left out.
    func testRev() throws {
        let json = """
        {"monologues": [
          {"speaker": 0, "speaker_name": "Mara Quist", "elements": [
            {"type": "text", "value": "Welcome", "ts": 0.25, "end_ts": 0.65, "confidence": 1},
            {"type": "punct", "value": " "}, {"type": "text", "value": "back", "ts": 0.7, "end_ts": 0.9, "confidence": 1},
            {"type": "punct", "value": "."}, {"type": "punct", "value": " "},
            {"type": "text", "value": "What", "ts": 1.5, "end_ts": 1.7}, {"type": "punct", "value": " "},
            {"type": "text", "value": "is", "ts": 1.7, "end_ts": 1.8}, {"type": "punct", "value": " "},
            {"type": "text", "value": "Harbor", "ts": 1.8, "end_ts": 2.1}, {"type": "punct", "value": " "},
            {"type": "text", "value": "Storage", "ts": 2.1, "end_ts": 2.6}, {"type": "punct", "value": "?"}]},
          {"speaker": 1, "elements": [
            {"type": "text", "value": "A", "ts": 4.7, "end_ts": 4.8}, {"type": "punct", "value": " "}, {"type": "unknown", "value": "<laugh>"},
            {"type": "text", "value": "grid", "ts": 4.8, "end_ts": 5.1}, {"type": "punct", "value": " "},
            {"type": "text", "value": "battery", "ts": 5.1, "end_ts": 5.6}, {"type": "punct", "value": "."},
            {"type": "unknown", "value": "<inaudible>"}]}]}
        """
        let d = try parse(json, "rev.json")
        XCTAssertEqual(d.format, .speechJSON)
        XCTAssertEqual(d.cues?.map(\.text), ["Welcome back.", "What is Harbor Storage?", "A grid battery."], "a tag is no word")
        XCTAssertEqual(d.cues?.map(\.start), [0.25, 1.5, 4.7])
        XCTAssertEqual(d.cues?.map(\.speaker), ["Mara Quist", "Mara Quist", "Speaker 1"])
        XCTAssertEqual(d.paragraphs.map(\.speaker), ["Mara Quist", "Speaker 1"])
    }

    /// Amazon Transcribe: `audio_segments` when it has them, else its items; times as strings.
    func testAmazonTranscribe() throws {
        let items = """
        [{"id": 0, "start_time": "0.25", "end_time": "0.65", "alternatives": [{"confidence": "0.99", "content": "Welcome"}], "type": "pronunciation", "speaker_label": "spk_0"},
         {"id": 1, "start_time": "0.7", "end_time": "0.9", "alternatives": [{"confidence": "0.99", "content": "back"}], "type": "pronunciation", "speaker_label": "spk_0"},
         {"id": 2, "alternatives": [{"confidence": "0.0", "content": "."}], "type": "punctuation", "speaker_label": "spk_0"},
         {"id": 3, "start_time": "4.7", "end_time": "5.0", "alternatives": [{"confidence": "0.98", "content": "Thanks"}], "type": "pronunciation", "speaker_label": "spk_1"},
         {"id": 4, "alternatives": [{"confidence": "0.0", "content": ","}], "type": "punctuation", "speaker_label": "spk_1"},
         {"id": 5, "start_time": "5.1", "end_time": "5.5", "alternatives": [{"confidence": "0.9", "content": "Mara"}], "type": "pronunciation", "speaker_label": "spk_1"}]
        """
        func job(_ extra: String) -> String {
            """
            {"jobName": "harbor-12", "accountId": "123456789012", "status": "COMPLETED",
             "results": {"transcripts": [{"transcript": "Welcome back. Thanks, Mara"}],
              "speaker_labels": {"channel_label": "ch_0", "speakers": 2, "segments": [{"start_time": "0.25", "end_time": "0.9", "speaker_label": "spk_0", "items": []}]},
              "items": \(items)\(extra)}}
            """
        }
        let segments = try parse(job("""
            , "audio_segments": [{"id": 0, "transcript": "Welcome back.", "start_time": "0.25", "end_time": "0.9", "speaker_label": "spk_0", "items": [0, 1, 2]},
                                 {"id": 1, "transcript": "Thanks, Mara", "start_time": "4.7", "end_time": "5.5", "speaker_label": "spk_1", "items": [3, 4, 5]}]
            """), "asrOutput.json")
        XCTAssertEqual(segments.format, .speechJSON)
        XCTAssertEqual(segments.paragraphs.map(\.text), ["Welcome back.", "Thanks, Mara"])
        XCTAssertEqual(segments.paragraphs.map(\.speaker), ["Speaker 0", "Speaker 1"])
        let byItems = try parse(job(""), "asrOutput.json")
        XCTAssertEqual(byItems.cues?.map(\.text), ["Welcome back.", "Thanks, Mara"])
        XCTAssertEqual(byItems.cues?.map(\.start), [0.25, 4.7])
        XCTAssertEqual(byItems.metadata.duration, 5.5)
    }

    /// A result past the 64 KB head (AssemblyAI's words come first) is still told by its keys;
    /// one without anything timed says so.
    func testLongHeadAndNothingToRead() throws {
        let words = (0..<4000).map { #"{"text": "word\#($0)", "start": \#($0 * 100), "end": \#($0 * 100 + 90), "speaker": "A"}"# }.joined(separator: ",")
        let long = #"{"text": "many words", "words": [\#(words)], "utterances": [{"speaker": "A", "start": 0, "end": 399990, "text": "Many words."}]}"#
        XCTAssertGreaterThan(long.utf8.count, 64 * 1024)
        XCTAssertEqual(try parse(long).paragraphs.map(\.text), ["Many words."])
        // Without speaker labels AssemblyAI has no utterances: its words, a sentence a cue.
        let unlabelled = #"{"text": "Welcome back. Thanks.", "words": [{"text": "Welcome", "start": 250, "end": 650, "speaker": null}, {"text": "back.", "start": 700, "end": 900, "speaker": null}, {"text": "Thanks.", "start": 4700, "end": 5000, "speaker": null}], "utterances": null}"#
        XCTAssertEqual(try parse(unlabelled).cues?.map(\.text), ["Welcome back.", "Thanks."])
        XCTAssertEqual(try parse(unlabelled).cues?.map(\.start), [0.25, 4.7])
        XCTAssertThrowsError(try parse(#"{"id": "x", "status": "processing", "utterances": null}"#)) { error in
            XCTAssertTrue("\(error)".contains("a speech-to-text result (AssemblyAI) without utterances, paragraphs or timed words"), "\(error)")
        }
    }
}
