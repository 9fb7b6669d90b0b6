import Foundation

/// Reads a newsletter export of an interview: summary blocks (Brief, Why it matters, Key details),
/// `key: value` metadata, e-mail chrome, the chapter list `(HH:MM:SS) - Title` and the transcript
/// with `HH:MM:SS - Title` headings and speaker-name lines.
public enum NewsletterReader {
    static let summaryHeadings: Set<String> = ["brief", "why it matters", "key details", "summary", "tl;dr",
                                              "key takeaways", "key points", "takeaways"]
    static let metadataKeys: Set<String> = ["title", "author", "content_type", "publication", "published", "date",
                                           "source_url", "url", "word_count", "guest", "guests", "host", "duration"]

    /// Content sniffing: the chapter list and transcript markers, or the export's metadata.
    public static func sniff(_ head: String, lines: [Substring]? = nil) -> Bool {
        if head.has("content_type: newsletter") { return true }
        var hasChapterList = false, hasTranscript = false
        for line in lines ?? DocumentLoader.firstLines(head, 400) {
            if !hasChapterList, line.utf8.first == 0x28, chapterListLine(String(line)) != nil { hasChapterList = true }
            if !hasTranscript, line.utf8.count < 16, TextTools.trimSpaces(line) == "Transcript" { hasTranscript = true }
            if hasChapterList && hasTranscript { return true }
        }
        return false
    }

