/// Display width of Unicode scalars, agreeing with libc `wcwidth` in `C.UTF-8` (what ncurses
/// uses to advance the cursor, and what tmux agrees with).
public enum TextWidth {
    /// -1 (not printable), 0 (combines with the previous character), 1 or 2 columns.
    @inline(__always)
    public static func of(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v >= 0x20 && v < 0x7F { return 1 }
        if v == 0 { return 0 }
        if v < 0x20 || v == 0x7F { return -1 }
        if v < 0x300 { return (0x80...0x9F).contains(v) ? -1 : (v == 0xAD ? 1 : 1) }
        if contains(WidthTable.zero, v) { return 0 }
        if contains(WidthTable.wide, v) { return 2 }
        if contains(WidthTable.nonPrintable, v) { return -1 }
        return 1
    }

    static func contains(_ table: [(UInt32, UInt32)], _ v: UInt32) -> Bool {
        var lo = 0, hi = table.count - 1
        while lo <= hi {
            let mid = (lo + hi) >> 1
            let (a, b) = table[mid]
            if v < a { hi = mid - 1 } else if v > b { lo = mid + 1 } else { return true }
        }
        return false
    }

    /// Columns a string takes once made displayable (placeholders included).
    public static func columns(_ s: String) -> Int {
        var n = 0
        for u in s.unicodeScalars {
            if let p = Sanitizer.placeholder(for: u) { n += p.count; continue }
            let w = of(u)
            n += w < 0 ? 1 : w
        }
        return n
    }
}

/// One display cell's worth of text: a printable base character with any combining marks.
public struct DisplayUnit: Equatable, Sendable {
    public var text: String
    public var width: Int
    /// UTF-8 offset in the source string where this unit starts.
    public var offset: Int
    /// Part of a visible placeholder for a control character.
    public var isPlaceholder = false

    public init(text: String, width: Int, offset: Int, isPlaceholder: Bool = false) {
        self.text = text
        self.width = width
        self.offset = offset
        self.isPlaceholder = isPlaceholder
    }
}

extension TextWidth {
    /// Splits text into display units: controls become placeholders, non-printables U+FFFD,
    /// zero-width scalars join the unit before them.
    public static func units(_ s: String) -> [DisplayUnit] {
        var out: [DisplayUnit] = []
        out.reserveCapacity(s.utf8.count)
        var offset = 0
        for u in s.unicodeScalars {
            let len = UTF8.width(u)
            defer { offset += len }
            if u.value >= 0x20 && u.value < 0x7F {
                out.append(DisplayUnit(text: String(Character(u)), width: 1, offset: offset))
                continue
            }
            if let p = Sanitizer.placeholder(for: u) {
                if u == "\t" {
                    out.append(DisplayUnit(text: " ", width: 1, offset: offset))
                } else {
                    for ch in p { out.append(DisplayUnit(text: String(ch), width: 1, offset: offset, isPlaceholder: true)) }
                }
                continue
            }
            let w = of(u)
            if w == 0 {
                if let last = out.indices.last, out[last].width > 0 {
                    out[last].text.unicodeScalars.append(u)
                } else {
                    out.append(DisplayUnit(text: " " + String(Character(u)), width: 1, offset: offset))
                }
            } else if w < 0 {
                out.append(DisplayUnit(text: "\u{FFFD}", width: 1, offset: offset))
            } else {
                out.append(DisplayUnit(text: String(Character(u)), width: w, offset: offset))
            }
        }
        return out
    }
}
