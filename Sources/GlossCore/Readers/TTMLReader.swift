import Foundation

/// Reads TTML (W3C Timed Text Markup Language) and its older name DFXP: the captions of
/// broadcasters and streaming services, and the transcripts Apple Podcasts keeps (a `<p>` per
/// sentence group with `ttm:agent` naming the speaker, a `<span>` per word).
///
/// Each `<p>` is a cue: its `begin` and `end` (or `dur`), offset by the `begin` of the `<body>`
/// and `<div>`s around it; its text is everything inside it, `<br/>` a line break; its speaker
/// the `ttm:agent` on it or on a `<div>` around it, named by the head's `<ttm:agent>` when that
/// gives a `<ttm:name>`. Times in every form TTML allows: `00:00:01.5`, `00:00:01:12` (frames),
/// `1.5s`, `1500ms`, `2m`, `1h`, `45f`, `10010000t` (ticks, at the root's `ttp:tickRate`), and
/// bare seconds as some tools write them. Read by a tolerant scanner, not a validating XML
/// parser: what is malformed is skipped, never fatal; references are decoded as in HTML, no
/// entity a file declares is expanded, and nothing outside the file is fetched.
public enum TTMLReader {
    /// Whether the head is a TTML document: a `<tt>` root (any prefix) or TTML's namespace.
    public static func sniff(_ head: String) -> Bool {
        if head.contains("http://www.w3.org/ns/ttml") || head.contains("http://www.w3.org/2006/10/ttaf1") || head.contains("http://www.w3.org/2006/04/ttaf1") {
            return true
        }
        // The first element is `<tt …>` or `<prefix:tt …>`, after any declaration and comments.
        var rest = Substring(head)
        while let lt = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: lt)...]
            if after.hasPrefix("?") || after.hasPrefix("!") {
                guard let gt = after.firstIndex(of: ">") else { return false }
                rest = after[after.index(after: gt)...]
                continue
            }
            let name = after.prefix { $0 != " " && $0 != ">" && $0 != "\n" && $0 != "\t" && $0 != "\r" && $0 != "/" }
            return name == "tt" || name.hasSuffix(":tt")
        }
        return false
    }

    /// The frame and tick rates a document's times are counted in.
    public struct Rates: Sendable {
        public var frameRate = 30.0
        public var subFrameRate = 1.0
        public var tickRate = 1.0

        public init() {}

        /// From the root's `ttp:` attributes, by local name.
        public init(rootAttributes a: [(name: Substring, value: String)]) {
            func value(_ n: String) -> Double? { a.last { $0.name == n }.flatMap { Double($0.value.trimmingCharacters(in: .whitespaces)) } }
            var rate = value("frameRate").flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
            if let r = rate, let m = a.last(where: { $0.name == "frameRateMultiplier" }) {
                let parts = m.value.split(separator: " ").compactMap { Double($0) }
                if parts.count == 2, parts[0] > 0, parts[1] > 0 { rate = r * parts[0] / parts[1] }
            }
            if let rate { frameRate = rate }
            if let s = value("subFrameRate"), s > 0, s.isFinite { subFrameRate = s }
            if let t = value("tickRate"), t > 0, t.isFinite {
                tickRate = t
            } else if rate != nil {
                tickRate = frameRate * subFrameRate
            }
        }
    }

    /// A TTML time expression in seconds, or nil when it is not one (or not finite and ≥ 0).
    public static func time(_ raw: String, _ rates: Rates) -> Double? {
        let s = raw.trimmingCharacters(in: .whitespaces)
        guard !s.isEmpty, s.utf8.count <= 64 else { return nil }
        var t: Double?
        if let metricStart = s.firstIndex(where: { $0.isLetter }) {
            // Offset time: a count and a metric.
            guard let count = Double(s[..<metricStart]) else { return nil }
            switch s[metricStart...] {
            case "h": t = count * 3600
            case "m": t = count * 60
            case "s": t = count
            case "ms": t = count / 1000
            case "f": t = count / rates.frameRate
            case "t": t = count / rates.tickRate
            default: return nil
            }
        } else if s.contains(":") {
            // Clock time: hours:minutes:seconds(.fraction), or :frames(.subframes) as a fourth part.
            let parts = s.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } }) else { return nil }
            let v = parts.compactMap { Double($0) }
            guard v.count == parts.count else { return nil }
            switch v.count {
            case 2: t = v[0] * 60 + v[1]  // (minutes:seconds, not TTML's but written)
            case 3: t = v[0] * 3600 + v[1] * 60 + v[2]
            case 4: t = v[0] * 3600 + v[1] * 60 + v[2] + v[3] / rates.frameRate
            default: return nil
            }
        } else {
            t = Double(s)  // bare seconds
        }
        guard let t, t.isFinite, t >= 0 else { return nil }
        return t
    }

    /// One element's start or end as the scanner sees it.
    struct Tag {
        /// The local name (`p` for `<tt:p>`).
        var name: Substring
        var attributes: [(name: Substring, value: String)]
        var closing: Bool
        var selfClosing: Bool

        func attribute(_ local: String) -> String? { attributes.last { $0.name == local }?.value }
    }

    /// The tag at `i` (which is `<`) and the index after it; no tag when it is none: then the
    /// index is `n` if it ran to the end of the file (and so would every tag after it).
    static func tag(_ u: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> (Tag?, Int) {
        var j = i + 1
        var closing = false
        if j < n, u[j] == 0x2F { closing = true; j += 1 }
        let nameStart = j
        while j < n, !isSpace(u[j]), u[j] != 0x3E, u[j] != 0x2F { j += 1 }
        guard j > nameStart else { return (nil, i + 1) }
        var tag = Tag(name: localName(u, nameStart, j), attributes: [], closing: closing, selfClosing: false)
        while j < n {
            while j < n, isSpace(u[j]) { j += 1 }
            guard j < n else { break }
            if u[j] == 0x3E { return (tag, j + 1) }
            if u[j] == 0x2F { tag.selfClosing = true; j += 1; continue }
            // name = "value" (or 'value'; a value without quotes runs to a space or `>`).
            let an = j
            while j < n, !isSpace(u[j]), u[j] != 0x3D, u[j] != 0x3E, u[j] != 0x2F { j += 1 }
            let attrName = localName(u, an, j)
            while j < n, isSpace(u[j]) { j += 1 }
            guard j < n, u[j] == 0x3D else {
                if j == an { j += 1 }  // a stray byte: step over it
                continue
            }
            j += 1
            while j < n, isSpace(u[j]) { j += 1 }
            guard j < n else { break }
            var value: Range<Int>
            if u[j] == 0x22 || u[j] == 0x27 {
                let q = u[j]
                let vs = j + 1
                j = vs
                while j < n, u[j] != q { j += 1 }
                value = vs..<min(j, n)
                if j < n { j += 1 }
            } else {
                let vs = j
                while j < n, !isSpace(u[j]), u[j] != 0x3E { j += 1 }
                value = vs..<j
            }
            if tag.attributes.count < 64 {
                tag.attributes.append((attrName, HTMLReader.decodeEntities(String(decoding: UnsafeBufferPointer(rebasing: u[value]), as: UTF8.self))))
            }
        }
        return (nil, n)  // no `>`: not a tag
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    static func localName(_ u: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Substring {
        var start = from
        for k in from..<to where u[k] == 0x3A { start = k + 1 }
        return Substring(String(decoding: UnsafeBufferPointer(rebasing: u[start..<to]), as: UTF8.self))
    }

    /// The index after `marker` searched from `i`, or `n` when it does not occur.
    static func skip(past marker: [UInt8], _ u: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        guard i < n else { return n }
        let hay = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(u)[i..<n])
        return marker.withUnsafeBytes { TextTools.firstOffset(of: $0, in: hay) }.map { i + $0 + marker.count } ?? n
    }

    /// - Parameter youtube: the file is YouTube's timed text: `<text start="1.2" dur="3">` (srv1,
    ///   seconds, its text escaped twice) or `<p t="1200" d="3000">` (srv3, milliseconds).
    public static func read(_ bytes: [UInt8], path: String, chapters: [Chapter]?, keepCues: Bool = true, youtube: Bool = false) -> Document {
        var doc = Document(path: path, format: youtube ? .youtubeXML : .ttml, kind: .transcript, sourceBytes: bytes.count)
        struct Open { var name: Substring; var offset: Double; var agent: String? }
        struct Paragraph { var start: Double?; var end: Double?; var dur: Double?; var agent: String?; var text: [UInt8]; var from: Int; var firstSpan: Double?; var lastSpan: Double? }
        var rates = Rates()
        var stack: [Open] = []
        var agentNames: [String: String] = [:]
        var agentBeingNamed: String?
        var nameText: [UInt8]?
        var titleText: [UInt8]?
        var title: String?
        var current: Paragraph?
        var raw: [(start: Double, end: Double, speaker: String?, text: String, range: Range<Int>)] = []
        // (Offsets, not a count: Swift 6.3 wrongly warned that a count raised only in the
        // nested function below could never be above zero.)
        var untimed: [Int] = []

        func offset() -> Double { stack.last?.offset ?? 0 }
        func finishParagraph(at end: Int) {
            guard let p = current else { return }
            current = nil
            let text = String(decoding: p.text, as: UTF8.self)
            // Without times of its own, the words' spans give them.
            guard let start = p.start ?? p.firstSpan else {
                if !TextTools.isBlank(Substring(text)) { untimed.append(p.from) }
                return
            }
            let stop = p.end ?? p.dur.map { start + $0 } ?? p.lastSpan ?? start
            let speaker = p.agent.map { agentNames[$0] ?? CueGrouping.numberedSpeaker($0) }
            raw.append((start, stop, speaker, text, p.from..<end))
        }

        bytes.withUnsafeBufferPointer { u in
            let n = u.count
            var i = 0
            while i < n {
                if u[i] != 0x3C {
                    // Text up to the next tag.
                    var j = i
                    while j < n, u[j] != 0x3C { j += 1 }
                    let chunk = UnsafeBufferPointer(rebasing: u[i..<j])
                    if current != nil || nameText != nil || titleText != nil {
                        var decoded = Array(chunk)
                        if TextTools.firstIndex(of: 0x26, in: chunk) != nil {
                            var text = HTMLReader.decodeEntities(String(decoding: chunk, as: UTF8.self))
                            // YouTube's srv1 escapes its text twice (`I&amp;#39;m`).
                            if youtube && text.contains("&") { text = HTMLReader.decodeEntities(text) }
                            decoded = Array(text.utf8)
                        }
                        if current != nil { current!.text.append(contentsOf: decoded) }
                        if nameText != nil { nameText!.append(contentsOf: decoded) }
                        if titleText != nil { titleText!.append(contentsOf: decoded) }
                    }
                    i = j
                    continue
                }
                // Comments, CDATA, declarations and processing instructions.
                if i + 3 < n, u[i + 1] == 0x21, u[i + 2] == 0x2D, u[i + 3] == 0x2D {
                    i = skip(past: Array("-->".utf8), u, i + 4, n)
                    continue
                }
                if i + 8 < n, u[i + 1] == 0x21, u[i + 2] == 0x5B, Array(u[(i + 3)..<(i + 9)]) == Array("CDATA[".utf8) {
                    let end = skip(past: Array("]]>".utf8), u, i + 9, n)
                    if current != nil { current!.text.append(contentsOf: u[(i + 9)..<max(i + 9, end - 3)]) }
                    i = end
                    continue
                }
                if i + 1 < n, u[i + 1] == 0x3F || u[i + 1] == 0x21 {
                    i = skip(past: [0x3E], u, i + 1, n)
                    continue
                }
                let (parsed, next) = tag(u, i, n)
                guard let t = parsed else {
                    // A `<` that starts no tag is text; one that runs to the end ends the reading
                    // (so a file of unclosed tags is read once, not once per tag).
                    if next >= n { break }
                    if current != nil { current!.text.append(0x3C) }
                    i += 1
                    continue
                }
                let at = i
                i = next
                if t.closing {
                    switch t.name {
                    case "p": finishParagraph(at: next)
                    case "text" where youtube: finishParagraph(at: next)
                    case "name":
                        if let id = agentBeingNamed, let text = nameText {
                            let name = TextTools.clean(String(decoding: text, as: UTF8.self))
                            if !name.isEmpty, agentNames[id] == nil { agentNames[id] = name }
                        }
                        nameText = nil
                    case "agent": agentBeingNamed = nil
                    case "title":
                        if let text = titleText, title == nil {
                            let s = TextTools.clean(String(decoding: text, as: UTF8.self))
                            if !s.isEmpty { title = s }
                        }
                        titleText = nil
                    default: break
                    }
                    // Pop to the matching element (a closing tag with no opening one is ignored).
                    if let k = stack.lastIndex(where: { $0.name == t.name }) { stack.removeSubrange(k...) }
                    continue
                }
                let base = offset()
                let begin = t.attribute("begin").flatMap { time($0, rates) }
                switch t.name {
                case "tt": rates = Rates(rootAttributes: t.attributes)
                case "agent":
                    agentBeingNamed = t.attribute("id")
                case "name" where agentBeingNamed != nil:
                    nameText = t.selfClosing ? nil : []
                case "title" where title == nil:
                    titleText = t.selfClosing ? nil : []
                case "text" where youtube, "p" where youtube:
                    // srv1 `<text start dur>` in seconds; srv3 `<p t d>` in milliseconds.
                    finishParagraph(at: at)
                    let ms = t.name == "p"
                    func value(_ name: String) -> Double? {
                        guard let v = t.attribute(name).flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }), v.isFinite, v >= 0 else { return nil }
                        return ms ? v / 1000 : v
                    }
                    current = Paragraph(start: value(ms ? "t" : "start"), end: nil, dur: value(ms ? "d" : "dur"), agent: nil, text: [], from: at)
                    if t.selfClosing { finishParagraph(at: next) }
                case "p":
                    finishParagraph(at: at)
                    current = Paragraph(start: begin.map { base + $0 }, end: t.attribute("end").flatMap { time($0, rates) }.map { base + $0 },
                                        dur: t.attribute("dur").flatMap { time($0, rates) },
                                        agent: t.attribute("agent") ?? stack.last(where: { $0.agent != nil })?.agent,
                                        text: [], from: at)
                    if t.selfClosing { finishParagraph(at: next) }
                case "br":
                    if current != nil { current!.text.append(0x0A) }
                case "span":
                    guard current != nil else { break }
                    // Words in spans of their own (Apple's transcripts) are words apart.
                    if let begin {
                        if let last = current!.text.last, !isSpace(last) { current!.text.append(0x20) }
                        // (Only for a paragraph without times, whose words' are then its own.)
                        if current!.start == nil {
                            current!.firstSpan = current!.firstSpan ?? base + begin
                            if let e = t.attribute("end").flatMap({ time($0, rates) }) { current!.lastSpan = base + e }
                        }
                    }
                default: break
                }
                // Elements that contain others keep their time offset and speaker for them.
                if !t.selfClosing && t.name != "br" && stack.count < 256 {
                    let own = t.name == "body" || t.name == "div" ? begin : nil
                    stack.append(Open(name: t.name, offset: base + (own ?? 0), agent: t.attribute("agent")))
                }
            }
            finishParagraph(at: n)
        }

        // Cue grouping, as for the other cue formats.
        var pool = CueGrouping.TextPool(capacity: bytes.count / 4)
        var items: [CueGrouping.Item] = []
        var cues: [Cue] = []
        for (k, r) in raw.enumerated() {
            let text = pool.add(r.text)
            items.append(.init(start: r.start, end: r.end, text: text, speaker: pool.speaker(r.speaker), byteRange: r.range))
            if keepCues { cues.append(Cue(id: String(k + 1), start: r.start, end: r.end, text: r.text, speaker: r.speaker, byteRange: r.range)) }
        }
        if keepCues { doc.cues = cues }
        if let title { doc.metadata.title = title }
        if !untimed.isEmpty { doc.warnings.append("skipped \(untimed.count) paragraph(s) without a readable begin time") }
        // Broadcast captions may roll up, as YouTube's automatic ones do.
        CueDocumentReader.dropRollingRepeats(&doc, &items, pool: pool)
        CueDocumentReader.finish(&doc, items: items, pool: pool, chapters: chapters)
        return doc
    }
}
