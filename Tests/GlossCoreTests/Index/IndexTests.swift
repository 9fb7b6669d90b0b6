import XCTest
@testable import GlossCore

final class IndexTests: XCTestCase {
    func testTokenizerFolds() {
        XCTAssertEqual(Tokenizer.terms("Don’t STOP, café—naïve 10,000 and 1.5x"), ["dont", "stop", "cafe", "naive", "10000", "and", "1.5x"])
        XCTAssertEqual(Tokenizer.terms("“Big Blob of Compute”"), ["big", "blob", "of", "compute"])
        XCTAssertEqual(Tokenizer.terms("GPT-2"), ["gpt", "2"])
    }

    func testSeedSearch() throws {
        let docs = try [Shared.load(Shared.newsletter), Shared.load(Shared.article)]
        let index = CorpusIndex(documents: docs)
        let hits = index.search("country of geniuses")
        XCTAssertEqual(Set(hits.map(\.ref.doc)), [0, 1])
        let transcriptHits = hits.filter { docs[$0.ref.doc].paragraphs[$0.ref.paragraph].time != nil }
        let first = try XCTUnwrap(transcriptHits.first)
        let p = docs[0].paragraphs[first.ref.paragraph]
        XCTAssertEqual(docs[0].sections[p.section].start, 756)
        // Phrase queries must match in order; accents and case don't matter.
        XCTAssertFalse(index.search("\"geniuses of country\"").isEmpty == false)
        XCTAssertFalse(index.search("\"COUNTRY of geniuses\"").isEmpty)
        XCTAssertTrue(index.search("\"end of the exponential\"").contains { $0.ref.doc == 0 })
        XCTAssertTrue(index.search("zzzyzzx").isEmpty)
    }

    /// Chapter titles are searched too, as a paragraph is (they are not in the index): the
    /// seed says "diffusion" in the transcript only by its chapter's title.
    func testSectionTitlesFound() throws {
        let docs = try [Shared.load(Shared.newsletter), Shared.load(Shared.article)]
        let index = CorpusIndex(documents: docs)
        func titles(_ q: SearchQuery) -> [String] {
            index.sectionHits(q).map { docs[$0.ref.doc].sections[$0.section!].title }
        }
        XCTAssertEqual(titles(SearchQuery("diffusion")), ["Is diffusion cope?"])
        XCTAssertFalse(index.search("diffusion").contains { docs[$0.ref.doc].paragraphs[$0.ref.paragraph].time != nil })
        let cope = try XCTUnwrap(index.sectionHits(SearchQuery("diffusion")).first)
        XCTAssertEqual(docs[0].sections[cope.section!].start, 756)
        XCTAssertEqual(cope.ref, ParagraphRef(doc: 0, paragraph: docs[0].sections[cope.section!].paragraphs.lowerBound))
        // A chapter the transcript does not reach is found by its title all the same.
        let regulations = try XCTUnwrap(index.sectionHits(SearchQuery("regulations")).first)
        XCTAssertEqual(docs[0].sections[regulations.section!].start, 5479)
        XCTAssertFalse(docs[0].sections[regulations.section!].present)
        // Every word, the last also as a prefix as it is typed; stop words aside; an article's
        // headings too; not a summary block's name.
        XCTAssertEqual(titles(SearchQuery("scal", lastWordIsPrefix: true)), ["What exactly are we scaling?"])
        XCTAssertEqual(titles(SearchQuery("scal")), [])
        XCTAssertEqual(titles(SearchQuery("China America")), ["Why can’t China and America both have a country of geniuses in a datacenter?"])
        XCTAssertEqual(titles(SearchQuery("China Japan")), [])
        XCTAssertEqual(titles(SearchQuery("\"both have\"")), ["Why can’t China and America both have a country of geniuses in a datacenter?"])
        XCTAssertEqual(titles(SearchQuery("\"have both\"")), [])
        XCTAssertTrue(titles(SearchQuery("India")).contains { $0.hasPrefix("The India Implication") }, "\(titles(SearchQuery("India")))")
        XCTAssertEqual(titles(SearchQuery("brief")), [])
    }

