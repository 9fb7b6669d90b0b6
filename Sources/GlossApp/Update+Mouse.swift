import Foundation
import GlossCore
import GlossRender

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
        // (The document's particulars close on any key: the wheel only scrolls them.)
        if case .info? = state.overlay, InfoLayout(state).maxScroll == 0 { return [] }
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
