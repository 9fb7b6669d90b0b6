import Foundation
import GlossCore
import GlossRender

/// A line of a list pane, with the item it belongs to.
struct ListLine {
    var spans: [Span]
    var item: Int?
}

/// Rows of the chapter list: every section in document order.
func chapterRows(_ state: AppState) -> [Int] {
    guard let doc = state.document else { return [] }
    return Array(doc.sections.indices)
}

func listCount(_ state: AppState, _ pane: PaneID) -> Int {
    switch pane {
    case .chapters: return chapterRows(state).count
    case .claims: return claimsOnScreen(state).count
    case .commentary: return commentaryOnScreen(state).count
    case .transcript: return 0
    }
}

/// The paragraphs between the top and the bottom of the reading pane.
func visibleParagraphs(_ state: AppState) -> ClosedRange<Int>? {
    guard let layout = currentLayout(state) else { return nil }
    let page = ScreenGeometry(state).pageHeight(.transcript)
    var item = state.position.item, seen = -state.position.line
    var first: Int?, last: Int?
    while item < layout.items.count && seen < page {
        if case .paragraph(let p) = layout.items[item] {
            if first == nil { first = p }
            last = p
        }
        seen += layout.lineCount(item)
        item += 1
    }
    guard let f = first, let l = last else { return nil }
    return min(f, l)...max(f, l)
}

/// Claims about what is on screen: for a transcript, claims whose evidence is visible (else in
/// the current chapter); for an article, the claims its visible paragraphs make.
func claimsOnScreen(_ state: AppState) -> [CheckedClaim] {
    guard let doc = state.document, !state.claims.isEmpty else { return [] }
    let d = state.current
    let visible = visibleParagraphs(state)
    let section = currentSection(state)
    func inView(_ p: Int) -> Bool { visible?.contains(p) ?? false }
    func inSection(_ p: Int) -> Bool { section != nil && doc.paragraphs[safe: p]?.section == section }
    var picked: [CheckedClaim]
    if doc.isTimedTranscript {
        let about = state.claims.filter { c in c.evidence.first.map { $0.ref.doc == d } ?? false }
        picked = about.filter { inView($0.evidence[0].ref.paragraph) }
        if picked.isEmpty { picked = about.filter { inSection($0.evidence[0].ref.paragraph) } }
        // The document's own summaries come along when they are on screen (on a screen too
        // small to show any of its paragraphs, those of the section it is in).
        var own = state.claims.filter { $0.claim.source.doc == d && inView($0.claim.source.paragraph) }
        if own.isEmpty && picked.isEmpty { own = state.claims.filter { $0.claim.source.doc == d && inSection($0.claim.source.paragraph) } }
        for c in own where !picked.contains(where: { $0.claim.id == c.claim.id }) { picked.append(c) }
        // In reading order: where on screen the claim is made (the newsletter's own Brief), else
        // where its evidence is.
        let made = Set(own.map(\.claim.id))
        func place(_ c: CheckedClaim) -> Int {
            made.contains(c.claim.id) ? c.claim.source.paragraph : c.evidence.first?.ref.paragraph ?? Int.max
        }
        func key(_ c: CheckedClaim) -> (Int, Int, Int, Int) { (place(c), c.claim.source.doc, c.claim.source.paragraph, c.claim.range.lowerBound) }
        picked.sort { key($0) < key($1) }
    } else {
        let own = state.claims.filter { $0.claim.source.doc == d }
        picked = own.filter { inView($0.claim.source.paragraph) }
        if picked.isEmpty { picked = own.filter { inSection($0.claim.source.paragraph) } }
    }
    // The same claim from two copies of an article (its Markdown and its HTML, a cross-post) is
    // listed once.
    var seen = Set<String>()
    return picked.filter { seen.insert(copyKey($0)).inserted }
}

/// Equal for the same claim made by two copies of an article: its verdict, its evidence and
/// its words.
func copyKey(_ c: CheckedClaim) -> String {
    "\(c.verdict)|\(c.evidence.first.map { "\($0.ref.doc).\($0.ref.paragraph)" } ?? "-")|" + wordsKey(c.claim.text)
}

