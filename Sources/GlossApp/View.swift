import Foundation
import GlossCore
import GlossRender

/// Draws the whole screen for a state. Pure: the same state gives the same grid.
public func view(_ state: AppState) -> Grid {
    var grid = Grid(width: state.width, height: state.height)
    guard state.width > 0 && state.height > 0 else { return grid }
    let geo = ScreenGeometry(state)
    if geo.mode == .tiny {
        drawTiny(&grid, state)
        return grid
    }
    if state.compare != nil {
        drawCompare(&grid, state, geo)
    } else {
        drawPanes(&grid, state, geo)
    }
    drawStatus(&grid, state, geo)
    switch state.overlay {
    case .help(let scroll)?: drawHelp(&grid, state, scroll: scroll)
    case .prompt(let kind, let text)?: drawPrompt(&grid, state, kind: kind, text: text)
    case .open(let selected, let compare)?: drawOpen(&grid, state, selected: selected, compare: compare)
    case .claims(let selected, let only)?: drawClaimsList(&grid, state, selected: selected, only: only)
    case .info(let scroll)?: drawInfo(&grid, state, scroll: scroll)
    case nil: break
    }
    return grid
}

func drawTiny(_ grid: inout Grid, _ state: AppState) {
    let words = ["Gloss", "\(state.width)×\(state.height)", "too small", "q quits"]
    for (i, w) in words.enumerated() where i < state.height {
        grid.put(w, x: 0, y: i, role: i == 0 ? .title : .dim, limit: state.width)
    }
}

func drawPanes(_ grid: inout Grid, _ state: AppState, _ geo: ScreenGeometry) {
    // Separators between side-by-side panes.
    let body = max(0, state.height - 1)
    for (_, r) in geo.rects where r.x > 0 {
        for y in r.y..<min(body, r.y + r.h) { grid.put("│", x: r.x - 1, y: y, role: .border) }
    }
    if let bar = geo.tabBar {
        grid.fill(x: bar.x, y: bar.y, width: bar.w, height: 1, role: .tabInactive)
        for t in geo.tabs {
            let active = geo.mode == .single ? t.pane == state.focus : t.pane == (state.sideTab == .transcript ? .claims : state.sideTab)
            grid.put(" \(t.pane.title) ", x: t.x, y: bar.y, role: active ? .tabActive : .tabInactive, limit: max(0, bar.x + bar.w - t.x))
        }
    }
    for (pane, rect) in geo.rects {
        if geo.hasTitle(pane) { drawTitle(&grid, state, pane, rect) }
        guard let content = geo.contentRect(pane) else { continue }
        if pane == .transcript {
            drawReading(&grid, state, content)
        } else {
            drawList(&grid, state, pane, content)
        }
    }
}

func drawTitle(_ grid: inout Grid, _ state: AppState, _ pane: PaneID, _ r: Rect) {
    let focused = state.focus == pane
    var title = pane.title
    switch pane {
    // The document's title heads its own text, and the status bar keeps it: the
    // pane says what kind of text it is rather than repeating it.
    case .transcript: title = state.document.map { $0.kind == .article ? "Article" : "Transcript" } ?? "Text"
    case .claims: title = "Claims" + (state.claims.isEmpty ? "" : " (\(claimsOnScreen(state).count) here)")
    case .commentary: title = "Commentary"
    case .chapters: title = state.document?.kind == .article ? "Sections" : "Chapters"
    }
    grid.fill(x: r.x, y: r.y, width: r.w, height: 1, role: focused ? .tabActive : .title)
    grid.put(" " + title, x: r.x, y: r.y, role: focused ? .tabActive : .title, limit: r.w)
}

