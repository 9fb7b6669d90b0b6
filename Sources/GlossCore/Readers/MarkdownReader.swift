import Foundation
import Yams

/// Reads Markdown transcripts and articles: YAML front matter, `#` headings, chapter headings
/// (`## [00:12:36] Title`, `## 00:12:36 - Title`), speaker turns (`**Speaker:** text`,
/// `Speaker (00:01:02):`, `[00:01:02] **Speaker:** text`, a bare `(00:01:02):` continuation),
/// escaped offset stamps (`\[12:36\]`), lists and quotes. Site syntax (HTML, JSX, MDX imports,
/// link references, wiki links, GitBook tags) is stripped.
public enum MarkdownReader {
    public static func sniff(_ head: String, lines: [Substring]? = nil, ext: String) -> Bool {
        if ["md", "markdown", "mdx"].contains(ext) { return true }
        if head.hasPrefix("---\n") || head.hasPrefix("---\r\n") { return true }
        for line in lines ?? DocumentLoader.firstLines(head, 400) {
            if line.hasPrefix("**"), boldSpeaker(line).0 != nil { return true }
            if line.hasPrefix("#") {
                let level = line.prefix(while: { $0 == "#" }).count
                if level <= 3, line.dropFirst(level).first == " " { return true }
            }
        }
        return false
    }

    /// Headings a page puts over its transcript as a whole.
    static let transcriptHeadings: Set<String> = ["transcript", "full transcript", "episode transcript", "the transcript"]

    enum Block {
        case heading(level: Int, text: String, time: Double?, range: Range<Int>)
        case paragraph(text: String, speaker: String?, time: Double?, style: Paragraph.Style, range: Range<Int>)
    }

    /// - Parameter text: the bytes as a String, when the caller has it (see `TextTools.lines`).
    public static func read(_ bytes: [UInt8], path: String, text: String? = nil) -> Document {
        var doc = Document(path: path, format: .markdown, kind: .article, sourceBytes: bytes.count)
        var lines = TextTools.lines(bytes, text: text)
        var meta = Metadata()
        // Front matter.
        if let first = lines.first, first.text.trimmedSpaces == "---",
           let close = lines.dropFirst().firstIndex(where: { $0.text.trimmedSpaces == "---" }) {
            let yaml = lines[1..<close].map { String($0.text) }.joined(separator: "\n")
            applyFrontMatter(yaml, to: &meta, warnings: &doc.warnings)
            lines.removeSubrange(0...close)
        }
        let blocks = parseBlocks(lines)
        build(blocks, meta: meta, into: &doc)
        return doc
    }

    /// Whether every key of every mapping in the YAML is a scalar (not `? [a, b]` or a
    /// mapping). Walked with a stack of its own: the YAML may nest deep.
    static func keysAreScalars(_ root: Node) -> Bool {
        var stack = [root]
        while let node = stack.popLast() {
            switch node {
            case .mapping(let m):
                for (key, value) in m {
                    guard case .scalar = key else { return false }
                    stack.append(value)
                }
            case .sequence(let s): stack.append(contentsOf: s)
            case .scalar, .alias: break
            }
        }
        return true
    }

    static func applyFrontMatter(_ yaml: String, to meta: inout Metadata, warnings: inout [String]) {
        guard yaml.utf8.count < 1_000_000 else { warnings.append("front matter too large; ignored"); return }
        var parsed: Any?
        do {
            // Scalars stay strings (the basic resolver): only a few keys are read, each as text,
            // and resolving every scalar's type by regular expression was most of the cost. The
            // encoding is given: its default reads the environment on every call.
            let root = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
            // (Yams makes every key a string and traps on one that is not a scalar.)
            if let root, !keysAreScalars(root) { throw YamlError.representer(problem: "a key that is not a scalar") }
            parsed = root?.any
        } catch {
            // Hand-written front matter often breaks YAML in one place only, most often a title
            // with ": " in it ("title: The champion's job: not getting fired"). Its plain
            // `key: value` lines still say what the author meant.
            let loose = looseFrontMatter(yaml)
            guard !loose.isEmpty else {
                warnings.append("front matter is not valid YAML; ignored")
                return
            }
            warnings.append("front matter is not valid YAML; read its plain key: value lines")
            parsed = loose
        }
        guard let dict = parsed as? [String: Any] else { return }
        func str(_ k: String) -> String? {
            guard let v = dict[k] else { return nil }
            var s = Substring((v as? String) ?? "\(v)")
            while s.first?.isWhitespace == true { s.removeFirst() }
            while s.last?.isWhitespace == true { s.removeLast() }
            return s.isEmpty || s == "~" || s == "null" ? nil : String(s)
        }
        meta.title = str("title")
        meta.author = str("author") ?? str("host")
        meta.date = (str("date") ?? str("published")).map(dateOnly)
        meta.sourceURL = str("youtube_url") ?? str("url") ?? str("source_url")
        meta.publication = str("channel") ?? str("publication")
        if let d = str("duration_seconds").flatMap(Double.init), d.isFinite, d >= 0 { meta.duration = d } else if let d = str("duration") { meta.duration = Timestamp.parse(d) }
        if let g = str("guest") { meta.participants.append(g) }
        if let g = str("source_guest") { meta.extra.append(("source_guest", g)) }
        for key in ["description", "source_episode", "type", "video_id"] { if let v = str(key) { meta.extra.append((key, v)) } }
    }

