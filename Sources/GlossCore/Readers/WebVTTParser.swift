import Foundation

/// Cue settings of a WebVTT cue, with the spec's defaults.
public struct CueSettings: Sendable, Equatable {
    public enum Vertical: String, Sendable { case horizontal = "", rl, lr }
    public var vertical: Vertical = .horizontal
    /// nil means `auto`.
    public var line: Double?
    public var lineAlign: String = "start"
    public var snapToLines = true
    /// nil means `auto`.
    public var position: Double?
    public var positionAlign: String = "auto"
    public var size: Double = 100
    public var align: String = "center"
    public var region: String?
    public init() {}
}

/// A WebVTT region definition.
public struct VTTRegion: Sendable, Equatable {
    public var id = ""
    public var width: Double = 100
    public var lines: Double = 3
    public var regionAnchorX: Double = 0
    public var regionAnchorY: Double = 100
    public var viewportAnchorX: Double = 0
    public var viewportAnchorY: Double = 100
    public var scroll = ""
    public init() {}
}

/// Result of the WebVTT parser algorithm.
public struct WebVTTFile: Sendable {
    public var cues: [Cue]
    public var regions: [VTTRegion]
    public var stylesheets: [String]
    /// The header line after `WEBVTT`, and the header block's text.
    public var header: String
    /// Timing lines that could not be parsed (the cue was skipped).
    public var skippedCues: Int
}

public enum WebVTTError: Error, Equatable {
    case missingSignature
}

/// The W3C WebVTT parser algorithm (file parsing, timings, settings, regions), over UTF-8 bytes.
///
/// Deviation from a browser: cues are kept even when their start is after their end (the spec
/// keeps them too); `1:00:00.960` (one-digit hours) is accepted, as the spec's timestamp rules allow.
public enum WebVTTParser {
    public static func parse(_ source: [UInt8], lenient: Bool = false) throws -> WebVTTFile {
        let raw = try parseRaw(source, lenient: lenient)
        var cues: [Cue] = []
        cues.reserveCapacity(raw.cues.count)
        for i in raw.cues.indices { cues.append(raw.cue(i)) }
        return WebVTTFile(cues: cues, regions: raw.regions, stylesheets: raw.stylesheets, header: raw.header, skippedCues: raw.skippedCues)
    }

    /// A cue as the parser first records it: times and offsets into the normalized input, no
    /// Strings (a reader that only wants the text takes it from the input bytes).
    struct RawCue {
        var start: Double
        var end: Double
        var id: Range<Int>
        var text: Range<Int>
        /// The cue block, in the normalized input.
        var block: Range<Int>
        /// Index into `RawFile.settings`, or -1 for the defaults.
        var settings: Int32
    }

    /// The parser's result before cues become `Cue` values.
    struct RawFile {
        /// The LF-normalized input the cues point into.
        var input: [UInt8]
        var map: OffsetMap?
        var cues: [RawCue]
        var settings: [CueSettings]
        var regions: [VTTRegion]
        var stylesheets: [String]
        var header: String
        var skippedCues: Int

        /// A cue block's range in the original (not normalized) bytes.
        func originalRange(_ r: Range<Int>) -> Range<Int> {
            guard let map else { return r }
            return map.original(r.lowerBound)..<map.original(r.upperBound)
        }

