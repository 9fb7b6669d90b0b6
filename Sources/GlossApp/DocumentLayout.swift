import Foundation
import GlossCore
import GlossRender

/// A run of display units at a column, in a role. Units from a paragraph keep their offsets into
/// its text, so search hits can be painted over them.
public struct Span: Sendable {
    public var x: Int
    public var units: [DisplayUnit]
    public var role: Role
    /// The paragraph whose text these units come from (for highlighting), if any.
    public var paragraph: Int?
    /// The section whose title these units are (offsets into the title), if any.
    public var section: Int? = nil
}

/// One screen line of the reading pane.
public struct RenderLine: Sendable {
    public var spans: [Span] = []
    public init(_ spans: [Span] = []) { self.spans = spans }
}

/// What the reading pane shows, in order, before wrapping.
public enum LayoutItem: Equatable, Sendable {
    case title
    case heading(section: Int)
    case paragraph(Int)
}

/// A document laid out for one width: items, their wrapped lines (built on demand and cached)
/// and line counts. Only what is drawn or measured is wrapped.
public final class DocumentLayout: @unchecked Sendable {
    public let doc: Document
    public let width: Int
    public let items: [LayoutItem]
    /// For each section, the index of its heading item.
    public let headingItem: [Int]
    /// For each paragraph, its item index.
    public let paragraphItem: [Int]
    let gutter: Int
    private var counts: [Int]
    private var cache: [Int: [RenderLine]] = [:]
    private var prefix: [Int]?

    /// Titles of what was written about the document, shown under its title when the file
    /// gave it none (`episode_309_large`: "309 John Carmack").
    public let about: [String]

    /// Untimed paragraphs (an article's, a brief's) keep a margin of two columns where the
    /// verdicts of the claims they make are marked, when the document makes claims.
    public let claimMargin: Int

    public init(doc: Document, width: Int, about: [String] = [], claimMarks: Bool = false) {
        self.doc = doc
        self.width = max(1, width)
        self.about = about
        claimMargin = claimMarks && width >= 20 ? 2 : 0
        var items: [LayoutItem] = [.title]
        var heading = Array(repeating: 0, count: doc.sections.count)
        var para = Array(repeating: 0, count: doc.paragraphs.count)
        for (s, section) in doc.sections.enumerated() {
            heading[s] = items.count
            items.append(.heading(section: s))
            for p in section.paragraphs {
                para[p] = items.count
                items.append(.paragraph(p))
            }
        }
        // Paragraphs outside every section (never expected) still get shown.
        let covered = Set(doc.sections.flatMap { Array($0.paragraphs) })
        for p in doc.paragraphs.indices where !covered.contains(p) {
            para[p] = items.count
            items.append(.paragraph(p))
        }
        self.items = items
        headingItem = heading
        paragraphItem = para
        let hasTimes = doc.paragraphs.contains { $0.time != nil }
        let long = (doc.timelineEnd ?? 0) >= 3600
        gutter = hasTimes ? (long ? 9 : 7) : 0
        counts = Array(repeating: -1, count: items.count)
    }

    /// The line of a timed paragraph's item under its time (its second line of text, or the
    /// blank line after a one-line paragraph), where the gutter has room for marks.
    public func lineUnderTime(_ i: Int) -> Int? {
        guard gutter > 0, case .paragraph(let p) = items[i], doc.paragraphs[p].time != nil else { return nil }
        let l = lines(i)
        guard let t = l.firstIndex(where: { line in
            line.spans.first.map { $0.x == 0 && ($0.role == .time || $0.role == .timeEstimated) } ?? false
        }) else { return nil }
        return t + 1 < l.count ? t + 1 : nil
    }

    /// Lines of an item (cached).
    public func lines(_ i: Int) -> [RenderLine] {
        if let c = cache[i] { return c }
        let l = build(i)
        if cache.count > 512 { cache.removeAll(keepingCapacity: true) }
        cache[i] = l
        counts[i] = l.count
        return l
    }

    public func lineCount(_ i: Int) -> Int {
        if counts[i] < 0 { counts[i] = lines(i).count }
        return counts[i]
    }

    /// Total lines and the first line of each item (measures every item once per width).
    public func prefixSums() -> [Int] {
        if let p = prefix { return p }
        var p = [Int](repeating: 0, count: items.count + 1)
        for i in items.indices { p[i + 1] = p[i] + lineCount(i) }
        prefix = p
        return p
    }

    public var totalLines: Int { prefixSums().last ?? 0 }

    /// The section an item belongs to.
    public func section(ofItem i: Int) -> Int? {
        switch items[safe: i] {
        case .heading(let s)?: return s
        case .paragraph(let p)?: return doc.paragraphs[p].section
        default: return doc.sections.isEmpty ? nil : 0
        }
    }

    /// The paragraph at or after an item (for "the paragraph at the top of the pane").
    public func paragraph(atOrAfter i: Int) -> Int? {
        var k = i
        while k < items.count {
            if case .paragraph(let p) = items[k] { return p }
            k += 1
        }
        return nil
    }

    // MARK: Building