    /// The top-level `key: value` lines of front matter that YAML rejected: the value is the rest
    /// of the line, without the quotes around it; indented lines, list items and keys without a
    /// value on their line are skipped.
    static func looseFrontMatter(_ yaml: String) -> [String: Any] {
        var out: [String: Any] = [:]
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let first = line.unicodeScalars.first, first.properties.isAlphabetic || first == "_",
                  let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon]
            guard key.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "-" }) else { continue }
            var value = line[line.index(after: colon)...].trimmedSpaces
            guard !value.isEmpty, line[line.index(after: colon)].isWhitespace else { continue }
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
                value = String(value.dropFirst().dropLast())
            }
            if out[String(key)] == nil { out[String(key)] = value }
        }
        return out
    }

    /// `2024-03-05T10:00:00Z` → `2024-03-05`: the day of a YAML timestamp, as written.
    static func dateOnly(_ s: String) -> String {
        let u = Array(s.utf8.prefix(11))
        let digits = [0, 1, 2, 3, 5, 6, 8, 9]
        guard u.count >= 10, digits.allSatisfy({ u[$0] >= 0x30 && u[$0] <= 0x39 }), u[4] == 0x2D, u[7] == 0x2D,
              u.count == 10 || u[10] == 0x54 || u[10] == 0x74 || u[10] == 0x20 else { return s }
        return String(s.utf8.prefix(10))!
    }

    // MARK: - Blocks

    static func parseBlocks(_ lines: [(range: Range<Int>, text: Substring)]) -> [Block] {
        var blocks: [Block] = []
        // The paragraph's lines, joined by spaces as they come (inline syntax is removed once).
        var para: [UInt8] = []
        var paraLines = 0
        var paraRange: Range<Int>?
        var paraSpeaker: String?
        var paraTime: Double?
        var paraStyle = Paragraph.Style.text
        var pendingSpeaker: (String?, Double?)?   // "Speaker (00:01:02):" on its own line
        var inFence = false
        var inHTMLBlock = 0
        func flush() {
            if paraLines > 0, let r = paraRange {
                let text = inline(para[...])
                if !text.isEmpty {
                    blocks.append(.paragraph(text: text, speaker: paraSpeaker, time: paraTime, style: paraStyle, range: r))
                }
            }
            para.removeAll(keepingCapacity: true)
            paraLines = 0
            paraRange = nil
            paraSpeaker = nil
            paraTime = nil
            paraStyle = .text
        }
        func add(_ line: Substring) {
            if paraLines > 0 { para.append(0x20) }
            line.appendUTF8(to: &para)
            paraLines += 1
        }
        for (range, raw) in lines {
            let trimmed = TextTools.trimmedSlice(raw)
            // The first byte decides which of the tests below can apply (each is a call otherwise).
            let first = trimmed.utf8.first ?? 0
            if (first == 0x60 && trimmed.begins("```")) || (first == 0x7E && trimmed.begins("~~~")) { flush(); inFence.toggle(); continue }
            if inFence { continue }
            // HTML blocks: <script>, <style>, <div ...> ... until the tag closes.
            let lower = inHTMLBlock > 0 || first == 0x3C ? trimmed.lowercased() : ""
            if inHTMLBlock > 0 {
                if lower.has("</script>") || lower.has("</style>") { inHTMLBlock = 0 }
                continue
            }
            if !lower.isEmpty && (lower.hasPrefix("<script") || lower.hasPrefix("<style")) {
                flush()
                if !(lower.has("</script>") || lower.has("</style>")) { inHTMLBlock = 1 }
                continue
            }
            // (A line of invisible padding starts with a non-ASCII character.)
            if trimmed.isEmpty || (first >= 0x80 && TextTools.isBlank(trimmed)) { flush(); continue }
            if isSiteSyntaxLine(trimmed) { flush(); continue }
            // Headings.
            if first == 0x23 {
                let level = trimmed.prefix(while: { $0 == "#" }).count
                if level <= 6, trimmed.dropFirst(level).first == " " {
                    flush()
                    let body = trimmed.dropFirst(level).trimmedSpaces
                    let (time, title) = chapterHeading(body)
                    var heading = inline(title)
                    while heading.hasSuffix("¶") || heading.hasSuffix("#") { heading = String(heading.dropLast()).trimmedSpaces }
                    blocks.append(.heading(level: level, text: heading, time: time, range: range))
                    continue
                }
            }
            // Horizontal rules.
            if first == 0x2D || first == 0x2A || first == 0x5F,
               trimmed.utf8.allSatisfy({ $0 == 0x2D || $0 == 0x2A || $0 == 0x5F || $0 == 0x20 }) && trimmed.utf8.count >= 3 { flush(); continue }
            // "Speaker Name (00:01:02):" or "(00:01:02):" on a line of its own.
            if let turn = standaloneTurn(trimmed) {
                flush()
                pendingSpeaker = (turn.speaker ?? lastSpeaker(blocks), turn.time)
                if !turn.rest.isEmpty {
                    add(turn.rest[...])
                    paraRange = range
                    paraSpeaker = pendingSpeaker?.0
                    paraTime = pendingSpeaker?.1
                    pendingSpeaker = nil
                }
                continue
            }
            // Lines that start a new paragraph by themselves: list items, quotes, stamped turns.
            var line = trimmed
            var style = Paragraph.Style.text
            var startsNew = false
            if let item = listItem(line) { line = item; style = .bullet; startsNew = true }
            else if first == 0x3E {
                line = line.drop(while: { $0 == ">" || $0 == " " })
                style = .quote
                startsNew = paraStyle != .quote
            }
            var time: Double?
            var speaker: String?
            (time, line) = leadingStamp(line)
            if style == .text { (speaker, line) = boldSpeaker(line) }
            if time == nil, speaker != nil { (time, line) = leadingStamp(line) }
            if let sp = speaker, sp.utf8.first == 0x62 || sp.utf8.first == 0x42, sp.lowercased() == "break" {  // (only b and B lower to b)
                speaker = nil
                if line.isEmpty { line = "[Break]" }
            }
            if let sp = speaker, line.isEmpty {
                // "**Speaker:**" on a line of its own: the turn's text follows.
                flush()
                pendingSpeaker = (sp, time)
                continue
            }
            if time != nil || speaker != nil { startsNew = true }
            if startsNew || paraLines == 0 {
                flush()
                paraRange = range
                paraStyle = style
                if let p = pendingSpeaker {
                    paraSpeaker = speaker ?? p.0
                    paraTime = time ?? p.1
                    pendingSpeaker = nil
                } else {
                    paraSpeaker = speaker
                    paraTime = time
                }
            }
            add(line)
            if let r = paraRange { paraRange = r.lowerBound..<range.upperBound }
        }
        flush()
        return blocks
    }

    static func lastSpeaker(_ blocks: [Block]) -> String? {
        for b in blocks.reversed() {
            if case .paragraph(_, let s, _, _, _) = b, let s { return s }
        }
        return nil
    }

    /// Lines that are site machinery, not reading text.
    static func isSiteSyntaxLine(_ t: Substring) -> Bool {
        // Every form starts with one of `i e { < ! [`.
        guard let f = t.utf8.first, f == 0x69 || f == 0x65 || f == 0x7B || f == 0x3C || f == 0x21 || f == 0x5B else { return false }
        if f == 0x3C {
            // A line that is only tags (<iframe ...>, <Callout>, </div>).
            return stripTags(String(t)).trimmedSpaces.isEmpty
        }
        var line = t
        return line.withUTF8 { u -> Bool in
            func starts(_ p: StaticString) -> Bool { TextTools.begins(u, p) }
            func has(_ p: StaticString) -> Bool {
                TextTools.firstOffset(of: UnsafeRawBufferPointer(start: p.utf8Start, count: p.utf8CodeUnitCount), in: UnsafeRawBufferPointer(u)) != nil
            }
            switch f {
            case 0x69: return starts("import ") && has(" from ")
            case 0x65: return starts("export ")
            case 0x7B: return starts("{%") || starts("{{")
            case 0x21: return starts("![") && u.last == 0x29
            default:
                // Reference-style link definitions: [id]: url
                guard let close = TextTools.firstIndex(of: 0x5D, in: u), close + 3 <= u.count, u[close + 1] == 0x3A, u[close + 2] == 0x20 else {
                    return false
                }
                let rest = UnsafeBufferPointer(rebasing: u[(close + 3)...])
                return TextTools.begins(rest, "http") || TextTools.begins(rest, "/") || TextTools.begins(rest, "mailto:")
            }
        }
    }

    static func listItem(_ t: Substring) -> Substring? {
        // Every form starts with `- * + •` or a digit.
        guard let f = t.utf8.first, f == 0x2D || f == 0x2A || f == 0x2B || f == 0xE2 || (f >= 0x30 && f <= 0x39) else { return nil }
        if t.begins("- ") || t.begins("* ") || t.begins("+ ") { return t.droppingBytes(2) }
        if t.begins("• ") { return t.droppingBytes(4) }
        var digits = 0
        for b in t.utf8 { guard b >= 0x30 && b <= 0x39 else { break }; digits += 1; if digits > 3 { return nil } }
        if digits > 0 {
            let rest = t.droppingBytes(digits)
            if rest.begins(". ") || rest.begins(") ") { return rest.droppingBytes(2) }
        }
        return nil
    }

    /// `[00:12:36] Title`, `00:12:36 - Title`, `(12:36) Title`.
    static func chapterHeading(_ body: String) -> (Double?, String) {
        var s = Substring(body)
        var stamp: Substring?
        if s.hasPrefix("[") || s.hasPrefix("(") || s.hasPrefix("\\[") {
            if s.hasPrefix("\\") { s = s.dropFirst() }
            let close: Character = s.first == "[" ? "]" : ")"
            if let end = s.firstIndex(of: close) {
                stamp = s[s.index(after: s.startIndex)..<end]
                if stamp?.hasSuffix("\\") == true { stamp = stamp?.dropLast() }
                s = s[s.index(after: end)...]
            }
        } else if let first = s.first, first.isNumber {
            let token = s.prefix(while: { $0.isNumber || $0 == ":" || $0 == "." })
            if token.utf8.contains(0x3A) { stamp = token; s = s.dropFirst(token.count) }
        }
        guard let st = stamp, st.utf8.contains(0x3A), let t = Timestamp.parse(String(st)) else { return (nil, body) }
        s = s.drop(while: { $0 == " " || $0 == "-" || $0 == "–" || $0 == "—" || $0 == ":" })
        return (t, String(s).trimmedSpaces)
    }

    /// A leading time stamp: `[00:01:02]`, `\[12:36\]`, `(00:01:02)`.
    static func leadingStamp(_ line: Substring) -> (Double?, Substring) {
        guard let f = line.utf8.first, f == 0x5B || f == 0x5C else { return (nil, line) }
        var l = line
        // Byte offsets: the stamp's time and where the text after it starts and ends.
        let found = l.withUTF8 { u -> (Double, Range<Int>)? in
            var i: Int
            let escaped: Bool
            if u.count >= 2 && u[0] == 0x5C && u[1] == 0x5B { i = 2; escaped = true } else if u[0] == 0x5B { i = 1; escaped = false } else { return nil }
            // The first `]` (or `\]`) after the opening bracket.
            var close = -1, after = -1, k = i
            while let b = TextTools.firstIndex(of: 0x5D, in: u, from: k) {
                if !escaped { close = b; after = b + 1; break }
                if b - 1 >= i && u[b - 1] == 0x5C { close = b - 1; after = b + 1; break }
                k = b + 1
            }
            guard close >= 0 else { return nil }
            if i < close && u[i] == 0x5C { i += 1 }
            let stamp = UnsafeBufferPointer(rebasing: u[i..<close])
            // Digits, colons and points only (timestamps are ASCII), at most 14 of them.
            guard stamp.count <= 14, stamp.contains(0x3A), stamp.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x3A || $0 == 0x2E }),
                  let t = Timestamp.parse(String(decoding: stamp, as: UTF8.self)) else { return nil }
            return (t, TextTools.trimmedRange(u, after..<u.count))
        }
        guard let (t, rest) = found else { return (nil, line) }
        return (t, TextTools.slice(line, rest))
    }

    /// `**Speaker Name:** text` or `**Speaker Name**: text`.
    static func boldSpeaker(_ line: Substring) -> (String?, Substring) {
        guard line.utf8.first == 0x2A else { return (nil, line) }
        var l = line
        let found = l.withUTF8 { u -> (String, Range<Int>)? in
            guard u.count >= 2 && u[1] == 0x2A else { return nil }
            // The first `**` after the opening one.
            var close = -1, k = 2
            while let star = TextTools.firstIndex(of: 0x2A, in: u, from: k) {
                if star + 1 < u.count && u[star + 1] == 0x2A { close = star; break }
                k = star + 1
            }
            guard close >= 0 else { return nil }
            var nameEnd = close, restStart = close + 2
            if nameEnd > 2 && u[nameEnd - 1] == 0x3A { nameEnd -= 1 } else if restStart < u.count && u[restStart] == 0x3A { restStart += 1 } else { return nil }
            let name = UnsafeBufferPointer(rebasing: u[TextTools.trimmedRange(u, 2..<nameEnd)])
            guard !name.isEmpty, TextTools.wordCount(name) <= 5 else { return nil }
            let n = String(decoding: name, as: UTF8.self)
            guard name.count <= 48 || n.count <= 48 else { return nil }
            return (n, TextTools.trimmedRange(u, restStart..<u.count))
        }
        guard let (name, rest) = found else { return (nil, line) }
        return (name.capitalizedIfAllCaps, TextTools.slice(line, rest))
    }

    /// `Speaker Name (00:01:02):` or `(00:01:02):`, optionally followed by text. Read on the
    /// line's bytes (most transcript paragraphs start with such a line); the name's first
    /// character and lengths past the byte limits are looked at as characters.
    static func standaloneTurn(_ t: Substring) -> (speaker: String?, time: Double, rest: Substring)? {
        typealias Found = (name: Range<Int>, stamp: Range<Int>, rest: Range<Int>, nameWords: Int)
        let found: Found?? = t.utf8.withContiguousStorageIfAvailable { u -> Found? in
            // Cheap test first: "):" within the first 72 bytes (memchr for each ')').
            let n = min(u.count, 72)
            var k = 0, sawTurn = false
            while let close = TextTools.firstIndex(of: 0x29, in: u, from: k, to: n) {
                if close + 1 < n && u[close + 1] == 0x3A { sawTurn = true; break }
                k = close + 1
            }
            guard sawTurn, let open = TextTools.firstIndex(of: 0x28, in: u),
                  let close = TextTools.firstIndex(of: 0x29, in: u, from: open),
                  close + 1 < u.count, u[close + 1] == 0x3A,
                  TextTools.firstIndex(of: 0x3A, in: u, from: open + 1, to: close) != nil else { return nil }
            let name = TextTools.trimmedRange(u, 0..<open)
            return (name, (open + 1)..<close, TextTools.trimmedRange(u, (close + 2)..<u.count),
                    TextTools.wordCount(UnsafeBufferPointer(rebasing: u[name])))
        }
        guard let f = found else { return referenceStandaloneTurn(t) }  // not contiguous: the Substring way
        guard let f else { return nil }
        let stamp = TextTools.slice(t, f.stamp)
        guard f.stamp.count <= 12 || stamp.count <= 12, let time = Timestamp.parse(String(stamp)) else { return nil }
        let name = TextTools.slice(t, f.name)
        if !name.isEmpty {
            guard f.name.count <= 48 || name.count <= 48, f.nameWords <= 5 else { return nil }
            // The first character: an ASCII one by its byte (when the next byte cannot combine
            // with it), anything else as a Character.
            let u = name.utf8
            let b0 = u[u.startIndex], b1 = u.count > 1 ? u[u.index(after: u.startIndex)] : 0
            if b0 < 0x80 && b0 != 0x0D && b1 < 0x80 {
                guard (b0 >= 0x41 && b0 <= 0x5A) || (b0 >= 0x30 && b0 <= 0x39) else { return nil }
            } else {
                guard name.first!.isUppercase || name.first!.isNumber else { return nil }
            }
        }
        return (name.isEmpty ? nil : String(name).capitalizedIfAllCaps, time, TextTools.slice(t, f.rest))
    }

    /// `standaloneTurn` on the Substring's characters (for a line without contiguous bytes, and
    /// as the tests' reference).
    static func referenceStandaloneTurn(_ t: Substring) -> (speaker: String?, time: Double, rest: Substring)? {
        // Cheap test first: "):" within the first 72 bytes.
        let found = t.utf8.withContiguousStorageIfAvailable { u -> Bool in
            // memchr for each ')' (most lines have none) and a look at the byte after it.
            let n = min(u.count, 72)
            var k = 0
            while let close = TextTools.firstIndex(of: 0x29, in: u, from: k, to: n) {
                if close + 1 < n && u[close + 1] == 0x3A { return true }
                k = close + 1
            }
            return false
        } ?? t.utf8.prefix(72).indices.contains { i in t.utf8[i] == 0x29 && t.utf8.index(after: i) < t.utf8.endIndex && t.utf8[t.utf8.index(after: i)] == 0x3A }
        guard found else { return nil }
        // Parentheses are ASCII: found in the bytes, they are character boundaries of the line.
        guard let open = t.utf8.firstIndex(of: 0x28), let close = t.utf8[open...].firstIndex(of: 0x29) else { return nil }
        let after = t[t.utf8.index(after: close)...]
        guard after.begins(":") else { return nil }
        let stamp = t[t.utf8.index(after: open)..<close]
        guard stamp.utf8.contains(0x3A), stamp.utf8.count <= 12 || stamp.count <= 12, let time = Timestamp.parse(String(stamp)) else { return nil }
        let name = t[..<open].trimmedSpaces
        if !name.isEmpty {
            guard name.utf8.count <= 48 || name.count <= 48, TextTools.wordCount(name) <= 5, name.first!.isUppercase || name.first!.isNumber else { return nil }
        }
        return (name.isEmpty ? nil : String(name).capitalizedIfAllCaps, time, TextTools.trimmedSlice(after.droppingBytes(1)))
    }

    // MARK: - Inline syntax

    /// Removes inline Markdown/HTML in one pass over the bytes: emphasis markers, links (text
    /// kept), images, tags, escapes, wiki links (`[[page|text]]`), code ticks, basic entities.
    static func inline(_ s: String) -> String { inline(Array(s.utf8)[...]) }

    static func inline(_ b: ArraySlice<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(b.count)
        inlineInto(b, &out)
        let hasEntity = out.contains(0x26)
        var text = String(decoding: out, as: UTF8.self)
        if hasEntity { text = SRTParser.decodeBasicEntities(text) }
        return TextTools.clean(text)
    }

    static func isAlnum(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c >= 0x80 }

    static func inlineInto(_ b: ArraySlice<UInt8>, _ out: inout [UInt8]) {
        var i = b.startIndex
        let end = b.endIndex
        // Once a closing character is missing from some point of a line, it is missing from every
        // later point too: remember that, so "[[[[…" stays linear.
        // Slots for the closers searched for: `>`, `]`, `)`; c is absent from lo..<hi to the line's end.
        var missingLo = (0, 0, 0), missingHi = (0, 0, 0)
        func find(_ c: UInt8, from: Int) -> Int? {
            let slot = c == 0x3E ? 0 : c == 0x5D ? 1 : 2
            let lo = slot == 0 ? missingLo.0 : slot == 1 ? missingLo.1 : missingLo.2
            let hi = slot == 0 ? missingHi.0 : slot == 1 ? missingHi.1 : missingHi.2
            if from >= lo && from < hi { return nil }
            var k = from
            while k < end { if b[k] == c { return k }; if b[k] == 0x0A { break }; k += 1 }
            let newHi = max(from + 1, k)
            switch slot {
            case 0: missingLo.0 = from; missingHi.0 = newHi
            case 1: missingLo.1 = from; missingHi.1 = newHi
            default: missingLo.2 = from; missingHi.2 = newHi
            }
            return nil
        }
        while i < end {
            let c = b[i]
            switch c {
            case 0x5C:  // backslash escape
                if i + 1 < end, b[i + 1] < 0x80, !isAlnum(b[i + 1]), b[i + 1] != 0x20 {
                    out.append(b[i + 1]); i += 2
                } else { out.append(c); i += 1 }
            case 0x60:  // `code`
                i += 1
            case 0x3C:  // <tag>
                if i + 1 < end, isAlnum(b[i + 1]) && b[i + 1] < 0x80 || b[i + 1] == 0x2F || b[i + 1] == 0x21, let close = find(0x3E, from: i + 1) {
                    i = close + 1
                } else { out.append(c); i += 1 }
            case 0x21 where i + 1 < end && b[i + 1] == 0x5B:  // ![image](url)
                if let close = find(0x5D, from: i + 2), close + 1 < end, b[close + 1] == 0x28, let paren = find(0x29, from: close + 2) {
                    i = paren + 1
                } else { out.append(c); i += 1 }
            case 0x5B:  // [[wiki|text]], [text](url), [text][ref]
                if i + 1 < end, b[i + 1] == 0x5B, let close = find(0x5D, from: i + 2), close + 1 < end, b[close + 1] == 0x5D {
                    var inner = b[(i + 2)..<close]
                    if let bar = inner.firstIndex(of: 0x7C) { inner = inner[(bar + 1)...] }
                    inlineInto(inner, &out)
                    i = close + 2
                } else if let close = find(0x5D, from: i + 1), close + 1 < end, b[close + 1] == 0x28, let paren = find(0x29, from: close + 2) {
                    inlineInto(b[(i + 1)..<close], &out)
                    i = paren + 1
                } else if let close = find(0x5D, from: i + 1), close + 1 < end, b[close + 1] == 0x5B, let ref = find(0x5D, from: close + 2) {
                    inlineInto(b[(i + 1)..<close], &out)
                    i = ref + 1
                } else { out.append(c); i += 1 }
            case 0x2A:  // *emphasis* markers; a lone * between spaces stays (x * y)
                let before = i > b.startIndex ? b[i - 1] : 0x20, after = i + 1 < end ? b[i + 1] : 0x20
                if before == 0x20 && after == 0x20 { out.append(c) }
                i += 1
            case 0x5F:  // _emphasis_ or __strong__ at word edges; snake_case stays
                let before = i > b.startIndex ? b[i - 1] : 0x20, after = i + 1 < end ? b[i + 1] : 0x20
                if isAlnum(before) && isAlnum(after) { out.append(c) }
                i += 1
            default:
                // Plain text up to the next byte that may start syntax, copied in one go.
                let j = b.withUnsafeBufferPointer { u in b.startIndex + syntaxByte(u, from: i + 1 - b.startIndex) }
                out.append(contentsOf: b[i..<j])
                i = j
            }
        }
    }

    /// The offset of the first byte from `from` on that may start inline syntax (`\` `` ` ``
    /// `<` `!` `[` `*` `_`), or the end: eight bytes at a time with exact zero-byte tests.
    static func syntaxByte(_ u: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        typealias W = TextTools.Word8
        var j = from
        if let base = u.baseAddress {
            while j + 8 <= u.count {
                let x = W.load(base, j)
                let hits = W.bytes(x, equalTo: 0x5C) | W.bytes(x, equalTo: 0x60) | W.bytes(x, equalTo: 0x3C) | W.bytes(x, equalTo: 0x21)
                    | W.bytes(x, equalTo: 0x5B) | W.bytes(x, equalTo: 0x2A) | W.bytes(x, equalTo: 0x5F)
                if hits != 0 { return j + hits.trailingZeroBitCount >> 3 }
                j += 8
            }
        }
        while j < u.count {
            let d = u[j]
            if d == 0x5C || d == 0x60 || d == 0x3C || d == 0x21 || d == 0x5B || d == 0x2A || d == 0x5F { return j }
            j += 1
        }
        return j
    }

    /// Drops `<...>` tags (keeps the text between them).
    static func stripTags(_ s: String) -> String {
        var out = ""
        var inTag = false
        var quote: Character?
        let chars = Array(s)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if inTag {
                if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == ">" { inTag = false }
            } else if c == "<", i + 1 < chars.count, chars[i + 1].isLetter || chars[i + 1] == "/" || chars[i + 1] == "!" {
                inTag = true
            } else {
                out.append(c)
            }
            i += 1
        }
        return out
    }

    // MARK: - Document

    /// The blocks with speakers taken from plain labels (`JANE DOE: …`, as an HTML page of a
    /// news transcript has them), when there are no others and the paragraphs read as labelled
    /// turns (`SpeakerTextReader.turns`).
    static func labelledTurns(_ blocks: [Block]) -> [Block] {
        var texts: [Substring] = [], at: [Int] = []
        for (i, b) in blocks.enumerated() {
            guard case .paragraph(let text, let sp, let t, _, _) = b else { continue }
            if sp != nil || t != nil { return blocks }
            texts.append(Substring(text))
            at.append(i)
        }
        guard let labels = SpeakerTextReader.turns(texts) else { return blocks }
        var names = SpeakerTextReader.fullNames(labels.compactMap { $0?.name.capitalizedIfAllCaps })[...]
        var out = blocks
        var alone = Set<Int>()
        var pending: String?   // a label alone in its paragraph names the speaker of the next
        for (k, i) in at.enumerated() {
            guard case .paragraph(let text, _, _, let style, let range) = blocks[i] else { continue }
            if let l = labels[k], let name = names.popFirst() {
                if l.rest.isEmpty {
                    pending = name
                    alone.insert(i)
                } else {
                    out[i] = .paragraph(text: String(l.rest), speaker: name, time: nil, style: style, range: range)
                    pending = nil
                }
            } else if let p = pending {
                out[i] = .paragraph(text: text, speaker: p, time: nil, style: style, range: range)
                pending = nil
            }
        }
        return out.indices.filter { !alone.contains($0) }.map { out[$0] }
    }

    static func build(_ parsed: [Block], meta inMeta: Metadata, into doc: inout Document) {
        var blocks = labelledTurns(parsed)
        var meta = inMeta
        var sections: [Section] = []
        var paragraphs: [Paragraph] = []
        let turnCount = blocks.reduce(0) { n, b in
            if case .paragraph(_, let sp, let t, _, _) = b, sp != nil || t != nil { return n + 1 }
            return n
        }
        let hasChapters = blocks.contains { if case .heading(_, _, let t, _) = $0 { return t != nil }; return false }
        let isTranscript = turnCount >= 3 || hasChapters
        doc.kind = isTranscript ? .transcript : .article
        // Title: front matter, else the first level-1 heading.
        var titleHeadingUsed = false
        if meta.title == nil, let h = blocks.first(where: { if case .heading(1, _, nil, _) = $0 { return true }; return false }),
           case .heading(_, let text, _, _) = h {
            meta.title = text
            titleHeadingUsed = true
        }
        if isTranscript {
            // An unlabelled paragraph continues the previous speaker's turn.
            var last: String?
            for i in blocks.indices {
                guard case .paragraph(let text, let sp, let t, let style, let r) = blocks[i] else { continue }
                if let sp { last = sp } else if let last, text != "[Break]" {
                    blocks[i] = .paragraph(text: text, speaker: last, time: t, style: style, range: r)
                }
            }
        }
        let firstTurn = blocks.firstIndex { if case .paragraph(_, let sp, let t, _, _) = $0 { return sp != nil || t != nil }; return false }
        var inTranscript = false
        var current: Int?
        var usesWindows = false
        for (bi, b) in blocks.enumerated() {
            if isTranscript, !hasChapters, let ft = firstTurn, bi >= ft { inTranscript = true }
            switch b {
            case .heading(let level, let text, let time, _):
                if let time {
                    sections.append(Section(kind: .chapter, title: text, start: time))
                    current = sections.count - 1
                } else if inTranscript || (hasChapters && sections.contains(where: { $0.kind == .chapter })) {
                    continue  // untimed headings inside a timed transcript don't break it up
                } else {
                    if level == 1 && text == meta.title && (titleHeadingUsed || sections.isEmpty) { continue }
                    let lower = text.lowercased()
                    // "# Transcript" over a transcript's turns names the whole, not a part of it.
                    if isTranscript && MarkdownReader.transcriptHeadings.contains(lower) { continue }
                    let kind: SectionKind = ArticleReader.summaryTitles.contains(lower) ? .summary : .heading
                    sections.append(Section(kind: kind, title: text))
                    current = sections.count - 1
                }
            case .paragraph(let text, let speaker, let time, let style, let range):
                if inTranscript && !usesWindows {
                    usesWindows = true
                    current = nil
                }
                if usesWindows {
                    // Window sections are assigned after times are known.
                    paragraphs.append(Paragraph(text: text, speaker: speaker, time: time, byteRange: range, section: -1, style: style))
                    continue
                }
                // In a transcript with chapters, what comes before the first turn (show notes,
                // "Spot an error?") is the episode's page, not something said: an untimed section
                // under the title, and the turns after it open a chapter at 00:00.
                // (Untimed headings there are the page's too; in the chapters they are skipped.)
                let said = isTranscript && hasChapters && (firstTurn.map { bi >= $0 } ?? true)
                if said, let c = current, sections[c].kind != .chapter { current = nil }
                if current == nil {
                    sections.append(Section(kind: said ? .chapter : .heading, title: said ? "Opening" : (meta.title ?? ""), start: said ? 0 : nil))
                    current = sections.count - 1
                }
                paragraphs.append(Paragraph(text: text, speaker: speaker, time: time, byteRange: range, section: current!, style: style))
            }
        }
        if usesWindows {
            // Estimate missing times over the transcript part, then cut it into fixed windows.
            let windowIdx = paragraphs.indices.filter { paragraphs[$0].section == -1 }
            var part = windowIdx.map { paragraphs[$0] }
            let tmpSection = [Section(kind: .window, title: "", start: nil)]
            for i in part.indices { part[i].section = 0 }
            TimeEstimation.fill(&part, sections: tmpSection)
            let lastTime = part.compactMap(\.time).max() ?? 0
            let base = sections.count
            let count = max(1, Int(min(lastTime, 1e7) / CueGrouping.windowLength) + 1)
            for w in 0..<count {
                let s = Double(w) * CueGrouping.windowLength
                sections.append(Section(kind: .window, title: "\(Timestamp.format(s))–\(Timestamp.format(s + CueGrouping.windowLength))", start: s))
            }
            var runningMax = 0.0
            for (k, i) in windowIdx.enumerated() {
                var p = part[k]
                let t = max(p.time ?? runningMax, 0)
                runningMax = max(runningMax, t)
                // Out-of-order stamps stay in reading order: use the running maximum for the window.
                p.section = base + min(count - 1, Int(min(runningMax, 1e7) / CueGrouping.windowLength))
                paragraphs[i] = p
            }
        } else {
            TimeEstimation.fill(&paragraphs, sections: sections)
        }
        // Paragraphs must be grouped by section in order (windows come after the heading sections).
        if !paragraphs.indices.dropFirst().allSatisfy({ paragraphs[$0 - 1].section <= paragraphs[$0].section }) {
            paragraphs = paragraphs.enumerated().sorted { ($0.element.section, $0.offset) < ($1.element.section, $1.offset) }.map(\.element)
        }
        if usesWindows {
            // A heading over the windows with nothing under it ("## Transcript") is no chapter;
            // a window nothing is said in (a long pause) no place to read, but for the first.
            let firstWindow = sections.firstIndex { $0.kind == .window }
            CueGrouping.removeUnused(&sections, &paragraphs) { i, s in s.kind == .heading || (s.kind == .window && i != firstWindow) }
        }
        CueGrouping.attach(paragraphs: paragraphs, to: &sections)
        if !isTranscript { for i in sections.indices { sections[i].present = true } }
        for i in sections.indices where sections[i].kind == .heading || sections[i].kind == .summary { sections[i].present = true }
        var speakers: [String] = []
        for p in paragraphs { if let s = p.speaker, !speakers.contains(s) { speakers.append(s) } }
        // A front-matter guest counts when it is also a speaker (some exports put junk there).
        meta.participants = speakers
        // Without a stated length, the transcript runs to its last time (estimated after the last
        // stated one: The Changelog's stamps stop minutes before the end).
        if meta.duration == nil, isTranscript, let last = paragraphs.compactMap(\.time).max() { meta.duration = last }
        doc.metadata = meta
        doc.sections = sections
        doc.paragraphs = paragraphs
    }
}
