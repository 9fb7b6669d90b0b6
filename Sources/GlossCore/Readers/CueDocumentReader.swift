import Foundation

/// Builds documents from cue formats: WebVTT, SubRip and Podcasting 2.0 JSON transcripts, and
/// reads Podcasting 2.0 chapters files.
public enum CueDocumentReader {
    public enum Failure: Error, CustomStringConvertible {
        case notWebVTT
        case noCues(String)
        case badJSON(String)
        public var description: String {
            switch self {
            case .notWebVTT: return "not a WebVTT file (no WEBVTT signature)"
            case .noCues(let what): return "no \(what) cues found"
            case .badJSON(let why): return "invalid JSON: \(why)"
            }
        }
    }

    public static func webvtt(_ bytes: [UInt8], path: String, chapters: [Chapter]?, keepCues: Bool = true) throws -> Document {
        var file: WebVTTParser.RawFile
        do { file = try WebVTTParser.parseRaw(bytes) } catch { throw Failure.notWebVTT }
        var doc = Document(path: path, format: .webvtt, kind: .transcript, sourceBytes: bytes.count)
        // Not one cue's timings in the spec's form, but every one in a form players read
        // (`00:01:39`, `00:01:41.04`, as some tools write them): read so rather than show
        // nothing. (A file with garbage among its timings keeps the spec's reading.)
        if file.cues.isEmpty && file.skippedCues > 0, let loose = try? WebVTTParser.parseRaw(bytes, lenient: true),
           !loose.cues.isEmpty, loose.skippedCues == 0 {
            doc.warnings.append("no cue's timings are in WebVTT's form (00:01:02.345): read as a player would")
            file = loose
        }
        doc.regions = file.regions
        if file.skippedCues > 0 { doc.warnings.append("skipped \(file.skippedCues) cue(s) with unreadable timings") }
        var items: [CueGrouping.Item] = []
        items.reserveCapacity(file.cues.count)
        var pool = CueGrouping.TextPool(capacity: file.input.count / 2)
        var cues: [Cue] = []
        if keepCues { cues.reserveCapacity(file.cues.count) }
        var carried: String?
        file.input.withUnsafeBufferPointer { input in
            // Cue text is read from the input bytes; a String is made only for cues with tags or
            // entities to parse, or with a colon early enough to end a speaker label.
            for (i, cue) in file.cues.enumerated() {
                let raw = UnsafeBufferPointer(rebasing: input[cue.text])
                var speaker: String?
                var text: Range<Int32>
                if TextTools.firstIndex(of: 0x3C, in: raw) != nil || TextTools.firstIndex(of: 0x26, in: raw) != nil {
                    let nodes = WebVTTCueText.parse(String(decoding: raw, as: UTF8.self))
                    var plain = WebVTTCueText.plainText(nodes)
                    speaker = WebVTTCueText.firstVoice(nodes)
                    if speaker == nil {
                        let (label, rest) = CueGrouping.splitSpeakerLabel(plain)
                        if let label { speaker = label; plain = rest; carried = label } else { speaker = carried }
                    }
                    text = pool.add(plain)
                } else if TextTools.firstIndex(of: 0x3A, in: raw, to: min(40, raw.count)) != nil {
                    let (label, rest) = CueGrouping.splitSpeakerLabel(String(decoding: raw, as: UTF8.self))
                    if let label { speaker = label; carried = label } else { speaker = carried }
                    text = label == nil ? pool.add(raw) : pool.add(rest)
                } else {
                    // No tags, no entities, no label: the payload is the text.
                    speaker = carried
                    text = pool.add(raw)
                }
                let range = file.originalRange(cue.block)
                items.append(.init(start: cue.start, end: cue.end, text: text, speaker: pool.speaker(speaker), byteRange: range))
                if keepCues {
                    var c = file.cue(i)
                    c.speaker = speaker
                    cues.append(c)
                }
            }
        }
        if keepCues { doc.cues = cues }
        dropRollingRepeats(&doc, &items, pool: pool)
        finish(&doc, items: items, pool: pool, chapters: chapters)
        // Text after the signature on the first line is the file's title ("WEBVTT - Title").
        let firstLine = file.header.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
        let title = firstLine.dropFirst(6).trimmingCharacters(in: CharacterSet(charactersIn: " \t-–—:"))
        if !title.isEmpty { doc.metadata.title = TextTools.clean(title) }
        return doc
    }

