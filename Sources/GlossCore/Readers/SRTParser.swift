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
            } else if line.contains("-->") && looksLikeBrokenTiming(line) {
                malformed += 1
            }
        }
        for (n, k) in timingIndices.enumerated() {
            let (start, end, _) = timings[n]
            // Cue id: the line before the timing line when it is a bare number.
            var id = ""
            if k > 0, isIndexLine(lines[k - 1]) { id = lines[k - 1].trimmingCharacters(in: .whitespaces) }
            var textEnd = n + 1 < timingIndices.count ? timingIndices[n + 1] : lines.count
            // The next cue's index line is not text.
            if n + 1 < timingIndices.count, textEnd - 1 > k, isIndexLine(lines[textEnd - 1]) { textEnd -= 1 }
            var text = Array(lines[(k + 1)..<max(k + 1, textEnd)])
            while let last = text.last, last.trimmingCharacters(in: .whitespaces).isEmpty { text.removeLast() }
            while let first = text.first, first.trimmingCharacters(in: .whitespaces).isEmpty { text.removeFirst() }
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

    static func isIndexLine(_ line: String) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        return !t.isEmpty && t.count <= 9 && t.allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func looksLikeBrokenTiming(_ line: String) -> Bool {
        line.utf8.filter { $0 == 0x3A }.count >= 2 && line.utf8.count < 80
    }

    /// `HH:MM:SS,mmm --> HH:MM:SS,mmm [X1:.. ...]`; nil if the line is not a timing line.
    public static func parseTimingLine(_ line: String) -> (start: Double, end: Double)? {
        guard line.utf8.count < 200, let arrow = line.range(of: "-->") else { return nil }
        let left = line[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
        let rightAll = line[arrow.upperBound...].trimmingCharacters(in: .whitespaces)
        let right = rightAll.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        guard let s = parseTime(left), let e = parseTime(right) else { return nil }
        return (s, e)
    }

    /// `H:MM:SS,mmm`, `MM:SS.mmm`, `HH:MM:SS` (no fraction); minutes and seconds below 60.
    public static func parseTime(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.utf8.count <= 24 else { return nil }
        var main = Substring(t)
        var fraction = 0.0
        if let sep = t.lastIndex(where: { $0 == "," || $0 == "." }) {
            let frac = t[t.index(after: sep)...]
            guard !frac.isEmpty, frac.count <= 9, frac.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            fraction = Double("0." + frac) ?? 0
            main = t[..<sep]
        }
        let parts = main.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        var total = 0.0
        for (i, p) in parts.enumerated() {
            guard !p.isEmpty, p.count <= 6, p.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Double(p) else { return nil }
            if i > 0 && v >= 60 { return nil }
            total = total * 60 + v
        }
        return total + fraction
    }

    /// The cue text without SubRip/HTML-ish tags (`<i>`, `<font color=..>`) or ASS overrides (`{\an8}`).
    public static func plainText(_ text: String) -> String {
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
        guard s.contains("&") else { return s }
        return s.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&nbsp;", with: "\u{A0}").replacingOccurrences(of: "&#39;", with: "'")
    }
}
