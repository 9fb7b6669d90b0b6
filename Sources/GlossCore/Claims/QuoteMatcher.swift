import Foundation

/// Finds quoted phrases in transcripts: exact match first (ignoring case, punctuation, curly
/// quotes, filler words and line breaks between cues), then an approximate match scored on the
/// quote, its surroundings and its position, in the manner of Hypothesis's `match-quote`.
///
/// The index picks where to look: the paragraphs holding the quote's rarest words, each read
/// with its neighbours (a quote may cross a paragraph or cue break). Memory stays bounded however
/// large the corpus: nothing is kept per transcript.
public final class QuoteMatcher: @unchecked Sendable {
    /// A run of consecutive transcript paragraphs as one token stream (term ids).
    struct Window {
        var terms: [Int32] = []
        var times: [Double?] = []
        var paragraphs: [Int] = []
        /// Where each word is in its paragraph's text (UTF-8 range).
        var ranges: [Range<Int>] = []

        /// The words `first...last` as ranges of their paragraphs' texts, one per paragraph.
        func spans(_ first: Int, _ last: Int) -> [TextSpan] {
            guard first <= last, last < terms.count else { return [] }
            var out: [TextSpan] = []
            for k in first...last {
                if let l = out.last, l.paragraph == paragraphs[k] {
                    out[out.count - 1].range = l.range.lowerBound..<ranges[k].upperBound
                } else {
                    out.append(TextSpan(paragraph: paragraphs[k], range: ranges[k]))
                }
            }
            return out
        }
    }

    /// Words as term ids, so that windows are read without a String per word: the index's
    /// ids, and for words it does not have, ids below zero (the same word, the same id).
    struct Vocabulary {
        let index: CorpusIndex
        private var unknown: [String: Int32] = [:]
        private var unknownWords: [String] = []

        init(_ index: CorpusIndex) { self.index = index }

        mutating func id(_ word: String) -> Int32 {
            if let id = index.termID(word) { return id }
            if let u = unknown[word] { return u }
            let u = Int32(-1 - unknownWords.count)
            unknown[word] = u
            unknownWords.append(word)
            return u
        }

        mutating func id(bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
            index.terms.lookup(bytes) ?? id(String(decoding: bytes, as: UTF8.self))
        }

        func word(_ id: Int32) -> String { id >= 0 ? index.terms.term(Int(id)) : unknownWords[Int(-1 - id)] }
    }

    static let fillers: Set<String> = ["um", "uh", "erm", "er", "ah", "hmm", "mm", "uhm", "mhm"]
    /// Two-word fillers of speech: summaries quote speakers without them ("if you look at a
    /// program and it runs, [you know,] 90% of the execution…"), so they are left out of quotes
    /// and transcripts alike.
    static let fillerPairs: [(String, String)] = [("you", "know"), ("i", "mean"), ("sort", "of"), ("kind", "of")]

    /// Contractions of speech as the words they stand for (the tokenizer drops the apostrophe):
    /// a summary writes "going to" where Whisper wrote "gonna"; and "cannot" as "can't".
    static let contractions: [String: [String]] = ["gonna": ["going", "to"], "wanna": ["want", "to"], "gotta": ["got", "to"], "cannot": ["cant"]]

    /// Two words and the contraction they make, which stands for both, however a quotation or a
    /// transcript writes them ("it is" and "it's", "do not" and "don't"): contracted rather than
    /// written out, a quotation keeps its number of words (written out, a five-word quotation
    /// "don't write any code" came within one word of "don't write code", said in another
    /// episode). A contraction whose word, the apostrophe dropped, is another word ("its",
    /// "were", "well", "ill", "lets") keeps its apostrophe (`apostrophed`). (Not "'d": "I'd" is
    /// "I would" and "I had".)
    static let contracting: [String: [String: String]] = {
        var out: [String: [String: String]] = [:]
        func add(_ a: String, _ b: String, _ c: String) { out[a, default: [:]][b] = c }
        for v in ["do", "does", "did", "is", "are", "was", "were", "have", "has", "had", "would", "should", "could", "must", "need"] {
            add(v, "not", v + "nt")
        }
        add("can", "not", "cant")
        add("will", "not", "wont")
        /// "it" "is" "s" → "it's"; "you" "are" "re" → "youre".
        func add(_ who: String, _ verb: String, suffix: String) { add(who, verb, apostrophed[who + suffix] ?? who + suffix) }
        add("i", "am", suffix: "m")
        for who in ["you", "we", "they"] { add(who, "are", suffix: "re") }
        for who in ["it", "he", "she", "that", "there", "what", "who", "here", "where"] { add(who, "is", suffix: "s") }
        for who in ["i", "you", "we", "they"] { add(who, "have", suffix: "ve") }
        for who in ["i", "you", "we", "they", "it", "that", "there", "he", "she"] { add(who, "will", suffix: "ll") }
        add("let", "us", suffix: "s")
        return out
    }()

    /// Contractions that, the apostrophe dropped, are another word: the word → the contraction.
    static let apostrophed: [String: String] = [
        "its": "it's", "were": "we're", "well": "we'll", "ill": "i'll", "hell": "he'll", "shell": "she'll", "lets": "let's",
    ]

