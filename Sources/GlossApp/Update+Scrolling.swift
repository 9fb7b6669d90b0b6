import Foundation
import GlossCore
import GlossRender

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

/// Scrolls the reading pane, when needed, so that the line holding byte `offset` of paragraph
/// `p`'s text is on screen, a third of the way down: a search hit or a quotation late in a
/// long paragraph (a long turn of captions) would be below the pane otherwise.
/// Whether it scrolled.
@discardableResult
func reveal(_ state: inout AppState, paragraph p: Int, offset: Int) -> Bool {
    guard let layout = currentLayout(state), let item = layout.paragraphItem[safe: p] else { return false }
    let lines = layout.lines(item)
    guard let line = lines.firstIndex(where: { l in l.spans.contains { $0.paragraph == p && $0.units.contains { $0.offset >= offset } } }) else { return false }
    let page = ScreenGeometry(state).pageHeight(.transcript)
    // The line's row in the pane as it is scrolled now (the paragraph is at or below the top:
    // callers have just shown it).
    let row = (item >= state.position.item ? paneRow(ofItem: item, layout, state.position, page: page) : 0) + line
    guard row < 0 || row >= page else { return false }
    state.position = scrolled(ScrollPosition(item: item, line: line), by: -(page / 3), layout: layout, page: page)
    return true
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

/// The text pane's last page at the state's size (nil without a document).
func textLastPage(_ state: AppState) -> ScrollPosition? {
    currentLayout(state).map { lastPage($0, page: ScreenGeometry(state).pageHeight(.transcript)) }
}

/// Whether the text pane shows its last page of a text longer than a page.
func textAtEnd(_ state: AppState) -> Bool {
    guard let last = textLastPage(state) else { return false }
    return last != ScrollPosition() && state.position == last
}

/// The pane row of the first line of `item` (at or below the top item) as scrolled to
/// `position`: negative when the top line is inside it; counted no further than `page`.
func paneRow(ofItem item: Int, _ layout: DocumentLayout, _ position: ScrollPosition, page: Int) -> Int {
    var row = -position.line
    var i = position.item
    while i < item && row < page {
        row += layout.lineCount(i)
        i += 1
    }
    return row
}

/// Whether a line of paragraph `p` of the current document is in the text pane as scrolled.
func paragraphOnScreen(_ state: AppState, _ p: Int) -> Bool {
    guard let layout = currentLayout(state), let item = layout.paragraphItem[safe: p], item >= state.position.item else { return false }
    let page = ScreenGeometry(state).pageHeight(.transcript)
    let row = paneRow(ofItem: item, layout, state.position, page: page)
    return row < page && row + layout.lineCount(item) > 0
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