    /// A search that is a time ("20:00") is where each transcript is then, as `:` goes; a text
    /// that writes the time is found by it, hours padded or not, not by a "1" here and a "47" there.
    func testTimesAreWhereTranscriptsAreThen() throws {
        XCTAssertEqual(SearchQuery("1:47:41").time, 6461)
        XCTAssertEqual(SearchQuery(" 12:36 ").time, 756)
        XCTAssertEqual(SearchQuery("1:47:41").phrases, [["1", "47", "41"]])
        XCTAssertEqual(SearchQuery("1:47:41").terms, [])
        for notATime in ["47m", "90s", "12:3", "1:47:4", "12:36 diffusion", "\"12:36\"", "12:99", "1.5:00"] {
            XCTAssertNil(SearchQuery(notATime).time, notATime)
        }
        let article = try DocumentLoader.parse(Array("""
            Notes on the interview

            At [01:47:41] he turns to China and America.

            The 1 thing he said, 47 times over, was 41 words long.
            """.utf8), path: "notes.md")
        let docs = try [Shared.load(Shared.newsletter), Shared.load(Shared.article), article]
        let index = CorpusIndex(documents: docs)
        // 20:00 is in "Is diffusion cope?", in the paragraph that `show --at` shows.
        let at20 = index.timeHits(SearchQuery("20:00"))
        XCTAssertEqual(at20.map(\.ref), [ParagraphRef(doc: 0, paragraph: try XCTUnwrap(docs[0].paragraph(at: 1200)))])
        XCTAssertEqual(at20.first?.time, 1200)
        XCTAssertNil(at20.first?.section)
        XCTAssertEqual(docs[0].sections[docs[0].paragraphs[at20[0].ref.paragraph].section].title, "Is diffusion cope?")
        // A chapter the text stops before is the hit; past the stated end (2:22:00) nothing is.
        let china = try XCTUnwrap(index.timeHits(SearchQuery("1:47:41")).first)
        XCTAssertEqual(china.section.map { docs[0].sections[$0].start }, 6461)
        XCTAssertEqual(china.section.map { docs[0].sections[$0].present }, false)
        XCTAssertEqual(index.timeHits(SearchQuery("2:50:00")).count, 0)
        XCTAssertEqual(index.timeHits(SearchQuery("diffusion")).count, 0)
        XCTAssertEqual(index.timeHits(SearchQuery("20:00"), documents: [1, 2]).count, 0)
        // The text citing it, however it pads the hours; not the numbers apart.
        let notes = try XCTUnwrap(docs[2].paragraphs.firstIndex { $0.text.hasPrefix("At [01:47:41]") })
        for typed in ["1:47:41", "01:47:41", "47:41"] {
            let hits = index.search(SearchQuery(typed))
            XCTAssertEqual(hits.map(\.ref), [ParagraphRef(doc: 2, paragraph: notes)], typed)
            let text = docs[2].paragraphs[notes].text
            let ranges = CorpusIndex.matchRanges(in: text, query: SearchQuery(typed))
            XCTAssertEqual(ranges.map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) }, [typed == "47:41" ? "47:41" : "01:47:41"], typed)
        }
        // A 1, a 47 and a 41 apart are not the time, nor highlighted as if they were.
        let apart = try XCTUnwrap(docs[2].paragraphs.first { $0.text.hasPrefix("The 1 thing") })
        XCTAssertEqual(CorpusIndex.matchRanges(in: apart.text, query: SearchQuery("1:47:41")), [])
        // A transcript of unknown length (caption text without timings, its times estimated
        // from word counts to ≈4:12:52) lasts a window (five minutes) past its last time, not
        // for ever: 9:00:00 is not its last paragraph.
        let captions = try Shared.load(Shared.external.appendingPathComponent(
            "lex-youtube-lumentis/ep333-karpathy/[English (United States)] Andrej Karpathy_ Tesla AI, Self-Driving, Optimus, Aliens, and AGI _ Lex Fridman Podcast #333 [DownSub.com].txt").path)
        XCTAssertNil(captions.metadata.duration)
        let last = try XCTUnwrap(captions.timelineEnd)
        XCTAssertEqual(Timestamp.format(last), "04:12:52")
        XCTAssertFalse(captions.isPastEnd(last + 300))
        XCTAssertTrue(captions.isPastEnd(last + 301))
        XCTAssertEqual(captions.endForMessage(Timestamp.format), "its last time (04:12:52)")
        let talk = CorpusIndex(documents: [captions])
        XCTAssertEqual(talk.timeHits(SearchQuery("4:15:00")).map(\.ref.paragraph), [captions.paragraphs.count - 1])
        XCTAssertEqual(talk.timeHits(SearchQuery("9:00:00")).count, 0)
    }

    /// Search as you type: the last word, unfinished, also matches the words it starts.
    func testLastWordAsPrefix() throws {
        XCTAssertEqual(SearchQuery("scaling la", lastWordIsPrefix: true).prefix, nil)  // two letters
        XCTAssertEqual(SearchQuery("scaling law", lastWordIsPrefix: true).prefix, "law")
        XCTAssertEqual(SearchQuery("scaling law", lastWordIsPrefix: false).prefix, nil)
        XCTAssertEqual(SearchQuery("scaling law ", lastWordIsPrefix: true).prefix, nil)
        XCTAssertEqual(SearchQuery("\"scaling law\"", lastWordIsPrefix: true).prefix, nil)
        XCTAssertEqual(SearchQuery("end of the", lastWordIsPrefix: true).prefix, nil)  // a stop word
        XCTAssertEqual(SearchQuery("Café", lastWordIsPrefix: true).prefix, "cafe")

        let docs = try [Shared.load(Shared.newsletter), Shared.load(Shared.article)]
        let index = CorpusIndex(documents: docs)
        XCTAssertTrue(index.search(SearchQuery("geni")).isEmpty)
        let partial = index.search(SearchQuery("country of geni", lastWordIsPrefix: true))
        XCTAssertEqual(partial.map(\.ref), index.search("country of geniuses").map(\.ref))
        // "law" finds "laws" (the Brief) as well as "law" (the transcript at ≈01:50), and each
        // paragraph once however many of the words it holds.
        let laws = index.search(SearchQuery("scaling law", lastWordIsPrefix: true))
        XCTAssertEqual(Set(laws.map(\.ref)).count, laws.count)
        XCTAssertTrue(laws.contains { docs[$0.ref.doc].paragraphs[$0.ref.paragraph].text.contains("pretraining scaling laws") })
        XCTAssertTrue(laws.contains { docs[$0.ref.doc].paragraphs[$0.ref.paragraph].time.map(Timestamp.format) == "00:01:50" })
        XCTAssertLessThan(index.search("scaling law").count, laws.count)
        let q = SearchQuery("scal", lastWordIsPrefix: true)
        XCTAssertEqual(CorpusIndex.matchRanges(in: "Scaling up, and at scale.", query: q), [0..<7, 19..<24])
        // A phrase is highlighted where its words stand together, not at every "of"; stop words
        // count only in a query of nothing else.
        let text = "A theme of the talk: if capability reaches “country of geniuses” status, a country of"
        let phrase = CorpusIndex.matchRanges(in: text, query: SearchQuery("\"country of geniuses\""))
        XCTAssertEqual(phrase.map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) }, ["country of geniuses"])
        XCTAssertEqual(CorpusIndex.matchRanges(in: text, query: SearchQuery("theme of")).count, 1)
        XCTAssertEqual(CorpusIndex.matchRanges(in: text, query: SearchQuery("of the")).count, 4)
        // Excerpts are centred on the match, even in a short paragraph.
        let excerpt = CorpusIndex.excerpt(String(repeating: "words ", count: 20) + text, query: SearchQuery("\"country of geniuses\""), width: 40)
        XCTAssertTrue(excerpt.hasPrefix("…") && excerpt.contains("country of geniuses"), excerpt)
        // A query's words are shown where they stand together, not where the first of them is.
        let brief = try XCTUnwrap(try Shared.load(Shared.newsletter).paragraphs.first { $0.text.hasPrefix("Dario Amodei’s core claim") }).text
        let together = CorpusIndex.excerpt(brief, query: SearchQuery("scaling laws"))
        XCTAssertTrue(together.contains("scaling laws"), together)
        XCTAssertFalse(together.contains("scaling story"), together)
        let words = "law" + String(repeating: " ", count: 37) + "law scale" + String(repeating: " ", count: 11)
        XCTAssertEqual(CorpusIndex.densestMatch([0..<3, 40..<43, 44..<49], in: words, span: 20), 40)
        XCTAssertEqual(CorpusIndex.densestMatch([0..<3, 40..<43, 44..<49], in: words, span: 0), 0)
        XCTAssertEqual(CorpusIndex.excerpt(words, query: SearchQuery("law scale"), width: 1), "law…")
    }

    func testFiguresAndQuotesIndexed() throws {
        let d = try Shared.load(Shared.newsletter)
        let index = CorpusIndex(documents: [d])
        let keyDetail = d.summarySections.map { d.sections[$0] }[2].paragraphs.lowerBound + 1
        let figs = index.figures(ParagraphRef(doc: 0, paragraph: keyDetail))
        XCTAssertTrue(figs.contains { $0.unit == .dollars && $0.low == 9e9 && $0.high == 10e9 }, "\(figs)")
        XCTAssertTrue(index.quotes(ParagraphRef(doc: 0, paragraph: keyDetail)).contains("another few billion"))
    }
}

