import Foundation
import GlossCore
import GlossRender

/// The panes of the reader.
public enum PaneID: String, CaseIterable, Sendable {
    case chapters, transcript, claims, commentary

    public var title: String {
        switch self {
        case .chapters: return "Chapters"
        case .transcript: return "Text"
        case .claims: return "Claims"
        case .commentary: return "Commentary"
        }
    }
}

/// A document and a position in it (and, for a place in the history, the comparison that was
/// open over it, which Backspace brings back).
public struct Place: Equatable, Sendable {
    public var path: String
    public var position: ScrollPosition
    public var comparison: CompareState?

    public init(path: String, position: ScrollPosition, comparison: CompareState? = nil) {
        self.path = path
        self.position = position
        self.comparison = comparison
    }
}

/// What the letter after `m` or `'` does.
public enum MarkCommand: Equatable, Sendable {
    case set, go
}

/// Where the reading pane is: an item of the document layout and a line inside it.
public struct ScrollPosition: Equatable, Sendable {
    public var item: Int
    public var line: Int
    public init(item: Int = 0, line: Int = 0) {
        self.item = item
        self.line = line
    }
}

public enum PromptKind: Hashable, Sendable { case jump, search }

/// Something drawn over the panes.
public enum Overlay: Equatable, Sendable {
    case help(scroll: Int)
    case prompt(PromptKind, String)
    /// The document list; `compare` picks the second document of a comparison.
    case open(selected: Int, compare: Bool)
    /// Every claim checked, or those of one verdict (`claimsList`).
    case claims(selected: Int, only: Verdict?)
    /// What the current document (or comparison) is and where the reader is in it (`=`),
    /// scrolled by `scroll` lines when it is taller than the screen.
    case info(scroll: Int)
}

/// The current search: query, hits across all documents, and which hit is current.
public struct SearchState: Equatable, Sendable {
    public var query: String
    public var hits: [SearchHit]
    public var current: Int
    /// The document searched, when the search is of the one being read (hits in reading order).
    public var within: Int? = nil
    /// In a comparison: the row of each hit (the hits are those of the two documents that are
    /// in a row, in row order), and the two documents compared.
    public var rows: [Int]? = nil
    public var compared: [Int]? = nil
    /// When no paragraph has every word: the query with its unknown words spelled as the
    /// index has them ("amodie" → "amodei"), if any are close.
    public var suggestion: String? = nil

    /// The rows of the hits, if this is a search of comparison `c`.
    public func rows(in c: CompareState?) -> [Int]? {
        guard let c, compared == [c.left, c.right] else { return nil }
        return rows
    }
    /// The query as searched (its last word also a prefix: search as you type).
    public var parsed: SearchQuery { SearchQuery(query, lastWordIsPrefix: true) }
    /// No paragraph has every word of the query: the hits are those with some of them.
    public var someWords: Bool { hits.first { $0.section == nil && $0.time == nil }?.allWords == false }
}

/// A line for the status bar.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public init(text: String, isError: Bool) {
        self.text = text
        self.isError = isError
    }
}

/// Background loading progress shown in the status bar.
public struct LoadingProgress: Equatable, Sendable {
    public enum Stage: String, Sendable { case indexing, checkingClaims = "checking claims" }
    public var stage: Stage
    public var done: Int
    public var total: Int
    public init(_ stage: Stage = .indexing, done: Int, total: Int) {
        self.stage = stage
        self.done = done
        self.total = total
    }
}

/// Words to mark in paragraphs of one document, with their roles, for as long as `anchor` is
/// the paragraph the last jump marked.
public struct EvidenceMarks: Equatable, Sendable {
    public struct Mark: Equatable, Sendable {
        public var range: Range<Int>
        public var role: Role
    }
    public var anchor: ParagraphRef
    public var marks: [Int: [Mark]]

    /// The marks of paragraph `p` when they are in force.
    func marks(_ p: Int, highlight: ParagraphRef?) -> [Mark] {
        guard highlight == anchor else { return [] }
        return marks[p] ?? []
    }
}

/// Everything the reader shows; changed only by `update`.
public struct AppState: @unchecked Sendable {
    public var documents: [Document]
    public var index: CorpusIndex?
    public var claims: [CheckedClaim] = []
    public var loading: LoadingProgress?
    public var current = 0
    public var positions: [String: ScrollPosition] = [:]
    /// Where to reopen documents left in an earlier run (layout item at the top, by path);
    /// used the first time each is shown, unless something has moved it already.
    public var resume: [String: Int] = [:]
    /// Places left by jumps (links, times, search hits, chapters, top and bottom, another
    /// document), most recent last: Backspace goes back through them.
    public var history: [Place] = []
    /// Places marked with `m` and a letter, for `'` and the letter (kept between runs, as
    /// `less` keeps them).
    public var marks: [Character: Place] = [:]
    /// `m` or `'` was pressed: the next key names the mark.
    public var pendingMark: MarkCommand?
    /// The filter of the list open (documents or claims) while one is typed (`/` in the list).
    public var listFilter: String?
    public var focus: PaneID = .transcript
    /// The side pane shown when side panes are tabs.
    public var sideTab: PaneID = .claims
    public var selected: [PaneID: Int] = [:]
    public var width: Int
    public var height: Int
    public var overlay: Overlay?
    public var search: SearchState?
    /// Row selected in the incremental search's hit list.
    public var hitSelection = 0
    /// `^T` at the search prompt: search only the document being read, its hits in reading
    /// order from where the reader is (as `less` searches its file), instead of every document
    /// by rank. Kept for the run.
    public var searchHere = false
    /// What was entered at each prompt, oldest first (kept between runs, as `less` keeps its
    /// search history): ↑ or ^P in the prompt brings it back.
    public var promptHistory: [PromptKind: [String]] = [:]
    /// While the prompt shows an entry of its history: which, and what was typed before ↑.
    public var recall: (entry: Int, draft: String)?
    public var message: StatusMessage?
    public var themeNames: [String]
    public var themeIndex = 0
    public var mouseEnabled = true
    /// A paragraph to mark after a jump (the target of a link, hit or time).
    public var highlight: ParagraphRef?
    /// The words of a claim's evidence that check it (its quotations where they were said, the
    /// figures compared with its own), shown while the jump to that evidence is the last one.
    public var evidenceMarks: EvidenceMarks?
    /// The section a jump went to when its heading cannot reach the top of the pane (chapters
    /// at the very end); it stays current until the next scroll.
    public var pinnedSection: Int?
    public var compare: CompareState?
    /// Bumped when the corpus changes, so cached layouts are rebuilt.
    public var generation = 0
    public let layouts = LayoutCache()
    private let memoStore = Memo()
    /// The caches, for this corpus and these claims. (Copies of a state share them: one that
    /// was made for another corpus is emptied first.)
    public var memo: Memo { memoStore.valid(for: (generation, documents.count, claims.count)) }

