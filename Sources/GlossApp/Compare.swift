import Foundation
import GlossCore
import GlossRender

/// Starts comparing the current document with another.
func startCompare(_ state: inout AppState, with other: Int) {
    guard let index = state.index, other != state.current, state.documents.indices.contains(other) else {
        state.message = StatusMessage(text: "pick a different document to compare with", isError: true)
        return
    }
    state.compare = CompareState(left: state.current, right: other, pairs: Aligner.align(index, left: state.current, right: other))
    // Row and difference counts are in the status bar already; the message says what to press.
    state.message = StatusMessage(text: CompareState.keysMessage, isError: false)
}

/// The lines one side shows for a row of the comparison, and the byte ranges to mark in it.
/// A passage's time heads it, with its section's title when `titled` (the first row drawn, and
/// where the side's section changes; repeated on every row, a caption file's one section said
/// nothing).
func compareLines(_ state: AppState, row: Int, left: Bool, width: Int, titled: Bool = false) -> [RenderLine] {
    guard let c = state.compare, let pair = c.pairs[safe: row] else { return [] }
    let doc = state.documents[left ? c.left : c.right]
    guard let p = left ? pair.left : pair.right else {
        let note: String
        if let m = pair.movedTo { note = "┄ moved: see row \(m + 1) ┄" } else { note = "┄ nothing here ┄" }
        return [RenderLine([Span(x: 0, units: truncated(note, width), role: .gap)]), RenderLine()]
    }
    let para = doc.paragraphs[p]
    var out: [RenderLine] = []
    // (The column's head names the document: a section headed by its title again is not named.)
    var head = titled || startsSection(c, row: row, left: left, doc: doc) ? doc.sectionTitle(ofParagraph: p) : ""
    if let stamp = para.timeLabel { head = head.isEmpty ? stamp : stamp + " " + head }
    out.append(RenderLine([Span(x: 0, units: truncated(head, width), role: .dim)]))
    // Only the passage (a long paragraph is split into several); offsets stay paragraph-relative.
    let range = (left ? pair.leftRange : pair.rightRange) ?? 0..<para.text.utf8.count
    let body = Aligner.text(doc, Aligner.Passage(paragraph: p, range: range))
    var units = TextWidth.units(body)
    for k in units.indices { units[k].offset += range.lowerBound }
    for l in Wrap.lines(units, width: width) {
        out.append(RenderLine([Span(x: 0, units: Array(units[l.units]), role: .normal, paragraph: p)]))
    }
    for f in pair.figures where !f.agree {
        let mine = left ? f.left : f.right, theirs = left ? f.right : f.left
        out.append(RenderLine([Span(x: 0, units: truncated("≠ \(mine?.description ?? "—") here, \(theirs?.description ?? "—") there", width), role: left ? .diffLeft : .diffRight)]))
    }
    for q in pair.quoteMarks where (q.quotedOn == .left) == left {
        out.append(RenderLine([Span(x: 0, units: truncated("“\(q.text)” quoted here, not there", width), role: .figure)]))
    }
    if pair.left != nil && pair.right == nil || pair.left == nil && pair.right != nil, let m = pair.movedTo {
        out.append(RenderLine([Span(x: 0, units: truncated("↕ also at row \(m + 1)", width), role: .gap)]))
    }
    out.append(RenderLine())
    return out
}

/// Whether a row's passage on one side is in another section than that side's passage before it.
func startsSection(_ c: CompareState, row: Int, left: Bool, doc: Document) -> Bool {
    guard let p = left ? c.pairs[row].left : c.pairs[row].right else { return false }
    for r in stride(from: row - 1, through: 0, by: -1) {
        if let q = left ? c.pairs[r].left : c.pairs[r].right { return doc.paragraphs[q].section != doc.paragraphs[p].section }
    }
    return true
}

/// Figure spans to mark in a row's passage (differing figures only).
func figureRanges(_ state: AppState, row: Int, left: Bool) -> [Range<Int>] {
    guard let c = state.compare, let pair = c.pairs[safe: row] else { return [] }
    return pair.figures.filter { !$0.agree }.compactMap { left ? $0.left?.range : $0.right?.range }
}

struct CompareGeometry {
    var left: Rect
    var right: Rect
    var colWidth: Int
    init(_ state: AppState) {
        let w = state.width, body = max(0, state.height - 1)
        let half = (w - 1) / 2
        if half > ScreenGeometry.widestText {
            // On a very wide screen the columns stay as wide as the reader's text, side by side
            // in the middle.
            let x = (w - 2 * ScreenGeometry.widestText - 1) / 2
            left = Rect(x: x, y: 0, w: ScreenGeometry.widestText, h: body)
            right = Rect(x: x + ScreenGeometry.widestText + 1, y: 0, w: ScreenGeometry.widestText, h: body)
        } else {
            left = Rect(x: 0, y: 0, w: half, h: body)
            right = Rect(x: half + 1, y: 0, w: w - half - 1, h: body)
        }
        colWidth = max(1, min(left.w, right.w) - 2)
    }
    var page: Int { max(1, left.h - 1) }
}

