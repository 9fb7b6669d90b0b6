import Foundation

/// A tolerant SubRip reader: index lines optional, `,` or `.` before the fraction, 1–3 fraction
/// digits (read as a decimal fraction: `,04` is 40 ms), fraction optional, coordinates after the
/// timing ignored, blank lines missing or doubled.
public enum SRTParser {
    public struct Result: Sendable {
        public var cues: [Cue]
        public var malformedTimings: Int
    }

    public static func parse(_ bytes: [UInt8]) -> Result {
        let split = splitLines(bytes)
        let lines = split.map(\.text)
        var cues: [Cue] = []
        var malformed = 0
        // Find timing lines; everything between one timing line and the next cue header is text.
        var timingIndices: [Int] = []
        var timings: [(Double, Double, Int)] = []
        for (k, line) in lines.enumerated() {
            if let t = parseTimingLine(line) {
                timingIndices.append(k)
                timings.append((t.start, t.end, k))
            } else if line.has("-->") && looksLikeBrokenTiming(line) {
                malformed += 1
            }
        }
        for (n, k) in timingIndices.enumerated() {
            let (start, end, _) = timings[n]
            // Cue id: the line before the timing line when it is a bare number.
            var id = ""
            if k > 0, isIndexLine(lines[k - 1]) { id = lines[k - 1].trimmedSpaces }
            var textEnd = n + 1 < timingIndices.count ? timingIndices[n + 1] : lines.count
            // The next cue's index line is not text.
            if n + 1 < timingIndices.count, textEnd - 1 > k, isIndexLine(lines[textEnd - 1]) { textEnd -= 1 }
            var text = Array(lines[(k + 1)..<max(k + 1, textEnd)])
            while let last = text.last, last.trimmedSpaces.isEmpty { text.removeLast() }
            while let first = text.first, first.trimmedSpaces.isEmpty { text.removeFirst() }
            let firstLine = id.isEmpty ? k : k - 1
            let lastLine = k + text.count
            let range = split[firstLine].range.lowerBound..<split[min(lastLine, split.count - 1)].range.upperBound
            cues.append(Cue(id: id, start: start, end: end, text: text.joined(separator: "\n"), byteRange: range))
        }
        return Result(cues: cues, malformedTimings: malformed)
    }

    static func splitLines(_ bytes: [UInt8]) -> [(text: String, range: Range<Int>)] {
        var lines: [(text: String, range: Range<Int>)] = []
        var start = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                lines.append((String(decoding: bytes[start..<i], as: UTF8.self), start..<i))
                if b == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        if start < n { lines.append((String(decoding: bytes[start..<n], as: UTF8.self), start..<n)) }
        return lines
    }

    /// A bare number of 1–9 digits (spaces, tabs and a final CR around it allowed).
    static func isIndexLine(_ line: String) -> Bool {
        var digits = 0
        var trailing = false
        for b in line.utf8 {
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

    static func looksLikeBrokenTiming(_ line: String) -> Bool {
        line.utf8.filter { $0 == 0x3A }.count >= 2 && line.utf8.count < 80
    }

    /// `HH:MM:SS,mmm --> HH:MM:SS,mmm [X1:.. ...]`; nil if the line is not a timing line.
    public static func parseTimingLine(_ line: String) -> (start: Double, end: Double)? {
        guard line.utf8.count < 200, line.utf8.count >= 9, line.has("-->") else { return nil }
        let b = Array(line.utf8)
        var arrow = -1
        var i = 0
        while i + 2 < b.count {
            if b[i] == 0x2D && b[i + 1] == 0x2D && b[i + 2] == 0x3E { arrow = i; break }
            i += 1
        }
        guard arrow > 0 else { return nil }
        func field(_ from: Int, _ to: Int) -> Double? {
            var s = from, e = to
            while s < e && (b[s] == 0x20 || b[s] == 0x09) { s += 1 }
            while e > s && (b[e - 1] == 0x20 || b[e - 1] == 0x09 || b[e - 1] == 0x0D) { e -= 1 }
            guard e > s else { return nil }
            return parseTime(bytes: b[s..<e])
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
        return parseTime(bytes: b[s..<e])
    }

    static func parseTime(bytes t: ArraySlice<UInt8>) -> Double? {
        guard !t.isEmpty, t.count <= 24 else { return nil }
        var fields: [Double] = []
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
                guard digits > 0 else { return nil }
                fields.append(current)
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
        fields.append(current)
        guard fields.count == 2 || fields.count == 3 else { return nil }
        var total = 0.0
        for (i, v) in fields.enumerated() {
            if i > 0 && v >= 60 { return nil }
            total = total * 60 + v
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

    static func decodeBasicEntities(_ s: String) -> String {
        guard s.utf8.contains(0x26) else { return s }
        // One pass over the bytes for the handful of entities subtitles use.
        let table: [(String, String)] = [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&nbsp;", "\u{A0}"), ("&#39;", "'"), ("&apos;", "'")]
        let b = Array(s.utf8)
        var out = [UInt8]()
        out.reserveCapacity(b.count)
        var i = 0
        outer: while i < b.count {
            if b[i] == 0x26 {
                for (name, value) in table {
                    let n = Array(name.utf8)
                    if i + n.count <= b.count && Array(b[i..<(i + n.count)]) == n {
                        out.append(contentsOf: value.utf8)
                        i += n.count
                        continue outer
                    }
                }
            }
            out.append(b[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
