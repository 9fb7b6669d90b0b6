import XCTest
@testable import GlossCore

/// The two seed documents must read perfectly.
final class SeedTests: XCTestCase {
    func testNewsletterChapters() throws {
        let d = try Shared.load(Shared.newsletter)
        XCTAssertEqual(d.format, .newsletter)
        XCTAssertEqual(d.kind, .transcript)
        XCTAssertEqual(d.metadata.title, "Dario Amodei — \"We are near the end of the exponential\"")
        XCTAssertEqual(d.metadata.author, "Dwarkesh Patel")
        XCTAssertEqual(d.metadata.date, "2026-02-13T17:21:25+00:00")
        XCTAssertEqual(d.metadata.publication, "substack.com")
        XCTAssertEqual(d.metadata.duration, 142 * 60)
        XCTAssertEqual(d.metadata.participants, ["Dario Amodei", "Dwarkesh Patel"])
        let chapters = d.readingSections.map { d.sections[$0] }
        XCTAssertEqual(chapters.map { Timestamp.format($0.start!) },
                       ["00:00:00", "00:12:36", "00:29:42", "00:46:20", "00:58:49", "01:31:19", "01:47:41"])
        XCTAssertEqual(chapters.map(\.present), [true, true, false, false, false, false, false])
        XCTAssertEqual(chapters[1].title, "Is diffusion cope?")
        XCTAssertEqual(chapters[6].title, "Why can’t China and America both have a country of geniuses in a datacenter?")
        XCTAssertEqual(chapters[0].paragraphs.count, 30)
        XCTAssertEqual(chapters[1].paragraphs.count, 16)
        XCTAssertTrue(chapters[2...].allSatisfy { $0.paragraphs.isEmpty })
    }

    func testNewsletterSummaryBlocksAndChrome() throws {
        let d = try Shared.load(Shared.newsletter)
        let summaries = d.summarySections.map { d.sections[$0] }
        XCTAssertEqual(summaries.map(\.title), ["Brief", "Why it matters", "Key details", "Episode description"])
        XCTAssertEqual(summaries.map(\.paragraphs.count), [5, 1, 5, 1])
        let keyDetails = summaries[2].paragraphs.map { d.paragraphs[$0] }
        XCTAssertTrue(keyDetails.allSatisfy { $0.style == .bullet })
        XCTAssertTrue(keyDetails[1].text.hasPrefix("He said Anthropic has seen revenue compound"))
        // E-mail chrome and sponsor blocks are not reading text; padding characters are gone.
        let all = d.paragraphs.map(\.text).joined(separator: "\n")
        for chrome in ["READ IN APP", "Subscribe here", "Labelbox", "Jane Street", "Mercury", "Watch now"] {
            XCTAssertFalse(all.contains(chrome), chrome)
        }
        XCTAssertFalse(all.unicodeScalars.contains { $0.value == 0x034F || $0.value == 0x200B })
    }

    func testNewsletterSpeakersTimesAndBytes() throws {
        let bytes = try Shared.bytes(Shared.newsletter)
        let d = try DocumentLoader.parse(bytes, path: Shared.newsletter)
        let s0 = d.sections[d.readingSections[0]]
        let first = d.paragraphs[s0.paragraphs.lowerBound]
        XCTAssertNil(first.speaker)  // the interviewer's opening question has no label
        XCTAssertEqual(first.time, 0)
        XCTAssertTrue(first.estimated)
        XCTAssertEqual(d.paragraphs[s0.paragraphs.lowerBound + 1].speaker, "Dario Amodei")
        // The export names Dario once and the host never, so nothing after that answer is
        // attributed: not the host's "I want to understand what that exponential looks like…",
        // not "Now you've jinxed us, Dario." (the host's), not the 12:36 chapter's opening question.
        let labelled = d.paragraphs.filter { $0.speaker != nil }
        XCTAssertEqual(labelled.map { String($0.text.prefix(18)) }, ["Broadly speaking, "])
        let jinxed = try XCTUnwrap(d.paragraphs.first { $0.text.hasPrefix("Now you’ve jinxed us") })
        XCTAssertNil(jinxed.speaker)
        // Estimated times rise inside each chapter and stay inside it.
        let s1 = d.sections[d.readingSections[1]]
        let times = s1.paragraphs.map { d.paragraphs[$0].time! }
        XCTAssertEqual(times.first, 756)
        XCTAssertEqual(times, times.sorted())
        XCTAssertLessThan(times.last!, 29 * 60 + 42)
        // Byte ranges point at the paragraph in the source.
        for p in d.paragraphs.prefix(20) {
            let src = String(decoding: bytes[p.byteRange], as: UTF8.self)
            XCTAssertEqual(NewsletterReader.stripBullet(TextTools.clean(src)).0, p.text)
        }
    }

    func testNewsletterTimeLookup() throws {
        let d = try Shared.load(Shared.newsletter)
        let s = try XCTUnwrap(d.section(at: 20 * 60))
        XCTAssertEqual(d.sections[s].title, "Is diffusion cope?")
        let p = try XCTUnwrap(d.paragraph(at: 20 * 60))
        XCTAssertEqual(d.paragraphs[p].section, s)
        XCTAssertEqual(d.sections[d.section(at: 6461)!].title, "Why can’t China and America both have a country of geniuses in a datacenter?")
        XCTAssertNil(d.paragraph(at: 6461))  // absent chapter: no text
        XCTAssertEqual(d.sections[d.section(at: 0)!].title, "What exactly are we scaling?")
        // Every paragraph is found at the time it shows (estimated times have fractions: the
        // one shown as ≈13:41 is not left for the one before it).
        for (i, para) in d.paragraphs.enumerated() {
            guard let t = para.time, d.sections[para.section].kind == .chapter else { continue }
            XCTAssertEqual(d.paragraph(at: t.rounded(.down)), i, Timestamp.format(t))
        }
        let at1341 = try XCTUnwrap(d.paragraph(at: 13 * 60 + 41))
        XCTAssertTrue(d.paragraphs[at1341].text.hasPrefix("On the basic hypothesis"), d.paragraphs[at1341].text)
    }

    func testArticle() throws {
        let d = try Shared.load(Shared.article)
        XCTAssertEqual(d.format, .article)
        XCTAssertEqual(d.kind, .article)
        XCTAssertEqual(d.metadata.title, "Dario Amodei's Most Honest Interview: What the Anthropic CEO Actually Thinks")
        XCTAssertEqual(d.metadata.author, "Abhishek Gautam")
        XCTAssertEqual(d.sections.map(\.title), [
            "Quick summary", "Background: Why This Interview Is Different", "\"We Are Near the End of the Exponential\"",
            "\"A Country of Geniuses in a Data Center\"", "The Money Problem: Does Frontier AI Survive Economically?",
            "On RL Being the Next Engine", "The India Implication (And What Developing Countries Should Think About)",
            "What This Interview Tells You About Anthropic vs OpenAI",
        ])
        XCTAssertEqual(d.sections[0].kind, .summary)
        let text = d.paragraphs.map(\.text).joined(separator: "\n")
        for chrome in ["Free Tool", "Check Your AI Risk Score", "Written by", "Unsubscribe", "Free Weekly Briefing", "LinkedIn"] {
            XCTAssertFalse(text.contains(chrome), chrome)
        }
        XCTAssertTrue(text.contains("He thinks it is three to five years away."))
        XCTAssertTrue(d.paragraphs.last!.text.hasPrefix("The Dwarkesh Patel interview is available"))
    }
}
