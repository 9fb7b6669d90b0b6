import Foundation

/// Links claims to transcript evidence and gives verdicts.
///
/// Evidence is ranked with the in-memory index (BM25 over transcript paragraphs, using the claim
/// sentence and, more weakly, its paragraph and heading), boosted by shared figures and quoted
/// phrases. A passage must cover enough of the claim's distinctive words to count: a wrong link
/// is worse than none.
public final class ClaimChecker: @unchecked Sendable {
    public let index: CorpusIndex
    public let quotes: QuoteMatcher
    /// Transcript documents that evidence may come from.
    public let transcripts: [Int]
    /// By global paragraph id: whether it is timed transcript text (evidence may come from it).
    let isEvidence: [Bool]
    /// Index terms by stem, so a claim's "verifiable" finds the transcript's "verified".
    let termsByStem: [String: [Int32]]
    /// Words left out of a claim's terms (`reportingWords` and the participants' names).
    let framing: Set<String>
    /// What telling a document's subject needs of the transcripts, worked out once for
    /// `keepToSubjects` and `subjects(of:)` (none without transcripts).
    let subjectContext: SubjectContext?

    /// Minimum share of the claim's idf weight that evidence must contain.
    public static let coverageThreshold = 0.3
    /// Minimum number of distinct content words shared.
    public static let minimumSharedTerms = 3
    /// Passages whose figures are compared with a claim's, at most (the best covered).
    static let figureCandidates = 300
    /// Evidence paragraphs a word quoted alone may be said in to name them.
    static let rareWordPassages = 2
    /// Words a quotation needs to be evidence for a claim with figures by itself.
    static let statementQuoteWords = 4
    /// Minimum coverage for a claim whose quotation is found nowhere.
    public static let unquotedCoverageThreshold = 0.5
    /// Minimum coverage for a claim of a document that is about no one episode of a library.
    public static let subjectlessCoverageThreshold = 0.4

    public init(index: CorpusIndex, transcripts: [Int]? = nil) {
        self.index = index
        let docs = index.documents
        let t = transcripts ?? docs.indices.filter { docs[$0].kind == .transcript }
        self.transcripts = t
        quotes = QuoteMatcher(index: index, targets: t)
        var mask = [Bool](repeating: false, count: index.paragraphCount)
        for d in t {
            for (p, para) in docs[d].paragraphs.enumerated() {
                let k = docs[d].sections[safe: para.section]?.kind
                if k == .chapter || k == .window { mask[index.paragraphBase[d] + p] = true }
            }
        }
        isEvidence = mask
        var stems: [String: [Int32]] = [:]
        index.forEachTerm { term, id in stems[Stemmer.stem(term), default: []].append(id) }
        termsByStem = stems
        let names = t.flatMap { docs[$0].metadata.participants }.flatMap(Tokenizer.terms)
        framing = ClaimChecker.reportingWords.union(names)
        subjectContext = t.isEmpty ? nil : SubjectContext(documents: docs, transcripts: t)
    }

    /// Words of a summary that say who said something and how, not what was said: reporting
    /// verbs ("He frames…", "In his telling…", "He points to…") and the participants' names.
    /// A transcript hardly says them (the speaker is a label, not a word of the text; names come
    /// up in the introduction), so counting them would lower every passage's share of the claim,
    /// and pull claims that name the guest towards the introduction.
    static let reportingWords: Set<String> = [
        "say", "says", "said", "saying", "argue", "argues", "argued", "arguing", "argument",
        "frame", "frames", "framed", "framing", "tell", "tells", "telling", "told",
        "point", "points", "pointed", "claim", "claims", "claimed", "note", "notes", "noted",
        "suggest", "suggests", "suggested", "insist", "insists", "insisted", "describe", "describes",
        "described", "portray", "portrays", "portrayed", "offer", "offers", "offered", "explain",
        "explains", "explained", "add", "adds", "added", "recall", "recalls", "recalled",
        "mention", "mentions", "mentioned", "contend", "contends", "contended", "maintain",
        "maintains", "maintained", "assert", "asserts", "asserted", "stress", "stresses", "stressed",
        "emphasize", "emphasizes", "emphasized", "emphasise", "emphasises", "emphasised",
        "acknowledge", "acknowledges", "acknowledged", "concede", "concedes", "conceded",
        "admit", "admits", "admitted", "dismiss", "dismisses", "dismissed", "reject", "rejects",
        "rejected", "according", "notably", "repeatedly", "view", "views", "stance",
        "him", "himself", "herself", "interview", "interviewer", "episode", "podcast", "host", "guest",
    ]

