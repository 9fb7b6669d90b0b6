import Foundation

/// Reads plain-text transcripts with timestamps, the shapes people paste and export:
///
/// - a speaker line with its time, the words below (Otter and similar exports):
///   `Jane Doe  0:03` / `Speaker 1 [00:00:15]` / `Jane Doe (00:01:02):`
/// - a time alone on its line, the words below (a YouTube transcript copied from the page):
///   `0:03` / `[00:03]`
/// - the time leading the line, with or without a speaker label (chat logs, show notes):
///   `[00:00:03] Jane Doe: Welcome…` / `00:01:10 - Maybe one or two years`
/// - a range leading the line or alone on it (Whisper's text, YouTube's SubViewer `.sbv`):
///   `[00:00.000 --> 00:04.200]  Welcome…` / `0:00:00.000,0:00:04.200`
///
/// Each timed unit becomes a cue: cue grouping makes the paragraphs (by speaker turn and pause)
/// and the sections (chapters when a chapters file is beside it, otherwise 5-minute windows),
/// so a paragraph's time is the stamp it starts at, exact, not estimated.
public enum TimedTextReader {
    /// One line that carries a time.
    public struct TimedLine: Equatable, Sendable {
        public var time: Double
        public var speaker: String?
        /// The words after the time on the same line (empty for a header or a lone time).
        public var text: Substring
        /// `Name  0:03`: the line names the speaker; the words follow on the next lines.
        public var isHeader: Bool
        /// The end of a range (`[00:00.000 --> 00:04.200]`, as Whisper writes), when given.
        public var end: Double? = nil
    }

    // MARK: - Sniffing

    /// Whether the head's first lines are a timed transcript: at least three timed lines, three in
    /// ten of all lines, times that mostly run forwards, close together (a list of chapters,
    /// minutes apart, is show notes, not a transcript), with words to read.
    public static func sniff(_ lines: [Substring]) -> Bool {
        let sample = lines.prefix(200)
        var timed: [Double] = []
        var words = 0
        for line in sample {
            if let t = timedLine(line) {
                timed.append(t.time)
                words += TextTools.wordCount(String(t.text))
            } else {
                words += TextTools.wordCount(String(line))
            }
        }
        guard timed.count >= 3, timed.count * 10 >= sample.count * 3, words >= 20 else { return false }
        var gaps: [Double] = []
        var backwards = 0
        for (a, b) in zip(timed, timed.dropFirst()) {
            if b < a { backwards += 1 } else if b > a { gaps.append(b - a) }
        }
        guard backwards * 10 <= timed.count, !gaps.isEmpty else { return false }
        gaps.sort()
        return gaps[gaps.count / 2] <= 90
    }

    // MARK: - Reading

    /// Whether the first line is the header of Whisper's `.tsv`: `start`, `end`, `text`.
    public static func isWhisperTSV(_ firstLine: Substring) -> Bool {
        firstLine.trimmingCharacters(in: .whitespaces) == "start\tend\ttext"
    }

    /// Whisper's `.tsv`: after its header, `start`, `end` (milliseconds) and the text, by tabs.
    static func readTSV(_ lines: [(range: Range<Int>, text: Substring)], into doc: inout Document, chapters: [Chapter]?) {
        var pool = CueGrouping.TextPool(capacity: 4096)
        var items: [CueGrouping.Item] = []
        var skipped = 0
        for (range, raw) in lines.dropFirst() where !TextTools.isBlank(raw) {
            let fields = raw.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let a = Double(fields[0].trimmingCharacters(in: .whitespaces)),
                  let b = Double(fields[1].trimmingCharacters(in: .whitespaces)), a.isFinite, b.isFinite, a >= 0 else {
                skipped += 1
                continue
            }
            items.append(.init(start: a / 1000, end: b / 1000, text: pool.add(String(fields[2])), speaker: -1, byteRange: range))
        }
        if skipped > 0 { doc.warnings.append("skipped \(skipped) row(s) without start and end times") }
        CueDocumentReader.finish(&doc, items: items, pool: pool, chapters: chapters)
    }

