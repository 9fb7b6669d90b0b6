import Foundation
import XCTest
@testable import GlossCore
import GlossSample

final class ClaimTests: XCTestCase {
    struct Score {
        var total = 0, correct = 0, wrongLinks = 0
        var misses: [String] = []
    }

    func score(_ docs: [Document], _ labels: [ClaimLabel]) -> Score {
        let index = CorpusIndex(documents: docs)
        let checker = ClaimChecker(index: index)
        let checked = checker.check(checker.extractClaims())
        var s = Score()
        for label in labels {
            s.total += 1
            guard let c = checked.first(where: { $0.claim.text.hasPrefix(label.prefix) }) else {
                s.misses.append("not extracted: \(label.prefix)")
                continue
            }
            let linkedStart = c.evidence.first.map { e -> Double? in
                let d = docs[e.ref.doc]
                return d.sections[d.paragraphs[e.ref.paragraph].section].start
            } ?? nil
            let linkOK = label.sectionStart == nil ? c.evidence.isEmpty : linkedStart == label.sectionStart
            if c.verdict == label.verdict && linkOK {
                s.correct += 1
            } else {
                if !c.evidence.isEmpty && !linkOK { s.wrongLinks += 1 }
                s.misses.append("\(label.prefix): want \(label.verdict.rawValue)@\(label.sectionStart.map(Timestamp.format) ?? "-"), got \(c.verdict.rawValue)@\(linkedStart.map(Timestamp.format) ?? "-")")
            }
        }
        return s
    }

    func testLinkingAccuracyOnLabelledClaims() throws {
        let sample = score(Sample.documents(), ClaimLabels.sample)
        let seeds = score(try [Shared.load(Shared.newsletter), Shared.load(Shared.article)], ClaimLabels.seeds)
        let lenny = Shared.path("lennys-podcast")
        let notes = try FileManager.default.contentsOfDirectory(atPath: lenny + "/insights/alex-komoroske").sorted().map { lenny + "/insights/alex-komoroske/" + $0 }
        let gardener = score(try ([lenny + "/episodes/alex-komoroske/transcript.md"] + notes).map { try Shared.load($0) }, ClaimLabels.gardener)
        let wrong = sample.wrongLinks + seeds.wrongLinks + gardener.wrongLinks
        print("claims accuracy — sample: \(sample.correct)/\(sample.total), seeds: \(seeds.correct)/\(seeds.total), insights: \(gardener.correct)/\(gardener.total), wrong links: \(wrong)")
        for m in sample.misses + seeds.misses + gardener.misses { print("  miss: \(m)") }
        XCTAssertGreaterThanOrEqual(Double(sample.correct) / Double(sample.total), 0.9, sample.misses.joined(separator: "\n"))
        XCTAssertGreaterThanOrEqual(Double(seeds.correct) / Double(seeds.total), 0.8, seeds.misses.joined(separator: "\n"))
        XCTAssertGreaterThanOrEqual(Double(gardener.correct) / Double(gardener.total), 0.75, gardener.misses.joined(separator: "\n"))
        XCTAssertEqual(wrong, 0)
    }

    /// A word the claim writes solid and the transcript hyphenates ("pretraining", "pre-training")
    /// counts by its parts too, as the hyphenated spelling would; a word that merely splits into
    /// two words ("another", "an other") does not.
    func testSolidCompoundsCountByTheTranscriptsParts() throws {
        let docs = try [Shared.load(Shared.newsletter)]
        let checker = ClaimChecker(index: CorpusIndex(documents: docs))
        XCTAssertEqual(checker.hyphenatedParts(["pretraining", "another", "scaling", "rl"]), ["pre", "training"])
        let (c, _) = try newsletterClaim("In his telling, the old pretraining scaling laws")
        XCTAssertEqual(c.verdict, .supported)
        XCTAssertEqual(c.evidence.first.flatMap { docs[0].paragraphs[$0.ref.paragraph].timeLabel }, "≈04:18")
    }