/// One mark per verdict, counted when more than one ("✓ ?×3": "???" would read as text the
/// terminal could not show), from column `x`, and the column after them (and a space); without
/// the counts, then without the spaces, when they would not fit in `width`.
func verdictSpans(_ verdicts: [Verdict], x start: Int = 0, width: Int) -> (spans: [Span], end: Int) {
    let present = [Verdict.supported, .divergent, .notFound].compactMap { v -> (Verdict, Int)? in
        let n = verdicts.filter { $0 == v }.count
        return n > 0 ? (v, n) : nil
    }
    for (counted, gap) in [(true, 1), (false, 1), (false, 0)] {
        var x = start
        var spans: [Span] = []
        for (v, n) in present {
            let (mark, role) = verdictMark[v]!
            let units = TextWidth.units(counted && n > 1 ? "\(mark)×\(n)" : mark)
            spans.append(Span(x: x, units: units, role: role))
            x += units.reduce(0) { $0 + $1.width } + gap
        }
        if x - gap - start <= width || gap == 0 { return (spans, x) }
    }
    return ([], start)
}

/// For each passage that is the evidence of claims, their verdicts (the same claim from two
/// copies of an article counted once), worked out once per corpus and claims.
func evidenceVerdicts(_ state: AppState) -> [ParagraphRef: [Verdict]] {
    if let v = state.memo.verdictsAt { return v }
    var out: [ParagraphRef: [Verdict]] = [:]
    var seen = Set<String>()
    for c in state.claims {
        guard let e = c.evidence.first?.ref, seen.insert(copyKey(c)).inserted else { continue }
        out[e, default: []].append(c.verdict)
    }
    state.memo.verdictsAt = out
    return out
}

/// For each document that makes claims, by paragraph, where each claim's sentence starts and
/// its verdict, worked out once per corpus and claims.
func claimsMadeAt(_ state: AppState) -> [Int: [Int: [(start: Int, verdict: Verdict)]]] {
    if let m = state.memo.claimsMade { return m }
    var out: [Int: [Int: [(start: Int, verdict: Verdict)]]] = [:]
    for c in state.claims {
        out[c.claim.source.doc, default: [:]][c.claim.source.paragraph, default: []].append((c.claim.range.lowerBound, c.verdict))
    }
    state.memo.claimsMade = out
    return out
}

/// For each section of the current document, the gravest verdict of the claims checked there:
/// those whose evidence is in it (a transcript's chapter) and those it makes (a brief, an
/// article's section). The chapter list shows it, so that the chapters to look at stand out.
func sectionVerdicts(_ state: AppState) -> [Int: Verdict] {
    guard let doc = state.document, !state.claims.isEmpty else { return [:] }
    let d = state.current
    if let known = state.memo.sectionVerdicts[d] { return known }
    var all: [Int: [Verdict]] = [:]
    for (ref, verdicts) in evidenceVerdicts(state) where ref.doc == d {
        if let s = doc.paragraphs[safe: ref.paragraph]?.section { all[s, default: []] += verdicts }
    }
    for (p, made) in claimsMadeAt(state)[d] ?? [:] {
        if let s = doc.paragraphs[safe: p]?.section { all[s, default: []] += made.map(\.verdict) }
    }
    let out = all.compactMapValues(gravest)
    state.memo.sectionVerdicts[d] = out
    return out
}

/// The verdict to show for several claims at once: the one to look at first.
func gravest(_ verdicts: [Verdict]) -> Verdict? {
    verdicts.contains(.divergent) ? .divergent : verdicts.contains(.notFound) ? .notFound : verdicts.first
}

/// A text's words, case and punctuation aside: equal for two copies of one passage.
func wordsKey(_ text: String) -> String { Tokenizer.terms(text).joined(separator: " ") }

/// The episode each summary or article is about, when it can be told (worked out once per
/// corpus and claims).
func subjectsOf(_ state: AppState) -> [Int: Set<Int>] {
    workOutSubjects(state)
    return state.memo.subjects!
}

