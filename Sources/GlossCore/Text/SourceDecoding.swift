import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Source bytes turned into valid UTF-8, with the encoding that was detected.
public struct DecodedSource: Sendable {
    /// Valid UTF-8 (invalid sequences repaired as U+FFFD), BOM removed.
    public var bytes: [UInt8]
    /// Name of the detected encoding: `utf-8`, `utf-16le`, `gb18030`, `windows-1252`...
    public var encoding: String
    public var warnings: [String]
}

/// Detects byte-order marks and legacy encodings and produces valid UTF-8.
public enum SourceDecoding {
    /// Decodes raw file bytes. Never fails: undecodable bytes become U+FFFD with a warning.
    public static func decode(_ raw: [UInt8]) -> DecodedSource {
        // Byte-order marks first (UTF-32 before UTF-16: FF FE 00 00 starts with FF FE).
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) {
            return fromUTF8(Array(raw[3...]), label: "utf-8")
        }
        if raw.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            return transcode(Array(raw[4...]), from: "UTF-32LE", label: "utf-32le")
        }
        if raw.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            return transcode(Array(raw[4...]), from: "UTF-32BE", label: "utf-32be")
        }
        if raw.starts(with: [0xFF, 0xFE]) {
            return transcode(Array(raw[2...]), from: "UTF-16LE", label: "utf-16le")
        }
        if raw.starts(with: [0xFE, 0xFF]) {
            return transcode(Array(raw[2...]), from: "UTF-16BE", label: "utf-16be")
        }
        // No BOM: look for the zero-byte patterns of UTF-16/32 text.
        if let guess = guessWideEncoding(raw) {
            var d = transcode(raw, from: guess.iconv, label: guess.label)
            d.warnings.insert("no byte-order mark; decoded as \(guess.label)", at: 0)
            return d
        }
        return fromUTF8(raw, label: "utf-8")
    }

    /// Valid UTF-8 is kept as is; otherwise a legacy encoding is tried, else bytes are repaired.
    static func fromUTF8(_ bytes: [UInt8], label: String) -> DecodedSource {
        if isValidUTF8(bytes) { return DecodedSource(bytes: bytes, encoding: label, warnings: []) }
        let invalid = countInvalidUTF8(bytes)
        let high = bytes.reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) }
        // Mostly-invalid high bytes suggest a legacy single- or double-byte encoding.
        if invalid * 2 >= high {
            if let gb = iconvConvert(bytes, from: "GB18030"), looksCJK(gb, highBytes: high) {
                return DecodedSource(bytes: gb, encoding: "gb18030", warnings: ["not UTF-8; decoded as GB18030"])
            }
            if let cp = iconvConvert(bytes, from: "WINDOWS-1252") {
                return DecodedSource(bytes: cp, encoding: "windows-1252", warnings: ["not UTF-8; decoded as Windows-1252"])
            }
        }
        let repaired = Array(String(decoding: bytes, as: UTF8.self).utf8)
        return DecodedSource(bytes: repaired, encoding: label,
                             warnings: ["invalid UTF-8: \(invalid) byte sequence(s) replaced with U+FFFD"])
    }

    static func transcode(_ bytes: [UInt8], from: String, label: String) -> DecodedSource {
        if let out = iconvConvert(bytes, from: from) {
            return DecodedSource(bytes: out, encoding: label, warnings: [])
        }
        // Lossy fallback through the standard library decoders.
        var scalars = String.UnicodeScalarView()
        if from.hasPrefix("UTF-16") {
            let le = from.hasSuffix("LE")
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = 0
            while i + 1 < bytes.count {
                units.append(le ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            scalars.append(contentsOf: String(decoding: units, as: UTF16.self).unicodeScalars)
        } else {
            let le = from.hasSuffix("LE")
            var i = 0
            while i + 3 < bytes.count {
                let b = bytes[i..<i + 4].map(UInt32.init)
                let v = le ? b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24 : b[3] | b[2] << 8 | b[1] << 16 | b[0] << 24
                scalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
                i += 4
            }
        }
        return DecodedSource(bytes: Array(String(scalars).utf8), encoding: label,
                             warnings: ["invalid \(label) data; bad code units replaced with U+FFFD"])
    }

    /// UTF-16 without BOM shows as zero bytes in every other position of ASCII text.
    static func guessWideEncoding(_ raw: [UInt8]) -> (iconv: String, label: String)? {
        let n = min(raw.count, 4096)
        guard n >= 8 else { return nil }
        var zeroEven = 0, zeroOdd = 0
        var zero4 = [0, 0, 0, 0]
        for i in 0..<n where raw[i] == 0 {
            if i % 2 == 0 { zeroEven += 1 } else { zeroOdd += 1 }
            zero4[i % 4] += 1
        }
        let quarter = n / 4, half = n / 2
        if zero4[1] > quarter * 8 / 10 && zero4[2] > quarter * 8 / 10 && zero4[3] > quarter * 8 / 10 && zero4[0] < quarter / 10 {
            return ("UTF-32LE", "utf-32le")
        }
        if zero4[0] > quarter * 8 / 10 && zero4[1] > quarter * 8 / 10 && zero4[2] > quarter * 8 / 10 && zero4[3] < quarter / 10 {
            return ("UTF-32BE", "utf-32be")
        }
        if zeroOdd > half * 7 / 10 && zeroEven < half / 10 { return ("UTF-16LE", "utf-16le") }
        if zeroEven > half * 7 / 10 && zeroOdd < half / 10 { return ("UTF-16BE", "utf-16be") }
        return nil
    }

    static func looksCJK(_ utf8: [UInt8], highBytes: Int) -> Bool {
        let s = String(decoding: utf8, as: UTF8.self)
        var cjk = 0, other = 0
        for u in s.unicodeScalars where u.value >= 0x80 {
            if (0x4E00...0x9FFF).contains(u.value) || (0x3000...0x303F).contains(u.value) || (0xFF00...0xFFEF).contains(u.value) {
                cjk += 1
            } else {
                other += 1
            }
        }
        return cjk > 0 && cjk >= other * 4
    }

    /// Strict conversion with iconv; nil when the input is not valid in that encoding.
    static func iconvConvert(_ input: [UInt8], from: String) -> [UInt8]? {
        #if canImport(Glibc)
        if input.isEmpty { return [] }
        let cd = iconv_open("UTF-8", from)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var out = [UInt8](repeating: 0, count: input.count * 4 + 16)
        var src = input
        let produced: Int? = src.withUnsafeMutableBytes { inBuf in
            out.withUnsafeMutableBytes { outBuf in
                var inPtr = inBuf.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr = outBuf.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 { return nil }
                return outBuf.count - outLeft
            }
        }
        guard let produced else { return nil }
        out.removeSubrange(produced...)
        return isValidUTF8(out) ? out : Array(String(decoding: out, as: UTF8.self).utf8)
        #else
        return nil
        #endif
    }

    /// Fast validity check.
    public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        countInvalidUTF8(bytes, stopAtFirst: true) == 0
    }

    /// Counts invalid sequences (each maximal invalid subpart counts once).
    static func countInvalidUTF8(_ bytes: [UInt8], stopAtFirst: Bool = false) -> Int {
        bytes.withUnsafeBufferPointer { p -> Int in
            var i = 0, bad = 0
            let n = p.count
            let base = UnsafeRawPointer(p.baseAddress)
            while i < n {
                // ASCII eight bytes at a time.
                if let base, i + 8 <= n, TextTools.Word8.isASCII(TextTools.Word8.load(base, i)) {
                    i += 8
                    continue
                }
                let b = p[i]
                if b < 0x80 { i += 1; continue }
                var need = 0
                var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
                switch b {
                case 0xC2...0xDF: need = 1
                case 0xE0: need = 2; lo = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: need = 2
                case 0xED: need = 2; hi = 0x9F
                case 0xF0: need = 3; lo = 0x90
                case 0xF1...0xF3: need = 3
                case 0xF4: need = 3; hi = 0x8F
                default:
                    bad += 1; i += 1
                    if stopAtFirst { return bad }
                    continue
                }
                var j = 1
                var ok = true
                while j <= need {
                    guard i + j < n else { ok = false; break }
                    let c = p[i + j]
                    if j == 1 { if c < lo || c > hi { ok = false; break } } else if c < 0x80 || c > 0xBF { ok = false; break }
                    j += 1
                }
                if ok { i += need + 1 } else {
                    bad += 1
                    i += max(1, j)
                    if stopAtFirst { return bad }
                }
            }
            return bad
        }
    }
}
