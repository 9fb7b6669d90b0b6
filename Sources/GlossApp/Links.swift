import Foundation
import GlossCore
import GlossRender

// MARK: - Links: claims to their evidence, passages to where they are said

/// Marks, in the passage the last jump went to, the words by which these claims were checked
/// (`checkedMarks`), until the next jump.
func markChecked(_ state: inout AppState, _ claims: [CheckedClaim]) {
    state.evidenceMarks = nil
    guard let at = state.highlight, state.documents.indices.contains(at.doc) else { return }
    let marks = checkedMarks(state, claims, in: at.doc)
    if !marks.isEmpty { state.evidenceMarks = EvidenceMarks(anchor: at, marks: marks) }
    // The first quotation or figure marked in the passage, on screen.
    if let first = marks[at.paragraph]?.map(\.range.lowerBound).min() { reveal(&state, paragraph: at.paragraph, offset: first) }
}

/// The words of document `d` by which these claims were checked, by paragraph: at their
/// evidence (and the answer after it, for a question) each quotation where it was said and each
/// figure compared with a claim's; where a claim is made, its figures and quotations. In the
/// verdict colours: supported, as said; divergent, not as said; not found, a quotation the
/// transcripts do not have.
func checkedMarks(_ state: AppState, _ claims: [CheckedClaim], in d: Int) -> [Int: [EvidenceMarks.Mark]] {
    guard state.documents.indices.contains(d) else { return [:] }
    let doc = state.documents[d]
    var marks: [Int: [EvidenceMarks.Mark]] = [:]
    /// Marks `range` of paragraph `p` if it holds `words` there.
    func mark(_ p: Int, _ range: Range<Int>, _ words: String, _ role: Role) {
        guard doc.paragraphs.indices.contains(p) else { return }
        let text = Array(doc.paragraphs[p].text.utf8)
        guard range.upperBound <= text.count, String(decoding: text[range], as: UTF8.self) == words else { return }
        marks[p, default: []].append(EvidenceMarks.Mark(range: range, role: role))
    }
    func role(_ q: QuoteMatch) -> Role {
        !q.found ? .claimNotFound : q.isAsSaid && !q.deniedInSource ? .claimSupported : .claimDivergent
    }
    for c in claims {
        if c.claim.source.doc == d {
            let base = c.claim.range.lowerBound, p = c.claim.source.paragraph
            for f in c.figures where f.evidence != nil {
                mark(p, (base + f.claim.range.lowerBound)..<(base + f.claim.range.upperBound), f.claim.text, f.agree ? .claimSupported : .claimDivergent)
            }
            for q in QuoteExtractor.quotes(in: c.claim.text, minWords: 2) {
                guard let m = c.quotes.first(where: { $0.text == q.text }) else { continue }
                mark(p, (base + q.range.lowerBound)..<(base + q.range.upperBound), q.text, role(m))
            }
        }
        for q in c.quotes where q.found && q.ref?.doc == d {
            for s in q.spans where doc.paragraphs.indices.contains(s.paragraph) {
                marks[s.paragraph, default: []].append(EvidenceMarks.Mark(range: s.range, role: role(q)))
            }
        }
        guard let e = c.evidence.first?.ref, e.doc == d else { continue }
        for f in c.figures {
            guard let said = f.evidence else { continue }
            // (In the evidence, or in the answer after it when the evidence asks a question.)
            for p in [e.paragraph, e.paragraph + 1] where doc.paragraphs.indices.contains(p) {
                let before = marks[p]?.count ?? 0
                mark(p, said.range, said.text, f.agree ? .claimSupported : .claimDivergent)
                if marks[p]?.count ?? 0 > before { break }
            }
        }
    }
    return marks
}

