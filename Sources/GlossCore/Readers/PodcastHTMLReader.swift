import Foundation

/// Reads a Podcasting 2.0 HTML transcript, the namespace's low-fidelity format:
/// `<cite>Speaker:</cite> <time>0:09</time> <p>What was said.</p>`, repeated, alone or inside a
/// page. Each `<p>` is what the speaker named last said, from the time given before it; the
/// monologues are then grouped into sections and paragraphs like cues. A transcript without a
/// single time is read as untimed turns.
public enum PodcastHTMLReader {
    enum Tag { case cite, time, p }

    /// An element of interest: its tag, the bytes between its tags, and the whole element.
    struct Element {
        var tag: Tag
        var inner: Range<Int>
        var outer: Range<Int>
    }

    /// A file that starts with a tag and has the shape of the format: a `<time>` holding a time
    /// followed by a `<p>` twice, or once after a `<cite>` (an article's `<time>` holds a date);
    /// or, untimed, twice a `<cite>` ending in a colon followed by a `<p>` (a quotation's
    /// `<cite>` names its author after it).
    public static func sniff(_ head: String) -> Bool {
        guard head.first(where: { !$0.isWhitespace && $0 != "\u{FEFF}" }) == "<" else { return false }
        var h = head
        return h.withUTF8 { u in
            let found = elements(u, upTo: min(u.count, 16_384), stopAfter: 12)
            var timed = 0, cited = false, turns = 0
            for (k, e) in found.enumerated() {
                let beforeP = k + 1 < found.count && found[k + 1].tag == .p
                if e.tag == .cite {
                    cited = true
                    if beforeP, text(u, e).hasSuffix(":") { turns += 1 }
                }
                if e.tag == .time, beforeP, time(u, e) != nil { timed += 1 }
            }
            return timed >= 2 || (timed == 1 && cited) || turns >= 2
        }
    }

    public static func read(_ bytes: [UInt8], path: String, chapters: [Chapter]?, keepCues: Bool = true) -> Document {
        struct Monologue { var speaker: String?; var time: Double?; var text: String; var range: Range<Int> }
        var monologues: [Monologue] = []
        bytes.withUnsafeBufferPointer { u in
            var speaker: String?
            var time: Double?
            for e in elements(u, upTo: u.count, stopAfter: Int.max) {
                switch e.tag {
                case .cite:
                    var name = text(u, e)
                    while let last = name.last, last == ":" || last == " " { name.removeLast() }
                    speaker = name.isEmpty ? nil : name
                case .time:
                    time = PodcastHTMLReader.time(u, e)
                case .p:
                    let said = text(u, e)
                    guard !said.isEmpty else { continue }
                    monologues.append(Monologue(speaker: speaker, time: time, text: said, range: e.outer))
                    time = nil
                }
            }
        }
        let title = HTMLReader.titleTag(String(decoding: bytes.prefix(65_536), as: UTF8.self))
        guard monologues.contains(where: { $0.time != nil }) else {
            // Untimed: turns as Markdown, which the Markdown reader structures.
            let markdown = monologues.map { m in (m.speaker.map { "**\(escape($0)):** " } ?? "") + escape(m.text) }
                .joined(separator: "\n\n")
            var doc = MarkdownReader.read(Array(markdown.utf8), path: path)
            doc.format = .podcastHTML
            doc.kind = .transcript
            doc.sourceBytes = bytes.count
            if let title { doc.metadata.title = title }
            for i in doc.paragraphs.indices { doc.paragraphs[i].byteRange = 0..<0 }
            doc.warnings.append(monologues.isEmpty ? "no <p> passages in this HTML transcript" : "no <time> in this HTML transcript: passages have no times")
            return doc
        }
        var pool = CueGrouping.TextPool(capacity: bytes.count / 2)
        var items: [CueGrouping.Item] = []
        var cues: [Cue] = []
        items.reserveCapacity(monologues.count)
        // A monologue without a time of its own starts with the one before; each ends where the
        // next one starts.
        var starts: [Double] = []
        var last = 0.0
        for m in monologues {
            last = m.time ?? last
            starts.append(last)
        }
        for (k, m) in monologues.enumerated() {
            let end = k + 1 < starts.count ? max(starts[k], starts[k + 1]) : starts[k]
            items.append(.init(start: starts[k], end: end, text: pool.add(m.text), speaker: pool.speaker(m.speaker), byteRange: m.range))
            if keepCues { cues.append(Cue(id: String(k + 1), start: starts[k], end: end, text: m.text, speaker: m.speaker)) }
        }
        var doc = Document(path: path, format: .podcastHTML, kind: .transcript, cues: keepCues ? cues : nil, sourceBytes: bytes.count)
        if let title { doc.metadata.title = title }
        CueDocumentReader.finish(&doc, items: items, pool: pool, chapters: chapters)
        return doc
    }

