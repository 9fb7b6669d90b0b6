import Foundation

/// A ranked search result.
public struct SearchHit: Sendable, Equatable {
    public var ref: ParagraphRef
    public var score: Double
    /// False when no paragraph had every word searched for, and this one has some of them.
    public var allWords: Bool
    /// For a chapter (or heading) whose title was found: the section; `ref` is then its first
    /// paragraph (for a chapter the transcript does not reach, the last there is; paragraph 0
    /// of a document without any).
    public var section: Int?
    /// For a query that is a time: the time, and `ref` the paragraph said then (`section` the
    /// chapter, when the text stops before it). See `CorpusIndex.timeHits`.
    public var time: Double?
    public init(ref: ParagraphRef, score: Double, allWords: Bool = true, section: Int? = nil, time: Double? = nil) {
        self.ref = ref
        self.score = score
        self.allWords = allWords
        self.section = section
        self.time = time
    }
}

/// A parsed search query: free terms and quoted phrases.
public struct SearchQuery: Sendable, Equatable {
    public var terms: [String]
    public var phrases: [[String]]
    /// Words joined by hyphens ("GPT-3", "self-driving"): found as a phrase or as one word.
    public var compounds: [[String]] = []
    /// The last word of the last phrase also matches the words it starts: a hyphenated word
    /// being typed ("self-driv"), searched as a phrase.
    public var phrasePrefix = false
    /// The last word, when it also matches as the start of longer words ("scal" finds
    /// "scaling"): the reader's search as you type. The last of `terms`, or the last of
    /// `compounds` written solid.
    public var prefix: String?
    /// Prefixes shorter than this match whole words only (two letters start too many words).
    public static let minimumPrefix = 3
    /// Figures with a unit ("90%", "three to five years", "$10 billion"): a hit must state one
    /// that agrees (`Figure.agrees`), however it is written ("90 percent", "ninety percent",
    /// "3-5 years", "60 months"), and "90 minutes" is not "90%".
    public var figures: [Figure] = []
    /// The numbers of `figures`, in digits and in words ("90", "ninety"): the words that find
    /// the paragraphs to read the figures of.
    public var figureTerms: [String] = []
    /// A query that is a time as a clock writes it ("12:36", "1:47:41", "01:47:41"; not "47m" or
    /// "90s", which are words too), in seconds: in each transcript with times, the paragraph
    /// said then is a hit (`CorpusIndex.timeHits`). Its numbers are a phrase, so that a text citing
    /// the time is found, however it pads the hours (`timeSpellings`), not every "1" with a "47".
    public var time: Double?
    /// The time written the other ways a text may write it ("01:47:41" for "1:47:41"), as phrases.
    var timeSpellings: [[String]] = []

    /// Very common words that don't need to be present for an AND match.
    public static let stopWords: Set<String> = [
        "a", "an", "the", "of", "to", "in", "on", "and", "or", "is", "are", "was", "it", "that", "this", "for",
        "with", "as", "at", "by", "be", "we", "i", "you", "he", "she", "they", "from", "but", "not", "so",
        "do", "does", "what", "about", "have", "has", "his", "her", "its", "our", "their", "them", "there",
        "which", "who", "will", "would", "can", "could", "if", "than", "then", "these", "those", "into", "just",
        "like", "all", "one", "been", "were", "my", "me", "your", "how", "why", "when", "where", "also", "very",
    ]

    /// - Parameter lastWordIsPrefix: the last word, if the text ends inside it (not after a
    ///   space, a quotation mark or punctuation), has at least `minimumPrefix` characters and
    ///   is not a stop word, also matches longer words that start with it.
    /// - Parameter readFigures: figures with a unit are looked for as figures; false for a bag of
    ///   words (the commentary pane's distinctive words, where "five" may stand before "years"
    ///   by chance).
    public init(_ text: String, lastWordIsPrefix: Bool = false, readFigures: Bool = true) {
        time = SearchQuery.clockTime(text)
        var terms: [String] = []
        var phrases: [[String]] = []
        var rest = ""
        var inQuote = false
        var current = ""
        for ch in text {
            if ch == "\"" || ch == "“" || ch == "”" {
                if inQuote {
                    let p = Tokenizer.terms(current)
                    if !p.isEmpty { phrases.append(p) }
                    current = ""
                }
                inQuote.toggle()
            } else if inQuote {
                current.append(ch)
            } else {
                rest.append(ch)
            }
        }
        if inQuote { rest += " " + current }
        // Figures with a unit are looked for as figures; their words are not searched as words.
        var figureAtEnd = false
        var figures: [Figure] = []
        var figureTerms: [String] = []
        for f in readFigures ? FigureExtractor.extract(rest) : [] where f.unit != .count && f.unit != .calendarYear {
            let numbers = SearchQuery.numberTerms(f.text)
            guard !numbers.isEmpty else { continue }
            figures.append(f)
            for n in numbers where !figureTerms.contains(n) { figureTerms.append(n) }
        }
        if !figures.isEmpty {
            var bytes = Array(rest.utf8)
            for f in figures where f.range.upperBound <= bytes.count {
                for k in f.range { bytes[k] = 0x20 }
            }
            figureAtEnd = bytes.last == 0x20 && !rest.hasSuffix(" ")
            rest = String(decoding: bytes, as: UTF8.self)
        }
        self.figures = figures
        self.figureTerms = figureTerms
        // Words joined by hyphens stand together: "GPT-3" finds "GPT-3", "GPT3" and "GPT 3", not a
        // "GPT" with "3 a.m." further on; "self-driving" finds "self driving" and "selfdriving".
        // Numbers alone ("1-3") are a phrase only (the solid "13" is another number).
        let tokens = Tokenizer.tokens(rest)
        var compounds: [[String]] = []
        var lastWord: String?
        for g in Tokenizer.hyphenGroups(tokens, in: Array(rest.utf8)) {
            let words = tokens[g].map(\.term)
            if words.count == 1 {
                terms.append(words[0])
                lastWord = words[0]
            } else if words.contains(where: { $0.contains { !$0.isNumber && $0 != "." } }) {
                compounds.append(words)
                lastWord = words.joined()
            } else {
                phrases.append(words)
                lastWord = nil
            }
        }
        if let t = time {
            let typed = terms
            phrases.append(typed)
            terms = []
            lastWord = nil
            for form in [Timestamp.format(t), Timestamp.formatShort(t)] {
                let spelled = Tokenizer.terms(form)
                if !CorpusIndex.containsPhrase(spelled, typed), !timeSpellings.contains(spelled) { timeSpellings.append(spelled) }
            }
        }
        self.terms = terms
        self.compounds = compounds
        if lastWordIsPrefix, !inQuote, !figureAtEnd, let last = text.last, last.isLetter || last.isNumber,
           let word = lastWord, word.count >= SearchQuery.minimumPrefix, !SearchQuery.stopWords.contains(word) {
            prefix = word
        }
        self.phrases = phrases
    }

