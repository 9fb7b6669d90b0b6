import Foundation
import GlossCore
import GlossRender

// `y`: what is being read, with where it comes from, for the terminal's clipboard: a reader
// checking an article wants to quote the transcript, with its time, in what they write next.

/// A passage as a citation: its text, then who said it, in what, when and in which chapter
/// ("— Dario Amodei · We are near the end of the exponential · ≈00:13:41 · Is diffusion cope?"),
/// then its web address when the document has one. `range`: the part of the paragraph quoted
/// (a comparison's passage of a long paragraph).
public func citation(_ documents: [Document], _ ref: ParagraphRef, range: Range<Int>? = nil) -> String? {
    guard let doc = documents[safe: ref.doc], let p = doc.paragraphs[safe: ref.paragraph] else { return nil }
    var words = p.text
    if let r = range, r.lowerBound >= 0, r.upperBound <= p.text.utf8.count {
        words = String(decoding: Array(p.text.utf8)[r], as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }
    var parts: [String] = []
    if let s = p.speaker { parts.append(s) }
    parts.append(doc.title)
    if let t = p.timeStamp { parts.append(t) }
    let section = doc.sectionTitle(ofParagraph: ref.paragraph)
    if !section.isEmpty { parts.append(section) }
    var text = "“\(words)”\n— " + parts.joined(separator: " · ")
    if let url = webAddress(doc) { text += "\n" + url }
    return text
}

/// The document's source URL when it is one a reader can open (not a mail client's message id).
func webAddress(_ doc: Document) -> String? {
    guard let u = doc.metadata.sourceURL, u.hasPrefix("https://") || u.hasPrefix("http://") else { return nil }
    return u
}

/// What `y` copies, and how the status bar names it: in the claims pane the selected claim with
/// its verdict and evidence; in the commentary pane the selected passage; in the chapter list the
/// chapter; otherwise the paragraph marked by the last jump if it is on screen, else the first
/// paragraph at the top of the text.
func copied(_ state: AppState) -> (text: String, what: String)? {
    switch state.focus {
    case .claims:
        guard let c = claimsOnScreen(state)[safe: state.selected[.claims] ?? 0] else { return nil }
        return (claimCitation(state.documents, c), "the claim and evidence")
    case .commentary:
        guard let item = commentaryOnScreen(state)[safe: state.selected[.commentary] ?? 0],
              let text = citation(state.documents, item.ref) else { return nil }
        return (text, "the passage")
    case .chapters:
        guard let doc = state.document, let s = doc.sections[safe: state.selected[.chapters] ?? 0] else { return nil }
        let start = s.start.map { Timestamp.format($0) + " " } ?? ""
        return (start + s.title + "\n— " + doc.title + (webAddress(doc).map { "\n" + $0 } ?? ""), "the chapter")
    case .transcript:
        guard let shown = visibleParagraphs(state) else { return nil }
        let marked = state.highlight.flatMap { $0.doc == state.current && shown.contains($0.paragraph) ? $0.paragraph : nil }
        let p = marked ?? currentLayout(state)?.paragraph(atOrAfter: state.position.item) ?? shown.lowerBound
        guard let text = citation(state.documents, ParagraphRef(doc: state.current, paragraph: p)) else { return nil }
        let at = state.document?.paragraphs[p].timeLabel.map { " at " + $0 } ?? ""
        return (text, "the passage" + at)
    }
}

/// A claim as it is made (the article and heading), its verdict, and the passage it was
/// checked against.
func claimCitation(_ documents: [Document], _ c: CheckedClaim) -> String {
    let title = documents[c.claim.source.doc].title
    var text = "“\(c.claim.text)”\n— " + title + (c.claim.heading(besides: title).map { " · " + $0 } ?? "")
    if let e = c.evidence.first, let said = citation(documents, e.ref) {
        let verdict = c.verdict.rawValue + (divergence(c).map { ": " + $0 } ?? "")
        text += "\n\nWhat was said (\(verdict)):\n" + said
    } else {
        text += "\n\n(not found in the transcripts)"
    }
    return text
}

/// In a comparison: the row at the top, both passages (or the side scrolled alone), with the
/// figures that differ between them.
func copiedRow(_ state: AppState, _ c: CompareState) -> (text: String, what: String)? {
    let row = c.topRow
    guard let pair = c.pairs[safe: row] else { return nil }
    var sides: [(name: String, text: String)] = []
    if c.focus != .right, let p = pair.left, let t = citation(state.documents, ParagraphRef(doc: c.left, paragraph: p), range: pair.leftRange) { sides.append(("left", t)) }
    if c.focus != .left, let p = pair.right, let t = citation(state.documents, ParagraphRef(doc: c.right, paragraph: p), range: pair.rightRange) { sides.append(("right", t)) }
    guard !sides.isEmpty else { return nil }
    var text = sides.map(\.text).joined(separator: "\n\n")
    let differ = pair.figures.filter { !$0.agree }.map { "\($0.left?.description ?? "—") vs \($0.right?.description ?? "—")" }
    if sides.count == 2, !differ.isEmpty { text += "\n\nFigures differ: " + differ.joined(separator: "; ") }
    return (text, sides.count == 2 ? "row \(row + 1), both sides," : "row \(row + 1) of the \(sides[0].name) side")
}

/// `y`: the copy effect, with a status line saying what went (control characters shown as
/// placeholders, as on screen: pasted into a shell, an escape sequence would be typed).
/// `given`: what to copy, when the caller knows (the claims list's selected claim).
func copyToClipboard(_ state: inout AppState, _ given: (text: String, what: String)? = nil) -> [Effect] {
    // (In a comparison only its rows: the reader's pane behind it is not what is shown.)
    let found: (text: String, what: String)?
    if let given { found = given } else if let c = state.compare { found = copiedRow(state, c) } else { found = copied(state) }
    guard let (raw, what) = found else {
        state.message = StatusMessage(text: "nothing here to copy", isError: true)
        return []
    }
    let text = Sanitizer.sanitize(String(raw.prefix(ClipboardLimit.characters)), keepNewlines: true)
    state.message = StatusMessage(text: "copied \(what) to the terminal's clipboard", isError: false)
    return [.copy(text)]
}

/// Terminals cap what an OSC 52 write may hold (xterm: about 100,000 bytes of base64).
public enum ClipboardLimit {
    public static let characters = 60_000
}