    /// Whether the token at `range` of the text is written with an apostrophe (`Tokenizer`'s).
    static func hasApostrophe(_ utf8: [UInt8], _ range: Range<Int>) -> Bool {
        utf8.withUnsafeBufferPointer { buf in range.contains { $0 < buf.count && Tokenizer.apostropheLength(buf, $0) > 0 } }
    }

    /// The words of a text as a quotation's are compared: a contraction keeps its apostrophe
    /// where it makes another word ("we're", not "were").
    static func words(_ text: String) -> [String] {
        let utf8 = Array(text.utf8)
        return Tokenizer.tokens(text).map { t in apostrophed[t.term].flatMap { hasApostrophe(utf8, t.range) ? $0 : nil } ?? t.term }
    }

    /// A contraction of "is", "are" or "have" before "not", as the negation contracts: "it's not"
    /// is "it isn't", "we've not" "we haven't".
    static let negating: [String: (String, String)] = {
        var out: [String: (String, String)] = [:]
        for (a, rest) in contracting {
            for (b, c) in rest where ["is", "are", "have"].contains(b) { out[c] = (a, b + "nt") }
        }
        return out
    }()

    /// Adds a word to those read so far: a contraction of speech written out, two words that make
    /// a contraction contracted (`contracting`, `negating`).
    static func append(_ w: String, to out: inout [String]) {
        if let last = out.last, let c = contracting[last]?[w] {
            out[out.count - 1] = c
        } else if w == "not", let last = out.last, let (a, n) = negating[last] {
            out[out.count - 1] = a
            out.append(n)
        } else {
            out += contractions[w] ?? [w]
        }
    }

    /// Words without fillers, one and two words long, with contractions as `append` reads them.
    static func withoutFillers(_ words: [String]) -> [String] {
        var out: [String] = []
        for w in words where !fillers.contains(w) {
            if let last = out.last, fillerPairs.contains(where: { $0 == (last, w) }) {
                out.removeLast()
            } else {
                append(w, to: &out)
            }
        }
        return out
    }

    /// Words with contractions as `append` reads them (the words around a quote, read as the
    /// stream is).
    static func spelledOut(_ words: [String]) -> [String] {
        var out: [String] = []
        for w in words { append(w, to: &out) }
        return out
    }

    /// The fillers and the contractions as term ids, for reading windows.
    struct FillerIDs {
        var words: Set<Int32>
        /// first << 32 | second.
        var pairs: Set<Int64>
        var contractions: [Int32: [Int32]] = [:]
        /// Two words → the contraction they make (`QuoteMatcher.contracting`).
        var contracting: [Int64: Int32] = [:]
        /// A word → the contraction it is when written with an apostrophe (`apostrophed`).
        var apostrophed: [Int32: Int32] = [:]
        /// A contraction before "not" → its two words as the negation contracts (`negating`).
        var negating: [Int32: (Int32, Int32)] = [:]
        let not: Int32
        /// Contractions as light as the stop words they are made of ("it's", "I'm"; not a "don't").
        var light: Set<Int32> = []

        init(_ vocabulary: inout Vocabulary) {
            words = Set(QuoteMatcher.fillers.map { vocabulary.id($0) })
            pairs = []
            for (a, b) in QuoteMatcher.fillerPairs { pairs.insert(Self.key(vocabulary.id(a), vocabulary.id(b))) }
            for (w, parts) in QuoteMatcher.contractions { contractions[vocabulary.id(w)] = parts.map { vocabulary.id($0) } }
            for (a, rest) in QuoteMatcher.contracting {
                for (b, c) in rest {
                    contracting[Self.key(vocabulary.id(a), vocabulary.id(b))] = vocabulary.id(c)
                    if b != "not" { light.insert(vocabulary.id(c)) }
                }
            }
            for (w, c) in QuoteMatcher.apostrophed { apostrophed[vocabulary.id(w)] = vocabulary.id(c) }
            for (c, (a, n)) in QuoteMatcher.negating { negating[vocabulary.id(c)] = (vocabulary.id(a), vocabulary.id(n)) }
            not = vocabulary.id("not")
        }

        static func key(_ a: Int32, _ b: Int32) -> Int64 { Int64(a) << 32 | Int64(UInt32(bitPattern: b)) }
    }
    /// Number words as the figures transcripts write them: a summary spells out "eighty percent"
    /// where Whisper wrote "80%". (The figure reader's words for plain numbers, and "thousand".)
    static let numberWords: [String: String] = {
        var out = FigureExtractor.plainNumberWords.mapValues { String($0) }
        out["thousand"] = "1000"
        return out
    }()
    /// Words a quotation may have that the transcript writes as a sign ("80%" is the word "80").
    static let signWords: Set<String> = ["percent"]

    /// What a word is compared by when it is not the same word: its stem, a number word its
    /// figure ("protecting" and "protect", "eighty" and "80" are near each other).
    static func keyWord(_ word: String) -> String { numberWords[word] ?? Stemmer.stem(word) }

    /// Words' keys as ids: the index's terms' worked out once (`termKeys`), other words' as
    /// they come (ids below zero, the same word, the same id).
    struct Keys {
        let matcher: QuoteMatcher
        private var other: [Int32: Int32] = [:]
        private var otherKeys: [String: Int32] = [:]
        init(_ matcher: QuoteMatcher) { self.matcher = matcher }

