import Foundation

/// A tolerant SubRip reader: index lines optional, `,` or `.` before the fraction, 1–3 fraction
/// digits (read as a decimal fraction: `,04` is 40 ms), fraction optional, coordinates after the
/// timing ignored, blank lines missing or doubled.
public enum SRTParser {
    public struct Result: Sendable {
        public var cues: [Cue]
        public var malformedTimings: Int
    }

    /// A cue as offsets into the file: no String until one is asked for.
    struct RawCue {
        var start: Double
        var end: Double
        /// The index line (trimmed), when the cue has one.
        var id: Range<Int>?
        /// The text lines, as indices into `RawFile.lines`; blank lines at either end left out.
        var textLines: Range<Int>
        /// From the index line (or timing line) to the end of the text.
        var byteRange: Range<Int>
    }

    struct RawFile {
        var bytes: [UInt8]
        /// Every line, without its line break (LF, CR or CRLF).
        var lines: [Range<Int>]
        var cues: [RawCue]
        var malformedTimings: Int

        /// The cue's text lines joined with LF, as `Cue.text`.
        func text(_ cue: RawCue) -> String {
            var out: [UInt8] = []
            for k in cue.textLines {
                if k > cue.textLines.lowerBound { out.append(0x0A) }
                out.append(contentsOf: bytes[lines[k]])
            }
            return String(decoding: out, as: UTF8.self)
        }

        /// The bytes from the first text line to the end of the last, line breaks as in the file.
        func textSpan(_ cue: RawCue) -> Range<Int> {
            guard !cue.textLines.isEmpty else { return 0..<0 }
            return lines[cue.textLines.lowerBound].lowerBound..<lines[cue.textLines.upperBound - 1].upperBound
        }

        func cue(_ c: RawCue) -> Cue {
            Cue(id: c.id.map { String(decoding: bytes[$0], as: UTF8.self) } ?? "", start: c.start, end: c.end, text: text(c), byteRange: c.byteRange)
        }
    }

    public static func parse(_ bytes: [UInt8]) -> Result {
        let file = parseRaw(bytes)
        return Result(cues: file.cues.map { file.cue($0) }, malformedTimings: file.malformedTimings)
    }

    /// Timing lines found on the bytes of each line; the cue text is what lies between a timing
    /// line and the next cue's index line or timing line.
    static func parseRaw(_ bytes: [UInt8]) -> RawFile {
        let lines = splitLines(bytes)
        var cues: [RawCue] = []
        var malformed = 0
        var timings: [(start: Double, end: Double, line: Int)] = []
        bytes.withUnsafeBufferPointer { u in
            for (k, r) in lines.enumerated() {
                let line = UnsafeBufferPointer(rebasing: u[r])
                // Every timing line has an arrow: the few lines with a '>' are looked at.
                guard TextTools.firstIndex(of: 0x3E, in: line) != nil else { continue }
                if let t = parseTimingLine(line) {
                    timings.append((t.start, t.end, k))
                } else if arrow(in: line) != nil && looksLikeBrokenTiming(line) {
                    malformed += 1
                }
            }
            func isBlank(_ k: Int) -> Bool { TextTools.trimmedRange(u, lines[k]).isEmpty }
            func isIndex(_ k: Int) -> Bool { isIndexLine(UnsafeBufferPointer(rebasing: u[lines[k]])) }
            cues.reserveCapacity(timings.count)
            for (n, t) in timings.enumerated() {
                let k = t.line
                // Cue id: the line before the timing line when it is a bare number.
                let id: Range<Int>? = k > 0 && isIndex(k - 1) ? TextTools.trimmedRange(u, lines[k - 1]) : nil
                var textEnd = n + 1 < timings.count ? timings[n + 1].line : lines.count
                // The next cue's index line is not text.
                if n + 1 < timings.count, textEnd - 1 > k, isIndex(textEnd - 1) { textEnd -= 1 }
                var lo = k + 1, hi = max(k + 1, textEnd)
                while hi > lo && isBlank(hi - 1) { hi -= 1 }
                while lo < hi && isBlank(lo) { lo += 1 }
                let firstLine = id == nil ? k : k - 1
                let lastLine = k + (hi - lo)
                let range = lines[firstLine].lowerBound..<lines[min(lastLine, lines.count - 1)].upperBound
                cues.append(RawCue(start: t.start, end: t.end, id: id, textLines: lo..<hi, byteRange: range))
            }
        }
        return RawFile(bytes: bytes, lines: lines, cues: cues, malformedTimings: malformed)
    }

