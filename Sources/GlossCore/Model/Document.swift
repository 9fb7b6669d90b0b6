import Foundation

/// Whether a document is a primary source (an interview transcript) or something written about one.
public enum DocumentKind: String, Sendable, Codable {
    case transcript
    case article
}

/// The source format a reader recognised.
public enum DocumentFormat: String, Sendable, Codable, CaseIterable {
    case newsletter
    case article
    case html
    case webvtt
    case srt
    case podcastJSON = "podcast-json"
    /// Whisper's JSON (openai-whisper and WhisperX `segments`, whisper.cpp `transcription`),
    /// read by the Podcasting 2.0 reader.
    case whisperJSON = "whisper-json"
    /// YouTube's transcripts as JSON (youtube-transcript-api's list, json3), read by the same reader.
    case youtubeJSON = "youtube-json"
    /// The JSON of a speech-to-text service (AssemblyAI, Deepgram, Rev.ai, Amazon Transcribe).
    case speechJSON = "speech-json"
    case podcastHTML = "podcast-html"
    case chaptersJSON = "chapters-json"
    /// TTML / DFXP (broadcast and streaming captions, Apple Podcasts' transcripts).
    case ttml
    /// YouTube's timed text as XML: `<transcript><text start dur>` (srv1) and
    /// `<timedtext><body><p t d>` (srv3), read by the TTML reader.
    case youtubeXML = "youtube-xml"
    /// SubStation Alpha subtitles, `.ssa` and `.ass`.
    case ssa
    case markdown
    case timedText = "timed-text"
    /// Caption text without timings (a transcript as blocks or a segment a line), told apart
    /// by the article reader; never sniffed as such.
    case captionText = "caption-text"
    /// A transcript as plain text with speaker labels (`JANE DOE: …`) and no timings, told apart
    /// by the article reader too.
    case speakerText = "speaker-text"
}

/// Descriptive fields of a document; any may be unknown.
public struct Metadata: Sendable, Equatable {
    public var title: String?
    public var author: String?
    public var publication: String?
    public var date: String?
    public var sourceURL: String?
    /// Duration in seconds when the source states it (or the last cue ends).
    public var duration: Double?
    /// People who speak in the document, when known (from metadata, title or speaker labels).
    public var participants: [String] = []
    /// Any other `key: value` metadata the source carried, in source order.
    public var extra: [(key: String, value: String)] = []

    public init() {}

    public static func == (a: Metadata, b: Metadata) -> Bool {
        a.title == b.title && a.author == b.author && a.publication == b.publication && a.date == b.date
            && a.sourceURL == b.sourceURL && a.duration == b.duration && a.participants == b.participants
            && a.extra.map(\.key) == b.extra.map(\.key) && a.extra.map(\.value) == b.extra.map(\.value)
    }
}

/// What a section is: a timed chapter, a summary block, an article heading, or a fixed time window.
public enum SectionKind: String, Sendable, Codable {
    case chapter
    case summary
    case heading
    case window
}

/// An ordered part of a document; chapters carry a start time and may be absent from the text.
public struct Section: Sendable, Equatable {
    public var kind: SectionKind
    public var title: String
    /// Start in seconds, for timed sections.
    public var start: Double?
    /// False when the chapter is listed but the transcript does not contain it.
    public var present: Bool
    /// The paragraphs of this section, as indices into `Document.paragraphs`.
    public var paragraphs: Range<Int>
    /// A publisher's teaser (a newsletter's episode description): a summary, but not part of the
    /// brief proper.
    public var isTeaser = false

    public init(kind: SectionKind, title: String, start: Double? = nil, present: Bool = true, paragraphs: Range<Int> = 0..<0) {
        self.kind = kind
        self.title = title
        self.start = start
        self.present = present
        self.paragraphs = paragraphs
    }
}

/// A block of reading text.
public struct Paragraph: Sendable, Equatable {
    public enum Style: String, Sendable, Codable {
        case text, bullet, quote
    }
    public var text: String
    public var speaker: String?
    /// Start time in seconds; exact for cue formats and stamped turns, otherwise estimated.
    public var time: Double?
    public var estimated: Bool
    /// Byte range of the paragraph in the decoded UTF-8 source.
    public var byteRange: Range<Int>
    /// Index of the section this paragraph belongs to.
    public var section: Int
    public var style: Style
    /// For paragraphs made of cues: where each cue's text starts (UTF-8 offset into `text`) and
    /// its start time, so a phrase can be timed to its cue without keeping the cues.
    public var marks: [TimeMark] = []

    public init(text: String, speaker: String? = nil, time: Double? = nil, estimated: Bool = false,
                byteRange: Range<Int>, section: Int = 0, style: Style = .text) {
        self.text = text
        self.speaker = speaker
        self.time = time
        self.estimated = estimated
        self.byteRange = byteRange
        self.section = section
        self.style = style
    }
}

extension Paragraph {
    /// In captions, the time of the caption the text at UTF-8 `offset` is in, when that is later
    /// than the paragraph's own time (a turn of captions can run for minutes); else nil.
    public func timeSaid(at offset: Int) -> Double? {
        guard !marks.isEmpty, let start = time, let said = TimeMark.time(at: offset, in: marks), said > start else { return nil }
        return said
    }
}

/// A cue boundary inside a paragraph: byte offset into the paragraph text and start time.
public struct TimeMark: Sendable, Equatable {
    public var offset: UInt32
    public var time: Float
    public init(offset: UInt32, time: Float) {
        self.offset = offset
        self.time = time
    }

