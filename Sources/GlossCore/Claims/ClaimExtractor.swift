import Foundation

/// Picks checkable statements out of summaries and articles: sentences that attribute something
/// to a participant, carry figures, or quote; every sentence of a summary block.
public enum ClaimExtractor {
    static let attributionCues: [String] = [
        " said", " says", " say ", " argued", " argues", " argue ", " thinks", " think ", " believes", " believe ",
        " estimated", " estimates", " expects", " expected", " predicted", " predicts", " claimed", " claims",
        " told", " was explicit", " is explicit", " admitted", " acknowledged", " acknowledges", " noted", " notes",
        " warned", " warns", " described", " describes", " suggested", " suggests", " insisted", " insists",
        " emphasized", " emphasizes", " according to", " his view", " her view", " their view", "’s argument",
        "'s argument", " framing", " points to", " dismisses", " dismissed", " rejects", " rejected", " pushes back",
        " worries", " sees ", " quantifies", " framed", " frames", " called", " calls ", " identified", " explained",
        " was blunt", " was candid", " was careful", " proud", " admits", " wants ", " offers", " treats",
    ]

    /// Claims of one document. Transcripts contribute only their summary blocks.
    public static func claims(in doc: Document, docIndex: Int, participants: [String], idPrefix: String = "") -> [Claim] {
        var out: [Claim] = []
        let nameTokens = Set(participants.flatMap { Tokenizer.terms($0) }.filter { $0.count > 2 })
        let noteOnEpisode = doc.kind == .article && doc.metadata.extra.contains { $0.key == "source_episode" }
        for (s, section) in doc.sections.enumerated() {
            let isSummary = section.kind == .summary || noteOnEpisode
            if doc.kind == .transcript && !isSummary { continue }
            for p in section.paragraphs {
                let para = doc.paragraphs[p]
                for (sentence, range) in Sentences.split(para.text) {
                    let words = TextTools.wordCount(sentence)
                    guard words >= 5 else { continue }
                    let contentWords = Tokenizer.terms(sentence).filter { !SearchQuery.stopWords.contains($0) && $0.count > 2 }
                    guard Set(contentWords).count >= 3 else { continue }
                    var reasons: [String] = []
                    if isSummary { reasons.append("summary") }
                    let lower = " " + sentence.lowercased()
                    let terms = Set(Tokenizer.terms(sentence))
                    let hasSubject = !terms.isDisjoint(with: nameTokens) || !terms.isDisjoint(with: ["he", "she", "his", "her", "they", "guest"])
                    if hasSubject && attributionCues.contains(where: { lower.contains($0) }) { reasons.append("attribution") }
                    let figures = FigureExtractor.extract(sentence)
                    if figures.contains(where: { $0.unit != .calendarYear && $0.unit != .count }) { reasons.append("figure") }
                    let quotes = QuoteExtractor.quotes(in: sentence, minWords: 2).map(\.text)
                    if !quotes.isEmpty { reasons.append("quote") }
                    guard !reasons.isEmpty else { continue }
                    out.append(Claim(id: "\(idPrefix)\(docIndex + 1).\(out.count + 1)", text: sentence,
                                     source: ParagraphRef(doc: docIndex, paragraph: p), heading: section.title,
                                     context: para.text, range: range, figures: figures, quotes: quotes, reasons: reasons))
                }
                _ = s
            }
        }
        return out
    }
}
