import Foundation
import XCTest
@testable import GlossCore

/// Lex Fridman episode summaries against their Whisper transcripts, and against the wrong ones.
final class LexnotesTests: XCTestCase {
    /// lexnotes file → lexicap episode.
    static let pairs: [(String, String)] = [
        ("1-max-tegmark.md", "episode_001_large.vtt"), ("70-jim-keller.md", "episode_070_large.vtt"),
        ("31-george-hotz.md", "episode_031_large.vtt"), ("309-john-carmack.md", "episode_309_large.vtt"),
        ("73-andrew-ng.md", "episode_073_large.vtt"), ("218-jaron-lanier.md", "episode_218_large.vtt"),
    ]

    func check(_ notes: String, _ episode: String) throws -> (quotes: [QuoteMatch], claims: [CheckedClaim], transcript: Document) {
        let docs = [try Shared.load(Shared.path("lexnotes/" + notes)), try Shared.load(Shared.path("lexicap/" + episode))]
        let checker = ClaimChecker(index: CorpusIndex(documents: docs), transcripts: [1])
        let quotes = checker.quotes.check(article: docs[0], against: [1])
        let claims = checker.check(ClaimExtractor.claims(in: docs[0], docIndex: 0, participants: checker.participants))
        return (quotes, claims, docs[1])
    }

    func testVerbatimQuotesFoundAtTheRightTime() throws {
        var verbatim = 0
        for (notes, episode) in Self.pairs {
            let (quotes, _, transcript) = try check(notes, episode)
            for q in quotes where q.found && q.similarity == 1 {
                verbatim += 1
                // The cue at the reported time holds the quote's first words.
                let cue = try XCTUnwrap(transcript.cues?.first { $0.start == q.time }, "\(notes): \(q.text)")
                let first = Tokenizer.terms(q.text).prefix(2)
                let window = transcript.cues!.filter { $0.start >= cue.start && $0.start <= cue.start + 8 }.map(\.text).joined(separator: " ")
                XCTAssertTrue(first.allSatisfy { Tokenizer.terms(window).contains($0) }, "\(notes): “\(q.text)” at \(q.time!)")
            }
        }
        XCTAssertGreaterThanOrEqual(verbatim, 4)
        // A known verbatim quote: "We shouldn't let perfect be the enemy of good." at 47:13.
        let (quotes, _, _) = try check("1-max-tegmark.md", "episode_001_large.vtt")
        let q = try XCTUnwrap(quotes.first { $0.text.hasPrefix("We shouldn't let perfect") })
        XCTAssertEqual(q.similarity, 1)
        XCTAssertEqual(q.time.map(Timestamp.format), "00:47:13")
    }

    func testWrongEpisodeFindsAlmostNothing() throws {
        var found = 0, supported = 0, claims = 0
        for (i, (notes, _)) in Self.pairs.enumerated() {
            let wrong = Self.pairs[(i + 1) % Self.pairs.count].1
            let r = try check(notes, wrong)
            found += r.quotes.filter(\.found).count
            supported += r.claims.filter { $0.verdict != .notFound }.count
            claims += r.claims.count
        }
        XCTAssertLessThanOrEqual(found, 1)
        XCTAssertLessThanOrEqual(Double(supported), Double(claims) * 0.05, "\(supported)/\(claims) claims linked to the wrong episode")
    }
}
