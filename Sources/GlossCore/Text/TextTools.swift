import Foundation

/// Small text helpers shared by the readers.
public enum TextTools {
    /// Invisible characters used as e-mail padding (and never meaningful in reading text).
    @inline(__always) public static func isInvisiblePadding(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x034F, 0x200B, 0x2060, 0xFEFF, 0x180E, 0x00AD, 0x2061...0x2064: return true
        default: return false
        }
    }

    /// Removes invisible padding and collapses whitespace runs (including newlines) to one space.
    public static func clean(_ s: Substring) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in s.unicodeScalars {
            if isInvisiblePadding(u) { continue }
            if u.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(u)
        }
        return String(out)
    }

    public static func clean(_ s: String) -> String { clean(Substring(s)) }

    /// Whether a line holds only whitespace and invisible padding.
    public static func isBlank(_ s: Substring) -> Bool {
        s.unicodeScalars.allSatisfy { $0.properties.isWhitespace || isInvisiblePadding($0) }
    }

    /// Number of words (runs of letters/digits).
    public static func wordCount(_ s: String) -> Int {
        var n = 0
        var inWord = false
        for b in s.utf8 {
            let isSep = b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
            if isSep { inWord = false } else if !inWord { inWord = true; n += 1 }
        }
        return n
    }

    /// Lines of a UTF-8 buffer with their byte ranges (LF, CR or CRLF endings).
    public static func lines(_ bytes: [UInt8]) -> [(range: Range<Int>, text: Substring)] {
        var out: [(Range<Int>, Substring)] = []
        let whole = String(decoding: bytes, as: UTF8.self)
        let utf8 = whole.utf8
        var start = utf8.startIndex
        var offset = 0
        var lineStartOffset = 0
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let b = utf8[i]
            if b == 0x0A || b == 0x0D {
                out.append((lineStartOffset..<offset, whole[start..<i]))
                var next = utf8.index(after: i)
                offset += 1
                if b == 0x0D, next != utf8.endIndex, utf8[next] == 0x0A {
                    next = utf8.index(after: next)
                    offset += 1
                }
                i = next
                start = i
                lineStartOffset = offset
                continue
            }
            i = utf8.index(after: i)
            offset += 1
        }
        if lineStartOffset < offset { out.append((lineStartOffset..<offset, whole[start..<utf8.endIndex])) }
        return out
    }

    /// Whether a line looks like a heading: short, no final sentence punctuation.
    public static func looksLikeHeading(_ line: String, maxWords: Int = 14) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.count <= 100, wordCount(t) <= maxWords else { return false }
        var last = t.last!
        var trimmed = Substring(t)
        while "\"'”’)»".contains(last), trimmed.count > 1 {
            trimmed = trimmed.dropLast()
            last = trimmed.last!
        }
        if ".,;:!…".contains(last) { return false }
        if last == "?" { return wordCount(t) <= 10 && t.first!.isUppercase }
        return t.first!.isUppercase || t.first!.isNumber || "\"“'‘".contains(t.first!)
    }
}