    /// The elements of interest in document order, up to byte `n` (an element must close
    /// before it). Other tags are passed over; text outside the elements is not read.
    static func elements(_ u: UnsafeBufferPointer<UInt8>, upTo n: Int, stopAfter limit: Int) -> [Element] {
        var out: [Element] = []
        var i = 0
        // Tags found unclosed to the end: none later closes either (a file of unclosed `<p>`s
        // is read once, not once per tag).
        var unclosed: Set<Tag> = []
        while out.count < limit, let lt = TextTools.firstIndex(of: 0x3C, in: u, from: i, to: n) {
            i = lt + 1
            guard let (tag, nameEnd) = openTag(u, lt + 1, n), !unclosed.contains(tag),
                  let gt = TextTools.firstIndex(of: 0x3E, in: u, from: nameEnd, to: n) else { continue }
            // The element ends at its closing tag (`</p>`, `</P >`); an unclosed one is skipped.
            var from = gt + 1
            var close: Range<Int>?
            while let c = TextTools.firstIndex(of: 0x3C, in: u, from: from, to: n) {
                from = c + 1
                if c + 1 < n, u[c + 1] == 0x2F, let (t, e) = openTag(u, c + 2, n), t == tag,
                   let end = TextTools.firstIndex(of: 0x3E, in: u, from: e, to: n) {
                    close = c..<(end + 1)
                    break
                }
            }
            guard let close else {
                unclosed.insert(tag)
                continue
            }
            out.append(Element(tag: tag, inner: (gt + 1)..<close.lowerBound, outer: lt..<close.upperBound))
            i = close.upperBound
        }
        return out
    }

    /// The tag named at `i` (after `<` or `</`) and where its name ends, when it is one of ours.
    static func openTag(_ u: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> (Tag, Int)? {
        func named(_ name: StaticString) -> Int? {
            let m = name.utf8CodeUnitCount
            guard i + m <= n else { return nil }
            for k in 0..<m where u[i + k] | 0x20 != name.utf8Start[k] { return nil }
            // The name ends there: `>`, `/` or a space follows.
            guard i + m < n, [0x3E, 0x2F, 0x20, 0x09, 0x0A, 0x0D].contains(u[i + m]) else { return nil }
            return i + m
        }
        if let e = named("p") { return (.p, e) }
        if let e = named("time") { return (.time, e) }
        if let e = named("cite") { return (.cite, e) }
        return nil
    }

    /// An element's text: tags dropped, entities decoded, white space collapsed.
    static func text(_ u: UnsafeBufferPointer<UInt8>, _ e: Element) -> String {
        var plain: [UInt8] = []
        plain.reserveCapacity(e.inner.count)
        var inTag = false
        for k in e.inner {
            let b = u[k]
            if b == 0x3C { inTag = true; plain.append(0x20); continue }
            if inTag { if b == 0x3E { inTag = false }; continue }
            plain.append(b)
        }
        return TextTools.clean(HTMLReader.decodeEntities(String(decoding: plain, as: UTF8.self)))
    }

    /// Text that Markdown reads back as itself: its syntax characters escaped.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            if "\\`*_[]<>#!{}|~-+".unicodeScalars.contains(c) { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(c)
        }
        return out
    }

    static func time(_ u: UnsafeBufferPointer<UInt8>, _ e: Element) -> Double? {
        guard e.inner.count <= 40 else { return nil }
        return Timestamp.parse(text(u, e))
    }
}