    /// Verbs that report speech or thought, before the "that" of what was said.
    static let reportingVerbs: Set<String> = reportingWords.union([
        "think", "thinks", "thought", "believe", "believes", "believed", "expect", "expects", "expected",
        "estimate", "estimates", "estimated", "predict", "predicts", "predicted", "warn", "warns", "warned",
        "worry", "worries", "worried", "write", "writes", "wrote", "agree", "agrees", "agreed",
    ])

    /// What follows the "that" of reported speech in a claim sentence ("…, told Mara Quist that
    /// the hardware…"), when a reporting verb comes at most three words before it, at least two
    /// words come before the verb (after a bare "He said that" the rest is the sentence anyway),
    /// and at least four words follow; else nil.
    static func reportedClause(_ text: String) -> String? {
        let tokens = Tokenizer.tokens(text)
        for (i, t) in tokens.enumerated() where t.term == "that" && tokens.count - i > 4 {
            guard let v = tokens[max(0, i - 4)..<i].firstIndex(where: { reportingVerbs.contains($0.term) }), v > 1 else { continue }
            return String(decoding: Array(text.utf8)[t.range.upperBound...], as: UTF8.self)
        }
        return nil
    }

    /// Whether a term occurs in some evidence paragraph.
    func inEvidence(_ term: String) -> Bool {
        guard let ids = termsByStem[Stemmer.stem(term)] else { return false }
        for id in ids {
            var found = false
            index.forEachPostingRun(id) { paragraphs, _ in
                if !found { found = paragraphs.contains { isEvidence[Int($0)] } }
            }
            if found { return true }
        }
        return false
    }

    /// Words of a claim written solid that the transcripts hyphenate ("pretraining" where the
    /// speaker's transcript has "pre-training"): their parts, as the claim would have them had it
    /// hyphenated the word too (the transcript's passage holds "pre", "training" and
    /// "pretraining"; a claim saying "pre-training" shared all three, one saying "pretraining"
    /// only one).
    func hyphenatedParts(_ terms: [String]) -> [String] {
        var out: [String] = []
        for w in Set(terms) where w.count >= 6 && w.allSatisfy(\.isLetter) {
            guard let id = index.termID(w) else { continue }
            let splits = index.splitsIntoTerms(w, first: 2)
            guard !splits.isEmpty else { continue }
            // A few transcript paragraphs holding it, as written.
            var texts: [String] = []
            index.forEachPostingRun(id) { paragraphs, _ in
                for g in paragraphs where texts.count < 4 && isEvidence[Int(g)] {
                    texts.append(index.paragraph(index.ref(global: Int(g))).text.lowercased())
                }
            }
            if let (a, b) = splits.first(where: { a, b in texts.contains { $0.contains(a + "-" + b) } }) { out += [a, b] }
        }
        return out.sorted()
    }

    /// Participants of the transcripts (for spotting attributions).
    public var participants: [String] {
        var out: [String] = []
        for d in transcripts { for p in index.documents[d].metadata.participants where !out.contains(p) { out.append(p) } }
        return out
    }

    /// Claims of the given documents (default: every document that has summaries or is an article).
    public func extractClaims(from docs: [Int]? = nil) -> [Claim] {
        let all = index.documents
        let sources = docs ?? all.indices.filter { all[$0].kind == .article || !all[$0].summarySections.isEmpty }
        let names = participants
        return sources.flatMap { ClaimExtractor.claims(in: all[$0], docIndex: $0, participants: names) }
    }

    /// Checks claims, then marks claims in different documents that say the same thing.
    /// `progress` is called with (done, total) as claims finish, from any thread; claims checked
    /// again against their episode (`keepToSubjects`) add to both once the first pass is done.
    public func check(_ claims: [Claim], progress: (@Sendable (Int, Int) -> Void)? = nil) -> [CheckedClaim] {
        let counter = ProgressCounter(total: claims.count, report: progress)
        var checked = parallelMap(count: claims.count) { i in
            defer { counter.tick() }
            return self.check(claims[i])
        }
        keepToSubjects(&checked, progress: progress)
        relate(&checked)
        return checked
    }

    public func check(_ claim: Claim) -> CheckedClaim { check(claim, within: nil) }