extension IndexTests {
    /// The phrase check works on the tokenizer's bytes; it must agree with matching term lists.
    func testPhrasesOccurAgreesWithTermLists() {
        let texts = ["We are near the end of the exponential.", "the the end", "a a b", "End-of-the exponential? No.",
                     "Café au lait, CAFÉ AU LAIT", "", "in the world, in the World"]
        let phrases = ["the end", "a b", "end of the exponential", "cafe au lait", "in the world", "near", "world in", "b a"]
        for text in texts {
            let tokens = Tokenizer.terms(text)
            let terms = phrases.map { Tokenizer.terms($0) }
            let found = CorpusIndex.phrasesOccur(in: text, terms.map { $0.map { Array($0.utf8) } })
            for (k, phrase) in terms.enumerated() {
                XCTAssertEqual(found[k], CorpusIndex.containsPhrase(tokens, phrase), "\(phrases[k]) in \(text)")
            }
        }
    }

    /// Candidates are the paragraphs with every required term; stop words only rank; any term
    /// will do when nothing has them all; a filter keeps to some documents.
    func testRequiredTermsAndFallback() {
        func doc(_ name: String, _ texts: [String]) -> Document {
            var d = Document(path: name, format: .article, kind: .article, sourceBytes: 0)
            d.sections = [Section(kind: .heading, title: name)]
            d.paragraphs = texts.map { Paragraph(text: $0, byteRange: 0..<0, section: 0) }
            return d
        }
        let index = CorpusIndex(documents: [
            doc("a", ["the cat sat on the mat", "a dog in the world", "the world of cats and dogs"]),
            doc("b", ["in the world", "world news", "nothing here"]),
        ])
        func refs(_ hits: [SearchHit]) -> Set<ParagraphRef> { Set(hits.map(\.ref)) }
        XCTAssertEqual(refs(index.search("world dog")), [ParagraphRef(doc: 0, paragraph: 1)])
        XCTAssertEqual(refs(index.search("\"in the world\"")), [ParagraphRef(doc: 0, paragraph: 1), ParagraphRef(doc: 1, paragraph: 0)])
        // "the" is a stop word: "the world" needs only "world", and ranks paragraphs with both higher.
        XCTAssertEqual(refs(index.search("the world")).count, 4)
        // Nothing has both: any paragraph with either.
        XCTAssertEqual(refs(index.search("mat news")), [ParagraphRef(doc: 0, paragraph: 0), ParagraphRef(doc: 1, paragraph: 1)])
        XCTAssertEqual(refs(index.search("world", documents: [1])), [ParagraphRef(doc: 1, paragraph: 0), ParagraphRef(doc: 1, paragraph: 1)])
        XCTAssertTrue(index.search("\"world in\"").isEmpty)
        XCTAssertEqual(index.search(SearchQuery("cat world"), requireAll: false).count, 5)  // "cats" is not "cat"
    }
}

