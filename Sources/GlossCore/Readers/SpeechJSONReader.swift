import Foundation

/// Reads the JSON that speech-to-text services return, as people save it: AssemblyAI's
/// (`utterances` of `speaker` "A", `start` and `end` in milliseconds, `text`; else its `words`),
/// Deepgram's
/// (`results.utterances`, else the `paragraphs` of each channel's first alternative, else its
/// `words`; seconds), Rev.ai's (`monologues` of a `speaker` and `elements`, words with `ts`
/// and `end_ts` and punctuation between them) and Amazon Transcribe's (`results.audio_segments`,
/// else its `items`, times as strings of seconds, speakers `spk_0`), and WhisperX's words
/// alone (`word_segments`, when it kept no `segments`). Word lists are read a
/// sentence a cue, cut also where the speaker changes and after sixty words without an end.
/// A recording of several channels (a track per person: Deepgram's `multichannel`, Amazon's
/// channel identification, `channel_labels` and items labelled `ch_1`) is read as
/// one transcript in order of time, each channel a speaker ("Channel 0", as the services number
/// them), and a speaker the service told apart within a channel beside it ("Channel 1, Speaker
/// 0") when it told more than one there.
public enum SpeechJSONReader {
    /// Whether the head of a JSON file is one of these services' (looked at before the
    /// Podcasting 2.0 keys: Amazon's `speaker_labels` has `segments` of its own).
    public static func sniff(_ head: String) -> Bool {
        if head.has("\"monologues\"") || head.has("\"utterances\"") { return true }
        // WhisperX's words alone (it writes its `segments` first, when it keeps them).
        if head.has("\"word_segments\"") && !head.has("\"segments\"") { return true }
        // Deepgram: `results.channels[].alternatives[]`; Amazon: `jobName` and `results`.
        return head.has("\"results\"") && (head.has("\"alternatives\"") && head.has("\"channels\"") || head.has("\"jobName\""))
    }

    /// The top-level keys (`DocumentLoader.topLevelKeys`) of a file whose head did not tell.
    static func sniff(keys: Set<String>) -> Bool {
        keys.contains("monologues") || keys.contains("utterances") || keys.contains("results") && keys.contains("jobName")
            || keys.contains("word_segments") && !keys.contains("segments")
    }

    /// A stretch of speech: a service's utterance or segment, or a sentence of its words.
    struct Turn {
        var start: Double
        var end: Double
        var speaker: String?
        var text: String
        /// The channel of a recording with several (an utterance's `channel`).
        var channel = 0
    }

    /// A word or punctuation of a word list, as the services give them.
    struct Word {
        var text: String
        var start: Double?
        var end: Double?
        var speaker: String?
        var punctuation: Bool
        /// The channel of a recording with several (Amazon's `channel_label`, `ch_1`).
        var channel = 0
    }

    /// What was read: turns, or words to cut into sentences; the service's name for warnings.
    struct Parsed {
        var turns: [Turn] = []
        var words: [Word] = []
        var service = ""
        var skipped = 0
    }