    /// - Parameters:
    ///   - within: transcripts the evidence must come from (quotations are still looked for
    ///     everywhere).
    ///   - minimumCoverage: the share of the claim's words evidence must hold
    ///     (`coverageThreshold` unless said).
    func check(_ claim: Claim, within: Set<Int>?, minimumCoverage: Double = ClaimChecker.coverageThreshold) -> CheckedClaim {
        // A hyphenated compound the transcripts never use ("AIME-style") is there in its parts.
        let compounds = Tokenizer.compounds(claim.text).filter(inEvidence)
        let claimTerms = Tokenizer.terms(claim.text)
        let sentenceTerms = Self.content(claimTerms + compounds + hyphenatedParts(claimTerms)).filter { !framing.contains($0) }
        let headingTerms = Self.content(Tokenizer.terms(claim.heading ?? "")).filter { !framing.contains($0) }
        let contextTerms = Self.content(Tokenizer.terms(claim.context)).filter { !framing.contains($0) }
        // What was said ("…, told Mara Quist that the hardware for grid storage has become cheap
        // faster than permits have become simple"): a passage may cover that instead.
        let said = ClaimChecker.reportedClause(claim.text).map { Self.content(Tokenizer.terms($0)).filter { !framing.contains($0) } }
        // Quotes first: a verbatim quote is the strongest evidence there is.
        let around = claim.quotes.map { surroundings(of: $0, in: claim.context) }
        var quoteMatches = claim.quotes.indices.map { i in quotes.locate(claim.quotes[i], prefix: around[i].0, suffix: around[i].1) }
        // Phrases quoted in the claim's heading or paragraph name the passage it is about.
        // (The heading and the sentences either side; a long paragraph moves between topics.)
        // A quote in the heading anchors the claim to its passage; one in a neighbouring sentence
        // only nudges the ranking.
        let headingQuotes = Set(QuoteExtractor.quotes(in: claim.heading ?? "", minWords: 3).map(\.text)).subtracting(claim.quotes)
        let nearbyQuotes = Set(QuoteExtractor.quotes(in: neighbourhood(of: claim), minWords: 3).map(\.text))
            .subtracting(claim.quotes).subtracting(headingQuotes)
        let anchorMatches = (headingQuotes.sorted().map { ($0, true) } + nearbyQuotes.sorted().map { ($0, false) })
            .map { (quotes.locate($0.0), $0.1) }
        // A single word the claim puts in quotation marks and the transcripts hardly say
        // ("Being perceived as “kooky”…") is the speaker's own word: where it was said.
        let wordAnchors = quotedRareWordPassages(claim.text, within: within)
        let keep = Set((quoteMatches + anchorMatches.map(\.0)).compactMap { $0.ref.map(index.global) }).union(wordAnchors)
        var scored = rank(sentence: sentenceTerms, heading: headingTerms, context: contextTerms, said: said, claim: claim, keep: keep)
        // Where a quotation was said is evidence for its claim. But a quotation of a few words in
        // a claim with figures names a thing ("If model capability reaches “country of geniuses”
        // status in 2026 or 2027 but monetization lags by 1-5 years…"): where it was said ranks
        // first, but is evidence only if it also holds the claim's other words (else its figures
        // would be compared with whatever numbers were said there).
        // So is one found in another form ("countries of geniuses" for "country of geniuses"):
        // that it names something said does not say the rest of the claim was.
        let hasFigures = claim.figures.contains { $0.unit != .count }
        for q in quoteMatches where q.isAsSaid {
            guard let ref = q.ref else { continue }
            let names = (hasFigures || q.similarity < 1) && Tokenizer.terms(q.text).count < ClaimChecker.statementQuoteWords
            let lift = names ? 0 : ClaimChecker.coverageThreshold
            if let i = scored.firstIndex(where: { $0.ref == ref }) {
                scored[i].score += 50
                scored[i].coverage = max(scored[i].coverage, lift)
            } else {
                scored.append(Evidence(ref: ref, score: 50, coverage: lift))
            }
        }
        for (m, anchors) in anchorMatches {
            guard m.isAsSaid, let ref = m.ref,
                  let i = scored.firstIndex(where: { $0.ref == ref }) else { continue }
            scored[i].score += anchors ? 20 : 3
            if anchors { scored[i].coverage = max(scored[i].coverage, ClaimChecker.coverageThreshold) }
        }
        // (It names the passage the claim is about; but a claim with figures is not supported
        // by a word: its figures would be compared with whatever numbers were said there.)
        for g in wordAnchors {
            let ref = index.ref(global: g)
            guard let i = scored.firstIndex(where: { $0.ref == ref }) else { continue }
            scored[i].score += 20
            if !hasFigures { scored[i].coverage = max(scored[i].coverage, ClaimChecker.coverageThreshold) }
        }
        if let within { scored.removeAll { !within.contains($0.ref.doc) } }
        // Best first: the score, for how much of the claim the passage covers.
        func rankValue(_ e: Evidence) -> Double { e.score * e.coverage }
        scored.sort { rankValue($0) > rankValue($1) || (rankValue($0) == rankValue($1) && $0.ref < $1.ref) }
        if ProcessInfo.processInfo.environment["GLOSS_DEBUG_CLAIMS"] != nil {
            var line = "claim \(claim.id): \(claim.text.prefix(60))\n"
            for e in scored.prefix(4) { line += "   ¶\(e.ref.paragraph) score \(e.score) coverage \(e.coverage)\n" }
            FileHandle.standardError.write(Data(line.utf8))
        }
        var evidence = Array(scored.filter { $0.coverage >= minimumCoverage }.prefix(3))
        // A claim that is mostly a quotation stands or falls with the quotation (counting the
        // words that say something: "“George Hotz @ Artificial Intelligence Podcast” pairs with
        // episode 031" is the quotation and a number).
        let quoteWords = claim.quotes.reduce(0) { $0 + Self.content(Tokenizer.terms($1)).filter { !framing.contains($0) }.count }
        if !claim.quotes.isEmpty, Double(quoteWords) >= 0.6 * Double(max(1, sentenceTerms.count)),
           !quoteMatches.contains(where: { $0.found }) {
            evidence = []
        }
        // A quotation found nowhere in the transcripts, not even nearly (a near miss such as
        // "data is growing exponentially" for "data is exponentially growing" is the divergence
        // we are after), leaves the claim's other words to link it by; a passage that shares
        // only a third of them is too weak a link to call the quotation divergent (notes quoting
        // one episode, checked against another, did so).
        if !claim.quotes.isEmpty, !quoteMatches.contains(where: { $0.found || $0.similarity >= 0.5 }) {
            evidence = evidence.filter { $0.coverage >= ClaimChecker.unquotedCoverageThreshold }
        }
        // A quotation said in several episodes ("big room") is shown where the claim's evidence
        // is, when it is said there too: the first found may be another episode's. A short one
        // found only in another episode ("two levels down", said there as "two stack levels
        // down") was found there by chance: what counts is how near the evidence's episode comes.
        if let top = evidence.first {
            for (i, q) in claim.quotes.enumerated() where quoteMatches[i].ref?.doc != top.ref.doc {
                let there = quotes.locate(q, prefix: around[i].0, suffix: around[i].1, in: [top.ref.doc])
                let short = Tokenizer.terms(q).count < ClaimChecker.statementQuoteWords
                if there.found ? there.similarity >= min(quoteMatches[i].similarity, QuoteMatcher.faithfulThreshold) : short && quoteMatches[i].found {
                    quoteMatches[i] = there
                }
            }
        }
        var figureChecks: [FigureCheck] = []
        if let top = evidence.first {
            figureChecks = compareFigures(claim.figures, index.figures(top.ref))
            // A question ("So how long until we see a country of geniuses?") is answered in the
            // paragraph after it: that is where the figure was said.
            let doc = index.documents[top.ref.doc]
            let para = doc.paragraphs[top.ref.paragraph]
            if figureChecks.isEmpty, claim.figures.contains(where: { $0.unit != .count }),
               para.text.last == "?", top.ref.paragraph + 1 < doc.paragraphs.count,
               doc.paragraphs[top.ref.paragraph + 1].section == para.section {
                figureChecks = compareFigures(claim.figures, index.figures(ParagraphRef(doc: top.ref.doc, paragraph: top.ref.paragraph + 1)))
            }
        }
        let verdict: Verdict
        if evidence.isEmpty {
            verdict = .notFound
        } else if figureChecks.contains(where: { !$0.agree && $0.evidence != nil }) ||
                    quoteMatches.contains(where: { !$0.isAsSaid || $0.deniedInSource }) {
            verdict = .divergent
        } else {
            verdict = .supported
        }
        return CheckedClaim(claim: claim, verdict: verdict, evidence: evidence, figures: figureChecks, quotes: quoteMatches, related: [])
    }