func drawReading(_ grid: inout Grid, _ state: AppState, _ r: Rect) {
    guard let doc = state.document, let layout = currentLayout(state), r.h > 0 else {
        grid.put("no document", x: r.x, y: r.y, role: .dim, limit: r.w)
        return
    }
    let query = state.search?.parsed
    let currentHit = state.search.flatMap { s in s.hits[safe: s.current] }
    var matchCache: [Int: [Range<Int>]] = [:]
    let verdicts = doc.kind == .transcript && !state.claims.isEmpty ? evidenceVerdicts(state) : nil
    let preview = selectedClaimMarks(state)
    let claimsMade = layout.claimMargin > 0 ? claimsMadeAt(state)[state.current] : nil
    var item = state.position.item
    var line = state.position.line
    var y = r.y
    while y < r.y + r.h && item < layout.items.count {
        let lines = layout.lines(item)
        let underTime = verdicts == nil ? nil : layout.lineUnderTime(item)
        while line < lines.count && y < r.y + r.h {
            for span in lines[line].spans {
                var roleAt: ((Int) -> Role?)?
                var ranges: [Range<Int>] = []
                var hitRole = Role.searchHit
                if let p = span.paragraph, let q = query {
                    ranges = matchCache[p] ?? CorpusIndex.matchRanges(in: doc.paragraphs[p].text, query: q)
                    matchCache[p] = ranges
                    if currentHit?.section == nil && currentHit?.ref == ParagraphRef(doc: state.current, paragraph: p) { hitRole = .currentHit }
                } else if let k = span.section, let q = query, let sec = doc.sections[safe: k], CorpusIndex.titleHolds(sec.title, q) {
                    // A chapter's title that has the words searched for.
                    ranges = CorpusIndex.matchRanges(in: sec.title, query: q)
                    if currentHit?.section == k && currentHit?.ref.doc == state.current { hitRole = .currentHit }
                }
                // A search's hits first, then the words that check the claim selected in the
                // claims pane, or a claim followed here.
                let marks = span.paragraph.map { p in
                    (preview[p] ?? []) + (state.evidenceMarks?.marks(p, highlight: state.highlight) ?? [])
                } ?? []
                if !ranges.isEmpty || !marks.isEmpty {
                    roleAt = { [ranges, hitRole] off in
                        ranges.contains { $0.contains(off) } ? hitRole : marks.first { $0.range.contains(off) }?.role
                    }
                }
                grid.put(span.units[...], x: r.x + span.x, y: y, role: span.role, limit: max(0, r.w - span.x), roleAt: roleAt)
            }
            // In the claims' margin, the verdict of the claims whose sentences start on this line.
            if layout.claimMargin > 0, let made = claimsMade,
               let text = lines[line].spans.first(where: { $0.paragraph != nil }),
               let p = text.paragraph, doc.paragraphs[p].time == nil, let here = made[p],
               let first = text.units.first?.offset, let last = text.units.last?.offset,
               let v = gravest(here.filter { (first...last).contains($0.start) }.map(\.verdict)) {
                let (mark, role) = verdictMark[v]!
                grid.put(mark, x: r.x, y: y, role: role)
            }
            // Under a passage's time, the verdicts of the claims it is the evidence of.
            if line == underTime, case .paragraph(let p) = layout.items[item],
               let verdicts = verdicts?[ParagraphRef(doc: state.current, paragraph: p)] {
                for span in verdictSpans(verdicts, x: r.x, width: layout.gutter - 1).spans {
                    grid.put(span.units[...], x: span.x, y: y, role: span.role, limit: max(0, r.x + layout.gutter - 1 - span.x))
                }
            }
            // Mark the target of the last jump in the margin.
            if let h = state.highlight, h.doc == state.current, layout.items[item] == .paragraph(h.paragraph), r.x > 0 {
                grid.put("▌", x: r.x - 1, y: y, role: .selection)
            }
            y += 1
            line += 1
        }
        item += 1
        line = 0
    }
}

func drawList(_ grid: inout Grid, _ state: AppState, _ pane: PaneID, _ r: Rect) {
    let (rows, _) = listLines(state, pane: pane, width: r.w, height: r.h)
    let focused = state.focus == pane
    let selected = state.selected[pane] ?? 0
    for (k, line) in rows.prefix(r.h).enumerated() {
        let y = r.y + k
        let isSelected = focused && line.item == selected && line.item != nil
        if isSelected { grid.fill(x: r.x, y: y, width: r.w, height: 1, role: .selection) }
        for span in line.spans {
            grid.put(span.units[...], x: r.x + span.x, y: y, role: isSelected ? .selection : span.role, limit: max(0, r.w - span.x))
        }
    }
}

