/// Word wrapping to a given width, on display units (so wide characters, combining marks and
/// placeholders take their real columns). Words longer than the width are broken.
public enum Wrap {
    /// A wrapped line: a range of units, and its width in columns.
    public struct Line: Equatable, Sendable {
        public var units: Range<Int>
        public var columns: Int
    }

    public static func lines(_ units: [DisplayUnit], width: Int) -> [Line] {
        let width = max(1, width)
        var out: [Line] = []
        var start = 0
        let n = units.count
        if n == 0 { return [Line(units: 0..<0, columns: 0)] }
        while start < n {
            // Skip spaces at the start of a continuation line.
            if !out.isEmpty { while start < n && units[start].text == " " { start += 1 } }
            if start >= n { break }
            var cols = 0
            var i = start
            var lastBreak = -1      // index after the last space that fits
            var colsAtBreak = 0
            while i < n {
                let w = units[i].width
                if cols + w > width { break }
                cols += w
                if units[i].text == " " { lastBreak = i + 1; colsAtBreak = cols - 1 }
                i += 1
            }
            if i >= n {
                out.append(Line(units: start..<n, columns: cols))
                break
            }
            if lastBreak > start {
                out.append(Line(units: start..<(lastBreak - 1), columns: colsAtBreak))
                start = lastBreak
            } else {
                // No space: break the word (at least one unit, even if wider than the line).
                let end = max(i, start + 1)
                out.append(Line(units: start..<end, columns: units[start..<end].reduce(0) { $0 + $1.width }))
                start = end
            }
        }
        return out
    }

    /// Convenience: wrapped lines of a string as strings.
    public static func strings(_ s: String, width: Int) -> [String] {
        let u = TextWidth.units(s)
        return lines(u, width: width).map { l in u[l.units].map(\.text).joined() }
    }
}