/// While the claims pane has the focus, the reading pane shows what its selected claim is
/// about: the words it was checked by (`checkedMarks`) and, where it is made, its sentence;
/// while the commentary pane has it, the words by which the selected passage's claims were
/// checked.
func selectedClaimMarks(_ state: AppState) -> [Int: [EvidenceMarks.Mark]] {
    switch state.focus {
    case .claims:
        guard let c = claimsOnScreen(state)[safe: state.selected[.claims] ?? 0] else { return [:] }
        var marks = checkedMarks(state, [c], in: state.current)
        if c.claim.source.doc == state.current {
            marks[c.claim.source.paragraph, default: []].append(EvidenceMarks.Mark(range: c.claim.range, role: .selection))
        }
        return marks
    case .commentary:
        guard let item = commentaryOnScreen(state)[safe: state.selected[.commentary] ?? 0], !item.verdicts.isEmpty else { return [:] }
        return checkedMarks(state, state.claims.filter { $0.claim.source == item.ref }, in: state.current)
    default:
        return [:]
    }
}

/// Selects claim `c` in the claims pane, when it is among the claims about what is on screen
/// (after a jump the pane lists others: the one followed stays selected).
func selectInClaimsPane(_ state: inout AppState, _ c: CheckedClaim) {
    if let row = claimsOnScreen(state).firstIndex(where: { $0.claim.id == c.claim.id && $0.claim.source == c.claim.source }) {
        state.selected[.claims] = row
    }
}

/// Enter (follow) or v (open the passage itself) on the focused pane's selection.
func follow(_ state: inout AppState, open: Bool) {
    switch state.focus {
    case .chapters:
        let rows = chapterRows(state)
        guard let s = rows[safe: state.selected[.chapters] ?? 0] else { return }
        remember(&state)
        show(&state, paragraph: nil, section: s)
        state.focus = .transcript
        if let sec = state.document?.sections[s], !sec.present {
            state.message = StatusMessage(text: "\(sec.title): listed, but not in this transcript", isError: false)
        }
    case .claims:
        let items = claimsOnScreen(state)
        guard let c = items[safe: state.selected[.claims] ?? 0] else { return }
        if open || !c.evidence.isEmpty {
            goToClaim(&state, c, evidence: !open)
        } else {
            state.message = StatusMessage(text: "no transcript passage supports this claim (not found)", isError: false)
        }
        selectInClaimsPane(&state, c)
    case .commentary:
        let items = commentaryOnScreen(state)
        guard let item = items[safe: state.selected[.commentary] ?? 0] else { return }
        if open || item.target == nil { go(&state, to: item.ref) } else { go(&state, to: item.target!) }
        markChecked(&state, state.claims.filter { $0.claim.source == item.ref && (open || $0.evidence.first?.ref == item.target) })
    case .transcript:
        if let s = state.search, let h = s.hits[safe: s.current] { go(&state, toHit: h) }
    }
}

/// Opens a document at a paragraph and marks it.
func go(_ state: inout AppState, to ref: ParagraphRef) {
    guard state.documents.indices.contains(ref.doc) else { return }
    // (From a comparison, a passage opens in the reader; the place remembered keeps the
    // comparison, which Backspace brings back as it was.)
    remember(&state)
    state.compare = nil
    state.evidenceMarks = nil
    state.current = ref.doc
    show(&state, paragraph: ref.paragraph)
    // One line of context above the target.
    if let layout = currentLayout(state) {
        state.position = scrolled(state.position, by: -1, layout: layout, page: ScreenGeometry(state).pageHeight(.transcript))
    }
    state.highlight = ref
    state.focus = .transcript
    let doc = state.documents[ref.doc]
    let p = doc.paragraphs[ref.paragraph]
    // (Where first: a long title is what a narrow bar cuts, and the bar's left names it too.)
    state.message = StatusMessage(text: (p.timeLabel.map { $0 + " · " } ?? "") + doc.title, isError: false)
}

/// Where claim `c`'s evidence is, as the claims panes list it: its passage's time, or in captions
/// the time the part of it that says the claim was said ("→ 1:48:10" for the nine magic words,
/// in a passage from 1:47:53), which is where Enter shows it.
func evidenceStamp(_ state: AppState, _ c: CheckedClaim) -> String? {
    guard let e = c.evidence.first, let p = state.documents[safe: e.ref.doc]?.paragraphs[safe: e.ref.paragraph] else { return nil }
    return Reports.evidenceSaid(state.documents, e, of: c).map(Timestamp.formatShort) ?? p.timeLabel
}

