import Foundation
import GlossCore
import GlossRender

/// Messages the reader receives.
public enum AppMessage: Sendable {
    case event(InputEvent)
    /// The whole corpus is parsed and indexed (sent by the background loader). With
    /// `claimsPending`, claims follow in `claimsReady` (on a large corpus checking them takes a
    /// while; reading, jumping and search work meanwhile).
    case corpusReady(documents: [Document], index: CorpusIndex, claims: [CheckedClaim], problems: [String], claimsPending: Bool = false)
    /// Every claim checked.
    case claimsReady([CheckedClaim])
    case progress(LoadingProgress)
    /// Jump to a time in the first transcript (from `--at`).
    case jump(String)
    /// Places to reopen documents at (from the saved state; see `AppState.resume`), and marks
    /// set in earlier runs (a mark set in this run keeps its letter).
    case resume([String: Int], marks: [Character: Place] = [:])
    /// Work asked for by `Effect.later`, once the screen saying so is drawn.
    case deferred(Deferred)
}

/// Work slow enough (in a debug build) to say on screen first that it is under way.
public enum Deferred: Equatable, Sendable {
    /// Align the current document with this one and show the comparison.
    case compare(Int)
}

/// What the runtime should do after an update.
public enum Effect: Equatable, Sendable {
    case quit
    case redraw(full: Bool)
    case applyTheme(Int)
    /// Draw the screen, then send `.deferred` with this.
    case later(Deferred)
    /// Put text on the terminal's clipboard (OSC 52).
    case copy(String)
}

/// The reader's update function: state and message in, effects out. Never touches the terminal
/// or files.
public func update(_ state: inout AppState, _ message: AppMessage) -> [Effect] {
    let effects = apply(&state, message)
    resumeReading(&state)
    return effects
}

/// Opens the current document where it was left in an earlier run, the first time it is
/// shown (a document already moved in this run stays where it is; under a comparison it is not
/// shown yet).
public func resumeReading(_ state: inout AppState) {
    guard !state.resume.isEmpty, state.compare == nil, let doc = state.document, state.positions[doc.path] == nil,
          let item = state.resume.removeValue(forKey: doc.path), item > 0, let layout = currentLayout(state),
          layout.items.indices.contains(item) else { return }
    switch layout.items[item] {
    case .paragraph(let p): show(&state, paragraph: p)
    case .heading(let s): show(&state, paragraph: nil, section: s)
    default: return
    }
    if state.message == nil {
        var at = ""
        if case .heading(let s) = layout.items[item], let t = doc.sections[s].start, doc.sections[s].kind != .summary {
            at = " at " + Timestamp.formatShort(t)
        } else if let p = layout.paragraph(atOrAfter: item), let stamp = doc.paragraphs[p].timeLabel {
            at = " at " + stamp
        }
        state.message = StatusMessage(text: "back where you left off\(at) · g goes to the top", isError: false)
    }
}

/// The layout item at the top of the text pane of each document moved in this run, by path:
/// what `resume` takes next time.
public func readingPlaces(_ state: AppState) -> [String: Int] {
    var out: [String: Int] = [:]
    for d in state.documents { if let p = state.positions[d.path] { out[d.path] = p.item } }
    return out
}

