import Foundation
import GlossCore
import GlossRender

// MARK: - Jump and search

/// The key a vim command typed at the `:` prompt stands for: `q` for `:q`, `:q!`, `:qa`,
/// `:wq`, `:x` and `:quit`; `?` for `:h` and `:help`.
func vimCommandKey(_ text: String) -> Key? {
    switch text.trimmingCharacters(in: .whitespaces).lowercased() {
    case "q", "q!", "qa", "qa!", "quit", "quit!", "wq", "x", "xa": return .char("q")
    case "h", "help": return .char("?")
    default: return nil
    }
}

/// `50%`: a place that far through a document (0 to 100), as the status bar counts.
public func percentPlace(_ text: String) -> Int? {
    guard text.hasSuffix("%"), let pct = Int(text.dropLast()), (0...100).contains(pct) else { return nil }
    return pct
}

func jump(_ state: inout AppState, to text: String) {
    if let pct = percentPlace(text) {
        jump(&state, percent: pct)
        return
    }
    guard let t = Timestamp.parse(text) else {
        state.message = StatusMessage(text: "not a time: ‘\(text)’ (try 12:36, 1:47:41, 47m, 90s or 50%)", isError: true)
        return
    }
    guard var doc = state.document else { return }
    // An article has no times: a time is in the transcript it is about (or the only one open),
    // where Backspace comes back from.
    var target = state.current
    if doc.section(at: t) == nil, let other = transcriptForTimes(state) {
        target = other
        doc = state.documents[other]
    }
    guard let s = doc.section(at: t) else {
        // (The reason first: a long title would push it off a narrow status bar.)
        state.message = StatusMessage(text: "no times to jump to in this \(doc.kind.rawValue): \(doc.title)", isError: true)
        return
    }
    if doc.isPastEnd(t) {
        state.message = StatusMessage(text: "\(Timestamp.formatShort(t)) is past \(doc.endForMessage(Timestamp.formatShort))", isError: true)
        return
    }
    var sec = doc.sections[s]
    remember(&state)
    let elsewhere = target == state.current ? "" : " in " + doc.title
    state.current = target
    if let p = doc.paragraph(at: t) {
        // (In captions cut into windows, the paragraph said at `t` may have begun in the window before.)
        sec = doc.sections[doc.paragraphs[p].section]
        show(&state, paragraph: p, section: doc.paragraphs[p].section)
        // What was said then, on screen, when it is far into a long paragraph of captions.
        // (Then the message gives the time of that caption: the paragraph's first line is off screen.)
        var cue: Double?
        if let at = TimeMark.offset(at: t, in: doc.paragraphs[p].marks), reveal(&state, paragraph: p, offset: at) {
            cue = doc.paragraphs[p].timeSaid(at: at)
        }
        state.highlight = ParagraphRef(doc: state.current, paragraph: p)
        state.message = StatusMessage(text: timeLanding(t, sec, doc.paragraphs[p], cue: cue) + elsewhere, isError: false)
    } else {
        show(&state, paragraph: nil, section: s)
        // (The news first: the title may not fit a narrow status bar.)
        state.message = StatusMessage(text: "\(Timestamp.formatShort(t)) is not in this transcript: the text stops before “\(sec.title)”\(elsewhere)", isError: false)
    }
    state.focus = .transcript
}

/// Where a time went: "20:00 → 12:36 Is diffusion cope? · ≈17:47", the chapter and the
/// paragraph's time (or, scrolled into it, the time of its caption said then, `cue`:
/// `Paragraph.timeSaid`), or that the text stops before the chapter (`para` nil).
func timeLanding(_ t: Double, _ sec: Section, _ para: Paragraph?, cue: Double? = nil) -> String {
    "\(Timestamp.formatShort(t)) → \(Timestamp.formatShort(sec.start ?? 0)) \(sec.titleAfterStart()) · "
        + (cue.map(Timestamp.formatShort) ?? para.map { $0.timeLabel ?? "" } ?? "not in the text")
}