// MARK: - Status bar

func drawStatus(_ grid: inout Grid, _ state: AppState, _ geo: ScreenGeometry) {
    let y = state.height - 1
    grid.fill(x: 0, y: y, width: state.width, height: 1, role: .status)
    var left = " Gloss"
    var accent = ""
    // The document title and chapter; fitted once the room the rest takes is known.
    var titled: (title: String, chapter: String)?
    // (A comparison's two titles head its two columns.)
    if state.compare == nil, let doc = state.document, let layout = currentLayout(state) {
        var chapter = ""
        // (An article's first heading is often its title again: said once.)
        if let s = currentSection(state), let sec = doc.sections[safe: s], sec.start != nil || sec.title != doc.title {
            chapter = sec.start.map { Timestamp.formatShort($0) + " " + sec.titleAfterStart() } ?? sec.title
        }
        // A transcript named only by its file: the notes about it say which episode it is, first.
        var title = doc.title
        if let about = aboutTitle(state, state.current) { title = "\(about) (\(doc.title))" }
        titled = (title, chapter)
        // A jump pinned to a chapter that cannot reach the top (the end of the text, or a
        // chapter the text stops before) is where the reader is, and its time with it.
        if let s = state.pinnedSection, let start = doc.sections[safe: s]?.start {
            accent += " │ " + Timestamp.formatShort(start)
        } else if let t = timeAtTopLine(layout, state.position) {
            // (Scrolled into a long paragraph of captions: the time said on its top line.)
            accent += " │ " + Timestamp.formatShort(t)
        } else if let p = layout.paragraph(atOrAfter: state.position.item), let stamp = doc.paragraphs[p].timeLabel {
            accent += " │ " + stamp
        }
        let total = max(1, layout.totalLines - geo.pageHeight(.transcript))
        let prefix = layout.prefixSums()
        let at = prefix[min(state.position.item, prefix.count - 1)] + state.position.line
        accent += " │ \(min(100, at * 100 / total))%"
    }
    var loading = ""
    if let l = state.loading { loading = l.total > 0 ? " │ \(l.stage.rawValue) \(l.done)/\(l.total)…" : " │ \(l.stage.rawValue)…" }
    let right: String
    let rightRole: Role
    if let m = state.message {
        right = m.text + " "
        rightRole = m.isError ? .error : .status
    } else {
        right = "? help  q quit "
        rightRole = .status
    }
    // A message takes half the bar; on a narrow screen all of it it needs (it lasts until the
    // next key; the title and the time come back then).
    let rightWidth = min(TextWidth.columns(right), max(0, state.message != nil && state.width < 80 ? state.width - 1 : state.width / 2))
    if let c = state.compare {
        let focus = c.focus == .both ? "synced" : "\(c.focus == .left ? "left" : "right") alone"
        (left, accent) = compareStatus(rows: c.pairs.count, differences: c.differenceRows.count, focus: focus,
                                       room: state.width - rightWidth - 2 - TextWidth.columns(loading))
    }
    accent += loading
    let leftLimit = max(0, state.width - rightWidth - 1 - TextWidth.columns(accent))
    if let t = titled { left = statusLeft(title: t.title, chapter: t.chapter, room: leftLimit, width: state.width) }
    // No room for the left part at all: the rest does not start with a separator.
    if left.allSatisfy({ $0 == " " }) || leftLimit < 2, accent.hasPrefix(" │ ") { left = ""; accent = " " + accent.dropFirst(3) }
    var x = grid.put(left, x: 0, y: y, role: .status, limit: leftLimit)
    x += grid.put(accent, x: x, y: y, role: .statusAccent, limit: max(0, state.width - x - rightWidth - 1))
    let rx = max(x + 1, state.width - rightWidth)
    let written = grid.put(truncated(right, max(0, state.width - rx))[...], x: rx, y: y, role: rightRole == .error ? .error : .status, limit: max(0, state.width - rx))
    _ = written
}