func apply(_ state: inout AppState, _ message: AppMessage) -> [Effect] {
    switch message {
    case .deferred(.compare(let other)):
        startCompare(&state, with: other)
        return []
    case .resume(let places, let marks):
        state.resume.merge(places) { _, new in new }
        state.marks.merge(marks) { current, _ in current }
        return []
    case .event(let e):
        return handle(&state, e)
    case .progress(let p):
        state.loading = p
        return []
    case .jump(let text):
        // A time is in the first transcript with times; a percentage in the first document.
        if percentPlace(text) == nil, let t = state.documents.firstIndex(where: \.isTimedTranscript) {
            state.current = t
        }
        jump(&state, to: text)
        return []
    case .claimsReady(let claims):
        state.claims = claims
        state.loading = nil
        state.memo.clear()
        // A message about what the reader just did stays.
        if state.message == nil {
            state.message = StatusMessage(text: indexedMessage(documents: state.documents.count, claims: claims.count), isError: false)
        }
        return [.redraw(full: false)]
    case .corpusReady(let documents, let index, let claims, let problems, let claimsPending):
        let currentPath = state.document?.path
        state.documents = documents
        state.index = index
        state.claims = claims
        state.loading = claimsPending ? LoadingProgress(.checkingClaims, done: 0, total: 0) : nil
        state.generation += 1
        // (Comparisons left in the history name documents by their place in the old list.)
        for i in state.history.indices { state.history[i].comparison = nil }
        state.layouts.clear()
        state.memo.clear()
        if let p = currentPath, let i = documents.firstIndex(where: { $0.path == p }) { state.current = i } else { state.current = 0 }
        if let q = state.search?.query { runSearch(&state, q) }
        if !problems.isEmpty {
            state.message = StatusMessage(text: "\(problems.count) file(s) skipped: \(problems[0])", isError: true)
        } else if state.message == nil {
            // While claims are checked the status bar shows their progress instead.
            if !claimsPending {
                state.message = StatusMessage(text: indexedMessage(documents: documents.count, claims: claims.count), isError: false)
            }
        }
        return [.redraw(full: false)]
    }
}

/// "3 documents indexed · 12 claims checked", in the singular where it is one.
func indexedMessage(documents: Int, claims: Int) -> String {
    "\(documents) document\(documents == 1 ? "" : "s") indexed · \(claims) claim\(claims == 1 ? "" : "s") checked"
}

func handle(_ state: inout AppState, _ event: InputEvent) -> [Effect] {
    switch event {
    case .resize(let w, let h):
        state.width = max(0, w)
        state.height = max(0, h)
        clampAll(&state)
        return [.redraw(full: true)]
    case .interrupt:
        return [.quit]
    case .mouse(let m):
        guard state.mouseEnabled else { return [] }
        return handleMouse(&state, m)
    case .key(let key):
        if state.overlay != nil { return handleOverlayKey(&state, key) }
        state.message = nil
        if let command = state.pendingMark {
            state.pendingMark = nil
            markKey(&state, command, key)
            return []
        }
        if state.compare != nil { return handleCompareKey(&state, key) }
        guard let action = Keymap.action(for: key) else {
            // Typing a time starts the jump prompt with the digit typed: `12:36` Enter lands there.
            if case .char(let c) = key, c.isASCII, c.isNumber {
                state.overlay = .prompt(.jump, String(c))
                return []
            }
            if case .char(let c) = key { state.message = StatusMessage(text: "‘\(c)’ is not a key here; ? shows the keys", isError: false) }
            return []
        }
        return perform(&state, action)
    }
}