    /// The time at a byte offset of a paragraph: the last mark at or before it.
    public static func time(at offset: Int, in marks: [TimeMark]) -> Double? {
        var lo = 0, hi = marks.count - 1
        guard hi >= 0, Int(marks[0].offset) <= offset else { return marks.first.map { seconds($0.time) } }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Int(marks[mid].offset) <= offset { lo = mid } else { hi = mid - 1 }
        }
        return seconds(marks[lo].time)
    }

    /// Where in a paragraph's text what was said at `t` starts: the offset of the last mark (in
    /// the paragraph's order) whose time is at or before `t`; nil before the first.
    public static func offset(at t: Double, in marks: [TimeMark]) -> Int? {
        guard let last = marks.last(where: { seconds($0.time) <= t }) else { return nil }
        return Int(last.offset)
    }

    /// Stored as Float; read back to the millisecond, as cue times are written.
    static func seconds(_ t: Float) -> Double { (Double(t) * 1000).rounded() / 1000 }
}

/// One timed cue of a WebVTT/SRT file, as parsed.
public struct Cue: Sendable, Equatable {
    public var id: String
    public var start: Double
    public var end: Double
    /// The cue payload exactly as the WebVTT parser collects it (tags kept).
    public var text: String
    /// Cue settings; most cues have none, so they are boxed only when set, which keeps cues small
    /// (parsing copies them around).
    public var settings: CueSettings {
        get { settingsBox?.value ?? CueSettings() }
        set { settingsBox = newValue == CueSettings() ? nil : SettingsBox(newValue) }
    }
    private var settingsBox: SettingsBox?
    public var speaker: String?
    /// Byte range of the cue block in the decoded source.
    public var byteRange: Range<Int>
    /// - Parameter settings: nil for the defaults (the common case, which is then not compared
    ///   against the defaults).
    public init(id: String, start: Double, end: Double, text: String, settings: CueSettings? = nil,
                speaker: String? = nil, byteRange: Range<Int> = 0..<0) {
        self.byteRange = byteRange
        self.id = id
        self.start = start
        self.end = end
        self.text = text
        self.speaker = speaker
        if let settings { self.settings = settings }
    }

    public static func == (a: Cue, b: Cue) -> Bool {
        a.id == b.id && a.start == b.start && a.end == b.end && a.text == b.text && a.settings == b.settings
            && a.speaker == b.speaker && a.byteRange == b.byteRange
    }

    private final class SettingsBox: Sendable {
        let value: CueSettings
        init(_ value: CueSettings) { self.value = value }
    }
}

/// A document of the corpus: metadata, sections and paragraphs, plus the cues for cue formats.
public struct Document: Sendable {
    public var path: String
    public var format: DocumentFormat
    public var kind: DocumentKind
    public var metadata: Metadata
    public var sections: [Section]
    public var paragraphs: [Paragraph]
    public var cues: [Cue]?
    public var regions: [VTTRegion]?
    /// Recoverable problems met while reading (bad cues skipped, encoding guessed...).
    public var warnings: [String]
    /// Byte length of the source.
    public var sourceBytes: Int

    public init(path: String, format: DocumentFormat, kind: DocumentKind, metadata: Metadata = Metadata(),
                sections: [Section] = [], paragraphs: [Paragraph] = [], cues: [Cue]? = nil,
                warnings: [String] = [], sourceBytes: Int = 0) {
        self.path = path
        self.format = format
        self.kind = kind
        self.metadata = metadata
        self.sections = sections
        self.paragraphs = paragraphs
        self.cues = cues
        self.warnings = warnings
        self.sourceBytes = sourceBytes
    }

    /// The best display title: metadata title, else one made of the file name.
    public var title: String {
        if let t = metadata.title, !t.isEmpty { return t }
        return Document.title(fromFileName: path)
    }

    /// A title made of a file name: without its extension and the bracketed tags downloaders
    /// add ("[English (United States)] … [DownSub.com]"), with the " | " and ": " that file names
    /// cannot hold given back where they became " _ " and "_ " (`Andrej Karpathy_ Tesla AI … _
    /// Lex Fridman Podcast #333` → `Andrej Karpathy: Tesla AI … | Lex Fridman Podcast #333`).
    public static func title(fromFileName path: String) -> String {
        let name = (path as NSString).lastPathComponent
        // (An extension is short and has no spaces: "Mr. Smith talk" keeps its words.)
        let ext = (name as NSString).pathExtension
        let stem = !ext.isEmpty && ext.count <= 5 && ext.allSatisfy({ $0.isLetter || $0.isNumber })
            ? (name as NSString).deletingPathExtension : name
        var t = Substring(stem)
        func trim() { t = t.drop { $0 == " " }; while t.last == " " { t = t.dropLast() } }
        trim()
        while t.first == "[", let close = t.firstIndex(of: "]"), close < t.index(before: t.endIndex) {
            t = t[t.index(after: close)...]
            trim()
        }
        while t.last == "]", let open = t.lastIndex(of: "["), open > t.startIndex {
            t = t[..<open]
            trim()
        }
        // Tags and nothing else: the name as it is.
        if t.first == "[" && t.last == "]" { t = Substring(stem) }
        let out = String(t).replacingOccurrences(of: " _ ", with: " | ").replacingOccurrences(of: "_ ", with: ": ")
        return out.isEmpty ? name : out
    }

    /// Sections a reader moves through (chapters, headings, windows), without summary blocks.
    public var readingSections: [Int] {
        sections.indices.filter { sections[$0].kind != .summary }
    }

    /// Summary blocks (Brief, Why it matters, Key details...).
    public var summarySections: [Int] {
        sections.indices.filter { sections[$0].kind == .summary }
    }
}