    func wrap(_ text: String, width w: Int) -> [[DisplayUnit]] {
        let units = TextWidth.units(text)
        return Wrap.lines(units, width: max(1, w)).map { Array(units[$0.units]) }
    }

    func build(_ i: Int) -> [RenderLine] {
        switch items[i] {
        case .title:
            var out = wrap(doc.title, width: width).map { RenderLine([Span(x: 0, units: $0, role: .title)]) }
            var meta: [String] = []
            if let a = doc.metadata.author { meta.append(a) }
            if let pub = doc.metadata.publication { meta.append(pub) }
            if let d = doc.metadata.date { meta.append(String(d.prefix(10))) }
            if let dur = doc.metadata.duration { meta.append(Timestamp.formatShort(dur)) }
            meta.append(doc.kindAndFormat(separator: ", "))
            func dim(_ text: String) -> [RenderLine] { wrap(text, width: width).map { RenderLine([Span(x: 0, units: $0, role: .dim)]) } }
            out += dim(meta.joined(separator: " · "))
            if !about.isEmpty { out += dim("notes about it: " + about.joined(separator: " · ")) }
            // What the reader could not read as written (skipped cues, front matter…), as `toc` says.
            let shown = doc.warnings.prefix(3)
            for w in shown { out += dim("! " + w) }
            if doc.warnings.count > shown.count { out += dim("! and \(doc.warnings.count - shown.count) more (gloss toc lists them)") }
            return out
        case .heading(let s):
            let sec = doc.sections[s]
            var out = [RenderLine()]
            // An article's first heading is often its title again, just above: said once.
            if doc.isTitleAgain(section: s), sec.present { return out }
            var label = ""
            if let start = sec.start, sec.kind != .summary { label = Timestamp.formatShort(start) + (sec.kind == .window ? " " : "  ") }
            let role: Role = sec.present ? (sec.kind == .summary ? .summary : .heading) : .chapterAbsent
            let body = wrap(label.isEmpty ? sec.title : sec.titleAfterStart(), width: max(1, width - TextWidth.columns(label)))
            for (k, line) in body.enumerated() {
                var spans: [Span] = []
                if k == 0 && !label.isEmpty { spans.append(Span(x: 0, units: TextWidth.units(label), role: sec.present ? .time : .chapterAbsent)) }
                spans.append(Span(x: TextWidth.columns(label), units: line, role: role, section: sec.kind == .window ? nil : s))
                out.append(RenderLine(spans))
            }
            if !sec.present {
                // (A chapters file read alone has no text at all.)
                let note = sec.kind != .chapter ? "no text"
                    : doc.paragraphs.isEmpty ? "no transcript text here: only the chapter list was read"
                    : "not in this transcript: the text stops before this chapter"
                out += wrap(note, width: width).map { RenderLine([Span(x: 0, units: $0, role: .chapterAbsent)]) }
            }
            return out
        case .paragraph(let p):
            let para = doc.paragraphs[p]
            var out: [RenderLine] = []
            // Untimed text (summaries, articles) uses the full width, but for its claims' margin.
            let gutter = para.time == nil ? claimMargin : self.gutter
            let textWidth = max(1, width - gutter)
            let previous = p > 0 ? doc.paragraphs[p - 1] : nil
            let firstInSection = previous == nil || previous!.section != para.section
            if let sp = para.speaker, firstInSection || previous?.speaker != sp {
                out.append(RenderLine([Span(x: gutter, units: TextWidth.units(sp), role: .speaker)]))
            }
            var marker = ""
            var role: Role = doc.sections[safe: para.section]?.kind == .summary ? .summary : .normal
            switch para.style {
            case .bullet: marker = "• "
            case .quote: marker = "│ "; role = .quote
            case .text: break
            }
            let markerWidth = TextWidth.columns(marker)
            let body = wrap(para.text, width: max(1, textWidth - markerWidth))
            for (k, line) in body.enumerated() {
                var spans: [Span] = []
                if k == 0, let stamp = para.timeLabel, gutter > 0 {
                    spans.append(Span(x: 0, units: TextWidth.units(stamp),
                                      role: para.estimated ? .timeEstimated : .time))
                }
                if k == 0 && !marker.isEmpty {
                    spans.append(Span(x: gutter, units: TextWidth.units(marker), role: para.style == .bullet ? .bullet : .quote))
                }
                spans.append(Span(x: gutter + markerWidth, units: line, role: role, paragraph: p))
                out.append(RenderLine(spans))
            }
            out.append(RenderLine())
            return out
        }
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}

/// Layouts by document and width; rebuilt only when the width or corpus changes.
public final class LayoutCache: @unchecked Sendable {
    private var layouts: [String: DocumentLayout] = [:]
    public init() {}

    public func layout(_ doc: Document, key: Int, width: Int, about: [String] = [], claimMarks: Bool = false) -> DocumentLayout {
        let k = "\(key)|\(doc.path)|\(width)|\(claimMarks)"
        if let l = layouts[k], l.about == about { return l }
        if layouts.count > 16 { layouts.removeAll() }
        let l = DocumentLayout(doc: doc, width: width, about: about, claimMarks: claimMarks)
        layouts[k] = l
        return l
    }

    public func clear() { layouts.removeAll() }
}
