import Foundation
import GlossCore
import GlossRender

// The claims list (`C`) and the document's particulars (`=`): two overlays, their keys and
// their drawing.

/// Keys in the claims list: move, Tab for one verdict at a time, `/` to filter, Enter for the
/// evidence, `v` for where the claim is made, `y` to copy it, Esc to close.
func handleClaimsListKey(_ state: inout AppState, _ key: Key, selected: Int, only: Verdict?) -> [Effect] {
    // Typing filters, as in the document list. (The claims shown, before this key.)
    let list = claimsList(state, only: only)
    let chosen = state.listFilter == nil ? nil : list[safe: selected]
    // (Dropping the filter, the claim chosen stays chosen, at its row in the whole list.)
    if listKey(&state, key, selected: selected, count: list.count,
               dropped: { s in chosen.flatMap { claimsList(s, only: only).firstIndex(of: $0) } ?? 0 },
               at: { .claims(selected: $0, only: only) }) {
        return []
    }
    switch key {
    case .tab, .backTab:
        // All → divergent → not found → supported → all (Shift-Tab the other way).
        let cycle: [Verdict?] = [nil, .divergent, .notFound, .supported]
        let i = cycle.firstIndex { $0 == only } ?? 0
        state.overlay = .claims(selected: 0, only: cycle[(i + (key == .tab ? 1 : cycle.count - 1)) % cycle.count])
    case .enter, .char("v"):
        guard let c = list[safe: selected].map({ state.claims[$0] }) else { return [] }
        state.overlay = nil
        state.listFilter = nil
        // (A list opened over a comparison leaves it for the reader; Backspace comes back.)
        goToClaim(&state, c, evidence: key == .enter)
        if key == .enter && c.evidence.isEmpty {
            state.message = StatusMessage(text: "no transcript passage supports this claim (not found): here is where it is made", isError: false)
        }
        // The claims pane beside it has the claim selected (Tab, then y copies it).
        selectInClaimsPane(&state, c)
    case .char("y"):
        // The selected claim, as y copies it in the claims pane; the list stays open.
        guard let c = list[safe: selected].map({ state.claims[$0] }) else { return [] }
        return copyToClipboard(&state, (claimCitation(state.documents, c), "the claim and evidence"))
    case .escape, .char("q"), .char("C"): state.overlay = nil
    case .ctrl("l"): return [.redraw(full: true)]
    default: break
    }
    return []
}

/// The claims the claims list shows (indices into `state.claims`): all, or one verdict's, in
/// the order of the documents that make them; with a filter, those whose words, section or
/// document title hold every word of it (any case).
func claimsList(_ state: AppState, only: Verdict?) -> [Int] {
    let words = filterWords(state)
    if !words.isEmpty && state.memo.claimText?.count != state.claims.count {
        state.memo.claimText = state.claims.map { c in
            listFolded([c.claim.text, c.claim.heading ?? "", state.documents[c.claim.source.doc].title].joined(separator: " "))
        }
    }
    return state.claims.indices.filter { i in
        guard only == nil || state.claims[i].verdict == only else { return false }
        return words.isEmpty || listText(state.memo.claimText![i], has: words, folded: true)
    }
}

/// What `=` shows: the document, what it holds, and where the reader is in it, as label and
/// value rows.
func documentInfo(_ state: AppState) -> [(String, String)] {
    if let c = state.compare { return comparisonInfo(state, c) }
    guard let doc = state.document else { return [] }
    var rows: [(String, String)] = [("title", doc.title), ("file", doc.path), ("kind", doc.kindAndFormat(separator: ", "))]
    let m = doc.metadata
    if let a = m.author { rows.append(("by", a)) }
    if let p = m.publication { rows.append(("in", p)) }
    if let d = m.date { rows.append(("date", d)) }
    if let d = m.duration { rows.append(("length", Timestamp.format(d))) }
    if !m.participants.isEmpty { rows.append(("speakers", m.participants.joined(separator: ", "))) }
    let chapters = doc.sections.filter { $0.kind == .chapter }
    if !chapters.isEmpty {
        let absent = chapters.count - chapters.filter(\.present).count
        rows.append(("chapters", "\(chapters.count)" + (absent > 0 ? ", \(absent) listed but not in the text" : "")))
    }
    rows.append(("paragraphs", "\(doc.paragraphs.count)"))
    let made = state.claims.filter { $0.claim.source.doc == state.current }
    let about = state.claims.filter { $0.evidence.first?.ref.doc == state.current }
    if !made.isEmpty { rows.append(("claims made", "\(made.count): " + verdictCounts(made, separator: " "))) }
    if !about.isEmpty { rows.append(("evidence for", "\(about.count) claims")) }
    if let layout = currentLayout(state), let p = layout.paragraph(atOrAfter: state.position.item) {
        rows.append(("at", "paragraph \(p + 1) of \(doc.paragraphs.count)" + (doc.paragraphs[p].timeLabel.map { ", " + $0 } ?? "")))
    }
    for w in doc.warnings.prefix(3) { rows.append(("note", w)) }
    return rows
}