/// The transcript a time typed in an article is in: the one the article is about (from its
/// claims' evidence), else the only transcript with times open.
func transcriptForTimes(_ state: AppState) -> Int? {
    let timed = state.documents.indices.filter { state.documents[$0].isTimedTranscript }
    if let subject = subjectsOf(state)[state.current]?.filter(timed.contains), subject.count == 1 { return subject.first }
    return timed.count == 1 ? timed[0] : nil
}

/// `50%`: that far through the document, as the status bar counts it (less's `50%`); works in
/// articles too.
func jump(_ state: inout AppState, percent: Int) {
    guard let layout = currentLayout(state) else { return }
    let page = ScreenGeometry(state).pageHeight(.transcript)
    // The first line the status bar counts as that percentage.
    let target = (max(0, layout.totalLines - page) * percent + 99) / 100
    remember(&state)
    state.focus = .transcript
    state.highlight = nil
    state.pinnedSection = nil
    state.position = scrolled(ScrollPosition(), by: target, layout: layout, page: page)
    state.message = StatusMessage(text: "\(percent)%\(placeLabel(state))", isError: false)
}

func runSearch(_ state: inout AppState, _ query: String) {
    let q = SearchQuery(query, lastWordIsPrefix: true)
    guard !q.isEmpty else {
        state.search = nil
        return
    }
    if let c = state.compare {
        compareSearch(&state, query, q, c)
    } else {
        searchReader(&state, query, q)
    }
    // A word no paragraph has may be misspelled: the nearest the index knows is offered.
    if var s = state.search, s.hits.isEmpty || s.someWords, let index = state.index {
        s.suggestion = index.suggestion(for: query)
        state.search = s
    }
}

func searchReader(_ state: inout AppState, _ query: String, _ q: SearchQuery) {
    let here = state.searchHere && state.document != nil ? state.current : nil
    // All of one document's hits (a three-hour transcript has a few thousand paragraphs); the
    // best 200 of a corpus.
    let limit = here == nil ? 200 : 10_000
    let index = searchIndex(state)
    // Chapters whose titles have the words come first (a title is not in the index: "diffusion"
    // is the seed's chapter "Is diffusion cope?").
    // A time ("12:36") is where each transcript is then, the one being read first; then the
    // texts that write it.
    let times = index.timeHits(q, documents: here.map { [$0] }).sorted { ($0.ref.doc != state.current ? 1 : 0, $0.ref.doc) < ($1.ref.doc != state.current ? 1 : 0, $1.ref.doc) }
    var hits = Array(times.prefix(20)) + Array(index.sectionHits(q, documents: here.map { [$0] }).prefix(here == nil ? 20 : 1000))
        + index.search(q, limit: limit, documents: here.map { [$0] })
    if here == nil { hits = withoutRepeats(hits, state.documents) }
    state.hitSelection = 0
    if here != nil, let layout = currentLayout(state) {
        // In reading order, the first chosen at or after the top of the pane.
        func item(_ h: SearchHit) -> Int { hitItem(h, layout) }
        hits.sort { (item($0), $0.ref.paragraph) < (item($1), $1.ref.paragraph) }
        state.hitSelection = hits.firstIndex { item($0) >= state.position.item } ?? 0
    }
    state.search = SearchState(query: query, hits: hits, current: 0, within: here)
}