    /// The seed newsletter's claim that starts so, checked against its own transcript.
    func newsletterClaim(_ prefix: String) throws -> (CheckedClaim, [Document]) {
        let docs = try [Shared.load(Shared.newsletter)]
        let checker = ClaimChecker(index: CorpusIndex(documents: docs))
        let claims = checker.check(checker.extractClaims())
        return (try XCTUnwrap(claims.first { $0.claim.text.hasPrefix(prefix) }, prefix), docs)
    }

    /// "He points to public reports of log-linear performance improvements with more RL training
    /// on verifiable tasks such as AIME-style math…" is the paragraph that says "math contests —
    /// AIME … log-linear": found once "points", "says" and "AIME-style" (a compound the transcript
    /// never uses) stop counting against it.
    func testSummaryReportingWordsDoNotCount() throws {
        let (c, docs) = try newsletterClaim("He points to public reports of log-linear")
        XCTAssertEqual(c.verdict, .supported)
        let ref = try XCTUnwrap(c.evidence.first?.ref)
        XCTAssertTrue(docs[0].paragraphs[ref.paragraph].text.contains("AIME or other things"))
        XCTAssertEqual(docs[0].paragraphs[ref.paragraph].time.map(Timestamp.format), "00:04:42")
    }

    /// A short quotation in a claim with figures names a thing: the claim is not found (the
    /// transcript stops before compute purchases), though the quotation is, at 13:41.
    func testShortQuotationDoesNotCarryAClaimWithFigures() throws {
        let (c, _) = try newsletterClaim("If model capability reaches")
        XCTAssertEqual(c.verdict, .notFound)
        XCTAssertTrue(c.figures.isEmpty)
        let q = try XCTUnwrap(c.quotes.first)
        XCTAssertTrue(q.found)
        XCTAssertEqual(q.time.map(Timestamp.format), "00:13:41")
    }

    /// Passages rank by score times how much of the claim they hold, and a passage may hold just
    /// what was said ("…, told Mara Quist that the hardware for grid storage has become cheap
    /// faster than permits have become simple"): the sample's brief and commentary find the
    /// sentences that say it, not the ones that share the most words.
    func testWhatWasSaidDecidesTheLink() throws {
        let docs = Sample.documents()
        let checker = ClaimChecker(index: CorpusIndex(documents: docs))
        let claims = checker.check(checker.extractClaims())
        func claim(_ prefix: String) throws -> CheckedClaim { try XCTUnwrap(claims.first { $0.claim.text.hasPrefix(prefix) }, prefix) }
        func evidenceText(_ c: CheckedClaim) throws -> String {
            let ref = try XCTUnwrap(c.evidence.first?.ref)
            return docs[ref.doc].paragraphs[ref.paragraph].text
        }
        XCTAssertEqual(ClaimChecker.reportedClause("Tobias Ferrand, who runs the pier, told Mara Quist that the hardware got cheap fast."),
                       " the hardware got cheap fast.")
        XCTAssertNil(ClaimChecker.reportedClause("He said that it works."))  // too short
        XCTAssertNil(ClaimChecker.reportedClause("Said that the hardware got cheap fast, he left."))  // nothing before the verb
        let hardware = try claim("Tobias Ferrand, who runs the Harbor Storage")
        XCTAssertEqual(hardware.verdict, .supported)
        XCTAssertTrue(try evidenceText(hardware).hasPrefix("Strange because the hardware got cheap faster than the paperwork got simple"))
        let cells = try claim("The cells got cheaper, Ferrand admitted")
        XCTAssertEqual(cells.verdict, .divergent)
        XCTAssertTrue(try evidenceText(cells).hasPrefix("Roughly 40 percent on the cells"))
        XCTAssertEqual(cells.figures.map { "\($0.claim) \($0.evidence.map(\.description) ?? "-") \($0.agree)" }, ["60% 40% false"])
    }