    public static func read(_ bytes: [UInt8], path: String, text: String? = nil, chapters: [Chapter]? = nil) -> Document {
        var doc = Document(path: path, format: .timedText, kind: .transcript, sourceBytes: bytes.count)
        let all = TextTools.lines(bytes, text: text)
        if let first = all.first(where: { !TextTools.isBlank($0.text) }), isWhisperTSV(first.text) {
            readTSV(Array(all.drop { TextTools.isBlank($0.text) }), into: &doc, chapters: chapters)
            return doc
        }
        var pool = CueGrouping.TextPool(capacity: bytes.count)
        var items: [CueGrouping.Item] = []
        var words: [Int] = []  // of each item
        var unit: (time: Double, end: Double?, speaker: String?, text: String, range: Range<Int>)?
        var carried: String?
        var preamble: [(range: Range<Int>, text: Substring)] = []

        func flush() {
            guard let u = unit else { return }
            unit = nil
            let r = pool.add(u.text)
            guard !r.isEmpty else { return }
            items.append(.init(start: u.time, end: u.end ?? -1, text: r, speaker: pool.speaker(u.speaker), byteRange: u.range))
            words.append(TextTools.wordCount(u.text))
        }

        for (range, raw) in all {
            if TextTools.isBlank(raw) { continue }
            if isChrome(raw) { continue }
            if let t = timedLine(raw) {
                flush()
                if t.isHeader || t.speaker != nil { carried = t.speaker }
                unit = (t.time, t.end, carried, String(t.text), range)
            } else if unit != nil {
                unit!.text += unit!.text.isEmpty ? String(raw) : " " + raw
                unit!.range = unit!.range.lowerBound..<range.upperBound
            } else {
                preamble.append((range, raw))
            }
        }
        flush()

        // Lines before the first time: a short first line is the title; the rest is read as
        // said at the start.
        if let first = preamble.first {
            let line = TextTools.clean(first.text)
            if TextTools.wordCount(line) <= 15, let last = line.last, !".,;".contains(last) {
                doc.metadata.title = line
                preamble.removeFirst()
            }
        }
        if !preamble.isEmpty {
            let joined = preamble.map { String($0.text) }.joined(separator: " ")
            let r = pool.add(joined)
            if !r.isEmpty {
                let range = preamble.first!.range.lowerBound..<preamble.last!.range.upperBound
                items.insert(.init(start: 0, end: -1, text: r, speaker: -1, byteRange: range), at: 0)
                words.insert(TextTools.wordCount(joined), at: 0)
            }
        }

        // A unit lasts as long as its range says; without one, until the next one starts, and the
        // last for as long as its words take to say.
        for i in items.indices {
            if items[i].end >= items[i].start { continue }
            let next = i + 1 < items.count ? items[i + 1].start : nil
            if let next, next > items[i].start {
                items[i].end = next
            } else {
                items[i].end = items[i].start + Double(max(1, words[i])) / 2.5
            }
        }
        CueDocumentReader.finish(&doc, items: items, pool: pool, chapters: chapters)
        return doc
    }

    // MARK: - Lines