/// The hits without those that repeat an earlier one under the same document title: copies of
/// one document (Lex's notes as Markdown and as HTML) would list each passage twice, as two
/// identical lines. Times are left: two files of one episode are at different words then; and
/// so are a document's own repeats ("Yeah." said twice is two places).
func withoutRepeats(_ hits: [SearchHit], _ documents: [Document]) -> [SearchHit] {
    var seen: [String: Int] = [:]
    return hits.filter { h in
        guard h.time == nil, let d = documents[safe: h.ref.doc] else { return true }
        let what: String
        if let s = h.section {
            guard let sec = d.sections[safe: s] else { return true }
            what = "§" + (sec.start.map { String($0) } ?? "") + "\u{1}" + sec.title
        } else {
            guard let p = d.paragraphs[safe: h.ref.paragraph] else { return true }
            what = "¶" + wordsKey(p.text)
        }
        let key = d.title + "\u{1}" + what
        if let doc = seen[key] { return doc == h.ref.doc }
        seen[key] = h.ref.doc
        return true
    }
}

/// Where a hit is in a document's layout: its chapter's heading, or its paragraph.
func hitItem(_ h: SearchHit, _ layout: DocumentLayout) -> Int {
    if let s = h.section { return layout.headingItem[safe: s] ?? 0 }
    return layout.paragraphItem[safe: h.ref.paragraph] ?? 0
}

/// Goes to a hit: its paragraph, or for a chapter's title the chapter.
func go(_ state: inout AppState, toHit h: SearchHit) {
    guard let s = h.section else { return go(&state, to: h.ref) }
    guard let sec = state.documents[safe: h.ref.doc]?.sections[safe: s] else { return }
    remember(&state)
    state.compare = nil
    state.evidenceMarks = nil
    state.current = h.ref.doc
    show(&state, paragraph: nil, section: s)
    state.highlight = nil
    state.focus = .transcript
    let label = (sec.start.map { Timestamp.formatShort($0) + " " } ?? "") + sec.title
    state.message = StatusMessage(text: state.documents[h.ref.doc].title + " · " + label + (sec.present ? "" : " (listed, not in the text)"), isError: false)
}

/// "for ‘query’", and "in this document" when the search is of one; when no paragraph has
/// every word, that the hits have some of them.
func searchLabel(_ s: SearchState) -> String {
    "for ‘\(s.query)’" + (s.within != nil ? " in this document" : "") + (s.someWords ? " (some words only)" : "") + didYouMean(s)
}

/// The index to search: the corpus's, or before it is ready, one of the documents loaded so far.
func searchIndex(_ state: AppState) -> CorpusIndex {
    state.index ?? CorpusIndex(documents: state.documents)
}

/// Moves the hit chosen at the search prompt by `n`, within the hits.
func moveHitSelection(_ state: inout AppState, by n: Int) {
    let last = max(0, (state.search?.hits.count ?? 1) - 1)
    state.hitSelection = min(last, max(0, state.hitSelection + n))
}

/// " · did you mean ‘amodei’?", when the search has a suggestion.
func didYouMean(_ s: SearchState?) -> String {
    s?.suggestion.map { " · did you mean ‘\($0)’?" } ?? ""
}

func stepHit(_ state: inout AppState, forward: Bool) {
    // The search of what is shown (in a comparison, a search of it).
    let active = state.search.flatMap { s in state.compare == nil || s.rows(in: state.compare) != nil ? s : nil }
    if active == nil, let query = state.promptHistory[.search]?.last {
        // No search now: the last one entered (in this run or an earlier one) again, as less's
        // n repeats its last pattern.
        runSearch(&state, query)
        guard var s = state.search, !s.hits.isEmpty else {
            state.search = nil
            state.message = StatusMessage(text: "no matches for ‘\(query)’, the last search", isError: true)
            return
        }
        s.current = forward ? state.hitSelection : (state.hitSelection + s.hits.count - 1) % s.hits.count
        state.search = s
        state.message = StatusMessage(text: showHit(&state, s) + " (the last search)", isError: false)
        return
    }
    guard var s = active, !s.hits.isEmpty else {
        state.message = StatusMessage(text: "no search; press / to search" + (state.compare != nil ? " both documents" : ""), isError: false)
        return
    }
    let last = s.hits[safe: s.current]
    s.current = (s.current + (forward ? 1 : s.hits.count - 1)) % s.hits.count
    if s.within == state.current, let layout = currentLayout(state), let shown = visibleParagraphs(state),
       let last, !shown.contains(last.ref.paragraph) {
        // In one document, read away from the last hit: on from the screen, as less searches.
        func item(_ h: SearchHit) -> Int { hitItem(h, layout) }
        let top = state.position.item
        s.current = forward ? s.hits.firstIndex { item($0) >= top } ?? 0 : s.hits.lastIndex { item($0) < top } ?? s.hits.count - 1
    }
    state.search = s
    state.message = StatusMessage(text: showHit(&state, s), isError: false)
}

