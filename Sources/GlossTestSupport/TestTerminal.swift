import Foundation
import GlossApp
import GlossRender

/// An in-memory terminal for tests: replays scripted events, records every frame it is asked
/// to draw (and which cells changed), never touches a real terminal.
public final class TestTerminal: TerminalBackend {
    public var size: (width: Int, height: Int)
    public private(set) var frames: [Grid] = []
    public private(set) var changedCells: [Int] = []
    public private(set) var theme: Theme?
    public private(set) var stopped = false
    private var events: [InputEvent]
    private var screen: Grid?

    public init(width: Int, height: Int, events: [InputEvent] = []) {
        size = (width, height)
        self.events = events
    }

    public func queue(_ e: InputEvent...) { events.append(contentsOf: e) }

    public func nextEvent(timeoutMs: Int) -> InputEvent? {
        guard !events.isEmpty else { return .interrupt }   // end of script
        let e = events.removeFirst()
        if case .resize(let w, let h) = e { size = (w, h) }
        return e
    }

    public func draw(_ grid: Grid, full: Bool) {
        let runs = grid.diff(from: full ? nil : screen)
        changedCells.append(runs.reduce(0) { $0 + $1.cells.count })
        frames.append(grid)
        screen = grid
    }

    public func apply(_ theme: Theme) { self.theme = theme }
    /// Texts put on the clipboard, in order.
    public private(set) var copies: [String] = []
    public func copy(_ text: String) { copies.append(text) }

    public func stop() { stopped = true }

    public var lastFrame: Grid? { frames.last }
}

/// Golden-screen helpers: compare a grid with a file beside the test; `GLOSS_RECORD=1` rewrites it.
public enum Golden {
    /// Checks `actual` against the golden file, returning a description of the first difference.
    public static func check(_ actual: String, file: URL) -> String? {
        let record = ProcessInfo.processInfo.environment["GLOSS_RECORD"] == "1"
        if record || !FileManager.default.fileExists(atPath: file.path) {
            try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            return record ? nil : "golden file \(file.lastPathComponent) was missing; recorded it"
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else { return "cannot read \(file.path)" }
        if expected == actual { return nil }
        let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
        for i in 0..<max(e.count, a.count) where e[safe: i] != a[safe: i] {
            return "line \(i + 1) differs\n expected: \(e[safe: i] ?? "<none>")\n   actual: \(a[safe: i] ?? "<none>")\n(GLOSS_RECORD=1 re-records)"
        }
        return "differs"
    }

    /// A screen as text rows followed by role rows.
    public static func screen(_ g: Grid, text: Bool) -> String {
        var out = "size \(g.width)x\(g.height)\n"
        if text { out += "-- text\n" + g.lines.joined(separator: "\n") + "\n" }
        out += "-- roles\n" + g.roleLines.joined(separator: "\n") + "\n"
        return out
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