extension IndexTests {
    /// Non-ASCII words are folded once per index build and remembered: every later occurrence
    /// must fold the same way.
    func testAccentedWordsFoldTheSameEveryTime() {
        var d = Document(path: "a", format: .article, kind: .article, sourceBytes: 0)
        d.sections = [Section(kind: .heading, title: "a")]
        d.paragraphs = ["Café society", "the CAFÉ again", "a naïve café", "Ünïcödé ünicode"].map { Paragraph(text: $0, byteRange: 0..<0, section: 0) }
        let index = CorpusIndex(documents: [d])
        XCTAssertEqual(Set(index.search("cafe").map(\.ref.paragraph)), [0, 1, 2])
        XCTAssertEqual(index.search("NAIVE").map(\.ref.paragraph), [2])
        XCTAssertEqual(index.frequency(of: "unicode"), 1)
    }
}

/// The tokenizer's eight-bytes-at-a-time paths against its byte loop alone.
extension IndexTests {
    /// Every token as its bytes, its range and a separator, in one flat array.
    struct FlatSink: TokenSink {
        var out: [Int] = []
        mutating func token(_ term: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            out.append(-1)
            out.append(range.lowerBound)
            out.append(range.upperBound)
            for b in term { out.append(Int(b)) }
        }
    }

    static func tokens(_ bytes: UnsafeBufferPointer<UInt8>, wordAtATime: Bool) -> [Int] {
        var sink = FlatSink()
        Tokenizer.scan(bytes, into: &sink, wordAtATime: wordAtATime)
        return sink.out
    }

    func testWordAtATimeScanMatchesByteLoopOnCorpus() throws {
        let files = ["vtt", "srt", "md", "txt", "json"].flatMap { Shared.files(under: "", ext: $0) }
        XCTAssertGreaterThan(files.count, 100)
        var tokens = 0
        for f in files {
            let bytes = try Shared.bytes(f)
            bytes.withUnsafeBufferPointer { b in
                let fast = IndexTests.tokens(b, wordAtATime: true), slow = IndexTests.tokens(b, wordAtATime: false)
                XCTAssertEqual(fast, slow, f)
                tokens += fast.count { $0 == -1 }
            }
        }
        XCTAssertGreaterThan(tokens, 1_000_000)
    }

