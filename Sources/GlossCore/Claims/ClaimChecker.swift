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

    /// Minimum share of the claim's idf weight that evidence must contain.
    public static let coverageThreshold = 0.3
    /// Minimum number of distinct content words shared.
    public static let minimumSharedTerms = 3
    /// Passages whose figures are compared with a claim's, at most (the best covered).
    static let figureCandidates = 300
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
            let chars = Array(w)
            let splits = (2...(chars.count - 3)).map { (String(chars[..<$0]), String(chars[$0...])) }
                .filter { index.termID($0.0) != nil && index.termID($0.1) != nil }
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
    /// `progress` is called with (done, total) as claims finish, from any thread.
    public func check(_ claims: [Claim], progress: (@Sendable (Int, Int) -> Void)? = nil) -> [CheckedClaim] {
        let counter = ProgressCounter(total: claims.count, report: progress)
        var checked = parallelMap(count: claims.count) { i in
            defer { counter.tick() }
            return self.check(claims[i])
        }
        keepToSubjects(&checked)
        relate(&checked)
        return checked
    }

    /// What telling a document's subject needs of the transcripts, worked out once for all the
    /// documents: copies of one episode, titles (as said and as content words), episode numbers.
    struct SubjectContext {
        let documents: [Document]
        let transcripts: [Int]
        let copies: [Int: Int]
        let titles: [Int: String]
        let titleWords: [Int: Set<String>]
        let numbered: [Int: [Int]]

        init(documents: [Document], transcripts: [Int]) {
            self.documents = documents
            self.transcripts = transcripts
            copies = ClaimChecker.copiesOfEpisodes(documents, transcripts: transcripts)
            var titles: [Int: String] = [:], words: [Int: Set<String>] = [:], numbered: [Int: [Int]] = [:]
            for d in transcripts {
                titles[d] = documents[d].title.lowercased()
                words[d] = Set(ClaimChecker.content(Tokenizer.terms(documents[d].title)))
                if let n = ClaimChecker.episodeNumber(documents[d]) { numbered[n, default: []].append(d) }
            }
            self.titles = titles
            titleWords = words
            self.numbered = numbered
        }

        /// A transcript with its copies.
        func group(_ d: Int) -> Set<Int> {
            let rep = copies[d] ?? d
            return Set(transcripts.filter { (copies[$0] ?? $0) == rep })
        }
    }

    /// The transcript a document's claims are about, when it can be told: the document itself
    /// when it is a transcript with summaries (a newsletter's Brief is about its own transcript);
    /// the transcript its front matter names (`source_episode`, by title), or none of those here
    /// (the empty set) when no transcript's title is even near the one named; or the one that most
    /// of its linked claims point at, at least three and three times as many as any other (an
    /// article comparing two episodes has no one subject); or, with too few links to tell, the
    /// one episode its name numbers. Copies of one episode count as one and are the subject together.
    static func subject(of doc: Int, checked: [CheckedClaim], in cx: SubjectContext) -> Set<Int>? {
        let transcripts = cx.transcripts
        guard !transcripts.isEmpty else { return nil }
        if transcripts.contains(doc) { return cx.group(doc) }
        if let named = cx.documents[doc].metadata.extra.first(where: { $0.0 == "source_episode" })?.1.lowercased() {
            let matches = transcripts.filter { cx.titles[$0] == named }
            if matches.count == 1 { return cx.group(matches[0]) }
            // An insight into an episode that is not loaded: however alike its words, what it
            // says was said there, not here.
            let words = Set(content(Tokenizer.terms(named)))
            let near = transcripts.contains { d in
                let title = cx.titleWords[d] ?? []
                return words.intersection(title).count * 2 >= words.union(title).count
            }
            if words.count >= 3 && !near { return [] }
        }
        // The episode its name numbers ("206 Ishan Misra" and `episode_206_large.vtt`), if that
        // number names one episode (its copies together).
        func numberedEpisode() -> Set<Int>? {
            guard let n = episodeNumber(cx.documents[doc]), let numbered = cx.numbered[n],
                  Set(numbered.map { cx.copies[$0] ?? $0 }).count == 1 else { return nil }
            return cx.group(numbered[0])
        }
        // With one episode loaded, only a number tells that notes are about it (else they may
        // be about anything).
        guard transcripts.count > 1 else { return numberedEpisode() }
        // Too few links to tell: the episode its name numbers.
        return mostLinked(checked, in: cx) ?? numberedEpisode()
    }

    /// The episode that most of the claims' links point at: at least three, more than half, and
    /// three times as many as any other (copies of one episode together).
    static func mostLinked(_ checked: [CheckedClaim], in cx: SubjectContext) -> Set<Int>? {
        var counts: [Int: Int] = [:]
        var total = 0
        for c in checked {
            guard let top = c.evidence.first else { continue }
            counts[cx.copies[top.ref.doc] ?? top.ref.doc, default: 0] += 1
            total += 1
        }
        let ranked = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        guard let (best, n) = ranked.first, n >= 3, n * 2 > total, n >= 3 * (ranked.dropFirst().first?.value ?? 0) else { return nil }
        return cx.group(best)
    }

    /// Notes on several episodes, a section each ("Jim Keller @ Lex Fridman Podcast #70", then
    /// "George Hotz @ Artificial Intelligence Podcast"), have no one subject; each section's
    /// claims are about the episode its heading numbers (`#70`, `Episode 70`: not a number
    /// leading it, "10 lessons"), or the one most of them link to.
    static func sectionSubject(_ heading: String, checked: [CheckedClaim], in cx: SubjectContext) -> Set<Int>? {
        let lower = heading.lowercased()
        let number = lower.firstMatch(of: /#(\d{1,4})\b/).map { Int($0.1) } ?? lower.firstMatch(of: /\bep(?:isode)?[ _.\-]?(\d{1,4})\b/).map { Int($0.1) }
        if let n = number.flatMap({ $0 }), let numbered = cx.numbered[n], Set(numbered.map { cx.copies[$0] ?? $0 }).count == 1 {
            return cx.group(numbered[0])
        }
        return cx.transcripts.count > 1 ? mostLinked(checked, in: cx) : nil
    }

    /// The episode number a document's title or file name gives: `#333`, `Episode 12`, `ep_7`,
    /// `episode_206_large`, or a number leading the title or name (`206 Ishan Misra`,
    /// `206-ishan-misra.md`, `000: Hello, World!`; not a hash, `003_d4d97e45`).
    static func episodeNumber(_ d: Document) -> Int? {
        let stem = ((d.path as NSString).lastPathComponent as NSString).deletingPathExtension
        for name in [d.title, stem] {
            let lower = name.lowercased()
            if let m = lower.firstMatch(of: /#(\d{1,4})\b/) { return Int(m.1) }
            if let m = lower.firstMatch(of: /\bep(?:isode)?[ _.\-]?(\d{1,4})(?:\b|_)/) { return Int(m.1) }
            if let m = lower.prefixMatch(of: /(\d{1,4})[ _:\-]+\p{L}{2}/) { return Int(m.1) }
        }
        // Or the folder it is in, three levels up at most, when that says `ep333` or `#333`
        // (`ep333-karpathy/pages/tesla-ai-endeavors/autonomous-driving.mdx`).
        var folder = (d.path as NSString).deletingLastPathComponent
        for _ in 0..<3 where !folder.isEmpty && folder != "/" && folder != "." {
            let lower = (folder as NSString).lastPathComponent.lowercased()
            if let m = lower.firstMatch(of: /#(\d{1,4})\b/) { return Int(m.1) }
            if let m = lower.firstMatch(of: /\bep(?:isode)?[ _.\-]?(\d{1,4})(?:\b|_)/) { return Int(m.1) }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return nil
    }

    /// The subject (`subject(of:)`) of every document that has one: those with checked claims,
    /// and those without that name their episode (an insight with no checkable sentence is still
    /// about its episode, for the commentary pane).
    /// - Parameter transcripts: default, every transcript.
    public static func subjects(_ checked: [CheckedClaim], documents: [Document], transcripts: [Int]? = nil) -> [Int: Set<Int>] {
        let t = transcripts ?? documents.indices.filter { documents[$0].kind == .transcript }
        guard !t.isEmpty else { return [:] }
        return subjects(checked, in: SubjectContext(documents: documents, transcripts: t))
    }

    static func subjects(_ checked: [CheckedClaim], in cx: SubjectContext) -> [Int: Set<Int>] {
        let documents = cx.documents
        var out: [Int: Set<Int>] = [:]
        let byDoc = Dictionary(grouping: checked, by: { $0.claim.source.doc })
        for doc in documents.indices {
            let claims = byDoc[doc] ?? []
            if claims.isEmpty && documents[doc].kind == .transcript { continue }
            if let s = subject(of: doc, checked: claims, in: cx) { out[doc] = s }
        }
        return out
    }

    /// `subjects`, and for each document with no subject of its own the subject of each section
    /// that has one (`sectionSubject`), by heading: notes with a section per episode. Worked out
    /// together, on one reading of the transcripts.
    public static func subjectsWithSections(_ checked: [CheckedClaim], documents: [Document], transcripts: [Int]? = nil)
        -> (documents: [Int: Set<Int>], sections: [Int: [String: Set<Int>]]) {
        let t = transcripts ?? documents.indices.filter { documents[$0].kind == .transcript }
        guard !t.isEmpty else { return ([:], [:]) }
        let cx = SubjectContext(documents: documents, transcripts: t)
        let subjects = subjects(checked, in: cx)
        return (subjects, sectionSubjects(checked, subjects: subjects, in: cx))
    }

    static func sectionSubjects(_ checked: [CheckedClaim], subjects: [Int: Set<Int>], in cx: SubjectContext) -> [Int: [String: Set<Int>]] {
        var out: [Int: [String: Set<Int>]] = [:]
        let byDoc = Dictionary(grouping: checked, by: { $0.claim.source.doc })
        for (doc, claims) in byDoc where subjects[doc] == nil && !cx.transcripts.contains(doc) {
            for (heading, part) in Dictionary(grouping: claims, by: { $0.claim.heading ?? "" }) where !heading.isEmpty {
                if let s = sectionSubject(heading, checked: part, in: cx) { out[doc, default: [:]][heading] = s }
            }
        }
        return out
    }

    /// Transcripts that are copies of one episode (two Whisper models, a file in two formats):
    /// the same length to half a percent, at least ten minutes, and the same words in their first
    /// paragraphs (half of them or more); or caption text without times with as many words as a
    /// timed transcript (to one percent) and its opening. Maps each copy to the first of its group.
    static func copiesOfEpisodes(_ docs: [Document], transcripts: [Int]) -> [Int: Int] {
        let timed = transcripts.compactMap { d -> (Int, Double)? in
            guard let t = docs[d].metadata.duration, t >= 600 else { return nil }
            return (d, t)
        }.sorted { $0.1 < $1.1 }
        func opening(_ d: Int) -> Set<String> {
            Set(docs[d].paragraphs.prefix(3).flatMap { content(Tokenizer.terms($0.text)) })
        }
        var rep: [Int: Int] = [:]
        var openings: [Int: Set<String>] = [:]
        for (i, (a, ta)) in timed.enumerated() {
            for (b, tb) in timed[(i + 1)...] {
                guard tb - ta <= tb * 0.005 else { break }
                guard rep[b] == nil else { continue }
                let wa = openings[a] ?? opening(a), wb = openings[b] ?? opening(b)
                openings[a] = wa
                openings[b] = wb
                let shared = wa.intersection(wb).count
                if shared >= 10, shared * 2 >= wa.union(wb).count { rep[b] = rep[a] ?? a }
            }
        }
        // A transcript without times (caption text) is a copy of a timed one with as many words
        // to one percent and the same opening.
        let untimed = transcripts.filter { docs[$0].metadata.duration == nil && !docs[$0].paragraphs.isEmpty }
        if !untimed.isEmpty {
            func words(_ d: Int) -> Int { docs[d].paragraphs.reduce(0) { $0 + TextTools.wordCount($1.text) } }
            for u in untimed {
                let wb = opening(u)
                guard wb.count >= 10 else { continue }
                let n = words(u)
                guard n >= 1000 else { continue }
                // (The openings first: counting a transcript's words reads all of it.)
                for (t, _) in timed {
                    let wa = openings[t] ?? opening(t)
                    openings[t] = wa
                    let shared = wa.intersection(wb).count
                    guard shared >= 10, shared * 2 >= wa.union(wb).count else { continue }
                    let m = words(t)
                    if abs(m - n) * 100 <= max(m, n) { rep[u] = rep[t] ?? t; break }
                }
            }
        }
        return rep
    }

    /// Whether a quotation of four words or more in the claim was found in its evidence's
    /// episode (one of a few words, "yes, and", is said in many episodes).
    static func quotedAtEvidence(_ c: CheckedClaim) -> Bool {
        guard let top = c.evidence.first else { return false }
        return c.quotes.contains { $0.found && $0.ref?.doc == top.ref.doc && Tokenizer.terms($0.text).count >= statementQuoteWords }
    }

    /// Claims of a document whose subject is known, linked elsewhere by their words alone (not by
    /// a quotation of four words or more said there), are checked again against the subject:
    /// in a library of episodes, a note on Jim Keller's talk that mentions Moore's law is about
    /// what Keller said, not about David Patterson's episode. What the subject has is the link;
    /// if it has nothing, the claim is not found: a general sentence ("He argues that this approach
    /// can lead to richer learning experiences") finds half its words in some other episode of a
    /// large library, and a wrong link is worse than none.
    func keepToSubjects(_ checked: inout [CheckedClaim]) {
        guard !transcripts.isEmpty else { return }
        let cx = SubjectContext(documents: index.documents, transcripts: transcripts)
        let subjects = ClaimChecker.subjects(checked, in: cx)
        // A document with no subject may have one per section.
        let sections = ClaimChecker.sectionSubjects(checked, subjects: subjects, in: cx)
        let byDoc = Dictionary(grouping: checked.indices, by: { checked[$0].claim.source.doc })
        var again: [(Int, Set<Int>)] = []  // (claim index, subject)
        for (doc, ids) in byDoc.sorted(by: { $0.key < $1.key }) {
            for i in ids {
                guard let subject = subjects[doc] ?? sections[doc]?[checked[i].claim.heading ?? ""],
                      let top = checked[i].evidence.first, !subject.contains(top.ref.doc),
                      !Self.quotedAtEvidence(checked[i]) else { continue }
                again.append((i, subject))
            }
        }
        // A document about no one episode of a library (a manifest, a format's documentation)
        // links only where a passage holds much of a claim, or a quotation of some words said
        // there: a third of "About 40% of every source … is kept outside this repository" is in
        // a passage on infections ("for every case … 40 or 50"), and "table of contents" is said
        // somewhere in any library.
        var strict: [Int] = []
        if Set(transcripts.map { cx.copies[$0] ?? $0 }).count > 1 {
            for (doc, ids) in byDoc.sorted(by: { $0.key < $1.key }) where subjects[doc] == nil && !transcripts.contains(doc) {
                for i in ids where sections[doc]?[checked[i].claim.heading ?? ""] == nil {
                    guard let top = checked[i].evidence.first, top.coverage < ClaimChecker.subjectlessCoverageThreshold,
                          !Self.quotedAtEvidence(checked[i]) else { continue }
                    strict.append(i)
                }
            }
        }
        let jobs = again.map { (checked[$0.0].claim, Optional($0.1), ClaimChecker.coverageThreshold) }
            + strict.map { (checked[$0].claim, Set<Int>?.none, ClaimChecker.subjectlessCoverageThreshold) }
        let redone = parallelMap(count: jobs.count) { k in self.check(jobs[k].0, within: jobs[k].1, minimumCoverage: jobs[k].2) }
        for (k, i) in (again.map(\.0) + strict).enumerated() { checked[i] = redone[k] }
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
        let keep = Set((quoteMatches + anchorMatches.map(\.0)).compactMap { $0.ref.map(index.global) })
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

    /// Weights of the claim's words: the sentence counts fully, its heading strongly, the rest of
    /// its paragraph a little (a claim like "He thinks it is three to five years away." is only
    /// findable through its context).
    static let headingWeight = 0.7
    static let contextWeight = 0.35

    /// BM25-style scores of evidence paragraphs (sentence, heading and paragraph words, by stem),
    /// with the share of the sentence's own idf weight each passage covers. Only passages that
    /// can reach the coverage threshold come back, and those in `keep` (quote matches, which may
    /// lift a passage over it).
    func rank(sentence: [String], heading: [String], context: [String], said: [String]? = nil, claim: Claim, keep: Set<Int> = []) -> [Evidence] {
        var weights: [String: Double] = [:]
        for t in context { weights[Stemmer.stem(t)] = ClaimChecker.contextWeight }
        for t in heading { weights[Stemmer.stem(t)] = max(weights[Stemmer.stem(t)] ?? 0, ClaimChecker.headingWeight) }
        let sentenceStems = Set(sentence.map(Stemmer.stem))
        for t in sentenceStems { weights[t] = 1.0 }
        var stemIDF: [String: Double] = [:]
        for t in weights.keys {
            let ids = termsByStem[t] ?? []
            let df = ids.reduce(0) { $0 + index.postingCount($1) }
            let n = Double(max(1, index.paragraphCount))
            stemIDF[t] = log(1 + (n - Double(df) + 0.5) / (Double(df) + 0.5))
        }
        let totalWeight = sentenceStems.reduce(0.0) { $0 + (stemIDF[$1] ?? 0) }
        guard totalWeight > 0, sentence.count >= 2 else { return [] }
        // Which sentence stems a passage holds is a bit mask (the 64 weightiest stems of a
        // sentence; longer sentences are run-ons whose rarest words decide anyway).
        let bitStems = sentenceStems.sorted { (stemIDF[$0] ?? 0, $1) > (stemIDF[$1] ?? 0, $0) }.prefix(64)
        var bitOf: [String: Int] = [:]
        var bitIDF = [Double](repeating: 0, count: 64)
        for (b, stem) in bitStems.enumerated() {
            bitOf[stem] = b
            bitIDF[b] = stemIDF[stem] ?? 0
        }
        // Three shared words are enough only if one of them is rare (in at most one paragraph in
        // a hundred), or if the claim's quotation was located there: "understanding", "come"
        // and "work" are in any episode.
        let n = Double(max(1, index.paragraphCount))
        let rareDF = max(3, n / 100)
        let rareIDF = log(1 + (n - rareDF + 0.5) / (rareDF + 0.5))
        func maxIDF(_ mask: UInt64) -> Double {
            var m = mask, best = 0.0
            while m != 0 {
                best = max(best, bitIDF[m.trailingZeroBitCount])
                m &= m - 1
            }
            return best
        }
        func idfSum(_ mask: UInt64) -> Double {
            var m = mask, sum = 0.0
            while m != 0 {
                sum += bitIDF[m.trailingZeroBitCount]
                m &= m - 1
            }
            return sum
        }
        // Scores accumulate in dense per-paragraph arrays (a large corpus has hundreds of
        // thousands of paragraphs; dictionaries were the cost), with the touched ids listed.
        let scratch = RankScratch.take(count: index.paragraphCount)
        defer { RankScratch.give(scratch) }
        var touched: [Int] = []
        // Words in most paragraphs say little: skipped, for speed and precision. On a large
        // corpus, words in more than a twentieth of it only add to passages that a rarer word
        // brought in (a passage sharing nothing but such words with a claim is no evidence,
        // and there would be tens of thousands of them); they come second.
        let paragraphs = index.paragraphCount
        var opening: [(String, Double)] = [], adding: [(String, Double)] = []
        for (stem, w) in weights.sorted(by: { $0.key < $1.key }) {
            guard let ids = termsByStem[stem] else { continue }
            let df = ids.reduce(0) { $0 + index.postingCount($1) }
            if df > max(50, paragraphs / 3) { continue }
            if df > max(2000, paragraphs / 20) { adding.append((stem, w)) } else { opening.append((stem, w)) }
        }
        for (n, (stem, w)) in (opening + adding).enumerated() {
            let opens = n < opening.count
            guard let ids = termsByStem[stem] else { continue }
            let idf = stemIDF[stem] ?? 0
            let bit: UInt64 = w == 1.0 ? bitOf[stem].map { UInt64(1) << UInt64($0) } ?? 0 : 0
            var stemTouched: [Int] = []
            for id in ids {
                index.forEachPostingRun(id) { paragraphs, frequencies in
                    for k in 0..<paragraphs.count {
                        let g = Int(paragraphs[k])
                        guard isEvidence[g], opens || scratch.touched[g] else { continue }
                        if scratch.tf[g] == 0 { stemTouched.append(g) }
                        scratch.tf[g] += Double(frequencies[k])
                    }
                }
            }
            for g in stemTouched {
                let tf = scratch.tf[g]
                scratch.tf[g] = 0
                let len = Double(index.lengths[g])
                let s = idf * tf * (CorpusIndex.k1 + 1) / (tf + CorpusIndex.k1 * (1 - CorpusIndex.b + CorpusIndex.b * len / index.averageLength))
                if !scratch.touched[g] { scratch.touched[g] = true; touched.append(g) }
                scratch.score[g] += w * s
                scratch.mask[g] |= bit
            }
        }
        let claimFigures = claim.figures.filter { $0.unit != .count || $0.isRange }
        let figureLift = 0.05 * Double(claimFigures.count)
        // Passages that may pass, with their coverage by words alone.
        // The reported clause's stems as bits, when it has enough of its own.
        var saidMask: UInt64 = 0
        for t in said ?? [] { if let b = bitOf[Stemmer.stem(t)] { saidMask |= UInt64(1) << UInt64(b) } }
        if saidMask.nonzeroBitCount < 4 || saidMask.nonzeroBitCount == sentenceStems.count { saidMask = 0 }
        let saidWeight = idfSum(saidMask)
        var candidates: [(g: Int, ref: ParagraphRef, coverage: Double, reachable: Bool)] = []
        for g in touched {
            // In an interview the question often carries half the claim ("What would it take to
            // run the evening on storage?"): words found only in the paragraph before count half.
            let own = scratch.mask[g]
            var extra: UInt64 = 0
            var ref: ParagraphRef?
            if g > 0, scratch.touched[g - 1], isEvidence[g - 1] {
                let r = index.ref(global: g)
                ref = r
                if r.paragraph > 0 { extra = scratch.mask[g - 1] & ~own }
            }
            /// The passage's share of the stems in `of` (weighing `total`), held to the rules on
            /// shared words.
            func share(_ of: UInt64, _ total: Double, stems: Int) -> Double {
                let shared = (own & of).nonzeroBitCount + (extra & of).nonzeroBitCount / 2
                var c = (idfSum(own & of) + 0.5 * idfSum(extra & of)) / total
                if shared < min(ClaimChecker.minimumSharedTerms, stems) { c = min(c, ClaimChecker.coverageThreshold * 0.99) }
                if shared == ClaimChecker.minimumSharedTerms, maxIDF(own & of) < rareIDF, !keep.contains(g) {
                    c = min(c, ClaimChecker.coverageThreshold * 0.99)
                }
                return c
            }
            var coverage = share(UInt64.max, totalWeight, stems: sentenceStems.count)
            if saidMask != 0 { coverage = max(coverage, share(saidMask, saidWeight, stems: saidMask.nonzeroBitCount)) }
            // Figures lift coverage by at most 0.05 each: a passage that cannot reach the
            // threshold even so is dropped here (unless a quote match may lift it).
            let reachable = coverage + figureLift >= ClaimChecker.coverageThreshold - 0.0005
            guard reachable || (!keep.isEmpty && keep.contains(g)) else { continue }
            candidates.append((g, ref ?? index.ref(global: g), coverage, reachable))
        }
        // A claim with many figures can reach almost every passage it touches; its figures are
        // compared in the passages with the best word coverage only (finding a paragraph's
        // figures is the costly part: on a large corpus one claim took seconds).
        var figureChecked = Set<Int>()
        if !claimFigures.isEmpty {
            let reachable = candidates.filter(\.reachable)
            let best = reachable.count <= ClaimChecker.figureCandidates ? reachable
                : Array(reachable.sorted { ($0.coverage, -$0.g) > ($1.coverage, -$1.g) }.prefix(ClaimChecker.figureCandidates))
            figureChecked = Set(best.map(\.g))
        }
        var out: [Evidence] = []
        for (g, ref, words, reachable) in candidates {
            var coverage = words
            var total = scratch.score[g]
            if !claimFigures.isEmpty, reachable, figureChecked.contains(g) {
                let figs = index.figures(ref)
                for cf in claimFigures {
                    if figs.contains(where: { $0.agrees(with: cf) }) {
                        total += 3
                        coverage += 0.05
                    } else if cf.unit != .calendarYear, coverage >= ClaimChecker.coverageThreshold - 0.02,
                              figs.contains(where: { $0.comparable(with: cf) && $0.unit != .calendarYear && $0.unit != .count }) {
                        // Talking numbers of the same kind is a sign of the same topic (and of a divergence).
                        total += 1
                        coverage += 0.03
                    }
                }
            }
            out.append(Evidence(ref: ref, score: (total * 1000).rounded() / 1000, coverage: (min(1, coverage) * 1000).rounded() / 1000))
        }
        for g in touched {
            scratch.score[g] = 0
            scratch.mask[g] = 0
            scratch.touched[g] = false
        }
        return out
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

/// Per-thread scratch arrays for ranking (one per concurrent check, reused). Raw buffers
/// behind `let`s: the arrays of a class are checked for exclusive access on every element
/// read and write (a quarter of the time of a check on a large corpus).
final class RankScratch: @unchecked Sendable {
    let count: Int
    let tf: UnsafeMutableBufferPointer<Double>
    let score: UnsafeMutableBufferPointer<Double>
    let mask: UnsafeMutableBufferPointer<UInt64>
    let touched: UnsafeMutableBufferPointer<Bool>
    init(count: Int) {
        self.count = count
        tf = .allocate(capacity: count)
        tf.initialize(repeating: 0)
        score = .allocate(capacity: count)
        score.initialize(repeating: 0)
        mask = .allocate(capacity: count)
        mask.initialize(repeating: 0)
        touched = .allocate(capacity: count)
        touched.initialize(repeating: false)
    }

    deinit {
        tf.deallocate()
        score.deallocate()
        mask.deallocate()
        touched.deallocate()
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var pool: [RankScratch] = []

    /// A zeroed scratch of at least `count` entries (callers leave it zeroed when they give it back).
    static func take(count: Int) -> RankScratch {
        lock.lock()
        defer { lock.unlock() }
        if let i = pool.firstIndex(where: { $0.count >= count }) { return pool.remove(at: i) }
        return RankScratch(count: count)
    }

    static func give(_ s: RankScratch) {
        lock.lock()
        defer { lock.unlock() }
        if pool.count < 8 { pool.append(s) }
    }
}
