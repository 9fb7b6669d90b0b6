import XCTest
@testable import GlossCore

/// Side-by-side comparison of the same episode in two formats.
final class CompareTests: XCTestCase {
    /// The inverted-list similarities agree with `cosine` on every pair of the seeds' passages.
    func testSimilarityTableAgreesWithCosine() throws {
        let docs = try [Shared.load(Shared.article), Shared.load(Shared.newsletter)]
        let index = CorpusIndex(documents: docs)
        let va = Aligner.passages(docs[0]).map { Aligner.passageVector(index, docs[0], $0) }
        let vb = Aligner.passages(docs[1]).map { Aligner.passageVector(index, docs[1], $0) }
        let table = Aligner.SimilarityTable(va, vb)
        var found = 0
        for i in va.indices {
            var got: [Int: Double] = [:]
            table.forEachSimilar(i, in: 0..<vb.count) { j, s in got[j] = s }
            for j in vb.indices {
                let want = Aligner.cosine(va[i], vb[j])
                if want >= Aligner.threshold {
                    XCTAssertEqual(got[j] ?? -1, want, accuracy: 1e-9, "\(i) \(j)")
                    found += 1
                } else {
                    XCTAssertNil(got[j], "\(i) \(j)")
                }
            }
        }
        XCTAssertGreaterThan(found, 20)
    }

    /// Which document is on which side changes the columns, not what stands beside what: the
    /// seed newsletter's brief against the commentary pairs the same passages both ways round,
    /// and the commentary's "three to five years" stands beside the brief's "1-3 years" with
    /// the figures flagged whichever side it is on.
    func testSidesDoNotChangeWhatIsPaired() throws {
        let docs = try [Shared.load(Shared.article), Shared.load(Shared.newsletter)]
        let index = CorpusIndex(documents: docs)
        struct Row: Hashable { var article: Int, articleBytes: Range<Int>, brief: Int, briefBytes: Range<Int> }
        let articleLeft = Aligner.align(index, left: 0, right: 1)
        let briefLeft = Aligner.align(index, left: 1, right: 0)
        let a = Set(articleLeft.compactMap { p in p.left.flatMap { l in p.right.map { Row(article: l, articleBytes: p.leftRange!, brief: $0, briefBytes: p.rightRange!) } } })
        let b = Set(briefLeft.compactMap { p in p.right.flatMap { r in p.left.map { Row(article: r, articleBytes: p.rightRange!, brief: $0, briefBytes: p.leftRange!) } } })
        XCTAssertEqual(a, b)
        XCTAssertGreaterThan(a.count, 15)
        let three = try XCTUnwrap(briefLeft.first { p in p.right.map { docs[0].paragraphs[$0].text.contains("three to five years") } == true })
        XCTAssertNotNil(three.left)
        XCTAssertNotNil(three.movedTo)
        XCTAssertTrue(three.figures.contains { $0.left?.description == "1–3 years" && $0.right?.description == "3–5 years" && !$0.agree },
                      "\(three.figures)")
    }

    /// A passage of a few words is not given a partner out of place, nor taken as one: Lex
    /// Notes' "Born: 1958 or 1959" against the episode stands alone (a passage of the
    /// transcript saying "born" once took it as its best match).
    func testFewWordsAreNoPartnerOutOfPlace() throws {
        let docs = try [Shared.load(Shared.path("lexnotes/70-jim-keller.md")), Shared.load(Shared.path("lexicap/episode_070_large.vtt"))]
        let index = CorpusIndex(documents: docs)
        let born = try XCTUnwrap(docs[0].paragraphs.firstIndex { $0.text == "Born: 1958 or 1959" })
        for (l, r) in [(0, 1), (1, 0)] {
            let pairs = Aligner.align(index, left: l, right: r)
            let rows = pairs.filter { (l == 0 ? $0.left : $0.right) == born }
            XCTAssertEqual(rows.count, 1)
            XCTAssertNil(l == 0 ? rows[0].right : rows[0].left)
        }
    }

    /// The stemmer brings a word's forms together and keeps "university" from the "universe":
    /// Lex Notes' "Education: The Pennsylvania State University" stood beside three passages of
    /// Jim Keller's episode on the simulated universe.
    func testUniversityIsNotTheUniverse() throws {
        XCTAssertEqual(Stemmer.stem("verifiable"), Stemmer.stem("verified"))
        XCTAssertEqual(Stemmer.stem("geniuses"), Stemmer.stem("genius"))
        XCTAssertEqual(Stemmer.stem("universities"), Stemmer.stem("university"))
        XCTAssertNotEqual(Stemmer.stem("university"), Stemmer.stem("universe"))
        XCTAssertEqual(Stemmer.stem("optimistic"), Stemmer.stem("optimism"))
        XCTAssertEqual(Stemmer.stem("organizational"), Stemmer.stem("organizations"))
        XCTAssertEqual(Stemmer.stem("everybody"), Stemmer.stem("everyone"))
        XCTAssertEqual(Stemmer.stem("exists"), "exist")
        let docs = try [Shared.load(Shared.path("lexnotes/70-jim-keller.md")), Shared.load(Shared.path("lexicap/episode_070_large.vtt"))]
        let index = CorpusIndex(documents: docs)
        let education = try XCTUnwrap(docs[0].paragraphs.firstIndex { $0.text.hasPrefix("Education:") })
        let rows = Aligner.align(index, left: 0, right: 1).filter { $0.left == education }
        XCTAssertEqual(rows.count, 1)
        XCTAssertNil(rows.first?.right)
    }