    /// Runs of the pieces the byte loop decides (apostrophes, digit groups, accents, wide
    /// characters) at every offset and length around the eight-byte steps.
    func testWordAtATimeScanMatchesByteLoopOnEdges() {
        let pieces = ["a", "Z", "7", "0", " ", "'", "’", ",", ".", "-", "é", "É", "ß", "中", "👩‍💻", "\u{301}", "\u{A0}", "@", "[", "`",
                      "{", "/", ":", "\u{7F}", "\u{0}", "\u{80}", "ÿ", "Don't", "10,000", "1.5", "ABCDEFGH", "abcdefghij"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...24, using: &rng) { s += pieces.randomElement(using: &rng)! }
            var bytes = Array(s.utf8)
            if Bool.random(using: &rng), !bytes.isEmpty { bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            for start in 0..<min(9, bytes.count + 1) {
                bytes[start...].withUnsafeBufferPointer { b in
                    XCTAssertEqual(IndexTests.tokens(b, wordAtATime: true), IndexTests.tokens(b, wordAtATime: false), "\(Array(b))")
                }
            }
        }
        // Every byte value before, inside and after a run.
        for v in 0...255 {
            let bytes: [UInt8] = Array("abcdefg".utf8) + [UInt8(v)] + Array("hijklmnopq rstuvw".utf8)
            bytes.withUnsafeBufferPointer { b in
                XCTAssertEqual(IndexTests.tokens(b, wordAtATime: true), IndexTests.tokens(b, wordAtATime: false), "byte \(v)")
            }
        }
    }
}

extension IndexTests {
    /// The one-word path for short tokens and the general path agree on hashes and ids, at every
    /// length around the word size.
    func testTermTablePaddedAndGeneralPathsAgree() {
        var table = TermTable(capacity: 16)
        let words = (1...20).flatMap { n in ["abcdefghijklmnopqrstuvwxyz", "zyxwvutsrqponmlkjihgfedcba", "00000000001111111111"].map { String($0.prefix(n)) } }
            + ["é", "naïve", "中文", "a\u{0}b", "\u{0}"]
        var ids: [String: Int32] = [:]
        for (round, w) in (words + words.reversed()).enumerated() {
            var bytes = Array(w.utf8) + [UInt8](repeating: 0x41, count: 8)  // padding that is not the term's
            let n = w.utf8.count
            let padded = bytes.withUnsafeMutableBufferPointer { table.id(ofPadded: UnsafeBufferPointer(rebasing: $0[0..<n])) }
            let general = Array(w.utf8).withUnsafeBufferPointer { table.id(of: $0) }
            XCTAssertEqual(padded, general, "\(w) (round \(round))")
            if let known = ids[w] { XCTAssertEqual(known, padded, w) }
            ids[w] = padded
            bytes.removeLast(8)
            if n >= 1 && n <= 8 && !w.utf8.contains(0) {
                let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
                XCTAssertEqual(bytes.withUnsafeBufferPointer { TermTable.hash($0) }, TermTable.shortHash(word, n), w)
            }
        }
        XCTAssertEqual(table.count, Set(words).count)
        XCTAssertEqual(Set(ids.values).count, Set(words).count)
        for (w, id) in ids { XCTAssertEqual(table.term(Int(id)), w) }
        // Merged into a table that knows some of the terms already: each keeps its bytes, none twice.
        var merged = TermTable(capacity: 4)
        for w in words.prefix(20) { _ = Array(w.utf8).withUnsafeBufferPointer { merged.id(of: $0) } }
        for id in 0..<table.count {
            let m = merged.id(of: id, in: table)
            XCTAssertEqual(merged.term(Int(m)), table.term(id))
            XCTAssertEqual(merged.id(of: id, in: table), m)
        }
        XCTAssertEqual(merged.count, table.count)
    }
}

extension IndexTests {
    /// A document's table finds each term in the slot it was given, by either path, through
    /// growth, keeps each term's last posting in that slot, and merges into the corpus table
    /// with every term's bytes (short words and long terms alike).
    func testDocumentTermTableAgreesWithTermTable() {
        var doc = DocumentTermTable(capacity: 4)
        defer { doc.free() }
        let words = (1...20).flatMap { n in ["abcdefghijklmnopqrstuvwxyz", "zyxwvutsrqponmlkjihgfedcba", "00000000001111111111"].map { String($0.prefix(n)) } }
            + ["é", "naïve", "中文", "a\u{0}b", "\u{0}"] + (0..<300).map { "term\($0)" } + (0..<300).map { "a-much-longer-term-\($0)" }
        var ids: [String: Int32] = [:]
        for (round, w) in (words + words.reversed()).enumerated() {
            var bytes = Array(w.utf8) + [UInt8](repeating: 0x41, count: 8)  // padding that is not the term's
            let n = w.utf8.count
            let padded = bytes.withUnsafeMutableBufferPointer { doc.slot(ofPadded: UnsafeBufferPointer(rebasing: $0[0..<n])) }
            padded.pointee.lastPosting = Int32(round)
            let general = Array(w.utf8).withUnsafeBufferPointer { doc.slot(of: $0) }
            XCTAssertEqual(padded, general, "\(w) (round \(round))")
            XCTAssertEqual(general.pointee.lastPosting, Int32(round), w)
            if let known = ids[w] { XCTAssertEqual(known, padded.pointee.id, w) }
            ids[w] = padded.pointee.id
        }
        XCTAssertEqual(doc.count, Set(words).count)
        XCTAssertEqual(Set(ids.values), Set((0..<Int32(doc.count)).map { $0 }))
        var merged = TermTable(capacity: 4)
        for w in words.prefix(20) { _ = Array(w.utf8).withUnsafeBufferPointer { merged.id(of: $0) } }
        for (w, id) in ids {
            XCTAssertEqual(doc.withBytes(Int(id)) { String(decoding: $0, as: UTF8.self) }, w)
            let m = merged.id(of: Int(id), in: doc)
            XCTAssertEqual(merged.term(Int(m)), w)
            XCTAssertEqual(Array(w.utf8).withUnsafeBufferPointer { merged.lookup($0) }, m)
        }
        XCTAssertEqual(merged.count, doc.count)
    }
}

