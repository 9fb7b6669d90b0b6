import GlossApp
import GlossCore
import GlossRender

/// Drives the reader with events read from bytes, as the `app` fuzz target and the random-input
/// test do: keys, clicks, wheel turns and screen sizes down to 1×1. After every event the screen
/// is drawn and must fit the terminal; a trap anywhere is the bug.
public enum ReaderDriver {
    /// The keys sent: every binding's, the prompts' and lists' editing keys, and a few unbound.
    public static let keys: [Key] = Array("jkgGbnN[]{}:/ocCvyT=?'m0123456789x %hlf<>qa").map { .char($0) } + [
        .enter, .escape, .tab, .backTab, .backspace, .delete, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end,
        .ctrl("o"), .ctrl("t"), .ctrl("g"), .ctrl("l"), .ctrl("d"), .ctrl("u"), .ctrl("p"), .ctrl("n"), .ctrl("b"), .ctrl("f"),
        .function(1),
    ]

    /// The event the bytes at `i` stand for, and how many bytes it took: most bytes are a key;
    /// some a new size (two more bytes) or a mouse event (two more: column and row).
    public static func event(_ bytes: ArraySlice<UInt8>, at i: Int, width: Int, height: Int) -> (InputEvent, Int) {
        let b = Int(bytes[i])
        func next(_ k: Int) -> Int { i + k < bytes.endIndex ? Int(bytes[i + k]) : 0 }
        switch b {
        case 0..<232:
            return (.key(keys[b % keys.count]), 1)
        case 232..<240:
            // Often small: the sizes where panes vanish.
            let w = b < 236 ? next(1) % 30 + 1 : next(1) % 260 + 1
            return (.resize(width: w, height: next(2) % 70 + 1), 3)
        default:
            let kinds: [MouseEvent.Kind] = [.click, .doubleClick, .wheelUp, .wheelDown, .press, .release]
            return (.mouse(MouseEvent(kind: kinds[b % kinds.count], x: next(1) % (width + 2) - 1, y: next(2) % (height + 2) - 1)), 3)
        }
    }

    /// Sends the events of `bytes` to the reader; `q` is skipped (it would end the run). Returns
    /// the events sent, for a failure's message.
    @discardableResult
    public static func drive(_ s: inout AppState, _ bytes: ArraySlice<UInt8>, check: (AppState, Grid, [InputEvent]) -> Void = ReaderDriver.fits) -> [InputEvent] {
        var sent: [InputEvent] = []
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let (e, used) = event(bytes, at: i, width: s.width, height: s.height)
            i += used
            if e == .key(.char("q")) { continue }
            sent.append(e)
            for case .later(let d) in update(&s, .event(e)) { _ = update(&s, .deferred(d)) }
            check(s, view(s), sent)
        }
        return sent
    }

    /// The screen drawn is the terminal's size.
    public static func fits(_ s: AppState, _ grid: Grid, _ sent: [InputEvent]) {
        precondition(grid.width == s.width && grid.height == s.height, "screen \(grid.width)×\(grid.height) on a \(s.width)×\(s.height) terminal after \(sent.suffix(8))")
    }
}