    /// The query with its hyphenated words as phrases, and with them as single words (written
    /// solid, as the index also keeps them): a paragraph matching either matches. Just the query
    /// when it has none.
    public var alternatives: [SearchQuery] {
        if !timeSpellings.isEmpty {
            return [self] + timeSpellings.map { spelled in
                var a = self
                a.phrases = [spelled]
                a.timeSpellings = []
                return a
            }
        }
        guard !compounds.isEmpty else { return [self] }
        var spaced = self, solid = self
        spaced.compounds = []
        solid.compounds = []
        spaced.phrases += compounds
        // Typing "self-driv": "driv" starts the last word of the phrase "self driving".
        if let last = compounds.last, prefix == last.joined(), let part = last.last, part.count >= SearchQuery.minimumPrefix {
            spaced.prefix = part
            spaced.phrasePrefix = true
        } else {
            spaced.prefix = nil
        }
        solid.terms += compounds.map { $0.joined() }
        return [spaced, solid]
    }

    /// Every term the query names.
    public var allTerms: [String] {
        terms + phrases.flatMap { $0 } + compounds.flatMap { $0 } + compounds.map { $0.joined() } + figureTerms
    }
    public var isEmpty: Bool { terms.isEmpty && phrases.isEmpty && compounds.isEmpty && figureTerms.isEmpty }

    /// The free words a hit must have: all but the stop words, or all of them when every one is
    /// a stop word (a paragraph, and a chapter's title, alike).
    public var requiredWords: [String] {
        let content = terms.filter { !SearchQuery.stopWords.contains($0) }
        return content.isEmpty ? terms : content
    }

    /// The time `text` is, when it is one as a clock writes it: `M:SS` or `H:MM:SS` (any
    /// number of digits before the first colon, two after each), nothing else but spaces around.
    static func clockTime(_ text: String) -> Double? {
        let s = text.trimmingCharacters(in: .whitespaces)
        let fields = s.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2 || fields.count == 3, fields[0].count <= 6,
              fields.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              fields.dropFirst().allSatisfy({ $0.count == 2 }) else { return nil }
        return Timestamp.parse(s)
    }

    /// The numbers a figure is written with, in digits and in words: "90%" → 90, ninety;
    /// "three to five years" → three, 3, five, 5.
    static func numberTerms(_ figureText: String) -> [String] {
        var out: [String] = []
        func add(_ t: String) { if !out.contains(t) { out.append(t) } }
        for t in Tokenizer.terms(figureText) {
            if t.allSatisfy(\.isASCII), t.allSatisfy(\.isNumber) {
                add(t)
                if let v = Int(t), let w = numberWords[v] { add(w) }
            } else if let v = FigureExtractor.plainNumberWords[t], v >= 1, t != "hundred" {
                add(t)
                add(String(v))
            }
        }
        return out
    }

    /// The words the units of the figures' dimensions are written with ("year", "years",
    /// "months"… for a duration; "percent" but not "%", which is no word).
    static func unitTerms(_ figures: [Figure]) -> [String] {
        Set(figures.map { Figure.dimension($0.unit) }).flatMap { unitWords[$0] ?? [] }.sorted()
    }

    /// The unit words that are words, by dimension.
    static let unitWords: [String: [String]] = Dictionary(grouping: FigureExtractor.units.filter { Tokenizer.terms($0.key) == [$0.key] },
                                                          by: { Figure.dimension($0.value) }).mapValues { $0.map(\.key) }

    /// Digits to words, for the numbers a figure may be said in ("hundred" is also a multiplier:
    /// "three hundred").
    static let numberWords: [Int: String] = Dictionary(
        FigureExtractor.plainNumberWords.filter { $0.value >= 1 && $0.key != "hundred" }.map { ($0.value, $0.key) },
        uniquingKeysWith: { a, _ in a })
}

extension CorpusIndex {
    static let k1 = 1.2
    /// How many of the paragraphs with a figure's numbers are read for the figure, at least.
    static let figureCandidates = 1000
    static let b = 0.75