/// What `^G` shows in a comparison: the two documents, how their passages paired, what differs,
/// and the row at the top.
func comparisonInfo(_ state: AppState, _ c: CompareState) -> [(String, String)] {
    let pairs = c.pairs
    let both = pairs.filter { !$0.isGap }.count
    let leftOnly = pairs.filter { $0.left != nil && $0.right == nil }
    let rightOnly = pairs.filter { $0.left == nil && $0.right != nil }
    let moved = (leftOnly + rightOnly).filter { $0.movedTo != nil }.count
    let figures = pairs.filter { $0.figures.contains { !$0.agree } }.count
    let quotes = pairs.filter { !$0.quoteMarks.isEmpty }.count
    let top = c.topRow
    var rows: [(String, String)] = [
        ("left", state.documents[c.left].title), ("", state.documents[c.left].path),
        ("right", state.documents[c.right].title), ("", state.documents[c.right].path),
        ("rows", "\(pairs.count): \(both) paired, \(leftOnly.count) only on the left, \(rightOnly.count) only on the right" + (moved > 0 ? " (\(moved) of those moved)" : "")),
        ("differences", "\(c.differenceRows.count) (] and [ walk them; a run of gaps is one)"),
    ]
    func inRows(_ n: Int) -> String { "in \(n) row\(n == 1 ? "" : "s")" }
    if figures > 0 { rows.append(("figures", "differ " + inRows(figures))) }
    if quotes > 0 { rows.append(("quotes", "quoted on one side only " + inRows(quotes))) }
    rows.append(("at", "row \(min(top, pairs.count - 1) + 1) of \(pairs.count)" + (c.focus == .both ? "" : ", the \(c.focus == .left ? "left" : "right") side scrolling alone")))
    return rows
}

/// How many of `claims` have each verdict, as the lists show it: "✓ 12 ✗ 2 ? 36" (with
/// `separator` ""; "✓12 ✗2 ?36").
func verdictCounts(_ claims: [CheckedClaim], separator: String) -> String {
    var n: [Verdict: Int] = [:]
    for c in claims { n[c.verdict, default: 0] += 1 }
    return [(Verdict.supported, "✓"), (.divergent, "✗"), (.notFound, "?")].map { "\($0.1)\(separator)\(n[$0.0] ?? 0)" }.joined(separator: " ")
}

