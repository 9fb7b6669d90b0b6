import Foundation

/// Reads SubStation Alpha subtitles, `.ssa` (v4) and `.ass` (v4+, Aegisub's and what most
/// fansub, broadcast and converter tools write): `[Script Info]` (its `Title:`), then `[Events]`
/// with a `Format:` line naming the fields and one `Dialogue:` line a cue
/// (`Dialogue: 0,0:00:01.00,0:00:04.50,Default,Jane,0,0,0,,Welcome, {\i1}everyone{\i0}.`).
/// The `Name` field (`Actor` in older files) is the speaker; the text is the last field, commas and all. Override blocks
/// (`{\i1}`, `{\pos(…)}`, karaoke `{\k20}`) are dropped, and so is the vector drawing that
/// `{\p1}` starts; `\N` and `\n` break lines, `\h` is a space. Dialogue lines may come in any
/// order (players sort them) and are read by start time; the same line on two layers at the
/// same times (an outline under a fill) is read once. `Comment:` lines and the styles, fonts
/// and graphics sections are not text.
public enum SSAReader {
    /// A file whose first line is `[Script Info]`, or another section's name in brackets with an
    /// `[Events]` section and a `Dialogue:` line in the head (a page about the format, quoting
    /// one, starts otherwise).
    public static func sniff(_ head: Substring) -> Bool {
        // (`isNewline`: CRLF is one Character, neither "\r" nor "\n".)
        let first = head.drop { $0 == "\u{FEFF}" }.prefix { !$0.isNewline }.trimmingCharacters(in: .whitespaces)
        if first.caseInsensitiveCompare("[Script Info]") == .orderedSame { return true }
        return first.hasPrefix("[") && first.hasSuffix("]") && first.count <= 40
            && head.range(of: "[Events]", options: .caseInsensitive) != nil && head.contains("\nDialogue:")
    }

    /// The fields of a `Dialogue:` line when its section has no `Format:` line: v4+'s
    /// (`Layer`), which puts start, end, name and text where v4's (`Marked`) does.
    static let defaultFormat = ["layer", "start", "end", "style", "name", "marginl", "marginr", "marginv", "effect", "text"]

    /// `H:MM:SS.cc` (centiseconds, as the format writes them; any number of fraction digits
    /// read as a decimal fraction), or `MM:SS.cc`. Nil for anything else or past 100 hours.
    public static func time(_ raw: Substring) -> Double? {
        let parts = raw.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        var whole: [Int] = []
        for p in parts.dropLast() {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(p) else { return nil }
            whole.append(v)
        }
        let last = parts.last!
        let dot = last.firstIndex { $0 == "." || $0 == "," }
        let secs = dot.map { last[..<$0] } ?? last
        let frac = dot.map { last[last.index(after: $0)...] } ?? ""
        guard !secs.isEmpty, secs.count <= 2, secs.allSatisfy({ $0.isASCII && $0.isNumber }), let s = Int(secs), s < 60,
              frac.count <= 9, frac.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let minutes = whole.last!, hours = whole.count == 2 ? whole[0] : 0
        guard minutes < 60 || whole.count == 1, hours < 100 else { return nil }
        let fraction = frac.isEmpty ? 0 : Double("0." + frac) ?? 0
        return Double(hours * 3600 + minutes * 60 + s) + fraction
    }

    /// The text of a `Dialogue:` line's last field as it reads: override blocks and drawings
    /// dropped, `\N` `\n` as line breaks, `\h` as a space.
    public static func plainText(_ raw: Substring) -> String {
        var out = ""
        out.reserveCapacity(raw.utf8.count)
        var drawing = false
        // Once a `{` has no `}` after it, no later one has: it is not looked for again (a line
        // of braces would otherwise be read in quadratic time).
        var unclosed = false
        var i = raw.startIndex
        while i < raw.endIndex {
            let c = raw[i]
            if c == "{", !unclosed {
                guard let close = raw[i...].firstIndex(of: "}") else {
                    // (Read again as text.)
                    unclosed = true
                    continue
                }
                // `\p1` (any scale but 0) starts a drawing, `\p0` ends it.
                let block = raw[raw.index(after: i)..<close]
                var search = block[...]
                while let p = search.range(of: "\\p") {
                    let digits = block[p.upperBound...].prefix { $0.isASCII && $0.isNumber }
                    if !digits.isEmpty { drawing = Int(digits.prefix(4)) != 0 }
                    search = block[p.upperBound...]
                }
                i = raw.index(after: close)
                continue
            }
            if c == "\\", let next = raw.index(i, offsetBy: 1, limitedBy: raw.endIndex), next < raw.endIndex {
                switch raw[next] {
                case "N", "n":
                    if !drawing { out.append("\n") }
                    i = raw.index(after: next)
                    continue
                case "h":
                    if !drawing { out.append(" ") }
                    i = raw.index(after: next)
                    continue
                default: break
                }
            }
            if !drawing { out.append(c) }
            i = raw.index(after: i)
        }
        return out
    }

