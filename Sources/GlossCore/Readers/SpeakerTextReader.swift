import Foundation

/// A transcript as plain text with speaker labels and no timings: `JANE DOE: Thanks for having
/// me.`, `Speaker 1: …`, `Q: …` (news transcripts, interviews printed in question-and-answer
/// form, a recogniser's export without times). Told apart by the article reader, as caption text
/// is: most of the text's blocks start with a label, and at least two speakers take turns. Each
/// turn is a paragraph with its speaker (a paragraph without a label goes on with the speaker
/// before it; text before the first turn has none); times are estimated from word counts.
enum SpeakerTextReader {
    static let section = "Transcript (speaker labels, no timings)"
    static let warning = "speaker-labelled text without timings: times are estimated from word counts"

    /// Labels that head an article's lines, not a speaker's turn.
    static let notSpeakers: Set<String> = ["note", "notes", "update", "updated", "editor's note", "editor’s note", "source", "sources",
                                           "photo", "image", "credit", "credits", "related", "read more", "see also", "tags", "share",
                                           "disclosure", "correction", "warning", "summary", "example", "examples", "tip", "pros",
                                           "cons", "step", "caption", "transcript", "date", "title", "author", "by", "posted",
                                           "published", "subject", "from", "to", "cc", "re", "fig", "figure", "table", "chapter",
                                           "part", "section", "edit", "ps", "p.s", "tl;dr", "tldr", "bottom line", "why", "what", "how"]

    /// The speaker label a line starts with (`NAME: text`), and where its text starts (empty for
    /// a label alone on its line), or nil. A label is one to four words, each starting with a capital letter (`Mr.`, `O'Brien`,
    /// `Jean-Luc`), a number only after the first (`Speaker 2`); or `Q`/`A`; a role may follow
    /// the name after a comma, as news transcripts write it (`STEVE INSKEEP, HOST:`), and is not
    /// part of the name. At most 60 bytes in all.
    static func label(_ line: Substring) -> (name: String, rest: Substring)? {
        guard let colon = line.utf8.prefix(61).firstIndex(of: 0x3A) else { return nil }
        var name = line[line.startIndex..<colon]
        let after = line.index(after: colon)
        // "NAME: text", a space after the colon (not "http://", "12:36"); or "NAME:" alone on
        // its line, the turn's text below it.
        guard after == line.endIndex || line[after] == " " || line[after] == "\t" else { return nil }
        if let comma = name.firstIndex(of: ",") {
            // A role in capitals, or in words with capitals (`Director of Research`).
            let role = name[name.index(after: comma)...].drop { $0 == " " }
            let roleWords = role.split(separator: " ")
            guard let first = roleWords.first?.first, first.isUppercase, roleWords.count <= 5,
                  roleWords.allSatisfy({ $0.first!.isUppercase || ["of", "for", "the", "and", "at", "in", "on", "to"].contains($0) }),
                  role.allSatisfy({ $0.isLetter || $0 == " " || $0 == "." || $0 == "-" || $0 == "/" || $0 == "'" || $0 == "’" }) else { return nil }
            name = name[..<comma]
        }
        guard name.utf8.count <= 40 else { return nil }
        let words = name.split(separator: " ", omittingEmptySubsequences: false)
        guard !words.isEmpty, words.count <= 4, !name.hasSuffix(" ") else { return nil }
        for (k, w) in words.enumerated() {
            guard let first = w.first else { return nil }
            if k > 0, w.allSatisfy(\.isNumber), w.count <= 3 { continue }
            guard first.isUppercase, w.allSatisfy({ $0.isLetter || $0 == "'" || $0 == "’" || $0 == "-" || $0 == "." }) else { return nil }
        }
        guard !notSpeakers.contains(name.lowercased()) else { return nil }
        return (String(name), line[after...].drop { $0 == " " || $0 == "\t" })
    }

    /// The label of each block (by its first line), when the blocks read as speaker-labelled
    /// turns: at least six turns making at least two blocks in five, by at least two speakers
    /// who each speak twice, the speaker changing from one turn to the next at least half the
    /// time (a list of `Note: …` lines does not). Nil otherwise.
    static func turns(_ firstLines: [Substring]) -> [(name: String, rest: Substring)?]? {
        let found = firstLines.map { label(TextTools.trimmedSlice($0)) }
        return areTurns(found) ? found : nil
    }