func perform(_ state: inout AppState, _ action: Action) -> [Effect] {
    let geo = ScreenGeometry(state)
    let page = max(1, geo.pageHeight(state.focus))
    switch action {
    case .quit: return [.quit]
    case .redraw: return [.redraw(full: true)]
    case .help: state.overlay = .help(scroll: 0)
    case .close:
        if state.search != nil { state.search = nil; state.message = StatusMessage(text: "search cleared", isError: false) }
        state.highlight = nil
    case .cycleTheme:
        guard !state.themeNames.isEmpty else { return [] }
        state.themeIndex = (state.themeIndex + 1) % state.themeNames.count
        state.message = StatusMessage(text: "theme: \(state.themeNames[state.themeIndex])", isError: false)
        return [.applyTheme(state.themeIndex)]
    case .jumpPrompt: state.overlay = .prompt(.jump, "")
    case .searchPrompt:
        state.overlay = .prompt(.search, "")
        state.hitSelection = 0
    case .info:
        guard state.document != nil else { return [] }
        state.overlay = .info
    case .claimsList:
        guard !state.claims.isEmpty else {
            let checking = state.loading?.stage == .checkingClaims
            state.message = StatusMessage(text: checking ? "claims are still being checked; try again in a moment" : "no claims in these documents", isError: !checking)
            return []
        }
        state.listFilter = nil
        // At the claims of the document being read, if it makes any.
        let own = state.claims.firstIndex { $0.claim.source.doc == state.current } ?? 0
        state.overlay = .claims(selected: own, only: nil)
    case .openDocument:
        state.listFilter = nil
        state.overlay = .open(selected: state.current, compare: false)
    case .compareDocument:
        guard state.documents.count > 1 else {
            state.message = StatusMessage(text: "only one document is open: nothing to compare with", isError: true)
            return []
        }
        guard state.index != nil else {
            state.message = StatusMessage(text: "still indexing; try again in a moment", isError: true)
            return []
        }
        state.listFilter = nil
        state.overlay = .open(selected: state.current == 0 ? 1 : 0, compare: true)
    case .nextHit, .previousHit: stepHit(&state, forward: action == .nextHit)
    case .focusNext, .focusPrevious: cycleFocus(&state, forward: action == .focusNext)
    case .previousChapter, .nextChapter: stepChapter(&state, forward: action == .nextChapter)
    case .previousDivergence, .nextDivergence: stepDivergence(&state, forward: action == .nextDivergence)
    case .follow: follow(&state, open: false)
    case .viewPassage: follow(&state, open: true)
    case .copy: return copyToClipboard(&state)
    case .lineDown: move(&state, by: 1)
    case .lineUp: move(&state, by: -1)
    case .pageDown: move(&state, by: page)
    case .pageUp: move(&state, by: -page)
    case .halfPageDown: move(&state, by: max(1, page / 2))
    case .halfPageUp: move(&state, by: -max(1, page / 2))
    case .top, .bottom:
        if state.focus == .transcript { remember(&state) }
        move(&state, by: action == .top ? Int.min / 2 : Int.max / 2)
    case .back: goBack(&state)
    case .setMark, .goToMark:
        guard state.document != nil else { return [] }
        state.pendingMark = action == .setMark ? .set : .go
        state.message = StatusMessage(text: action == .setMark ? "mark: a letter names this place (Esc cancels)"
                                                               : "go to mark: its letter (' goes back; Esc cancels)", isError: false)
    }
    return []
}

/// The key after `m` or `'`: a letter sets or goes to a mark; `''` goes back; Esc cancels.
func markKey(_ state: inout AppState, _ command: MarkCommand, _ key: Key) {
    guard case .char(let c) = key else {
        if key != .escape { state.message = StatusMessage(text: "marks are letters", isError: true) }
        return
    }
    if command == .go && c == "'" { goBack(&state); return }
    guard c.isLetter, let doc = state.document else {
        state.message = StatusMessage(text: "marks are letters, not ‘\(c)’", isError: true)
        return
    }
    switch command {
    case .set:
        state.marks[c] = Place(path: doc.path, position: state.position)
        state.message = StatusMessage(text: "mark \(c) set\(placeLabel(state)) · ' \(c) comes back here", isError: false)
    case .go:
        guard let mark = state.marks[c], state.documents.contains(where: { $0.path == mark.path }) else {
            state.message = StatusMessage(text: "no mark \(c) (m \(c) sets it)", isError: true)
            return
        }
        remember(&state)
        _ = show(&state, place: mark)
        state.message = StatusMessage(text: "mark \(c)\(placeLabel(state)) · \(state.document?.title ?? "")", isError: false)
    }
}

/// " at ≈12:36" for the paragraph at the top of the text pane, or "" when it has no time.
func placeLabel(_ state: AppState, preposition: String = "at") -> String {
    guard let doc = state.document, let layout = currentLayout(state), let p = layout.paragraph(atOrAfter: state.position.item),
          let stamp = doc.paragraphs[p].timeLabel else { return "" }
    return " \(preposition) " + stamp
}

/// What a key did to the filter of the open list (documents or claims) while one is typed.
enum FilterEdit { case changed, dropped, passed, ignored }