/// Height of a row when both sides scroll together.
func rowHeight(_ state: AppState, _ row: Int, width: Int) -> Int {
    max(compareLines(state, row: row, left: true, width: width).count, compareLines(state, row: row, left: false, width: width).count)
}

func sideHeight(_ state: AppState, _ row: Int, left: Bool, width: Int) -> Int {
    guard let c = state.compare, let pair = c.pairs[safe: row] else { return 0 }
    if (left ? pair.left : pair.right) == nil { return 0 }  // scrolling alone skips gaps
    return compareLines(state, row: row, left: left, width: width).count
}

/// Moves a (row, line) position by n lines using a height function.
func scrollRows(_ p: ScrollPosition, by n: Int, rows: Int, height: (Int) -> Int) -> ScrollPosition {
    guard rows > 0 else { return ScrollPosition() }
    var row = min(max(0, p.item), rows - 1), rem = n
    // (A row is shorter after the screen widens: a line past its end is its last.)
    var line = min(max(0, p.line), max(0, height(row) - 1))
    while rem > 0 {
        let h = height(row)
        if line + rem < h { line += rem; rem = 0; break }
        if row == rows - 1 { line = max(0, h - 1); break }
        rem -= h - line
        row += 1
        line = 0
    }
    while rem < 0 {
        if line + rem >= 0 { line += rem; break }
        if row == 0 { line = 0; break }
        rem += line + 1
        row -= 1
        line = max(0, height(row) - 1)
    }
    return ScrollPosition(item: row, line: line)
}

func handleCompareKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard var c = state.compare else { return [] }
    let geo = CompareGeometry(state)
    let w = geo.colWidth
    let rows = c.pairs.count
    func scroll(_ n: Int) {
        switch c.focus {
        case .both:
            let s = state
            c.top = scrollRows(c.top, by: n, rows: rows) { rowHeight(s, $0, width: w) }
        case .left:
            let s = state
            c.leftTop = scrollRows(c.leftTop, by: n, rows: rows) { sideHeight(s, $0, left: true, width: w) }
        case .right:
            let s = state
            c.rightTop = scrollRows(c.rightTop, by: n, rows: rows) { sideHeight(s, $0, left: false, width: w) }
        }
    }
    if key == .char("=") {
        if c.focus != .both { c.top = ScrollPosition(item: (c.focus == .left ? c.leftTop : c.rightTop).item, line: 0) }
        c.focus = .both
        state.compare = c
        state.message = StatusMessage(text: "sides scroll together", isError: false)
        return []
    }
    guard let action = Keymap.action(for: key) else {
        // A time typed straight away, as in the reader.
        if case .char(let ch) = key, ch.isASCII, ch.isNumber { state.overlay = .prompt(.jump, String(ch)) }
        return []
    }
    switch action {
    case .jumpPrompt:
        state.overlay = .prompt(.jump, "")
        return []
    case .searchPrompt:
        state.overlay = .prompt(.search, "")
        state.hitSelection = 0
        return []
    case .nextHit, .previousHit:
        state.compare = c
        stepHit(&state, forward: action == .nextHit)
        return []
    case .quit where c.standalone:
        return [.quit]
    case .close where state.search?.rows(in: c) != nil:
        // Esc clears a search of the comparison first, as in the reader.
        state.search = nil
        state.message = StatusMessage(text: "search cleared", isError: false)
        return []
    case .quit, .close:
        state.compare = nil
        state.message = StatusMessage(text: "comparison closed", isError: false)
        return []
    case .redraw: return [.redraw(full: true)]
    case .help: state.overlay = .help(scroll: 0); return []
    case .cycleTheme:
        state.compare = c
        return perform(&state, .cycleTheme)
    case .lineDown: scroll(1)
    case .lineUp: scroll(-1)
    case .pageDown: scroll(geo.page)
    case .pageUp: scroll(-geo.page)
    case .halfPageDown: scroll(geo.page / 2)
    case .halfPageUp: scroll(-geo.page / 2)
    case .top: c.top = ScrollPosition(); c.leftTop = ScrollPosition(); c.rightTop = ScrollPosition()
    case .bottom:
        let last = ScrollPosition(item: max(0, rows - 1), line: 0)
        c.top = last; c.leftTop = last; c.rightTop = last
    case .nextChapter, .previousChapter:
        let diffs = c.differenceRows
        let cur = c.topRow
        let target = action == .nextChapter ? diffs.first { $0 > cur } : diffs.last { $0 < cur }
        if let t = target {
            c.top = ScrollPosition(item: t, line: 0)
            c.leftTop = c.top
            c.rightTop = c.top
            c.focus = .both
            state.message = StatusMessage(text: "difference \((diffs.firstIndex(of: t) ?? 0) + 1)/\(diffs.count)", isError: false)
        } else {
            state.message = StatusMessage(text: action == .nextChapter ? "no more differences below" : "no more differences above", isError: false)
        }
    case .focusNext, .focusPrevious:
        // both → left alone → right alone → both (re-synced at the side last scrolled).
        switch c.focus {
        case .both:
            c.leftTop = c.top
            c.rightTop = c.top
            c.focus = action == .focusNext ? .left : .right
        case .left:
            if action == .focusNext { c.focus = .right } else { c.top = ScrollPosition(item: c.leftTop.item, line: 0); c.focus = .both }
        case .right:
            if action == .focusNext { c.top = ScrollPosition(item: c.rightTop.item, line: 0); c.focus = .both } else { c.focus = .left }
        }
        state.message = StatusMessage(text: c.focus == .both ? "sides scroll together" : "\(c.focus == .left ? "left" : "right") side scrolls alone · = re-syncs", isError: false)
    case .follow, .viewPassage:
        let row = c.topRow
        let pair = c.pairs[safe: row]
        let useRight = c.focus == .right || (c.focus == .both && pair?.left == nil)
        if let p = useRight ? pair?.right : pair?.left {
            state.compare = c
            go(&state, to: ParagraphRef(doc: useRight ? c.right : c.left, paragraph: p))
            return []
        }
    case .openDocument, .compareDocument:
        state.compare = c
        state.listFilter = nil
        state.overlay = .open(selected: c.right, compare: true)
        state.current = c.left
        return []
    case .info:
        // (`=` re-syncs the sides here, above; ^G says what the comparison is.)
        state.overlay = .info(scroll: 0)
        return []
    case .copy:
        state.compare = c
        return copyToClipboard(&state)
    case .claimsList:
        // Over the comparison, at the left document's claims; Enter or v leaves it for the claim.
        state.compare = c
        state.current = c.left
        return perform(&state, .claimsList)
    default:
        // Marks, back, the divergence keys and the rest are the reader's: say how to get there.
        state.message = StatusMessage(text: "\(key.description) works in the reader: \(c.standalone ? "Esc" : "q") leaves the comparison", isError: false)
    }
    state.compare = c
    return []
}

