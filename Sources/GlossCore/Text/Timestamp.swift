import Foundation

/// Parsing and formatting of the time forms people type and documents use.
public enum Timestamp {
    /// Parses `12:36`, `00:12:36`, `1:47:41`, `47m`, `1h31m19s`, `90s`, `90`, with optional
    /// fractional seconds (`12:36.5`, `00:01:41,040`). Returns seconds, or nil when the text is
    /// not a time or a field is out of range (`99:99:99`).
    public static func parse(_ text: String) -> Double? {
        // Fast path for the common `H:MM:SS(.fff)` / `M:SS` forms, straight from the bytes; anything
        // else (spaces, units, odd fields) goes the general way below.
        switch quickColon(text.utf8) {
        case .value(let v): return v
        case .invalid: return nil
        case .unsure: break
        }
        let s = text.trimmingCharacters(in: .whitespaces)
        guard !s.isEmpty, s.utf8.count <= 32 else { return nil }
        if s.utf8.contains(0x3A) { return parseColon(s) }
        if s.unicodeScalars.contains(where: { "hms".unicodeScalars.contains($0) || "HMS".unicodeScalars.contains($0) }) {
            return parseUnits(s.lowercased())
        }
        guard let v = Double(s), v.isFinite, v >= 0, s.first!.isNumber else { return nil }
        return v
    }

    /// `H:MM:SS(.fff)` or `M:SS(.fff)`; minutes and seconds must be below 60 when they are not the
    /// leading field.
    private static func parseColon(_ s: String) -> Double? {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        var whole = 0.0
        var fraction = 0.0
        for (i, p) in parts.enumerated() {
            let last = i == parts.count - 1
            var str = last ? p.replacingOccurrences(of: ",", with: ".") : String(p)
            if last, let dot = str.firstIndex(of: ".") {
                let frac = str[str.index(after: dot)...]
                guard !frac.isEmpty, frac.count <= 9, frac.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
                fraction = Double("0." + frac) ?? 0
                str = String(str[..<dot])
            }
            guard !str.isEmpty, str.count <= 12, str.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Double(str) else { return nil }
            if i > 0 && v >= 60 { return nil }
            whole = whole * 60 + v
        }
        return whole + fraction
    }

    enum Quick { case value(Double), invalid, unsure }

    /// Same results as `parseColon` for text made only of digits, `:`, and one `.` or `,` fraction
    /// in the last field; `.unsure` for anything else.
    static func quickColon(_ u: String.UTF8View) -> Quick {
        let n = u.count
        guard n > 0, n <= 32 else { return .unsure }
        var fields = 0
        var whole = 0.0
        var value = 0.0, digits = 0
        var fracValue = 0.0, fracDigits = 0, inFraction = false
        for b in u {
            switch b {
            case 0x30...0x39:
                if inFraction {
                    fracValue = fracValue * 10 + Double(b - 0x30)
                    fracDigits += 1
                } else {
                    value = value * 10 + Double(b - 0x30)
                    digits += 1
                }
            case 0x3A:
                guard !inFraction else { return .invalid }
                guard digits > 0, digits <= 12 else { return .invalid }
                if fields > 0 && value >= 60 { return .invalid }
                whole = whole * 60 + value
                fields += 1
                value = 0
                digits = 0
            case 0x2E, 0x2C:
                guard !inFraction, fields > 0 else { return .unsure }
                inFraction = true
            default:
                return .unsure
            }
        }
        guard fields == 1 || fields == 2 else { return fields == 0 ? .unsure : .invalid }
        guard digits > 0, digits <= 12, value < 60 else { return .invalid }
        if inFraction {
            guard fracDigits > 0, fracDigits <= 9 else { return .invalid }
            var scale = 1.0
            for _ in 0..<fracDigits { scale *= 10 }
            return .value((whole * 60 + value) + fracValue / scale)
        }
        return .value(whole * 60 + value)
    }

    /// `1h31m19s`, `47m`, `90s`, `2h`.
    private static func parseUnits(_ s: String) -> Double? {
        var total = 0.0
        var number = ""
        var seen = Set<Character>()
        var lastUnitRank = -1
        let rank: [Character: Int] = ["h": 0, "m": 1, "s": 2]
        for ch in s {
            if ch.isASCII && (ch.isNumber || ch == ".") {
                number.append(ch)
            } else if let r = rank[ch] {
                guard !number.isEmpty, let v = Double(number), !seen.contains(ch), r > lastUnitRank else { return nil }
                seen.insert(ch)
                lastUnitRank = r
                total += v * [3600, 60, 1][r]
                number = ""
            } else if ch == " " {
                continue
            } else {
                return nil
            }
        }
        if !number.isEmpty {
            // A bare trailing number after a unit: "1h30" means 1h30m, "5m30" means 5m30s.
            guard let v = Double(number), lastUnitRank >= 0, lastUnitRank < 2 else { return nil }
            total += v * (lastUnitRank == 0 ? 60 : 1)
        }
        return total.isFinite ? total : nil
    }

    /// Formats seconds as `HH:MM:SS` (fraction dropped; negative treated as zero).
    public static func format(_ seconds: Double) -> String {
        let t = seconds.isFinite ? max(0, seconds) : 0
        let total = t >= 1e15 ? Int.max / 2 : Int(t)
        let h = total / 3600, m = (total % 3600) / 60, sec = total % 60
        return twoDigits(h) + ":" + twoDigits(m) + ":" + twoDigits(sec)
    }

    /// Formats compactly for narrow displays: `12:36` under an hour, `1:47:41` above.
    public static func formatShort(_ seconds: Double) -> String {
        let t = seconds.isFinite ? max(0, seconds) : 0
        let total = t >= 1e15 ? Int.max / 2 : Int(t)
        let h = total / 3600, m = (total % 3600) / 60, sec = total % 60
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, sec) : String(format: "%02d:%02d", m, sec)
    }

    /// Formats with milliseconds, `HH:MM:SS.mmm`, as WebVTT writes timestamps.
    public static func formatPrecise(_ seconds: Double) -> String {
        let t = seconds.isFinite ? max(0, seconds) : 0
        let ms = t >= 1e15 ? Int.max / 2 : Int((t * 1000).rounded())
        let total = ms / 1000
        return String(format: "%02d:%02d:%02d.%03d", total / 3600, (total % 3600) / 60, total % 60, ms % 1000)
    }

    /// `%02d` without Foundation's formatter.
    static func twoDigits(_ v: Int) -> String {
        v >= 0 && v < 10 ? "0" + String(v) : String(v)
    }
}
