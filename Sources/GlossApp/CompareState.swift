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

    /// Where the differences start, for `]` and `[` (`AlignedPair.differenceStarts`).
    public var differenceRows: [Int] { AlignedPair.differenceStarts(pairs) }
}