    /// - Parameter text: the bytes as a String, when the caller has it (see `TextTools.lines`).
    public static func read(_ bytes: [UInt8], path: String, text: String? = nil) -> Document {
        let lines = TextTools.lines(bytes, text: text)
        var doc = Document(path: path, format: .newsletter, kind: .transcript, sourceBytes: bytes.count)
        var meta = Metadata()
        var sections: [Section] = []
        var paragraphs: [Paragraph] = []
        var chapters: [Chapter] = []

        enum Phase { case top, metadata, chrome, sponsors, chapterList, transcript }
        var phase = Phase.top
        var currentSection: Int?
        var speaker: String?
        var namedTurnStarts: Set<Int> = []  // paragraphs that directly follow a speaker-name line
        var sawTitleLine = false
        var sawTranscriptHeading = false
        var transcriptChapterSections: [Int: Int] = [:]  // chapter index -> section index
        var pendingStrayChapter: Int?

        func startSection(_ s: Section) -> Int {
            sections.append(s)
            return sections.count - 1
        }
        func add(_ text: String, _ range: Range<Int>, style: Paragraph.Style = .text, speaker sp: String? = nil) {
            guard let sec = currentSection else { return }
            paragraphs.append(Paragraph(text: text, speaker: sp, byteRange: range, section: sec, style: style))
        }

        let recurring = recurringNameLines(lines)

        for (range, raw) in lines {
            if TextTools.isBlank(raw) { continue }
            let line = TextTools.clean(raw)
            let lower = line.lowercased()

            // Markers that switch phase wherever they appear.
            if lower == "cleaned source text" { phase = .metadata; currentSection = nil; continue }
            if phase != .transcript, lower == "timestamps" || lower == "chapters" { phase = .chapterList; continue }
            if phase != .transcript, lower == "transcript" {
                phase = .transcript
                sawTranscriptHeading = true
                currentSection = nil
                continue
            }
            if let kv = metadataLine(line), phase == .metadata || phase == .top, metadataKeys.contains(kv.key) {
                apply(kv, to: &meta)
                phase = .metadata
                continue
            }

            switch phase {
            case .top:
                if summaryHeadings.contains(lower) {
                    currentSection = startSection(Section(kind: .summary, title: line))
                } else if currentSection == nil {
                    // Before the first summary block: publication line, then the title.
                    if !sawTitleLine && !line.utf8.contains(0x20) && line.utf8.contains(0x2E) {
                        meta.publication = meta.publication ?? line
                    } else if !sawTitleLine {
                        meta.title = line
                        sawTitleLine = true
                    }
                } else {
                    let (text, bullet) = stripBullet(line)
                    add(text, range, style: bullet ? .bullet : .text)
                }
            case .metadata, .chrome:
                phase = .chrome
                if meta.duration == nil, let mins = watchMinutes(line) { meta.duration = mins * 60 }
                if lower == "sponsors" || lower.hasPrefix("sponsor") && line.count < 20 { phase = .sponsors; continue }
                if isChrome(line, meta: meta) { continue }
                // A long paragraph in the e-mail body is the episode description.
                if TextTools.wordCount(line) >= 15 {
                    if currentSection == nil || sections[currentSection!].title != "Episode description" {
                        var teaser = Section(kind: .summary, title: "Episode description")
                        teaser.isTeaser = true
                        currentSection = startSection(teaser)
                    }
                    add(line, range)
                }
            case .sponsors:
                continue
            case .chapterList:
                if let (t, title) = chapterListLine(line) {
                    chapters.append(Chapter(start: t, title: title))
                } else if !isChrome(line, meta: meta) && TextTools.wordCount(line) >= 15 {
                    // Something else after the list: treat as chrome-era description.
                    continue
                }
            case .transcript:
                if let (t, title) = transcriptHeading(line) {
                    // Match with the chapter list by time, or add the chapter.
                    var ci = chapters.firstIndex(where: { abs($0.start - t) < 1 })
                    if ci == nil {
                        chapters.append(Chapter(start: t, title: title))
                        ci = chapters.count - 1
                    }
                    let sec = startSection(Section(kind: .chapter, title: chapters[ci!].title, start: chapters[ci!].start))
                    transcriptChapterSections[ci!] = sec
                    currentSection = sec
                    continue
                }
                if isTrailingChrome(line) { continue }
                if let who = participantLine(line, meta: meta, recurring: recurring) {
                    speaker = who
                    namedTurnStarts.insert(paragraphs.count)
                    continue
                }
                if currentSection == nil {
                    // Transcript text before any heading: an untimed opening chapter.
                    pendingStrayChapter = startSection(Section(kind: .chapter, title: "Opening", start: 0))
                    currentSection = pendingStrayChapter
                }
                // "Dario: That's right." — a label naming a participant starts their turn.
                var text = line
                let (label, rest) = CueGrouping.splitSpeakerLabel(line)
                if let label, !rest.isEmpty, let who = participantLine(label, meta: meta, recurring: recurring) {
                    speaker = who
                    namedTurnStarts.insert(paragraphs.count)
                    text = rest
                }
                add(text, range, speaker: speaker)
            }
        }
        _ = sawTranscriptHeading

        // Participants: metadata author (host) and the name that leads the title.
        var participants: [String] = []
        if let guest = guestFromTitle(meta.title) { participants.append(guest) }
        if let a = meta.author, !participants.contains(a) { participants.append(a) }
        for p in paragraphs { if let s = p.speaker, !participants.contains(s) { participants.append(s) } }
        meta.participants = participants
        if forgetUnmarkedTurns(&paragraphs, namedTurnStarts: namedTurnStarts, participants: participants) {
            doc.warnings.append("the transcript names its speakers only once: later paragraphs are not attributed")
        }

        // Chapters listed but not in the transcript become absent sections, in time order.
        let orderedChapterIdx = chapters.indices.sorted { chapters[$0].start < chapters[$1].start }
        var finalSections: [Section] = []
        var remap: [Int: Int] = [:]
        // Summary sections first (they precede the transcript in the source), then chapters by time.
        for (i, s) in sections.enumerated() where s.kind == .summary {
            remap[i] = finalSections.count
            finalSections.append(s)
        }
        if let stray = pendingStrayChapter, transcriptChapterSections.values.contains(stray) == false {
            remap[stray] = finalSections.count
            finalSections.append(sections[stray])
        }
        for ci in orderedChapterIdx {
            if let si = transcriptChapterSections[ci] {
                remap[si] = finalSections.count
                finalSections.append(sections[si])
            } else {
                finalSections.append(Section(kind: .chapter, title: chapters[ci].title, start: chapters[ci].start, present: false))
            }
        }
        for i in paragraphs.indices { paragraphs[i].section = remap[paragraphs[i].section] ?? 0 }
        // Stable order by section keeps reading order inside each section.
        paragraphs = paragraphs.enumerated().sorted { ($0.element.section, $0.offset) < ($1.element.section, $1.offset) }.map(\.element)
        CueGrouping.attach(paragraphs: paragraphs, to: &finalSections)
        TimeEstimation.fill(&paragraphs, sections: finalSections)

        doc.metadata = meta
        doc.sections = finalSections
        doc.paragraphs = paragraphs
        if chapters.isEmpty { doc.warnings.append("no chapter list found") }
        if !finalSections.contains(where: { $0.kind == .chapter && $0.present }) { doc.warnings.append("no transcript text found") }
        return doc
    }

    /// "Watch now (142 mins) | ..." → 142.
    static func watchMinutes(_ line: String) -> Double? {
        guard line.lowercased().hasPrefix("watch now ("), let close = line.firstIndex(of: ")") else { return nil }
        let inner = line[line.index(line.startIndex, offsetBy: 11)..<close]
        let number = inner.prefix(while: { $0.isNumber })
        return Double(number)
    }

    static func metadataLine(_ line: String) -> (key: String, value: String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[..<colon]
        guard !key.isEmpty, key.count <= 24, key.allSatisfy({ ($0.isLetter && $0.isLowercase) || $0 == "_" }) else { return nil }
        let value = line[line.index(after: colon)...].trimmedSpaces
        return (String(key), value)
    }