/// Both sides of the comparison at a row, scrolling together.
func compareGo(_ state: inout AppState, row: Int) {
    guard var c = state.compare, c.pairs.indices.contains(row) else { return }
    c.top = ScrollPosition(item: row, line: 0)
    c.leftTop = c.top
    c.rightTop = c.top
    c.focus = .both
    state.compare = c
}

/// `/` in a comparison: the passages of either document in a row that hold the query, in row
/// order (a hit on each side of one row is two hits).
func compareSearch(_ state: inout AppState, _ query: String, _ q: SearchQuery, _ c: CompareState) {
    let docs: Set<Int> = [c.left, c.right]
    let found = searchIndex(state).search(q, limit: 10_000, documents: docs)
    // The rows holding each paragraph on its side, with the part of it each shows (a long
    // paragraph is split into passages).
    var rowsOf: [ParagraphRef: [(row: Int, range: Range<Int>?)]] = [:]
    for (r, pair) in c.pairs.enumerated() {
        if let p = pair.left { rowsOf[ParagraphRef(doc: c.left, paragraph: p), default: []].append((r, pair.leftRange)) }
        if let p = pair.right { rowsOf[ParagraphRef(doc: c.right, paragraph: p), default: []].append((r, pair.rightRange)) }
    }
    // A hit's row: the one showing its first match (else the paragraph's first).
    func row(_ h: SearchHit) -> Int? {
        guard let rows = rowsOf[h.ref] else { return nil }
        if rows.count == 1 { return rows[0].row }
        let first = CorpusIndex.matchRanges(in: state.documents[h.ref.doc].paragraphs[h.ref.paragraph].text, query: q).first?.lowerBound ?? 0
        return (rows.first { $0.range?.contains(first) ?? true } ?? rows[0]).row
    }
    let hits = found.compactMap { h in row(h).map { (h, $0) } }
        .sorted { ($0.1, $0.0.ref.doc == c.left ? 0 : 1) < ($1.1, $1.0.ref.doc == c.left ? 0 : 1) }
    let top = c.topRow
    state.hitSelection = hits.firstIndex { $0.1 >= top } ?? 0
    state.search = SearchState(query: query, hits: hits.map(\.0), current: 0, rows: hits.map(\.1), compared: [c.left, c.right])
}