/// The episode each section of notes on several episodes is about (worked out once per corpus
/// and claims, with `subjectsOf`).
func sectionSubjectsOf(_ state: AppState) -> [Int: [String: Set<Int>]] {
    workOutSubjects(state)
    return state.memo.sectionSubjects!
}

private func workOutSubjects(_ state: AppState) {
    guard state.memo.subjects == nil || state.memo.sectionSubjects == nil else { return }
    (state.memo.subjects, state.memo.sectionSubjects) = ClaimChecker.subjectsWithSections(state.claims, documents: state.documents)
}

/// For each transcript, the titles of the documents about it and nothing else ("309 John
/// Carmack" for `episode_309_large`): the open list shows them beside a transcript named only by
/// its file, and its filter finds the transcript by them.
func writtenAbout(_ state: AppState) -> [Int: [String]] {
    if let w = state.memo.writtenAbout { return w }
    let out = ClaimChecker.writtenAbout((subjectsOf(state), sectionSubjectsOf(state)), documents: state.documents)
    state.memo.writtenAbout = out
    return out
}

/// What names a transcript that has no title but its file's: the title of the one document
/// written about it alone (`writtenAbout`). Of several (the thirteen pages of a site on one
/// episode), none: the first would be a page's title, not the episode's.
func aboutTitle(_ state: AppState, _ doc: Int) -> String? {
    guard state.documents[doc].metadata.title == nil, let about = writtenAbout(state)[doc], about.count == 1 else { return nil }
    return about[0]
}

/// Transcripts that are copies of one episode (two Whisper models, one file in several formats),
/// each mapped to the first of its group.
func copiesOf(_ state: AppState) -> [Int: Int] {
    if let c = state.memo.copies { return c }
    let out = Document.copiesOfEpisodes(state.documents, transcripts: state.documents.indices.filter { state.documents[$0].kind == .transcript })
    state.memo.copies = out
    return out
}

/// What the document list says after a document's title, in its dim colour: the title of what
/// was written about it (`aboutTitle`) and, for a copy of another transcript, which: "same
/// episode as episode_001_large", or by its format when the two have one title ("same episode
/// as the whisper-json": five files of one Whisper run are all "talk").
func listNote(_ state: AppState, _ doc: Int) -> String? {
    var notes: [String] = []
    if let about = aboutTitle(state, doc) { notes.append(about) }
    if let rep = copiesOf(state)[doc], rep != doc {
        let other = state.documents[rep]
        notes.append("same episode as " + (other.title == state.documents[doc].title ? "the " + other.format.rawValue : other.title))
    }
    return notes.isEmpty ? nil : notes.joined(separator: " · ")
}

