import Foundation

/// A chapter marker: start time and title.
public struct Chapter: Sendable, Equatable {
    public var start: Double
    public var title: String
    public init(start: Double, title: String) {
        self.start = start
        self.title = title
    }
}

/// Groups timed cues into readable paragraphs (by speaker turn, pause and length) and sections
/// (by chapters when known, otherwise fixed windows).
public enum CueGrouping {
    /// Tunables, in seconds.
    public static let pauseBreak = 2.0
    public static let minParagraph = 6.0
    public static let sentenceBreakAfter = 20.0
    public static let hardBreakAfter = 45.0
    public static let windowLength = 300.0

    /// One cue reduced to what grouping needs: plain values, its text and speaker kept in a
    /// `TextPool` (a document has tens of thousands of cues; no String each).
    struct Item {
        var start: Double
        var end: Double
        /// Cleaned text: a range of the pool's bytes.
        var text: Range<Int32>
        /// Index into the pool's speakers, or -1.
        var speaker: Int32
        var byteRange: Range<Int>
    }

    /// The cleaned cue texts of one document end to end in one byte buffer, and its speakers.
    struct TextPool {
        private(set) var bytes: [UInt8] = []
        /// Speakers in order of first appearance.
        private(set) var speakers: [String] = []
        private var speakerIndex: [String: Int32] = [:]

        init(capacity: Int) { bytes.reserveCapacity(capacity) }

