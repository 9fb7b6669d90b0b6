/// A run of changed cells on one row.
public struct GridRun: Equatable, Sendable {
    public var y: Int
    public var x: Int
    public var cells: ArraySlice<Cell>
}

extension Grid {
    /// Rows and runs that differ from `previous` (everything when sizes differ).
    public func diff(from previous: Grid?) -> [GridRun] {
        var runs: [GridRun] = []
        let full = previous == nil || previous!.width != width || previous!.height != height
        for y in 0..<height {
            let base = y * width
            if full {
                runs.append(GridRun(y: y, x: 0, cells: cells[base..<(base + width)]))
                continue
            }
            var x = 0
            while x < width {
                if cells[base + x] == previous!.cells[base + x] { x += 1; continue }
                var start = x
                // Include the left half of a wide character whose right half changed.
                if cells[base + start].width == 0 && start > 0 { start -= 1 }
                var end = x + 1
                while end < width && cells[base + end] != previous!.cells[base + end] { end += 1 }
                if end < width && cells[base + end].width == 0 { end += 1 }
                runs.append(GridRun(y: y, x: start, cells: cells[(base + start)..<(base + end)]))
                x = end
            }
        }
        return runs
    }
}