    /// The line's time, speaker and words, if it is a timed line of one of the shapes above.
    public static func timedLine(_ raw: Substring) -> TimedLine? {
        // Most lines carry no time: they are turned away on their first and last bytes, before
        // anything is copied. A time leads with a digit or a bracket; one that ends a speaker
        // line ends with a digit, a bracket or the colon after it.
        let mayBeTimed: Bool? = raw.utf8.withContiguousStorageIfAvailable { b in
            let r = TextTools.trimmedRange(b, 0..<b.count)
            guard !r.isEmpty else { return false }
            let f = b[r.lowerBound], l = b[r.upperBound - 1]
            if f == 0x5B || f == 0x28 || (f >= 0x30 && f <= 0x39) || (l >= 0x30 && l <= 0x39) || l == 0x5D || l == 0x29 || l == 0x3A {
                return true
            }
            // A time closing a speaker's label before the words: "Jane Doe (00:01:02): Welcome".
            var k = r.lowerBound
            let end = min(r.upperBound - 1, r.lowerBound + 64)
            while k < end {
                if (b[k] == 0x29 || b[k] == 0x5D) && b[k + 1] == 0x3A { return true }
                k += 1
            }
            return false
        }
        if mayBeTimed == false { return nil }
        let line = raw.trimmedSpaces
        guard line.utf8.count <= 4000, let firstByte = line.utf8.first else { return nil }
        let u = Array(line.utf8)
        // The time leads: "[00:00:03] Jane Doe: Welcome", "0:03", "00:01:10 - text".
        if firstByte == 0x5B || firstByte == 0x28 || (0x30...0x39).contains(firstByte),
           let (time, end, until) = stamp(u, from: 0) {
            var i = end
            while i < u.count, u[i] == 0x20 || u[i] == 0x09 { i += 1 }
            // A separator after the time: "-", "–", "—", "|", ":".
            if i < u.count, u[i] == 0x2D || u[i] == 0x7C || u[i] == 0x3A {
                i += 1
            } else if i + 2 < u.count, u[i] == 0xE2, u[i + 1] == 0x80, u[i + 2] == 0x93 || u[i + 2] == 0x94 {
                i += 3
            }
            var rest = Substring(String(decoding: u[i...], as: UTF8.self)).trimmedSpaces
            // A label in Markdown bold: "**Jane Doe:** Welcome", "**Jane Doe**: Welcome".
            if rest.hasPrefix("**"), let close = rest.dropFirst(2).range(of: "**") {
                let inner = rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound]
                let after = rest[close.upperBound...]
                if inner.hasSuffix(":") {
                    rest = String(inner) + after
                } else if after.hasPrefix(":") {
                    rest = String(inner) + after
                }
            }
            let (label, words) = CueGrouping.splitSpeakerLabel(rest)
            return TimedLine(time: time, speaker: label, text: Substring(words), isHeader: false, end: until)
        }
        // The time closes the speaker's label, the words after it: "Jane Doe (00:01:02): Welcome",
        // "Speaker 1 [00:15]: Thanks" (as Rev and Descript write them).
        if let open = u.prefix(64).firstIndex(where: { $0 == 0x28 || $0 == 0x5B }), open > 0,
           let (time, end, _) = stamp(u, from: open), end + 1 < u.count, u[end] == 0x3A, u[end + 1] == 0x20 || u[end + 1] == 0x09 {
            let name = String(decoding: u[..<open], as: UTF8.self).trimmedSpaces
            if looksLikeSpeaker(name) {
                let words = String(decoding: u[(end + 1)...], as: UTF8.self).trimmedSpaces
                return TimedLine(time: time, speaker: name.capitalizedIfAllCaps, text: Substring(words), isHeader: false)
            }
        }
        // The time ends a speaker line: "Jane Doe  0:03", "Speaker 1 [00:00:15]", "Jane (1:02):".
        var body = line[...]
        if body.last == ":" { body = body.dropLast() }
        guard let space = body.lastIndex(where: { $0 == " " || $0 == "\t" }) else { return nil }
        var name = body[..<space].trimmedSpaces
        // Zoom writes the name in brackets: "[Jane Doe] 10:15:32".
        if name.hasPrefix("["), name.hasSuffix("]"), name.count > 2 { name = String(name.dropFirst().dropLast()).trimmedSpaces }
        let tail = Array(body[body.index(after: space)...].utf8)
        guard let (time, end, _) = stamp(tail, from: 0), end == tail.count, looksLikeSpeaker(name) else { return nil }
        return TimedLine(time: time, speaker: name.capitalizedIfAllCaps, text: "", isHeader: true)
    }

    static let particles: Set<String> = ["van", "von", "de", "der", "den", "da", "del", "della", "di", "du", "la", "le", "bin", "al", "ibn", "y"]

    /// The transcription service's signature line, not something said.
    static func isChrome(_ line: Substring) -> Bool {
        let trimmed = TextTools.trimmedSlice(line)
        guard trimmed.utf8.count < 80, trimmed.utf8.first == 0x74 || trimmed.utf8.first == 0x54 else { return false }
        let l = trimmed.lowercased()
        return l.hasPrefix("transcribed by https://otter.ai") || l == "transcribed by otter.ai"
    }

    /// A speaker's name: one to four capitalised words of letters (later ones may be numbers,
    /// "Speaker 1", or particles, "Ludwig van Beethoven"), at most 40 bytes.
    static func looksLikeSpeaker(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 40, s.first!.isUppercase else { return false }
        let words = s.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard (1...4).contains(words.count) else { return false }
        for (k, w) in words.enumerated() {
            let ok = w.isCapitalisedNameWord || (k > 0 && (w.allSatisfy { $0.isASCII && $0.isNumber } || particles.contains(String(w))))
            if !ok { return false }
        }
        return true
    }

    /// A time at `from`: `H:MM:SS`, `MM:SS` or `M:SS`, optionally with `.fff` or `,fff`, optionally
    /// in brackets or parentheses, optionally a range (`rangeEnd(_:from:bracketed:)`). Returns the
    /// seconds, the index after it, and the range's end if any. (`rangeEnd`: the time after a
    /// range's arrow, where what follows is the range's business.)
    static func stamp(_ u: [UInt8], from: Int, rangeEnd isEnd: Bool = false) -> (time: Double, next: Int, until: Double?)? {
        var i = from
        var close: UInt8?
        if !isEnd, i < u.count, u[i] == 0x5B { close = 0x5D; i += 1 } else if i < u.count, u[i] == 0x28 { close = 0x29; i += 1 }
        let start = i
        var fields = 1, digits = 0
        while i < u.count {
            let b = u[i]
            if b >= 0x30 && b <= 0x39 {
                digits += 1
                if digits > 2 { return nil }
            } else if b == 0x3A, digits > 0, fields < 3 {
                fields += 1
                digits = 0
            } else {
                break
            }
            i += 1
        }
        guard fields >= 2, digits == 2 else { return nil }
        if i + 1 < u.count, u[i] == 0x2E || u[i] == 0x2C, u[i + 1] >= 0x30 && u[i + 1] <= 0x39 {
            i += 1
            var n = 0
            while i < u.count, u[i] >= 0x30 && u[i] <= 0x39 { i += 1; n += 1 }
            if n > 3 { return nil }
        }
        // "1:00:00:00" has a field too many.
        if i + 1 < u.count, u[i] == 0x3A, u[i + 1] >= 0x30 && u[i + 1] <= 0x39 { return nil }
        guard let t = Timestamp.parse(String(decoding: u[start..<i], as: UTF8.self)) else { return nil }
        if isEnd { return (t, i, nil) }
        // A range: Whisper's `[00:00.000 --> 00:04.200]`, `[00:03 - 00:09]`; its end is left to
        // the next line's start.
        var until: Double?
        if let (end, next) = rangeEnd(u, from: i, bracketed: close != nil) { until = end; i = next }
        if let close {
            guard i < u.count, u[i] == close else { return nil }
            i += 1
        } else if i < u.count, u[i] != 0x20, u[i] != 0x09, u[i] != 0x2D, u[i] != 0x7C, u[i] != 0x3A, u[i] != 0xE2 {
            return nil
        }
        return (t, i, until)
    }

    /// The time of ` --> 00:04.200` at `from` (in brackets also ` - ` and ` – `; YouTube's
    /// SubViewer, `.sbv`, writes `0:00:00.000,0:00:04.200`) and the index after it, or nil.
    static func rangeEnd(_ u: [UInt8], from: Int, bracketed: Bool) -> (Double, Int)? {
        var i = from
        if i + 1 < u.count, u[i] == 0x2C, u[i + 1] >= 0x30 && u[i + 1] <= 0x39, i > 0, u[i - 1] >= 0x30 && u[i - 1] <= 0x39,
           let (t, end, _) = stamp(u, from: i + 1, rangeEnd: true) {
            return (t, end)
        }
        while i < u.count, u[i] == 0x20 { i += 1 }
        if i + 2 < u.count, u[i] == 0x2D, u[i + 1] == 0x2D, u[i + 2] == 0x3E {
            i += 3
        } else if bracketed, i < u.count, u[i] == 0x2D {
            i += 1
        } else if bracketed, i + 2 < u.count, u[i] == 0xE2, u[i + 1] == 0x80, u[i + 2] == 0x93 {
            i += 3
        } else {
            return nil
        }
        while i < u.count, u[i] == 0x20 { i += 1 }
        // The end time, with the same fields as a start (no brackets of its own).
        guard i < u.count, u[i] >= 0x30 && u[i] <= 0x39, let (t, end, _) = stamp(u, from: i, rangeEnd: true) else { return nil }
        return (t, end)
    }
}