    public static func srt(_ bytes: [UInt8], path: String, chapters: [Chapter]?, keepCues: Bool = true) throws -> Document {
        let file = SRTParser.parseRaw(bytes)
        guard !file.cues.isEmpty else { throw Failure.noCues("SubRip") }
        var doc = Document(path: path, format: .srt, kind: .transcript, sourceBytes: bytes.count)
        if file.malformedTimings > 0 { doc.warnings.append("skipped \(file.malformedTimings) cue(s) with unreadable timings") }
        var items: [CueGrouping.Item] = []
        items.reserveCapacity(file.cues.count)
        var pool = CueGrouping.TextPool(capacity: bytes.count / 2)
        var cues: [Cue] = []
        if keepCues { cues.reserveCapacity(file.cues.count) }
        var carried: String?
        bytes.withUnsafeBufferPointer { u in
            for raw in file.cues {
                // Most cues have no tag (<i>, {\an8}), entity or speaker label: their text is read
                // from the file (cleaning turns its line breaks into spaces, as it would the
                // joined lines'). The rest are made Strings, as `Cue.text` joins them.
                let span = UnsafeBufferPointer(rebasing: u[file.textSpan(raw)])
                let text: Range<Int32>
                if TextTools.firstIndex(of: 0x3C, in: span) == nil && TextTools.firstIndex(of: 0x7B, in: span) == nil
                    && TextTools.firstIndex(of: 0x26, in: span) == nil
                    // A label ends with a colon in the first 40 bytes and has no line break (so
                    // the file's line ends, CRLF or not, do not move it).
                    && TextTools.firstIndex(of: 0x3A, in: span, to: min(40, span.count)) == nil {
                    text = pool.add(span)
                } else {
                    var plain = SRTParser.plainText(file.text(raw))
                    let (label, rest) = CueGrouping.splitSpeakerLabel(plain)
                    if let label { carried = label; plain = rest }
                    text = pool.add(plain)
                }
                items.append(.init(start: raw.start, end: raw.end, text: text, speaker: pool.speaker(carried), byteRange: raw.byteRange))
                if keepCues {
                    var c = file.cue(raw)
                    c.speaker = carried
                    cues.append(c)
                }
            }
        }
        if keepCues { doc.cues = cues }
        dropRollingRepeats(&doc, &items, pool: pool)
        finish(&doc, items: items, pool: pool, chapters: chapters)
        return doc
    }

    /// `{"segments":[{"speaker","startTime","endTime","body"}]}`; word-level segments merge into
    /// paragraphs through cue grouping. Whisper's JSON is read here too: `{"segments":[{"start",
    /// "end","text"}]}` (openai-whisper; WhisperX adds `speaker`) and whisper.cpp's
    /// `{"transcription":[{"offsets":{"from","to"},"text"}]}` (milliseconds), and YouTube's:
    /// `[{"text","start","duration"}]` (youtube-transcript-api) and json3 (`events`).
    public static func podcastJSON(_ bytes: [UInt8], path: String, chapters: [Chapter]?, keepCues: Bool = true) throws -> Document {
        let file = try PodcastTranscriptFile(bytes)
        guard let segments = file.segments else { throw Failure.badJSON("no \"segments\" or \"transcription\" array") }
        var cues: [Cue] = []
        var items: [CueGrouping.Item] = []
        var pool = CueGrouping.TextPool(capacity: bytes.count / 2)
        if keepCues { cues.reserveCapacity(segments.count) }
        items.reserveCapacity(segments.count)
        var skipped = 0
        bytes.withUnsafeBufferPointer { source in
            for (i, seg) in segments.enumerated() {
                guard let body = seg.body, let start = seg.startTime, start.isFinite, start >= 0 else { skipped += 1; continue }
                let end = seg.endTime.flatMap { $0.isFinite ? $0 : nil } ?? start
                let speaker = seg.speaker.map { TextTools.clean($0) }.flatMap { $0.isEmpty ? nil : $0 }
                let text: Range<Int32>
                switch body {
                case .bytes(let r):
                    let raw = UnsafeBufferPointer(rebasing: source[r])
                    text = pool.add(raw)
                    if keepCues { cues.append(Cue(id: String(i + 1), start: start, end: end, text: String(decoding: raw, as: UTF8.self), speaker: speaker)) }
                case .decoded(let s):
                    text = pool.add(s)
                    if keepCues { cues.append(Cue(id: String(i + 1), start: start, end: end, text: s, speaker: speaker)) }
                }
                items.append(.init(start: start, end: end, text: text, speaker: pool.speaker(speaker), byteRange: 0..<0))
            }
        }
        var doc = Document(path: path, format: file.format, kind: .transcript, cues: keepCues ? cues : nil, sourceBytes: bytes.count)
        if skipped > 0 { doc.warnings.append("skipped \(skipped) segment(s) without body or start time") }
        if let t = file.title { doc.metadata.title = t }
        finish(&doc, items: items, pool: pool, chapters: chapters)
        return doc
    }