    /// Line ranges without their breaks (LF, CR, CRLF, or CR CR LF: a CRLF file converted
    /// once more, whose lines would otherwise all be followed by blank ones), found with
    /// `memchr`-style searches.
    static func splitLines(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        lines.reserveCapacity(bytes.count / 24)
        bytes.withUnsafeBufferPointer { u in
            let n = u.count
            let hasCR = TextTools.firstIndex(of: 0x0D, in: u) != nil
            var start = 0
            while start < n {
                var end = TextTools.firstIndex(of: 0x0A, in: u, from: start, to: n) ?? n
                if hasCR { end = TextTools.firstIndex(of: 0x0D, in: u, from: start, to: end) ?? end }
                lines.append(start..<end)
                if end < n && u[end] == 0x0D && end + 1 < n && u[end + 1] == 0x0A {
                    start = end + 2
                } else if end < n && u[end] == 0x0D && end + 2 < n && u[end + 1] == 0x0D && u[end + 2] == 0x0A {
                    start = end + 3
                } else {
                    start = end + 1
                }
            }
        }
        return lines
    }

    /// A bare number of 1–9 digits (spaces, tabs and a final CR around it allowed).
    static func isIndexLine(_ line: String) -> Bool {
        var l = line
        return l.withUTF8 { isIndexLine($0) }
    }