        mutating func key(_ id: Int32, _ vocabulary: inout Vocabulary) -> Int32 {
            if id >= 0 { return matcher.termKeys[Int(id)] }
            if let k = other[id] { return k }
            let word = QuoteMatcher.keyWord(vocabulary.word(id))
            let k = matcher.keyIDs[word] ?? otherKeys[word] ?? Int32(-1 - otherKeys.count)
            if k < 0 { otherKeys[word] = k }
            other[id] = k
            return k
        }
    }

    /// Paragraphs read per quote at most (the rarest words' paragraphs first).
    static let candidateLimit = 400

    let index: CorpusIndex
    var documents: [Document] { index.documents }
    /// Documents searched (transcripts).
    let targets: [Int]
    /// By global paragraph id: transcript text of a target (chapter or window sections).
    private let searchable: [Bool]
    /// By term id: the id of the term's key (`keyWord`), and the ids of those keys.
    let termKeys: [Int32]
    let keyIDs: [String: Int32]
    /// The stop words' term ids (light to add: `similarity`).
    let stopIDs: Set<Int32>

    public convenience init(documents: [Document], targets: [Int]? = nil) {
        self.init(index: CorpusIndex(documents: documents), targets: targets)
    }

    public init(index: CorpusIndex, targets: [Int]? = nil) {
        self.index = index
        let docs = index.documents
        self.targets = targets ?? docs.indices.filter { docs[$0].kind == .transcript }
        var mask = [Bool](repeating: false, count: index.paragraphCount)
        for d in self.targets {
            for (p, para) in docs[d].paragraphs.enumerated() {
                let k = docs[d].sections[safe: para.section]?.kind
                if k == .chapter || k == .window { mask[index.paragraphBase[d] + p] = true }
            }
        }
        searchable = mask
        var keyIDs: [String: Int32] = [:]
        var termKeys = [Int32](repeating: 0, count: index.termCount)
        index.forEachTerm { term, id in
            let key = QuoteMatcher.keyWord(term)
            if let k = keyIDs[key] { termKeys[Int(id)] = k } else {
                let k = Int32(keyIDs.count)
                keyIDs[key] = k
                termKeys[Int(id)] = k
            }
        }
        self.termKeys = termKeys
        self.keyIDs = keyIDs
        stopIDs = Set(SearchQuery.stopWords.compactMap { index.termID($0) })
    }

    /// Tokens of paragraphs `range` of a document, fillers left out; each word gets its cue's
    /// time when the paragraph was made of cues.
    func window(_ d: Int, _ range: ClosedRange<Int>, _ vocabulary: inout Vocabulary, fillers: FillerIDs) -> Window {
        var w = Window()
        let doc = documents[d]
        for i in range where searchable[index.paragraphBase[d] + i] {
            let para = doc.paragraphs[i]
            var utf8: [UInt8]?
            Tokenizer.forEachToken(para.text) { term, range in
                var id = vocabulary.id(bytes: term)
                guard !fillers.words.contains(id) else { return }
                if let last = w.terms.last, fillers.pairs.contains(FillerIDs.key(last, id)) {
                    w.terms.removeLast()
                    w.times.removeLast()
                    w.paragraphs.removeLast()
                    w.ranges.removeLast()
                    return
                }
                // Two words said for a contraction are the contraction, in the paragraph they end in.
                if let last = w.terms.last, let c = fillers.contracting[FillerIDs.key(last, id)] {
                    w.terms[w.terms.count - 1] = c
                    if w.paragraphs[w.paragraphs.count - 1] == i {
                        w.ranges[w.ranges.count - 1] = w.ranges[w.ranges.count - 1].lowerBound..<range.upperBound
                    }
                    return
                }
                if let c = fillers.apostrophed[id] {
                    if utf8 == nil { utf8 = Array(para.text.utf8) }
                    if QuoteMatcher.hasApostrophe(utf8!, range) { id = c }
                }
                let time = para.marks.isEmpty ? para.time : TimeMark.time(at: range.lowerBound, in: para.marks)
                var parts = fillers.contractions[id] ?? [id]
                if id == fillers.not, let last = w.terms.last, let (a, n) = fillers.negating[last] {
                    w.terms[w.terms.count - 1] = a
                    parts = [n]
                }
                // A contraction said twice in a row ("gonna, gonna") counts once, as a word does.
                if parts.count > 1, w.terms.count >= parts.count, Array(w.terms.suffix(parts.count)) == parts { return }
                for part in parts {
                    w.terms.append(part)
                    w.times.append(time)
                    w.paragraphs.append(i)
                    w.ranges.append(range)
                }
            }
        }
        return w
    }

