import Foundation

/// Reads a plain-text article: title, byline, headings (short lines without final punctuation),
/// paragraphs; trailing site chrome (Free Tool, Share…, Written by, newsletter sign-up) dropped.
public enum ArticleReader {
    static let summaryTitles: Set<String> = ["quick summary", "summary", "tl;dr", "tldr", "key takeaways", "brief",
                                            "key details", "why it matters", "in brief", "at a glance"]
    static let chromeStarts: [String] = ["free tool", "share", "written by", "free weekly briefing", "subscribe",
                                        "sign up", "unsubscribe", "related articles", "related posts", "more from",
                                        "leave a comment", "comments", "about the author", "newsletter",
                                        "you might also like", "read next", "tags:", "filed under", "advertisement"]

    /// - Parameter text: the bytes as a String, when the caller has it (see `TextTools.lines`).
    public static func read(_ bytes: [UInt8], path: String, text: String? = nil) -> Document {
        let all = TextTools.lines(bytes, text: text)
        if let captions = captionText(all, bytes: bytes, path: path) { return captions }
        if let turns = SpeakerTextReader.read(all, bytes: bytes, path: path) { return turns }
        let lines = all.filter { !TextTools.isBlank($0.text) }
        var doc = Document(path: path, format: .article, kind: .article, sourceBytes: bytes.count)
        guard !lines.isEmpty else {
            doc.warnings.append("empty document")
            return doc
        }
        var meta = Metadata()
        var idx = 0
        // A section label above the title ("Tech", "Opinion"): one or two words, then a line
        // that reads like a headline.
        if lines.count >= 3, TextTools.wordCount(TextTools.clean(lines[0].text)) <= 2, lines[0].text.utf8.count <= 40 {
            let next = TextTools.clean(lines[1].text)
            let words = TextTools.wordCount(next)
            if words >= 4, words <= 30, byline(next) == nil, TextTools.looksLikeHeading(next, maxWords: 30) {
                meta.extra.append(("section", TextTools.clean(lines[0].text)))
                idx = 1
            }
        }
        // A first line of reasonable length is the title; a huge one is text.
        if lines[idx].text.utf8.count <= 300 {
            meta.title = TextTools.clean(lines[idx].text)
            idx += 1
        } else {
            meta.title = Document.title(fromFileName: path)
        }
        // Byline: a short line right after the title ("Name··8 min read", "By Name", a date), or
        // after a one-line standfirst under it.
        var skipped: Int?, standfirst: Int?
        for k in idx..<min(idx + 2, lines.count) {
            let l = TextTools.clean(lines[k].text)
            if let author = byline(l) {
                meta.author = author
                if let date = bylineDate(l) { meta.date = date }
                if k == idx { idx += 1 } else { skipped = k; standfirst = idx }
                break
            }
        }
        // Trailing chrome: from the first chrome line in the last part of the article.
        var end = lines.count
        let tailStart = max(idx, lines.count / 2)
        for k in tailStart..<lines.count {
            let l = TextTools.clean(lines[k].text).lowercased()
            if TextTools.wordCount(l) <= 6 && chromeStarts.contains(where: { l == $0 || l.hasPrefix($0) }) {
                end = k
                break
            }
        }
        var sections: [Section] = []
        var paragraphs: [Paragraph] = []
        var current: Int?
        for k in idx..<end where k != skipped {
            let (range, raw) = lines[k]
            let line = TextTools.clean(raw)
            if isInlineChrome(line) { continue }
            let nextIsText = k + 1 < end && TextTools.wordCount(TextTools.clean(lines[k + 1].text)) > 0
            if k != standfirst && TextTools.looksLikeHeading(line, maxWords: 14) && nextIsText && TextTools.wordCount(line) <= 14 {
                let kind: SectionKind = summaryTitles.contains(line.lowercased()) ? .summary : .heading
                sections.append(Section(kind: kind, title: line))
                current = sections.count - 1
                continue
            }
            if current == nil {
                sections.append(Section(kind: .heading, title: meta.title ?? ""))
                current = 0
            }
            let (text, bullet) = NewsletterReader.stripBullet(line)
            paragraphs.append(Paragraph(text: text, byteRange: range, section: current!, style: bullet ? .bullet : .text))
        }
        if end < lines.count { doc.warnings.append("dropped \(lines.count - end) line(s) of trailing site chrome") }
        CueGrouping.attach(paragraphs: paragraphs, to: &sections)
        // Heading sections without text stay listed; they are present in the article.
        for i in sections.indices { sections[i].present = true }
        doc.metadata = meta
        doc.sections = sections
        doc.paragraphs = paragraphs
        return doc
    }