/// `:` in a comparison: the row at a time (of the left document, else the right one's), or
/// that far down the rows (`50%`); both sides scroll there together.
func compareJump(_ state: inout AppState, to text: String) {
    guard let c = state.compare, !c.pairs.isEmpty else { return }
    let row: Int
    if let pct = percentPlace(text) {
        row = (c.pairs.count - 1) * pct / 100
    } else if let t = Timestamp.parse(text) {
        // The side whose rows run in its reading order (the left), unless it has no times.
        let leftTimed = state.documents[c.left].paragraphs.contains { $0.time != nil }
        let doc = state.documents[leftTimed ? c.left : c.right]
        let timed = c.pairs.indices.compactMap { r -> (row: Int, time: Double)? in
            guard let p = leftTimed ? c.pairs[r].left : c.pairs[r].right, let time = doc.paragraphs[p].time else { return nil }
            return (r, time)
        }
        guard let first = timed.first else {
            state.message = StatusMessage(text: "no times in either document of this comparison", isError: true)
            return
        }
        // The last passage begun by then (the first, before it starts).
        row = timed.last { $0.time.rounded(.down) <= t.rounded(.down) }?.row ?? first.row
    } else {
        state.message = StatusMessage(text: "not a time: ‘\(text)’ (try 12:36, 1:47:41, 47m, 90s or 50%)", isError: true)
        return
    }
    compareGo(&state, row: row)
    state.message = StatusMessage(text: "\(text) → row \(row + 1)/\(c.pairs.count)", isError: false)
}

func drawCompare(_ grid: inout Grid, _ state: AppState, _ geo: ScreenGeometry) {
    guard let c = state.compare else { return }
    let g = CompareGeometry(state)
    let query = state.search?.rows(in: c) != nil ? state.search?.parsed : nil
    for y in 0..<g.left.h { grid.put("│", x: g.right.x - 1, y: y, role: .border) }
    for (rect, isLeft) in [(g.left, true), (g.right, false)] {
        let doc = state.documents[isLeft ? c.left : c.right]
        let focused = c.focus == .both || (c.focus == .left) == isLeft
        grid.fill(x: rect.x, y: rect.y, width: rect.w, height: 1, role: focused ? .tabActive : .title)
        grid.put(truncated(" " + doc.title, rect.w)[...], x: rect.x, y: rect.y, role: focused ? .tabActive : .title, limit: rect.w)
        var pos = c.focus == .both ? c.top : (isLeft ? c.leftTop : c.rightTop)
        var y = rect.y + 1
        let bottom = rect.y + rect.h
        while y < bottom && pos.item < c.pairs.count {
            let row = pos.item
            let pair = c.pairs[row]
            let present = (isLeft ? pair.left : pair.right) != nil
            if c.focus != .both && !present { pos = ScrollPosition(item: row + 1, line: 0); continue }
            let lines = compareLines(state, row: row, left: isLeft, width: g.colWidth, titled: y == rect.y + 1)
            let height = c.focus == .both ? rowHeight(state, row, width: g.colWidth) : lines.count
            let marks = figureRanges(state, row: row, left: isLeft)
            // Matches of a search of the comparison, the current hit's in its own role.
            var matches: [Range<Int>] = []
            var matchRole = Role.searchHit
            if let s = state.search, let rows = s.rows(in: c), let p = isLeft ? pair.left : pair.right, let q = query {
                matches = CorpusIndex.matchRanges(in: doc.paragraphs[p].text, query: q)
                if s.hits[safe: s.current]?.ref == ParagraphRef(doc: isLeft ? c.left : c.right, paragraph: p), rows[safe: s.current] == row { matchRole = .currentHit }
            }
            for k in min(pos.line, height)..<height where y < bottom {
                if let l = lines[safe: k] {
                    for span in l.spans {
                        let roleAt: ((Int) -> Role?)? = span.paragraph == nil || (marks.isEmpty && matches.isEmpty) ? nil : { off in
                            if marks.contains(where: { $0.contains(off) }) { return isLeft ? .diffLeft : .diffRight }
                            return matches.contains { $0.contains(off) } ? matchRole : nil
                        }
                        grid.put(span.units[...], x: rect.x + 1 + span.x, y: y, role: span.role, limit: max(0, g.colWidth - span.x), roleAt: roleAt)
                    }
                }
                if pair.isDifference && k == 0 { grid.put("▎", x: rect.x, y: y, role: .claimDivergent) }
                y += 1
            }
            pos = ScrollPosition(item: row + 1, line: 0)
        }
    }
    _ = geo
}