/// Passages of other documents like the paragraph at the top of the reading pane; passages
/// that make claims about it come first. Documents about another episode are left out.
func commentaryOnScreen(_ state: AppState) -> [CommentaryItem] {
    guard let doc = state.document, let layout = currentLayout(state) else { return [] }
    guard let p = layout.paragraph(atOrAfter: state.position.item) else { return [] }
    let key = "\(state.generation)|\(doc.path)|\(p)"
    if let m = state.memo.commentary[key] { return m }
    let d = state.current
    let subjects = subjectsOf(state), sectionSubjects = sectionSubjectsOf(state)
    let isCommentary: (ParagraphRef) -> Bool = { r in
        if r.doc == d {
            // The same newsletter's summary blocks comment on its transcript.
            return doc.kind == .transcript && state.documents[d].sections[safe: state.documents[d].paragraphs[r.paragraph].section]?.kind == .summary
                && doc.sections[safe: doc.paragraphs[p].section]?.kind != .summary
        }
        let other = state.documents[r.doc]
        // In a library, a summary of another episode is not commentary on this one, however
        // alike their words.
        if doc.kind == .transcript, let subject = subjects[r.doc], !subject.contains(d) { return false }
        // Nor, in notes on several episodes, a section on another.
        if doc.kind == .transcript, let heading = other.sections[safe: other.paragraphs[r.paragraph].section]?.title,
           let subject = sectionSubjects[r.doc]?[heading], !subject.contains(d) { return false }
        if other.kind == .article { return true }
        return other.sections[safe: other.paragraphs[r.paragraph].section]?.kind == .summary
    }
    var items: [CommentaryItem] = []
    var seen = Set<ParagraphRef>()
    // Two copies of one passage (an article saved as Markdown and as HTML) are listed once.
    var texts = Set<String>()
    func copy(_ ref: ParagraphRef) -> Bool {
        !texts.insert(wordsKey(state.documents[ref.doc].paragraphs[ref.paragraph].text)).inserted
    }
    // Claims whose evidence is this paragraph.
    for c in state.claims where c.evidence.contains(where: { $0.ref == ParagraphRef(doc: d, paragraph: p) }) {
        let ref = c.claim.source
        guard isCommentary(ref), !seen.contains(ref) else { continue }
        seen.insert(ref)
        if copy(ref) { continue }
        let verdicts = state.claims.filter { $0.claim.source == ref }.map(\.verdict)
        items.append(CommentaryItem(ref: ref, score: 100, verdicts: verdicts, target: c.evidence.first?.ref))
    }
    // Then passages the index finds most similar.
    if let index = state.index {
        let terms = distinctiveTerms(index, doc.paragraphs[p].text, count: 40)
        let query = SearchQuery(terms.joined(separator: " "), readFigures: false)
        if state.memo.commentaryIndex == nil { state.memo.commentaryIndex = CommentaryIndex(documents: state.documents) }
        var hits = state.memo.commentaryIndex!.search(query, limit: 60)
        hits.removeAll { !isCommentary($0.ref) || seen.contains($0.ref) }
        // A passage sharing one word with the paragraph is not about it ("For more on the
        // technical aspects of AGI development, see…" beside "the next stage of development").
        let wanted = Set(terms)
        hits.removeAll { h in
            Set(Tokenizer.terms(state.documents[h.ref.doc].paragraphs[h.ref.paragraph].text)).intersection(wanted).count < 2
        }
        for h in hits where items.count < 8 {
            seen.insert(h.ref)
            if copy(h.ref) { continue }
            let claims = state.claims.filter { $0.claim.source == h.ref }
            let target = claims.compactMap { $0.evidence.first?.ref }.first
                ?? (doc.kind == .transcript ? ParagraphRef(doc: d, paragraph: p) : nil)
            items.append(CommentaryItem(ref: h.ref, score: h.score, verdicts: claims.map(\.verdict), target: target))
        }
    }
    state.memo.commentary[key] = items
    return items
}

/// The words of a text that say most about it (tf × idf).
func distinctiveTerms(_ index: CorpusIndex, _ text: String, count: Int) -> [String] {
    var tf: [String: Int] = [:]
    for t in Tokenizer.terms(text) where !SearchQuery.stopWords.contains(t) && t.count > 2 { tf[t, default: 0] += 1 }
    var weighted: [(term: String, weight: Double)] = []
    // Words in more than one paragraph in fifty say little and cost a long posting list.
    let common = max(50, index.paragraphCount / 50)
    // Words found nowhere else can't find anything else: they must occur in another paragraph.
    for (term, n) in tf {
        let df = index.frequency(of: term)
        if df >= 2 && df <= common { weighted.append((term, Double(n) * index.idf(term))) }
    }
    weighted.sort { a, b in a.weight > b.weight || (a.weight == b.weight && a.term < b.term) }
    return weighted.prefix(count).map { $0.term }
}

extension CorpusIndex {
    /// Ranking by any of the terms (no AND requirement): "more like this".
    func searchAny(_ q: SearchQuery, limit: Int) -> [SearchHit] {
        search(q, limit: limit, requireAll: false)
    }
}

// MARK: - Rendering list panes

func truncated(_ s: String, _ width: Int) -> [DisplayUnit] {
    var units = TextWidth.units(s)
    var cols = units.reduce(0) { $0 + $1.width }
    guard cols > width else { return units }
    while cols > max(0, width - 1), let last = units.popLast() { cols -= last.width }
    units.append(DisplayUnit(text: "…", width: 1, offset: 0))
    return units
}