    /// Caption text without timings (a subtitle export): many short blocks separated by blank
    /// lines, most not ending a sentence; or a speech recogniser's text, one segment per line and
    /// no blank lines (Whisper's `.txt`, written beside its `.vtt`, `.srt` and `.json`). Read as a
    /// transcript whose blocks join into paragraphs at sentence ends; times are estimated from the
    /// word count (or taken from a timed copy beside it, `borrowTimes`).
    static func captionText(_ lines: [(range: Range<Int>, text: Substring)], bytes: [UInt8], path: String) -> Document? {
        // Blocks as runs of line indices first: most files are not captions, and they are turned
        // away by the count before any text is built.
        var spans: [Range<Int>] = []
        var open: Int?
        var blank = 0
        for (k, line) in lines.enumerated() {
            if TextTools.isBlank(line.text) {
                if let a = open { spans.append(a..<k) }
                open = nil
                blank += 1
            } else if open == nil {
                open = k
            }
        }
        if let a = open { spans.append(a..<lines.count) }
        // (A recogniser's segments passed their own test: `segmentLines`.)
        var bySegment = false
        if spans.count < 40, let segments = segmentLines(lines, blank: blank) { spans = segments; bySegment = true }
        guard spans.count >= 40 else { return nil }
        var buffer: [UInt8] = []
        let blocks: [(text: String, range: Range<Int>)] = spans.map { span in
            buffer.removeAll(keepingCapacity: true)
            for k in span {
                if !buffer.isEmpty { buffer.append(0x20) }
                lines[k].text.appendUTF8(to: &buffer)
            }
            let text = TextTools.clean(String(decoding: buffer, as: UTF8.self))
            return (text, lines[span.lowerBound].range.lowerBound..<lines[span.upperBound - 1].range.upperBound)
        }
        let counts = blocks.map { TextTools.wordCount($0.text) }
        if !bySegment {
            let sortedCounts = counts.sorted()
            let sentenceEnds = blocks.filter { endsSentence(Substring($0.text)) }.count
            guard sortedCounts[sortedCounts.count / 2] <= 10, sentenceEnds * 10 < blocks.count * 7 else { return nil }
        }
        var doc = Document(path: path, format: .captionText, kind: .transcript, sourceBytes: bytes.count)
        var paragraphs: [Paragraph] = []
        var text: [UInt8] = [], range = 0..<0, count = 0
        for (b, words) in zip(blocks, counts) {
            // Another voice ("- " or ">> ", as in the timed captions) starts a paragraph.
            if !text.isEmpty, b.text.hasPrefix("- ") || b.text.hasPrefix(">> ") {
                paragraphs.append(Paragraph(text: String(decoding: text, as: UTF8.self), byteRange: range, section: 0))
                text.removeAll(keepingCapacity: true)
                count = 0
            }
            if text.isEmpty { range = b.range } else { range = range.lowerBound..<b.range.upperBound }
            if !text.isEmpty { text.append(0x20) }
            text.append(contentsOf: b.text.utf8)
            count += words
            if (count >= 45 && endsSentence(Substring(b.text))) || count >= 140 {
                paragraphs.append(Paragraph(text: String(decoding: text, as: UTF8.self), byteRange: range, section: 0))
                text.removeAll(keepingCapacity: true)
                count = 0
            }
        }
        if !text.isEmpty { paragraphs.append(Paragraph(text: String(decoding: text, as: UTF8.self), byteRange: range, section: 0)) }
        var sections = [Section(kind: .chapter, title: Document.untimedCaptionSection, start: 0)]
        CueGrouping.attach(paragraphs: paragraphs, to: &sections)
        TimeEstimation.fill(&paragraphs, sections: sections)
        doc.sections = sections
        doc.paragraphs = paragraphs
        doc.metadata.title = Document.title(fromFileName: path)
        doc.warnings.append(Document.untimedCaptionWarning)
        return doc
    }

