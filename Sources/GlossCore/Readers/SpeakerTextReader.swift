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

    /// The speaker label a line starts with (`NAME: text`), and where its text starts, or nil.
    /// A label is one to four words (at most 40 bytes), each starting with a capital letter
    /// (`Mr.`, `O'Brien`, `Jean-Luc`), a number only after the first (`Speaker 2`); or `Q`/`A`.
    static func label(_ line: Substring) -> (name: String, rest: Substring)? {
        guard let colon = line.utf8.prefix(41).firstIndex(of: 0x3A) else { return nil }
        let name = line[line.startIndex..<colon]
        let after = line.index(after: colon)
        // "NAME: text": a space after the colon (not "http://", "12:36").
        guard after < line.endIndex, line[after] == " " || line[after] == "\t" else { return nil }
        let words = name.split(separator: " ", omittingEmptySubsequences: false)
        guard !words.isEmpty, words.count <= 4, !name.hasSuffix(" ") else { return nil }
        for (k, w) in words.enumerated() {
            guard let first = w.first else { return nil }
            if k > 0, w.allSatisfy(\.isNumber), w.count <= 3 { continue }
            guard first.isUppercase, w.allSatisfy({ $0.isLetter || $0 == "'" || $0 == "’" || $0 == "-" || $0 == "." }) else { return nil }
        }
        guard !notSpeakers.contains(name.lowercased()) else { return nil }
        let rest = line[after...].drop { $0 == " " || $0 == "\t" }
        guard !rest.isEmpty else { return nil }
        return (String(name), rest)
    }

    /// The document, when the lines read as speaker-labelled turns: at least six turns making at
    /// least two blocks in five, by at least two speakers who each speak twice, the speaker
    /// changing at most turns (a list of `Note: …` lines does not). Nil otherwise.
    static func read(_ lines: [(range: Range<Int>, text: Substring)], bytes: [UInt8], path: String) -> Document? {
        // Blocks: runs of lines between blank ones; a line with a label starts one too.
        struct Block { var lines: Range<Int>; var label: String? }
        var blocks: [Block] = []
        var open: Int?
        var openLabel: String?
        for (k, line) in lines.enumerated() {
            if TextTools.isBlank(line.text) {
                if let a = open { blocks.append(Block(lines: a..<k, label: openLabel)) }
                open = nil
                continue
            }
            let l = label(TextTools.trimmedSlice(line.text))
            if let a = open, l != nil {
                blocks.append(Block(lines: a..<k, label: openLabel))
                open = nil
            }
            if open == nil {
                open = k
                openLabel = l?.name
            }
        }
        if let a = open { blocks.append(Block(lines: a..<lines.count, label: openLabel)) }
        let turns = blocks.compactMap(\.label)
        guard turns.count >= 6, turns.count * 5 >= blocks.count * 2 else { return nil }
        var uses: [String: Int] = [:]
        for t in turns { uses[t, default: 0] += 1 }
        guard uses.values.filter({ $0 >= 2 }).count >= 2 else { return nil }
        let changes = zip(turns, turns.dropFirst()).filter { $0 != $1 }.count
        guard changes * 2 >= turns.count - 1 else { return nil }

        var doc = Document(path: path, format: .speakerText, kind: .transcript, sourceBytes: bytes.count)
        var paragraphs: [Paragraph] = []
        var speaker: String?
        var buffer: [UInt8] = []
        var first = 0
        // A short first block before any turn is the title.
        if let b = blocks.first, b.label == nil, b.lines.count == 1, lines[b.lines.lowerBound].text.utf8.count <= 300 {
            doc.metadata.title = TextTools.clean(String(lines[b.lines.lowerBound].text))
            first = 1
        }
        for b in blocks.dropFirst(first) {
            buffer.removeAll(keepingCapacity: true)
            for k in b.lines {
                var text = TextTools.trimmedSlice(lines[k].text)
                if k == b.lines.lowerBound, b.label != nil, let l = label(text) { text = l.rest }
                if !buffer.isEmpty { buffer.append(0x20) }
                text.appendUTF8(to: &buffer)
            }
            let text = TextTools.clean(String(decoding: buffer, as: UTF8.self))
            guard !text.isEmpty else { continue }
            if let l = b.label { speaker = l.capitalizedIfAllCaps }
            let range = lines[b.lines.lowerBound].range.lowerBound..<lines[b.lines.upperBound - 1].range.upperBound
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