extension IndexTests {
    /// The whole query as a phrase ranks first in a search, but a "more like this" query (any
    /// term, a bag of distinctive words) gets no phrase bonus and reads no paragraph text.
    func testPhraseBonusOnlyWhenAllTermsAreRequired() {
        var d = Document(path: "a", format: .article, kind: .article, sourceBytes: 0)
        d.sections = [Section(kind: .heading, title: "a")]
        d.paragraphs = ["world news today", "news world today"].map { Paragraph(text: $0, byteRange: 0..<0, section: 0) }
        let index = CorpusIndex(documents: [d])
        let all = index.search(SearchQuery("world news"), limit: 5)
        XCTAssertEqual(all.map(\.ref.paragraph), [0, 1])
        XCTAssertEqual(all[0].score, 2 * all[1].score, accuracy: 1e-6)
        let any = index.search(SearchQuery("world news"), limit: 5, requireAll: false)
        XCTAssertEqual(any.map(\.ref.paragraph), [0, 1])
        XCTAssertEqual(any[0].score, any[1].score, accuracy: 1e-6)
    }
}

extension IndexTests {
    /// Words joined by hyphens stand together in a search, written either way; numbers joined by
    /// hyphens are a range, not one number.
    func testHyphenatedWordsSearchTogether() {
        XCTAssertEqual(SearchQuery("GPT-3").compounds, [["gpt", "3"]])
        XCTAssertEqual(SearchQuery("GPT-3").terms, [])
        XCTAssertEqual(SearchQuery("1-3").phrases, [["1", "3"]])
        // (With its unit, a range is a figure: see testFiguresAreSearchedAsFigures.)
        XCTAssertEqual(SearchQuery("1-3 years").figures.map(\.description), ["1–3 years"])
        XCTAssertEqual(SearchQuery("self-dri", lastWordIsPrefix: true).prefix, "selfdri")
        XCTAssertNil(SearchQuery("years 1-3", lastWordIsPrefix: true).prefix)

        var d = Document(path: "a", format: .article, kind: .article, sourceBytes: 0)
        d.sections = [Section(kind: .heading, title: "a")]
        d.paragraphs = [
            "GPT-3 is large", "GPT3 again", "a GPT 3 model", "at 3 a.m. the GPT bot", "a 13 percent rise",
            "it takes 1-3 years", "self driving cars", "selfdriving", "self-driving trucks", "a self made driving test",
        ].map { Paragraph(text: $0, byteRange: 0..<0, section: 0) }
        let index = CorpusIndex(documents: [d])
        func found(_ q: SearchQuery) -> Set<Int> { Set(index.search(q).map(\.ref.paragraph)) }
        func found(_ q: String) -> Set<Int> { found(SearchQuery(q)) }
        XCTAssertEqual(found("GPT-3"), [0, 1, 2])
        XCTAssertEqual(found("13"), [4])  // "1-3" is not the number 13
        XCTAssertEqual(found("1-3 years"), [5])
        XCTAssertEqual(found("self-driving"), [6, 7, 8])
        XCTAssertEqual(found("selfdriving"), [7, 8])
        XCTAssertEqual(found(SearchQuery("self-dri", lastWordIsPrefix: true)), [6, 7, 8])
        // (As a phrase, two letters start too many words; "selfdr" written solid does not.)
        XCTAssertEqual(found(SearchQuery("self-dr", lastWordIsPrefix: true)), [7, 8])
        XCTAssertEqual(CorpusIndex.matchRanges(in: "self driving", query: SearchQuery("self-dri", lastWordIsPrefix: true)), [0..<12])
        func marked(_ text: String, _ q: String) -> [String] {
            CorpusIndex.matchRanges(in: text, query: SearchQuery(q)).map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) }
        }
        XCTAssertEqual(marked("the GPT-3 model, not GPT", "GPT-3"), ["GPT-3"])
        XCTAssertEqual(marked("self driving and self-driving", "self-driving"), ["self driving", "self-driving"])
        // No paragraph has every word: the hits with some say so; stop words alone are no hit.
        let some = index.search(SearchQuery("GPT xyzzy"))
        XCTAssertFalse(some.isEmpty)
        XCTAssertTrue(some.allSatisfy { !$0.allWords })
        XCTAssertTrue(index.search(SearchQuery("GPT large")).allSatisfy(\.allWords))
        XCTAssertTrue(index.search(SearchQuery("the xyzzy")).isEmpty)
    }

    /// A compound written solid in the query and as two words in the text, or the other way
    /// round, is found and marked either way: the seed's last chapter asks about "a country of
    /// geniuses in a datacenter", which Amodei, at 13:41, calls "a data center". A word that
    /// only happens to split into two ("understand") is not looked for as two.
    func testCompoundsWrittenSolidOrApart() throws {
        let index = CorpusIndex(documents: [try Shared.load(Shared.newsletter)])
        let doc = index.documents[0]
        func times(_ q: String) -> [String] {
            index.search(SearchQuery(q)).compactMap { doc.paragraphs[$0.ref.paragraph].timeLabel }
        }
        XCTAssertEqual(times("datacenter"), ["≈13:41"])
        XCTAssertEqual(times("geniuses datacenter"), ["≈13:41"])
        XCTAssertEqual(times("\"country of geniuses in a datacenter\""), ["≈13:41"])
        XCTAssertEqual(index.search(SearchQuery("datacenter", lastWordIsPrefix: true)).count, index.search(SearchQuery("datacenter")).count)
        XCTAssertTrue(index.sectionHits(SearchQuery("datacenter")).map { doc.sections[$0.section!].start } == [6461])
        // The chapter's title is found by the two words too (no paragraph writes it solid).
        XCTAssertTrue(index.sectionHits(SearchQuery("data center")).map { doc.sections[$0.section!].start } == [6461])
        XCTAssertEqual(index.spacedAlternatives(SearchQuery("understand")), [])
        XCTAssertEqual(index.spacedAlternatives(SearchQuery("datacenter")).map(\.phrases), [[["data", "center"]]])
        func marked(_ text: String, _ q: String) -> [String] {
            CorpusIndex.matchRanges(in: text, query: SearchQuery(q)).map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) }
        }
        XCTAssertEqual(marked("geniuses in a data center", "datacenter"), ["data center"])
        XCTAssertEqual(marked("geniuses in a datacenter", "data center"), ["datacenter"])
        // Two words the documents write solid: "data center" finds a "datacenter" too.
        var d = Document(path: "a", format: .article, kind: .article, sourceBytes: 0)
        d.sections = [Section(kind: .heading, title: "a")]
        d.paragraphs = ["a new datacenter", "data about data", "the center of town", "a center for data",
                        "big data", "data sets", "the city center", "center stage"].map { Paragraph(text: $0, byteRange: 0..<0, section: 0) }
        let small = CorpusIndex(documents: [d])
        XCTAssertEqual(Set(small.search(SearchQuery("data center")).map(\.ref.paragraph)), [0, 3])
        // A bag of words ("more like this", the commentary pane's on every scroll) is read as it
        // is: its order says nothing of compounds, and each reading would be another search.
        XCTAssertFalse(small.search(SearchQuery("data center"), requireAll: false).contains { $0.ref.paragraph == 0 })
    }
}