    /// Whether the text ends with . ? or !
    static func endsSentence(_ t: Substring) -> Bool {
        guard let last = t.utf8.last else { return false }
        return last == 0x2E || last == 0x3F || last == 0x21
    }

    /// A speech recogniser's text, one segment per line: at least 40 lines and hardly a blank one
    /// (one in twenty), short lines (half of ten to 25 words or fewer, nine in ten 45 or fewer),
    /// and cut where speech paused rather than where sentences end: a fifth of the lines end
    /// without a sentence's end, or three in twenty go on in lower case. (An article written one
    /// paragraph per line has longer lines, which end sentences and start them.) Each line's
    /// index as a block, or nil.
    static func segmentLines(_ lines: [(range: Range<Int>, text: Substring)], blank: Int) -> [Range<Int>]? {
        let filled = lines.indices.filter { !TextTools.isBlank(lines[$0].text) }
        guard filled.count >= 40, blank * 20 <= filled.count else { return nil }
        var counts: [Int] = []
        var open = 0, lower = 0, marked = 0
        counts.reserveCapacity(filled.count)
        for k in filled {
            let t = TextTools.trimmedSlice(lines[k].text)
            counts.append(TextTools.wordCount(String(t)))
            if !endsSentence(t) { open += 1 }
            if let f = t.first, f.isLowercase { lower += 1 }
            // Markdown or a list is no recogniser's output ("- " may mark another voice).
            if t.hasPrefix("#") || t.hasPrefix("* ") || t.hasPrefix(">") || t.hasPrefix("|") { marked += 1 }
        }
        counts.sort()
        let short = counts[counts.count / 2] <= 25 && counts[counts.count * 9 / 10] <= 45
        let cut = open * 5 >= filled.count || lower * 20 >= filled.count * 3
        guard short, cut, marked * 10 < filled.count else { return nil }
        return filled.map { $0..<($0 + 1) }
    }

    /// Page furniture between paragraphs: an advertisement slot, a link to another story.
    static func isInlineChrome(_ line: String) -> Bool {
        guard line.utf8.count <= 160 else { return false }
        let l = line.lowercased()
        if ["advertisement", "sponsored", "story continues below advertisement", "continue reading below",
            "article continues below", "skip advertisement"].contains(l) { return true }
        guard TextTools.wordCount(line) <= 16 else { return false }
        return ["related:", "read more:", "see also:", "also read:", "read also:", "recommended:", "more:"].contains { l.hasPrefix($0) }
    }

    /// "Abhishek Gautam··8 min read" → "Abhishek Gautam"; "By Jane Doe" → "Jane Doe".
    static func byline(_ line: String) -> String? {
        guard TextTools.wordCount(line) <= 14 else { return nil }
        if line.lowercased().hasPrefix("by ") {
            return String(line.dropFirst(3)).components(separatedBy: CharacterSet(charactersIn: "·|,•")).first?.trimmedSpaces
        }
        let l = line.lowercased()
        if l.has("min read") || line.has("·") || line.has("•") {
            let name = line.components(separatedBy: CharacterSet(charactersIn: "·|•")).first?.trimmedSpaces ?? ""
            return name.isEmpty ? nil : name
        }
        return nil
    }

    static func bylineDate(_ line: String) -> String? {
        let parts = line.components(separatedBy: CharacterSet(charactersIn: "·|•")).map { $0.trimmedSpaces }
        return parts.dropFirst().first(where: { p in p.rangeOfCharacter(from: .decimalDigits) != nil && !p.lowercased().has("min read") })
    }
}