    /// A claim linked to a question is checked against the figures of the answer after it.
    func testFiguresOfTheAnswerToAQuestion() throws {
        let transcript = try DocumentLoader.parse(Array("""
        Jane Doe  0:03
        Welcome to the show. Today we are talking about scaling laws and the data centers being built.

        Jane Doe  1:02
        So how long until we see a country of geniuses in a data center, in your view?

        John Smith  1:10
        Maybe one or two years, if things go well. It could be longer.
        """.utf8), path: "talk.txt")
        let article = try DocumentLoader.parse(Array("""
        What John Smith Said

        Asked how long until we see a country of geniuses in a data center, John Smith said three to five years.
        """.utf8), path: "article.txt")
        XCTAssertEqual(transcript.format, .timedText)
        let checker = ClaimChecker(index: CorpusIndex(documents: [article, transcript]), transcripts: [1])
        let checked = checker.check(ClaimExtractor.claims(in: article, docIndex: 0, participants: checker.participants))
        let c = try XCTUnwrap(checked.first)
        XCTAssertEqual(c.evidence.first?.ref.paragraph, 1)
        XCTAssertEqual(c.verdict, .divergent)
        XCTAssertEqual(c.figures.map { "\($0.claim) \($0.evidence.map(\.description) ?? "-") \($0.agree)" }, ["3–5 years 1–2 years false"])
    }

    /// The seed check the issue names: both famous quotes in the right chapters, and
    /// "three to five years" divergent.
    func testCheckSeedArticleAgainstTranscript() throws {
        let docs = try [Shared.load(Shared.article), Shared.load(Shared.newsletter)]
        let index = CorpusIndex(documents: docs)
        let checker = ClaimChecker(index: index, transcripts: [1])
        let quotes = checker.quotes.check(article: docs[0], against: [1])
        func chapterStart(_ q: QuoteMatch) -> Double? {
            guard let r = q.ref else { return nil }
            return docs[1].sections[docs[1].paragraphs[r.paragraph].section].start
        }
        let exponential = try XCTUnwrap(quotes.first { $0.text == "near the end of the exponential" })
        XCTAssertTrue(exponential.found)
        XCTAssertEqual(exponential.similarity, 1)
        XCTAssertEqual(chapterStart(exponential), 0)
        let geniuses = try XCTUnwrap(quotes.first { $0.text.lowercased() == "country of geniuses in a data center" })
        XCTAssertTrue(geniuses.found)
        XCTAssertEqual(chapterStart(geniuses), 756)
        let claims = checker.check(ClaimExtractor.claims(in: docs[0], docIndex: 0, participants: checker.participants))
        let threeToFive = try XCTUnwrap(claims.first { $0.claim.text == "He thinks it is three to five years away." })
        XCTAssertEqual(threeToFive.verdict, .divergent)
        XCTAssertEqual(threeToFive.figures.first?.claim.description, "3–5 years")
        XCTAssertEqual(threeToFive.figures.first?.agree, false)
        // Revenue, compute and regulation are not in this transcript: not found, never a loose link.
        for c in claims where c.claim.text.contains("revenue") || c.claim.text.contains("profitable") {
            XCTAssertEqual(c.verdict, .notFound, c.claim.text)
        }
    }

    func testQuotesAcrossCuesAndFillers() throws {
        let vtt = """
        WEBVTT

        00:00:01.000 --> 00:00:03.000
        <v Ann>So the thing is, um, we are near

        00:00:03.000 --> 00:00:05.000
        <v Ann>the END of the... exponential, right?

        00:01:00.000 --> 00:01:04.000
        <v Bob>Nobody said “three to five years”. That is not what happened.
        """
        let article = """
        Notes

        Ann said “we are near the end of the exponential” and Bob said "Nobody said three to five years".
        """
        let docs = [try DocumentLoader.parse(Array(article.utf8), path: "a.txt"), try DocumentLoader.parse(Array(vtt.utf8), path: "t.vtt")]
        let matcher = QuoteMatcher(documents: docs, targets: [1])
        let q = matcher.locate("we are near the end of the exponential")
        XCTAssertTrue(q.found)
        XCTAssertEqual(q.similarity, 1)
        XCTAssertEqual(q.time, 1)   // the cue where the quote starts
        // Where the words are, for the reader to mark: the fillers inside stay in, as said.
        func said(_ m: QuoteMatch) -> [String] {
            m.spans.map { String(decoding: Array(docs[1].paragraphs[$0.paragraph].text.utf8)[$0.range], as: UTF8.self) }
        }
        XCTAssertEqual(said(q), ["we are near the END of the... exponential"])
        let approx = matcher.locate("we are near to the end of the exponential")
        XCTAssertTrue(approx.found)
        XCTAssertLessThan(approx.similarity, 1)
        XCTAssertFalse(matcher.locate("a completely different sentence about batteries").found)
        let elided = matcher.locate("So the thing is … we are near the end")
        XCTAssertTrue(elided.found)
        XCTAssertEqual(said(elided), ["So the thing is", "we are near the END"])
        XCTAssertEqual(elided.said(in: docs), "So the thing is … we are near the END")
        XCTAssertEqual(approx.said(in: docs), "we are near the END of the... exponential")
        XCTAssertNil(matcher.locate("a completely different sentence about batteries").said(in: docs))
    }