/// The time of the cue a paragraph's line at the top of the pane is in, below its first line
/// (the paragraph's own time is on its first).
func timeAtTopLine(_ layout: DocumentLayout, _ position: ScrollPosition) -> Double? {
    guard position.line > 0, case .paragraph(let p) = layout.items[safe: position.item], !layout.doc.paragraphs[p].marks.isEmpty,
          let line = layout.lines(position.item)[safe: position.line],
          let offset = line.spans.first(where: { $0.paragraph == p && !$0.units.isEmpty })?.units[0].offset else { return nil }
    return TimeMark.time(at: offset, in: layout.doc.paragraphs[p].marks)
}

/// The left of the status bar in `room` columns. The chapter matters most, then the
/// document title (at most a fifth of the screen beside a chapter), then the name Gloss: on a narrow
/// screen the name goes first, then the title, and the chapter is cut only when it is
/// all there is.
func statusLeft(title: String, chapter: String, room: Int, width: Int) -> String {
    func cut(_ s: String, _ w: Int) -> String { truncated(s, max(0, w)).map(\.text).joined() }
    let chapterPart = chapter.isEmpty ? "" : " │ " + chapter
    let chapterCols = TextWidth.columns(chapterPart)
    // (Without a chapter the title may take half the screen.)
    let title = cut(title, chapter.isEmpty ? max(8, width / 2) : max(8, width / 5) + 1)
    let full = " Gloss │ " + title + chapterPart
    if TextWidth.columns(full) <= room || chapter.isEmpty { return full }
    let titleRoom = room - 1 - chapterCols
    if titleRoom >= 8 { return " " + cut(title, titleRoom) + chapterPart }
    // (A chapter cut to a word or two says nothing: then the time and position have the bar.)
    return room - 1 >= 8 ? " " + cut(chapter, room - 1) : ""
}

/// A comparison's part of the status bar (name, then its rows, differences and scrolling) in
/// `room` columns: whole words are left out, the name first, rather than cut mid-word.
func compareStatus(rows: Int, differences: Int, focus: String, room: Int) -> (left: String, accent: String) {
    let forms: [(String, String)] = [
        (" Gloss │ compare", " │ \(rows) rows · \(differences) differences · \(focus)"),
        (" compare", " │ \(rows) rows · \(differences) differences · \(focus)"),
        ("", " \(rows) rows · \(differences) differences · \(focus)"),
        ("", " \(differences) differences · \(focus)"),
        ("", " \(differences) diffs · \(focus)"),
        ("", " \(focus)"),
    ]
    for f in forms where TextWidth.columns(f.0) + TextWidth.columns(f.1) <= room { return f }
    return ("", "")
}

// MARK: - Overlays

func box(_ grid: inout Grid, x: Int, y: Int, w: Int, h: Int, title: String) {
    grid.fill(x: x, y: y, width: w, height: h, role: .help)
    guard w >= 2, h >= 2 else { return }
    grid.put("┌" + String(repeating: "─", count: w - 2) + "┐", x: x, y: y, role: .help)
    grid.put("└" + String(repeating: "─", count: w - 2) + "┘", x: x, y: y + h - 1, role: .help)
    for yy in (y + 1)..<(y + h - 1) {
        grid.put("│", x: x, y: yy, role: .help)
        grid.put("│", x: x + w - 1, y: yy, role: .help)
    }
    grid.put(" \(title) ", x: x + 2, y: y, role: .helpKey, limit: max(0, w - 4))
}

