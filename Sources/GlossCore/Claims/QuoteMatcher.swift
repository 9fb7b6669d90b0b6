import Foundation

/// Finds quoted phrases in transcripts: exact match first (ignoring case, punctuation, curly
/// quotes, filler words and line breaks between cues), then an approximate match scored on the
/// quote, its surroundings and its position, in the manner of Hypothesis's `match-quote`.
public final class QuoteMatcher: @unchecked Sendable {
    /// A transcript as one token stream across paragraphs or cues.
    struct Stream {
        var terms: [String] = []
        var times: [Double?] = []
        var paragraphs: [Int] = []
        var positions: [String: [Int]] = [:]
    }

    static let fillers: Set<String> = ["um", "uh", "erm", "er", "ah", "hmm", "mm", "uhm", "mhm"]

    let documents: [Document]
    /// Documents searched (transcripts).
    let targets: [Int]
    private var streams: [Int: Stream] = [:]
    private let lock = NSLock()

    public init(documents: [Document], targets: [Int]? = nil) {
        self.documents = documents
        self.targets = targets ?? documents.indices.filter { documents[$0].kind == .transcript }
    }

    func stream(_ d: Int) -> Stream {
        lock.lock()
        defer { lock.unlock() }
        if let s = streams[d] { return s }
        let s = QuoteMatcher.buildStream(documents[d])
        streams[d] = s
        return s
    }

    static func buildStream(_ doc: Document) -> Stream {
        var s = Stream()
        for i in doc.paragraphs.indices {
            let k = doc.sections[safe: doc.paragraphs[i].section]?.kind
            guard k == .chapter || k == .window else { continue }
            let para = doc.paragraphs[i]
            // Each word gets its cue's time when the paragraph was made of cues.
            for tok in Tokenizer.tokens(para.text) where !fillers.contains(tok.term) {
                s.positions[tok.term, default: []].append(s.terms.count)
                s.terms.append(tok.term)
                s.times.append(para.marks.isEmpty ? para.time : TimeMark.time(at: tok.range.lowerBound, in: para.marks))
                s.paragraphs.append(i)
            }
        }
        return s
    }