    /// "You know", "I mean", "sort of", "kind of" between a speaker's words are fillers too: a
    /// summary that quotes without them quotes faithfully (Jim Keller, Lex Fridman #70, 06:23).
    func testTwoWordFillers() throws {
        let vtt = """
        WEBVTT

        06:23.800 --> 06:26.160
        Look, if you look at a program and it runs,

        06:26.160 --> 06:29.840
        you know, 90% of the execution is on 25 opcodes,

        06:29.840 --> 06:31.680
        you know, 25 instructions. It's sort of, I mean, kind of a stable set.
        """
        let doc = try DocumentLoader.parse(Array(vtt.utf8), path: "t.vtt")
        let matcher = QuoteMatcher(documents: [doc], targets: [0])
        let q = matcher.locate("If you look at a program and it runs, 90% of the execution is on 25 opcodes.")
        XCTAssertEqual(q.similarity, 1)
        XCTAssertEqual(q.time, 383.8)
        XCTAssertEqual(matcher.locate("it's a stable set").similarity, 1)
        XCTAssertEqual(QuoteMatcher.withoutFillers(["do", "you", "know", "um", "what", "i", "mean"]), ["do", "what"])
        // A quote that keeps them matches as well.
        XCTAssertEqual(matcher.locate("you know, 90% of the execution is on 25 opcodes").similarity, 1)
    }

    /// Summaries write what was said in other forms: a number in words ("eighty percent" for
    /// Whisper's "80%"), a word in another form ("protect" for "protecting", "company" for
    /// "companies"), without the speaker's repeated word ("you're, you're") or the stop words
    /// they added ("in fact"). Such a quotation is found; a form's difference costs a quarter of
    /// a word, so one of eight words still reads as faithful, two do not.
    func testQuotesInOtherWordForms() throws {
        let vtt = """
        WEBVTT

        15:16.000 --> 15:20.000
        80% solution is typically good enough because if you overthink it, you're, you're behind

        15:20.000 --> 15:24.000
        and in an air to air fight, that's what happens.

        59:31.000 --> 59:36.000
        but we cannot protecting them by lying to the world.

        01:55:20.000 --> 01:55:24.000
        I call it the spiritual holding company, the thing at the center.

        02:00:00.000 --> 02:00:04.000
        Well, the child is in fact performing controlled experiments all the time, right?
        """
        let doc = try DocumentLoader.parse(Array(vtt.utf8), path: "t.vtt")
        let matcher = QuoteMatcher(documents: [doc], targets: [0])
        let eighty = matcher.locate("Eighty percent solution is typically good enough because if you overthink it, you're behind.")
        XCTAssertEqual(eighty.time, 916)
        XCTAssertGreaterThanOrEqual(eighty.similarity, QuoteMatcher.faithfulThreshold)
        let protect = matcher.locate("We cannot protect scientists by lying to the world.")
        XCTAssertTrue(protect.found)
        XCTAssertEqual(protect.time, 3571)
        XCTAssertLessThan(protect.similarity, QuoteMatcher.faithfulThreshold)  // "scientists" is not "them"
        XCTAssertNil(protect.leftOut)
        XCTAssertFalse(protect.isAsSaid)
        let holding = matcher.locate("spiritual holding companies")
        XCTAssertEqual(holding.time, 6920)
        XCTAssertEqual(holding.similarity, 0.917)
        XCTAssertFalse(matcher.locate("spiritual holding hands").found)
        // Stop words the speaker adds cost half a word each; words left out that change
        // nothing ("in fact") leave the quotation as said.
        let child = matcher.locate("The child is performing controlled experiments all the time.")
        XCTAssertEqual(child.time, 7200)
        XCTAssertEqual(child.similarity, 0.833)  // "in" half a word, "fact" a whole one
        XCTAssertEqual(child.leftOut, ["in", "fact"])
        XCTAssertTrue(child.isAsSaid)
    }