/// The help screen, generated from the key table. Two bindings in a row whose descriptions
/// differ in one word share a line ("j ↓ / k ↑  down / up one line") when their keys fit.
public func helpText() -> [(key: String, text: String, isGroup: Bool)] {
    var out: [(String, String, Bool)] = []
    var group = ""
    let lines = Keymap.helpLines()
    var i = 0
    while i < lines.count {
        let line = lines[i]
        if line.group != group {
            group = line.group
            out.append((group, "", true))
        }
        if i + 1 < lines.count, lines[i + 1].group == group, let text = pairedHelp(line.help, lines[i + 1].help),
           line.keys.count + 3 + lines[i + 1].keys.count < helpKeyWidth {
            out.append((line.keys + " / " + lines[i + 1].keys, text, false))
            i += 2
            continue
        }
        out.append((line.keys, line.help, false))
        i += 1
    }
    out.append(("Compare", "", true))
    out.append(("Tab =", "the left side scrolls alone, then the right; = both again", false))
    out.append(("Also", "", true))
    out.append(("Mouse", "wheel scrolls the pane under it, click selects (--no-mouse: off)", false))
    out.append(("Symbols", "✓ supported  ✗ divergent  ? not found  ≈ estimated  ∅ absent chapter", false))
    return out
}

/// The widest keys column of the help (the descriptions start after it).
let helpKeyWidth = 22

/// "down one line" and "up one line" as "down / up one line": descriptions of the same number
/// of words that differ in one of them; else nil.
func pairedHelp(_ a: String, _ b: String) -> String? {
    let wa = a.split(separator: " "), wb = b.split(separator: " ")
    guard wa.count == wb.count else { return nil }
    let differ = wa.indices.filter { wa[$0] != wb[$0] }
    guard differ.count == 1, let k = differ.first else { return nil }
    var words = wa.map(String.init)
    words[k] = wa[k] + " / " + wb[k]
    return words.joined(separator: " ")
}

/// The help overlay at a screen size: its box, and its rows with each description wrapped
/// under the description column (a narrow screen shows all of it over more rows).
struct HelpLayout {
    struct Row { var key: String; var text: [DisplayUnit]; var isGroup: Bool }
    let x: Int, y: Int, w: Int, h: Int, keyCol: Int
    let rows: [Row]
    var inner: Int { max(0, h - 2) }
    /// The last useful scroll offset: the last row at the bottom of the box.
    var maxScroll: Int { max(0, rows.count - inner) }

    init(width: Int, height: Int) {
        w = min(width, 96)
        keyCol = min(helpKeyWidth, w / 3)
        var rows: [Row] = []
        for l in helpText() {
            if l.isGroup || l.text.isEmpty {
                rows.append(Row(key: l.key, text: [], isGroup: l.isGroup))
            } else {
                // Keys wider than their column (a narrow screen) get a row of their own.
                let keyFits = TextWidth.columns(l.key) <= keyCol - 1
                if !keyFits { rows.append(Row(key: l.key, text: [], isGroup: false)) }
                for (k, line) in wrapped(l.text, max(1, w - keyCol - 5), maxLines: 4).enumerated() {
                    rows.append(Row(key: k == 0 && keyFits ? l.key : "", text: line, isGroup: false))
                }
            }
        }
        self.rows = rows
        h = max(0, min(height - 1, rows.count + 2))
        x = (width - w) / 2
        y = max(0, (height - 1 - h) / 2)
    }
}

func drawHelp(_ grid: inout Grid, _ state: AppState, scroll: Int) {
    let l = HelpLayout(width: state.width, height: state.height)
    box(&grid, x: l.x, y: l.y, w: l.w, h: l.h, title: l.maxScroll > 0 ? "Gloss keys — j k scroll · Esc closes" : "Gloss keys — Esc closes")
    for (k, row) in l.rows.dropFirst(min(scroll, l.maxScroll)).prefix(l.inner).enumerated() {
        let yy = l.y + 1 + k
        if row.isGroup {
            grid.put(row.key, x: l.x + 2, y: yy, role: .helpKey, limit: l.w - 4)
        } else {
            grid.put(row.key, x: l.x + 3, y: yy, role: .helpKey, limit: row.text.isEmpty ? max(0, l.w - 4) : l.keyCol - 1)
            grid.put(row.text[...], x: l.x + 3 + l.keyCol, y: yy, role: .help, limit: max(0, l.w - l.keyCol - 5))
        }
    }
}