    public static func read(_ bytes: [UInt8], path: String, chapters: [Chapter]?, keepCues: Bool = true) throws -> Document {
        var doc = Document(path: path, format: .ssa, kind: .transcript, sourceBytes: bytes.count)
        struct Line { var start: Double; var end: Double; var speaker: String?; var text: String; var range: Range<Int> }
        var section = ""
        var format = defaultFormat
        var read: [Line] = []
        var skipped = 0
        for (range, line) in TextTools.lines(bytes) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
            if trimmed.hasPrefix("[") {
                section = trimmed.trimmingCharacters(in: .whitespaces).lowercased()
                continue
            }
            guard let colon = trimmed.firstIndex(of: ":") else { continue }
            let key = trimmed[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: colon)...]
            switch (section, key) {
            case ("[script info]", "title"):
                let title = TextTools.clean(value.trimmingCharacters(in: .whitespaces))
                // (Aegisub's placeholders are no title.)
                if !title.isEmpty, !["<untitled>", "untitled", "default aegisub file"].contains(title.lowercased()) {
                    doc.metadata.title = title
                }
            case ("[events]", "format"):
                let names = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                // A format without start, end and text (as the last field) reads nothing: the
                // usual one is kept.
                if names.count >= 3, names.count <= 64, names.last == "text", names.contains("start"), names.contains("end") { format = names }
            case ("[events]", "dialogue"):
                // The text is the last field: the line is cut into as many fields, no more.
                let fields = value.split(separator: ",", maxSplits: format.count - 1, omittingEmptySubsequences: false)
                guard fields.count == format.count,
                      let si = format.firstIndex(of: "start"), let ei = format.firstIndex(of: "end"),
                      let start = time(fields[si]), let end = time(fields[ei]) else {
                    skipped += 1
                    continue
                }
                let name = (format.firstIndex(of: "name") ?? format.firstIndex(of: "actor")).map { fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
                let text = TextTools.clean(plainText(fields[format.count - 1]))
                guard !TextTools.isBlank(Substring(text)) else { continue }
                read.append(Line(start: start, end: end, speaker: name.isEmpty ? nil : TextTools.clean(name).capitalizedIfAllCaps, text: text, range: range))
            default:
                continue
            }
        }
        guard !read.isEmpty || skipped > 0 else { throw CueDocumentReader.Failure.noCues("SubStation Alpha") }
        if skipped > 0 { doc.warnings.append("skipped \(skipped) dialogue line(s) with unreadable timings") }
        // By start time, as players show them (stable: lines that start together keep their order).
        if zip(read, read.dropFirst()).contains(where: { $0.start > $1.start }) {
            read = read.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }.map(\.element)
        }
        var pool = CueGrouping.TextPool(capacity: bytes.count / 2)
        var items: [CueGrouping.Item] = []
        var cues: [Cue] = []
        items.reserveCapacity(read.count)
        var carried: String?
        // The lines read that start when this one does: one line drawn twice, on two layers,
        // is read once.
        var startingTogether: [Line] = []
        for l in read {
            if startingTogether.first?.start != l.start { startingTogether.removeAll() }
            if startingTogether.contains(where: { $0.end == l.end && $0.text == l.text }) { continue }
            // (The last few: ten thousand lines at one time must not be compared pairwise.)
            if startingTogether.count == 8 { startingTogether.removeFirst() }
            startingTogether.append(l)
            var speaker = l.speaker, text = l.text
            if speaker == nil {
                // No name: a label in the text names the speaker, as in SubRip.
                let (label, rest) = CueGrouping.splitSpeakerLabel(text)
                if let label { carried = label; text = rest }
                speaker = carried
            } else {
                carried = nil
            }
            items.append(.init(start: l.start, end: l.end, text: pool.add(text), speaker: pool.speaker(speaker), byteRange: l.range))
            if keepCues { cues.append(Cue(id: String(cues.count + 1), start: l.start, end: l.end, text: text, speaker: speaker, byteRange: l.range)) }
        }
        if keepCues { doc.cues = cues }
        CueDocumentReader.dropRollingRepeats(&doc, &items, pool: pool)
        CueDocumentReader.finish(&doc, items: items, pool: pool, chapters: chapters)
        return doc
    }
}
