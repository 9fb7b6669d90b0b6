import Foundation
import GlossApp
import GlossCore
import GlossRender
import GlossSample

/// Fuzz targets: each feeds bytes to one part of Gloss and checks invariants that must hold for
/// any input. A violated invariant traps (libFuzzer reports it; the regression tests replay it).
public enum FuzzChecks {
    public static let targets = ["newsletter", "article", "webvtt", "cuetext", "srt", "podcast", "ttml", "ssa", "markdown", "timedtext", "html", "podcasthtml", "loader",
                                 "timestamp", "figures", "quotes", "claims", "width", "index", "app"]

    /// The bundled sample and its checked claims, made once (the `app` target reads beside them).
    nonisolated(unsafe) static var sample: (documents: [Document], claims: [CheckedClaim])?

    public static func run(_ target: String, _ bytes: [UInt8]) {
        switch target {
        case "newsletter": check(NewsletterReader.read(decode(bytes), path: "fuzz.txt"), sourceBytes: decode(bytes).count)
        case "article": check(ArticleReader.read(decode(bytes), path: "fuzz.txt"), sourceBytes: decode(bytes).count)
        case "markdown": check(MarkdownReader.read(decode(bytes), path: "fuzz.md"), sourceBytes: decode(bytes).count)
        case "timedtext":
            let d = decode(bytes)
            let lines: [Substring] = Array(TextTools.lines(Array(d.prefix(65_536))).map(\.text).filter { !TextTools.isBlank($0) }.prefix(400))
            _ = TimedTextReader.sniff(lines)
            for line in lines.prefix(64) {
                if let t = TimedTextReader.timedLine(line) { precondition(t.time.isFinite && t.time >= 0, "time out of range") }
            }
            let doc = TimedTextReader.read(d, path: "fuzz.txt")
            check(doc, sourceBytes: d.count)
            // Every paragraph starts at a time the text gave: exact, in order within its section.
            precondition(!doc.paragraphs.contains { $0.estimated }, "an estimated time in timed text")
        case "html": check(HTMLReader.read(decode(bytes), path: "fuzz.html"), sourceBytes: nil)
        case "podcasthtml":
            let d = decode(bytes)
            _ = PodcastHTMLReader.sniff(String(decoding: d.prefix(16_384), as: UTF8.self))
            check(PodcastHTMLReader.read(d, path: "fuzz.html", chapters: nil), sourceBytes: d.count)
        case "webvtt":
            if let file = try? WebVTTParser.parse(decode(bytes)) {
                for c in file.cues { precondition(c.byteRange.upperBound <= bytes.count + 3 * bytes.count) }
            }
            // (Read as players do: what a file with no valid timing gets.)
            if let loose = try? WebVTTParser.parse(decode(bytes), lenient: true) {
                for c in loose.cues { precondition(c.start.isFinite && c.end.isFinite && c.start >= 0 && c.byteRange.upperBound <= 4 * bytes.count) }
            }
            if let d = try? CueDocumentReader.webvtt(decode(bytes), path: "fuzz.vtt", chapters: nil) { check(d, sourceBytes: nil) }
        case "cuetext":
            let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
            let nodes = WebVTTCueText.parse(text)
            _ = WebVTTCueText.treeDump(nodes)
            _ = WebVTTCueText.plainText(nodes)
        case "srt":
            let d = decode(bytes)
            let r = SRTParser.parse(d)
            for c in r.cues { precondition(c.byteRange.upperBound <= d.count, "cue range past the end") }
            if let doc = try? CueDocumentReader.srt(d, path: "fuzz.srt", chapters: nil) {
                check(doc, sourceBytes: nil)
                // Without cues the text is read from the bytes where it can be: the same paragraphs.
                let lean = try? CueDocumentReader.srt(d, path: "fuzz.srt", chapters: nil, keepCues: false)
                precondition(lean?.paragraphs == doc.paragraphs, "paragraphs differ without cues")
            }
        case "podcast":
            if let d = try? CueDocumentReader.podcastJSON(bytes, path: "fuzz.json", chapters: nil) { check(d, sourceBytes: nil) }
            // Speech-to-text services' JSON (AssemblyAI, Deepgram, Rev.ai, Amazon Transcribe).
            _ = SpeechJSONReader.sniff(String(decoding: bytes.prefix(16_384), as: UTF8.self))
            if let d = try? SpeechJSONReader.read(bytes, path: "fuzz.json", chapters: nil) {
                check(d, sourceBytes: nil)
                precondition(d.cues?.allSatisfy { $0.start.isFinite && $0.start >= 0 && $0.end >= $0.start } ?? true, "cue out of range")
            }
            if let c = try? CueDocumentReader.chapters(bytes) {
                precondition(zip(c, c.dropFirst()).allSatisfy { $0.start <= $1.start }, "chapters out of order")
            }
        case "ssa":
            let d = decode(bytes)
            _ = SSAReader.sniff(Substring(String(decoding: d.prefix(16_384), as: UTF8.self)))
            if let doc = try? SSAReader.read(d, path: "fuzz.ass", chapters: nil) {
                check(doc, sourceBytes: d.count)
                precondition(doc.cues?.allSatisfy { $0.start.isFinite && $0.start >= 0 && $0.byteRange.upperBound <= d.count } ?? true, "cue out of range")
                // In order of their start times.
                precondition(zip(doc.paragraphs, doc.paragraphs.dropFirst()).allSatisfy { ($0.time ?? 0) <= ($1.time ?? .infinity) }, "paragraphs out of order")
                let lean = try? SSAReader.read(d, path: "fuzz.ass", chapters: nil, keepCues: false)
                precondition(lean?.paragraphs == doc.paragraphs, "paragraphs differ without cues")
            }
            for t in ["0:00:01.00", "12:34.5", String(decoding: bytes.prefix(24), as: UTF8.self)] {
                if let v = SSAReader.time(Substring(t)) { precondition(v.isFinite && v >= 0 && v < 360_000, "time out of range") }
            }
            _ = SSAReader.plainText(Substring(String(decoding: bytes.prefix(4096), as: UTF8.self)))
        case "ttml":
            let d = decode(bytes)
            _ = TTMLReader.sniff(String(decoding: d.prefix(16_384), as: UTF8.self))
            for youtube in [false, true] {
                let doc = TTMLReader.read(d, path: "fuzz.ttml", chapters: nil, youtube: youtube)
                check(doc, sourceBytes: d.count)
                precondition(doc.cues?.allSatisfy { $0.start.isFinite && $0.start >= 0 && $0.byteRange.upperBound <= d.count } ?? true, "cue out of range")
            }
            for t in ["1s", "00:00:01:12", "10t", String(decoding: bytes.prefix(32), as: UTF8.self)] {
                if let v = TTMLReader.time(t, TTMLReader.Rates()) { precondition(v.isFinite && v >= 0, "time out of range") }
            }
        case "loader":
            if let d = try? DocumentLoader.parse(bytes, path: "fuzz", lenient: true) {
                check(d, sourceBytes: nil)
                // Timed by a copy of itself (as caption text by its SRT): the times in order, or
                // none borrowed (no times or no words to go by).
                var timed = d
                timed.borrowTimes(from: d)
                check(timed, sourceBytes: nil)
                let times = timed.paragraphs.compactMap(\.time)
                precondition(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 } && times.allSatisfy { $0 >= 0 }
                             || timed.paragraphs.map(\.time) == d.paragraphs.map(\.time), "borrowed times out of order")
            }
        case "timestamp":
            let s = String(decoding: bytes.prefix(64), as: UTF8.self)
            if let t = Timestamp.parse(s) {
                precondition(t.isFinite && t >= 0, "timestamp out of range")
                if t < 1e9 {
                    let again = Timestamp.parse(Timestamp.format(t))
                    precondition(again == Double(Int(t)), "format/parse round trip: \(t)")
                }
            }
            if let t = WebVTTParser.timestamp(s) { precondition(t.isFinite && t >= 0) }
            if let t = SRTParser.parseTime(s) { precondition(t.isFinite && t >= 0) }
        case "figures":
            let s = String(decoding: bytes.prefix(8192), as: UTF8.self)
            for f in FigureExtractor.extract(s) {
                precondition(f.low <= f.high || f.low.isNaN == false && f.high.isNaN == false, "low > high")
                precondition(f.range.upperBound <= s.utf8.count, "figure range past the end")
                _ = f.description
            }
            for q in QuoteExtractor.quotes(in: s) { precondition(q.range.upperBound <= s.utf8.count) }
            _ = Sentences.split(s)
        case "claims":
            // First half an article (Markdown, so headings and quotes), second half the cue text
            // of a transcript; the article's claims checked against it.
            let cut = bytes.count / 2
            let article = try? DocumentLoader.parse(Array(bytes[..<cut]), path: "a.md", lenient: true)
            let transcript = "WEBVTT\n\n00:00.000 --> 00:05.000\n" + String(decoding: bytes[cut...], as: UTF8.self)
                .replacingOccurrences(of: "\n\n", with: "\n\n00:05.000 --> 00:09.000\n")
            guard let a = article, let t = try? DocumentLoader.parse(Array(transcript.utf8), path: "t.vtt") else { return }
            let docs = [a, t]
            let index = CorpusIndex(documents: docs)
            let checker = ClaimChecker(index: index, transcripts: [1])
            let checked = checker.check(ClaimExtractor.claims(in: a, docIndex: 0, participants: checker.participants))
            for c in checked {
                precondition((c.verdict == .notFound) == c.evidence.isEmpty, "verdict and evidence disagree")
                for e in c.evidence {
                    precondition(e.ref.doc == 1 && e.ref.paragraph < t.paragraphs.count, "evidence outside the transcript")
                    precondition(e.coverage >= 0 && e.coverage <= 1 && e.score.isFinite, "coverage or score out of range")
                    // Where the evidence says the claim is in its passage, and said after it starts.
                    let p = t.paragraphs[e.ref.paragraph]
                    if let focus = Reports.evidenceFocus(docs, e, of: c) {
                        precondition(focus >= 0 && focus <= p.text.utf8.count, "evidence focus past its passage")
                    }
                    if let said = Reports.evidenceSaid(docs, e, of: c) {
                        precondition(said.isFinite && said >= (p.time ?? -.infinity), "said before its passage starts")
                    }
                }
                for q in c.quotes { precondition(q.similarity >= 0 && q.similarity <= 1) }
            }
            // The reports of them (excerpts around those places) are made without a trap.
            _ = Reports.claimsText(index, checked)
            _ = Reports.claimsJSON(index, checked).serialized()
        case "quotes":
            // First half a transcript, second half a quote.
            let cut = bytes.count / 2
            let transcript = "WEBVTT\n\n00:00.000 --> 00:05.000\n" + String(decoding: bytes[..<cut], as: UTF8.self)
            guard let doc = try? DocumentLoader.parse(Array(transcript.utf8), path: "t.vtt") else { return }
            let m = QuoteMatcher(documents: [doc], targets: [0]).locate(String(decoding: bytes[cut...].prefix(400), as: UTF8.self))
            precondition(m.similarity >= 0 && m.similarity <= 1, "similarity out of range")
            // A quotation found is somewhere: its words as said are in the transcript's text.
            if m.found {
                precondition(m.ref != nil && m.time != nil, "found nowhere")
                for span in m.spans {
                    precondition(doc.paragraphs.indices.contains(span.paragraph)
                                 && span.range.lowerBound >= 0 && span.range.upperBound <= doc.paragraphs[span.paragraph].text.utf8.count, "said past its paragraph")
                }
            }
            checkOneWordSaidMore(bytes)
        case "width":
            let s = String(decoding: bytes.prefix(4096), as: UTF8.self)
            let units = TextWidth.units(s)
            for u in units {
                for sc in u.text.unicodeScalars { precondition(sc.value >= 0x20 && !(0x7F...0x9F).contains(sc.value), "control scalar on screen") }
            }
            let width = Int(bytes.first ?? 0) % 40 + 1
            for line in Wrap.lines(units, width: width) {
                precondition(line.columns <= max(width, 2), "wrapped line too wide")
            }
            var grid = Grid(width: width, height: 3)
            grid.put(s, x: Int(bytes.last ?? 0) % (width + 2) - 1, y: 1, role: .normal)
            for c in grid.cells { precondition(c.width <= 2) }
        case "index":
            // The tokenizer's word-at-a-time paths against its byte loop; the index over the text
            // finds its own first term.
            let s = String(decoding: bytes, as: UTF8.self)
            let fast = Tokenizer.tokens(s)
            precondition(fast == Tokenizer.tokens(s, byteLoopOnly: true), "word-at-a-time tokens differ")
            guard let doc = try? DocumentLoader.parse(bytes, path: "fuzz.txt", lenient: true) else { return }
            let index = CorpusIndex(documents: [doc])
            if let p = doc.paragraphs.first, let term = Tokenizer.terms(p.text).first {
                precondition(index.frequency(of: term) > 0, "indexed term not found: \(term)")
                // Its first letters, typed into the reader's search, find it.
                let start = String(term.prefix(SearchQuery.minimumPrefix))
                let q = SearchQuery(start, lastWordIsPrefix: true)
                if q.prefix != nil {
                    let hits = index.search(q, limit: 50)
                    precondition(!hits.isEmpty, "no hits for the prefix \(start)")
                    precondition(Set(hits.map(\.ref)).count == hits.count, "a paragraph listed twice")
                    precondition(!CorpusIndex.matchRanges(in: p.text, query: q).isEmpty, "prefix not highlighted")
                }
            }
            // Any text as a query typed so far.
            let typed = SearchQuery(String(s.prefix(60)), lastWordIsPrefix: true)
            for h in index.search(typed, limit: 20) {
                precondition(h.ref.paragraph < doc.paragraphs.count)
                // Its excerpt, at any width, is a part of the paragraph's words.
                let text = doc.paragraphs[h.ref.paragraph].text
                for width in [1, 40, 160] {
                    let e = CorpusIndex.excerpt(text, query: typed, width: width)
                    precondition(text.contains(e.trimmingCharacters(in: CharacterSet(charactersIn: "…")).prefix(8)), "an excerpt not from its paragraph")
                }
            }
            // Titles: what is found holds the query; a chapter is found by its title's first word.
            for h in index.sectionHits(typed) {
                let k = h.section!
                precondition(k < doc.sections.count && CorpusIndex.titleHolds(doc.sections[k].title, typed), "a title hit without the words")
            }
            if let k = doc.sections.indices.first(where: { doc.sections[$0].kind == .chapter && !Tokenizer.terms(doc.sections[$0].title).isEmpty }),
               !(k == 0 && doc.sections[k].start == nil && doc.sections[k].title == doc.title) {
                let word = Tokenizer.terms(doc.sections[k].title)[0]
                precondition(index.sectionHits(SearchQuery(word)).contains { $0.section == k } || SearchQuery(word).isEmpty
                             || !SearchQuery(word).figures.isEmpty, "chapter not found by its title's word \(word)")
            }
            // A suggested spelling changes the query.
            if let better = index.suggestion(for: String(s.prefix(60))) {
                precondition(better != String(s.prefix(60)), "a suggestion that changes nothing")
            }
        case "app":
            // First half a document of any format, read in the reader beside the bundled sample
            // (whose claims are there too); second half keys, clicks and sizes (`ReaderDriver`).
            if sample == nil {
                let docs = Sample.documents()
                let checker = ClaimChecker(index: CorpusIndex(documents: docs))
                sample = (docs, checker.check(checker.extractClaims()))
            }
            let cut = bytes.count / 2
            var docs = sample!.documents
            if let d = try? DocumentLoader.parse(Array(bytes[..<cut]), path: "fuzz.txt", lenient: true) { docs.append(d) }
            var s = AppState(documents: docs, width: 80, height: 24)
            s.current = docs.count - 1
            _ = update(&s, .corpusReady(documents: docs, index: CorpusIndex(documents: docs), claims: sample!.claims, problems: []))
            // (At most 400 bytes of events: a few hundred keys reach every state; more only slow each run.)
            ReaderDriver.drive(&s, bytes[cut...].prefix(400))
        default:
            break
        }
    }

    /// Words of their own (no stop words, fillers or contractions) from the input: a transcript
    /// of them, and a quotation of it that leaves out one word said in the middle. Leaving out
    /// a word costs one edit at most, so the quotation is found with a similarity of at least
    /// 1 − 1/its length. (The optimized build once scored such quotations lower than the debug
    /// build did: a miscompile of the alignment's rotating rows, which this catches.)
    static func checkOneWordSaidMore(_ bytes: [UInt8]) {
        let alphabet = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
                        "india", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa"]
        let said = bytes.prefix(40).map { alphabet[Int($0) % alphabet.count] }
        guard said.count >= 10 else { return }
        let cut = 1 + Int(bytes.last ?? 0) % (said.count - 2)
        let quote = Array(said[..<cut] + said[(cut + 1)...])
        let vtt = "WEBVTT\n\n00:00.000 --> 00:05.000\n" + said.joined(separator: " ") + "\n"
        guard let doc = try? DocumentLoader.parse(Array(vtt.utf8), path: "t.vtt") else { return }
        let m = QuoteMatcher(documents: [doc], targets: [0]).locate(quote.joined(separator: " "))
        // (Similarities are reported to three decimals.)
        precondition(m.similarity >= 1 - 1 / Double(quote.count) - 0.0005, "a quotation one word short scored \(m.similarity): \(quote) in \(said)")
    }

    static func decode(_ bytes: [UInt8]) -> [UInt8] { SourceDecoding.decode(bytes).bytes }

    /// Structural invariants of any document.
    static func check(_ d: Document, sourceBytes: Int?) {
        var seen = 0
        for (i, s) in d.sections.enumerated() {
            precondition(s.paragraphs.lowerBound >= 0 && s.paragraphs.upperBound <= d.paragraphs.count, "section \(i) range")
            precondition(s.paragraphs.lowerBound >= seen || s.paragraphs.isEmpty, "sections overlap")
            if !s.paragraphs.isEmpty { seen = s.paragraphs.upperBound }
            if let t = s.start { precondition(t.isFinite && t >= 0, "section start") }
        }
        for p in d.paragraphs {
            precondition(d.sections.indices.contains(p.section), "paragraph section")
            if let t = p.time { precondition(t.isFinite, "paragraph time") }
            if let n = sourceBytes { precondition(p.byteRange.upperBound <= n, "byte range past the source") }
            precondition(p.byteRange.lowerBound <= p.byteRange.upperBound)
        }
        let index = CorpusIndex(documents: [d])
        _ = index.search("the of and", limit: 5)
        if let first = d.paragraphs.first { _ = index.search(SearchQuery("\"" + first.text.prefix(40) + "\""), limit: 5) }
        _ = Reports.tocJSON([d]).serialized()
    }
}