    /// Contractions of speech are the words they stand for: "going to" is "gonna" as Whisper
    /// heard it, "there will" "there'll" (and "gonna, gonna" once).
    func testSpokenContractions() throws {
        let vtt = """
        WEBVTT

        00:10.000 --> 00:14.000
        I don't think we're gonna, gonna be able to scale up our current approaches.

        00:20.000 --> 00:24.000
        I believe there'll be robots in everybody's homes.
        """
        let doc = try DocumentLoader.parse(Array(vtt.utf8), path: "t.vtt")
        let matcher = QuoteMatcher(documents: [doc], targets: [0])
        let going = matcher.locate("I don't think we're going to be able to scale up our current approaches.")
        XCTAssertEqual(going.similarity, 1)
        XCTAssertEqual(going.said(in: [doc]), "I don't think we're gonna, gonna be able to scale up our current approaches")
        XCTAssertEqual(matcher.locate("I believe there will be robots in everybody's homes").similarity, 1)
        XCTAssertEqual(QuoteMatcher.withoutFillers(["theyll", "wanna", "dont"]), ["theyll", "want", "to", "dont"])
    }

    /// Seven words or more said word for word in a row, half the quotation at least, three of
    /// them not stop words: taken from there, though too unlike to be found as aligned; six are not.
    func testQuotationTakenWordForWordInPart() throws {
        let vtt = """
        WEBVTT

        00:10.000 --> 00:16.000
        If you have to decide, you gotta pick the thing that's a little scarier in that list, because that is how you grow.
        """
        let doc = try DocumentLoader.parse(Array(vtt.utf8), path: "t.vtt")
        let matcher = QuoteMatcher(documents: [doc], targets: [0])
        let taken = matcher.locate("You have to do something that's a little scarier in that list.")
        XCTAssertTrue(taken.found)
        XCTAssertFalse(taken.isAsSaid)
        XCTAssertEqual(taken.said(in: [doc]), "gotta pick the thing that's a little scarier in that list")
        let run = QuoteMatcher.longestRun(["a", "b", "c", "d"], ["x", "b", "c", "y", "a", "b", "c", "d"], first: 0, last: 3)
        XCTAssertEqual([run.start, run.count], [1, 2])
        XCTAssertFalse(matcher.locate("So go and find the thing that's a little scarier for you today").found)
    }

    /// A contraction and the two words it stands for are one word, however the quotation and
    /// the transcript write them ("don't" and "do not", "it's" and "it is", "can't" and
    /// "cannot"); one whose word without its apostrophe is another word is not that word
    /// ("we're" is not "were").
    func testWrittenContractions() throws {
        let vtt = """
        WEBVTT

        00:10.000 --> 00:14.000
        I do not think it is going to work, and we were never told why.

        00:20.000 --> 00:24.000
        It's the kind of thing you can't plan for, and we're all learning.
        """
        let doc = try DocumentLoader.parse(Array(vtt.utf8), path: "t.vtt")
        let matcher = QuoteMatcher(documents: [doc], targets: [0])
        let work = matcher.locate("I don't think it's going to work")
        XCTAssertEqual(work.similarity, 1)
        XCTAssertEqual(work.said(in: [doc]), "I do not think it is going to work")
        let plan = matcher.locate("it is the kind of thing you cannot plan for")
        XCTAssertEqual(plan.similarity, 1)
        XCTAssertEqual(plan.time, 20)
        XCTAssertEqual(matcher.locate("and we are all learning").similarity, 1)
        // "we're" is not "were", nor "its" "it's".
        XCTAssertLessThan(matcher.locate("and we're never told why").similarity, QuoteMatcher.faithfulThreshold)
        XCTAssertLessThan(matcher.locate("its the kind of thing you cant plan for").similarity, 1)
        XCTAssertEqual(QuoteMatcher.words("It’s its, we’re were"), ["it's", "its", "we're", "were"])
        XCTAssertEqual(QuoteMatcher.withoutFillers(["it", "is", "not", "what", "i", "am", "cannot"]), ["it", "isnt", "what", "im", "cant"])
        // "It's not" is "it isn't", "we are not" "we aren't".
        let vtt2 = "WEBVTT\n\n00:10.000 --> 00:14.000\nWe aren't there yet, and it's not close.\n"
        let doc2 = try DocumentLoader.parse(Array(vtt2.utf8), path: "t.vtt")
        XCTAssertEqual(QuoteMatcher(documents: [doc2], targets: [0]).locate("we are not there yet, and it is not close").similarity, 1)
    }