    public static func read(_ bytes: [UInt8], path: String, chapters: [Chapter]?, keepCues: Bool = true) throws -> Document {
        var parsed = Parsed()
        // AssemblyAI's words, read when it has no utterances (speaker labels were not asked for).
        var assemblyWords: [Word] = []
        do {
            try JSONScanner.read(bytes) { s in
                guard try s.kind() == .object else { throw CueDocumentReader.Failure.badJSON("not an object") }
                try s.object { s, key in
                    switch key {
                    case "utterances" where parsed.turns.isEmpty:
                        // AssemblyAI: milliseconds.
                        parsed.service = "AssemblyAI"
                        try utterances(&s, into: &parsed, scale: 1 / 1000)
                    case "words" where assemblyWords.isEmpty:
                        assemblyWords = try wordList(&s, scale: 1 / 1000)
                    case "word_segments" where parsed.turns.isEmpty && parsed.words.isEmpty:
                        // WhisperX's words (`word`, `start`, `end` in seconds, `speaker`).
                        parsed.service = "WhisperX"
                        parsed.words = try wordList(&s)
                    case "monologues" where parsed.turns.isEmpty && parsed.words.isEmpty:
                        parsed.service = "Rev.ai"
                        try monologues(&s, into: &parsed)
                    case "results" where parsed.turns.isEmpty && parsed.words.isEmpty:
                        try results(&s, into: &parsed)
                    default: try s.skip()
                    }
                }
            }
        } catch let e as JSONScanner.Failure { throw CueDocumentReader.Failure.badJSON(e.description) }
        if parsed.turns.isEmpty && parsed.words.isEmpty && !assemblyWords.isEmpty {
            parsed.words = assemblyWords
            parsed.service = "AssemblyAI"
        }
        let turns = merge(parsed.turns.isEmpty ? sentences(parsed.words) : parsed.turns)
        guard !turns.isEmpty else {
            throw LoadProblem(path: path, message: "a speech-to-text result (\(parsed.service.isEmpty ? "JSON" : parsed.service)) without utterances, paragraphs or timed words: nothing to read")
        }
        var doc = Document(path: path, format: .speechJSON, kind: .transcript, sourceBytes: bytes.count)
        if parsed.skipped > 0 { doc.warnings.append("skipped \(parsed.skipped) \(parsed.service) utterance(s) or word(s) without text or start time") }
        var pool = CueGrouping.TextPool(capacity: bytes.count / 8)
        var items: [CueGrouping.Item] = []
        var cues: [Cue] = []
        items.reserveCapacity(turns.count)
        for (k, t) in turns.enumerated() {
            let text = TextTools.clean(t.text)
            let speaker = t.speaker.map { TextTools.clean($0) }.flatMap { $0.isEmpty ? nil : $0 }
            items.append(.init(start: t.start, end: t.end, text: pool.add(text), speaker: pool.speaker(speaker), byteRange: 0..<0))
            if keepCues { cues.append(Cue(id: String(k + 1), start: t.start, end: t.end, text: text, speaker: speaker)) }
        }
        if keepCues { doc.cues = cues }
        CueDocumentReader.finish(&doc, items: items, pool: pool, chapters: chapters)
        return doc
    }

    // MARK: - The services' shapes

    /// A time in seconds: a number (times `scale`) or a string of one (Amazon's); nil when
    /// absent, negative or not finite.
    static func time(_ s: inout JSONScanner, scale: Double = 1) throws -> Double? {
        let v: Double?
        switch try s.kind() {
        case .number: v = try s.number() * scale
        case .string: v = Double(try s.string().trimmingCharacters(in: .whitespaces)).map { $0 * scale }
        default: try s.skip(); v = nil
        }
        guard let v, v.isFinite, v >= 0 else { return nil }
        return v
    }