/// A key while a list's filter is typed (nil when there is none): letters (those that are keys
/// elsewhere too) type, Backspace and Ctrl-U edit, Esc drops the filter (a second Esc closes
/// the list); arrows, Tab and Enter pass to the list, which works as without a filter.
func editListFilter(_ state: inout AppState, _ key: Key) -> FilterEdit? {
    guard let filter = state.listFilter else { return nil }
    switch key {
    case .char(let c): state.listFilter = filter + String(c)
    case .backspace, .delete: state.listFilter = String(filter.dropLast())
    case .ctrl("u"): state.listFilter = ""
    case .escape:
        state.listFilter = nil
        return .dropped
    case .down, .up, .pageDown, .pageUp, .enter, .tab, .backTab: return .passed
    default: return .ignored
    }
    return .changed
}

/// The row a moving key takes a list's selection to (j k, arrows, Space b, PgDn PgUp, g G,
/// Home End), within its `n` rows; nil for any other key.
func listRow(after key: Key, from selected: Int, count n: Int) -> Int? {
    let row: Int
    switch key {
    case .char("j"), .down: row = selected + 1
    case .char("k"), .up: row = selected - 1
    case .pageDown, .char(" "): row = selected + 10
    case .pageUp, .char("b"): row = selected - 10
    case .char("g"), .home: row = 0
    case .char("G"), .end: row = n - 1
    default: return nil
    }
    return max(0, min(n - 1, row))
}

/// The documents the open list shows: all, or those whose title or path (or, for a transcript,
/// the title of what was written about it) holds every word of the filter (any case or accent).
func openList(_ state: AppState) -> [Int] {
    let words = filterWords(state)
    guard !words.isEmpty else { return Array(state.documents.indices) }
    let about = writtenAbout(state)
    return state.documents.indices.filter { i in
        let d = state.documents[i]
        return listText(([d.title, d.path] + (about[i] ?? [])).joined(separator: " "), has: words)
    }
}

/// The words of the list filter being typed, folded as `listText` folds.
func filterWords(_ state: AppState) -> [String] {
    listFolded(state.listFilter ?? "").split(separator: " ").map(String.init)
}

/// Text as a list filter compares it: any case, accents dropped ("zoe" finds "Zoë").
func listFolded(_ text: String) -> String {
    text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
}

/// Whether `text` holds every word of a filter (`filterWords`); `folded` says it is folded already.
func listText(_ text: String, has words: [String], folded: Bool = false) -> Bool {
    let hay = folded ? text : listFolded(text)
    return words.allSatisfy { hay.contains($0) }
}

/// Notes the place a jump leaves from (the last 100), for `back`; with the comparison open
/// over it, if one is.
func remember(_ state: inout AppState) {
    guard let doc = state.document else { return }
    let here = Place(path: doc.path, position: state.position, comparison: state.compare)
    guard state.history.last != here else { return }
    state.history.append(here)
    if state.history.count > 100 { state.history.removeFirst(state.history.count - 100) }
}

/// Back to the place the last jump left from, in whichever document it was (and to the
/// comparison that was open there).
func goBack(_ state: inout AppState) {
    while let place = state.history.popLast() {
        guard show(&state, place: place), let doc = state.document else { continue }
        if let c = place.comparison, state.documents.indices.contains(c.left), state.documents.indices.contains(c.right) {
            state.compare = c
            state.message = StatusMessage(text: "back to the comparison" + (state.history.isEmpty ? "" : " (\(state.history.count) more)"), isError: false)
            return
        }
        // The time and how many more first; the title last, where a narrow bar cuts it.
        var text = "back" + placeLabel(state, preposition: "to")
        if !state.history.isEmpty { text += " (\(state.history.count) more)" }
        state.message = StatusMessage(text: text + " · " + doc.title, isError: false)
        return
    }
    state.message = StatusMessage(text: "no jump to go back from", isError: false)
}

