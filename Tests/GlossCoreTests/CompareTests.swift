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
        let both = pairs.filter { $0.left != nil && $0.right != nil }
        XCTAssertGreaterThanOrEqual(Double(both.count), 0.9 * Double(pairs.count), "\(both.count) of \(pairs.count) rows pair up")
        XCTAssertTrue(both.map { $0.left! }.elementsEqual(both.map { $0.left! }.sorted()))
        XCTAssertTrue(both.map { $0.right! }.elementsEqual(both.map { $0.right! }.sorted()))
    }
}