/// What a divergent claim gets wrong, in a few words: "3–5 years vs 10 years", or a quotation
/// not as said or out of context.
func divergence(_ c: CheckedClaim) -> String? {
    if let f = c.differingFigures.first, let said = f.evidence { return "\(f.claim) vs \(said)" }
    if let q = c.quotes.first(where: { !$0.isAsSaid || $0.deniedInSource }) {
        return "quote “\(q.text)” \(q.deniedInSource ? "out of context" : "not as said")"
    }
    return nil
}

/// Goes to claim `c`'s evidence (`evidence`, when it has any) or else to where it is made, and
/// marks there the words it was checked by; at its evidence the status bar says its verdict.
func goToClaim(_ state: inout AppState, _ c: CheckedClaim, evidence: Bool) {
    let e = evidence ? c.evidence.first : nil
    go(&state, to: e?.ref ?? c.claim.source)
    markChecked(&state, [c])
    if let e {
        // The part of the passage that says the claim, on screen (its first mark may be elsewhere).
        if let at = Reports.evidenceFocus(state.documents, e, of: c) { reveal(&state, paragraph: e.ref.paragraph, offset: at) }
        // (In captions, when that part was said: where the pane is now.)
        state.message = StatusMessage(text: (evidenceStamp(state, c).map { $0 + " · " } ?? "") + state.documents[e.ref.doc].title, isError: false)
        sayVerdict(&state, c)
    }
}

/// After a jump to claim `c`'s evidence, the status bar says its verdict before where it went:
/// "✗ 3–5 years vs 10 years · ≈13:41 · …".
func sayVerdict(_ state: inout AppState, _ c: CheckedClaim) {
    guard let m = state.message else { return }
    let note = verdictMark[c.verdict]!.0 + " " + (c.verdict == .divergent ? divergence(c) ?? "divergent" : verdictName(c.verdict))
    state.message = StatusMessage(text: note + " · " + m.text, isError: m.isError)
}

/// To the next (or previous) paragraph of this document that makes a divergent claim or is
/// the evidence of one, with the claim selected in the claims pane and its figures in the
/// status bar.
func stepDivergence(_ state: inout AppState, forward: Bool) {
    guard let doc = state.document, let layout = currentLayout(state) else { return }
    let d = state.current
    var at: [(paragraph: Int, claim: CheckedClaim)] = []
    for c in state.claims where c.verdict == .divergent {
        if c.claim.source.doc == d { at.append((c.claim.source.paragraph, c)) }
        if let e = c.evidence.first?.ref, e.doc == d { at.append((e.paragraph, c)) }
    }
    guard !at.isEmpty else {
        state.message = StatusMessage(text: state.loading != nil ? "claims are still being checked" : "no divergent claim in this document", isError: false)
        return
    }
    // (Claim ids are text: "1.10" sorts before "1.2".)
    at.sort { a, b in
        let x = a.claim.claim, y = b.claim.claim
        return (a.paragraph, x.source.doc, x.source.paragraph, x.range.lowerBound) < (b.paragraph, y.source.doc, y.source.paragraph, y.range.lowerBound)
    }
    let paragraphs = Array(Set(at.map(\.paragraph))).sorted()
    let top = layout.paragraph(atOrAfter: state.position.item) ?? 0
    guard let p = forward ? paragraphs.first(where: { $0 > top }) : paragraphs.last(where: { $0 < top }) else {
        state.message = StatusMessage(text: forward ? "no divergent claim further on" : "no divergent claim before this", isError: false)
        return
    }
    remember(&state)
    state.focus = .transcript
    show(&state, paragraph: p)
    state.highlight = ParagraphRef(doc: d, paragraph: p)
    let here = at.filter { $0.paragraph == p }.map(\.claim)
    markChecked(&state, here)
    if let first = here.first { selectInClaimsPane(&state, first) }
    let n = paragraphs.firstIndex(of: p)! + 1
    var text = "divergent \(n)/\(paragraphs.count)"
    if let why = here.first.flatMap(divergence) { text += ": " + why }
    if let stamp = doc.paragraphs[p].timeLabel { text += " · " + stamp }
    state.message = StatusMessage(text: text, isError: false)
}