/// Shows a place in the text pane (false when its document is not open).
func show(_ state: inout AppState, place: Place) -> Bool {
    guard let d = state.documents.firstIndex(where: { $0.path == place.path }) else { return false }
    state.current = d
    state.focus = .transcript
    state.highlight = nil
    state.pinnedSection = nil
    if let layout = currentLayout(state) {
        state.position = scrolled(place.position, by: 0, layout: layout, page: ScreenGeometry(state).pageHeight(.transcript))
    }
    return true
}

// MARK: - Scrolling and lists

/// The layout of the current document at the reading pane's width.
func currentLayout(_ state: AppState) -> DocumentLayout? {
    guard let doc = state.document else { return nil }
    let geo = ScreenGeometry(state)
    // A transcript named only by its file is told by the titles of the notes about it.
    let about = doc.metadata.title == nil && doc.kind == .transcript ? writtenAbout(state)[state.current] ?? [] : []
    return state.layouts.layout(doc, key: state.generation, width: max(1, geo.contentWidth(.transcript)), about: about,
                                claimMarks: claimsMadeAt(state)[state.current] != nil)
}

/// Moves the focused pane: the reading position, or the selection of a list pane.
func move(_ state: inout AppState, by n: Int) {
    switch state.focus {
    case .transcript:
        guard let layout = currentLayout(state) else { return }
        let geo = ScreenGeometry(state)
        state.position = scrolled(state.position, by: n, layout: layout, page: geo.pageHeight(.transcript))
        state.highlight = nil
        state.pinnedSection = nil
    case .chapters, .claims, .commentary:
        let count = listCount(state, state.focus)
        guard count > 0 else { return }
        let cur = state.selected[state.focus] ?? 0
        let step = n >= Int.max / 4 ? count : (n <= Int.min / 4 ? -count : n)
        state.selected[state.focus] = max(0, min(count - 1, cur + step))
    }
}

/// A position moved by `n` lines, kept between the top and the last full page.
func scrolled(_ p: ScrollPosition, by n: Int, layout: DocumentLayout, page: Int) -> ScrollPosition {
    let items = layout.items.count
    guard items > 0 else { return ScrollPosition() }
    var item = min(max(0, p.item), items - 1)
    var line = max(0, min(p.line, layout.lineCount(item) - 1))
    var remaining = n
    if remaining == Int.min / 2 { return ScrollPosition() }
    if remaining == Int.max / 2 { return lastPage(layout, page: page) }
    while remaining > 0 {
        let count = layout.lineCount(item)
        if line + remaining < count { line += remaining; remaining = 0; break }
        if item == items - 1 { line = count - 1; break }
        remaining -= count - line
        item += 1
        line = 0
    }
    while remaining < 0 {
        if line + remaining >= 0 { line += remaining; remaining = 0; break }
        if item == 0 { line = 0; break }
        remaining += line + 1
        item -= 1
        line = layout.lineCount(item) - 1
    }
    // Don't scroll past the last full page.
    let last = lastPage(layout, page: page)
    if (item, line) > (last.item, last.line) { return last }
    return ScrollPosition(item: item, line: line)
}

/// The top position that shows the document's last line at the bottom of the pane.
func lastPage(_ layout: DocumentLayout, page: Int) -> ScrollPosition {
    var remaining = max(1, page)
    var item = layout.items.count - 1
    while item >= 0 {
        let c = layout.lineCount(item)
        if c >= remaining { return ScrollPosition(item: item, line: c - remaining) }
        remaining -= c
        item -= 1
    }
    return ScrollPosition()
}

func clampAll(_ state: inout AppState) {
    if var c = state.compare {
        // A comparison's places, in rows as wrapped at the new width.
        let w = CompareGeometry(state).colWidth, s = state
        c.top = scrollRows(c.top, by: 0, rows: c.pairs.count) { rowHeight(s, $0, width: w) }
        c.leftTop = scrollRows(c.leftTop, by: 0, rows: c.pairs.count) { sideHeight(s, $0, left: true, width: w) }
        c.rightTop = scrollRows(c.rightTop, by: 0, rows: c.pairs.count) { sideHeight(s, $0, left: false, width: w) }
        state.compare = c
    }
    guard let layout = currentLayout(state) else { return }
    let geo = ScreenGeometry(state)
    state.position = scrolled(state.position, by: 0, layout: layout, page: geo.pageHeight(.transcript))
    for pane in [PaneID.chapters, .claims, .commentary] {
        let c = listCount(state, pane)
        if let s = state.selected[pane] { state.selected[pane] = max(0, min(s, c - 1)) }
    }
}

