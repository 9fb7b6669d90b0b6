import Foundation
import GlossCore
import GlossRender

/// Messages the reader receives.
public enum AppMessage: Sendable {
    case event(InputEvent)
    /// The whole corpus is parsed and indexed (sent by the background loader). With
    /// `claimsPending`, claims follow in `claimsReady` (on a large corpus checking them takes a
    /// while; reading, jumping and search work meanwhile). `subjects`, when given, are what
    /// `ClaimChecker.subjectsWithSections` says of these documents and claims, worked out by the
    /// sender so that the reader does not stop for it (a tenth of a second in a large library).
    case corpusReady(documents: [Document], index: CorpusIndex, claims: [CheckedClaim], problems: [String], claimsPending: Bool = false,
                     subjects: ClaimChecker.Subjects? = nil)
    /// Every claim checked (with their `subjects`, as for `corpusReady`).
    case claimsReady([CheckedClaim], subjects: ClaimChecker.Subjects? = nil)
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
    case .claimsReady(let claims, let subjects):
        state.claims = claims
        state.loading = nil
        state.memo.clear()
        if let subjects { (state.memo.subjects, state.memo.sectionSubjects) = subjects }
        // A message about what the reader just did stays.
        if state.message == nil {
            state.message = StatusMessage(text: indexedMessage(documents: state.documents.count, claims: claims.count), isError: false)
        }
        return [.redraw(full: false)]
    case .corpusReady(let documents, let index, let claims, let problems, let claimsPending, let subjects):
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
        if let subjects { (state.memo.subjects, state.memo.sectionSubjects) = subjects }
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
        // The passage the last jump marked stays in sight, if it was; whoever reads the end (as
        // after a jump to a chapter the transcript does not reach) still does at the new size;
        // elsewhere the top line stays on top, as in `less`.
        let marked = state.compare == nil ? state.highlight.flatMap { h in
            h.doc == state.current && paragraphOnScreen(state, h.paragraph) ? h.paragraph : nil
        } : nil
        let atEnd = state.compare == nil && textAtEnd(state)
        state.width = max(0, w)
        state.height = max(0, h)
        clampAll(&state)
        if let p = marked {
            if !paragraphOnScreen(state, p), let layout = currentLayout(state), let item = layout.paragraphItem[safe: p] {
                state.position = scrolled(ScrollPosition(item: item, line: 0), by: 0, layout: layout, page: ScreenGeometry(state).pageHeight(.transcript))
            }
        } else if atEnd, let last = textLastPage(state) {
            state.position = last
        }
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
        state.overlay = .info(scroll: 0)
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