    /// Evidence paragraphs (global ids) holding a word that `text` quotes alone, when that word
    /// is said in at most `rareWordPassages` of them (of those in `within`, if given): a word the
    /// transcripts say often ("feed") names no passage.
    func quotedRareWordPassages(_ text: String, within: Set<Int>?) -> Set<Int> {
        var out = Set<Int>()
        for q in QuoteExtractor.quotes(in: text) {
            let terms = Tokenizer.terms(q.text)
            guard terms.count == 1, let w = terms.first, w.count >= 4, w.allSatisfy(\.isLetter),
                  !SearchQuery.stopWords.contains(w), !framing.contains(w), let id = index.termID(w) else { continue }
            var found: [Int] = []
            index.forEachPostingRun(id) { paragraphs, _ in
                for g in paragraphs where isEvidence[Int(g)] {
                    if let within, !within.contains(index.ref(global: Int(g)).doc) { continue }
                    found.append(Int(g))
                }
            }
            if (1...ClaimChecker.rareWordPassages).contains(found.count) { out.formUnion(found) }
        }
        return out
    }

    /// The claim sentence with the sentences just before and after it.
    func neighbourhood(of claim: Claim) -> String {
        let sentences = Sentences.split(claim.context)
        guard let i = sentences.firstIndex(where: { $0.range == claim.range }) else { return claim.text }
        return sentences[max(0, i - 1)...min(sentences.count - 1, i + 1)].map(\.text).joined(separator: " ")
    }