    /// A word a quotation writes solid where the transcript has two ("datacenter", said "data
    /// center": the seed's own chapter title writes it so) is the same word, and so are two
    /// words it writes as one.
    func testCompoundWrittenSolidInAQuotation() throws {
        let docs = [try Shared.load(Shared.newsletter)]
        let matcher = QuoteMatcher(documents: docs, targets: [0])
        let m = matcher.locate("a country of geniuses in a datacenter")
        XCTAssertEqual(m.similarity, 1)
        XCTAssertEqual(m.time.map(Timestamp.format), "00:13:41")
        XCTAssertEqual(m.said(in: docs), "a “country of geniuses in a data center")
        // And the other way round: two words of the quotation said as one.
        let vtt = "WEBVTT\n\n00:10.000 --> 00:14.000\nWe built a new datacenter in Ohio last year.\n"
        let doc = try DocumentLoader.parse(Array(vtt.utf8), path: "t.vtt")
        XCTAssertEqual(QuoteMatcher(documents: [doc], targets: [0]).locate("a new data center in Ohio").similarity, 1)
        // Edits still count around the compound.
        XCTAssertEqual(QuoteMatcher(documents: [doc], targets: [0]).locate("built a new data center in Texas").similarity, 0.857)
    }

    /// A quotation spliced from words said further apart, without an ellipsis, is found where it
    /// was said, not as said, with what was said beside it: every word there in order, no more
    /// words between than it has. Words as far apart as that by chance are no quotation.
    func testSplicedQuotationIsFoundNotAsSaid() throws {
        let episode = try Shared.load(Shared.path("lexicap/episode_146_large.vtt"))
        let matcher = QuoteMatcher(documents: [episode], targets: [0])
        let m = matcher.locate("It just takes one virus to obliterate us.")
        XCTAssertTrue(m.found)
        XCTAssertFalse(m.isAsSaid)
        XCTAssertEqual(m.similarity, 0.625)
        XCTAssertEqual(m.time.map(Timestamp.format), "00:08:37")
        XCTAssertEqual(m.said(in: [episode]), "it just takes one virus, just takes the wrong one to just obliterate us")
        let vtt = """
        WEBVTT

        00:10.000 --> 00:14.000
        The models learn quickly, and then later, after many months of very slow and careful tuning by several teams, the results improve.
        """
        let doc = try DocumentLoader.parse(Array(vtt.utf8), path: "t.vtt")
        let far = QuoteMatcher(documents: [doc], targets: [0]).locate("the models learn the results improve")
        XCTAssertFalse(far.found, "\(far)")
        let near = QuoteMatcher(documents: [doc], targets: [0]).locate("the models learn quickly and later the results improve")
        XCTAssertFalse(near.found, "\(near)")
    }

    /// Words in square brackets are the writer's: set aside, as an ellipsis sets aside the
    /// speaker's. "No one knows [the future of Bitcoin]" is what Jack Dorsey said, at 19:13.
    func testBracketedWordsAreTheWriters() throws {
        let episode = try Shared.load(Shared.path("lexicap/episode_091_large.vtt"))
        let matcher = QuoteMatcher(documents: [episode], targets: [0])
        let m = matcher.locate("I think the amazing thing is no one knows [the future of Bitcoin].")
        XCTAssertTrue(m.isAsSaid)
        XCTAssertEqual(m.similarity, 1)
        XCTAssertEqual(m.time.map(Timestamp.format), "00:19:13")
        XCTAssertEqual(m.text, "I think the amazing thing is no one knows [the future of Bitcoin].")
        // The words around an insertion are still the speaker's: "from 30-40%" was not said.
        XCTAssertFalse(matcher.locate("We took that number [of credit card applicants approved] from 30-40% to 99%.").found)
        XCTAssertEqual(QuoteMatcher.withoutBrackets("[It] will be [the] code"), " …  will be  …  code")
        XCTAssertEqual(QuoteMatcher.withoutBrackets("a [b [c] d] e"), "a  …  e")
        XCTAssertEqual(QuoteMatcher.withoutBrackets("an [unclosed one"), "an [unclosed one")
    }