    /// A speaker as the services number them: `0` or `"0"` (Deepgram, Rev.ai), `"A"`
    /// (AssemblyAI), `"spk_0"` (Amazon) read as "Speaker 0", "Speaker A"; a name stays a name.
    static func speaker(_ s: inout JSONScanner) throws -> String? {
        switch try s.kind() {
        case .number:
            let n = try s.number()
            guard n.isFinite, n >= 0, n < 1_000_000 else { return nil }
            return "Speaker \(Int(n))"
        case .string:
            let raw = try s.string().trimmingCharacters(in: .whitespaces)
            if raw.hasPrefix("spk_"), raw.count > 4, raw.dropFirst(4).allSatisfy({ $0.isASCII && $0.isNumber }) { return "Speaker " + raw.dropFirst(4) }
            if !raw.isEmpty, raw.count <= 2, raw.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) { return "Speaker " + raw }
            return raw.isEmpty ? nil : CueGrouping.numberedSpeaker(raw)
        default:
            try s.skip()
            return nil
        }
    }

    /// `[{"speaker","start","end","text"|"transcript"}]` (AssemblyAI, Deepgram's utterances and
    /// its paragraphs' sentences), or with Amazon's names (`speaker_label`, `start_time`,
    /// `end_time`, `transcript`: its `audio_segments`).
    static func utterances(_ s: inout JSONScanner, into parsed: inout Parsed, scale: Double = 1, amazon: Bool = false) throws {
        guard try s.kind() == .array else { try s.skip(); return }
        try s.array { s in
            guard try s.kind() == .object else { try s.skip(); parsed.skipped += 1; return }
            var start: Double?, end: Double?, who: String?, text: String?, channel = 0
            try s.object { s, key in
                switch key {
                case "channel", "channel_label": channel = try channelNumber(&s)
                case amazon ? "start_time" : "start": start = try time(&s, scale: scale)
                case amazon ? "end_time" : "end": end = try time(&s, scale: scale)
                case amazon ? "speaker_label" : "speaker": who = try speaker(&s)
                case "transcript": text = try s.stringIfAny()
                case "text" where !amazon: text = try s.stringIfAny()
                default: try s.skip()
                }
            }
            guard let start, let text, !TextTools.isBlank(Substring(text)) else { parsed.skipped += 1; return }
            parsed.turns.append(Turn(start: start, end: max(start, end ?? start), speaker: who, text: text, channel: channel))
        }
    }

    /// A channel's number: `1`, `"1"` or Amazon's `"ch_1"` (0 when it is not one).
    static func channelNumber(_ s: inout JSONScanner) throws -> Int {
        switch try s.kind() {
        case .number:
            let n = try s.number()
            return n.isFinite && n >= 0 && n < 1_000 ? Int(n) : 0
        case .string:
            var raw = Substring(try s.string().trimmingCharacters(in: .whitespaces))
            if raw.hasPrefix("ch_") { raw = raw.dropFirst(3) }
            return Int(raw).map { (0..<1_000).contains($0) ? $0 : 0 } ?? 0
        default:
            try s.skip()
            return 0
        }
    }

    /// The turns of several channels as one transcript, in order of time (among turns that
    /// start together, by channel, then as read): each turn's speaker is its channel, with the
    /// speaker the service told apart within it when it told more than one there. The turns of
    /// one channel are left as they are.
    static func merge(_ turns: [Turn]) -> [Turn] {
        guard Set(turns.map(\.channel)).count > 1 else { return turns }
        var voices: [Int: Set<String>] = [:]
        for t in turns { if let who = t.speaker { voices[t.channel, default: []].insert(who) } }
        return turns.enumerated().sorted { ($0.element.start, $0.element.channel, $0.offset) < ($1.element.start, $1.element.channel, $1.offset) }
            .map { _, t in
                var t = t
                t.speaker = "Channel \(t.channel)" + ((voices[t.channel]?.count ?? 0) > 1 ? t.speaker.map { ", " + $0 } ?? "" : "")
                return t
            }
    }

    /// A list of timed words: AssemblyAI's (`text`, milliseconds), WhisperX's (`word`) and Deepgram's (`word`, or
    /// `punctuated_word` when it has one; seconds), each with its `speaker`.
    static func wordList(_ s: inout JSONScanner, scale: Double = 1) throws -> [Word] {
        guard try s.kind() == .array else { try s.skip(); return [] }
        var words: [Word] = []
        try s.array { s in
            guard try s.kind() == .object else { try s.skip(); return }
            var text: String?, punctuated: String?, start: Double?, end: Double?, who: String?
            try s.object { s, key in
                switch key {
                case "text", "word": text = try s.stringIfAny()
                case "punctuated_word": punctuated = try s.stringIfAny()
                case "start": start = try time(&s, scale: scale)
                case "end": end = try time(&s, scale: scale)
                case "speaker": who = try speaker(&s)
                default: try s.skip()
                }
            }
            guard let text = punctuated ?? text else { return }
            words.append(Word(text: text, start: start, end: end, speaker: who, punctuation: false))
        }
        return words
    }

    /// Rev.ai: `[{"speaker","speaker_name","elements":[{"type":"text","value","ts","end_ts"},
    /// {"type":"punct","value":". "}]}]`.
    static func monologues(_ s: inout JSONScanner, into parsed: inout Parsed) throws {
        guard try s.kind() == .array else { try s.skip(); return }
        try s.array { s in
            guard try s.kind() == .object else { try s.skip(); return }
            var number: String?, name: String?
            var words: [Word] = []
            try s.object { s, key in
                switch key {
                case "speaker": number = try speaker(&s)
                case "speaker_name": name = try s.stringIfAny()
                case "elements":
                    guard try s.kind() == .array else { try s.skip(); return }
                    try s.array { s in
                        guard try s.kind() == .object else { try s.skip(); return }
                        var type: String?, value: String?, start: Double?, end: Double?
                        try s.object { s, key in
                            switch key {
                            case "type": type = try s.stringIfAny()
                            case "value": value = try s.stringIfAny()
                            case "ts": start = try time(&s)
                            case "end_ts": end = try time(&s)
                            default: try s.skip()
                            }
                        }
                        // (`unknown` elements are tags, `<inaudible>`, `<laugh>`: not words.)
                        guard let value, type != "unknown" else { return }
                        words.append(Word(text: value, start: start, end: end, speaker: nil, punctuation: type != "text"))
                    }
                default: try s.skip()
                }
            }
            let who = name.flatMap { TextTools.isBlank(Substring($0)) ? nil : $0 } ?? number
            parsed.words += words.map { var w = $0; w.speaker = who; return w }
        }
    }

    /// Deepgram's and Amazon's `results`.
    static func results(_ s: inout JSONScanner, into parsed: inout Parsed) throws {
        guard try s.kind() == .object else { try s.skip(); return }
        var fallback = Parsed()
        var channelWords: [Word] = []
        try s.object { s, key in
            switch key {
            case "utterances" where parsed.turns.isEmpty:
                parsed.service = "Deepgram"
                try utterances(&s, into: &parsed, scale: 1)
            case "audio_segments" where parsed.turns.isEmpty:
                // Amazon: `transcript`, `start_time`, `end_time`, `speaker_label`.
                parsed.service = "Amazon Transcribe"
                try utterances(&s, into: &parsed, amazon: true)
            case "items" where fallback.words.isEmpty:
                // Amazon's words: `pronunciation` with times, `punctuation` without.
                fallback.service = "Amazon Transcribe"
                fallback.words = try amazonItems(&s)
            case "channel_labels":
                // Amazon's channel identification: `channels[]` of `channel_label` and `items`
                // (the same words as `items`, by channel: read when there are no `items`).
                guard try s.kind() == .object else { try s.skip(); return }
                var words: [Word] = []
                try s.object { s, key in
                    guard key == "channels", try s.kind() == .array else { try s.skip(); return }
                    try s.array { s in
                        guard try s.kind() == .object else { try s.skip(); return }
                        var label = 0, these: [Word] = []
                        try s.object { s, key in
                            switch key {
                            case "channel_label": label = try channelNumber(&s)
                            case "items": these = try amazonItems(&s)
                            default: try s.skip()
                            }
                        }
                        // (An item names its channel; a list of them without, its channel's.)
                        words += these.map { var w = $0; if w.channel == 0 { w.channel = label }; return w }
                    }
                }
                channelWords = words
            case "channels":
                // Deepgram without utterances: each channel's first alternative.
                fallback.service = "Deepgram"
                guard try s.kind() == .array else { try s.skip(); return }
                var number = 0
                try s.array { s in
                    var channel = Parsed()
                    try deepgramChannel(&s, into: &channel)
                    let turns = channel.turns.isEmpty ? sentences(channel.words) : channel.turns
                    fallback.turns += turns.map { var t = $0; t.channel = number; return t }
                    fallback.skipped += channel.skipped
                    number += 1
                }
            default: try s.skip()
            }
        }
        if fallback.words.isEmpty && fallback.turns.isEmpty && !channelWords.isEmpty {
            fallback.service = "Amazon Transcribe"
            fallback.words = channelWords
        } else if !channelWords.isEmpty, !fallback.words.isEmpty, Set(fallback.words.map(\.channel)).count == 1 {
            // `items` that do not say their channel: the channel lists do (each channel's words
            // are read into sentences apart, so their order across channels does not matter).
            fallback.words = channelWords
        }
        if parsed.turns.isEmpty {
            parsed.turns = fallback.turns
            parsed.words = fallback.words
            parsed.service = fallback.service
            parsed.skipped += fallback.skipped
        }
    }

    /// Amazon's `items`: `[{"type": "pronunciation"|"punctuation", "start_time", "end_time",
    /// "speaker_label", "channel_label", "alternatives": [{"content"}]}]`.
    static func amazonItems(_ s: inout JSONScanner) throws -> [Word] {
        guard try s.kind() == .array else { try s.skip(); return [] }
        var words: [Word] = []
        try s.array { s in
            guard try s.kind() == .object else { try s.skip(); return }
            var type: String?, start: Double?, end: Double?, who: String?, content: String?, channel = 0
            try s.object { s, key in
                switch key {
                case "type": type = try s.stringIfAny()
                case "start_time": start = try time(&s)
                case "end_time": end = try time(&s)
                case "speaker_label": who = try speaker(&s)
                case "channel_label": channel = try channelNumber(&s)
                case "alternatives":
                    guard try s.kind() == .array else { try s.skip(); return }
                    try s.array { s in
                        guard content == nil, try s.kind() == .object else { try s.skip(); return }
                        try s.object { s, key in
                            if key == "content" { content = try s.stringIfAny() } else { try s.skip() }
                        }
                    }
                default: try s.skip()
                }
            }
            guard let content else { return }
            words.append(Word(text: content, start: start, end: end, speaker: who, punctuation: type == "punctuation", channel: channel))
        }
        return words
    }

    /// A Deepgram channel: `alternatives[0]`, its `paragraphs.paragraphs[].sentences[]` (with the
    /// paragraph's `speaker`) or else its `words` (`punctuated_word` when it has one).
    static func deepgramChannel(_ s: inout JSONScanner, into parsed: inout Parsed) throws {
        guard try s.kind() == .object else { try s.skip(); return }
        try s.object { s, key in
            guard key == "alternatives", try s.kind() == .array else { try s.skip(); return }
            var first = true
            try s.array { s in
                guard first, try s.kind() == .object else { try s.skip(); return }
                first = false
                var words: [Word] = []
                var sentences: [Turn] = []
                try s.object { s, key in
                    switch key {
                    case "words":
                        words = try wordList(&s)
                    case "paragraphs":
                        guard try s.kind() == .object else { try s.skip(); return }
                        try s.object { s, key in
                            guard key == "paragraphs", try s.kind() == .array else { try s.skip(); return }
                            try s.array { s in
                                guard try s.kind() == .object else { try s.skip(); return }
                                var who: String?
                                var these: [Turn] = []
                                try s.object { s, key in
                                    switch key {
                                    case "speaker": who = try speaker(&s)
                                    case "sentences":
                                        var sentences = Parsed()
                                        try utterances(&s, into: &sentences)
                                        these += sentences.turns
                                        parsed.skipped += sentences.skipped
                                    default: try s.skip()
                                    }
                                }
                                sentences += these.map { var t = $0; t.speaker = who; return t }
                            }
                        }
                    default: try s.skip()
                    }
                }
                if !sentences.isEmpty { parsed.turns = sentences } else { parsed.words = words }
            }
        }
    }

    /// A word list read a sentence a turn: a sentence ends after `.`, `?` or `!`, where the
    /// speaker changes, or after sixty words; it runs from its first timed word to its last.
    /// The words of several channels make sentences each apart (theirs interleave).
    static func sentences(_ words: [Word]) -> [Turn] {
        let channels = Set(words.map(\.channel))
        if channels.count > 1 { return channels.sorted().flatMap { c in sentences(words.filter { $0.channel == c }) } }
        let channel = words.first?.channel ?? 0
        var out: [Turn] = []
        var text = "", start: Double?, end: Double?, speaker: String?, count = 0
        func flush() {
            if let s = start, !TextTools.isBlank(Substring(text)) {
                out.append(Turn(start: s, end: max(s, end ?? s), speaker: speaker, text: text, channel: channel))
            }
            text = ""; start = nil; end = nil; count = 0
        }
        for w in words {
            let piece = w.text.trimmingCharacters(in: .whitespaces)
            if w.punctuation {
                guard !piece.isEmpty else { continue }
                text += piece
            } else {
                guard !piece.isEmpty else { continue }
                if count > 0 && w.speaker != speaker { flush() }
                if count == 0 { speaker = w.speaker }
                if !text.isEmpty { text += " " }
                text += piece
                count += 1
                if let t = w.start, start == nil { start = t }
                if let t = w.end ?? w.start { end = t }
            }
            if let last = piece.last, ".?!".contains(last) || count >= 60 { flush() }
        }
        flush()
        return out
    }
}