    static func content(_ terms: [String]) -> [String] {
        var seen = Set<String>()
        return terms.filter { !SearchQuery.stopWords.contains($0) && $0.count > 1 && seen.insert($0).inserted }
    }

    /// Each claim figure against the evidence's figures of the same kind. A figure disagrees when
    /// the evidence has figures of its kind and neither it nor any other claim figure of that kind
    /// matches one; figures the evidence cannot speak to are listed without evidence. Calendar
    /// years and bare counts only ever count as agreement.
    func compareFigures(_ claimFigures: [Figure], _ evidenceFigures: [Figure]) -> [FigureCheck] {
        var out: [FigureCheck] = []
        let agreeingDimensions = Set(claimFigures.filter { cf in evidenceFigures.contains { $0.agrees(with: cf) } }.map { Figure.dimension($0.unit) })
        for cf in claimFigures {
            let comparable = evidenceFigures.filter { $0.comparable(with: cf) }
            guard !comparable.isEmpty else { continue }
            if let match = comparable.first(where: { $0.agrees(with: cf) }) {
                out.append(FigureCheck(claim: cf, evidence: match, agree: true))
            } else if cf.unit == .calendarYear || cf.unit == .count {
                continue
            } else if agreeingDimensions.contains(Figure.dimension(cf.unit)) {
                out.append(FigureCheck(claim: cf, evidence: nil, agree: false))
            } else {
                // The closest figure of the same kind is shown beside the claim's.
                let closest = comparable.min { abs($0.converted().low - cf.converted().low) < abs($1.converted().low - cf.converted().low) }
                out.append(FigureCheck(claim: cf, evidence: closest, agree: false))
            }
        }
        return out
    }

    func surroundings(of quote: String, in text: String) -> (String, String) {
        guard let r = text.range(of: quote) else { return ("", "") }
        return (String(text[..<r.lowerBound].suffix(80)), String(text[r.upperBound...].prefix(80)))
    }

    /// Claims in different documents that share evidence and most of their words are related.
    func relate(_ checked: inout [CheckedClaim]) {
        let termSets = checked.map { Set(Self.content(Tokenizer.terms($0.claim.text))) }
        for i in checked.indices {
            guard let top = checked[i].evidence.first?.ref else { continue }
            for j in checked.indices where j != i && checked[j].claim.source.doc != checked[i].claim.source.doc {
                guard checked[j].evidence.contains(where: { $0.ref == top }) else { continue }
                let inter = termSets[i].intersection(termSets[j]).count
                let smaller = max(1, min(termSets[i].count, termSets[j].count))
                if Double(inter) / Double(smaller) >= 0.3 { checked[i].related.append(checked[j].claim.id) }
            }
        }
    }
}