    /// A quotation that leaves out a few words the speaker said among its words is as said,
    /// unless what it leaves out changes what was said: a "not", a "maybe", a number, a
    /// condition. Leaving out more than a quarter of its length (two words of a short one) is
    /// not a quotation as said either.
    func testWordsLeftOutOfAQuotation() throws {
        let vtt = """
        WEBVTT

        00:10.000 --> 00:14.000
        I still think unsupervised learning is a beautiful idea.

        00:20.000 --> 00:24.000
        Honestly I don't think the robots will be in every home soon.

        00:30.000 --> 00:34.000
        The plant will maybe be finished by the end of the decade, we hope.

        00:40.000 --> 00:44.000
        We built it, with a lot of help and a great deal of luck and money, on the old pier.
        """
        let doc = try DocumentLoader.parse(Array(vtt.utf8), path: "t.vtt")
        let matcher = QuoteMatcher(documents: [doc], targets: [0])
        // The alignment starts at "still"; the quotation starts at "I", a word before.
        let still = matcher.locate("I think unsupervised learning is a beautiful idea.")
        XCTAssertEqual(still.similarity, 0.875)
        XCTAssertEqual(still.leftOut, ["still"])
        XCTAssertTrue(still.isAsSaid)
        XCTAssertEqual(still.said(in: [doc]), "I still think unsupervised learning is a beautiful idea")
        let not = matcher.locate("I think the robots will be in every home soon.")
        XCTAssertEqual(not.leftOut, ["dont"])
        XCTAssertFalse(not.isAsSaid)
        let maybe = matcher.locate("The plant will be finished by the end of the decade.")
        XCTAssertEqual(maybe.leftOut, ["maybe"])
        XCTAssertFalse(maybe.isAsSaid)
        let most = matcher.locate("We built it on the old pier.")
        XCTAssertTrue(most.found == false || most.isAsSaid == false)
        XCTAssertEqual(QuoteMatcher.leftOut([1, 2, 3], [9, 1, 5, 2, 2, 3], first: 1, last: 5)?.words, [2])
        XCTAssertNil(QuoteMatcher.leftOut([1, 2, 3], [1, 3, 2], first: 0, last: 2))
    }

    /// A quotation of common words is found however many paragraphs hold its words before the
    /// one that says it (more than are read), and in a given transcript only.
    func testCommonWordsQuoteAmongManyParagraphs() throws {
        func transcript(_ name: String, _ paragraphs: [String]) throws -> Document {
            let body = paragraphs.enumerated().map { i, p in "## [\(Timestamp.format(Double(i * 30)))] Part \(i)\n\n**Host:** \(p)\n" }
            return try DocumentLoader.parse(Array(("# \(name)\n\n" + body.joined(separator: "\n")).utf8), path: name + ".md")
        }
        let crowded = try transcript("crowded", Array(repeating: "We should be doing more of this work.", count: 600))
        let said = try transcript("said", ["Nothing here.", "You are not trying to tell them be different. You tell them be more, and they listen."])
        XCTAssertEqual(crowded.paragraphs.count, 600)
        let matcher = QuoteMatcher(documents: [crowded, said], targets: [0, 1])
        let q = matcher.locate("be more", prefix: "frames guidance as helping them", suffix: "of themselves")
        XCTAssertTrue(q.found)
        XCTAssertEqual(q.ref, ParagraphRef(doc: 1, paragraph: 1))
        XCTAssertEqual(q.time, 30)
        XCTAssertFalse(matcher.locate("be more", prefix: "helping them", in: [0]).found)
        XCTAssertEqual(matcher.locate("be more", prefix: "helping them", in: [1]).ref?.doc, 1)
    }