extension IndexTests {
    /// A word no paragraph has is offered as the nearest word the documents have, in the query
    /// as typed.
    func testMisspelledWordsGetASuggestion() throws {
        func edits(_ a: String, _ b: String, _ limit: Int = 3) -> Int {
            Array(b.utf8).withUnsafeBufferPointer { CorpusIndex.editDistance(Array(a.utf8), $0, limit: limit) }
        }
        XCTAssertEqual(edits("amodie", "amodei"), 1)  // two letters swapped
        XCTAssertEqual(edits("kitten", "sitting"), 3)
        XCTAssertEqual(edits("kitten", "sitting", 1), 2)  // over the limit: limit + 1
        XCTAssertEqual(edits("", "abc"), 3)
        XCTAssertEqual(edits("abc", ""), 3)
        XCTAssertEqual(edits("same", "same"), 0)

        let index = CorpusIndex(documents: [try Shared.load(Shared.newsletter), try Shared.load(Shared.article)])
        XCTAssertEqual(index.suggestion(for: "Amodie"), "Amodei")
        XCTAssertEqual(index.suggestion(for: "\"country of genuises\""), "\"country of geniuses\"")
        XCTAssertEqual(index.suggestion(for: "scalling laws"), "scaling laws")
        XCTAssertNil(index.suggestion(for: "scaling laws"))  // every word known
        XCTAssertNil(index.suggestion(for: "amod"))  // a word being typed that starts known ones
        XCTAssertNil(index.suggestion(for: "zzqqxx"))  // nothing close
    }