func drawPrompt(_ grid: inout Grid, _ state: AppState, kind: PromptKind, text: String) {
    let y = state.height - 1
    grid.fill(x: 0, y: y, width: state.width, height: 1, role: .prompt)
    let label = kind == .jump ? ":" : "/"
    var hint = ""
    if kind == .jump && text.isEmpty { hint = "time: 12:36, 1:47:41, 47m, 90s; or 50%" + (state.promptHistory[.jump]?.isEmpty == false ? " · ↑ earlier" : "") }
    if kind == .search && text.isEmpty && state.promptHistory[.search]?.isEmpty == false { hint = "↑ earlier searches" }
    if kind == .search, !text.isEmpty, let s = state.search { hint = "\(s.hits.count) hit\(s.hits.count == 1 ? "" : "s")\(s.within != nil ? " here" : "")\(s.someWords ? " with some of the words" : "")\(didYouMean(s))\(s.suggestion != nil && s.hits.isEmpty ? " (Tab)" : "")" }
    let x = grid.put(label + text, x: 0, y: y, role: .prompt, limit: state.width)
    grid.cursor = (min(x, max(0, state.width - 1)), y)
    if !hint.isEmpty, x + 3 + TextWidth.columns(hint) < state.width {
        grid.put(hint, x: state.width - TextWidth.columns(hint) - 1, y: y, role: .prompt)
    }
    // The incremental hit list, above the prompt.
    guard kind == .search, let s = state.search, !s.hits.isEmpty else { return }
    let rows = min(s.hits.count, max(0, min(10, state.height - 3)))
    guard rows > 0 else { return }
    let top = y - rows - 1
    grid.fill(x: 0, y: top, width: state.width, height: rows + 1, role: .help)
    // A figure is searched as a figure, however written: the header says which.
    let q = s.parsed
    let stating = q.figures.isEmpty ? "" : " stating " + q.figures.map(\.description).joined(separator: " and ")
    let hits = s.someWords ? " Hits with some of the words (none has all)" : " Hits" + stating
    let header = s.rows(in: state.compare) != nil ? hits + " in the two documents, by row · ↑↓ choose · Enter go · Esc cancel"
        : s.within != nil ? hits + " in this document · ^T all documents · ↑↓ choose · Enter go · Esc cancel"
        : hits + " · ^T this document only · ↑↓ choose · Enter go · Esc cancel"
    grid.put(header, x: 0, y: top, role: .helpKey, limit: state.width)
    let first = max(0, state.hitSelection - rows + 1)
    // Titles get a third of what the stamp leaves (none on a narrow screen: the excerpt first).
    let titleWidth = s.within != nil ? 0 : min(28, max(0, (state.width - 12) / 3))
    // A paragraph's time (in captions, when the words were said), else its section ("Brief",
    // an article's heading), else its number; a chapter's start (§ for a heading).
    func stamp(_ h: SearchHit) -> String {
        let d = state.documents[h.ref.doc]
        if let k = h.section { return d.sections[safe: k]?.start.map(Timestamp.formatShort) ?? "§" }
        let p = d.paragraphs[h.ref.paragraph]
        if h.time == nil, let said = Reports.saidTime(p, query: q) { return Timestamp.formatShort(said) }
        if let t = p.timeLabel { return t }
        if let sec = d.sections[safe: p.section], !sec.title.isEmpty, sec.title != d.title {
            return truncated(sec.title, 14).map(\.text).joined()
        }
        return "¶\(h.ref.paragraph)"
    }
    // Stamps padded to one width, so that the excerpts start in one column.
    // (Each once: a hit's time in captions reads its paragraph for the words.)
    let stamps = s.hits[first..<min(s.hits.count, first + rows)].map(stamp)
    let stampWidth = stamps.map { TextWidth.columns($0) }.max() ?? 0
    for k in 0..<rows {
        let i = first + k
        guard let h = s.hits[safe: i] else { break }
        let d = state.documents[h.ref.doc]
        let title = titleWidth >= 8 ? " \(d.title.prefix(titleWidth))" : ""
        let label = "\(stamps[k] + String(repeating: " ", count: max(0, stampWidth - TextWidth.columns(stamps[k]))))\(title) │ "
        let yy = top + 1 + k
        let role: Role = i == state.hitSelection ? .selection : .help
        grid.fill(x: 0, y: yy, width: state.width, height: 1, role: role)
        let lx = grid.put(" " + label, x: 0, y: yy, role: role == .selection ? .selection : .time, limit: state.width)
        // A chapter's title, as the chapter list shows it; what was said at a time searched for.
        let at = h.time.map { "at " + Timestamp.formatShort($0) + " · " } ?? ""
        let excerpt = at + (h.section.map { k in "§ " + (d.sections[safe: k].map { $0.title + ($0.present ? "" : " (not in the text)") } ?? "") }
            ?? { let width = max(20, state.width - lx - TextWidth.columns(at)), p = d.paragraphs[h.ref.paragraph]
                 return h.time == nil ? CorpusIndex.excerpt(p.text, query: q, width: width) : Reports.timeExcerpt(p, at: h.time, width: width) }())
        let units = TextWidth.units(excerpt)
        let ranges = CorpusIndex.matchRanges(in: excerpt, query: q)
        grid.put(units[...], x: lx, y: yy, role: role, limit: max(0, state.width - lx),
                 roleAt: { off in ranges.contains { $0.contains(off) } ? .searchHit : nil })
    }
}

