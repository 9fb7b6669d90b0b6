/// Makes document text safe for a terminal: control characters (C0, DEL, C1), and bidi
/// overrides become visible placeholders, the way `less` shows them. Escape sequences (ESC [ …,
/// OSC 52, OSC 8) lose their ESC and so can never reach the terminal as commands.
public enum Sanitizer {
    /// The placeholder for a scalar, or nil if the scalar may be shown as is.
    @inline(__always)
    public static func placeholder(for u: Unicode.Scalar) -> String? {
        let v = u.value
        if v < 0x20 {
            if v == 0x09 { return " " }
            return "^" + String(Unicode.Scalar(UInt8(v) + 0x40))
        }
        if v == 0x7F { return "^?" }
        if v >= 0x80 && v <= 0x9F { return "<U+\(hex(v))>" }
        // Bidi embeddings/overrides/isolates reorder what follows them on screen.
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return "<U+\(hex(v))>" }
        return nil
    }

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    /// Whether the string needs any replacement (fast check).
    public static func isSafe(_ s: String) -> Bool {
        for b in s.utf8 {
            if b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2 { return slowIsSafe(s) }
        }
        return true
    }

    static func slowIsSafe(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { placeholder(for: $0) == nil }
    }

    /// Replaces unsafe scalars; newlines are kept when `keepNewlines` (for multi-line CLI output).
    public static func sanitize(_ s: String, keepNewlines: Bool = false) -> String {
        if isSafe(s) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if keepNewlines && u == "\n" { out.append(u); continue }
            if let p = placeholder(for: u) { out.append(contentsOf: p.unicodeScalars) } else { out.append(u) }
        }
        return String(out)
    }
}