        func string(_ r: Range<Int>) -> String {
            input.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self) }
        }

        func cue(_ i: Int) -> Cue {
            let c = cues[i]
            return Cue(id: c.id.isEmpty ? "" : string(c.id), start: c.start, end: c.end, text: c.text.isEmpty ? "" : string(c.text),
                       settings: c.settings >= 0 ? settings[Int(c.settings)] : nil, byteRange: originalRange(c.block))
        }
    }

    /// `lenient`: timestamps as players read them where the spec's form fails (`00:01:39`
    /// without a fraction, `00:01:41.04` with two digits, `000:00.000`), with SubRip's reading.
    static func parseRaw(_ source: [UInt8], lenient: Bool = false) throws -> RawFile {
        let (input, map) = normalize(source)
        return try input.withUnsafeBufferPointer { buf in
            var run = Run(input: buf)
            run.lenient = lenient
            try run.parse()
            return RawFile(input: input, map: map, cues: run.cues, settings: run.settings, regions: run.regions,
                           stylesheets: run.stylesheets, header: run.header, skippedCues: run.skipped)
        }
    }

    /// NUL → U+FFFD, CRLF and CR → LF. When anything changed, also returns the offset map back to
    /// the original bytes.
    static func normalize(_ s: [UInt8]) -> ([UInt8], OffsetMap?) {
        let clean = s.withUnsafeBufferPointer { TextTools.firstIndex(of: 0x0D, in: $0) == nil && TextTools.firstIndex(of: 0, in: $0) == nil }
        guard !clean else { return (s, nil) }
        var out: [UInt8] = []
        out.reserveCapacity(s.count + 16)
        var map = OffsetMap()
        s.withUnsafeBufferPointer { buf in
            let n = buf.count
            var i = 0
            while i < n {
                // Copy the run up to the next NUL or CR in one go.
                var j = i
                while j < n, buf[j] != 0, buf[j] != 0x0D { j += 1 }
                if j > i { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j])) }
                guard j < n else { break }
                if buf[j] == 0 {
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    map.add(at: out.count, original: j + 1)
                    i = j + 1
                } else {
                    out.append(0x0A)
                    if j + 1 < n && buf[j + 1] == 0x0A {
                        map.add(at: out.count, original: j + 2)
                        i = j + 2
                    } else {
                        i = j + 1
                    }
                }
            }
        }
        return (out, map)
    }

    /// Maps offsets in normalized bytes back to the original: from each recorded point on, the
    /// difference between the two is constant.
    struct OffsetMap {
        private var points: [Int] = []
        private var deltas: [Int] = []
        mutating func add(at normalized: Int, original: Int) {
            points.append(normalized)
            deltas.append(original - normalized)
        }
        func original(_ x: Int) -> Int {
            var lo = 0, hi = points.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if points[mid] <= x { lo = mid + 1 } else { hi = mid }
            }
            return lo == 0 ? x : x + deltas[lo - 1]
        }
    }

    private struct Run {
        let input: UnsafeBufferPointer<UInt8>
        var pos = 0
        var seenCue = false
        var regions: [VTTRegion] = []
        var cues: [RawCue] = []
        var settings: [CueSettings] = []
        var stylesheets: [String] = []
        var header = ""
        var skipped = 0
        var lenient = false

        init(input: UnsafeBufferPointer<UInt8>) {
            self.input = input
            cues.reserveCapacity(input.count / 48)
        }

        mutating func parse() throws {
            let n = input.count
            let sig: [UInt8] = Array("WEBVTT".utf8)
            guard n >= 6, Array(input[0..<6]) == sig else { throw WebVTTError.missingSignature }
            if n > 6 {
                let c = input[6]
                guard c == 0x20 || c == 0x09 || c == 0x0A else { throw WebVTTError.missingSignature }
            }
            let headerStart = 0
            while pos < n && input[pos] != 0x0A { pos += 1 }
            header = String(decoding: input[headerStart..<pos], as: UTF8.self)
            if pos >= n { return }
            pos += 1
            if pos >= n { return }
            if input[pos] != 0x0A {
                let hb = pos
                _ = collectBlock(inHeader: true)
                header += "\n" + String(decoding: input[hb..<pos], as: UTF8.self).trimmingCharacters(in: .newlines)
            } else {
                pos += 1
            }
            while pos < n && input[pos] == 0x0A { pos += 1 }
            while pos < n {
                switch collectBlock(inHeader: false) {
                case .cue(let c): cues.append(c)
                case .style(let s): stylesheets.append(s)
                case .region(let r): regions.append(r)
                case .none: break
                }
                while pos < n && input[pos] == 0x0A { pos += 1 }
            }
        }

        enum Block { case cue(RawCue), style(String), region(VTTRegion), none }

        mutating func collectBlock(inHeader: Bool) -> Block {
            let n = input.count
            var lineCount = 0
            var previous = pos
            var buffer: [UInt8] = []
            var seenEOF = false
            var seenArrow = false
            // The cue being collected (valid when `hasCue`).
            var cue = RawCue(start: 0, end: 0, id: 0..<0, text: 0..<0, block: 0..<0, settings: -1)
            var hasCue = false
            // The id line(s): the input from the block's start to the end of the last line before
            // the timings (contiguous, like the text lines below).
            var bufferEnd = pos
            // Cue text lines are contiguous in the (LF-normalized) input: their joined text is the
            // input slice from the first to the end of the last, so it is taken once, not copied line by line.
            var textStart = -1, textEnd = -1
            let blockStart = pos
            var isStyle = false
            var isRegion = false
            while true {
                let ls = pos
                pos = lineEnd(from: pos)
                let line = input[ls..<pos]
                lineCount += 1
                if pos >= n { seenEOF = true } else { pos += 1 }
                if containsArrow(line) {
                    if !inHeader && (lineCount == 1 || (lineCount == 2 && !seenArrow)) {
                        seenArrow = true
                        previous = pos
                        cue = RawCue(start: 0, end: 0, id: buffer.isEmpty ? 0..<0 : blockStart..<bufferEnd, text: 0..<0, block: 0..<0, settings: -1)
                        if parseTimingsAndSettings(line, into: &cue) {
                            hasCue = true
                            buffer = []
                            seenCue = true
                        } else {
                            hasCue = false
                            skipped += 1
                        }
                    } else {
                        pos = previous
                        break
                    }
                } else if line.isEmpty {
                    break
                } else {
                    if !inHeader && lineCount == 2 && !seenCue {
                        if startsWithKeyword(buffer, "STYLE") {
                            isStyle = true
                            buffer = []
                        } else if startsWithKeyword(buffer, "REGION") {
                            isRegion = true
                            buffer = []
                        }
                    }
                    if hasCue {
                        if textStart < 0 { textStart = ls }
                        textEnd = line.endIndex
                    } else {
                        if !buffer.isEmpty { buffer.append(0x0A) }
                        buffer.append(contentsOf: line)
                        bufferEnd = line.endIndex
                    }
                    previous = pos
                }
                if seenEOF { break }
            }
            if hasCue {
                cue.text = textStart < 0 ? 0..<0 : textStart..<textEnd
                var end = pos
                while end > blockStart && input[end - 1] == 0x0A { end -= 1 }
                cue.block = blockStart..<max(blockStart, end)
                return .cue(cue)
            }
            if isStyle { return .style(String(decoding: buffer, as: UTF8.self)) }
            if isRegion { return .region(parseRegion(buffer)) }
            return .none
        }

        /// The offset of the next LF at or after `from` (the input's end if none): memchr.
        func lineEnd(from: Int) -> Int { TextTools.firstIndex(of: 0x0A, in: input, from: from) ?? input.count }

        /// Whether the line holds `-->`: each `>` found with memchr, then the two bytes before it.
        func containsArrow(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
            guard line.count >= 3 else { return false }
            var from = line.startIndex + 2
            while let k = TextTools.firstIndex(of: 0x3E, in: input, from: from, to: line.endIndex) {
                if input[k - 1] == 0x2D && input[k - 2] == 0x2D { return true }
                from = k + 1
            }
            return false
        }

        func startsWithKeyword(_ buf: [UInt8], _ word: String) -> Bool {
            let w = Array(word.utf8)
            guard buf.count >= w.count, Array(buf[0..<w.count]) == w else { return false }
            return buf[w.count...].allSatisfy(isASCIIWhitespace)
        }

        mutating func parseTimingsAndSettings(_ line: Slice<UnsafeBufferPointer<UInt8>>, into cue: inout RawCue) -> Bool {
            // The line's bytes where they are (a copy per cue cost more than the parsing).
            let bytes = UnsafeBufferPointer(rebasing: line)
            var p = 0
            func timestamp(_ p: inout Int) -> Double? {
                let from = p
                if let t = WebVTTParser.collectTimestamp(bytes, &p) { return t }
                guard lenient else { return nil }
                p = from
                var q = p
                while q < bytes.count, isASCIIDigit(bytes[q]) || bytes[q] == 0x3A || bytes[q] == 0x2E || bytes[q] == 0x2C { q += 1 }
                // (A time runs up to a space, the arrow or the line's end: "00:00:01.000x" is none.)
                guard q == bytes.count || bytes[q] == 0x20 || bytes[q] == 0x09 || bytes[q] == 0x2D,
                      let t = SRTParser.parseTime(bytes: UnsafeBufferPointer(rebasing: bytes[p..<q])) else { return nil }
                p = q
                return t
            }
            skipWhitespace(bytes, &p)
            guard let start = timestamp(&p) else { return false }
            skipWhitespace(bytes, &p)
            guard p + 2 < bytes.count, bytes[p] == 0x2D, bytes[p + 1] == 0x2D, bytes[p + 2] == 0x3E else { return false }
            p += 3
            skipWhitespace(bytes, &p)
            guard let end = timestamp(&p) else { return false }
            cue.start = start
            cue.end = end
            // Most cues carry no settings: the defaults then, without splitting an empty list.
            if bytes[p...].contains(where: { !isASCIIWhitespace($0) }) {
                let parsed = WebVTTParser.parseSettings(Array(bytes[p...]), regions: regions)
                if parsed != CueSettings() {
                    cue.settings = Int32(settings.count)
                    settings.append(parsed)
                }
            }
            return true
        }

        func parseRegion(_ buffer: [UInt8]) -> VTTRegion {
            var r = VTTRegion()
            for setting in splitOnSpaces(buffer) {
                guard let colon = setting.firstIndex(of: 0x3A), colon != 0, colon != setting.count - 1 else { continue }
                let name = String(decoding: setting[..<colon], as: UTF8.self)
                let value = Array(setting[(colon + 1)...])
                switch name {
                case "id": r.id = String(decoding: value, as: UTF8.self)
                case "width": if let v = WebVTTParser.parsePercentage(value) { r.width = v }
                case "lines":
                    guard value.allSatisfy(isASCIIDigit), let v = Double(String(decoding: value, as: UTF8.self)) else { continue }
                    r.lines = v
                case "regionanchor", "viewportanchor":
                    guard let comma = value.firstIndex(of: 0x2C),
                          let x = WebVTTParser.parsePercentage(Array(value[..<comma])),
                          let y = WebVTTParser.parsePercentage(Array(value[(comma + 1)...])) else { continue }
                    if name == "regionanchor" { r.regionAnchorX = x; r.regionAnchorY = y } else { r.viewportAnchorX = x; r.viewportAnchorY = y }
                case "scroll":
                    if value == Array("up".utf8) { r.scroll = "up" }
                default: continue
                }
            }
            return r
        }
    }

    /// The spec's "collect a WebVTT timestamp" at `p`; nil on failure.
    static func collectTimestamp(_ s: [UInt8], _ p: inout Int) -> Double? {
        s.withUnsafeBufferPointer { collectTimestamp($0, &p) }
    }

    static func collectTimestamp(_ s: UnsafeBufferPointer<UInt8>, _ p: inout Int) -> Double? {
        if let t = quickTimestamp(s, &p) { return t }
        return collectTimestampInFull(s, &p)
    }

    /// The shapes nearly every file uses, `00:01:02.345`, `1:02:03.456` and `01:02.345`, read in
    /// place; nil (with `p` unmoved) for anything else, which the full algorithm then reads.
    /// Computes the same sum, in the same order, as the full algorithm.
    @inline(__always)
    static func quickTimestamp(_ s: UnsafeBufferPointer<UInt8>, _ p: inout Int) -> Double? {
        let n = s.count
        var q = p
        @inline(__always) func d(_ i: Int) -> Int { Int(s[q + i] &- 0x30) }
        @inline(__always) func isDigit(_ i: Int) -> Bool { s[q + i] &- 0x30 < 10 }
        // One-digit hours: read as two with the first a zero, shifted back one byte.
        var h = 0
        if q + 11 <= n && s[q + 1] == 0x3A && isDigit(0) {
            h = d(0)
            q -= 1
            guard isDigit(3), isDigit(4), s[q + 5] == 0x3A else { return nil }
        } else {
            guard q + 9 <= n, s[q + 2] == 0x3A, isDigit(0), isDigit(1), isDigit(3), isDigit(4) else { return nil }
            h = d(0) * 10 + d(1)
        }
        if s[q + 5] == 0x3A {
            guard q + 12 <= n, s[q + 8] == 0x2E, isDigit(6), isDigit(7), isDigit(9), isDigit(10), isDigit(11),
                  q + 12 == n || !isDigit(12) else { return nil }
            let m = d(3) * 10 + d(4), sec = d(6) * 10 + d(7), ms = d(9) * 100 + d(10) * 10 + d(11)
            guard m <= 59, sec <= 59 else { return nil }
            p = q + 12
            return Double(h) * 3600 + Double(m) * 60 + Double(sec) + Double(ms) / 1000
        }
        guard s[q + 5] == 0x2E, isDigit(6), isDigit(7), isDigit(8), q + 9 == n || !isDigit(9) else { return nil }
        let m = h, sec = d(3) * 10 + d(4), ms = d(6) * 100 + d(7) * 10 + d(8)
        guard m <= 59, sec <= 59 else { return nil }
        p = q + 9
        return 0.0 * 3600 + Double(m) * 60 + Double(sec) + Double(ms) / 1000
    }

    static func collectTimestampInFull(_ s: UnsafeBufferPointer<UInt8>, _ p: inout Int) -> Double? {
        var hoursMostSignificant = false
        guard p < s.count, isASCIIDigit(s[p]) else { return nil }
        func digits(_ p: inout Int) -> (value: Double, count: Int) {
            var v = 0.0, c = 0
            while p < s.count && isASCIIDigit(s[p]) {
                v = v * 10 + Double(s[p] - 0x30)
                c += 1
                p += 1
            }
            return (v, c)
        }
        var (v1, c1) = digits(&p)
        if c1 != 2 || v1 > 59 { hoursMostSignificant = true }
        guard p < s.count, s[p] == 0x3A else { return nil }
        p += 1
        var (v2, c2) = digits(&p)
        guard c2 == 2 else { return nil }
        var v3: Double
        if hoursMostSignificant || (p < s.count && s[p] == 0x3A) {
            guard p < s.count, s[p] == 0x3A else { return nil }
            p += 1
            let (x, c3) = digits(&p)
            guard c3 == 2 else { return nil }
            v3 = x
        } else {
            v3 = v2
            v2 = v1
            v1 = 0
            c2 = c1
        }
        guard p < s.count, s[p] == 0x2E else { return nil }
        p += 1
        let (v4, c4) = digits(&p)
        guard c4 == 3 else { return nil }
        guard v2 <= 59, v3 <= 59 else { return nil }
        return v1 * 3600 + v2 * 60 + v3 + v4 / 1000
    }

    /// Parses a whole string as a WebVTT timestamp (for timestamp tags).
    public static func timestamp(_ text: String) -> Double? {
        let b = Array(text.utf8)
        var p = 0
        guard let t = collectTimestamp(b, &p), p == b.count else { return nil }
        return t
    }

    static func parseSettings(_ input: [UInt8], regions: [VTTRegion]) -> CueSettings {
        var cue = CueSettings()
        for setting in splitOnSpaces(input) {
            guard let colon = setting.firstIndex(of: 0x3A), colon != 0, colon != setting.count - 1 else { continue }
            let name = String(decoding: setting[..<colon], as: UTF8.self)
            let value = Array(setting[(colon + 1)...])
            let valueString = String(decoding: value, as: UTF8.self)
            switch name {
            case "region":
                cue.region = regions.last(where: { $0.id == valueString })?.id
            case "vertical":
                if valueString == "rl" { cue.vertical = .rl } else if valueString == "lr" { cue.vertical = .lr }
                if cue.vertical != .horizontal { cue.region = nil }
            case "line":
                var linepos = value
                var linealign: [UInt8]?
                if let comma = value.firstIndex(of: 0x2C) {
                    linepos = Array(value[..<comma])
                    linealign = Array(value[(comma + 1)...])
                }
                guard linepos.contains(where: isASCIIDigit) else { continue }
                let number: Double
                if linepos.last == 0x25 {
                    guard let v = parsePercentage(linepos) else { continue }
                    number = v
                } else {
                    guard linepos.allSatisfy({ $0 == 0x2D || $0 == 0x2E || isASCIIDigit($0) }) else { continue }
                    guard !linepos.dropFirst().contains(0x2D) else { continue }
                    let dots = linepos.indices.filter { linepos[$0] == 0x2E }
                    guard dots.count <= 1 else { continue }
                    if let d = dots.first {
                        guard d > 0, d < linepos.count - 1, isASCIIDigit(linepos[d - 1]), isASCIIDigit(linepos[d + 1]) else { continue }
                    }
                    guard let v = parseFloat(linepos) else { continue }
                    number = v
                }
                if let la = linealign {
                    switch String(decoding: la, as: UTF8.self) {
                    case "start": cue.lineAlign = "start"
                    case "center": cue.lineAlign = "center"
                    case "end": cue.lineAlign = "end"
                    default: continue
                    }
                }
                cue.line = number
                cue.snapToLines = linepos.last != 0x25
                cue.region = nil
            case "position":
                var colpos = value
                var colalign: [UInt8]?
                if let comma = value.firstIndex(of: 0x2C) {
                    colpos = Array(value[..<comma])
                    colalign = Array(value[(comma + 1)...])
                }
                guard let number = parsePercentage(colpos) else { continue }
                if let ca = colalign {
                    switch String(decoding: ca, as: UTF8.self) {
                    case "line-left": cue.positionAlign = "line-left"
                    case "center": cue.positionAlign = "center"
                    case "line-right": cue.positionAlign = "line-right"
                    default: continue
                    }
                }
                cue.position = number
            case "size":
                guard let number = parsePercentage(value) else { continue }
                cue.size = number
                if number != 100 { cue.region = nil }
            case "align":
                if ["start", "center", "end", "left", "right"].contains(valueString) { cue.align = valueString }
            default:
                continue
            }
        }
        return cue
    }

    /// `digits[.digits]%` in 0...100.
    static func parsePercentage(_ s: [UInt8]) -> Double? {
        guard s.count >= 2, s.last == 0x25 else { return nil }
        let body = s.dropLast()
        var i = body.startIndex
        var intDigits = 0
        while i < body.endIndex && isASCIIDigit(body[i]) { i += 1; intDigits += 1 }
        guard intDigits > 0 else { return nil }
        if i < body.endIndex {
            guard body[i] == 0x2E else { return nil }
            i += 1
            var frac = 0
            while i < body.endIndex && isASCIIDigit(body[i]) { i += 1; frac += 1 }
            guard frac > 0, i == body.endIndex else { return nil }
        }
        guard let v = parseFloat(Array(body)), v >= 0, v <= 100 else { return nil }
        return v
    }

    /// HTML's rules for parsing floating-point number values, for the inputs WebVTT allows.
    static func parseFloat(_ s: [UInt8]) -> Double? {
        // Values that round past the largest double are an error (HTML maps them to ±2^1024).
        guard let v = Double(String(decoding: s, as: UTF8.self)), v.isFinite else { return nil }
        return v == 0 ? 0 : v  // no negative zero
    }
}

@inline(__always) func isASCIIDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
@inline(__always) func isASCIIWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }

func skipWhitespace(_ s: [UInt8], _ p: inout Int) {
    while p < s.count && isASCIIWhitespace(s[p]) { p += 1 }
}

func skipWhitespace(_ s: UnsafeBufferPointer<UInt8>, _ p: inout Int) {
    while p < s.count && isASCIIWhitespace(s[p]) { p += 1 }
}

func splitOnSpaces(_ s: [UInt8]) -> [[UInt8]] {
    var out: [[UInt8]] = []
    var cur: [UInt8] = []
    for b in s {
        if isASCIIWhitespace(b) {
            if !cur.isEmpty { out.append(cur); cur = [] }
        } else {
            cur.append(b)
        }
    }
    if !cur.isEmpty { out.append(cur) }
    return out
}