    /// A figure with a unit is searched as a figure: "90%" finds "90 percent" and "ninety
    /// percent", not "90 minutes"; "three to five years" finds "3-5 years"; the words beside it
    /// are still required; a calendar year or a bare number is a word as before.
    func testFiguresAreSearchedAsFigures() throws {
        let q = SearchQuery("revenue 90%", lastWordIsPrefix: true)
        XCTAssertEqual(q.terms, ["revenue"])
        XCTAssertEqual(q.figures.map(\.description), ["90%"])
        XCTAssertEqual(q.figureTerms, ["90", "ninety"])
        XCTAssertNil(q.prefix)
        XCTAssertNil(SearchQuery("90 percent", lastWordIsPrefix: true).prefix)
        XCTAssertEqual(SearchQuery("three to five years").figureTerms, ["three", "3", "five", "5"])
        XCTAssertEqual(SearchQuery("2017").terms, ["2017"])
        XCTAssertTrue(SearchQuery("2017").figures.isEmpty)
        XCTAssertEqual(SearchQuery("90").terms, ["90"])
        // A bag of words (the commentary pane's) is words only.
        XCTAssertEqual(SearchQuery("growth five years revenue", readFigures: false).terms, ["growth", "five", "years", "revenue"])

        var d = Document(path: "a", format: .article, kind: .article, sourceBytes: 0)
        d.sections = [Section(kind: .heading, title: "a")]
        d.paragraphs = [
            "He is ninety percent sure of it", "We talked for 90 minutes", "About 90% of revenue is new",
            "It is 3-5 years away", "one or two years", "90 percent of the time", "ninety people came",
        ].map { Paragraph(text: $0, byteRange: 0..<0, section: 0) }
        let index = CorpusIndex(documents: [d])
        func found(_ q: String) -> Set<Int> { Set(index.search(SearchQuery(q)).map(\.ref.paragraph)) }
        XCTAssertEqual(found("90%"), [0, 2, 5])
        XCTAssertEqual(found("90 percent"), [0, 2, 5])
        XCTAssertEqual(found("revenue 90%"), [2])
        XCTAssertEqual(found("three to five years"), [3])
        // Just as asked first, then what only overlaps it.
        var e = Document(path: "b", format: .article, kind: .article, sourceBytes: 0)
        e.sections = [Section(kind: .heading, title: "b")]
        e.paragraphs = ["Five of us talked three years ago, three years", "He thinks it is three to five years away"]
            .map { Paragraph(text: $0, byteRange: 0..<0, section: 0) }
        XCTAssertEqual(CorpusIndex(documents: [e]).search(SearchQuery("three to five years")).map(\.ref.paragraph), [1, 0])
        XCTAssertEqual(found("five years"), [3])
        XCTAssertEqual(found("two years"), [4])
        XCTAssertEqual(found("90"), [1, 2, 5])
        // A range that holds the figure, and the figure in another unit, without its numbers.
        XCTAssertEqual(found("4 years"), [3])
        XCTAssertEqual(found("48 months"), [3])
        XCTAssertEqual(found("18 months"), [4])
        XCTAssertEqual(found("6 years"), [])
        func marked(_ text: String, _ q: String) -> [String] {
            CorpusIndex.matchRanges(in: text, query: SearchQuery(q)).map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) }
        }
        XCTAssertEqual(marked("for 90 minutes, ninety percent sure", "90%"), ["ninety percent"])

        // The seeds: the commentary's "$10 billion" and the brief's "$9-10 billion".
        let seeds = try [Shared.load(Shared.article), Shared.load(Shared.newsletter)]
        let hits = CorpusIndex(documents: seeds).search(SearchQuery("revenue $10 billion"))
        let texts = hits.map { seeds[$0.ref.doc].paragraphs[$0.ref.paragraph].text }
        XCTAssertTrue(texts.contains { $0.hasPrefix("Some context: Anthropic went from zero to $10 billion") }, "\(texts)")
        XCTAssertTrue(texts.contains { $0.contains("$9-10 billion in 2025") }, "\(texts)")
        XCTAssertTrue(texts.allSatisfy { $0.contains("revenue") && $0.contains("10 billion") }, "\(texts)")
        // The commentary's "three to five years" for "4 years", highlighted.
        let four = CorpusIndex(documents: seeds).search(SearchQuery("4 years")).map { seeds[$0.ref.doc].paragraphs[$0.ref.paragraph].text }
        XCTAssertTrue(four.contains("Dario was explicit that this is not a distant hypothetical. He thinks it is three to five years away. And he thinks most people — including most people who work in AI — have not fully processed what it means."), "\(four)")
        XCTAssertEqual(marked("He thinks it is three to five years away.", "4 years"), ["three to five years"])
    }
}
