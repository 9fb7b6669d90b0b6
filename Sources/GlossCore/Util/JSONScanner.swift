import Foundation

/// A forward-only reader over JSON bytes (RFC 8259), for the transcript and chapters files.
///
/// The caller walks the document it expects (an object, then its keys, then their values) and
/// skips what it does not need; nothing is built for skipped values. Foundation's JSONDecoder
/// read Podcasting 2.0 transcripts at about 20 MB/s per core, most of it generic metadata
/// lookups; this reads them several times faster and makes only the strings it is asked for.
///
/// Strict about structure (every value, comma and bracket), lenient about content: invalid
/// UTF-8 in strings becomes U+FFFD, lone surrogate escapes become U+FFFD, and raw control
/// characters inside strings are kept (later cleaning turns them into placeholders).
public struct JSONScanner {
    public enum Kind: Equatable { case object, array, string, number, bool, null }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Nesting deeper than this is refused rather than recursed into.
    public static let maxDepth = 512

    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0

    private init(_ b: UnsafeBufferPointer<UInt8>) {
        self.b = b
        // A UTF-8 byte order mark is not JSON, but editors write one.
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
    }

    /// Runs `body` over the document and checks that nothing but white space follows it.
    public static func read<T>(_ bytes: [UInt8], _ body: (inout JSONScanner) throws -> T) throws -> T {
        try bytes.withUnsafeBufferPointer { buffer in
            var s = JSONScanner(buffer)
            let result = try body(&s)
            s.skipSpace()
            if s.i < s.b.count { throw s.failure("unexpected \(s.describe(s.b[s.i])) after the end of the document") }
            return result
        }
    }

    // MARK: Looking ahead