        /// Appends `clean(text)` (the trimmed text itself when it is already clean).
        mutating func add(_ text: UnsafeBufferPointer<UInt8>) -> Range<Int32> {
            let from = bytes.count
            if let r = TextTools.cleanRange(text) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[r]))
            } else {
                TextTools.appendClean(text, to: &bytes)
            }
            return Int32(from)..<Int32(bytes.count)
        }

        mutating func add(_ text: String) -> Range<Int32> {
            var t = text
            return t.withUTF8 { add($0) }
        }

        /// The index of a speaker (the last one asked for is checked first: turns are long).
        mutating func speaker(_ name: String?) -> Int32 {
            guard let name else { return -1 }
            if let last = speakers.last, last == name { return Int32(speakers.count - 1) }
            if let k = speakerIndex[name] { return k }
            let k = Int32(speakers.count)
            speakers.append(name)
            speakerIndex[name] = k
            return k
        }

        func name(_ k: Int32) -> String? { k >= 0 ? speakers[Int(k)] : nil }

        /// Whether the text starts with a caption's mark of another voice: "- " or ">> " (YouTube
        /// and broadcast captions mark a change of speaker so when they do not name them).
        func startsTurn(_ r: Range<Int32>) -> Bool {
            let lo = Int(r.lowerBound), n = r.count
            if n >= 2, bytes[lo] == 0x2D, bytes[lo + 1] == 0x20 { return true }
            return n >= 3 && bytes[lo] == 0x3E && bytes[lo + 1] == 0x3E && bytes[lo + 2] == 0x20
        }

        /// Whether the text ends a sentence: . ? ! … " or ” last.
        func endsSentence(_ r: Range<Int32>) -> Bool {
            guard !r.isEmpty else { return false }
            let hi = Int(r.upperBound), lo = Int(r.lowerBound)
            switch bytes[hi - 1] {
            case 0x2E, 0x3F, 0x21, 0x22: return true
            case 0xA6, 0x9D:  // … (E2 80 A6) and ” (E2 80 9D)
                return hi - lo >= 3 && bytes[hi - 3] == 0xE2 && bytes[hi - 2] == 0x80
            default: return false
            }
        }
    }

    /// Builds sections and paragraphs. Items are sorted by start time first (stable).
    static func group(_ rawItems: [Item], pool: TextPool, chapters: [Chapter]?) -> (sections: [Section], paragraphs: [Paragraph]) {
        // Items are read in place; they are copied only when they must be re-sorted.
        var sortedItems: [Item]?
        if !rawItems.indices.dropFirst().allSatisfy({ rawItems[$0 - 1].start <= rawItems[$0].start }) {
            sortedItems = rawItems.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }.map(\.element)
        }
        let items = sortedItems ?? rawItems
        let lastItem = items.last { !$0.text.isEmpty }
        let lastTime = max(lastItem?.end ?? 0, lastItem?.start ?? 0)
        // Section boundaries.
        var sections: [Section] = []
        if let chapters, !chapters.isEmpty {
            let sorted = chapters.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }.map(\.element)
            for c in sorted { sections.append(Section(kind: .chapter, title: c.title, start: c.start, present: false)) }
            if sections[0].start! > 0, let first = items.first(where: { !$0.text.isEmpty }), first.start < sections[0].start! {
                sections.insert(Section(kind: .chapter, title: "Opening", start: 0, present: false), at: 0)
            }
        } else {
            let count = max(1, Int((min(lastTime, 1e7) / windowLength).rounded(.down)) + 1)
            for w in 0..<count {
                let s = Double(w) * windowLength
                sections.append(Section(kind: .window, title: "\(Timestamp.format(s))–\(Timestamp.format(s + windowLength))", start: s, present: false))
            }
        }
        let starts = sections.map { $0.start ?? 0 }
        func sectionFor(_ t: Double) -> Int {
            var lo = 0, hi = starts.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if starts[mid] <= t { lo = mid } else { hi = mid - 1 }
            }
            return lo
        }
        var paragraphs: [Paragraph] = []
        // The paragraph being built, as plain locals: its text grows in one byte buffer, cue by
        // cue, and becomes a String once.
        var open = false
        var text: [UInt8] = [], speaker: Int32 = -1, section = 0, range = 0..<0, marks: [TimeMark] = []
        var currentStart = 0.0
        var lastEnd = 0.0
        var lastText: Range<Int32> = 0..<0
        // Marks are collected in one scratch array and copied out at the paragraph's close (one
        // allocation of the right size each, not a growing array per paragraph).
        marks.reserveCapacity(64)
        func close() {
            var p = Paragraph(text: String(decoding: text, as: UTF8.self), speaker: pool.name(speaker), time: currentStart, estimated: false,
                              byteRange: range, section: section)
            // A copy of the right size: `Array(marks)` would share the scratch buffer and its capacity.
            p.marks = Array(unsafeUninitializedCapacity: marks.count) { out, n in
                n = marks.withUnsafeBufferPointer { out.initialize(fromContentsOf: $0) }
            }
            paragraphs.append(p)
        }
        let poolBytes = pool.bytes
        for item in items where !item.text.isEmpty {
            let sec = sectionFor(item.start)
            if open {
                let duration = item.start - currentStart
                let pause = item.start - lastEnd
                let speakerChange = (item.speaker >= 0 && item.speaker != speaker) || pool.startsTurn(item.text)
                // A chapter starts a paragraph; a window (five minutes, where nothing is known
                // of the chapters) does not cut one in the middle of a sentence: the paragraph
                // stays in the window it began in.
                let newParagraph = speakerChange || (sec != section && sections[sec].kind != .window)
                    || (pause >= pauseBreak && duration >= minParagraph)
                    || (duration >= sentenceBreakAfter && pool.endsSentence(lastText))
                    || duration >= hardBreakAfter
                if newParagraph {
                    close()
                    open = false
                } else {
                    if !text.isEmpty { text.append(0x20) }
                    marks.append(TimeMark(offset: UInt32(text.count), time: Float(item.start)))
                    text.append(contentsOf: poolBytes[Int(item.text.lowerBound)..<Int(item.text.upperBound)])
                    range = range.lowerBound..<max(range.upperBound, item.byteRange.upperBound)
                }
            }
            if !open {
                open = true
                text.removeAll(keepingCapacity: true)
                text.append(contentsOf: poolBytes[Int(item.text.lowerBound)..<Int(item.text.upperBound)])
                speaker = item.speaker
                section = sec
                range = item.byteRange
                marks.removeAll(keepingCapacity: true)
                marks.append(TimeMark(offset: 0, time: Float(item.start)))
                currentStart = item.start
            }
            lastEnd = max(item.end, item.start)
            lastText = item.text
        }
        if open { close() }
        // A window nothing is said in (a pause of more than five minutes; the one the last cue's
        // end reaches into) is no place to read: left out, but for the first, where times begin.
        removeUnused(&sections, &paragraphs) { i, s in s.kind == .window && i > 0 }
        attach(paragraphs: paragraphs, to: &sections)
        return (sections, paragraphs)
    }

    /// Leaves out the sections no paragraph is in that `droppable` (given the index and the
    /// section) lets go, renumbering the paragraphs' sections.
    static func removeUnused(_ sections: inout [Section], _ paragraphs: inout [Paragraph], droppable: (Int, Section) -> Bool) {
        var used = [Bool](repeating: false, count: sections.count)
        for p in paragraphs where used.indices.contains(p.section) { used[p.section] = true }
        let keep = sections.indices.filter { used[$0] || !droppable($0, sections[$0]) }
        guard keep.count < sections.count else { return }
        var renumbered = [Int](repeating: 0, count: sections.count)
        for (n, old) in keep.enumerated() { renumbered[old] = n }
        sections = keep.map { sections[$0] }
        for i in paragraphs.indices where renumbered.indices.contains(paragraphs[i].section) {
            paragraphs[i].section = renumbered[paragraphs[i].section]
        }
    }

    /// Fills in each section's paragraph range and presence (paragraphs must be in section order).
    static func attach(paragraphs: [Paragraph], to sections: inout [Section]) {
        var i = 0
        for s in sections.indices {
            let begin = i
            while i < paragraphs.count && paragraphs[i].section == s { i += 1 }
            sections[s].paragraphs = begin..<i
            sections[s].present = i > begin
        }
    }

    /// "Speaker 1", "SPEAKER 2", "Guest 1": the labels of transcription services that do not
    /// know the names.
    static func isNumberedSpeaker(_ words: [Substring]) -> Bool {
        guard words.count == 2, (1...2).contains(words[1].count), words[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return ["speaker", "person", "participant", "guest", "host", "interviewer", "interviewee", "voice", "caller"].contains(words[0].lowercased())
    }

    /// A speaker known only by number, as WhisperX and Apple's transcripts write it: `SPEAKER_00`
    /// → `Speaker 00` (the number as written: it names, it does not count). Other names as given.
    static func numberedSpeaker(_ name: String) -> String {
        guard name.hasPrefix("SPEAKER_"), name.count > 8, name.dropFirst(8).allSatisfy({ $0.isASCII && $0.isNumber }) else { return name }
        return "Speaker " + name.dropFirst(8)
    }

    /// Speaker label at the start of cue text: `Travis: text`, `MAN:` on its own line, `>> NAME:`.
    /// Returns the speaker and the text without the label.
    public static func splitSpeakerLabel(_ text: String) -> (speaker: String?, text: String) {
        // A label ends with ':' within its first 40 bytes; most cue text has none.
        let sawColon = text.utf8.withContiguousStorageIfAvailable { buf in
            TextTools.firstIndex(of: 0x3A, in: buf, to: min(40, buf.count)) != nil
        } ?? text.utf8.prefix(40).contains(0x3A)
        guard sawColon else { return (nil, text) }
        var t = Substring(text)
        if t.hasPrefix(">>") { t = t.dropFirst(2).drop(while: { $0 == " " }) }
        guard let colon = t.firstIndex(of: ":") else { return (nil, text) }
        let label = t[..<colon]
        guard !label.isEmpty, label.count <= 32, label.first!.isUppercase else { return (nil, text) }
        let words = label.split(separator: " ")
        guard words.count <= 4, words.allSatisfy(\.isCapitalisedNameWord) || isNumberedSpeaker(words) else { return (nil, text) }
        // Avoid "Note: ...", times ("At 10:30") and the like: the label must not be a common word.
        let commonWords: Set<String> = ["Note", "Update", "Warning", "Example", "Q", "A", "Re", "Edit", "PS", "Source", "Http", "Https"]
        if commonWords.contains(String(label)) { return (nil, text) }
        let rest = t[t.index(after: colon)...]
        guard rest.isEmpty || rest.first == " " || rest.first == "\n" else { return (nil, text) }
        return (String(label).capitalizedIfAllCaps, rest.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

extension Character {
    /// `isLetter` without the Unicode property lookup for ASCII (speaker labels are tested on
    /// every cue that has a colon).
    @inline(__always) var isLetterFast: Bool {
        if let a = asciiValue { return (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A }
        return isLetter
    }
}

extension StringProtocol {
    /// A capitalised word of letters and the marks names carry (`J.`, `Jean-Luc`, `O'Brien`,
    /// `D’Amico`): what the readers' speaker tests ask of every word of a name.
    var isCapitalisedNameWord: Bool {
        guard let first, first.isUppercase else { return false }
        return allSatisfy { $0.isLetterFast || $0 == "." || $0 == "'" || $0 == "’" || $0 == "-" }
    }
}

extension String {
    /// "MAN" → "Man"; mixed case kept.
    var capitalizedIfAllCaps: String {
        // (Most names have a small ASCII letter: no uppercased copy for them.)
        guard !utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) else { return self }
        guard count > 1, self == uppercased(), contains(where: { $0.isLetter }) else { return self }
        // "O'NEILL" is "O'Neill", "D'ARCY" "D'Arcy" (`capitalized` makes them "O'neill").
        var out = Array(capitalized)
        for i in out.indices.dropFirst().dropLast() where (out[i] == "'" || out[i] == "’") && out[i - 1].isUppercase
            && (i == 1 || !out[i - 2].isLetter) {
            let upper = out[i + 1].uppercased()
            if upper.count == 1 { out[i + 1] = Character(upper) }   // ("ß" would be "SS")
        }
        return String(out)
    }
}
