import GlossRender

/// A rectangle of the screen.
public struct Rect: Equatable, Sendable {
    public var x, y, w, h: Int
    public func contains(_ px: Int, _ py: Int) -> Bool { px >= x && px < x + w && py >= y && py < y + h }
}

/// Where each pane sits for the current size: three columns from 100 columns (commentary gets
/// more room from 160; the text no more than `widestText` columns), text plus tabbed side panes
/// from 60, one tabbed pane below that, and a "too small" notice under 20×5. The status bar is
/// the last row.
public struct ScreenGeometry {
    public enum Mode: Equatable { case tiny, single, tabs, three, wide }
    public var mode: Mode
    public var rects: [PaneID: Rect] = [:]
    public var tabBar: Rect?
    public var tabs: [(pane: PaneID, x: Int, w: Int)] = []
    public var status: Rect
    public var focusOrder: [PaneID] = []
    /// Columns left blank either side of the text on a very wide screen.
    public var textInset = 0
    /// The widest the text pane gets before the rest of a wide screen goes elsewhere.
    public static let widestText = 112

    public init(_ state: AppState) {
        self.init(width: state.width, height: state.height, focus: state.focus, sideTab: state.sideTab)
    }

    public init(width w: Int, height h: Int, focus: PaneID, sideTab: PaneID) {
        status = Rect(x: 0, y: max(0, h - 1), w: w, h: h > 0 ? 1 : 0)
        if w < 20 || h < 5 {
            mode = .tiny
            return
        }
        let body = h - 1
        if w >= 100 {
            mode = w >= 160 ? .wide : .three
            var left = w >= 160 ? 32 : 26
            var right = w >= 160 ? max(50, w * 34 / 100) : 36
            var centre = w - left - right - 2
            if centre > ScreenGeometry.widestText {
                // Lines of text stay short enough to read (about 100 characters beside the
                // times): what is left widens the chapter titles, then the claims and
                // commentary, then is margin either side of the text.
                var extra = centre - ScreenGeometry.widestText
                let l = min(extra, 8)
                left += l
                extra -= l
                let r = min(extra, max(0, 110 - right))
                right += r
                extra -= r
                centre = ScreenGeometry.widestText + extra
                textInset = extra / 2
            }
            rects[.chapters] = Rect(x: 0, y: 0, w: left, h: body)
            rects[.transcript] = Rect(x: left + 1, y: 0, w: centre, h: body)
            // Commentary gets more room on wide screens.
            let claimsH = w >= 160 ? body * 2 / 5 : body / 2
            rects[.claims] = Rect(x: left + centre + 2, y: 0, w: right, h: claimsH)
            rects[.commentary] = Rect(x: left + centre + 2, y: claimsH, w: right, h: body - claimsH)
            focusOrder = [.chapters, .transcript, .claims, .commentary]
        } else if w >= 60 {
            mode = .tabs
            let side = w * 2 / 5
            let main = w - side - 1
            rects[.transcript] = Rect(x: 0, y: 0, w: main, h: body)
            let shown = sideTab == .transcript ? .claims : sideTab
            tabBar = Rect(x: main + 1, y: 0, w: side, h: 1)
            rects[shown] = Rect(x: main + 1, y: 1, w: side, h: body - 1)
            var x = main + 1
            for p in [PaneID.chapters, .claims, .commentary] {
                let label = " \(p.title) "
                tabs.append((p, x, label.count))
                x += label.count
            }
            focusOrder = [.transcript, shown]
        } else {
            mode = .single
            tabBar = Rect(x: 0, y: 0, w: w, h: 1)
            rects[focus] = Rect(x: 0, y: 1, w: w, h: body - 1)
            var x = 0
            for p in PaneID.allCases {
                let label = " \(p.title) "
                tabs.append((p, x, label.count))
                x += label.count
            }
            focusOrder = PaneID.allCases
        }
    }

    /// Whether panes draw their own title row (in tab modes the tab bar names them).
    func hasTitle(_ pane: PaneID) -> Bool {
        switch mode {
        case .three, .wide: return true
        case .tabs: return pane == .transcript
        default: return false
        }
    }

    /// Rows of content in a pane.
    public func pageHeight(_ pane: PaneID) -> Int {
        guard let r = rects[pane] ?? rects[.transcript] ?? rects.values.first else { return 1 }
        return max(1, r.h - (hasTitle(pane) ? 1 : 0))
    }

    /// Columns of text in a pane (one column of margin each side where there is room).
    public func contentWidth(_ pane: PaneID) -> Int {
        guard let r = rects[pane] ?? rects.values.first else { return 1 }
        return max(1, r.w - (r.w >= 30 ? 2 : 1) - (pane == .transcript ? 2 * textInset : 0))
    }

    public func contentRect(_ pane: PaneID) -> Rect? {
        guard let r = rects[pane] else { return nil }
        let top = hasTitle(pane) ? 1 : 0
        let margin = (r.w >= 30 ? 1 : 0) + (pane == .transcript ? textInset : 0)
        return Rect(x: r.x + margin, y: r.y + top, w: contentWidth(pane), h: max(0, r.h - top))
    }

    public func pane(atX x: Int, y: Int) -> PaneID? {
        rects.first { $0.value.contains(x, y) }?.key
    }

    public func tab(atX x: Int, y: Int) -> PaneID? {
        guard let bar = tabBar, bar.contains(x, y) else { return nil }
        return tabs.first { x >= $0.x && x < $0.x + $0.w }?.pane
    }

    /// The list item under row `y` of a list pane.
    func listRow(_ state: AppState, pane: PaneID, y: Int) -> Int? {
        guard let r = contentRect(pane) else { return nil }
        let lines = listLines(state, pane: pane, width: r.w, height: r.h)
        return lines.rows[safe: y - r.y]?.item
    }
}