    static func apply(_ kv: (key: String, value: String), to meta: inout Metadata) {
        switch kv.key {
        case "title": meta.title = kv.value
        case "author", "host": meta.author = kv.value
        case "publication": meta.publication = kv.value
        case "published", "date": meta.date = kv.value
        case "source_url", "url": meta.sourceURL = kv.value
        case "duration": meta.duration = Timestamp.parse(kv.value)
        case "guest", "guests":
            for name in kv.value.replacingOccurrences(of: " & ", with: ", ").replacingOccurrences(of: " and ", with: ", ").split(separator: ",") {
                let n = name.trimmedSpaces
                if !n.isEmpty, !meta.participants.contains(n) { meta.participants.append(n) }
            }
        default: meta.extra.append((kv.key, kv.value))
        }
    }

    /// `(00:12:36) - Title`
    static func chapterListLine(_ line: String) -> (Double, String)? {
        guard line.hasPrefix("("), let close = line.firstIndex(of: ")") else { return nil }
        let stamp = String(line[line.index(after: line.startIndex)..<close])
        guard let t = Timestamp.parse(stamp), stamp.utf8.contains(0x3A) else { return nil }
        var rest = line[line.index(after: close)...].drop(while: { $0 == " " })
        if rest.hasPrefix("-") || rest.hasPrefix("–") || rest.hasPrefix("—") { rest = rest.dropFirst() }
        return (t, rest.trimmedSpaces)
    }

