import Foundation
import GlossCore
import GlossRender

// MARK: - Overlays

func handleOverlayKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    switch state.overlay {
    case .help(let current)?:
        // Kept within the rows there are, so that `k` moves at once after scrolling past the end.
        let last = HelpLayout(width: state.width, height: state.height).maxScroll
        if let scroll = listRow(after: key, from: min(current, last), count: last + 1) {
            state.overlay = .help(scroll: scroll)
            return []
        }
        switch key {
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
                // The hit chosen with ↓ ↑ is the one Enter goes to (the search is run again, as
                // typed: the chosen hit is found among its hits).
                let chosen = state.search.flatMap { s in
                    s.query == text && s.hits.indices.contains(state.hitSelection) ? s.hits[state.hitSelection] : nil
                }
                runSearch(&state, text)
                if let chosen, let i = state.search?.hits.firstIndex(of: chosen) { state.hitSelection = i }
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
        // (Dropping the filter, the document chosen stays chosen: unfiltered, a row is its document.)
        if listKey(&state, key, selected: selected, count: list.count, dropped: { _ in list[safe: selected] ?? 0 },
                   at: { .open(selected: $0, compare: compare) }) {
            return []
        }
        switch key {
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
    case .info(let current)?:
        if key == .ctrl("l") { return [.redraw(full: true)] }
        // Taller than the screen, it scrolls (j k, pages, g G); any other key closes it.
        let last = InfoLayout(state).maxScroll
        if last > 0, let scroll = listRow(after: key, from: min(current, last), count: last + 1) {
            state.overlay = .info(scroll: scroll)
            return []
        }
        state.overlay = nil
    case .claims(let selected, let only)?:
        return handleClaimsListKey(&state, key, selected: selected, only: only)
    case nil:
        break
    }
    return []
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

/// The keys the lists (documents, claims) take alike: typing the filter, moving the selection,
/// `/` to type a filter. `at` makes the list's overlay with a row chosen; `dropped` tells the
/// row chosen once the filter is dropped. True when the key was one of those.
func listKey(_ state: inout AppState, _ key: Key, selected: Int, count: Int,
             dropped: (AppState) -> Int, at overlay: (Int) -> Overlay) -> Bool {
    switch editListFilter(&state, key) {
    case .changed?: state.overlay = overlay(0)
    case .dropped?: state.overlay = overlay(dropped(state))
    case .ignored?: break
    case .passed?, nil:
        if let row = listRow(after: key, from: selected, count: count) {
            state.overlay = overlay(row)
        } else if key == .char("/") {
            state.listFilter = ""
            state.overlay = overlay(0)
        } else {
            return false
        }
    }
    return true
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
/// Filtered, the best matches come first: those where every word starts a word of the title
/// (or of what was written about it), then of those or the path ("lex": the `lexicap/` files
/// before a title with "flexible" in it); in corpus order within each.
func openList(_ state: AppState) -> [Int] {
    let words = filterWords(state)
    guard !words.isEmpty else { return Array(state.documents.indices) }
    let about = writtenAbout(state)
    var ranked: [(rank: Int, doc: Int)] = []
    for i in state.documents.indices {
        let d = state.documents[i]
        // (A transcript's list row names it by what was written about it too.)
        let title = listFolded(([d.title] + (about[i] ?? [])).joined(separator: " "))
        let path = listFolded(d.path)
        guard listText(title + " " + path, has: words, folded: true) else { continue }
        let rank = words.allSatisfy { startsAWord($0, in: title) } ? 0
            : words.allSatisfy { startsAWord($0, in: title) || startsAWord($0, in: path) } ? 1 : 2
        ranked.append((rank, i))
    }
    return ranked.sorted { ($0.rank, $0.doc) < ($1.rank, $1.doc) }.map(\.doc)
}

/// Whether `word` occurs in `text` at the start of a word (after neither a letter nor a digit).
func startsAWord(_ word: String, in text: String) -> Bool {
    var from = text.startIndex
    while let r = text.range(of: word, range: from..<text.endIndex) {
        if r.lowerBound == text.startIndex { return true }
        let before = text[text.index(before: r.lowerBound)]
        if !before.isLetter && !before.isNumber { return true }
        from = text.index(after: r.lowerBound)
    }
    return false
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