/// The section being read: a pinned jump target, else the section at the top of the pane.
public func currentSection(_ state: AppState) -> Int? {
    if let p = state.pinnedSection { return p }
    return currentLayout(state)?.section(ofItem: state.position.item)
}

/// Puts paragraph (or section heading) of the current document at the top of the pane, a
/// line of context above it.
func show(_ state: inout AppState, paragraph p: Int?, section s: Int? = nil) {
    guard let layout = currentLayout(state) else { return }
    let geo = ScreenGeometry(state)
    var item = 0
    if let p, layout.paragraphItem.indices.contains(p) { item = layout.paragraphItem[p] } else if let s, layout.headingItem.indices.contains(s) { item = layout.headingItem[s] }
    state.position = scrolled(ScrollPosition(item: item, line: 0), by: 0, layout: layout, page: geo.pageHeight(.transcript))
    state.pinnedSection = nil
    let target = s ?? p.map { layout.section(ofItem: layout.paragraphItem[$0]) } ?? nil
    if let target, layout.section(ofItem: state.position.item) != target { state.pinnedSection = target }
    if let target { state.selected[.chapters] = chapterRows(state).firstIndex(of: target) ?? state.selected[.chapters] }
}

func stepChapter(_ state: inout AppState, forward: Bool) {
    guard let doc = state.document, let layout = currentLayout(state) else { return }
    let current = currentSection(state) ?? 0
    let rows = doc.readingSections.isEmpty ? Array(doc.sections.indices) : doc.readingSections
    guard !rows.isEmpty else { return }
    let atHeading = state.pinnedSection != nil || (layout.headingItem[safe: current] == state.position.item && state.position.line == 0)
    var target: Int?
    if forward {
        target = rows.first { $0 > current }
    } else {
        target = atHeading || !rows.contains(current) ? rows.last { $0 < current } : current
        if target == nil { target = rows.first }
    }
    guard let t = target else {
        state.message = StatusMessage(text: forward ? "last chapter" : "first chapter", isError: false)
        return
    }
    show(&state, paragraph: nil, section: t)
    state.selected[.chapters] = chapterRows(state).firstIndex(of: t)
    let sec = doc.sections[t]
    if !sec.present { state.message = StatusMessage(text: "\(sec.title): listed, but not in this transcript", isError: false) }
}

func cycleFocus(_ state: inout AppState, forward: Bool) {
    let geo = ScreenGeometry(state)
    let order: [PaneID] = geo.mode == .tabs ? PaneID.allCases.filter { $0 != .transcript } : geo.focusOrder
    if geo.mode == .tabs {
        // Narrow: the text stays; Tab walks the side tabs and the text.
        let cycle: [PaneID] = [.transcript] + order
        let i = cycle.firstIndex(of: state.focus) ?? 0
        state.focus = cycle[(i + (forward ? 1 : cycle.count - 1)) % cycle.count]
        if state.focus != .transcript { state.sideTab = state.focus }
        return
    }
    guard !order.isEmpty else { return }  // (too small a screen for any pane)
    let i = order.firstIndex(of: state.focus) ?? 0
    state.focus = order[(i + (forward ? 1 : order.count - 1)) % order.count]
    if state.focus != .transcript { state.sideTab = state.focus }
}

// MARK: - Overlays

func handleOverlayKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    switch state.overlay {
    case .help(let current)?:
        // Kept within the rows there are, so that `k` moves at once after scrolling past the end.
        let last = HelpLayout(width: state.width, height: state.height).maxScroll
        let scroll = min(current, last)
        switch key {
        case .char("j"), .down: state.overlay = .help(scroll: min(last, scroll + 1))
        case .char("k"), .up: state.overlay = .help(scroll: max(0, scroll - 1))
        case .char(" "), .pageDown: state.overlay = .help(scroll: min(last, scroll + 10))
        case .char("b"), .pageUp: state.overlay = .help(scroll: max(0, scroll - 10))
        case .char("g"), .home: state.overlay = .help(scroll: 0)
        case .char("G"), .end: state.overlay = .help(scroll: last)
        case .char("q"), .escape, .char("?"), .enter: state.overlay = nil
        case .ctrl("l"): return [.redraw(full: true)]
        default: break
        }
    case .prompt(let kind, var text)?:
        switch key {
        case .escape:
            state.overlay = nil
            if kind == .search { state.search = nil }
        case .enter:
            state.overlay = nil
            state.recall = nil
            // Vim's hands type `:q` and `:help`: they do what `q` and `?` do here.
            if kind == .jump, let key = vimCommandKey(text) { return handle(&state, .key(key)) }
            // `/` Enter with nothing typed searches again for the last search, as in less and vim.
            if kind == .search, text.trimmingCharacters(in: .whitespaces).isEmpty,
               let last = state.promptHistory[.search]?.last {
                text = last
            }
            rememberPrompt(&state, kind, text)
            // (`:` Enter with nothing typed does nothing, as in vim.)
            if kind == .jump, text.trimmingCharacters(in: .whitespaces).isEmpty { return [] }
            if kind == .jump {
                if state.compare != nil { compareJump(&state, to: text) } else { jump(&state, to: text) }
            } else {
                runSearch(&state, text)
                if var s = state.search, !s.hits.isEmpty {
                    s.current = min(state.hitSelection, s.hits.count - 1)
                    state.search = s
                    state.message = StatusMessage(text: showHit(&state, s) + " · n/N for the next/previous", isError: false)
                } else if !text.isEmpty {
                    state.message = StatusMessage(text: "no matches for ‘\(text)’\(state.searchHere ? " in this document (^T: all)" : "")\(didYouMean(state.search))", isError: true)
                }
            }
        case .backspace, .delete:
            if text.isEmpty { state.overlay = nil; if kind == .search { state.search = nil }; return [] }
            text.removeLast()
            state.overlay = .prompt(kind, text)
            if kind == .search { runSearch(&state, text) }
        case .ctrl("u"):
            state.overlay = .prompt(kind, "")
            if kind == .search { state.search = nil }
        case .ctrl("t") where kind == .search && state.compare == nil:
            state.searchHere.toggle()
            state.message = StatusMessage(text: state.searchHere ? "searching this document, in reading order" : "searching all documents", isError: false)
            if text.isEmpty { state.search = nil } else { runSearch(&state, text) }
        case .ctrl("p"): recallPrompt(&state, kind, text: text, older: true)
        case .ctrl("n"): recallPrompt(&state, kind, text: text, older: false)
        // At the time prompt ↑ ↓ walk the times entered before. At the search prompt they choose
        // among the hits, except that ↑ with nothing typed brings back the last search.
        case .up where kind == .jump || text.isEmpty: recallPrompt(&state, kind, text: text, older: true)
        case .down where kind == .jump: recallPrompt(&state, kind, text: text, older: false)
        case .tab where kind == .search && state.search?.hits.isEmpty == true && state.search?.suggestion != nil:
            // No hits, and a spelling the documents use: Tab takes it.
            let better = state.search!.suggestion!
            state.overlay = .prompt(kind, better)
            runSearch(&state, better)
        case .down, .tab: if kind == .search { moveHitSelection(&state, by: 1) }
        case .up, .backTab: if kind == .search { moveHitSelection(&state, by: -1) }
        case .char(let c):
            guard text.count < 200 else { return [] }
            text.append(c)
            state.overlay = .prompt(kind, text)
            if kind == .search { runSearch(&state, text) }
        case .ctrl("l"): return [.redraw(full: true)]
        default: break
        }
    case .open(let selected, let compare)?:
        // `selected` is a row of the list shown: every document, or those the filter matches.
        let list = openList(state)
        let n = list.count
        switch editListFilter(&state, key) {
        case .changed?:
            state.overlay = .open(selected: 0, compare: compare)
            return []
        case .dropped?:
            // The document chosen stays chosen (unfiltered, a row is its document).
            state.overlay = .open(selected: list[safe: selected] ?? 0, compare: compare)
            return []
        case .ignored?: return []
        case .passed?, nil: break
        }
        if let row = listRow(after: key, from: selected, count: n) {
            state.overlay = .open(selected: row, compare: compare)
            return []
        }
        switch key {
        case .char("/"):
            state.listFilter = ""
            state.overlay = .open(selected: 0, compare: compare)
        case .escape, .char("q"), .char("o"): state.overlay = nil
        case .enter:
            guard let doc = list[safe: selected] else { return [] }   // nothing matches the filter
            state.overlay = nil
            state.listFilter = nil
            if compare {
                // Two three-hour transcripts take a moment to align: the list closes and the
                // status bar says so first.
                guard doc != state.current else {
                    startCompare(&state, with: doc)   // (says to pick another)
                    return []
                }
                state.message = StatusMessage(text: "aligning with “\(state.documents[doc].title)”…", isError: false)
                return [.later(.compare(doc))]
            } else {
                if doc != state.current { remember(&state) }
                state.current = doc
                state.focus = .transcript
                state.highlight = nil
                state.message = StatusMessage(text: state.documents[doc].title, isError: false)
            }
        case .ctrl("l"): return [.redraw(full: true)]
        default: break
        }
    case .info?:
        if key == .ctrl("l") { return [.redraw(full: true)] }
        state.overlay = nil
    case .claims(let selected, let only)?:
        return handleClaimsListKey(&state, key, selected: selected, only: only)
    case nil:
        break
    }
    return []
}