    /// A Podcasting 2.0 transcript file, read leniently: fields of the wrong type read as absent,
    /// and an element of `segments` that is not an object is a segment without a body.
    struct PodcastTranscriptFile {
        var title: String?
        var segments: [Segment]?
        /// Whose shape the file has: Podcasting 2.0's, Whisper's (`start`, `end`, `text`;
        /// `offsets`) or YouTube's (a list of `text`, `start`, `duration`, as
        /// youtube-transcript-api saves it; `events` of `tStartMs`, `dDurationMs`, `segs`, json3).
        enum Dialect { case podcasting, whisper, youtube }
        var dialect = Dialect.podcasting

        struct Segment {
            var speaker: String?
            var startTime: Double?
            var endTime: Double?
            /// The body as its bytes in the file when it has no escapes (most do): no String each.
            var body: JSONScanner.StringSpan?
            /// Whether Whisper's names gave the times or the text.
            var whisper = false

            static func read(_ s: inout JSONScanner) throws -> Segment {
                var seg = Segment()
                guard try s.kind() == .object else { try s.skip(); return seg }
                // Podcasting 2.0's names win over Whisper's, whichever comes first.
                var start: Double?, end: Double?, duration: Double?, text: JSONScanner.StringSpan?
                try s.object { s, key in
                    switch key {
                    case "speaker": seg.speaker = try s.stringIfAny().map(CueGrouping.numberedSpeaker)
                    case "body": seg.body = try s.stringSpanIfAny()
                    case "startTime": seg.startTime = try time(&s)
                    case "endTime": seg.endTime = try time(&s)
                    case "start": start = try time(&s)
                    case "end": end = try time(&s)
                    case "text": text = try s.stringSpanIfAny()
                    case "duration": duration = try time(&s)
                    // YouTube's json3: milliseconds, and the text in pieces.
                    case "tStartMs": start = try s.numberIfAny().map { $0 / 1000 }
                    case "dDurationMs": duration = try s.numberIfAny().map { $0 / 1000 }
                    case "segs":
                        guard try s.kind() == .array else { try s.skip(); return }
                        var joined = ""
                        try s.array { s in
                            guard try s.kind() == .object else { try s.skip(); return }
                            try s.object { s, key in
                                if key == "utf8", let piece = try s.stringIfAny() { joined += piece } else if key != "utf8" { try s.skip() }
                            }
                        }
                        text = .decoded(joined)
                    case "offsets":
                        // whisper.cpp: milliseconds.
                        guard try s.kind() == .object else { try s.skip(); return }
                        try s.object { s, key in
                            switch key {
                            case "from": start = try s.numberIfAny().map { $0 / 1000 }
                            case "to": end = try s.numberIfAny().map { $0 / 1000 }
                            default: try s.skip()
                            }
                        }
                    default: try s.skip()
                    }
                }
                if seg.startTime == nil, let start { seg.startTime = start; seg.whisper = true }
                if seg.endTime == nil, let end { seg.endTime = end }
                if seg.endTime == nil, let s = seg.startTime, let duration { seg.endTime = s + duration }
                if seg.body == nil, let text { seg.body = text; seg.whisper = true }
                return seg
            }

            /// Seconds as a number, or as a string of a number or a timestamp.
            static func time(_ s: inout JSONScanner) throws -> Double? {
                switch try s.kind() {
                case .number: return try s.number()
                case .string: let t = try s.string(); return Double(t) ?? Timestamp.parse(t)
                default: try s.skip(); return nil
                }
            }
        }

        var format: DocumentFormat {
            switch dialect {
            case .podcasting: return .podcastJSON
            case .whisper: return .whisperJSON
            case .youtube: return .youtubeJSON
            }
        }

        init(_ bytes: [UInt8]) throws {
            do {
                try JSONScanner.read(bytes) { s in
                    if try s.kind() == .array {
                        // youtube-transcript-api: the list alone.
                        var list: [Segment] = []
                        try s.array { s in list.append(try Segment.read(&s)) }
                        segments = list
                        dialect = .youtube
                        return
                    }
                    guard try s.kind() == .object else { try s.skip(); return }
                    try s.object { s, key in
                        switch key {
                        case "title": title = try s.stringIfAny()
                        case "segments", "transcription", "events":
                            // (A file with more than one keeps the first array.)
                            guard segments == nil else { try s.skip(); return }
                            guard try s.kind() == .array else { try s.skip(); return }
                            var list: [Segment] = []
                            try s.array { s in list.append(try Segment.read(&s)) }
                            if key == "events" {
                                // Events without text place the caption window: not segments.
                                list.removeAll { $0.body == nil }
                                dialect = .youtube
                            } else if key == "transcription" || list.contains(where: { $0.whisper }) {
                                dialect = .whisper
                            }
                            segments = list
                        default: try s.skip()
                        }
                    }
                }
            } catch let e as JSONScanner.Failure { throw Failure.badJSON(e.description) }
        }
    }

