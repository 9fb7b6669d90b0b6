/// One terminal cell: a printable character (with combining marks), its width, and its role.
/// The right half of a wide character is a continuation cell with empty text and width 0.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var width: UInt8
    public var role: Role

    public static let blank = Cell(text: " ", width: 1, role: .normal)

    public init(text: String, width: UInt8, role: Role) {
        self.text = text
        self.width = width
        self.role = role
    }
}

/// An in-memory screen that views draw into and tests read; the terminal backend only copies
/// it to the screen (changed cells only).
public struct Grid: Equatable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    public var cells: [Cell]
    /// Where the terminal cursor should rest (e.g. in a prompt), if visible.
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public static func == (a: Grid, b: Grid) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Fills a rectangle (clipped) with spaces of a role.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, role: Role) {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        let c = Cell(text: " ", width: 1, role: role)
        for yy in y0..<y1 {
            let base = yy * width
            for xx in x0..<x1 { cells[base + xx] = c }
        }
    }

    /// Writes display units at (x, y), clipped to `limit` columns and the grid. A wide character
    /// that would be cut in half is replaced by a space. Returns the columns written.
    @discardableResult
    public mutating func put(_ units: ArraySlice<DisplayUnit>, x: Int, y: Int, role: Role, limit: Int? = nil,
                             roleAt: ((Int) -> Role?)? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let maxX = min(width, x + (limit ?? width))
        var cx = x
        for u in units {
            if cx >= maxX { break }
            let r = u.isPlaceholder ? .placeholder : (roleAt?(u.offset) ?? role)
            if u.width == 2 {
                if cx + 1 >= maxX {
                    if cx >= 0 { cells[y * width + cx] = Cell(text: " ", width: 1, role: r) }
                    cx += 1
                    break
                }
                if cx >= 0 {
                    clearWideAt(cx, y)
                    cells[y * width + cx] = Cell(text: u.text, width: 2, role: r)
                    cells[y * width + cx + 1] = Cell(text: "", width: 0, role: r)
                }
                cx += 2
            } else {
                if cx >= 0 {
                    clearWideAt(cx, y)
                    cells[y * width + cx] = Cell(text: u.text, width: 1, role: r)
                }
                cx += 1
            }
        }
        return max(0, cx - x)
    }

    /// Overwriting either half of a wide character blanks the other half.
    mutating func clearWideAt(_ x: Int, _ y: Int) {
        let i = y * width + x
        if cells[i].width == 0, x > 0 { cells[i - 1] = Cell(text: " ", width: 1, role: cells[i - 1].role) }
        if cells[i].width == 2, x + 1 < width { cells[i + 1] = Cell(text: " ", width: 1, role: cells[i + 1].role) }
    }

    /// Writes a string (made displayable) at (x, y).
    @discardableResult
    public mutating func put(_ s: String, x: Int, y: Int, role: Role, limit: Int? = nil) -> Int {
        let units = TextWidth.units(s)
        return put(units[...], x: x, y: y, role: role, limit: limit)
    }

    /// Sets the role of a run of cells without changing their text.
    public mutating func paint(x: Int, y: Int, width w: Int, role: Role) {
        guard y >= 0, y < height else { return }
        for xx in max(0, x)..<min(width, x + w) { cells[y * width + xx].role = role }
    }

    /// The screen's text, one string per row (continuation cells omitted).
    public var lines: [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width {
                let c = cells[y * width + x]
                if c.width > 0 { s += c.text }
            }
            return s
        }
    }

    /// The screen's roles, one code per column.
    public var roleLines: [String] {
        (0..<height).map { y in String((0..<width).map { cells[y * width + $0].role.code }) }
    }

    /// Text of the whole screen, trailing spaces trimmed per line.
    public var text: String {
        lines.map { l in
            var s = Substring(l)
            while s.last == " " { s = s.dropLast() }
            return String(s)
        }.joined(separator: "\n")
    }
}