    /// Ranked paragraphs for a query. Quoted phrases must occur; other terms are required when
    /// they are not stop words (falling back to any-term ranking when nothing has them all);
    /// paragraphs where the whole query occurs as a phrase rank first.
    public func search(_ text: String, limit: Int = 50, documents filter: Set<Int>? = nil) -> [SearchHit] {
        let q = SearchQuery(text)
        return search(q, limit: limit, documents: filter)
    }

    /// - Parameter requireAll: when false, paragraphs with any of the terms rank ("more like this"),
    ///   with no bonus for the whole query as a phrase.
    public func search(_ q: SearchQuery, limit: Int = 50, documents filter: Set<Int>? = nil, requireAll: Bool = true) -> [SearchHit] {
        if !q.figures.isEmpty {
            // The paragraphs with the figures' numbers (and the other words), best first; kept
            // when they state every figure asked for.
            var numbers = q
            numbers.figures = []
            // A paragraph stating a figure just as asked ("3-5 years" for "three to five years")
            // ranks before one whose figure only overlaps it ("three years ago").
            let read = max(limit * 8, CorpusIndex.figureCandidates)
            var kept: [SearchHit] = []
            func keep(_ hits: [SearchHit]) {
                for var h in hits {
                    let stated = figures(h.ref)
                    guard q.figures.allSatisfy({ f in stated.contains { $0.comparable(with: f) && $0.agrees(with: f) } }) else { continue }
                    if q.figures.allSatisfy({ f in stated.contains { $0.comparable(with: f) && $0.converted() == f.converted() } }) { h.score *= 2 }
                    kept.append(h)
                }
            }
            let wide = search(numbers, limit: read, documents: filter, requireAll: requireAll)
            keep(wide)
            // Too few: the paragraphs with the unit's words, which may state a range holding the
            // figure ("3-5 years" for "4 years") or the figure in another unit ("48 months"),
            // without its numbers.
            if kept.count < limit, case let words = SearchQuery.unitTerms(q.figures), !words.isEmpty {
                var units = numbers
                units.figureTerms = words
                let seen = Set(wide.map(\.ref))
                keep(search(units, limit: read, documents: filter, requireAll: requireAll).filter { !seen.contains($0.ref) })
            }
            kept.sort { $0.score > $1.score || ($0.score == $1.score && $0.ref < $1.ref) }
            return Array(kept.prefix(limit))
        }
        // (Not for a bag of words, "more like this": their order says nothing of compounds, and
        // each way of reading them is another search, on every scroll of the reader.)
        let alternatives = q.alternatives + (requireAll ? spacedAlternatives(q) : [])
        guard alternatives.count > 1 else { return searchOne(q, limit: limit, documents: filter, requireAll: requireAll) }
        // Each way of reading the query's hyphenated words; a paragraph found both ways once, at
        // its better score; hits with only some of the words only when neither way has all.
        var best: [ParagraphRef: SearchHit] = [:]
        for a in alternatives {
            for h in searchOne(a, limit: limit, documents: filter, requireAll: requireAll) {
                if let b = best[h.ref], (b.allWords ? 1 : 0, b.score) >= (h.allWords ? 1 : 0, h.score) { continue }
                best[h.ref] = h
            }
        }
        var hits = Array(best.values)
        if hits.contains(where: \.allWords) { hits.removeAll { !$0.allWords } }
        hits.sort { $0.score > $1.score || ($0.score == $1.score && $0.ref < $1.ref) }
        return Array(hits.prefix(limit))
    }

    /// The query with a word it writes solid written as the documents write it, as two words
    /// ("datacenter", said "data center"), and two of its words written solid ("data center",
    /// titled "datacenter"): one query for each such word, a paragraph (or title) matching any
    /// matches.
    /// Only for a compound much rarer than either of its parts (both indexed, three letters or
    /// more and not stop words), so "understand" is not looked for as "under stand".
    func spacedAlternatives(_ q: SearchQuery) -> [SearchQuery] {
        func df(_ w: String) -> Int { termID(w).map(postingCount) ?? 0 }
        /// Whether a paragraph or a title has the word.
        func written(_ w: String) -> Bool { df(w) > 0 || titles.words[w] != nil }
        func isPart(_ w: String) -> Bool { w.count >= 3 && !SearchQuery.stopWords.contains(w) && w.allSatisfy(\.isLetter) }
        func isCompound(_ solid: String, _ a: String, _ b: String) -> Bool {
            isPart(a) && isPart(b) && df(solid) * CorpusIndex.compoundRarity <= min(df(a), df(b))
        }
        /// The parts of a word written solid, the split whose rarer part is the commonest.
        func split(_ w: String) -> [String]? {
            splitsIntoTerms(w).filter { isCompound(w, $0.0, $0.1) }
                .max { (min(df($0.0), df($0.1)), $1.0) < (min(df($1.0), df($1.1)), $0.0) }
                .map { [$0.0, $0.1] }
        }
        /// A phrase with its words written as the documents may write them.
        func respelled(_ words: [String]) -> [[String]] {
            var out: [[String]] = []
            for (i, w) in words.enumerated() {
                if let parts = split(w) { out.append(Array(words[..<i]) + parts + words[(i + 1)...]) }
                if i + 1 < words.count, words[i + 1] != q.prefix, written(w + words[i + 1]), isCompound(w + words[i + 1], w, words[i + 1]) {
                    out.append(Array(words[..<i]) + [w + words[i + 1]] + words[(i + 2)...])
                }
            }
            return out
        }
        var out: [SearchQuery] = []
        for (i, w) in q.terms.enumerated() {
            guard let parts = split(w) else { continue }
            var a = q
            a.terms.remove(at: i)
            a.phrases.insert(parts, at: 0)  // (first: `phrasePrefix` speaks of the last)
            if a.prefix == w { a.prefix = nil }  // (the reader's search treats the last word typed as a prefix)
            out.append(a)
        }
        for i in q.terms.indices.dropLast() where q.terms[i + 1] != q.prefix {
            let solid = q.terms[i] + q.terms[i + 1]
            guard written(solid), isCompound(solid, q.terms[i], q.terms[i + 1]) else { continue }
            var a = q
            a.terms.replaceSubrange(i...(i + 1), with: [solid])
            out.append(a)
        }
        for (n, phrase) in q.phrases.enumerated() where !(q.phrasePrefix && n == q.phrases.count - 1) {
            for r in respelled(phrase) {
                var a = q
                a.phrases[n] = r
                out.append(a)
            }
        }
        return out
    }