    /// `{"chapters":[{"startTime","title"}]}`; chapters with `toc: false` are left out.
    public static func chapters(_ bytes: [UInt8]) throws -> [Chapter] {
        try chaptersFile(bytes).chapters
    }

    /// A chapters file: its chapters and the episode's metadata the format allows beside them.
    public struct ChaptersFile: Sendable {
        public var chapters: [Chapter]
        public var title: String?
        public var author: String?
        public var podcastName: String?

        /// Gives `metadata` the episode's title, author and podcast name where it has none.
        public func fill(_ metadata: inout Metadata) {
            if metadata.title == nil { metadata.title = title }
            if metadata.author == nil { metadata.author = author }
            if metadata.publication == nil { metadata.publication = podcastName }
        }
    }

    public static func chaptersFile(_ bytes: [UInt8]) throws -> ChaptersFile {
        var list: [Chapter]?
        var title: String?, author: String?, podcastName: String?
        do {
            try JSONScanner.read(bytes) { s in
                guard try s.kind() == .object else { try s.skip(); return }
                try s.object { s, key in
                    switch key {
                    case "title": title = try s.stringIfAny(); return
                    case "author": author = try s.stringIfAny(); return
                    case "podcastName": podcastName = try s.stringIfAny(); return
                    default: break
                    }
                    guard key == "chapters", try s.kind() == .array else { try s.skip(); return }
                    var out: [Chapter] = []
                    try s.array { s in
                        guard try s.kind() == .object else { try s.skip(); return }
                        var start: Double?, title: String?, toc = true
                        try s.object { s, key in
                            switch key {
                            case "startTime": start = try PodcastTranscriptFile.Segment.time(&s)
                            case "title": title = try s.stringIfAny()
                            case "toc": toc = try s.boolIfAny() ?? true
                            default: try s.skip()
                            }
                        }
                        guard let start, start.isFinite, start >= 0, toc else { return }
                        let clean = title.map { TextTools.clean($0) } ?? ""
                        out.append(Chapter(start: start, title: clean.isEmpty ? "Chapter" : clean))
                    }
                    list = out
                }
            }
        } catch let e as JSONScanner.Failure { throw Failure.badJSON(e.description) }
        guard let list else { throw Failure.badJSON("no \"chapters\" array") }
        let clean = { (s: String?) in s.map { TextTools.clean($0) }.flatMap { $0.isEmpty ? nil : $0 } }
        return ChaptersFile(chapters: list.sorted { $0.start < $1.start },
                            title: clean(title), author: clean(author), podcastName: clean(podcastName))
    }

    /// The chapters file a JSON transcript names in its top-level `chapters` key, if any (the
    /// rest of the file is skipped over, not read into segments).
    static func chaptersFileNamed(in bytes: [UInt8]) -> String? {
        let named = try? JSONScanner.read(bytes) { s -> String? in
            guard try s.kind() == .object else { try s.skip(); return nil }
            var named: String?
            try s.object { s, key in
                if key == "chapters" { named = try s.stringIfAny() } else { try s.skip() }
            }
            return named
        }
        return named ?? nil
    }

    /// A chapters file as a document of its own: every chapter listed, none with text.
    public static func chaptersDocument(_ bytes: [UInt8], path: String) throws -> Document {
        let file = try chaptersFile(bytes)
        let list = file.chapters
        var doc = Document(path: path, format: .chaptersJSON, kind: .transcript, sourceBytes: bytes.count)
        file.fill(&doc.metadata)
        doc.sections = list.map { Section(kind: .chapter, title: $0.title, start: $0.start, present: false) }
        doc.warnings.append("a chapters file without its transcript")
        return doc
    }

    /// Captions that roll (see `CueGrouping.dropRollingRepeats`) are read once each, with a note.
    static func dropRollingRepeats(_ doc: inout Document, _ items: inout [CueGrouping.Item], pool: CueGrouping.TextPool) {
        let cut = CueGrouping.dropRollingRepeats(&items, pool: pool)
        if cut > 0 { doc.warnings.append("the captions roll (each cue repeats the line before it): read once each, \(cut) repeat(s) left out") }
    }

    static func finish(_ doc: inout Document, items: [CueGrouping.Item], pool: CueGrouping.TextPool, chapters: [Chapter]?) {
        let (sections, paragraphs) = CueGrouping.group(items, pool: pool, chapters: chapters)
        doc.sections = sections
        doc.paragraphs = paragraphs
        // The pool's speakers are in order of first appearance.
        doc.metadata.participants = pool.speakers
        var duration: Double?
        var backwards = false
        for it in items {
            let e = max(it.end, it.start)
            if e.isFinite { duration = max(duration ?? e, e) }
            if it.end < it.start { backwards = true }
        }
        doc.metadata.duration = duration
        if items.isEmpty { doc.warnings.append("no cues with text") }
        if backwards { doc.warnings.append("some cues end before they start") }
    }
}