    /// Two notes of one template on different episodes (Tegmark's, Atwood's) do not pair by the
    /// headings they both have ("Any Notable Quotes"): few rows pair, none of a passage with a
    /// heading alone in common. The same notes as Markdown and as HTML still pair row by row.
    func testHeadingsBothDocumentsHaveAreNotContent() throws {
        let docs = try [Shared.load(Shared.path("lexnotes/1-max-tegmark.md")), Shared.load(Shared.path("lexnotes/7-jeff-atwood.md")),
                        Shared.load(Shared.path("lexnotes/html/1-max-tegmark.html"))]
        let index = CorpusIndex(documents: docs)
        let unrelated = Aligner.align(index, left: 0, right: 1)
        XCTAssertLessThanOrEqual(unrelated.filter { $0.left != nil && $0.right != nil }.count, 8)  // 21 of 36 before
        let same = Aligner.align(index, left: 0, right: 2)
        XCTAssertTrue(same.allSatisfy { $0.left != nil && $0.right != nil && $0.movedTo == nil })
        XCTAssertEqual(same.count, 28)
    }

    /// Lex Fridman #333 as YouTube captions with timings (SRT) and without (caption text): the
    /// passages pair up nearly one to one, in order, and each caption's speaker-change dash
    /// ("- What is a neural network?") starts a paragraph in both.
    func testSameEpisodeInTwoFormatsAlignsNearlyOneToOne() throws {
        let dir = Shared.path("lex-youtube-lumentis/ep333-karpathy")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        let srt = try Shared.load(dir + "/" + XCTUnwrap(names.first { $0.hasSuffix(".srt") }))
        let txt = try Shared.load(dir + "/" + XCTUnwrap(names.first { $0.hasSuffix(".txt") }))
        for doc in [srt, txt] {
            let answer = try XCTUnwrap(doc.paragraphs.firstIndex { $0.text.hasPrefix("- What is a neural network? It's a mathematical abstraction") }, doc.path)
            XCTAssertTrue(doc.paragraphs[answer - 1].text.hasSuffix("why does it seem to do such a surprisingly good job of learning?"), doc.path)
            XCTAssertFalse(doc.paragraphs.contains { $0.text.dropFirst().contains(" - ") && $0.text.contains(" - What is a neural") }, doc.path)
        }
        XCTAssertEqual(srt.paragraphs.first { $0.text.hasPrefix("- What is a neural network?") }?.time.map(Timestamp.format), "00:01:04")
        let index = CorpusIndex(documents: [srt, txt])
        let pairs = Aligner.align(index, left: 0, right: 1)
        let both = pairs.filter { $0.left != nil && $0.right != nil && $0.movedTo == nil }
        XCTAssertGreaterThanOrEqual(Double(both.count), 0.9 * Double(pairs.count), "\(both.count) of \(pairs.count) rows pair up")
        XCTAssertTrue(both.map { $0.left! }.elementsEqual(both.map { $0.left! }.sorted()))
        XCTAssertTrue(both.map { $0.right! }.elementsEqual(both.map { $0.right! }.sorted()))
    }

    /// A summary page against its 3-hour episode: each of the page's passages stands beside a
    /// few of the episode's, the ones most like it, not beside every passage that has no better
    /// partner (there were about 200 such rows), and the good pair is among them.
    func testAShortArticleIsNotRepeatedDownATranscript() throws {
        let dir = Shared.path("lex-youtube-lumentis/ep333-karpathy")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        let page = try Shared.load(dir + "/pages/tesla-ai-endeavors/autonomous-driving.mdx")
        let srt = try Shared.load(dir + "/" + XCTUnwrap(names.first { $0.hasSuffix(".srt") }))
        let index = CorpusIndex(documents: [page, srt])
        for (l, r) in [(0, 1), (1, 0)] {
            let pairs = Aligner.align(index, left: l, right: r)
            let pagePassages = pairs.compactMap { p -> Int? in
                guard p.left != nil, p.right != nil else { return nil }
                return l == 0 ? p.left : p.right
            }
            let most = Dictionary(grouping: pagePassages, by: { $0 }).values.map(\.count).max() ?? 0
            XCTAssertLessThanOrEqual(most, 1 + Aligner.movedPerPassage)
            XCTAssertLessThan(pagePassages.count, 70)
            XCTAssertTrue(pairs.contains { p in
                guard let a = l == 0 ? p.left : p.right, let b = l == 0 ? p.right : p.left else { return false }
                return page.paragraphs[a].text.hasPrefix("Handling edge cases") && srt.paragraphs[b].text.contains("the rare edge cases")
            })
        }
    }
}
