import GlossCore

/// Side-by-side comparison: two documents aligned passage by passage.
public struct CompareState: Equatable, Sendable {
    /// What a comparison's first message says to press.
    public static let keysMessage = "] next difference · Tab scrolls one side · q leaves"
    /// The same for `gloss compare`, where the comparison is the whole run.
    public static let standaloneKeysMessage = "] next difference · Tab one side · Esc reader · q quits"

    public enum Focus: Equatable, Sendable { case both, left, right }
    public var left: Int
    public var right: Int
    public var pairs: [AlignedPair]
    /// Top row (pair) and line inside it, when the sides scroll together.
    public var top = ScrollPosition()
    /// Each side's own top when scrolled alone.
    public var leftTop = ScrollPosition()
    public var rightTop = ScrollPosition()
    public var focus: Focus = .both
    /// Opened by `gloss compare`: q quits Gloss (Esc still leaves for the reader).
    public var standalone = false

    public init(left: Int, right: Int, pairs: [AlignedPair]) {
        self.left = left
        self.right = right
        self.pairs = pairs
    }

    /// The row at the top of the side that scrolls (both sides' when together).
    public var topRow: Int {
        switch focus {
        case .both: return top.item
        case .left: return leftTop.item
        case .right: return rightTop.item
        }
    }

    /// Where the differences start, for `]` and `[`: each row whose figures or quotation marks
    /// differ, and each run of rows with a gap on one side, as a diff's hunk (a short article
    /// beside a 3-hour transcript faces a gap on most rows, and those are a few runs, not a
    /// thousand differences).
    public var differenceRows: [Int] {
        func gap(_ r: Int) -> Bool { pairs[r].left == nil || pairs[r].right == nil }
        return pairs.indices.filter { r in pairs[r].isDifference && !(gap(r) && r > 0 && gap(r - 1)) }
    }
}
