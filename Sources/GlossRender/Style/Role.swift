/// What a piece of screen is, not how it looks: themes map roles to colours.
public enum Role: String, CaseIterable, Sendable, Codable {
    case normal, dim, title, border, heading
    case chapter, chapterCurrent = "chapter-current", chapterAbsent = "chapter-absent"
    case speaker, time, timeEstimated = "time-estimated"
    case summary, bullet, quote
    case claim, claimSupported = "claim-supported", claimDivergent = "claim-divergent", claimNotFound = "claim-not-found"
    case commentary, figure
    case selection, searchHit = "search-hit", currentHit = "current-hit"
    case status, statusAccent = "status-accent", message, error
    case prompt, help, helpKey = "help-key"
    case tabActive = "tab-active", tabInactive = "tab-inactive"
    case placeholder
    case diffLeft = "diff-left", diffRight = "diff-right", gap

    /// A one-letter code for golden screens.
    public var code: Character {
        switch self {
        case .normal: return "."
        case .dim: return "d"
        case .title: return "T"
        case .border: return "|"
        case .heading: return "H"
        case .chapter: return "c"
        case .chapterCurrent: return "C"
        case .chapterAbsent: return "a"
        case .speaker: return "s"
        case .time: return "t"
        case .timeEstimated: return "e"
        case .summary: return "y"
        case .bullet: return "b"
        case .quote: return "q"
        case .claim: return "k"
        case .claimSupported: return "+"
        case .claimDivergent: return "!"
        case .claimNotFound: return "?"
        case .commentary: return "m"
        case .figure: return "f"
        case .selection: return "S"
        case .searchHit: return "h"
        case .currentHit: return "X"
        case .status: return "="
        case .statusAccent: return "#"
        case .message: return "M"
        case .error: return "E"
        case .prompt: return "P"
        case .help: return "?"
        case .helpKey: return "K"
        case .tabActive: return "A"
        case .tabInactive: return "i"
        case .placeholder: return "^"
        case .diffLeft: return "<"
        case .diffRight: return ">"
        case .gap: return "_"
        }
    }
}
