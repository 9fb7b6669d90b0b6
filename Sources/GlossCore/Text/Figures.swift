import Foundation

/// A number with its unit found in text: "three to five years" → 3–5 years.
public struct Figure: Sendable, Equatable, CustomStringConvertible {
    public enum Unit: String, Sendable, CaseIterable {
        case percent, years, months, weeks, days, hours, minutes, dollars, gigawatts, megawatts, multiplier
        /// Energy, not power: "120 megawatt-hours", "5 GWh".
        case gigawattHours = "gigawatt-hours", megawattHours = "megawatt-hours"
        case calendarYear = "calendar-year"
        case count
    }
    public var low: Double
    public var high: Double
    public var unit: Unit
    /// The words it was read from, as written.
    public var text: String
    /// UTF-8 byte range of `text` in the source string.
    public var range: Range<Int>

    public var isRange: Bool { low != high }

    /// `3–5 years`, `90%`, `$9–10 billion`...
    public var description: String {
        var scale = 1.0, scaleName = ""
        if unit == .dollars || unit == .count {
            for (s, name) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] where abs(low) >= s || (low == 0 && abs(high) >= s) {
                scale = s
                scaleName = " " + name
                break
            }
        }
        let value = (isRange ? "\(Figure.short(low / scale))–\(Figure.short(high / scale))" : Figure.short(low / scale)) + scaleName
        switch unit {
        case .percent: return value + "%"
        case .dollars: return "$" + value
        case .gigawatts: return value + " GW"
        case .megawatts: return value + " MW"
        case .gigawattHours: return value + " GWh"
        case .megawattHours: return value + " MWh"
        case .multiplier: return value + "x"
        case .calendarYear, .count: return value
        default: return value + " " + unit.rawValue
        }
    }

    static func short(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
        var s = String(format: "%.2f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// Whether two figures of the same kind agree: ranges overlap (with a little tolerance).
    public func agrees(with other: Figure) -> Bool {
        guard comparable(with: other) else { return false }
        let (a, b) = (converted(), other.converted())
        let tol = max(1e-9, 0.02 * max(abs(a.high), abs(b.high)))
        if isRange && other.isRange {
            // Two ranges agree when they share more than an endpoint: 3–5 years is not 1–3 years.
            return min(a.high, b.high) - max(a.low, b.low) > tol || (abs(a.low - b.low) <= tol && abs(a.high - b.high) <= tol)
        }
        return a.low <= b.high + tol && b.low <= a.high + tol
    }

    /// Same dimension (durations compare across years/months/weeks).
    public func comparable(with other: Figure) -> Bool {
        Figure.dimension(unit) == Figure.dimension(other.unit)
    }

    static func dimension(_ u: Unit) -> String {
        switch u {
        case .years, .months, .weeks, .days, .hours, .minutes: return "duration"
        case .gigawatts, .megawatts: return "power"
        case .gigawattHours, .megawattHours: return "energy"
        default: return u.rawValue
        }
    }

    /// Value in the dimension's base unit (years for durations, GW for power, GWh for energy).
    func converted() -> (low: Double, high: Double) {
        let k: Double
        switch unit {
        case .months: k = 1.0 / 12
        case .weeks: k = 1.0 / 52
        case .days: k = 1.0 / 365
        case .hours: k = 1.0 / 8760
        case .minutes: k = 1.0 / 525600
        case .megawatts, .megawattHours: k = 0.001
        default: k = 1
        }
        return (low * k, high * k)
    }
}

/// Finds figures in text: digits and number words, ranges (`to`, `or`, `-`, `between … and`),
/// scales (thousand … trillion, `B`, `bn`), currency and units.
public enum FigureExtractor {
    enum Tok {
        case num(Double, digits: Bool, dollar: Bool, suffix: String, range: Range<Int>)
        case word(String, range: Range<Int>)
        case dash(range: Range<Int>)
        case slash(range: Range<Int>)
        case stop(range: Range<Int>)
        var range: Range<Int> {
            switch self {
            case .num(_, _, _, _, let r), .word(_, let r), .dash(let r), .slash(let r), .stop(let r): return r
            }
        }
    }

    static let smallNumbers: [String: Double] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
        "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
        "dozen": 12, "half": 0.5, "couple": 2,
    ]
    /// The words of `smallNumbers` that are a number as such ("eighty" is 80; "half", "a couple"
    /// and "a dozen" are not written as their digits).
    static let plainNumberWords: [String: Int] = smallNumbers
        .filter { !["half", "couple", "dozen"].contains($0.key) }.mapValues { Int($0) }
    static let scales: [String: Double] = [
        "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "b": 1e9, "bn": 1e9,
        "trillion": 1e12, "t": 1e12, "tn": 1e12,
    ]
    static let units: [String: Figure.Unit] = [
        "%": .percent, "percent": .percent, "pct": .percent,
        "year": .years, "years": .years, "yr": .years, "yrs": .years,
        "month": .months, "months": .months, "week": .weeks, "weeks": .weeks, "day": .days, "days": .days,
        "hour": .hours, "hours": .hours, "minute": .minutes, "minutes": .minutes, "mins": .minutes,
        "dollar": .dollars, "dollars": .dollars, "usd": .dollars,
        "gw": .gigawatts, "gigawatt": .gigawatts, "gigawatts": .gigawatts,
        "mw": .megawatts, "megawatt": .megawatts, "megawatts": .megawatts,
        "gwh": .gigawattHours, "mwh": .megawattHours,
        "x": .multiplier, "times": .multiplier, "fold": .multiplier,
    ]

    /// Fractions people say: "a third of the peak" is a share, compared as a percentage.
    static let fractions: [String: Double] = ["half": 50, "third": 100.0 / 3, "thirds": 100.0 / 3, "quarter": 25, "quarters": 25, "fifth": 20, "fifths": 20]

    public static func extract(_ text: String) -> [Figure] {
        let toks = lex(text)
        var out: [Figure] = []
        var i = 0
        let utf8 = Array(text.utf8)
        func source(_ r: Range<Int>) -> String { String(decoding: utf8[r], as: UTF8.self) }
        while i < toks.count {
            if let (fig, next) = fraction(toks, i) {
                var f = fig
                f.text = source(f.range)
                out.append(f)
                i = next
                continue
            }
            if let (fig, next) = parseFigure(toks, i) {
                var f = fig
                f.text = source(f.range)
                out.append(f)
                i = next
            } else {
                i += 1
            }
        }
        // Large bare amounts in a text that talks in dollars are dollars ("$61 million … 140 million").
        if out.contains(where: { $0.unit == .dollars }) {
            for k in out.indices where out[k].unit == .count && out[k].high >= 1e6 { out[k].unit = .dollars }
        }
        return out
    }

    /// "a third of", "half of", "two thirds of", "a quarter of" → a percentage.
    static func fraction(_ t: [Tok], _ i: Int) -> (Figure, Int)? {
        guard case .word(let w0, let r0) = t[i] else { return nil }
        var count = 1.0
        var j = i + 1
        var share: Double?
        if w0 == "a" || w0 == "an" || w0 == "one" {
            guard j < t.count, case .word(let w1, _) = t[j], let f = fractions[w1], !w1.hasSuffix("s") || w1 == "half" else { return nil }
            share = f
            j += 1
        } else if w0 == "half" {
            share = 50
        } else if let n = smallNumbers[w0], n >= 2, n <= 4, j < t.count, case .word(let w1, _) = t[j], let f = fractions[w1], w1.hasSuffix("s") {
            count = n
            share = f
            j += 1
        }
        guard let sh = share, j < t.count, case .word("of", let rOf) = t[j] else { return nil }
        let v = (sh * count * 10).rounded() / 10
        return (Figure(low: v, high: v, unit: .percent, text: "", range: r0.lowerBound..<rOf.lowerBound - 1), j)
    }

    /// A number at `i`: digits, or number words ("twenty-five", "a hundred"). Returns value,
    /// whether it came from digits, dollar sign, suffix, and the next index.
    static func number(_ t: [Tok], _ i: Int) -> (Double, Bool, Bool, String, Int, Range<Int>)? {
        guard i < t.count else { return nil }
        switch t[i] {
        case .num(let v, let digits, let dollar, let suffix, let r):
            return (v, digits, dollar, suffix, i + 1, r)
        case .word(let w, let r):
            var value: Double
            var j = i + 1
            var end = r.upperBound
            if w == "a" || w == "an" {
                // "a hundred", "a dozen", "a couple", "a few"
                guard j < t.count, case .word(let w2, let r2) = t[j], let v = smallNumbers[w2] ?? (w2 == "few" ? 3 : nil),
                      ["hundred", "dozen", "couple", "few", "half"].contains(w2) else { return nil }
                value = v
                j += 1
                end = r2.upperBound
            } else if let v = smallNumbers[w], w != "half", w != "couple", w != "dozen" {
                value = v
            } else {
                return nil
            }
            // Compounds: "twenty five", "twenty-five", "one hundred".
            if value >= 20 && value < 100 && value.truncatingRemainder(dividingBy: 10) == 0 {
                var k = j
                if k < t.count, case .dash = t[k] { k += 1 }
                if k < t.count, case .word(let w3, let r3) = t[k], let v3 = smallNumbers[w3], v3 < 10, v3 >= 1 {
                    value += v3
                    j = k + 1
                    end = r3.upperBound
                }
            }
            if j < t.count, case .word("hundred", let r4) = t[j], value < 100 {
                value *= 100
                j += 1
                end = r4.upperBound
            }
            if j < t.count, case .word("of", _) = t[j], j + 1 < t.count, case .word(let w5, _) = t[j + 1], w5 == "the" || w5 == "a" {
                return nil  // "one of the", "two of a kind": not quantities
            }
            return (value, false, false, "", j, r.lowerBound..<end)
        default:
            return nil
        }
    }

    static func parseFigure(_ t: [Tok], _ i: Int) -> (Figure, Int)? {
        var start = i
        var between = false
        if case .word("between", _) = t[i] { between = true; start = i + 1 }
        guard let (v1, digits1, dollar1, suffix1, j1, r1) = number(t, start) else { return nil }
        var low = v1, high = v1
        var j = j1
        var dollar = dollar1
        var suffix = suffix1
        var end = r1.upperBound
        var second: (Double, Bool, Bool, String, Int, Range<Int>)?
        // Range: N to/or/-/through N; between N and N.
        if j < t.count {
            var k = j
            var isRangeWord = false
            switch t[k] {
            case .dash: isRangeWord = suffix1.isEmpty || suffix1 == "%"
            case .word(let w, _): isRangeWord = (w == "to" || w == "or" || w == "through" || (between && w == "and"))
            default: break
            }
            if isRangeWord {
                k += 1
                if let n2 = number(t, k), n2.0 >= v1 || n2.1 == false {
                    second = n2
                }
            }
        }
        if let s = second {
            high = s.0
            j = s.4
            dollar = dollar || s.2
            if !s.3.isEmpty { suffix = s.3 }
            end = s.5.upperBound
            if high < low { swap(&low, &high) }
        }
        // Scale words.
        var scale = 1.0
        if let sc = scales[suffix] { scale = sc; suffix = "" }
        if j < t.count, case .word(let w, let r) = t[j], let sc = scales[w], w.count > 1 {
            scale = sc
            j += 1
            end = r.upperBound
        }
        // Unit.
        var unit: Figure.Unit?
        if let u = units[suffix] { unit = u }
        if unit == nil, j < t.count, case .word(let w, let r) = t[j], let u = units[w] {
            // "x" and "times" need digits directly before (3x, 10 times).
            if !(u == .multiplier && w == "times" && !digits1) {
                unit = u
                j += 1
                end = r.upperBound
            }
        }
        // "megawatt-hours", "gigawatt hours": energy.
        if unit == .megawatts || unit == .gigawatts {
            var k = j
            if k < t.count, case .dash = t[k] { k += 1 }
            if k < t.count, case .word(let w, let r) = t[k], w == "hour" || w == "hours" {
                unit = unit == .megawatts ? .megawattHours : .gigawattHours
                j = k + 1
                end = r.upperBound
            }
        }
        if unit == nil, j + 1 < t.count, case .word("per", _) = t[j], case .word("cent", let r) = t[j + 1] {
            unit = .percent
            j += 2
            end = r.upperBound
        }
        if dollar { unit = .dollars }
        if unit == nil {
            // Bare numbers: calendar years, or counts (only digits, to avoid "one of", "no one").
            if digits1 && scale == 1 && low == low.rounded() && (1900...2100).contains(low) && (second == nil || (1900...2100).contains(high)) {
                unit = .calendarYear
            } else if digits1 || scale > 1 {
                unit = .count
            } else {
                return nil
            }
        }
        // "a few" is two to five ("a few hundred": 200–500), not three.
        if second == nil, start + 1 < t.count, case .word("a", _) = t[start], case .word("few", _) = t[start + 1] {
            low = v1 * 2 / 3
            high = v1 * 5 / 3
        }
        // "a year or two" → 1–2 years is handled by the caller pattern below.
        let fig = Figure(low: low * scale, high: high * scale, unit: unit!, text: "", range: t[i].range.lowerBound..<end)
        return (fig, j)
    }

    /// Lexes into numbers (with `$`, `%`, `x`, `B`, `GW` suffixes), lowercase words, dashes and stops.
    static func lex(_ text: String) -> [Tok] {
        var out: [Tok] = []
        let b = Array(text.utf8)
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c == 0x24 || (c >= 0x30 && c <= 0x39) || (c == 0x7E && i + 1 < n && (b[i + 1] >= 0x30 && b[i + 1] <= 0x39)) {
                // ~300, $9, 10,000, 1.5
                let start = i
                var dollar = false
                if c == 0x7E { i += 1 }
                if i < n && b[i] == 0x24 { dollar = true; i += 1 }
                guard i < n, b[i] >= 0x30, b[i] <= 0x39 else {
                    out.append(.stop(range: start..<i))
                    continue
                }
                var digits = ""
                while i < n {
                    let d = b[i]
                    if d >= 0x30 && d <= 0x39 { digits.append(Character(Unicode.Scalar(d))); i += 1 }
                    else if (d == 0x2C) && i + 3 < n + 1 && i + 1 < n && b[i + 1] >= 0x30 && b[i + 1] <= 0x39 && !digits.isEmpty {
                        i += 1
                    } else if d == 0x2E && i + 1 < n && b[i + 1] >= 0x30 && b[i + 1] <= 0x39 && !digits.contains(".") {
                        digits.append("."); i += 1
                    } else { break }
                }
                var suffix = ""
                let sstart = i
                while i < n, (b[i] >= 0x61 && b[i] <= 0x7A) || (b[i] >= 0x41 && b[i] <= 0x5A) || b[i] == 0x25 {
                    suffix.append(Character(Unicode.Scalar(b[i] | (b[i] == 0x25 ? 0 : 0x20))))
                    i += 1
                    if suffix == "%" { break }
                }
                // Only known suffixes stick to the number ("3x", "90%", "10B", "15GW"); "1990s" → plain.
                if !suffix.isEmpty && units[suffix] == nil && scales[suffix] == nil {
                    if suffix == "s" || suffix == "th" || suffix == "st" || suffix == "nd" || suffix == "rd" { suffix = "" } else { i = sstart; suffix = "" }
                }
                out.append(.num(Double(digits) ?? 0, digits: true, dollar: dollar, suffix: suffix, range: start..<i))
                continue
            }
            if c == 0x25 {  // a lone "%" after a space
                out.append(.word("%", range: i..<i + 1)); i += 1; continue
            }
            if (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) {
                let start = i
                var w = ""
                while i < n, (b[i] >= 0x61 && b[i] <= 0x7A) || (b[i] >= 0x41 && b[i] <= 0x5A) {
                    w.append(Character(Unicode.Scalar(b[i] | 0x20)))
                    i += 1
                }
                out.append(.word(w, range: start..<i))
                continue
            }
            if c == 0x2D {
                out.append(.dash(range: i..<i + 1)); i += 1; continue
            }
            if c == 0xE2 && i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] == 0x93 || b[i + 2] == 0x94) {
                out.append(.dash(range: i..<i + 3)); i += 3; continue
            }
            if c == 0x20 || c == 0x09 || c == 0x0A || (c == 0xC2 && i + 1 < n && b[i + 1] == 0xA0) {
                i += c == 0xC2 ? 2 : 1
                continue
            }
            if c == 0x2F { out.append(.slash(range: i..<i + 1)); i += 1; continue }
            let len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4
            out.append(.stop(range: i..<min(n, i + len)))
            i += len
        }
        return out
    }
}
