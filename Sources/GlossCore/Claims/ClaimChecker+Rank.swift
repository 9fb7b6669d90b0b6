import Foundation

/// Ranking transcript passages as evidence for a claim.
extension ClaimChecker {
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