    public init(documents: [Document], width: Int, height: Int, themeNames: [String] = ["default-dark"]) {
        self.documents = documents
        self.width = width
        self.height = height
        self.themeNames = themeNames
    }

    public var document: Document? { documents[safe: current] }

    public var position: ScrollPosition {
        get { document.flatMap { positions[$0.path] } ?? ScrollPosition() }
        set { if let d = document { positions[d.path] = newValue } }
    }
}

/// Caches of derived lists (commentary, claims on screen), keyed by what they depend on.
public final class Memo: @unchecked Sendable {
    var commentary: [String: [CommentaryItem]] = [:]
    var commentaryIndex: CommentaryIndex?
    /// The episode each summary or article is about, when known (`ClaimChecker.subjects`).
    var subjects: [Int: Set<Int>]?
    /// The episode each section is about, by heading, in notes with no one subject
    /// (`ClaimChecker.sectionSubjects`).
    var sectionSubjects: [Int: [String: Set<Int>]]?
    /// For each transcript, the titles of the documents about it alone (`writtenAbout`).
    var writtenAbout: [Int: [String]]?
    /// Transcripts that are copies of one episode, each mapped to the first of its group
    /// (`Document.copiesOfEpisodes`).
    var copies: [Int: Int]?
    /// For each claim, its words, section and document title folded by `listFolded` (what the
    /// claims list's filter looks in).
    var claimText: [String]?
    /// For each passage that is the evidence of claims, their verdicts (`evidenceVerdicts`).
    var verdictsAt: [ParagraphRef: [Verdict]]?
    /// For each document that makes claims, by paragraph, where each claim's sentence starts
    /// and its verdict (`claimsMadeAt`).
    var claimsMade: [Int: [Int: [(start: Int, verdict: Verdict)]]]?
    /// For each document shown, the gravest verdict of each section's claims (`sectionVerdicts`).
    var sectionVerdicts: [Int: [Int: Verdict]] = [:]
    /// What the caches were made for.
    private var stamp = (generation: -1, documents: -1, claims: -1)
    public init() {}
    func valid(for stamp: (generation: Int, documents: Int, claims: Int)) -> Memo {
        if stamp != self.stamp {
            clear()
            self.stamp = stamp
        }
        return self
    }
    func clear() {
        commentary.removeAll()
        commentaryIndex = nil
        subjects = nil
        sectionSubjects = nil
        writtenAbout = nil
        copies = nil
        claimText = nil
        verdictsAt = nil
        claimsMade = nil
        sectionVerdicts.removeAll()
    }
}

/// An index over the commentary only (articles, and the summary blocks of newsletters), so
/// "passages like this paragraph" searches a tenth of the corpus, not all of it.
final class CommentaryIndex: @unchecked Sendable {
    let index: CorpusIndex
    /// For each pseudo-document and paragraph: the real paragraph.
    let refs: [[ParagraphRef]]

    init(documents: [Document]) {
        var docs: [Document] = []
        var refs: [[ParagraphRef]] = []
        for (d, doc) in documents.enumerated() {
            if doc.kind == .article {
                docs.append(doc)
                refs.append(doc.paragraphs.indices.map { ParagraphRef(doc: d, paragraph: $0) })
            } else if !doc.summarySections.isEmpty {
                var part = doc
                let keep = doc.paragraphs.indices.filter { doc.sections[safe: doc.paragraphs[$0].section]?.kind == .summary }
                part.paragraphs = keep.map { doc.paragraphs[$0] }
                part.cues = nil
                docs.append(part)
                refs.append(keep.map { ParagraphRef(doc: d, paragraph: $0) })
            }
        }
        index = CorpusIndex(documents: docs)
        self.refs = refs
    }

    func search(_ q: SearchQuery, limit: Int) -> [SearchHit] {
        index.search(q, limit: limit, requireAll: false).map { h in
            SearchHit(ref: refs[h.ref.doc][h.ref.paragraph], score: h.score)
        }
    }
}

/// A passage of another document shown in the commentary pane.
public struct CommentaryItem: Equatable, Sendable {
    public var ref: ParagraphRef
    public var score: Double
    /// Claims this passage makes, with their verdicts.
    public var verdicts: [Verdict]
    /// Where Enter goes: the passage's evidence in a transcript, if known.
    public var target: ParagraphRef?
}