    /// Locates a quote; `prefix` and `suffix` are the words around it in the article. A quote
    /// with an ellipsis ("we … never") is found when its parts are found, in order, close together.
    /// Words in square brackets are the writer's, not the speaker's ("no one knows [the future
    /// of Bitcoin]"): left out, as an ellipsis leaves out the speaker's.
    public func locate(_ quote: String, prefix: String = "", suffix: String = "", in docs: [Int]? = nil) -> QuoteMatch {
        let spoken = QuoteMatcher.withoutBrackets(quote)
        let parts = spoken.components(separatedBy: "…").flatMap { $0.components(separatedBy: "...") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { Tokenizer.terms($0).count >= 2 }
        guard parts.count > 1 else {
            guard spoken != quote else { return locateWhole(quote, prefix: prefix, suffix: suffix, in: docs) }
            var m = locateWhole(parts.first ?? "", prefix: prefix, suffix: suffix, in: docs)
            m.text = quote
            return m
        }
        let first = locateWhole(parts[0], prefix: prefix, suffix: "", in: docs)
        var weighted = 0.0, total = 0.0
        var lastTime = first.time ?? 0
        var spans: [TextSpan] = []
        var leftOut: [String]? = []
        for (i, part) in parts.enumerated() {
            let m = i == 0 ? first : locateWhole(part, in: first.ref.map { [$0.doc] } ?? docs)
            let n = Double(Tokenizer.terms(part).count)
            total += n
            // Later parts must follow the first, within a couple of minutes.
            if m.found, let t = m.time, t >= lastTime - 1, t - lastTime < 180 {
                weighted += n * m.similarity
                lastTime = t
                if m.ref?.doc == first.ref?.doc { spans += m.spans }
                leftOut = leftOut.flatMap { l in m.leftOut.map { l + $0 } }
            } else {
                leftOut = nil
            }
        }
        let sim = total > 0 ? (weighted / total * 1000).rounded() / 1000 : 0
        var out = first
        out.text = quote
        out.similarity = sim
        out.found = first.found && sim >= QuoteMatcher.approximateThreshold
        out.spans = out.found ? spans : []
        out.leftOut = out.found ? leftOut : nil
        if !out.found { out.ref = nil; out.time = nil; out.excerpt = nil }
        return out
    }

    func locateWhole(_ quote: String, prefix: String = "", suffix: String = "", in docs: [Int]? = nil) -> QuoteMatch {
        var words = QuoteMatcher.withoutFillers(QuoteMatcher.words(quote))
        // Very long "quotes" are matched on their opening words (bounded work per quote).
        if words.count > 80 { words = Array(words.prefix(80)) }
        let notFound = QuoteMatch(text: quote, found: false, similarity: 0)
        guard words.count >= 2 else { return notFound }
        // A similarity above 0.5 needs more than half the quote's words matched, so more than
        // half must be in the corpus at all.
        // (A contraction kept with its apostrophe is in the index without it.)
        let ids = words.map { index.termID($0.replacingOccurrences(of: "'", with: "")) }
        guard 2 * ids.filter({ $0 != nil }).count > words.count else { return notFound }
        // Anchors: the quote's rarest words (by paragraphs holding them); the three rarest pick
        // the paragraphs to read.
        let byRarity = words.indices.filter { ids[$0] != nil }
            .sorted { index.postingCount(ids[$0]!) < index.postingCount(ids[$1]!) }
        let anchors = byRarity.prefix(3)
        let allowed = docs.map(Set.init)
        var candidates: [Int] = []
        let anchorPostings = anchors.reduce(0) { $0 + index.postingCount(ids[$1]!) }
        // Only the documents asked for count towards the paragraphs read.
        let range: Range<Int>? = docs.flatMap { d in d.count == 1 ? index.paragraphBase[d[0]]..<(index.paragraphBase[d[0]] + documents[d[0]].paragraphs.count) : nil }
        func wanted(_ g: Int) -> Bool {
            guard searchable[g] else { return false }
            if let range { return range.contains(g) }
            return allowed.map { $0.contains(index.ref(global: g).doc) } ?? true
        }
        if anchorPostings > QuoteMatcher.candidateLimit, let ranked = crowdedCandidates(words, anchors.map { ids[$0]! }, prefix: prefix, suffix: suffix, wanted: wanted) {
            candidates = ranked
        } else {
            var seen = Set<Int>()
            for k in anchors {
                index.forEachPostingRun(ids[k]!) { paragraphs, _ in
                    for g32 in paragraphs where candidates.count < QuoteMatcher.candidateLimit {
                        let g = Int(g32)
                        guard wanted(g), seen.insert(g).inserted else { continue }
                        candidates.append(g)
                    }
                }
            }
        }
        guard !candidates.isEmpty else { return notFound }
        // Runs of neighbouring candidates, each read with one paragraph either side.
        candidates.sort()
        var runs: [(doc: Int, first: Int, last: Int)] = []
        for g in candidates {
            let ref = index.ref(global: g)
            if let allowed, !allowed.contains(ref.doc) { continue }
            let lo = max(0, ref.paragraph - 1), hi = min(documents[ref.doc].paragraphs.count - 1, ref.paragraph + 1)
            if let last = runs.last, last.doc == ref.doc, lo <= last.last + 1 {
                runs[runs.count - 1].last = max(last.last, hi)
            } else {
                runs.append((ref.doc, lo, hi))
            }
        }
        var vocabulary = Vocabulary(index)
        let fillerIDs = FillerIDs(&vocabulary)
        let q = words.map { vocabulary.id($0) }
        // A word of the quotation that a transcript says as two ("datacenter", said "data
        // center"), and two that it says as one: the pairs of words that make a word of the
        // quotation, and the words two of its words make.
        var madeOf: [Int64: Int32] = [:]
        for (k, w) in words.enumerated() where w.utf8.count >= 6 {
            for (a, b) in index.splitsIntoTerms(w) {
                if let a = index.termID(a), let b = index.termID(b) { madeOf[FillerIDs.key(a, b)] = q[k] }
            }
        }
        let qJoined: [Int32?] = words.indices.map { k in k + 1 < words.count ? index.termID(words[k] + words[k + 1]) : nil }
        var keys = Keys(self)
        let qKeys = q.map { keys.key($0, &vocabulary) }
        let qKeySet = Set(qKeys)
        // A word for a sign ("percent") costs nothing to leave out.
        let qSkip = words.map { QuoteMatcher.signWords.contains($0) ? 0.0 : 1.0 }
        // The words around the quote in the article, stop words counting a quarter; a quotation
        // of two or three words ("be more") is told apart by more of them, further away.
        let reach = words.count < 4 ? 10 : 6
        let weighed = { (t: String) in (vocabulary.id(t), SearchQuery.stopWords.contains(t) ? 0.25 : 1.0) }
        let pre = QuoteMatcher.spelledOut(QuoteMatcher.words(prefix)).suffix(reach).map(weighed)
        let suf = QuoteMatcher.spelledOut(QuoteMatcher.words(suffix)).prefix(reach).map(weighed)
        var best: (score: Double, sim: Double, doc: Int, paragraph: Int, offset: Int, time: Double?, after: [Int32], spans: [TextSpan], leftOut: [String]?,
                   verbatim: Bool)?
        for run in runs {
            let w = window(run.doc, run.first...run.last, &vocabulary, fillers: fillerIDs)
            guard !w.terms.isEmpty else { continue }
            let wKeys = w.terms.map { keys.key($0, &vocabulary) }
            let wLight = w.terms.map { stopIDs.contains($0) || fillerIDs.light.contains($0) }
            let wJoined: [Int32?] = madeOf.isEmpty ? [] : w.terms.indices.map { t in
                t + 1 < w.terms.count ? madeOf[FillerIDs.key(w.terms[t], w.terms[t + 1])] : nil
            }
            // Starts: where the three rarest quote words present in this window sit (a rare
            // word the speaker did not say does not stop the others from anchoring the match).
            var starts = Set<Int>()
            var used = 0
            for k in byRarity where used < 3 {
                var found = 0
                for (p, t) in wKeys.enumerated() where t == qKeys[k] {
                    starts.insert(p - k)
                    found += 1
                    if found == 400 { break }
                }
                if found > 0 { used += 1 }
            }
            for start in starts.sorted() {
                // Cheap bound first: the window must hold more than half the quote's words.
                guard QuoteMatcher.mayMatch(qKeys, qKeySet, wKeys, around: start) else { continue }
                var (sim, matchStart, matchEnd) = QuoteMatcher.similarity(q, w.terms, around: start, keys: (qKeys, wKeys), skip: qSkip, light: wLight,
                                                                               joined: (qJoined, wJoined))
                guard sim > 0.5 else { continue }
                // Too unlike to be found as aligned, its words not all there in order: perhaps a
                // splice, of words said further apart than the alignment reaches. Measured again
                // over all of them.
                var splice: (start: Int, end: Int, words: [Int])?
                if sim < QuoteMatcher.approximateThreshold, w.terms.indices.contains(matchStart),
                   QuoteMatcher.leftOut(qKeys, wKeys, first: matchStart, last: matchEnd) == nil,
                   let s = QuoteMatcher.splice(qKeys, wKeys, near: matchStart) {
                    splice = s
                    let wide = QuoteMatcher.similarity(q, w.terms, around: s.start, keys: (qKeys, wKeys), skip: qSkip, light: wLight,
                                                       joined: (qJoined, wJoined), through: s.end)
                    if wide.0 > sim { (sim, matchStart, matchEnd) = wide }
                }
                let context = QuoteMatcher.contextScore(pre, suf, w.terms, start: matchStart, length: q.count, reach: 2 * reach)
                let score = sim * 50 + context * 5
                var pos = max(0, min(matchStart, w.terms.count - 1))
                // Ties go to the earliest place (document, then paragraph, then word).
                if let b = best, score < b.score || (score == b.score && (run.doc, w.paragraphs[pos]) >= (b.doc, b.paragraph)) { continue }
                var leftOut: [String]? = []
                var end = matchEnd
                if let splice {
                    (pos, end) = (splice.start, splice.end)
                    leftOut = splice.words.map { vocabulary.word(w.terms[$0]) }
                } else if sim < 1 {
                    let l = QuoteMatcher.leftOut(qKeys, wKeys, first: pos, last: matchEnd)
                    pos = l?.start ?? pos
                    leftOut = l?.words.map { vocabulary.word(w.terms[$0]) }
                }
                let afterEnd = min(w.terms.count, end + 1)
                let verbatim = sim < QuoteMatcher.approximateThreshold && splice == nil
                    && QuoteMatcher.isTakenVerbatim(words, run: QuoteMatcher.longestRun(q, w.terms, first: pos, last: end))
                best = (score, sim, run.doc, w.paragraphs[pos], w.ranges[pos].lowerBound, w.times[pos],
                        Array(w.terms[afterEnd..<min(w.terms.count, afterEnd + 5)]), w.spans(pos, end), leftOut, verbatim)
            }
        }
        guard let b = best else { return notFound }
        let found = b.sim >= QuoteMatcher.approximateThreshold || QuoteMatcher.isSplice(words, leftOut: b.leftOut) || b.verbatim
        let ref = ParagraphRef(doc: b.doc, paragraph: b.paragraph)
        var match = QuoteMatch(text: quote, found: found, similarity: (b.sim * 1000).rounded() / 1000,
                               ref: found ? ref : nil, time: found ? b.time : nil,
                               excerpt: found ? CorpusIndex.excerpt(documents[b.doc].paragraphs[b.paragraph].text, around: b.offset) : nil)
        if found {
            match.deniedInSource = QuoteMatcher.denied(after: b.after.map { vocabulary.word($0) })
            match.spans = b.spans
            match.leftOut = b.leftOut
        }
        return match
    }

    /// The quotation with each bracketed insertion ("[of credit card applicants approved]")
    /// replaced by an ellipsis.
    static func withoutBrackets(_ quote: String) -> String {
        guard quote.contains("[") else { return quote }
        var out = "", depth = 0
        for ch in quote {
            if ch == "[" {
                if depth == 0 { out += " … " }
                depth += 1
            } else if ch == "]" && depth > 0 {
                depth -= 1
            } else if depth == 0 {
                out.append(ch)
            }
        }
        // (An unclosed bracket is no insertion: the quotation as written.)
        return depth == 0 ? out : quote
    }

    /// Postings read at most to choose the paragraphs of a quotation of common words.
    static let crowdedPostingLimit = 200_000

    /// The paragraphs to read for a quotation whose rarest words are in more paragraphs than are
    /// read ("be more", "great life"): those holding most of those words, then most of the words
    /// around it in the article ("…helping them “be more” of themselves"), the earliest first
    /// among equals; of the best 1,500, only those holding its words together when there are
    /// any. (Taking the first paragraphs in corpus order found only the early occurrences, and
    /// picked among those by their surroundings.) Nil when that would read too many postings.
    func crowdedCandidates(_ words: [String], _ quoteIDs: [Int32], prefix: String, suffix: String, wanted: (Int) -> Bool) -> [Int]? {
        let quoteSet = Set(quoteIDs)
        var total = quoteSet.reduce(0) { $0 + index.postingCount($1) }
        guard total <= QuoteMatcher.crowdedPostingLimit else { return nil }
        // The words around: content words count three, others ("them") one, as far as the
        // postings budget goes (the rarest first).
        var around: [(id: Int32, weight: Int)] = []
        let context = Set(Tokenizer.terms(prefix).suffix(6) + Tokenizer.terms(suffix).prefix(6))
        for (id, w) in context.compactMap({ t in index.termID(t).map { ($0, SearchQuery.stopWords.contains(t) ? 1 : 3) } })
            .filter({ !quoteSet.contains($0.0) }).sorted(by: { (index.postingCount($0.0), $0.0) < (index.postingCount($1.0), $1.0) }) {
            total += index.postingCount(id)
            if total > QuoteMatcher.crowdedPostingLimit { break }
            around.append((id, w))
        }
        var weight: [UInt32: Int] = [:]
        for id in quoteSet {
            index.forEachPostingRun(id) { paragraphs, _ in
                for g in paragraphs where wanted(Int(g)) { weight[g, default: 0] += 100 }
            }
        }
        for (id, w) in around {
            index.forEachPostingRun(id) { paragraphs, _ in
                for g in paragraphs { if let old = weight[g] { weight[g] = old + w } }
            }
        }
        // Of the best of those, the ones where the quotation's words are together come first.
        let phrase = [words.map { Array($0.utf8) }]
        var best = weight.sorted { ($0.value, -Int($0.key)) > ($1.value, -Int($1.key)) }.prefix(QuoteMatcher.phraseChecked)
            .map { (g: Int($0.key), w: $0.value) }[...]
        let together = best.filter { CorpusIndex.phrasesOccur(in: index.paragraph(index.ref(global: $0.g)).text, phrase)[0] }
        // (Where they are together the quotation is found as said: only those need reading.)
        if !together.isEmpty { best = together[...] }
        return best.prefix(QuoteMatcher.candidateLimit).map(\.g)
    }

    /// Paragraphs of a quotation of common words checked for its words together, at most.
    static let phraseChecked = 1500

    /// Words right after a quotation that deny it: "… is not what happened", "… isn't true".
    static func denied(after words: [String]) -> Bool {
        guard words.count >= 2 else { return false }
        let first = Array(words.prefix(3))
        let denials: [[String]] = [["is", "not"], ["isnt"], ["was", "not"], ["wasnt"], ["is", "false"], ["never", "happened"], ["is", "wrong"], ["didnt", "happen"]]
        return denials.contains { d in first.starts(with: d) || (first.count > 1 && Array(first.dropFirst()).starts(with: d) && first[0] == "that") }
    }

    /// Words that a quotation cannot leave out and stay as said: negations, hedges,
    /// conditions, numbers ("I'm almost certain" is not "I'm certain").
    static func changesMeaning(_ word: String) -> Bool {
        meaningWords.contains(word) || word.first?.isNumber == true || numberWords[word] != nil
    }

    static let meaningWords: Set<String> = [
        "not", "no", "never", "nobody", "nothing", "none", "nor", "neither", "without", "hardly", "barely",
        "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "cant", "cannot", "couldnt", "wont",
        "wouldnt", "shouldnt", "havent", "hasnt", "hadnt", "aint", "mustnt", "neednt",
        "maybe", "perhaps", "probably", "possibly", "might", "may", "could", "almost", "nearly", "sometimes",
        "partly", "somewhat", "rarely", "seldom", "if", "unless", "except", "only", "but", "though", "although",
    ]

    /// The shortest stretch starting near `pos` (as far as `similarity`'s slack) that holds
    /// every word of the quote in order, with at most as many others among them: its first and
    /// last word, and the words it has that the quote leaves out (`leftOut`); nil when none does.
    static func splice<T: Equatable>(_ q: [T], _ terms: [T], near pos: Int) -> (start: Int, end: Int, words: [Int])? {
        guard let head = q.first, !terms.isEmpty else { return nil }
        let reach = max(2, q.count / 4)
        let lo = max(0, pos - reach), hi = min(terms.count - 1, pos + reach)
        guard lo <= hi else { return nil }
        var best: (start: Int, end: Int, words: [Int])?
        for s in lo...hi where terms[s] == head {
            var i = 0, k = s
            while k < terms.count, k < s + 2 * q.count, i < q.count {
                if terms[k] == q[i] { i += 1 }
                k += 1
            }
            guard i == q.count, let words = inOrder(q, terms, first: s, last: k - 1) else { continue }
            if best.map({ k - 1 - s < $0.end - $0.start }) ?? true { best = (s, k - 1, words) }
        }
        return best
    }

    /// The words of the stream between `first` and `last` that are not the quote's, when the
    /// quote's words are all there in that order (a word said twice in a row counts once, as
    /// in `similarity`); nil when one of them is not. The alignment may have taken a word left
    /// out for the quote's first ("still think…" for "I think…" in "I still think…"): the span
    /// may start a few words earlier, at the quote's first word.
    static func leftOut<T: Equatable>(_ q: [T], _ terms: [T], first: Int, last: Int) -> (start: Int, words: [Int])? {
        guard let head = q.first, first >= 0, first <= last, last < terms.count else { return nil }
        for start in stride(from: first, through: max(0, first - 3), by: -1) where start == first || terms[start] == head {
            if let out = inOrder(q, terms, first: start, last: last) { return (start, out) }
        }
        return nil
    }

    static func inOrder<T: Equatable>(_ q: [T], _ terms: [T], first: Int, last: Int) -> [Int]? {
        var i = 0
        var out: [Int] = []
        for k in first...last {
            if i < q.count && terms[k] == q[i] {
                i += 1
            } else if k > first && terms[k] == terms[k - 1] {
                continue
            } else {
                out.append(k)
            }
        }
        return i == q.count ? out : nil
    }

    /// Similarity needed to call a quote found (approximately).
    public static let approximateThreshold = 0.8

    /// Whether a quotation less similar than that was still taken from where it was aligned:
    /// every word of it said there, in order, with no more words between them than it has (a
    /// splice: "It just takes one virus to obliterate us" for "it just takes one virus, just
    /// takes the wrong one to just obliterate us"), and enough words to be no chance: five, three
    /// of them not stop words. Found, then, and not as said (`QuoteMatch.isAsSaid`).
    static func isSplice(_ words: [String], leftOut: [String]?) -> Bool {
        guard let leftOut, !leftOut.isEmpty, words.count >= 5, leftOut.count <= words.count else { return false }
        return words.filter { !SearchQuery.stopWords.contains($0) }.count >= 3
    }

    /// The longest run of the quote's words said word for word in `terms[first...last]`: where
    /// it starts in the quote, and how many words it has.
    static func longestRun<T: Equatable>(_ q: [T], _ terms: [T], first: Int, last: Int) -> (start: Int, count: Int) {
        guard !q.isEmpty, first >= 0, first <= last, last < terms.count else { return (0, 0) }
        var best = (start: 0, count: 0)
        // run[i]: the run ending at q[i - 1] and the previous word of the stream.
        var run = [Int](repeating: 0, count: q.count + 1)
        for j in first...last {
            for i in stride(from: q.count, through: 1, by: -1) {
                run[i] = q[i - 1] == terms[j] ? run[i - 1] + 1 : 0
                if run[i] > best.count { best = (i - run[i], run[i]) }
            }
        }
        return best
    }

    /// Whether a quotation too unlike what was said to be found as aligned was still taken from
    /// there: half its words or more said there word for word in a row, seven at least, three of
    /// them not stop words ("You have to do something that's a little scarier in that list" for
    /// "you gotta pick the thing that's a little scarier in that list"). Found, then, and not as
    /// said: the words are shown beside what was said.
    static func isTakenVerbatim(_ words: [String], run: (start: Int, count: Int)) -> Bool {
        guard run.count >= 7, 2 * run.count >= words.count, run.start + run.count <= words.count else { return false }
        return words[run.start..<(run.start + run.count)].filter { !SearchQuery.stopWords.contains($0) }.count >= 3
    }

    /// Similarity of a faithful quote (verbatim up to normalisation, or one small slip).
    public static let faithfulThreshold = 0.9

    /// Whether the window `similarity` would align can reach a similarity above 0.5: that needs
    /// more than half the quote's words matched, so more than half must be in the window.
    static func mayMatch<T: Hashable>(_ q: [T], _ qSet: Set<T>, _ terms: [T], around start: Int) -> Bool {
        let m = q.count
        let slack = max(2, m / 4)
        let lo = max(0, start - slack), hi = min(terms.count, start + m + slack)
        guard lo < hi else { return false }
        var hits = 0
        for j in lo..<hi where qSet.contains(terms[j]) {
            hits += 1
            if 2 * hits > m { return true }
        }
        return false
    }

    /// Best alignment of the quote against the stream near `start`: 1 − edits / quote length,
    /// with the window's start and end free (semi-global edit distance). With `keys` (for the
    /// quote and the stream), two words of one key cost a quarter of an edit ("protect" for
    /// "protecting", "eighty" for "80"); a word the stream says twice in a row ("you're,
    /// you're") costs nothing, and a `light` one (a stop word: "the child is in fact
    /// performing…", "no secret sauce, I think, in me") half an edit; `skip` is what leaving out
    /// each quote word costs; with `joined`, a quote word the stream says as two (`joined.1[t]`:
    /// the word `terms[t]` and `terms[t + 1]` make) or two it says as one (`joined.0[i]`: the
    /// word `q[i]` and `q[i + 1]` make) cost nothing. The window reaches at least `through` (a
    /// splice's last word). Returns the similarity and the first and last word of the stream
    /// aligned with the quote.
    static func similarity<T: Equatable>(_ q: [T], _ terms: [T], around start: Int,
                                         keys: ([T], [T])? = nil, skip: [Double]? = nil, light: [Bool]? = nil,
                                         joined: ([T?], [T?])? = nil, through last: Int? = nil) -> (Double, Int, Int) {
        let m = q.count
        let slack = max(2, m / 4)
        let lo = max(0, start - slack), hi = min(terms.count, max(start + m + slack, (last ?? 0) + 1))
        guard lo < hi else { return (0, start, start) }
        // Fast path: exact.
        if start >= 0 && start + m <= terms.count && Array(terms[start..<(start + m)]) == q { return (1, start, start + m - 1) }
        let window = terms[lo..<hi]
        let n = window.count
        func cost(_ i: Int, _ j: Int) -> Double {
            if q[i] == terms[j] { return 0 }
            guard let (qk, tk) = keys, qk[i] == tk[j] else { return 1 }
            return 0.25
        }
        // dp[i][j]: edits to align q[0..<i] ending at window[j-1]; free start in the window.
        var prev = [Double](repeating: 0, count: n + 1)
        var startOf = Array(0...n)
        var cur = [Double](repeating: 0, count: n + 1)
        var curStart = [Int](repeating: 0, count: n + 1)
        // The row before `prev` (for two quote words said as one). Arrays of their own: made as
        // copies of `prev` and `startOf` (one buffer until written), the rows rotated below came
        // out wrong in optimized builds (Swift 6.3.1 -O: "I think unsupervised learning…" against
        // "I still think unsupervised learning…" scored 0.625, not 0.875, and was not found).
        var prev2 = [Double](repeating: 0, count: n + 1)
        var startOf2 = Array(0...n)
        for i in 1...m {
            let del1 = skip?[i - 1] ?? 1
            cur[0] = prev[0] + del1
            curStart[0] = 0
            for j in 1...n {
                let t = lo + j - 1
                let sub = prev[j - 1] + cost(i - 1, t)
                let del = prev[j] + del1
                let ins = cur[j - 1] + (t > lo && terms[t] == terms[t - 1] ? 0 : (light?[t] == true ? 0.5 : 1))
                if sub <= del && sub <= ins { cur[j] = sub; curStart[j] = startOf[j - 1] } else if del <= ins { cur[j] = del; curStart[j] = startOf[j] } else { cur[j] = ins; curStart[j] = curStart[j - 1] }
                if let (qj, tj) = joined {
                    if j >= 2, t - 1 < tj.count, let x = tj[t - 1], x == q[i - 1], prev[j - 2] < cur[j] {
                        cur[j] = prev[j - 2]; curStart[j] = startOf[j - 2]
                    }
                    if i >= 2, let x = qj[i - 2], x == terms[t], prev2[j - 1] < cur[j] {
                        cur[j] = prev2[j - 1]; curStart[j] = startOf2[j - 1]
                    }
                }
            }
            swap(&prev2, &prev)
            swap(&startOf2, &startOf)
            swap(&prev, &cur)
            swap(&startOf, &curStart)
        }
        var bestJ = 1
        for j in 1...n where prev[j] < prev[bestJ] { bestJ = j }
        let edits = prev[bestJ]
        return (max(0, 1 - edits / Double(m)), lo + startOf[bestJ], lo + bestJ - 1)
    }

    /// How well the words around the match (`reach` words either side) agree with the words
    /// around the quote, each as much as its weight (0...1).
    static func contextScore<T: Hashable>(_ pre: [(T, Double)], _ suf: [(T, Double)], _ terms: [T], start: Int, length: Int,
                                          reach: Int = 12) -> Double {
        let total = pre.reduce(0) { $0 + $1.1 } + suf.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return 0 }
        let before = Set(terms[max(0, start - reach)..<max(0, start)])
        let after = Set(terms[min(terms.count, start + length)..<min(terms.count, start + length + reach)])
        let hits = pre.reduce(0) { $0 + (before.contains($1.0) ? $1.1 : 0) } + suf.reduce(0) { $0 + (after.contains($1.0) ? $1.1 : 0) }
        return hits / total
    }
}