    static func isIndexLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = 0
        var trailing = false
        for b in line {
            if b >= 0x30 && b <= 0x39 {
                if trailing { return false }
                digits += 1
                if digits > 9 { return false }
            } else if b == 0x20 || b == 0x09 || (b == 0x0D && digits > 0) {
                if digits > 0 { trailing = true }
            } else {
                return false
            }
        }
        return digits > 0
    }

    /// Where the first `-->` of a line starts.
    static func arrow(in b: UnsafeBufferPointer<UInt8>) -> Int? {
        let marker: StaticString = "-->"
        return TextTools.firstOffset(of: UnsafeRawBufferPointer(start: marker.utf8Start, count: marker.utf8CodeUnitCount), in: UnsafeRawBufferPointer(b))
    }

    static func looksLikeBrokenTiming(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.count < 80 && line.count { $0 == 0x3A } >= 2
    }

    /// `HH:MM:SS,mmm --> HH:MM:SS,mmm [X1:.. ...]`; nil if the line is not a timing line.
    public static func parseTimingLine(_ line: String) -> (start: Double, end: Double)? {
        var l = line
        return l.withUTF8 { parseTimingLine($0) }
    }

    static func parseTimingLine(_ b: UnsafeBufferPointer<UInt8>) -> (start: Double, end: Double)? {
        guard b.count < 200, b.count >= 9, let arrow = arrow(in: b), arrow > 0 else { return nil }
        func field(_ from: Int, _ to: Int) -> Double? {
            var s = from, e = to
            while s < e && (b[s] == 0x20 || b[s] == 0x09) { s += 1 }
            while e > s && (b[e - 1] == 0x20 || b[e - 1] == 0x09 || b[e - 1] == 0x0D) { e -= 1 }
            guard e > s else { return nil }
            return parseTime(bytes: UnsafeBufferPointer(rebasing: b[s..<e]))
        }
        guard let start = field(0, arrow) else { return nil }
        var rs = arrow + 3
        while rs < b.count && (b[rs] == 0x20 || b[rs] == 0x09) { rs += 1 }
        var re = rs
        while re < b.count && b[re] != 0x20 && b[re] != 0x09 && b[re] != 0x0D { re += 1 }
        guard let end = field(rs, re) else { return nil }
        return (start, end)
    }

    /// `H:MM:SS,mmm`, `MM:SS.mmm`, `HH:MM:SS` (no fraction); minutes and seconds below 60.
    public static func parseTime(_ text: String) -> Double? {
        let b = Array(text.utf8)
        var s = 0, e = b.count
        while s < e && (b[s] == 0x20 || b[s] == 0x09) { s += 1 }
        while e > s && (b[e - 1] == 0x20 || b[e - 1] == 0x09) { e -= 1 }
        return b.withUnsafeBufferPointer { parseTime(bytes: UnsafeBufferPointer(rebasing: $0[s..<e])) }
    }

    static func parseTime(bytes t: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !t.isEmpty, t.count <= 24 else { return nil }
        // At most three fields (hours, minutes, seconds): no array.
        var fields = (0.0, 0.0), fieldCount = 0
        var current = 0.0, digits = 0
        var fractionValue = 0, fractionDigits = 0, inFraction = false
        for c in t {
            if c >= 0x30 && c <= 0x39 {
                if inFraction {
                    guard fractionDigits < 9 else { return nil }
                    fractionDigits += 1
                    fractionValue = fractionValue * 10 + Int(c - 0x30)
                } else {
                    guard digits < 6 else { return nil }
                    current = current * 10 + Double(c - 0x30)
                    digits += 1
                }
            } else if c == 0x3A && !inFraction {
                guard digits > 0, fieldCount < 2 else { return nil }
                if fieldCount == 0 { fields.0 = current } else { fields.1 = current }
                fieldCount += 1
                current = 0
                digits = 0
            } else if (c == 0x2C || c == 0x2E) && !inFraction {
                guard digits > 0 else { return nil }
                inFraction = true
            } else {
                return nil
            }
        }
        guard digits > 0, !inFraction || fractionDigits > 0 else { return nil }
        guard fieldCount == 1 || fieldCount == 2 else { return nil }
        // Minutes and seconds below 60 (hours, or minutes in `MM:SS`, unbounded).
        let total: Double
        if fieldCount == 1 {
            guard current < 60 else { return nil }
            total = fields.0 * 60 + current
        } else {
            guard fields.1 < 60, current < 60 else { return nil }
            total = (fields.0 * 60 + fields.1) * 60 + current
        }
        // One division, as a decimal literal would be read: ",04" is 0.04 s.
        let fraction = fractionDigits == 0 ? 0 : Double(fractionValue) / Double([1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000][fractionDigits])
        return total + fraction
    }

    /// The cue text without SubRip/HTML-ish tags (`<i>`, `<font color=..>`) or ASS overrides (`{\an8}`).
    public static func plainText(_ text: String) -> String {
        // Most cues have neither tags nor overrides: nothing to remove.
        if !TextTools.containsEither(0x3C, 0x7B, in: text) { return decodeBasicEntities(text) }
        var out = String.UnicodeScalarView()
        var inTag = false
        var inBrace = false
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if inTag {
                if c == ">" { inTag = false }
            } else if inBrace {
                if c == "}" { inBrace = false }
            } else if c == "<", i + 1 < scalars.count, scalars[i + 1].properties.isAlphabetic || scalars[i + 1] == "/" {
                // Only treat as a tag when it closes on the same line.
                if let close = scalars[(i + 1)...].firstIndex(where: { $0 == ">" || $0 == "\n" || $0 == "<" }), scalars[close] == ">" {
                    inTag = true
                } else {
                    out.append(c)
                }
            } else if c == "{", i + 1 < scalars.count, scalars[i + 1] == "\\" {
                inBrace = true
            } else {
                out.append(c)
            }
            i += 1
        }
        return decodeBasicEntities(String(out))
    }

    /// Character references in subtitle text: numeric ones (`&#39;`, `&#x2019;`) and named ones
    /// closed by `;` (`&amp;`, `&eacute;`, `&mdash;`); anything else (`AT&T`, `&copy` without
    /// `;`) stays as written.
    static func decodeBasicEntities(_ s: String) -> String {
        WebVTTCueText.decodeReferences(s, namedNeedSemicolon: true)
    }
}