/// Every claim checked (or one verdict's), under the title of the document that makes it: its
/// mark, the section it is in, the claim, and where its evidence is.
func drawClaimsList(_ grid: inout Grid, _ state: AppState, selected: Int, only: Verdict?) {
    let list = claimsList(state, only: only)
    // Display rows: a document's title, then its claims (nil: a title row).
    var rows: [(doc: Int, claim: Int?)] = []
    var selectedRow = 0
    for (k, i) in list.enumerated() {
        let doc = state.claims[i].claim.source.doc
        if rows.last?.doc != doc { rows.append((doc, nil)) }
        if k == selected { selectedRow = rows.count }
        rows.append((doc, k))
    }
    let w = min(state.width, 120), h = min(state.height - 1, state.claims.count + Set(state.claims.map(\.claim.source.doc)).count + 2)
    let x = (state.width - w) / 2, y = max(0, (state.height - 1 - h) / 2)
    let shown = only.map { verdictName($0) + " only" } ?? "all"
    let title = state.listFilter.map { "Claims /" + $0 + "▏ \(list.count) of \(state.claims.count) · \(shown) (Tab) · Esc clears" }
        ?? "Claims · \(verdictCounts(state.claims, separator: " ")) · \(shown) (Tab) · / filters · Enter evidence · v passage · y copies"
    box(&grid, x: x, y: y, w: w, h: h, title: title)
    let inner = max(0, h - 2)
    if rows.isEmpty && inner > 0 {
        grid.put(state.listFilter.map { _ in "  no claim has those words" } ?? "  none", x: x + 1, y: y + 1, role: .dim, limit: max(0, w - 2))
    }
    // Sections get a sixth of the row (none on a narrow screen).
    let sectionWidth = w >= 60 ? min(24, (w - 4) / 6) : 0
    let first = max(0, min(selectedRow - inner / 2, rows.count - inner))
    for k in 0..<inner {
        guard let row = rows[safe: first + k] else { break }
        let yy = y + 1 + k
        guard let claimRow = row.claim else {
            let d = state.documents[row.doc]
            grid.put(" " + d.title + " · " + d.kindAndFormat(separator: " · "), x: x + 1, y: yy, role: .helpKey, limit: max(0, w - 2))
            continue
        }
        let c = state.claims[list[claimRow]]
        let role: Role = claimRow == selected ? .selection : .help
        grid.fill(x: x + 1, y: yy, width: w - 2, height: 1, role: role)
        let (mark, markRole) = verdictMark[c.verdict]!
        var xx = x + 3
        xx += grid.put(mark + " ", x: xx, y: yy, role: role == .selection ? .selection : markRole, limit: 2)
        if sectionWidth > 0 {
            grid.put(truncated(c.claim.heading ?? "", sectionWidth).map(\.text).joined(), x: xx, y: yy, role: role == .selection ? .selection : .dim, limit: sectionWidth)
            xx += sectionWidth
            xx += grid.put(" │ ", x: xx, y: yy, role: role == .selection ? .selection : .border, limit: 3)
        }
        let at = evidenceStamp(state, c).map { "→ " + $0 } ?? ""
        let atWidth = TextWidth.columns(at)
        let room = max(0, x + w - 2 - xx - (atWidth > 0 ? atWidth + 1 : 0))
        grid.put(truncated(c.claim.text, room).map(\.text).joined(), x: xx, y: yy, role: role, limit: room)
        if atWidth > 0 { grid.put(at, x: x + w - 2 - atWidth, y: yy, role: role == .selection ? .selection : .time, limit: atWidth) }
    }
    // On the bottom edge, the selected claim's verdict in words.
    if h >= 3, let i = list[safe: selected] {
        let c = state.claims[i]
        let note: String
        switch c.verdict {
        case .divergent: note = "✗ " + (divergence(c) ?? "divergent")
        case .supported:
            note = c.evidence.first.map { e in
                let d = state.documents[e.ref.doc], p = d.paragraphs[e.ref.paragraph]
                return "✓ " + [p.timeLabel, d.sections[safe: p.section]?.titleAfterStart()].compactMap { $0 }.joined(separator: " ")
            } ?? "✓ supported"
        case .notFound: note = "? no transcript passage says this"
        }
        grid.put(" " + note + " ", x: x + 2, y: y + h - 1, role: .helpKey, limit: max(0, w - 4))
    }
}

/// The document's particulars (`=`) as laid out in their box: values wrap under themselves.
struct InfoLayout {
    let x: Int, y: Int, w: Int, h: Int, labelWidth: Int, valueWidth: Int
    let lines: [(label: String, value: [DisplayUnit])]
    var inner: Int { max(0, h - 2) }
    /// The last useful scroll offset: the last line at the bottom of the box.
    var maxScroll: Int { max(0, lines.count - inner) }

    init(_ state: AppState) {
        let rows = documentInfo(state)
        labelWidth = (rows.map { TextWidth.columns($0.0) }.max() ?? 0) + 2
        w = min(state.width, max(40, min(100, labelWidth + 4 + (rows.map { TextWidth.columns($0.1) }.max() ?? 0))))
        valueWidth = max(1, w - 4 - labelWidth)
        var lines: [(String, [DisplayUnit])] = []
        for (label, value) in rows {
            let units = TextWidth.units(value)
            for (k, l) in Wrap.lines(units, width: valueWidth).enumerated() {
                lines.append((k == 0 ? label : "", Array(units[l.units])))
            }
        }
        self.lines = lines
        h = max(0, min(state.height - 1, lines.count + 2))
        x = (state.width - w) / 2
        y = max(0, (state.height - 1 - h) / 2)
    }
}

/// The document's particulars (`=`), in a box; any key closes it (one that does not fit the
/// screen scrolls with j k first).
func drawInfo(_ grid: inout Grid, _ state: AppState, scroll: Int) {
    let l = InfoLayout(state)
    let what = state.compare != nil ? "This comparison" : "This document"
    let scrolling = what + " · j k scroll · Esc closes"
    let title = l.maxScroll == 0 ? what + " · any key closes" : TextWidth.columns(scrolling) + 6 <= l.w ? scrolling : what + " · j k scroll"
    box(&grid, x: l.x, y: l.y, w: l.w, h: l.h, title: title)
    for (k, line) in l.lines.dropFirst(min(scroll, l.maxScroll)).prefix(l.inner).enumerated() {
        grid.put(line.label, x: l.x + 2, y: l.y + 1 + k, role: .helpKey, limit: l.labelWidth)
        grid.put(line.value[...], x: l.x + 2 + l.labelWidth, y: l.y + 1 + k, role: .help, limit: l.valueWidth)
    }
}