func wrapped(_ s: String, _ width: Int, maxLines: Int) -> [[DisplayUnit]] {
    let units = TextWidth.units(s)
    var lines = Wrap.lines(units, width: max(1, width)).map { Array(units[$0.units]) }
    if lines.count > maxLines {
        lines = Array(lines.prefix(maxLines))
        var last = lines[maxLines - 1]
        var cols = last.reduce(0) { $0 + $1.width }
        while cols > max(0, width - 1), let u = last.popLast() { cols -= u.width }
        last.append(DisplayUnit(text: "…", width: 1, offset: 0))
        lines[maxLines - 1] = last
    }
    return lines
}

/// A verdict as the reader says it: "supported", "divergent", "not found".
func verdictName(_ v: Verdict) -> String { v == .notFound ? "not found" : v.rawValue }

let verdictMark: [Verdict: (String, Role)] = [
    .supported: ("✓", .claimSupported), .divergent: ("✗", .claimDivergent), .notFound: ("?", .claimNotFound),
]

/// All lines of a list pane, and the selected item's line range (for scrolling it into view).
func listLines(_ state: AppState, pane: PaneID, width: Int, height: Int) -> (rows: [ListLine], all: Int) {
    var out: [ListLine] = []
    var selectedRange: Range<Int>?
    let sel = state.selected[pane] ?? 0
    func add(_ item: Int, _ lines: [ListLine]) {
        if item == sel { selectedRange = out.count..<(out.count + lines.count) }
        out += lines
    }
    switch pane {
    case .chapters:
        guard let doc = state.document else { break }
        let current = currentSection(state)
        // The gravest verdict of each chapter's claims in its last column (on a pane wide enough).
        let verdicts = width >= 12 ? sectionVerdicts(state) : [:]
        for (row, s) in chapterRows(state).enumerated() {
            let sec = doc.sections[s]
            var stamp = ""
            if let t = sec.start, sec.kind != .summary { stamp = Timestamp.formatShort(t) + " " }
            let role: Role = s == current ? .chapterCurrent : (sec.present ? (sec.kind == .summary ? .summary : .chapter) : .chapterAbsent)
            let mark = sec.present ? "" : " ∅"
            let verdict = verdicts[s].flatMap { verdictMark[$0] }
            let room = width - TextWidth.columns(stamp) - (verdict == nil ? 0 : 2)
            let label = truncated(sec.titleAfterStart() + mark, max(1, room))
            var spans = [Span(x: 0, units: TextWidth.units(stamp), role: sec.present ? (s == current ? .chapterCurrent : .time) : .chapterAbsent)]
            spans.append(Span(x: TextWidth.columns(stamp), units: label, role: role))
            if let (m, r) = verdict { spans.append(Span(x: width - 1, units: TextWidth.units(m), role: r)) }
            add(row, [ListLine(spans: spans, item: row)])
        }
        if out.isEmpty { out.append(ListLine(spans: [Span(x: 0, units: TextWidth.units("(no sections)"), role: .dim)], item: nil)) }
    case .claims:
        let claims = claimsOnScreen(state)
        if claims.isEmpty {
            let note = state.index == nil ? "indexing…"
                : state.loading?.stage == .checkingClaims ? "checking claims…"
                : (state.claims.isEmpty ? "no claims in this corpus" : "no claims about this part")
            out.append(ListLine(spans: [Span(x: 0, units: TextWidth.units(note), role: .dim)], item: nil))
        }
        for (row, c) in claims.enumerated() {
            var lines: [ListLine] = []
            let (mark, role) = verdictMark[c.verdict]!
            let src = state.documents[c.claim.source.doc]
            let from = c.claim.source.doc == state.current ? (c.claim.heading ?? "") : src.title
            let head = "\(mark) \(verdictName(c.verdict)) · \(from)"
            lines.append(ListLine(spans: [Span(x: 0, units: truncated(head, width), role: role)], item: row))
            for l in wrapped(c.claim.text, width - 2, maxLines: 4) { lines.append(ListLine(spans: [Span(x: 2, units: l, role: .claim)], item: row)) }
            if let e = c.evidence.first {
                let ed = state.documents[e.ref.doc]
                let p = ed.paragraphs[e.ref.paragraph]
                let sec = ed.sections[safe: p.section]
                let stamp = evidenceStamp(state, c) ?? "¶\(e.ref.paragraph)"
                lines.append(ListLine(spans: [Span(x: 2, units: truncated("→ \(stamp) \(sec?.titleBesideTime ?? "")", width - 2), role: .time)], item: row))
            } else {
                lines.append(ListLine(spans: [Span(x: 2, units: TextWidth.units("→ no supporting passage"), role: .claimNotFound)], item: row))
            }
            for f in c.differingFigures {
                lines.append(ListLine(spans: [Span(x: 2, units: truncated("says \(f.claim) · transcript \(f.evidence!)", width - 2), role: .claimDivergent)], item: row))
            }
            if !c.unstatedFigures.isEmpty, !c.evidence.isEmpty {
                let unstated = c.unstatedFigures.map(\.description).joined(separator: ", ")
                lines.append(ListLine(spans: [Span(x: 2, units: truncated("not stated there: \(unstated)", width - 2), role: .dim)], item: row))
            }
            for q in c.quotes where q.deniedInSource && q.isAsSaid {
                lines.append(ListLine(spans: [Span(x: 2, units: truncated("quote out of context: said to deny it", width - 2), role: .claimDivergent)], item: row))
            }
            for q in c.quotes {
                guard let e = q.elision else { continue }
                lines.append(ListLine(spans: [Span(x: 2, units: truncated("quote leaves out “\(e)”", width - 2), role: .dim)], item: row))
            }
            for q in c.quotes where !q.isAsSaid {
                lines.append(ListLine(spans: [Span(x: 2, units: truncated(q.found ? "quote differs (\(Int(q.similarity * 100))%), said:" : "quote not in the transcript", width - 2), role: .claimDivergent)], item: row))
                // What was said instead, under it ("electric bicycle for the mind").
                if let said = q.said(in: state.documents) {
                    for l in wrapped("“\(said)”", width - 2, maxLines: 3) { lines.append(ListLine(spans: [Span(x: 2, units: l, role: .quote)], item: row)) }
                }
            }
            lines.append(ListLine(spans: [], item: row))
            add(row, lines)
        }
    case .commentary:
        let items = commentaryOnScreen(state)
        if items.isEmpty {
            let note = state.index == nil ? "indexing…" : "no related passages"
            out.append(ListLine(spans: [Span(x: 0, units: TextWidth.units(note), role: .dim)], item: nil))
        }
        for (row, item) in items.enumerated() {
            var lines: [ListLine] = []
            let d = state.documents[item.ref.doc]
            let para = d.paragraphs[item.ref.paragraph]
            // (A window's passage by its time; a section headed by the title again, not at all.)
            let untitled = (d.sections[safe: para.section]?.titleBesideTime ?? "").isEmpty
            let sec = untitled ? para.timeLabel ?? "" : d.sectionTitle(ofParagraph: item.ref.paragraph)
            var (spans, x) = verdictSpans(item.verdicts, width: width)
            spans.append(Span(x: x, units: truncated(sec.isEmpty ? d.title : "\(d.title) · \(sec)", width - x), role: .dim))
            lines.append(ListLine(spans: spans, item: row))
            for l in wrapped(para.text, width - 2, maxLines: 4) { lines.append(ListLine(spans: [Span(x: 2, units: l, role: .commentary)], item: row)) }
            lines.append(ListLine(spans: [], item: row))
            add(row, lines)
        }
    case .transcript:
        break
    }
    // Scroll so the selected item is visible.
    var offset = 0
    if let r = selectedRange, r.upperBound > height { offset = min(r.lowerBound, r.upperBound - height) }
    return (Array(out.dropFirst(offset)), out.count)
}
