import Foundation

/// Receives tokens from `Tokenizer.scan`.
public protocol TokenSink {
    mutating func token(_ term: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
    /// A token whose buffer may be read (not written) eight bytes past its start, whatever its
    /// length: the tokenizer's own buffer.
    mutating func token(padded term: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
    /// The folded form of a word with non-ASCII letters (a sink may remember them).
    func fold(_ word: String) -> String
}

extension TokenSink {
    public func fold(_ word: String) -> String { Tokenizer.fold(word) }
    public mutating func token(padded term: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) { token(term, range) }
}

/// Splits text into search terms: runs of letters and digits, case- and accent-folded, with
/// apostrophes dropped (`Don’t` → `dont`) and digit groups joined (`10,000` → `10000`,
/// `1.5` stays `1.5`). Works on UTF-8 bytes; only tokens with non-ASCII letters take the slow
/// folding path.
public enum Tokenizer {
    /// A token: its folded term and its UTF-8 byte range in the text.
    public struct Token: Equatable, Sendable {
        public var term: String
        public var range: Range<Int>
    }

    /// The length of the apostrophe (' or ’) at `i`, 0 when there is none.
    @inline(__always) static func apostropheLength(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        if buf[i] == 0x27 { return 1 }
        return buf[i] == 0xE2 && i + 2 < buf.count && buf[i + 1] == 0x80 && buf[i + 2] == 0x99 ? 3 : 0
    }

    @inline(__always) static func isASCIIAlnum(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
    }

    /// Byte → its lower-case form for ASCII letters and digits, 0 for every other byte: one
    /// table load per byte instead of three range tests and a case fold.
    nonisolated(unsafe) static let asciiFold: UnsafePointer<UInt8> = {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0..<256 {
            let c = UInt8(b)
            t[b] = isASCIIAlnum(c) ? ((c >= 0x41 && c <= 0x5A) ? c | 0x20 : c) : 0
        }
        return UnsafePointer(t)
    }()

    /// Calls `body` for each token of the text (terms as folded byte arrays, to avoid Strings).
    @inline(__always)
    public static func forEachToken(_ text: String, _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
        var t = text
        t.withUTF8 { buf in
            forEachToken(buf, body)
        }
    }

    public static func forEachToken(_ buf: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
        forEachToken(buf, wordAtATime: true, body)
    }

    static func forEachToken(_ buf: UnsafeBufferPointer<UInt8>, wordAtATime: Bool, _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
        withoutActuallyEscaping(body) { escapable in
            var sink = ClosureSink(body: escapable)
            scan(buf, into: &sink, wordAtATime: wordAtATime)
        }
    }

    struct ClosureSink: TokenSink {
        let body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void
        mutating func token(_ term: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) { body(term, range) }
    }

    /// The tokenizer proper, generic over its consumer so the indexer's hot loop has no closure.
    @inline(__always)
    static func scan<S: TokenSink>(_ buf: UnsafeBufferPointer<UInt8>, into sink: inout S, wordAtATime: Bool = true) {
        // The folded term is built in a raw buffer (array writes would check uniqueness per byte).
        // A term never has more bytes than the text it was read from (every byte written stands
        // for one consumed; apostrophes and group commas are consumed and not written), so a
        // buffer the size of the text needs no capacity checks.
        let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(16, buf.count))
        scratch.initialize(repeating: 0)
        defer { scratch.deallocate() }
        scan(buf, into: &sink, scratch: scratch, wordAtATime: wordAtATime)
    }

    /// `scan` with the caller's term buffer, which must hold at least `buf.count` and at least
    /// 16 bytes, all initialized (the indexer keeps one for all its paragraphs instead of
    /// allocating one each). Terms are passed to the sink in that buffer, so it may read eight
    /// bytes from a term's start (`token(padded:_:)`).
    @inline(__always)
    static func scan<S: TokenSink>(_ buf: UnsafeBufferPointer<UInt8>, into sink: inout S, scratch: UnsafeMutableBufferPointer<UInt8>,
                                   wordAtATime: Bool = true) {
        let n = buf.count
        var i = 0
        let foldTable = asciiFold
        guard let base = buf.baseAddress, let out = scratch.baseAddress else { return }
        while i < n {
            // Skip separators: eight bytes at a time up to the next ASCII letter or digit or
            // non-ASCII byte, then byte by byte (which also decides the non-ASCII cases).
            if wordAtATime {
                while i + 8 <= n {
                    let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    let stop = Tokenizer.alnumMask(w) | (w & Tokenizer.highBits)
                    if stop == 0 { i += 8; continue }
                    i += stop.trailingZeroBitCount >> 3
                    break
                }
            }
            while i < n {
                let b = buf[i]
                if foldTable[Int(b)] != 0 { break }
                if b >= 0x80, let len = nonASCIIWordScalar(buf, i) , len > 0 { break }
                i += b >= 0x80 ? max(1, scalarLength(buf[i])) : 1
            }
            if i >= n { break }
            let start = i
            var count = 0
            var nonASCII = false
            // Runs of ASCII letters and digits eight bytes at a time: folded in the register and
            // stored whole (the bytes past the run are overwritten or ignored). Whatever ends the
            // run (an apostrophe, a digit group's comma, a non-ASCII letter, the text's last
            // bytes) is left to the byte loop below, which decides it as before. The store stays
            // in the buffer: `count` never exceeds the bytes consumed, and `i + 8 <= n`.
            if wordAtATime {
                while i + 8 <= n {
                    let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    let alnum = Tokenizer.alnumMask(w)
                    let upper = Tokenizer.rangeMask(w & ~Tokenizer.highBits, 0x41, 0x5A) & ~w & Tokenizer.highBits
                    UnsafeMutableRawPointer(out + count).storeBytes(of: w | (upper >> 2), as: UInt64.self)
                    let run = (~alnum & Tokenizer.highBits).trailingZeroBitCount >> 3  // 8 when all are
                    count &+= run
                    i &+= run
                    if run < 8 { break }
                }
            }
            while i < n {
                let b = buf[i]
                let f = foldTable[Int(b)]
                if f != 0 {
                    scratch[count] = f
                    count &+= 1  // both bounded by the text's length
                    i &+= 1
                } else if case let len = apostropheLength(buf, i), len > 0 {
                    // Apostrophe between letters: dropped, the word continues.
                    if i + len < n, isASCIIAlnum(buf[i + len]) || buf[i + len] >= 0xC3, count > 0 { i += len } else { break }
                } else if (b == 0x2C || b == 0x2E), count > 0, scratch[count - 1] >= 0x30, scratch[count - 1] <= 0x39,
                          i + 1 < n, buf[i + 1] >= 0x30, buf[i + 1] <= 0x39 {
                    // Digit groups: "10,000" → 10000; decimals keep the point: "1.5".
                    if b == 0x2E {
                        scratch[count] = 0x2E
                        count += 1
                    }
                    i += 1
                } else if b >= 0x80, let len = nonASCIIWordScalar(buf, i), len > 0 {
                    nonASCII = true
                    for k in 0..<len {
                        scratch[count] = buf[i + k]
                        count += 1
                    }
                    i += len
                } else {
                    break
                }
            }
            if count == 0 { continue }
            if nonASCII {
                let folded = sink.fold(String(decoding: scratch[0..<count], as: UTF8.self))
                var f = folded
                f.withUTF8 { sink.token($0, start..<i) }
            } else {
                sink.token(padded: UnsafeBufferPointer(rebasing: scratch[0..<count]), start..<i)
            }
        }
    }

    static let highBits: UInt64 = 0x8080_8080_8080_8080
    static let ones: UInt64 = 0x0101_0101_0101_0101

    /// 0x80 in each byte of `x` (whose bytes are all below 0x80) that lies in `lo...hi`: the
    /// byte-wise sums cannot carry into the next byte.
    @inline(__always) static func rangeMask(_ x: UInt64, _ lo: UInt8, _ hi: UInt8) -> UInt64 {
        (x &+ ones &* UInt64(0x80 - lo)) & ~(x &+ ones &* UInt64(0x7F - hi)) & highBits
    }

    /// 0x80 in each byte of `w` that is an ASCII letter or digit (what `asciiFold` keeps).
    @inline(__always) static func alnumMask(_ w: UInt64) -> UInt64 {
        let x = w & ~highBits
        return (rangeMask(x | ones &* 0x20, 0x61, 0x7A) | rangeMask(x, 0x30, 0x39)) & ~w
    }

    @inline(__always) static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// Length of the non-ASCII scalar at `i` if it is a letter, digit or combining mark; 0 if it
    /// is punctuation, a symbol or space (curly quotes, dashes, NBSP...).
    @inline(__always) static func nonASCIIWordScalar(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        let lead = buf[i]
        let len = scalarLength(lead)
        guard lead >= 0xC0, i + len <= buf.count else { return 0 }
        var v: UInt32
        switch len {
        case 2: v = UInt32(lead & 0x1F) << 6 | UInt32(buf[i + 1] & 0x3F)
        case 3: v = UInt32(lead & 0x0F) << 12 | UInt32(buf[i + 1] & 0x3F) << 6 | UInt32(buf[i + 2] & 0x3F)
        default: v = UInt32(lead & 0x07) << 18 | UInt32(buf[i + 1] & 0x3F) << 12 | UInt32(buf[i + 2] & 0x3F) << 6 | UInt32(buf[i + 3] & 0x3F)
        }
        // Fast rejects for the common punctuation blocks.
        if v >= 0x2000 && v <= 0x206F { return 0 }       // general punctuation
        if v == 0xA0 || v == 0xFEFF || v == 0x034F { return 0 }
        guard let s = Unicode.Scalar(v) else { return 0 }
        let p = s.properties
        if p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark {
            return len
        }
        return 0
    }

    /// Case and accent folding for non-ASCII words.
    public static func fold(_ s: String) -> String {
        let folded = s.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return folded.utf8.contains(0xE2) ? folded.replacingOccurrences(of: "’", with: "") : folded
    }

    /// Folded forms of the non-ASCII words seen while building one index, shared by its
    /// threads: Foundation's folding takes microseconds a word, and the same names and
    /// accented words come back again and again. Bounded: emptied at 100,000 words.
    final class FoldCache: @unchecked Sendable {
        private var folded: [String: String] = [:]
        private let lock = NSLock()

        func fold(_ word: String) -> String {
            lock.lock()
            if let f = folded[word] { lock.unlock(); return f }
            lock.unlock()
            let f = Tokenizer.fold(word)
            lock.lock()
            if folded.count >= 100_000 { folded.removeAll(keepingCapacity: true) }
            folded[word] = f
            lock.unlock()
            return f
        }
    }

    /// All tokens of a text as strings (for queries and tests).
    /// - Parameter byteLoopOnly: without the eight-bytes-at-a-time paths (for the fuzz target
    ///   that checks the two agree).
    public static func tokens(_ text: String, byteLoopOnly: Bool = false) -> [Token] {
        var out: [Token] = []
        var t = text
        t.withUTF8 { buf in
            forEachToken(buf, wordAtATime: !byteLoopOnly) { term, range in
                out.append(Token(term: String(decoding: term, as: UTF8.self), range: range))
            }
        }
        return out
    }

    public static func terms(_ text: String) -> [String] { tokens(text).map(\.term) }

    /// Hyphenated compounds written solid ("pre-training" → "pretraining"), so either spelling
    /// finds the other. Indexed beside the parts, outside the word sequence; numbers alone are
    /// not joined.
    public static func compounds(_ text: String) -> [String] {
        guard text.utf8.contains(0x2D) else { return [] }
        let toks = tokens(text)
        return hyphenGroups(toks, in: Array(text.utf8)).compactMap { g in
            let joined = toks[g].map(\.term).joined()
            // (Numbers joined by hyphens are a range or a date, "1-3" not the number 13.)
            return g.count > 1 && joined.count <= 40 && joined.contains(where: \.isLetter) ? joined : nil
        }
    }

    /// The tokens in runs joined by hyphens ("state-of-the-art" is one run of four): index
    /// ranges into `tokens`, every token in exactly one run, most runs of one.
    public static func hyphenGroups(_ tokens: [Token], in bytes: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < tokens.count {
            var j = i
            while j + 1 < tokens.count, tokens[j].range.upperBound < bytes.count, bytes[tokens[j].range.upperBound] == 0x2D,
                  tokens[j + 1].range.lowerBound == tokens[j].range.upperBound + 1 {
                j += 1
            }
            out.append(i..<(j + 1))
            i = j + 1
        }
        return out
    }
}