    /// Locates a quote; `prefix` and `suffix` are the words around it in the article. A quote
    /// with an ellipsis ("we … never") is found when its parts are found, in order, close together.
    public func locate(_ quote: String, prefix: String = "", suffix: String = "", in docs: [Int]? = nil) -> QuoteMatch {
        let parts = quote.components(separatedBy: "…").flatMap { $0.components(separatedBy: "...") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { Tokenizer.terms($0).count >= 2 }
        guard parts.count > 1 else { return locateWhole(quote, prefix: prefix, suffix: suffix, in: docs) }
        let first = locateWhole(parts[0], prefix: prefix, suffix: "", in: docs)
        var weighted = 0.0, total = 0.0
        var lastTime = first.time ?? 0
        for (i, part) in parts.enumerated() {
            let m = i == 0 ? first : locateWhole(part, in: first.ref.map { [$0.doc] } ?? docs)
            let n = Double(Tokenizer.terms(part).count)
            total += n
            // Later parts must follow the first, within a couple of minutes.
            if m.found, let t = m.time, t >= lastTime - 1, t - lastTime < 180 {
                weighted += n * m.similarity
                lastTime = t
            }
        }
        let sim = total > 0 ? (weighted / total * 1000).rounded() / 1000 : 0
        var out = first
        out.text = quote
        out.similarity = sim
        out.found = first.found && sim >= QuoteMatcher.approximateThreshold
        if !out.found { out.ref = nil; out.time = nil; out.excerpt = nil }
        return out
    }

    func locateWhole(_ quote: String, prefix: String = "", suffix: String = "", in docs: [Int]? = nil) -> QuoteMatch {
        var q = Tokenizer.terms(quote).filter { !QuoteMatcher.fillers.contains($0) }
        // Very long "quotes" are matched on their opening words (bounded work per quote).
        if q.count > 80 { q = Array(q.prefix(80)) }
        var best: (score: Double, sim: Double, doc: Int, pos: Int)?
        guard q.count >= 2 else { return QuoteMatch(text: quote, found: false, similarity: 0) }
        let pre = Array(Tokenizer.terms(prefix).suffix(6)), suf = Array(Tokenizer.terms(suffix).prefix(6))
        let qSet = Set(q)
        for d in docs ?? targets {
            let s = stream(d)
            guard !s.terms.isEmpty else { continue }
            // Anchors: the rarest quote words present in this transcript. A similarity above 0.5
            // needs more than half the quote's words matched, so more than half must occur here.
            var present: [(k: Int, count: Int)] = []
            for k in q.indices { if let p = s.positions[q[k]] { present.append((k, p.count)) } }
            guard 2 * present.count > q.count else { continue }
            let anchors = present.sorted { $0.count < $1.count }.prefix(3).map(\.k)
            var starts = Set<Int>()
            for k in anchors {
                for p in s.positions[q[k]]!.prefix(400) { starts.insert(p - k) }
            }
            for start in starts {
                // Cheap bound first: the window must hold more than half the quote's words.
                guard QuoteMatcher.mayMatch(q, qSet, s.terms, around: start) else { continue }
                let (sim, matchStart) = QuoteMatcher.similarity(q, s.terms, around: start)
                guard sim > 0.5 else { continue }
                let context = QuoteMatcher.contextScore(pre, suf, s.terms, start: matchStart, length: q.count)
                let score = sim * 50 + context * 5
                if best == nil || score > best!.score || (score == best!.score && matchStart < best!.pos) {
                    best = (score, sim, d, matchStart)
                }
            }
        }
        guard let b = best else { return QuoteMatch(text: quote, found: false, similarity: 0) }
        let s = stream(b.doc)
        let pos = max(0, min(b.pos, s.terms.count - 1))
        let para = s.paragraphs[pos]
        let found = b.sim >= QuoteMatcher.approximateThreshold
        let ref = ParagraphRef(doc: b.doc, paragraph: para)
        var match = QuoteMatch(text: quote, found: found, similarity: (b.sim * 1000).rounded() / 1000,
                               ref: found ? ref : nil, time: found ? s.times[pos] : nil,
                               excerpt: found ? CorpusIndex.excerpt(documents[b.doc].paragraphs[para].text, query: SearchQuery(quote)) : nil)
        if found { match.deniedInSource = QuoteMatcher.denied(after: Array(s.terms[min(s.terms.count, pos + q.count)..<min(s.terms.count, pos + q.count + 5)])) }
        return match
    }

    /// Words right after a quotation that deny it: "… is not what happened", "… isn't true".
    static func denied(after words: [String]) -> Bool {
        guard words.count >= 2 else { return false }
        let first = Array(words.prefix(3))
        let denials: [[String]] = [["is", "not"], ["isnt"], ["was", "not"], ["wasnt"], ["is", "false"], ["never", "happened"], ["is", "wrong"], ["didnt", "happen"]]
        return denials.contains { d in first.starts(with: d) || (first.count > 1 && Array(first.dropFirst()).starts(with: d) && first[0] == "that") }
    }

    /// Similarity needed to call a quote found (approximately).
    public static let approximateThreshold = 0.8
    /// Similarity of a faithful quote (verbatim up to normalisation, or one small slip).
    public static let faithfulThreshold = 0.9

    /// Whether the window `similarity` would align can reach a similarity above 0.5: that needs
    /// more than half the quote's words matched, so more than half must be in the window.
    static func mayMatch(_ q: [String], _ qSet: Set<String>, _ terms: [String], around start: Int) -> Bool {
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
    /// with the window's start and end free (semi-global edit distance).
    static func similarity(_ q: [String], _ terms: [String], around start: Int) -> (Double, Int) {
        let m = q.count
        let slack = max(2, m / 4)
        let lo = max(0, start - slack), hi = min(terms.count, start + m + slack)
        guard lo < hi else { return (0, start) }
        // Fast path: exact.
        if start >= 0 && start + m <= terms.count && Array(terms[start..<(start + m)]) == q { return (1, start) }
        let window = terms[lo..<hi]
        let n = window.count
        // dp[i][j]: edits to align q[0..<i] ending at window[j-1]; free start in the window.
        var prev = [Int](repeating: 0, count: n + 1)
        var startOf = Array(0...n)
        var cur = [Int](repeating: 0, count: n + 1)
        var curStart = [Int](repeating: 0, count: n + 1)
        for i in 1...m {
            cur[0] = i
            curStart[0] = 0
            for j in 1...n {
                let sub = prev[j - 1] + (q[i - 1] == window[lo + j - 1] ? 0 : 1)
                let del = prev[j] + 1
                let ins = cur[j - 1] + 1
                if sub <= del && sub <= ins { cur[j] = sub; curStart[j] = startOf[j - 1] } else if del <= ins { cur[j] = del; curStart[j] = startOf[j] } else { cur[j] = ins; curStart[j] = curStart[j - 1] }
            }
            swap(&prev, &cur)
            swap(&startOf, &curStart)
        }
        var bestJ = 1
        for j in 1...n where prev[j] < prev[bestJ] { bestJ = j }
        let edits = prev[bestJ]
        return (max(0, 1 - Double(edits) / Double(m)), lo + startOf[bestJ])
    }

    /// How well the words around the match agree with the words around the quote (0...1).
    static func contextScore(_ pre: [String], _ suf: [String], _ terms: [String], start: Int, length: Int) -> Double {
        guard !pre.isEmpty || !suf.isEmpty else { return 0 }
        let before = Set(terms[max(0, start - 12)..<max(0, start)])
        let after = Set(terms[min(terms.count, start + length)..<min(terms.count, start + length + 12)])
        let hits = pre.filter { before.contains($0) }.count + suf.filter { after.contains($0) }.count
        return Double(hits) / Double(pre.count + suf.count)
    }
}