    /// `00:12:36 - Title`
    static func transcriptHeading(_ line: String) -> (Double, String)? {
        // The chapter list's shape again: "(00:12:36) - Title", "[00:12:36] Title".
        if line.hasPrefix("(") || line.hasPrefix("["), line.count <= 160 {
            let l = line.hasPrefix("[") ? "(" + line.dropFirst().replacingOccurrences(of: "]", with: ")") : line
            if let (t, title) = chapterListLine(l), !title.isEmpty, TextTools.wordCount(title) <= 15 { return (t, title) }
            return nil
        }
        guard let first = line.first, first.isNumber, line.count <= 160 else { return nil }
        let parts = line.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].utf8.contains(0x3A), let t = Timestamp.parse(String(parts[0])) else { return nil }
        var rest = parts[1].drop(while: { $0 == " " })
        if rest.hasPrefix("-") || rest.hasPrefix("–") || rest.hasPrefix("—") {
            rest = rest.dropFirst()
            return (t, rest.trimmedSpaces)
        }
        // "00:12:36 Is diffusion cope?": a full H:MM:SS time (a sentence may start with a clock
        // time, "10:30 was early") and a short title, no dash.
        let title = rest.trimmedSpaces
        guard parts[0].utf8.filter({ $0 == 0x3A }).count == 2, !title.isEmpty, TextTools.wordCount(title) <= 12, title.first?.isUppercase == true else { return nil }
        return (t, title)
    }

    static func stripBullet(_ line: String) -> (String, Bool) {
        for b in ["• ", "- ", "* ", "· ", "– "] where line.hasPrefix(b) {
            return (String(line.dropFirst(b.count)).trimmedSpaces, true)
        }
        return (line, false)
    }

    /// E-mail chrome between the metadata and the chapter list.
    static func isChrome(_ line: String, meta: Metadata) -> Bool {
        let l = line.lowercased()
        let patterns = ["watch now", "forwarded this email", "subscribe", "read in app", "watch on youtube",
                        "listen on apple", "listen on spotify", "share this", "view in browser", "open in app",
                        "upgrade to paid", "unsubscribe"]
        if patterns.contains(where: { l.contains($0) }) && TextTools.wordCount(line) < 25 { return true }
        if line == meta.title || line == meta.author { return true }
        if TextTools.wordCount(line) <= 12 { return true }  // subtitles, dates, names
        return false
    }

    /// Footer chrome after the transcript.
    static func isTrailingChrome(_ line: String) -> Bool {
        let l = line.lowercased()
        guard TextTools.wordCount(line) <= 12 else { return false }
        let patterns = ["subscribe", "unsubscribe", "share", "leave a comment", "like", "restack", "©", "get the app",
                        "start writing", "read in app", "watch now", "upgrade to paid", "manage subscription", "read more", "listen now"]
        return patterns.contains(where: { l == $0 || l.hasPrefix($0 + " ") || l.hasPrefix("©") })
    }

    /// An export that kept the name line of one speaker only (the seed names Dario Amodei once,
    /// above his first answer, and never the host) has lost its turn markers: the paragraphs after
    /// that first answer alternate between host and guest with nothing to tell them apart. Carrying
    /// the one name forward would put the host's questions in the guest's mouth, so in that case a
    /// name labels only the paragraph right after it, and the rest stay unattributed (unknown).
    /// Returns whether it took any name away.
    static func forgetUnmarkedTurns(_ paragraphs: inout [Paragraph], namedTurnStarts: Set<Int>, participants: [String]) -> Bool {
        var named = Set<String>()
        for i in namedTurnStarts where i < paragraphs.count {
            if let s = paragraphs[i].speaker { named.insert(s) }
        }
        guard named.count == 1, participants.contains(where: { !named.contains($0) }) else { return false }
        var forgot = false
        for i in paragraphs.indices where paragraphs[i].speaker != nil && !namedTurnStarts.contains(i) {
            paragraphs[i].speaker = nil
            forgot = true
        }
        return forgot
    }

    /// A line that names a participant (from the metadata, the title, or a name line that recurs
    /// in the transcript), as the whole line: "Dario Amodei", "Dario Amodei:", "Dario Amodei
    /// (00:01:02)", or just the first name when no other participant has it ("Dario").
    /// Returns the full name.
    static func participantLine(_ line: String, meta: Metadata, recurring: [String] = []) -> String? {
        guard line.utf8.count <= 60 else { return nil }
        var names: [String] = []
        if let g = guestFromTitle(meta.title) { names.append(g) }
        if let a = meta.author { names.append(a) }
        names.append(contentsOf: meta.participants)
        names.append(contentsOf: recurring)
        guard !names.isEmpty else { return nil }
        let bare = bareName(line)
        guard !bare.isEmpty, bare.utf8.count <= 40 else { return nil }
        if let full = names.first(where: { $0 == bare }) { return full }
        // A first name alone, when it is one participant's only.
        let firsts = names.filter { $0.split(separator: " ").first.map(String.init) == bare && $0.contains(" ") }
        if Set(firsts).count == 1 { return firsts[0] }
        return nil
    }

    /// The name in a speaker line: without a trailing colon or a trailing time ("(00:01:02)",
    /// "[1:02]", "00:01:02").
    static func bareName(_ line: String) -> String {
        var s = line.trimmedSpaces
        if s.hasSuffix(":") { s = String(s.dropLast()).trimmedSpaces }
        if let space = s.lastIndex(of: " ") {
            var tail = s[s.index(after: space)...]
            if (tail.hasPrefix("(") && tail.hasSuffix(")")) || (tail.hasPrefix("[") && tail.hasSuffix("]")) {
                tail = tail.dropFirst().dropLast()
            }
            if tail.utf8.contains(0x3A), tail.first?.isNumber == true, Timestamp.parse(String(tail)) != nil {
                s = String(s[..<space]).trimmedSpaces
                if s.hasSuffix(":") { s = String(s.dropLast()).trimmedSpaces }
            }
        }
        return s
    }

    /// Words of repeated headings and page furniture ("Read More", "Ad Break", "Key Takeaways")
    /// that are capitalised like names but are not.
    static let notNameWords: Set<String> = ["read", "more", "watch", "now", "listen", "subscribe", "share", "the", "and",
                                            "of", "to", "in", "on", "for", "with", "episode", "chapter", "part", "sponsor",
                                            "sponsors", "transcript", "intro", "outro", "show", "notes", "key", "takeaways",
                                            "summary", "ad", "break", "continue", "reading", "full", "video", "audio", "link"]

    /// Name-like lines (two to four capitalised words, alone on their line) that occur at least
    /// twice after the transcript starts: the speakers, when the metadata does not name them.
    static func recurringNameLines(_ lines: [(range: Range<Int>, text: Substring)]) -> [String] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        var inTranscript = false
        for (_, raw) in lines {
            guard raw.utf8.count <= 64 else { continue }
            let line = TextTools.clean(raw)
            if !inTranscript {
                if line.lowercased() == "transcript" { inTranscript = true }
                continue
            }
            let name = bareName(line)
            guard looksLikeName(name),
                  !name.lowercased().split(separator: " ").contains(where: { notNameWords.contains(String($0)) }) else { continue }
            if counts[name] == nil { order.append(name) }
            counts[name, default: 0] += 1
        }
        return order.filter { counts[$0]! >= 2 }
    }

    /// "Dario Amodei — "We are near the end..."" → "Dario Amodei".
    static func guestFromTitle(_ title: String?) -> String? {
        guard let title else { return nil }
        for sep in [" — ", " – ", " - ", ": ", " | "] {
            if let r = title.range(of: sep) {
                let name = title[..<r.lowerBound].trimmedSpaces
                if looksLikeName(name) { return name }
            }
        }
        return nil
    }

    static func looksLikeName(_ s: String) -> Bool {
        let words = s.split(separator: " ")
        guard (2...4).contains(words.count) else { return false }
        return words.allSatisfy(\.isCapitalisedNameWord)
    }
}