/// Shows the current hit of `s` (in a comparison, its row on both sides) and says which it is:
/// "hit 2/5 for ‘revenue’", with the row in a comparison.
func showHit(_ state: inout AppState, _ s: SearchState) -> String {
    let text = "hit \(s.current + 1)/\(s.hits.count) \(searchLabel(s))"
    if let rows = s.rows(in: state.compare) {
        compareGo(&state, row: rows[s.current])
        return text + ", row \(rows[s.current] + 1)"
    }
    let h = s.hits[s.current]
    go(&state, toHit: h)
    // Where the words are in the paragraph, on screen (as the hit list's excerpt shows them);
    // for a time, what was said then.
    var cue: Double?
    if h.section == nil, let para = state.documents[safe: h.ref.doc]?.paragraphs[safe: h.ref.paragraph] {
        let at = h.time.map { TimeMark.offset(at: $0, in: para.marks) }
            ?? CorpusIndex.matchFocus(in: para.text, query: SearchQuery(s.query, lastWordIsPrefix: true), span: Reports.focusSpan)
        if let at, reveal(&state, paragraph: h.ref.paragraph, offset: at), h.time != nil { cue = para.timeSaid(at: at) }
    }
    // A time: where it went, as `:` says it.
    guard let t = h.time, let doc = state.documents[safe: h.ref.doc],
          let sec = doc.sections[safe: h.section ?? doc.paragraphs[h.ref.paragraph].section] else { return text }
    return timeLanding(t, sec, h.section == nil ? doc.paragraphs[h.ref.paragraph] : nil, cue: cue) + " · " + text
}

// MARK: - Prompt history

/// Adds what was entered at a prompt to its history (once: an entry used again moves to the end).
func rememberPrompt(_ state: inout AppState, _ kind: PromptKind, _ text: String) {
    let entry = text.trimmingCharacters(in: .whitespaces)
    guard !entry.isEmpty else { return }
    var list = state.promptHistory[kind, default: []].filter { $0 != entry }
    list.append(entry)
    state.promptHistory[kind] = Array(list.suffix(SavedState.maximumHistory))
}

/// Puts the previous (`older`) or next entry of the prompt's history in the prompt, as a
/// shell's ↑ does; past the newest entry, what was typed before comes back.
func recallPrompt(_ state: inout AppState, _ kind: PromptKind, text: String, older: Bool) {
    let list = state.promptHistory[kind] ?? []
    guard !list.isEmpty else {
        state.message = StatusMessage(text: kind == .search ? "no earlier searches" : "no earlier times", isError: false)
        return
    }
    // Browsing while the prompt still shows the entry recalled; typing starts afresh.
    var at = list.count, draft = text
    if let r = state.recall, list.indices.contains(r.entry), list[r.entry] == text { (at, draft) = (r.entry, r.draft) }
    let next = older ? at - 1 : at + 1
    guard next >= 0, next <= list.count else { return }
    let shown = next == list.count ? draft : list[next]
    state.recall = next == list.count ? nil : (next, draft)
    state.overlay = .prompt(kind, shown)
    if kind == .search {
        if shown.isEmpty { state.search = nil; state.hitSelection = 0 } else { runSearch(&state, shown) }
    }
}
