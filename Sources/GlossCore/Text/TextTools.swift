import Foundation

/// Small text helpers shared by the readers.
public enum TextTools {
    /// Tests on eight bytes read as one little-endian word, for the ASCII fast paths.
    enum Word8 {
        static let high: UInt64 = 0x8080_8080_8080_8080

        /// Reads eight bytes at `offset` (the caller checks that they are there).
        @inline(__always) static func load(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
            base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        }

        /// Every byte below 0x80.
        @inline(__always) static func isASCII(_ w: UInt64) -> Bool { w & high == 0 }

        /// For an ASCII word: every byte at least 0x20 (no C0 control).
        @inline(__always) static func hasNoControl(_ w: UInt64) -> Bool { (w &+ 0x6060_6060_6060_6060) & high == high }

        /// For an ASCII word: no DEL (0x7F).
        @inline(__always) static func hasNoDelete(_ w: UInt64) -> Bool { (w &+ 0x0101_0101_0101_0101) & high == 0 }

        /// The high bit of each byte equal to `byte`, and no other bit (exact, for any bytes:
        /// the bytes of `w ^ byte…` that are zero).
        @inline(__always) static func bytes(_ w: UInt64, equalTo byte: UInt8) -> UInt64 {
            let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            let x = w ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
            return ~(((x & low7) &+ low7) | x) & high
        }

        /// The high bit of each byte below 0x20 (a C0 control), and no other bit (exact).
        @inline(__always) static func controls(_ w: UInt64) -> UInt64 {
            let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            // A byte's low seven bits plus 0x60 reach 0x80 exactly when they are 0x20 or more;
            // bytes with the high bit set are not controls.
            return ~(((w & low7) &+ 0x6060_6060_6060_6060) | w) & high
        }

        /// The high bit of each byte that is a space.
        @inline(__always) static func spaces(_ w: UInt64) -> UInt64 { bytes(w, equalTo: 0x20) }
    }