    /// A quotation's excerpt shows where it was said, not the first of its words in the paragraph:
    /// Eric Ries says "If I could start this company over again…" at the end of a long
    /// paragraph that has "if", "we" and "company" earlier.
    func testQuoteExcerptShowsTheQuote() throws {
        let doc = try Shared.load(Shared.path("lennys-podcast/episodes/eric-ries/transcript.md"))
        let matcher = QuoteMatcher(documents: [doc], targets: [0])
        let q = matcher.locate("If I could start this company over, the thing I wish we were doing is...")
        XCTAssertTrue(q.found)
        XCTAssertEqual(q.time.map(Timestamp.format), "01:16:52")
        XCTAssertLessThan(q.similarity, QuoteMatcher.faithfulThreshold)  // "again", "was" for "is"
        let excerpt = try XCTUnwrap(q.excerpt)
        XCTAssertTrue(excerpt.contains("\"If I could start this company over again the thing I wish we were doing was.\""), excerpt)
        XCTAssertFalse(excerpt.contains("If it was one weekend"), excerpt)
        XCTAssertEqual(q.spans.map { String(decoding: Array(doc.paragraphs[$0.paragraph].text.utf8)[$0.range], as: UTF8.self) },
                       ["If I could start this company over again the thing I wish we were doing"])
        // The text output says what was said beside a quotation not said word for word.
        let index = CorpusIndex(documents: [doc])
        XCTAssertEqual(Reports.quoteResult(index, q), "found at 01:16:52 (similarity 0.867), said “If I could start this company over again the thing I wish we were doing”")
        // Short paragraphs are still shown whole.
        XCTAssertEqual(CorpusIndex.excerpt("Short and sweet.", around: 10), "Short and sweet.")
    }

    /// A word a note puts in quotation marks alone, and the transcript says in one passage, is
    /// the speaker's own word: "Being perceived as “kooky”…" is linked where Alex Komoroske says
    /// people call him kooky (1:07:28), though the rest of the sentence paraphrases him. A word
    /// said in many passages names none.
    func testAWordQuotedAloneNamesThePassageThatSaysIt() throws {
        let lenny = Shared.path("lennys-podcast")
        let transcript = try Shared.load(lenny + "/episodes/alex-komoroske/transcript.md")
        let notes = try FileManager.default.contentsOfDirectory(atPath: lenny + "/insights/alex-komoroske")
            .first { $0.contains("-15-") }.map { try Shared.load(lenny + "/insights/alex-komoroske/" + $0) }
        let docs = [transcript, try XCTUnwrap(notes)]
        let checker = ClaimChecker(index: CorpusIndex(documents: docs))
        let claims = checker.check(checker.extractClaims())
        let kooky = try XCTUnwrap(claims.first { $0.claim.text.hasPrefix("Being perceived as \"kooky\"") })
        XCTAssertEqual(kooky.verdict, .supported)
        XCTAssertEqual(kooky.evidence.first.flatMap { transcript.paragraphs[$0.ref.paragraph].time }.map(Timestamp.format), "01:07:28")
        XCTAssertEqual(checker.quotedRareWordPassages("He was called “kooky”.", within: nil).count, 1)
        // "idea" is in dozens of passages; two words are a quotation, found by the quote matcher.
        XCTAssertEqual(checker.quotedRareWordPassages("He has an “idea”.", within: nil), [])
        XCTAssertEqual(checker.quotedRareWordPassages("He was called “kooky person”.", within: nil), [])
    }

    func testExtractionKeepsContext() throws {
        let d = try Shared.load(Shared.article)
        let claims = ClaimExtractor.claims(in: d, docIndex: 0, participants: ["Dario Amodei", "Dwarkesh Patel"])
        let c = try XCTUnwrap(claims.first { $0.text == "He thinks it is three to five years away." })
        XCTAssertEqual(c.heading, "\"A Country of Geniuses in a Data Center\"")
        XCTAssertTrue(c.context.hasPrefix("Dario was explicit that this is not a distant hypothetical."))
        XCTAssertEqual(c.figures.map(\.description), ["3–5 years"])
        XCTAssertTrue(c.reasons.contains("figure"))
        XCTAssertTrue(c.reasons.contains("attribution"))
    }
}
