import Foundation

/// Which episode a document's claims are about, and checking claims again against it.
extension ClaimChecker {
    /// What telling a document's subject needs of the transcripts, worked out once for all the
    /// documents: copies of one episode, titles (as said and as content words), episode numbers.
    struct SubjectContext {
        let documents: [Document]
        let transcripts: [Int]
        let copies: [Int: Int]
        let titles: [Int: String]
        let titleWords: [Int: Set<String>]
        let numbered: [Int: [Int]]
        let numbering = EpisodeNumbering()

        init(documents: [Document], transcripts: [Int]) {
            self.documents = documents
            self.transcripts = transcripts
            copies = Document.copiesOfEpisodes(documents, transcripts: transcripts)
            var titles: [Int: String] = [:], words: [Int: Set<String>] = [:], numbered: [Int: [Int]] = [:]
            for d in transcripts {
                titles[d] = documents[d].title.lowercased()
                words[d] = Set(ClaimChecker.content(Tokenizer.terms(documents[d].title)))
                if let n = ClaimChecker.episodeNumber(documents[d], numbering: numbering) { numbered[n, default: []].append(d) }
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
            guard let n = episodeNumber(cx.documents[doc], numbering: cx.numbering), let numbered = cx.numbered[n],
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
        let lower = heading.lowercased(), numbering = cx.numbering
        let number = lower.firstMatch(of: numbering.hash).map { Int($0.1) } ?? lower.firstMatch(of: numbering.episodeInHeading).map { Int($0.1) }
        if let n = number.flatMap({ $0 }), let numbered = cx.numbered[n], Set(numbered.map { cx.copies[$0] ?? $0 }).count == 1 {
            return cx.group(numbered[0])
        }
        return cx.transcripts.count > 1 ? mostLinked(checked, in: cx) : nil
    }

    /// The episode number a document's title or file name gives: `#333`, `Episode 12`, `ep_7`,
    /// `episode_206_large`, or a number leading the title or name (`206 Ishan Misra`,
    /// `206-ishan-misra.md`, `000: Hello, World!`; not a hash, `003_d4d97e45`).
    static func episodeNumber(_ d: Document, numbering: EpisodeNumbering = EpisodeNumbering()) -> Int? {
        let stem = ((d.path as NSString).lastPathComponent as NSString).deletingPathExtension
        for name in [d.title, stem] {
            let lower = name.lowercased()
            if let m = lower.firstMatch(of: numbering.hash) { return Int(m.1) }
            if let m = lower.firstMatch(of: numbering.episode) { return Int(m.1) }
            if let m = lower.prefixMatch(of: numbering.leading) { return Int(m.1) }
        }
        // Or the folder it is in, three levels up at most, when that says `ep333` or `#333`
        // (`ep333-karpathy/pages/tesla-ai-endeavors/autonomous-driving.mdx`).
        var folder = (d.path as NSString).deletingLastPathComponent
        for _ in 0..<3 where !folder.isEmpty && folder != "/" && folder != "." {
            let lower = (folder as NSString).lastPathComponent.lowercased()
            if let m = lower.firstMatch(of: numbering.hash) { return Int(m.1) }
            if let m = lower.firstMatch(of: numbering.episode) { return Int(m.1) }
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

    /// The episode each document is about (`subjects`), and each section of notes on several
    /// episodes, by heading (`sectionSubjects`).
    public typealias Subjects = (documents: [Int: Set<Int>], sections: [Int: [String: Set<Int>]])

    /// `subjects`, and for each document with no subject of its own the subject of each section
    /// that has one (`sectionSubject`), by heading: notes with a section per episode. Worked out
    /// together, on one reading of the transcripts.
    public static func subjectsWithSections(_ checked: [CheckedClaim], documents: [Document], transcripts: [Int]? = nil) -> Subjects {
        let t = transcripts ?? documents.indices.filter { documents[$0].kind == .transcript }
        guard !t.isEmpty else { return ([:], [:]) }
        return subjectsWithSections(checked, in: SubjectContext(documents: documents, transcripts: t))
    }

    /// `subjectsWithSections` of claims this checker checked, against its transcripts (on the
    /// reading of them `check` made).
    public func subjects(of checked: [CheckedClaim]) -> Subjects {
        subjectContext.map { ClaimChecker.subjectsWithSections(checked, in: $0) } ?? ([:], [:])
    }

    static func subjectsWithSections(_ checked: [CheckedClaim], in cx: SubjectContext) -> Subjects {
        let subjects = subjects(checked, in: cx)
        return (subjects, sectionSubjects(checked, subjects: subjects, in: cx))
    }

    /// For each transcript, the titles of the articles about it and nothing else (of two
    /// episodes at most: copies of one), then the headings of sections of notes on several
    /// episodes that are about it ("309 John Carmack" for `episode_309_large`; "Jim Keller @ Lex
    /// Fridman Podcast #70"), each once.
    public static func writtenAbout(_ subjects: Subjects, documents: [Document]) -> [Int: [String]] {
        var out: [Int: [String]] = [:]
        for (doc, subject) in subjects.documents.sorted(by: { $0.key < $1.key })
        where documents[doc].kind == .article && subject.count <= 2 {
            // (Two copies of the notes, Markdown and HTML, name it once.)
            for t in subject where !(out[t] ?? []).contains(documents[doc].title) { out[t, default: []].append(documents[doc].title) }
        }
        for (doc, sections) in subjects.sections.sorted(by: { $0.key < $1.key }) where documents[doc].kind == .article {
            for (heading, subject) in sections.sorted(by: { $0.key < $1.key }) where subject.count <= 2 {
                for t in subject where !(out[t] ?? []).contains(heading) { out[t, default: []].append(heading) }
            }
        }
        return out
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
    func keepToSubjects(_ checked: inout [CheckedClaim], progress: (@Sendable (Int, Int) -> Void)? = nil) {
        guard let cx = subjectContext else { return }
        let subjects = ClaimChecker.subjects(checked, in: cx)
        // A document with no subject may have one per section.
        let sections = ClaimChecker.sectionSubjects(checked, subjects: subjects, in: cx)
        let byDoc = Dictionary(grouping: checked.indices, by: { checked[$0].claim.source.doc })
        var again: [(Int, Set<Int>)] = []  // (claim index, subject)
        for (doc, ids) in byDoc.sorted(by: { $0.key < $1.key }) {
            for i in ids {
                guard let subject = subjects[doc] ?? sections[doc]?[checked[i].claim.heading ?? ""] else { continue }
                if let top = checked[i].evidence.first {
                    guard !subject.contains(top.ref.doc), !Self.quotedAtEvidence(checked[i]) else { continue }
                } else if quotedRareWordPassages(checked[i].claim.text, within: subject).isEmpty {
                    // (Not found: again only if it quotes a word alone that its episode hardly
                    // says, though other episodes say it more: "feed".)
                    continue
                }
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
        let counter = ProgressCounter(total: checked.count + jobs.count, done: checked.count, report: progress)
        if !jobs.isEmpty { progress?(checked.count, checked.count + jobs.count) }
        let redone = parallelMap(count: jobs.count) { k in
            defer { counter.tick() }
            return self.check(jobs[k].0, within: jobs[k].1, minimumCoverage: jobs[k].2)
        }
        for (k, i) in (again.map(\.0) + strict).enumerated() { checked[i] = redone[k] }
    }
}

/// How names number an episode. A regex literal is parsed again each time it is evaluated
/// (which, for every document of a 150 MB library, held up the reader's first jump for half a
/// second), so the patterns are made once per context; they are not Sendable, so not globals.
struct EpisodeNumbering {
    /// `#333`
    let hash = /#(\d{1,4})\b/
    /// `Episode 12`, `ep_7`, `episode_206_large`
    let episode = /\bep(?:isode)?[ _.\-]?(\d{1,4})(?:\b|_)/
    /// `Episode 70` in a heading
    let episodeInHeading = /\bep(?:isode)?[ _.\-]?(\d{1,4})\b/
    /// A number leading a name: `206 Ishan Misra`, `206-ishan-misra`, `000: Hello, World!`
    let leading = /(\d{1,4})[ _:\-]+\p{L}{2}/
}