func drawOpen(_ grid: inout Grid, _ state: AppState, selected: Int, compare: Bool) {
    let list = openList(state)
    let n = list.count
    // The box keeps its size while a filter narrows the list.
    let w = min(state.width, 90), h = min(state.height - 1, state.documents.count + 2)
    let x = (state.width - w) / 2, y = max(0, (state.height - 1 - h) / 2)
    var title = compare ? "Compare “" + truncated(state.document?.title ?? "", 30).map(\.text).joined() + "” with… (Enter)" : "Open a document (Enter"
    if let f = state.listFilter {
        title = (compare ? "Compare with" : "Open") + " /" + f + "▏ \(n) of \(state.documents.count) · Esc clears"
    } else if !compare {
        title += state.documents.count > 1 ? ", / filters)" : ")"
    }
    box(&grid, x: x, y: y, w: w, h: h, title: title)
    let inner = max(0, h - 2)
    if n == 0 && inner > 0 {
        grid.put("  no document's title or path has that", x: x + 1, y: y + 1, role: .dim, limit: max(0, w - 2))
    }
    let first = max(0, min(selected - inner / 2, n - inner))
    // The verdicts on each document's claims (as the claims list counts them), to tell where
    // the checking is.
    let made = Dictionary(grouping: state.claims, by: \.claim.source.doc)
    for k in 0..<inner {
        let row = first + k
        guard row < n else { break }
        let i = list[row]
        let d = state.documents[i]
        let yy = y + 1 + k
        let role: Role = row == selected ? .selection : .help
        grid.fill(x: x + 1, y: yy, width: w - 2, height: 1, role: role)
        let mark = i == state.current ? "●" : " "
        var info = d.kindAndFormat(separator: " · ")
        if let claims = made[i], w >= 70 { info = verdictCounts(claims, separator: "") + " · " + info }
        let infoW = TextWidth.columns(info)
        let limit = max(0, w - infoW - 6)
        // A transcript named only by its file: what was written about it says which it is; a
        // copy of another transcript says which. (A long title leaves it half the room.)
        let note = listNote(state, i)
        let titleLimit = note.map { max(limit / 2, limit - TextWidth.columns($0) - 3) } ?? limit
        let end = x + 2 + grid.put(truncated("\(mark) \(d.title)", titleLimit)[...], x: x + 2, y: yy, role: role, limit: titleLimit)
        if let note, x + 2 + limit - end > 4 {
            grid.put(truncated(" · " + note, x + 2 + limit - end)[...], x: end, y: yy, role: role == .selection ? .selection : .dim,
                     limit: x + 2 + limit - end)
        }
        grid.put(info, x: x + w - infoW - 2, y: yy, role: role == .selection ? .selection : .dim, limit: infoW)
    }
}
