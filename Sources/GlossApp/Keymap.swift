import GlossRender

/// What a key does.
public enum Action: String, CaseIterable, Sendable {
    case lineDown, lineUp, pageDown, pageUp, halfPageDown, halfPageUp, top, bottom
    case previousChapter, nextChapter, previousDivergence, nextDivergence, focusNext, focusPrevious, follow, viewPassage, copy
    case jumpPrompt, back, setMark, goToMark, searchPrompt, nextHit, previousHit, openDocument, compareDocument, claimsList, cycleTheme
    case info, help, close, redraw, quit
}

/// One binding: keys, action, and the line the help screen shows.
public struct Binding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var help: String
    public var group: String
}

/// The key table. The help screen is generated from it, so the two can never drift.
public enum Keymap {
    public static let bindings: [Binding] = [
        Binding(keys: [.char("j"), .down], action: .lineDown, help: "down one line", group: "Move"),
        Binding(keys: [.char("k"), .up], action: .lineUp, help: "up one line", group: "Move"),
        Binding(keys: [.char(" "), .pageDown, .char("f"), .ctrl("f")], action: .pageDown, help: "down one page", group: "Move"),
        Binding(keys: [.char("b"), .pageUp, .ctrl("b")], action: .pageUp, help: "up one page", group: "Move"),
        Binding(keys: [.ctrl("d")], action: .halfPageDown, help: "down half a page", group: "Move"),
        Binding(keys: [.ctrl("u")], action: .halfPageUp, help: "up half a page", group: "Move"),
        Binding(keys: [.char("g"), .home, .char("<")], action: .top, help: "top", group: "Move"),
        Binding(keys: [.char("G"), .end, .char(">")], action: .bottom, help: "bottom", group: "Move"),
        Binding(keys: [.char("[")], action: .previousChapter, help: "previous chapter (or difference)", group: "Move"),
        Binding(keys: [.char("]")], action: .nextChapter, help: "next chapter (or difference)", group: "Move"),
        Binding(keys: [.char("{")], action: .previousDivergence, help: "previous divergent claim in this document", group: "Move"),
        Binding(keys: [.char("}")], action: .nextDivergence, help: "next divergent claim in this document", group: "Move"),
        Binding(keys: [.char(":"), .char("t")], action: .jumpPrompt, help: "jump to a time (or just type it): 12:36, 1:47:41, 47m; or to 50%", group: "Move"),
        Binding(keys: [.backspace, .ctrl("o")], action: .back, help: "back to where the last jump, link or search left from", group: "Move"),
        Binding(keys: [.char("m")], action: .setMark, help: "then a letter: mark this place (kept between runs)", group: "Move"),
        Binding(keys: [.char("'")], action: .goToMark, help: "then a letter: go to that mark ('' goes back, as Backspace)", group: "Move"),
        Binding(keys: [.tab, .right, .char("l")], action: .focusNext, help: "focus the next pane", group: "Panes"),
        Binding(keys: [.backTab, .left, .char("h")], action: .focusPrevious, help: "focus the previous pane", group: "Panes"),
        Binding(keys: [.enter], action: .follow, help: "follow the link (claim → its evidence, its quotes and figures marked)", group: "Panes"),
        Binding(keys: [.char("v")], action: .viewPassage, help: "open the selected passage in its own document", group: "Panes"),
        Binding(keys: [.char("y")], action: .copy, help: "copy the passage (or claim) with its source and time", group: "Panes"),
        Binding(keys: [.char("/")], action: .searchPrompt, help: "search all documents (\"a phrase\"; ^T this one only; ↑ earlier ones)", group: "Search"),
        Binding(keys: [.char("n")], action: .nextHit, help: "next search hit", group: "Search"),
        Binding(keys: [.char("N")], action: .previousHit, help: "previous search hit", group: "Search"),
        Binding(keys: [.char("o")], action: .openDocument, help: "open another document of the corpus (/ in the list filters)", group: "Documents"),
        Binding(keys: [.char("c")], action: .compareDocument, help: "compare with another document, side by side", group: "Documents"),
        Binding(keys: [.char("="), .ctrl("g")], action: .info, help: "what this document is, and where you are in it", group: "Documents"),
        Binding(keys: [.char("C")], action: .claimsList, help: "every claim checked, with its verdict (Tab: one verdict, / filters)", group: "Documents"),
        Binding(keys: [.char("T")], action: .cycleTheme, help: "next theme", group: "Display"),
        Binding(keys: [.ctrl("l")], action: .redraw, help: "redraw the screen", group: "Display"),
        Binding(keys: [.char("?"), .function(1)], action: .help, help: "this help", group: "Display"),
        Binding(keys: [.escape], action: .close, help: "close help, prompt or list", group: "Display"),
        Binding(keys: [.char("q")], action: .quit, help: "quit (or leave a comparison opened with c)", group: "Display"),
    ]

    static let table: [Key: Action] = {
        var t: [Key: Action] = [:]
        for b in bindings { for k in b.keys where t[k] == nil { t[k] = b.action } }
        return t
    }()

    public static func action(for key: Key) -> Action? { table[key] }

    /// Help lines: "keys  description", grouped.
    public static func helpLines() -> [(group: String, keys: String, help: String)] {
        bindings.map { b in (b.group, b.keys.map(\.description).joined(separator: " "), b.help) }
    }
}