    /// The kind of the next value (white space skipped).
    public mutating func kind() throws -> Kind {
        skipSpace()
        guard i < b.count else { throw failure("unexpected end of input") }
        switch b[i] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        default: throw failure("unexpected \(describe(b[i]))")
        }
    }

    // MARK: Containers

    /// Reads an object; `each` is called with every key and must read (or skip) its value.
    public mutating func object(_ each: (inout JSONScanner, String) throws -> Void) throws {
        try open(UInt8(ascii: "{"))
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return }
        while true {
            skipSpace()
            guard i < b.count else { throw failure("unexpected end of input in an object") }
            guard b[i] == UInt8(ascii: "\"") else { throw failure("expected a key in quotes, found \(describe(b[i]))") }
            let key = try string()
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { throw failure("expected ':' after key \"\(key.prefix(40))\"") }
            i += 1
            try each(&self, key)
            if try closeOrComma(UInt8(ascii: "}")) { return }
        }
    }

    /// Reads an array; `each` is called once per element and must read (or skip) it.
    public mutating func array(_ each: (inout JSONScanner) throws -> Void) throws {
        try open(UInt8(ascii: "["))
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return }
        while true {
            try each(&self)
            if try closeOrComma(UInt8(ascii: "]")) { return }
        }
    }

    private mutating func open(_ bracket: UInt8) throws {
        skipSpace()
        guard i < b.count else { throw failure("unexpected end of input") }
        guard b[i] == bracket else { throw failure("expected '\(Character(Unicode.Scalar(bracket)))', found \(describe(b[i]))") }
        depth += 1
        if depth > Self.maxDepth { throw failure("nested deeper than \(Self.maxDepth) levels") }
        i += 1
    }

    /// After a member: true at the closing bracket (consumed), false after a comma. A comma
    /// before the closing bracket is forgiven, as Foundation's parser forgives it.
    private mutating func closeOrComma(_ close: UInt8) throws -> Bool {
        skipSpace()
        guard i < b.count else { throw failure("unexpected end of input; expected ',' or '\(Character(Unicode.Scalar(close)))'") }
        if b[i] == UInt8(ascii: ",") {
            i += 1
            skipSpace()
            guard i < b.count, b[i] == close else { return false }
        }
        if b[i] == close { i += 1; depth -= 1; return true }
        throw failure("expected ',' or '\(Character(Unicode.Scalar(close)))', found \(describe(b[i]))")
    }

    // MARK: Scalars

    public mutating func string() throws -> String {
        let (start, plain) = try openString()
        if plain { return String(decoding: UnsafeBufferPointer(rebasing: b[start..<(i - 1)]), as: UTF8.self) }
        return try decodeEscapes(from: start)
    }

    /// A string value as the range of its bytes in the input when it has no escapes (the
    /// bytes between the quotes are then the string), else decoded.
    mutating func stringSpan() throws -> StringSpan {
        let (start, plain) = try openString()
        if plain { return .bytes(start..<(i - 1)) }
        return .decoded(try decodeEscapes(from: start))
    }

    enum StringSpan {
        case bytes(Range<Int>)
        case decoded(String)
    }

    /// Reads a string's opening quote and its bytes up to the first quote or backslash: past the
    /// closing quote when there are no escapes (the fast path), at the backslash otherwise.
    /// Returns where the string's bytes start, and whether it had no escapes.
    @inline(__always)
    private mutating func openString() throws -> (start: Int, plain: Bool) {
        skipSpace()
        guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw failure(i < b.count ? "expected a string, found \(describe(b[i]))" : "unexpected end of input") }
        i += 1
        let start = i
        while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\") { i += 1 }
        guard i < b.count else { throw failure("unterminated string") }
        guard b[i] == UInt8(ascii: "\"") else { return (start, false) }
        i += 1
        return (start, true)
    }

    /// The rest of a string with escapes, from its first backslash at `i` (`start`: its first byte).
    private mutating func decodeEscapes(from start: Int) throws -> String {
        var out = [UInt8](UnsafeBufferPointer(rebasing: b[start..<i]))
        while true {
            guard i < b.count else { throw failure("unterminated string") }
            let c = b[i]
            if c == UInt8(ascii: "\"") { i += 1; break }
            if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
            guard i + 1 < b.count else { throw failure("unterminated string") }
            let e = b[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate pairs with a following low one; alone it is replaced.
                    if i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") {
                        let save = i
                        i += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else { scalar = 0xFFFD; i = save }
                    } else { scalar = 0xFFFD }
                } else if (0xDC00..<0xE000).contains(scalar) { scalar = 0xFFFD }
                out.append(contentsOf: Unicode.Scalar(scalar).map { Array(String($0).utf8) } ?? [0xEF, 0xBF, 0xBD])
            default: throw failure("invalid escape \\\(describe(e))")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= b.count else { throw failure("unterminated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
            default: throw failure("invalid \\u escape")
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    private static let exactPowersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    public mutating func number() throws -> Double {
        skipSpace()
        let start = i
        var negative = false
        if i < b.count, b[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        let intStart = i
        while i < b.count, b[i] &- UInt8(ascii: "0") < 10 {
            if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(b[i] - UInt8(ascii: "0")) }
            digits += 1; i += 1
        }
        guard i > intStart else { throw failure(i < b.count ? "expected a number, found \(describe(b[i]))" : "unexpected end of input") }
        if b[intStart] == UInt8(ascii: "0"), i - intStart > 1 { throw failure("a number with a leading zero") }
        var fraction = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            let fracStart = i
            while i < b.count, b[i] &- UInt8(ascii: "0") < 10 {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(b[i] - UInt8(ascii: "0")) }
                digits += 1; fraction += 1; i += 1
            }
            guard i > fracStart else { throw failure("expected digits after the decimal point") }
        }
        var exponent = false
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            exponent = true
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            let expStart = i
            while i < b.count, b[i] &- UInt8(ascii: "0") < 10 { i += 1 }
            guard i > expStart else { throw failure("expected digits in the exponent") }
        }
        // Exact when both operands are exact doubles: IEEE division rounds correctly.
        if !exponent, digits <= 15, fraction <= 22 {
            let v = Double(mantissa) / Self.exactPowersOfTen[fraction]
            return negative ? -v : v
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        guard let v = Double(text) else { throw failure("unreadable number \(text.prefix(40))") }
        return v
    }

    public mutating func bool() throws -> Bool {
        skipSpace()
        if literal("true") { return true }
        if literal("false") { return false }
        throw failure("expected true or false")
    }

    public mutating func null() throws {
        skipSpace()
        guard literal("null") else { throw failure("expected null") }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        let p = word.utf8Start
        for k in 0..<n where b[i + k] != p[k] { return false }
        i += n
        return true
    }

    /// Reads and discards the next value, whatever it is.
    public mutating func skip() throws {
        switch try kind() {
        case .object: try object { s, _ in try s.skip() }
        case .array: try array { s in try s.skip() }
        case .string: try skipString()
        case .number: _ = try number()
        case .bool: _ = try bool()
        case .null: try null()
        }
    }

    private mutating func skipString() throws {
        i += 1  // the opening quote, checked by kind()
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "\""): i += 1; return
            case UInt8(ascii: "\\"):
                // (A backslash that ends the input: `break` here would only leave the switch.)
                guard i + 1 < b.count else { throw failure("unterminated string") }
                switch b[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"): i += 2
                case UInt8(ascii: "u"): i += 2; _ = try hex4()
                default: i += 1; throw failure("invalid escape \\\(describe(b[i]))")
                }
            default: i += 1
            }
        }
        throw failure("unterminated string")
    }

    // MARK: Lenient reads: a value of another kind is skipped and read as absent

    /// `stringSpan`, or nil for a value of another kind.
    mutating func stringSpanIfAny() throws -> StringSpan? {
        guard try kind() == .string else { try skip(); return nil }
        return try stringSpan()
    }

    public mutating func stringIfAny() throws -> String? {
        if try kind() == .string { return try string() }
        try skip()
        return nil
    }

    public mutating func numberIfAny() throws -> Double? {
        if try kind() == .number { return try number() }
        try skip()
        return nil
    }

    public mutating func boolIfAny() throws -> Bool? {
        if try kind() == .bool { return try bool() }
        try skip()
        return nil
    }

    // MARK: White space and errors

    private mutating func skipSpace() {
        while i < b.count {
            switch b[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    private func describe(_ c: UInt8) -> String {
        (0x21..<0x7F).contains(c) ? "'\(Character(Unicode.Scalar(c)))'" : String(format: "byte 0x%02X", c)
    }

    private func failure(_ what: String) -> Failure {
        var line = 1, column = 1
        for k in 0..<min(i, b.count) {
            if b[k] == 0x0A { line += 1; column = 1 } else if b[k] & 0xC0 != 0x80 { column += 1 }
        }
        return Failure(description: "\(what) at line \(line), column \(column)")
    }
}