    /// How much rarer than either part a compound written solid must be to be looked for as two
    /// words, or two words as one.
    static let compoundRarity = 3

    func searchOne(_ q: SearchQuery, limit: Int, documents filter: Set<Int>?, requireAll: Bool) -> [SearchHit] {
        guard !q.isEmpty, limit > 0 else { return [] }
        let unique = Array(Set(q.allTerms)).sorted()
        let required = Set(q.phrases.flatMap { $0 }).union(q.requiredWords)
        // A word of a quoted phrase that the index doesn't know: the phrase cannot occur.
        // Each required word is a slot a paragraph must fill; a prefix fills its slot with any
        // of the words it starts (the most common of them).
        var known: [(id: Int32, idf: Double, slot: Int?)] = []
        var slots = 0
        // A word to find that no paragraph has.
        var missing = false
        for term in unique {
            let isPrefix = term == q.prefix && (q.phrasePrefix || q.phrases.allSatisfy { !$0.contains(term) })
            let slot: Int? = required.contains(term) ? slots : nil
            var ids = isPrefix ? termIDs(withPrefix: term, limit: CorpusIndex.prefixExpansions) : []
            if let id = termID(term), !ids.contains(id) { ids.append(id) }
            if ids.isEmpty {
                if q.phrases.contains(where: { $0.contains(term) }) { return [] }
                if slot != nil { missing = true }
                continue
            }
            if slot != nil { slots += 1 }
            for id in ids { known.append((id, idf(documentFrequency: Int(documentFrequency[Int(id)])), slot)) }
        }
        let requiredCount = slots
        // Nothing but stop words found ("the xyzzy"): no hits rather than every "the".
        guard !known.isEmpty, !(requireAll && missing && requiredCount == 0) else { return [] }
        let allowed: [Bool]? = filter.map { f in documents.indices.map { f.contains($0) } }
        // Dense accumulators: scores and how many required terms each paragraph has.
        var scores = [Float](repeating: 0, count: paragraphCount)
        var matched = [UInt8](repeating: 0, count: paragraphCount)
        let avg = averageLength
        let k1 = CorpusIndex.k1, b = CorpusIndex.b
        /// Adds each term's BM25 score to the paragraphs `include` accepts (terms in query order,
        /// so a paragraph's score is the same sum however the candidates were found).
        func score(_ include: (Int) -> Bool) {
            lengths.withUnsafeBufferPointer { lengths in
                for t in known {
                    forEachPostingRun(t.id) { paragraphs, frequencies in
                        for k in 0..<paragraphs.count {
                            let g = Int(paragraphs[k])
                            guard include(g) else { continue }
                            let tf = Double(frequencies[k])
                            let len = Double(lengths[g])
                            scores[g] += Float(t.idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avg)))
                        }
                    }
                }
            }
        }
        func eligible(_ g: Int) -> Bool {
            if let allowed, !allowed[ref(global: g).doc] { return false }
            return true
        }
        var candidates: [Int32] = []
        if known.count == 1 {
            // One term: its postings are the candidates, every one scored.
            forEachPostingRun(known[0].id) { paragraphs, _ in
                candidates.reserveCapacity(candidates.count + paragraphs.count)
                for g in paragraphs where eligible(Int(g)) { candidates.append(Int32(g)) }
            }
            score { _ in true }
        } else if requireAll && requiredCount > 0 && requiredCount <= Int(UInt8.max) {
            // Required terms counted first, without scores: only the paragraphs that have them
            // all are scored ("in the world" no longer scores every paragraph with "the"). A query
            // with more required terms than a byte counts goes to the any-term ranking below.
            // Slot by slot, a paragraph counts only if it filled every slot before (so a slot
            // filled by two words of a prefix counts once).
            let want = UInt8(requiredCount)
            for slot in 0..<requiredCount {
                let filled = UInt8(slot)
                for t in known where t.slot == slot {
                    forEachPostingRun(t.id) { paragraphs, _ in
                        for g in paragraphs where matched[Int(g)] == filled {
                            matched[Int(g)] = filled + 1
                            if filled + 1 == want && eligible(Int(g)) { candidates.append(Int32(g)) }
                        }
                    }
                }
            }
            score { matched[$0] == want }
        }
        // (Said with each hit: "no paragraph has all the words, these have some".)
        var allWords = !(requireAll && missing)
        if candidates.isEmpty && (!requireAll || requiredCount == 0 || (q.phrases.isEmpty && requireAll)) {
            // Any term will do: every paragraph with one of them, scored.
            if requireAll && requiredCount > 0 { allWords = false }
            var seen = [Bool](repeating: false, count: paragraphCount)
            scores = [Float](repeating: 0, count: paragraphCount)
            score { _ in true }
            for t in known {
                forEachPostingRun(t.id) { paragraphs, _ in
                    for g in paragraphs where !seen[Int(g)] {
                        seen[Int(g)] = true
                        if eligible(Int(g)) { candidates.append(Int32(g)) }
                    }
                }
            }
        }
        // Best first; phrases are checked only as far down the ranking as needed. (A "more like
        // this" query is a bag of distinctive words, never a phrase: its candidates are not read.)
        let wholePhrase = requireAll && q.phrases.isEmpty && q.terms.count > 1 ? q.terms : nil
        let keep = q.phrases.isEmpty && wholePhrase == nil ? limit : max(limit * 4, 200)
        candidates = CorpusIndex.top(candidates, keep: q.phrases.isEmpty ? keep : max(keep, candidates.count), by: scores)
        var result: [SearchHit] = []
        if q.phrases.isEmpty && wholePhrase == nil {
            for g in candidates.prefix(limit) { result.append(SearchHit(ref: ref(global: Int(g)), score: Double(scores[Int(g)]), allWords: allWords)) }
            return result
        }
        // Verify phrases on the best candidates; whole-query phrase matches get a bonus, so look
        // a little further than `limit` to let them rise.
        let phrases = (q.phrases + (wholePhrase.map { [$0] } ?? [])).map { $0.map { Array($0.utf8) } }
        let budget = max(limit * 4, 200)
        var checked = 0
        for g in candidates {
            if checked >= budget && result.count >= limit { break }
            checked += 1
            let r = ref(global: Int(g))
            let found = CorpusIndex.phrasesOccur(in: paragraph(r).text, phrases, lastWordPrefix: q.phrasePrefix ? q.phrases.count - 1 : nil)
            if !found.prefix(q.phrases.count).allSatisfy({ $0 }) { continue }
            var score = Double(scores[Int(g)])
            if wholePhrase != nil, found.last == true { score *= 2 }
            result.append(SearchHit(ref: r, score: score, allWords: allWords))
        }
        result.sort { $0.score > $1.score || ($0.score == $1.score && $0.ref < $1.ref) }
        return Array(result.prefix(limit))
    }

    /// The `keep` best candidates by score, best first (a heap, not a full sort, when few are kept).
    static func top(_ candidates: [Int32], keep: Int, by scores: [Float]) -> [Int32] {
        func better(_ a: Int32, _ b: Int32) -> Bool {
            scores[Int(a)] > scores[Int(b)] || (scores[Int(a)] == scores[Int(b)] && a < b)
        }
        if candidates.count <= keep * 2 { return candidates.sorted(by: better).prefix(keep).map { $0 } }
        // Min-heap of the best `keep` seen so far (root = the worst of them).
        var heap: [Int32] = []
        heap.reserveCapacity(keep)
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let l = 2 * i + 1, r = l + 1
                var worst = i
                if l < heap.count && better(heap[worst], heap[l]) { worst = l }
                if r < heap.count && better(heap[worst], heap[r]) { worst = r }
                if worst == i { return }
                heap.swapAt(i, worst)
                i = worst
            }
        }
        for c in candidates {
            if heap.count < keep {
                heap.append(c)
                var i = heap.count - 1
                while i > 0 {
                    let parent = (i - 1) / 2
                    if better(heap[parent], heap[i]) { heap.swapAt(parent, i); i = parent } else { break }
                }
            } else if better(c, heap[0]) {
                heap[0] = c
                siftDown(0)
            }
        }
        return heap.sorted(by: better)
    }

    /// For each phrase (its terms as folded bytes), whether it occurs as consecutive tokens of
    /// the text: one pass of the tokenizer, no Strings made.
    /// - Parameter lastWordPrefix: the phrase whose last word also matches the words it starts.
    static func phrasesOccur(in text: String, _ phrases: [[[UInt8]]], lastWordPrefix: Int? = nil) -> [Bool] {
        var found = [Bool](repeating: false, count: phrases.count)
        // For each phrase, the lengths of the partial matches that end at the previous token.
        var partial = [[Int]](repeating: [], count: phrases.count)
        var next: [Int] = []
        Tokenizer.forEachToken(text) { term, _ in
            for p in phrases.indices where !found[p] {
                let phrase = phrases[p]
                guard !phrase.isEmpty else { continue }
                next.removeAll(keepingCapacity: true)
                func extend(_ k: Int) {
                    if p == lastWordPrefix && k + 1 == phrase.count {
                        guard term.starts(with: phrase[k]) else { return }
                    } else {
                        guard phrase[k].count == term.count, phrase[k].elementsEqual(term) else { return }
                    }
                    if k + 1 == phrase.count { found[p] = true } else { next.append(k + 1) }
                }
                for k in partial[p] { extend(k) }
                extend(0)
                swap(&partial[p], &next)
            }
        }
        return found
    }

    static func containsPhrase(_ tokens: [String], _ phrase: [String]) -> Bool {
        guard !phrase.isEmpty, tokens.count >= phrase.count else { return false }
        outer: for i in 0...(tokens.count - phrase.count) {
            for k in phrase.indices where tokens[i + k] != phrase[k] { continue outer }
            return true
        }
        return false
    }

    /// Byte ranges in `text` of what matches the query (for highlighting, and to centre
    /// excerpts on): a phrase where its words stand together, from its first word to its last;
    /// the query's words, leaving out stop words ("of") when it has others. When none of those
    /// is there, any of the query's words (for a time, only the time as written).
    public static func matchRanges(in text: String, query: SearchQuery) -> [Range<Int>] {
        let all = Set(query.allTerms)
        guard !all.isEmpty else { return [] }
        let tokens = Tokenizer.tokens(text)
        var out: [Range<Int>] = []
        let phrases = query.phrases + query.compounds + query.timeSpellings
        for (n, phrase) in phrases.enumerated() where !phrase.isEmpty && tokens.count >= phrase.count {
            // (The last word of a hyphenated word being typed, or of the phrase it was made, may be unfinished.)
            let open = (query.phrasePrefix && n == query.phrases.count - 1)
                || (n == query.phrases.count + query.compounds.count - 1 && !query.compounds.isEmpty && query.prefix == phrase.joined() && phrase.last!.count >= SearchQuery.minimumPrefix)
            func matches(_ k: Int, _ token: String) -> Bool { open && k == phrase.count - 1 ? token.hasPrefix(phrase[k]) : token == phrase[k] }
            for i in 0...(tokens.count - phrase.count) where phrase.indices.allSatisfy({ matches($0, tokens[i + $0].term) }) {
                out.append(tokens[i].range.lowerBound..<tokens[i + phrase.count - 1].range.upperBound)
            }
        }
        let content = query.terms.filter { !SearchQuery.stopWords.contains($0) }
        var words = Set(content.isEmpty && query.phrases.isEmpty && query.compounds.isEmpty ? query.terms : content)
            .union(query.compounds.map { $0.joined() })
        // Two words of the query written solid in the text ("datacenter" for "data center"), as
        // the index's search may have found them (`spacedAlternatives`).
        for i in content.indices.dropLast() { words.insert(content[i] + content[i + 1]) }
        func wanted(_ term: String) -> Bool { words.contains(term) || query.prefix.map(term.hasPrefix) == true }
        out += tokens.filter { wanted($0.term) }.map(\.range)
        // A word of the query written as two in the text ("data center" for "datacenter").
        let lengths = Set(words.map(\.utf8.count))
        for i in tokens.indices.dropLast() where tokens[i + 1].range.lowerBound == tokens[i].range.upperBound + 1
            && lengths.contains(tokens[i].term.utf8.count + tokens[i + 1].term.utf8.count)
            && words.contains(tokens[i].term + tokens[i + 1].term) {
            out.append(tokens[i].range.lowerBound..<tokens[i + 1].range.upperBound)
        }
        // A word written with hyphens in the text ("GPT-3" for the query's "gpt3"), from its start
        // as the index keeps it.
        if text.utf8.contains(0x2D) {
            for g in Tokenizer.hyphenGroups(tokens, in: Array(text.utf8)) where g.count > 1 {
                var joined = tokens[g.lowerBound].term
                for k in (g.lowerBound + 1)..<g.upperBound {
                    joined += tokens[k].term
                    if wanted(joined) { out.append(tokens[g.lowerBound].range.lowerBound..<tokens[k].range.upperBound) }
                }
            }
        }
        if !query.figures.isEmpty {
            for f in FigureExtractor.extract(text) where query.figures.contains(where: { f.comparable(with: $0) && f.agrees(with: $0) }) {
                out.append(f.range)
            }
        }
        // (Not for a time: a "20" is not "20:00".)
        if out.isEmpty && query.time == nil { out = tokens.filter { all.contains($0.term) }.map(\.range) }
        // (A hyphenated word matches as a phrase and as one word: once.)
        return Set(out).sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
    }

    /// How many of the words a prefix starts take part in a search (the most frequent).
    static let prefixExpansions = 32

    /// Ids of the indexed words that start with `prefix` (a folded word), the `limit` most
    /// frequent. One pass over the vocabulary: a few milliseconds for a million words.
    func termIDs(withPrefix prefix: String, limit: Int) -> [Int32] {
        let p = Array(prefix.utf8)
        guard !p.isEmpty else { return [] }
        var found: [Int32] = []
        p.withUnsafeBufferPointer { p in
            for id in 0..<terms.count where terms.length(id) > p.count {
                if terms.withBytes(id, { $0.starts(with: p) }) { found.append(Int32(id)) }
            }
        }
        if found.count <= limit { return found }
        return Array(found.sorted { (documentFrequency[Int($0)], $1) > (documentFrequency[Int($1)], $0) }.prefix(limit))
    }

    /// A short excerpt around the first match: about `width` characters, on word boundaries.
    public static func excerpt(_ text: String, query: SearchQuery?, width: Int = 160) -> String {
        var center = 0
        if let q = query { center = matchFocus(in: text, query: q, span: width * 2 / 3) ?? 0 }
        return excerpt(text, around: center, width: width)
    }

    /// Where in `text` the query's words stand together (`densestMatch` of its `matchRanges`).
    public static func matchFocus(in text: String, query: SearchQuery, span: Int) -> Int? {
        densestMatch(matchRanges(in: text, query: query), in: text, span: span)
    }

    /// Where the most different matches start within `span` bytes of each other (the first such
    /// place): "scaling laws" in a paragraph that says "scaling story" first and "scaling laws"
    /// two sentences on is shown at the second. `ranges` sorted, as `matchRanges` gives them.
    public static func densestMatch(_ ranges: [Range<Int>], in text: String, span: Int) -> Int? {
        guard ranges.count > 1 else { return ranges.first?.lowerBound }
        let bytes = Array(text.utf8)
        let keys = ranges.map { r in String(decoding: bytes[r.clamped(to: 0..<bytes.count)], as: UTF8.self).lowercased() }
        var counts: [String: Int] = [:]
        var best = (start: ranges[0].lowerBound, distinct: 0)
        var end = 0
        for i in ranges.indices {
            // The window is ranges[i..<end]: those starting within `span` of range i (range i
            // at least, whatever the span).
            while end < ranges.count && (end <= i || ranges[end].lowerBound < ranges[i].lowerBound + span) {
                counts[keys[end], default: 0] += 1
                end += 1
            }
            if counts.count > best.distinct { best = (ranges[i].lowerBound, counts.count) }
            counts[keys[i]]! -= 1
            if counts[keys[i]] == 0 { counts[keys[i]] = nil }
        }
        return best.start
    }

    /// An excerpt of `text` that shows what starts at UTF-8 offset `center` (a located
    /// quotation: its words may come late in a long paragraph, after others of them).
    public static func excerpt(_ text: String, around center: Int, width: Int = 160) -> String {
        let bytes = Array(text.utf8)
        // A short paragraph whole, unless the match would be out of sight at its end.
        if bytes.count <= width * 2 && center < width / 2 { return text }
        var start = max(0, center - width / 3)
        var end = min(bytes.count, start + width)
        // Snap to spaces and character boundaries.
        while start > 0 && bytes[start] != 0x20 { start -= 1 }
        while end < bytes.count && bytes[end] != 0x20 && end - start < width + 40 { end += 1 }
        while end < bytes.count && (bytes[end] & 0xC0) == 0x80 { end += 1 }
        let s = String(decoding: bytes[start..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        return (start > 0 ? "…" : "") + s + (end < bytes.count ? "…" : "")
    }
}

extension CorpusIndex {
    /// Chapters and headings whose titles hold the query, as a paragraph must: every word (stop
    /// words aside; the last also as the start of a word when the query says so), its phrases
    /// and hyphenated words together, its figures stated. A title is no paragraph, so the
    /// index does not have its words: "diffusion" is said in the seed only by its chapter
    /// "Is diffusion cope?" (and by the Brief). In document and section order; a summary block's
    /// name ("Brief") and a fixed window's times are not titles.
    /// A compound is found written solid or as two words, as a paragraph's (`spacedAlternatives`).
    public func sectionHits(_ q: SearchQuery, documents filter: Set<Int>? = nil) -> [SearchHit] {
        let alternatives = spacedAlternatives(q)
        guard !alternatives.isEmpty else { return sectionHitsOne(q, documents: filter) }
        var seen = Set<[Int]>()
        return ([q] + alternatives).flatMap { sectionHitsOne($0, documents: filter) }
            .filter { seen.insert([$0.ref.doc, $0.section ?? -1]).inserted }
            .sorted { ($0.ref.doc, $0.section ?? -1) < ($1.ref.doc, $1.section ?? -1) }
    }

    /// For a query that is a time (`SearchQuery.time`): in each transcript with times that
    /// lasts that long, the paragraph said then, as `:` would go to it (`Document.paragraph(at:)`),
    /// or the chapter then when the text stops before it. In document order.
    public func timeHits(_ q: SearchQuery, documents filter: Set<Int>? = nil) -> [SearchHit] {
        guard let t = q.time else { return [] }
        var out: [SearchHit] = []
        for (d, doc) in documents.enumerated() where filter?.contains(d) ?? true {
            guard doc.isTimedTranscript, !doc.paragraphs.isEmpty, !doc.isPastEnd(t), let s = doc.section(at: t) else { continue }
            if let p = doc.paragraph(at: t) {
                out.append(SearchHit(ref: ParagraphRef(doc: d, paragraph: p), score: 0, time: t))
            } else {
                out.append(SearchHit(ref: sectionRef(d, s), score: 0, section: s, time: t))
            }
        }
        return out
    }

    /// Where a hit on section `s` of document `d` points: its first paragraph, or for a chapter
    /// the text does not reach, the last paragraph there is (paragraph 0 of a document without any).
    func sectionRef(_ d: Int, _ s: Int) -> ParagraphRef {
        ParagraphRef(doc: d, paragraph: min(documents[d].sections[s].paragraphs.lowerBound, max(0, documents[d].paragraphs.count - 1)))
    }

    func sectionHitsOne(_ q: SearchQuery, documents filter: Set<Int>?) -> [SearchHit] {
        guard !q.isEmpty else { return [] }
        let table = titles
        // The titles that have the query's rarest word (or a word its last starts, or one of its
        // figures' numbers), then each read whole.
        var sets: [[Int32]] = []
        for w in q.requiredWords where w != q.prefix { sets.append(table.words[w] ?? []) }
        for (n, phrase) in q.phrases.enumerated() {
            for (k, w) in phrase.enumerated() where !(q.phrasePrefix && n == q.phrases.count - 1 && k == phrase.count - 1) {
                sets.append(table.words[w] ?? [])
            }
        }
        for c in q.compounds where c.joined() != q.prefix { sets.append((table.words[c.joined()] ?? []) + (table.words[c[0]] ?? [])) }
        if !q.figureTerms.isEmpty { sets.append(q.figureTerms.flatMap { table.words[$0] ?? [] }) }
        if sets.isEmpty, let p = q.prefix { sets.append(table.words.filter { $0.key.hasPrefix(p) }.flatMap(\.value)) }
        guard let fewest = sets.min(by: { $0.count < $1.count }) else { return [] }
        var out: [SearchHit] = []
        for n in Set(fewest).sorted() {
            let (d, s) = table.sections[Int(n)]
            guard filter?.contains(d) ?? true else { continue }
            let sec = documents[d].sections[s]
            guard CorpusIndex.titleHolds(sec.title, q) else { continue }
            out.append(SearchHit(ref: sectionRef(d, s), score: 0, section: s))
        }
        return out
    }

    /// Whether a title holds the query (see `sectionHits`).
    public static func titleHolds(_ title: String, _ q: SearchQuery) -> Bool {
        let tokens = Tokenizer.tokens(title).map(\.term)
        guard !tokens.isEmpty else { return false }
        let words = Set(tokens)
        func has(_ word: String) -> Bool {
            words.contains(word) || (q.prefix == word && words.contains { $0.hasPrefix(word) })
        }
        guard q.requiredWords.allSatisfy(has) else { return false }
        for (n, phrase) in q.phrases.enumerated() where !containsPhrase(tokens, phrase) {
            // (A hyphenated word being typed is searched as a phrase whose last word is unfinished.)
            guard q.phrasePrefix, n == q.phrases.count - 1, phrase.count <= tokens.count else { return false }
            let open = (0...(tokens.count - phrase.count)).contains { i in
                phrase.indices.allSatisfy { k in k == phrase.count - 1 ? tokens[i + k].hasPrefix(phrase[k]) : tokens[i + k] == phrase[k] }
            }
            if !open { return false }
        }
        for c in q.compounds where !containsPhrase(tokens, c) && !has(c.joined()) { return false }
        if !q.figures.isEmpty {
            let stated = FigureExtractor.extract(title)
            for f in q.figures where !stated.contains(where: { $0.comparable(with: f) && $0.agrees(with: f) }) { return false }
        }
        return true
    }

    /// The query with each word the index does not have (and no longer word starts) replaced
    /// by the commonest indexed word one or two edits away ("amodie" → "amodei": a letter
    /// changed, added, dropped, or two swapped; two edits only for words of six letters or
    /// more), or nil when every word is known or nothing close is. Names are easy to misspell.
    public func suggestion(for text: String) -> String? {
        let q = SearchQuery(text, lastWordIsPrefix: true)
        // The text as typed, the misspelled words replaced where they stand (quotes, hyphens
        // and the other words as they were).
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var at = 0
        for token in Tokenizer.tokens(text) {
            let word = token.term
            guard termID(word) == nil, word.count >= SearchQuery.minimumPrefix, !word.allSatisfy(\.isNumber),
                  !(word == q.prefix && !termIDs(withPrefix: word, limit: 1).isEmpty),
                  let near = nearestTerm(word) else { continue }
            out += bytes[at..<token.range.lowerBound]
            // (Capitalised as typed: "Amodie" → "Amodei".)
            let capital = token.range.lowerBound < bytes.count && (0x41...0x5A).contains(bytes[token.range.lowerBound])
            out += Array((capital ? near.prefix(1).uppercased() + near.dropFirst() : near).utf8)
            at = token.range.upperBound
        }
        guard at > 0 else { return nil }
        out += bytes[at...]
        return String(decoding: out, as: UTF8.self)
    }

    /// The commonest indexed word closest to `word` (within `maxEdits`), if any.
    func nearestTerm(_ word: String) -> String? {
        let w = Array(word.utf8)
        let maxEdits = w.count >= 6 ? 2 : 1
        var best: (edits: Int, df: Int32, id: Int)?
        var rows = EditRows()
        for id in 0..<terms.count where abs(terms.length(id) - w.count) <= maxEdits {
            let d = terms.withBytes(id) { CorpusIndex.editDistance(w, $0, limit: maxEdits, rows: &rows) }
            guard d <= maxEdits else { continue }
            let df = documentFrequency[id]
            if best == nil || (d, -df) < (best!.edits, -best!.df) { best = (d, df, id) }
        }
        return best.map { terms.term($0.id) }
    }

    /// Edits (a byte changed, added or dropped, or two neighbours swapped) from `a` to `b`;
    /// anything over `limit` is `limit + 1`.
    static func editDistance(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        var rows = EditRows()
        return editDistance(a, b, limit: limit, rows: &rows)
    }

    /// Three rows of the edit table, kept between calls (a vocabulary is tens of thousands of words).
    struct EditRows {
        var prev2: [Int] = [], prev: [Int] = [], row: [Int] = []
    }

    static func editDistance(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>, limit: Int, rows: inout EditRows) -> Int {
        let n = a.count, m = b.count
        if abs(n - m) > limit { return limit + 1 }
        if rows.row.count < m + 1 {
            // (Three arrays of their own, not copies of one: see `QuoteMatcher.similarity`.)
            rows.prev2 = [Int](repeating: 0, count: m + 1)
            rows.prev = [Int](repeating: 0, count: m + 1)
            rows.row = [Int](repeating: 0, count: m + 1)
        }
        for j in 0...m { rows.prev[j] = j }
        return withUnsafeMutablePointer(to: &rows) { r in
            editDistance(a, b, limit: limit, prev2: &r.pointee.prev2, prev: &r.pointee.prev, row: &r.pointee.row)
        }
    }

    private static func editDistance(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>, limit: Int,
                                     prev2: inout [Int], prev: inout [Int], row: inout [Int]) -> Int {
        let n = a.count, m = b.count
        for i in 1...max(1, n) where n > 0 {
            row[0] = i
            var rowMin = row[0]
            for j in 1...max(1, m) where m > 0 {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
                row[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return limit + 1 }
            swap(&prev2, &prev)
            swap(&prev, &row)
        }
        return min(prev[m], limit + 1)
    }
}
