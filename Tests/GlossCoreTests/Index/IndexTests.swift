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

    func testFiguresAndQuotesIndexed() throws {
        let d = try Shared.load(Shared.newsletter)
        let index = CorpusIndex(documents: [d])
        let keyDetail = d.summarySections.map { d.sections[$0] }[2].paragraphs.lowerBound + 1
        let figs = index.figures(ParagraphRef(doc: 0, paragraph: keyDetail))
        XCTAssertTrue(figs.contains { $0.unit == .dollars && $0.low == 9e9 && $0.high == 10e9 }, "\(figs)")
        XCTAssertTrue(index.quotes(ParagraphRef(doc: 0, paragraph: keyDetail)).contains("another few billion"))
    }
}