    /// Whether blocks with these labels (nil for a block without one) read as turns (`turns`).
    static func areTurns(_ found: [(name: String, rest: Substring)?]) -> Bool {
        let turns = found.compactMap { $0?.name }
        guard turns.count >= 6, turns.count * 5 >= found.count * 2 else { return false }
        var uses: [String: Int] = [:]
        for t in turns { uses[t, default: 0] += 1 }
        guard uses.values.filter({ $0 >= 2 }).count >= 2 else { return false }
        let changes = zip(turns, turns.dropFirst()).filter { $0 != $1 }.count
        return changes * 2 >= turns.count - 1
    }

    /// Speaker names as a news transcript means them: one named in full once (`STEVE INSKEEP,
    /// HOST:`) and by surname after (`INSKEEP:`) is one speaker, when one full name ends so.
    /// Each name in order (already capitalised), with surnames replaced by their full names.
    static func fullNames(_ names: [String]) -> [String] {
        var full: [String: Set<String>] = [:]   // surname (lower case) → full names ending in it
        for n in names {
            let words = n.split(separator: " ")
            if words.count >= 2, let last = words.last { full[last.lowercased(), default: []].insert(n) }
        }
        return names.map { n in
            guard !n.contains(" "), let f = full[n.lowercased()], f.count == 1 else { return n }
            return f.first!
        }
    }

    /// The document, when the lines read as speaker-labelled turns (`turns`); nil otherwise.
    static func read(_ lines: [(range: Range<Int>, text: Substring)], bytes: [UInt8], path: String) -> Document? {
        // Blocks: runs of lines between blank ones; a line with a label starts one too. Each
        // block's label (its first line's) is kept as the block opens.
        var blocks: [Range<Int>] = []
        var labels: [(name: String, rest: Substring)?] = []
        var open: Int?
        for (k, line) in lines.enumerated() {
            if TextTools.isBlank(line.text) {
                if let a = open { blocks.append(a..<k) }
                open = nil
                continue
            }
            let l = label(TextTools.trimmedSlice(line.text))
            if let a = open, l != nil {
                blocks.append(a..<k)
                open = nil
            }
            if open == nil {
                open = k
                labels.append(l)
            }
        }
        if let a = open { blocks.append(a..<lines.count) }
        guard areTurns(labels) else { return nil }
        var names = fullNames(labels.compactMap { $0?.name.capitalizedIfAllCaps })[...]

        var doc = Document(path: path, format: .speakerText, kind: .transcript, sourceBytes: bytes.count)
        var paragraphs: [Paragraph] = []
        var speaker: String?
        var buffer: [UInt8] = []
        var first = 0
        // A short first block before any turn is the title.
        if let b = blocks.first, labels[0] == nil, b.count == 1, lines[b.lowerBound].text.utf8.count <= 300 {
            doc.metadata.title = TextTools.clean(String(lines[b.lowerBound].text))
            first = 1
        }
        for (b, l) in zip(blocks, labels).dropFirst(first) {
            buffer.removeAll(keepingCapacity: true)
            for k in b {
                let text = k == b.lowerBound ? l?.rest ?? TextTools.trimmedSlice(lines[k].text) : TextTools.trimmedSlice(lines[k].text)
                if !buffer.isEmpty { buffer.append(0x20) }
                text.appendUTF8(to: &buffer)
            }
            // ("NAME:" alone names the speaker of the block below it.)
            if l != nil { speaker = names.popFirst() }
            let text = TextTools.clean(String(decoding: buffer, as: UTF8.self))
            guard !text.isEmpty else { continue }
            let range = lines[b.lowerBound].range.lowerBound..<lines[b.upperBound - 1].range.upperBound
            paragraphs.append(Paragraph(text: text, speaker: speaker, byteRange: range, section: 0))
        }
        var sections = [Section(kind: .chapter, title: section, start: 0)]
        CueGrouping.attach(paragraphs: paragraphs, to: &sections)
        TimeEstimation.fill(&paragraphs, sections: sections)
        var seen = Set<String>()
        doc.metadata.participants = paragraphs.compactMap(\.speaker).filter { seen.insert($0).inserted }
        if doc.metadata.title == nil { doc.metadata.title = Document.title(fromFileName: path) }
        doc.sections = sections
        doc.paragraphs = paragraphs
        doc.warnings.append(warning)
        return doc
    }
}