    /// Invisible characters used as e-mail padding (and never meaningful in reading text).
    @inline(__always) public static func isInvisiblePadding(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x034F, 0x200B, 0x2060, 0xFEFF, 0x180E, 0x00AD, 0x2061...0x2064: return true
        default: return false
        }
    }

    /// Whitespace beyond ASCII that separates words.
    @inline(__always) static func isUnicodeSpace(_ v: UInt32) -> Bool {
        v == 0x85 || v == 0xA0 || v == 0x1680 || (0x2000...0x200A).contains(v) || v == 0x2028 || v == 0x2029
            || v == 0x202F || v == 0x205F || v == 0x3000
    }

    /// Removes invisible padding and collapses whitespace runs (including newlines) to one space.
    /// Works on UTF-8 bytes; the common all-clean case returns the input unchanged.
    public static func clean(_ s: Substring) -> String {
        var str = s
        return str.withUTF8 { buf -> String in
            var out = [UInt8]()
            out.reserveCapacity(buf.count)
            let changed = appendClean(buf, to: &out)
            if !changed && out.count == buf.count { return String(s) }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Appends the bytes of `clean` applied to `buf` to `out`; whether anything was left out or
    /// changed.
    @discardableResult
    static func appendClean(_ buf: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        let n = buf.count
        let first = out.count
        var pendingSpace = false
        var i = 0
        var changed = false
        let base = UnsafeRawPointer(buf.baseAddress)
        while i < n {
            // A run of eight-byte words of printable ASCII with no two spaces side by side is
            // copied in one go (a space that ends it waits, as below, in case it ends the text).
            if let base, i + 8 <= n {
                var j = i
                var pending = pendingSpace, started = out.count > first
                while j + 8 <= n {
                    let w = Word8.load(base, j)
                    guard Word8.isASCII(w), Word8.hasNoControl(w) else { break }
                    let spaces = Word8.spaces(w)
                    guard spaces & (spaces >> 8) == 0, !(spaces & 0x80 != 0 && (pending || !started)) else { break }
                    pending = spaces >> 63 != 0
                    started = true
                    j += 8
                }
                if j > i {
                    if pendingSpace { out.append(0x20) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<(pending ? j - 1 : j)]))
                    pendingSpace = pending
                    i = j
                    continue
                }
            }
            let b = buf[i]
            if b < 0x80 {
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C || b == 0x0B {
                    if b != 0x20 || pendingSpace || out.count == first { changed = true }
                    pendingSpace = out.count > first
                } else {
                    if pendingSpace { out.append(0x20); pendingSpace = false }
                    out.append(b)
                }
                i += 1
                continue
            }
            let len = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            guard i + len <= n else { out.append(contentsOf: buf[i..<n]); break }
            var v: UInt32
            switch len {
            case 2: v = UInt32(b & 0x1F) << 6 | UInt32(buf[i + 1] & 0x3F)
            case 3: v = UInt32(b & 0x0F) << 12 | UInt32(buf[i + 1] & 0x3F) << 6 | UInt32(buf[i + 2] & 0x3F)
            default: v = UInt32(b & 0x07) << 18 | UInt32(buf[i + 1] & 0x3F) << 12 | UInt32(buf[i + 2] & 0x3F) << 6 | UInt32(buf[i + 3] & 0x3F)
            }
            if let u = Unicode.Scalar(v), isInvisiblePadding(u) {
                changed = true
            } else if isUnicodeSpace(v) {
                changed = true
                pendingSpace = out.count > first
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(contentsOf: buf[i..<(i + len)])
            }
            i += len
        }
        if pendingSpace { changed = true }
        return changed
    }

    public static func clean(_ s: String) -> String {
        guard let (a, b) = cleanRange(s) else { return clean(Substring(s)) }
        return a == 0 && b == s.utf8.count ? s : String(slice(s, a, b))
    }

    /// `clean` as a slice: text that only needs its end spaces trimmed is not copied.
    public static func cleanSlice(_ s: String) -> Substring {
        guard let (a, b) = cleanRange(s) else { return Substring(clean(Substring(s))) }
        return slice(s, a, b)
    }

    /// Byte offsets of `s` without its end spaces, when what is left is text `clean` leaves as
    /// it is: the common case (most text is clean; Whisper cues start with a space), which then
    /// needs no rebuilding.
    static func cleanRange(_ s: String) -> (Int, Int)? {
        s.utf8.withContiguousStorageIfAvailable { buf -> (Int, Int)? in
            cleanRange(buf).map { ($0.lowerBound, $0.upperBound) }
        } ?? nil
    }

    /// `cleanRange` over bytes: the range without the end spaces, when what is left is clean.
    static func cleanRange(_ buf: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var start = 0, end = buf.count
        while start < end, buf[start] == 0x20 { start += 1 }
        while end > start, buf[end - 1] == 0x20 { end -= 1 }
        return isCleanText(UnsafeBufferPointer(rebasing: buf[start..<end])) ? start..<end : nil
    }

    /// The part of `s` at UTF-8 offsets `r` (which must fall on character boundaries).
    static func slice(_ s: Substring, _ r: Range<Int>) -> Substring {
        let u = s.utf8
        let lo = u.index(u.startIndex, offsetBy: r.lowerBound)
        return s[lo..<u.index(lo, offsetBy: r.count)]
    }

    static func slice(_ s: String, _ a: Int, _ b: Int) -> Substring {
        let u = s.utf8
        return s[u.index(u.startIndex, offsetBy: a)..<u.index(u.startIndex, offsetBy: b)]
    }

    /// Text `clean` leaves as it is: single inner spaces, none at either end, no other
    /// whitespace, no invisible padding (non-ASCII letters and punctuation are fine).
    static func isCleanText(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var prevSpace = true
        var i = 0
        let n = u.count
        let base = UnsafeRawPointer(u.baseAddress)
        while i < n {
            // Printable ASCII eight bytes at a time: no high bit, no control byte, no space beside
            // another (within the word or across from the previous byte). Anything else is
            // looked at byte by byte below.
            if let base, i + 8 <= n {
                let w = Word8.load(base, i)
                if Word8.isASCII(w), Word8.hasNoControl(w) {
                    let spaces = Word8.spaces(w)
                    if spaces & (spaces >> 8) == 0 && !(prevSpace && spaces & 0x80 != 0) {
                        prevSpace = spaces >> 63 != 0
                        i += 8
                        continue
                    }
                }
            }
            let b = u[i]
            if b < 0x80 {
                if b < 0x20 { return false }
                if b == 0x20 {
                    if prevSpace { return false }
                    prevSpace = true
                } else {
                    prevSpace = false
                }
                i += 1
                continue
            }
            prevSpace = false
            let len = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            guard i + len <= n else { return false }
            let b1 = u[i + 1], b2: UInt8 = len > 2 ? u[i + 2] : 0
            switch b {
            case 0xC2 where b1 == 0x85 || b1 == 0xA0 || b1 == 0xAD: return false            // NEL, NBSP, soft hyphen
            case 0xCD where b1 == 0x8F: return false                                          // U+034F
            case 0xE1 where (b1 == 0x9A && b2 == 0x80) || (b1 == 0xA0 && b2 == 0x8E): return false
            case 0xE2 where b1 == 0x80 && (b2 <= 0x8B || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF): return false
            case 0xE2 where b1 == 0x81 && b2 >= 0x9F && b2 <= 0xA4: return false
            case 0xE3 where b1 == 0x80 && b2 == 0x80: return false                           // U+3000
            case 0xEF where b1 == 0xBB && b2 == 0xBF: return false                           // U+FEFF
            default: break
            }
            i += len
        }
        return !prevSpace || n == 0
    }

    /// Trims ASCII spaces and tabs from both ends (no Foundation, no copies when nothing to trim).
    public static func trimSpaces(_ s: Substring) -> String { String(trimmedSlice(s)) }

    /// `trimSpaces` as a slice of the input (trailing CR trimmed too).
    public static func trimmedSlice(_ s: Substring) -> Substring {
        // The bytes to keep, over the contiguous bytes when there are some (a copy otherwise).
        let u = s.utf8
        let r = u.withContiguousStorageIfAvailable { trimmedRange($0, 0..<$0.count) }
            ?? Array(u).withUnsafeBufferPointer { trimmedRange($0, 0..<$0.count) }
        if r.lowerBound == 0 && r.upperBound == u.count { return s }
        return slice(s, r)
    }

    /// `r` without the bytes `trimmedSlice` drops: spaces and tabs in front, spaces, tabs and a
    /// CR behind.
    @inline(__always)
    static func trimmedRange(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Range<Int> {
        var a = r.lowerBound, e = r.upperBound
        while a < e && (u[a] == 0x20 || u[a] == 0x09) { a += 1 }
        while e > a && (u[e - 1] == 0x20 || u[e - 1] == 0x09 || u[e - 1] == 0x0D) { e -= 1 }
        return a..<e
    }

    /// Whether a line holds only whitespace and invisible padding.
    public static func isBlank(_ s: Substring) -> Bool {
        // Bytes first: most lines answer at their first byte (ASCII, not a space); only a line
        // with non-ASCII bytes and no ASCII text is looked at scalar by scalar.
        let ascii: Bool? = s.utf8.withContiguousStorageIfAvailable { u in
            for b in u {
                if b >= 0x80 { return nil }
                if b != 0x20 && (b < 0x09 || b > 0x0D) { return false }
            }
            return true
        } ?? nil
        if let ascii { return ascii }
        return s.unicodeScalars.allSatisfy { $0.properties.isWhitespace || isInvisiblePadding($0) }
    }

    /// Number of words (runs of letters/digits).
    public static func wordCount(_ s: String) -> Int {
        s.utf8.withContiguousStorageIfAvailable { wordCount($0) } ?? Array(s.utf8).withUnsafeBufferPointer { wordCount($0) }
    }

    /// Counts separator → word transitions (separators: space, tab, LF, CR), eight bytes at a
    /// time: each byte's separator flag, shifted one byte on, says whether a word starts there.
    static func wordCount(_ u: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0, i = 0
        var previousSep: UInt64 = 1
        if let base = u.baseAddress {
            while i + 8 <= u.count {
                let x = Word8.load(base, i)
                // Spaces are the only separators of most words; the other three are looked for
                // only when the word has a control byte.
                var sep = Word8.bytes(x, equalTo: 0x20)
                if Word8.controls(x) != 0 {
                    sep |= Word8.bytes(x, equalTo: 0x0A) | Word8.bytes(x, equalTo: 0x09) | Word8.bytes(x, equalTo: 0x0D)
                }
                // Word starts as one bit per byte, summed by a multiply (the build targets plain
                // x86-64, where a population count is a loop).
                let starts = (~sep & Word8.high & (sep << 8 | previousSep << 7)) >> 7
                n &+= Int(truncatingIfNeeded: (starts &* 0x0101_0101_0101_0101) >> 56)
                previousSep = sep >> 63
                i += 8
            }
        }
        var prev = previousSep == 1
        while i < u.count {
            let b = u[i]
            let isSep = b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
            n &+= (prev && !isSep) ? 1 : 0
            prev = isSep
            i += 1
        }
        return n
    }

    /// Lines of a UTF-8 buffer with their byte ranges (LF, CR or CRLF endings).
    /// - Parameter text: the bytes as a String, when the caller has made it already (it must be
    ///   exactly `String(decoding: bytes, as: UTF8.self)`).
    public static func lines(_ bytes: [UInt8], text: String? = nil) -> [(range: Range<Int>, text: Substring)] {
        var whole = text ?? String(decoding: bytes, as: UTF8.self)
        // Byte ranges from one scan of the buffer; the slices are cut from them afterwards.
        let ranges: [Range<Int>] = whole.withUTF8 { u in
            var r: [Range<Int>] = []
            r.reserveCapacity(u.count / 48 + 1)
            var start = 0, i = 0
            let n = u.count
            if firstIndex(of: 0x0D, in: u) == nil {
                // LF only (most files): memchr from line end to line end.
                while let lf = firstIndex(of: 0x0A, in: u, from: start) {
                    r.append(start..<lf)
                    start = lf + 1
                }
                if start < n { r.append(start..<n) }
                return r
            }
            while i < n {
                let b = u[i]
                if b == 0x0A || b == 0x0D {
                    r.append(start..<i)
                    i += (b == 0x0D && i + 1 < n && u[i + 1] == 0x0A) ? 2 : 1
                    start = i
                } else {
                    i += 1
                }
            }
            if start < n { r.append(start..<n) }
            return r
        }
        return Array(zip(ranges, slices(whole, ranges)).lazy.map { (range: $0.0, text: $0.1) })
    }

    /// Whether `needle` occurs in `haystack`.
    public static func contains(_ haystack: [UInt8], bytes needle: [UInt8]) -> Bool {
        haystack.withUnsafeBytes { h in needle.withUnsafeBytes { firstOffset(of: $0, in: h) != nil } }
    }

    /// Offset of the first `byte` in `buf[from..<to]` (memchr), or nil.
    @inline(__always)
    public static func firstIndex(of byte: UInt8, in buf: UnsafeBufferPointer<UInt8>, from: Int = 0, to: Int? = nil) -> Int? {
        let end = to ?? buf.count
        guard let base = buf.baseAddress, from < end, let hit = memchr(base + from, Int32(byte), end - from) else { return nil }
        return UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// Whether the text's bytes hold `a` or `b` (memchr on contiguous text).
    public static func containsEither(_ a: UInt8, _ b: UInt8, in text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { firstIndex(of: a, in: $0) != nil || firstIndex(of: b, in: $0) != nil }
            ?? text.utf8.contains { $0 == a || $0 == b }
    }

    /// Byte offset of the first occurrence of `needle` in `hay`: memchr for the needle's rarest
    /// byte (in English text), then memcmp around it, so a search for `content_type:` stops at
    /// each `_`, not at each `c`. (Foundation's generic `firstRange(of:)` on byte arrays is
    /// orders of magnitude slower.) An empty needle is found at 0.
    static func firstOffset(of needle: UnsafeRawBufferPointer, in hay: UnsafeRawBufferPointer) -> Int? {
        guard !needle.isEmpty else { return 0 }
        guard let base = hay.baseAddress, let nb = needle.baseAddress, hay.count >= needle.count else { return nil }
        var pick = 0
        for k in 1..<needle.count where commonness(needle[k]) < commonness(needle[pick]) { pick = k }
        let rare = Int32(needle[pick])
        // The rare byte of a match sits at `pick` within it: look for it from `pick` on.
        var at = pick
        let lastStart = hay.count - needle.count
        while at <= lastStart + pick, let hit = memchr(base + at, rare, lastStart + pick - at + 1) {
            let k = base.distance(to: UnsafeRawPointer(hit)) - pick
            if memcmp(base + k, nb, needle.count) == 0 { return k }
            at = k + pick + 1
        }
        return nil
    }

    /// How common a byte is in English prose, roughly (0 = rare): spaces and lower-case letters
    /// by their frequency, everything else rare.
    @inline(__always) static func commonness(_ b: UInt8) -> Int {
        switch b {
        case 0x20: return 30
        case 0x65: return 26   // e
        case 0x74, 0x61, 0x6F: return 24   // t a o
        case 0x69, 0x6E, 0x73, 0x72, 0x68: return 22   // i n s r h
        case 0x61...0x7A: return 12
        case 0x41...0x5A, 0x2C, 0x2E: return 4
        default: return 0
        }
    }

    /// Slices of `text` at ascending, non-overlapping UTF-8 byte ranges whose ends fall on
    /// character boundaries (line breaks are ASCII, so line ranges always do).
    public static func slices(_ text: String, _ ranges: [Range<Int>]) -> [Substring] {
        var out: [Substring] = []
        out.reserveCapacity(ranges.count)
        let u = text.utf8
        var index = u.startIndex
        var at = 0
        for r in ranges {
            // Empty lines (a third of a typical file) need no index arithmetic.
            if r.isEmpty { out.append(Substring()); continue }
            index = u.index(index, offsetBy: r.lowerBound - at)
            let end = u.index(index, offsetBy: r.count)
            out.append(text[index..<end])
            index = end
            at = r.upperBound
        }
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

extension StringProtocol {
    /// Byte-level substring test (Foundation's `contains` goes through NSString).
    public func has(_ needle: String) -> Bool {
        var n = needle
        return n.withUTF8 { utf8Range(of: UnsafeRawBufferPointer($0)) != nil }
    }

    /// Byte-level `range(of:)` for an ASCII needle (no Foundation, no NSString bridging).
    public func asciiRange(of needle: StaticString) -> Range<Index>? {
        guard needle.utf8CodeUnitCount > 0 else { return nil }
        return utf8Range(of: UnsafeRawBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount))
    }

    /// Where the UTF-8 bytes `needle` first occur: a buffer search on contiguous text (native
    /// strings and their slices), a walk of the UTF-8 view otherwise.
    func utf8Range(of needle: UnsafeRawBufferPointer) -> Range<Index>? {
        let u = self.utf8
        if let found = u.withContiguousStorageIfAvailable({ TextTools.firstOffset(of: needle, in: UnsafeRawBufferPointer($0)) }) {
            guard let k = found else { return nil }
            let lo = u.index(u.startIndex, offsetBy: k)
            return lo..<u.index(lo, offsetBy: needle.count)
        }
        guard let first = needle.first else { return u.startIndex..<u.startIndex }
        var i = u.startIndex
        while i != u.endIndex {
            if u[i] == first {
                var j = i, k = 0
                while k < needle.count, j != u.endIndex, u[j] == needle[k] { j = u.index(after: j); k += 1 }
                if k == needle.count { return i..<j }
            }
            i = u.index(after: i)
        }
        return nil
    }

    /// ASCII spaces and tabs trimmed from both ends.
    public var trimmedSpaces: String { TextTools.trimSpaces(Substring(self)) }
}

extension TextTools {
    /// Whether the bytes start with `p`: one `memcmp`.
    @inline(__always) static func begins(_ b: UnsafeBufferPointer<UInt8>, _ p: StaticString) -> Bool {
        let n = p.utf8CodeUnitCount
        return b.count >= n && (n == 0 || memcmp(b.baseAddress!, p.utf8Start, n) == 0)
    }
}

extension Substring {
    /// Byte-level prefix test (Substring's generic `hasPrefix` compares character by character,
    /// hundreds of instructions per call on the readers' hot paths).
    @inline(__always) public func begins(_ p: StaticString) -> Bool {
        if let r = utf8.withContiguousStorageIfAvailable({ TextTools.begins($0, p) }) { return r }
        return utf8.starts(with: UnsafeBufferPointer(start: p.utf8Start, count: p.utf8CodeUnitCount))
    }

    /// Byte-level suffix test.
    @inline(__always) public func ends(_ p: StaticString) -> Bool {
        let n = p.utf8CodeUnitCount
        if let r = utf8.withContiguousStorageIfAvailable({ b -> Bool in
            b.count >= n && (n == 0 || memcmp(b.baseAddress! + (b.count - n), p.utf8Start, n) == 0)
        }) { return r }
        return utf8.reversed().starts(with: UnsafeBufferPointer(start: p.utf8Start, count: n).reversed())
    }

    /// The slice without its first `n` UTF-8 bytes (which must end on a character boundary:
    /// callers drop ASCII prefixes they have tested). Constant time, unlike `dropFirst`, which
    /// walks characters.
    @inline(__always) public func droppingBytes(_ n: Int) -> Substring {
        self[utf8.index(startIndex, offsetBy: n)...]
    }

    /// Appends the slice's UTF-8 bytes in one copy (the generic append walks the view).
    @inline(__always) public func appendUTF8(to out: inout [UInt8]) {
        if utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil { out.append(contentsOf: utf8) }
    }
}