// MARK: - Mouse

func handleMouse(_ state: inout AppState, _ m: MouseEvent) -> [Effect] {
    // Over the help, a list or the search hits, the wheel moves them; clicks do nothing there.
    if state.overlay != nil {
        guard m.kind == .wheelUp || m.kind == .wheelDown else { return [] }
        // (At a prompt it only chooses a hit, where ↑ may recall a search and Tab take a spelling.)
        if case .prompt(.search, _)? = state.overlay {
            moveHitSelection(&state, by: m.kind == .wheelUp ? -3 : 3)
            return []
        }
        if case .prompt? = state.overlay { return [] }
        for _ in 0..<3 { _ = handleOverlayKey(&state, m.kind == .wheelUp ? .up : .down) }
        return []
    }
    let geo = ScreenGeometry(state)
    guard let pane = geo.pane(atX: m.x, y: m.y) else {
        if let tab = geo.tab(atX: m.x, y: m.y), m.kind == .press || m.kind == .click {
            state.focus = tab
            if tab != .transcript { state.sideTab = tab }
        }
        return []
    }
    if let c = state.compare {
        guard m.kind == .wheelUp || m.kind == .wheelDown else { return [] }
        // With the sides scrolling alone, the wheel scrolls the side under the pointer.
        let g = CompareGeometry(state)
        if c.focus != .both, let side: CompareState.Focus = g.left.contains(m.x, m.y) ? .left : g.right.contains(m.x, m.y) ? .right : nil {
            state.compare?.focus = side
        }
        let effects = handleCompareKey(&state, m.kind == .wheelUp ? .up : .down)
        state.compare?.focus = c.focus
        return effects
    }
    let previousFocus = state.focus
    switch m.kind {
    case .wheelUp, .wheelDown:
        state.focus = pane
        move(&state, by: m.kind == .wheelUp ? -3 : 3)
        state.focus = previousFocus
    case .press, .click, .doubleClick:
        state.focus = pane
        if pane != .transcript {
            state.sideTab = pane
            if let row = geo.listRow(state, pane: pane, y: m.y) { state.selected[pane] = row }
            if m.kind == .doubleClick { follow(&state, open: false) }
        }
    case .release:
        break
    }
    return []
}
