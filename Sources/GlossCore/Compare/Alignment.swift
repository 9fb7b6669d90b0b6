import Foundation

/// One row of a side-by-side comparison: a passage of each document (or a gap), their
/// similarity, figure differences, and quotes one side marks and the other does not.
public struct AlignedPair: Sendable, Equatable {
    /// Paragraph indices of the two passages.
    public var left: Int?
    public var right: Int?
    /// The part of each paragraph that is the passage (long paragraphs are split into groups of
    /// sentences), as UTF-8 byte ranges of the paragraph text.
    public var leftRange: Range<Int>?
    public var rightRange: Range<Int>?
    public var score: Double
    public var figures: [FigurePair]
    /// Phrases quoted on one side and written without quotation marks on the other.
    public var quoteMarks: [QuoteDifference]
    /// For a passage without a partner in place: the row where its best match sits instead.
    public var movedTo: Int?

    public init(left: Int?, right: Int?, score: Double, figures: [FigurePair], quoteMarks: [QuoteDifference],
                leftRange: Range<Int>? = nil, rightRange: Range<Int>? = nil) {
        self.left = left
        self.right = right
        self.score = score
        self.figures = figures
        self.quoteMarks = quoteMarks
        self.leftRange = leftRange
        self.rightRange = rightRange
    }

    /// A passage on one side only.
    public var isGap: Bool { left == nil || right == nil }

    public var isDifference: Bool {
        isGap || figures.contains { !$0.agree } || !quoteMarks.isEmpty
    }

    /// Where the differences start: each row whose figures or quotation marks differ, and each
    /// run of rows with a gap on one side, as a diff's hunk (a short article beside a 3-hour
    /// transcript faces a gap on most rows, and those are a few runs, not a thousand differences).
    public static func differenceStarts(_ pairs: [AlignedPair]) -> [Int] {
        pairs.indices.filter { r in pairs[r].isDifference && !(pairs[r].isGap && r > 0 && pairs[r - 1].isGap) }
    }
}

public struct FigurePair: Sendable, Equatable {
    public var left: Figure?
    public var right: Figure?
    public var agree: Bool
}

public struct QuoteDifference: Sendable, Equatable {
    public enum Side: String, Sendable { case left, right }
    /// The side that uses quotation marks.
    public var quotedOn: Side
    public var text: String
}

/// Aligns two documents passage by passage: similarity from the index's term weights (with
/// figures and quotes), then a monotone alignment like a diff of passages, keeping reading
/// order; passages that match out of order are marked as moved rather than lost.
public enum Aligner {
    /// Pairs below this similarity are not aligned.
    public static let threshold = 0.1
    /// Band half-width for long documents (transcript vs transcript aligns near the diagonal).
    public static let band = 150

    /// A passage: a paragraph, or a group of its sentences when the paragraph is long.
    public struct Passage: Sendable, Hashable {
        public var paragraph: Int
        public var range: Range<Int>
        public init(paragraph: Int, range: Range<Int>) {
            self.paragraph = paragraph
            self.range = range
        }
    }

    /// How many lonely passages at most may stand beside one passage out of place: those it is
    /// most like.
    static let movedPerPassage = 3

    /// Words per passage when a long paragraph is split.
    static let passageWords = 55

    /// Which part of a document takes part: a newsletter has both a brief and a transcript.
    public enum Part: String, Sendable, CaseIterable {
        case auto, all, summary, transcript
    }

    public static func align(_ index: CorpusIndex, left: Int, right: Int, part: Part = .auto) -> [AlignedPair] {
        let ldoc = index.documents[left], rdoc = index.documents[right]
        let a = passages(ldoc, part: resolve(part, ldoc, against: rdoc)), b = passages(rdoc, part: resolve(part, rdoc, against: ldoc))
        // A heading both documents have word for word ("Any Notable Quotes" in two notes of one
        // template) is their form, not what a passage says: its words are left out.
        func titles(_ d: Document) -> Set<String> { Set(d.sections.filter { $0.kind == .heading }.map { $0.title.lowercased() }) }
        let shared = titles(ldoc).intersection(titles(rdoc))
        let va = a.map { passageVector(index, ldoc, $0, leavingOut: shared) }
        let vb = b.map { passageVector(index, rdoc, $0, leavingOut: shared) }
        let n = a.count, m = b.count
        func lonely(_ p: Passage, left: Bool) -> AlignedPair {
            left ? AlignedPair(left: p.paragraph, right: nil, score: 0, figures: [], quoteMarks: [], leftRange: p.range)
                 : AlignedPair(left: nil, right: p.paragraph, score: 0, figures: [], quoteMarks: [], rightRange: p.range)
        }
        if n == 0 || m == 0 { return a.map { lonely($0, left: true) } + b.map { lonely($0, left: false) } }
        let banded = n * m > 4_000_000
        func inBand(_ i: Int, _ j: Int) -> Bool {
            !banded || abs(Double(i) / Double(n) * Double(m) - Double(j)) <= Double(band)
        }
        // Similarities (sparse): each left passage against the right passages that share a word
        // with it, found through the right side's words.
        let similar = SimilarityTable(va, vb)
        var sim: [Int: Double] = [:]
        func key(_ i: Int, _ j: Int) -> Int { i * (m + 1) + j }
        for i in 0..<n {
            let lo = banded ? max(0, Int(Double(i) / Double(n) * Double(m)) - band) : 0
            let hi = banded ? min(m, Int(Double(i) / Double(n) * Double(m)) + band + 1) : m
            guard lo < hi else { continue }
            similar.forEachSimilar(i, in: lo..<hi) { j, s in sim[key(i, j)] = s }
        }
        if ProcessInfo.processInfo.environment["GLOSS_DEBUG_ALIGN"] != nil {
            for i in 0..<n {
                let top = (0..<m).map { ($0, cosine(va[i], vb[$0])) }.sorted { $0.1 > $1.1 }.prefix(3)
                FileHandle.standardError.write(Data("L\(a[i].paragraph) \(text(ldoc, a[i]).prefix(30)) → \(top.map { "R\(b[$0.0].paragraph):\(text(rdoc, b[$0.0]).prefix(25)) \(String(format: "%.3f", $0.1))" }.joined(separator: " | "))\n".utf8))
            }
        }
        // Monotone alignment maximising total similarity above the threshold.
        var score = [[Double]](repeating: [Double](repeating: 0, count: m + 1), count: n + 1)
        var move = [[UInt8]](repeating: [UInt8](repeating: 0, count: m + 1), count: n + 1)  // 1 diag, 2 up, 3 left
        for i in 0...n {
            for j in 0...m {
                if i == 0 && j == 0 { continue }
                var best = -1.0, mv: UInt8 = 0
                if i > 0 && j > 0, inBand(i - 1, j - 1), let s = sim[key(i - 1, j - 1)] {
                    best = score[i - 1][j - 1] + (s - threshold * 0.8); mv = 1
                }
                if i > 0 && score[i - 1][j] > best { best = score[i - 1][j]; mv = 2 }
                if j > 0 && score[i][j - 1] > best { best = score[i][j - 1]; mv = 3 }
                score[i][j] = max(0, best)
                move[i][j] = mv
            }
        }
        var rows: [AlignedPair] = []
        var i = n, j = m
        while i > 0 || j > 0 {
            switch move[i][j] {
            case 1:
                rows.append(pair(index, left, right, a[i - 1], b[j - 1], sim[key(i - 1, j - 1)] ?? 0))
                i -= 1; j -= 1
            case 2:
                rows.append(lonely(a[i - 1], left: true))
                i -= 1
            default:
                rows.append(lonely(b[j - 1], left: false))
                j -= 1
            }
        }
        rows.reverse()
        // Passages that match out of order are moved, not lost: a passage left without a
        // partner stands beside its best match anywhere on the other side (marked as moved),
        // with figures and quotes compared; an unmatched passage it takes points back to it.
        // Left passages first, then the right ones still alone, so that which document is on
        // which side changes the columns, not what stands beside what.
        let lonelyLeft = rows.indices.filter { rows[$0].right == nil }
        if !lonelyLeft.isEmpty && lonelyLeft.count * m < 4_000_000 {
            movePartnerless(index, &rows, lonelyLeft, from: a, ldoc, to: b, rdoc, leftSide: true, similar) { pa, pb, s in
                pair(index, left, right, pa, pb, s)
            }
        }
        let lonelyRight = rows.indices.filter { rows[$0].left == nil && rows[$0].movedTo == nil }
        if !lonelyRight.isEmpty && lonelyRight.count * n < 4_000_000 {
            movePartnerless(index, &rows, lonelyRight, from: b, rdoc, to: a, ldoc, leftSide: false, SimilarityTable(vb, va)) { pb, pa, s in
                pair(index, left, right, pa, pb, s)
            }
        }
        return rows
    }

    /// Puts each passage of `lonely` (rows with a passage of one side only: the left one when
    /// `leftSide`) beside its best match among the other side's passages, marked as moved to
    /// the row where that match stands; `similar` is from this side's passages to the other's.
    static func movePartnerless(_ index: CorpusIndex, _ rows: inout [AlignedPair], _ lonely: [Int], from mine: [Passage], _ doc: Document,
                                to theirs: [Passage], _ otherDoc: Document, leftSide: Bool, _ similar: SimilarityTable,
                                pair: (Passage, Passage, Double) -> AlignedPair) {
        let position = Dictionary(mine.enumerated().map { ($1, $0) }, uniquingKeysWith: { x, _ in x })
        var rowOf: [Passage: Int] = [:]
        for (r, row) in rows.enumerated() {
            if let p = leftSide ? row.right : row.left, let range = leftSide ? row.rightRange : row.leftRange {
                rowOf[Passage(paragraph: p, range: range)] = r
            }
        }
        var best: [(row: Int, passage: Passage, i: Int, j: Int, score: Double)] = []
        // (Whether a passage of theirs has words enough, worked out once: many lonely passages
        // of a long transcript look at the same few of a short article.)
        var wordy: [Int: Bool] = [:]
        func isWordy(_ j: Int) -> Bool {
            if let w = wordy[j] { return w }
            let w = vector(index, text(otherDoc, theirs[j])).count >= 4
            wordy[j] = w
            return w
        }
        for li in lonely {
            let row = rows[li]
            let p = Passage(paragraph: (leftSide ? row.left : row.right)!, range: (leftSide ? row.leftRange : row.rightRange)!)
            // A passage of a few words ("Here is what he said.", "Born: 1958 or 1959") has no
            // counterpart to find, and is none.
            guard let i = position[p], vector(index, text(doc, p)).count >= 4 else { continue }
            var top: (Int, Double)?
            similar.forEachSimilar(i, in: 0..<theirs.count) { j, s in
                guard top == nil || s > top!.1 || (s == top!.1 && j < top!.0) else { return }
                if isWordy(j) { top = (j, s) }
            }
            if let (j, s) = top, rowOf[theirs[j]] != nil { best.append((li, p, i, j, s)) }
        }
        // A passage of a short article is the best match of many passages of a long transcript,
        // most of them barely like it: it stands beside the few of them it is most like.
        var kept = Set<Int>()
        for (_, group) in Dictionary(grouping: best.indices, by: { best[$0].j }) {
            let ranked = group.sorted { best[$0].score > best[$1].score || (best[$0].score == best[$1].score && best[$0].i < best[$1].i) }
            kept.formUnion(ranked.prefix(movedPerPassage))
        }
        for (k, b) in best.enumerated() where kept.contains(k) {
            let ri = rowOf[theirs[b.j]]!
            var moved = pair(b.passage, theirs[b.j], b.score)
            moved.movedTo = ri
            rows[b.row] = moved
            let other = rows[ri]
            if (leftSide ? other.left : other.right) == nil && other.movedTo == nil { rows[ri].movedTo = b.row }
        }
    }

    /// Passages: paragraphs with some words; long paragraphs split into groups of sentences
    /// (headings are sections, not passages).
    /// `auto`: a document with a brief and a transcript shows its brief against an article and
    /// its transcript against a transcript.
    static func resolve(_ part: Part, _ doc: Document, against other: Document) -> Part {
        guard part == .auto else { return part }
        let hasSummary = !doc.summarySections.isEmpty
        let hasText = doc.sections.contains { ($0.kind == .chapter || $0.kind == .window) && $0.present }
        guard hasSummary && hasText else { return .all }
        let otherIsTranscript = other.kind == .transcript && other.sections.contains { ($0.kind == .chapter || $0.kind == .window) && $0.present }
        return otherIsTranscript ? .transcript : .summary
    }

    public static func passages(_ doc: Document, part: Part = .all) -> [Passage] {
        var out: [Passage] = []
        // A newsletter's teaser is not part of its brief.
        let skipTeasers = doc.sections.contains { $0.kind == .summary && !$0.isTeaser }
        for (i, para) in doc.paragraphs.enumerated() {
            let words = TextTools.wordCount(para.text)
            guard words >= 3 else { continue }
            let kind = doc.sections[safe: para.section]?.kind
            if skipTeasers, doc.sections[safe: para.section]?.isTeaser == true { continue }
            if part == .summary && kind != .summary { continue }
            if part == .transcript && kind != .chapter && kind != .window { continue }
            if words <= passageWords + passageWords / 3 {
                out.append(Passage(paragraph: i, range: 0..<para.text.utf8.count))
                continue
            }
            var start: Int?
            var end = 0
            var count = 0
            for (sentence, range) in Sentences.split(para.text) {
                if start == nil { start = range.lowerBound }
                end = range.upperBound
                count += TextTools.wordCount(sentence)
                if count >= passageWords {
                    out.append(Passage(paragraph: i, range: start!..<end))
                    start = nil
                    count = 0
                }
            }
            if let s = start {
                // A short tail joins the group before it.
                if count < passageWords / 3, let last = out.last, last.paragraph == i {
                    out[out.count - 1].range = last.range.lowerBound..<end
                } else {
                    out.append(Passage(paragraph: i, range: s..<end))
                }
            }
        }
        return out
    }

    public static func text(_ doc: Document, _ p: Passage) -> String {
        let bytes = Array(doc.paragraphs[p.paragraph].text.utf8)
        return String(decoding: bytes[p.range.clamped(to: 0..<bytes.count)], as: UTF8.self)
    }

    /// A passage's words, its heading's words (at half weight) and the kinds of figures it gives
    /// (two passages quoting durations or dollar amounts are likely about the same thing).
    static func passageVector(_ index: CorpusIndex, _ doc: Document, _ passage: Passage, leavingOut headings: Set<String> = []) -> [String: Double] {
        let para = doc.paragraphs[passage.paragraph]
        let body = text(doc, passage)
        var v = vector(index, body)
        if let heading = doc.sections[safe: para.section]?.title, doc.sections[para.section].kind != .window,
           !headings.contains(heading.lowercased()) {
            for (k, w) in vector(index, heading) { v[k, default: 0] += 0.5 * w }
        }
        for f in FigureExtractor.extract(body) where f.unit != .count && f.unit != .calendarYear {
            v["#" + Figure.dimension(f.unit), default: 0] = 2.5
        }
        return v
    }

    /// tf-idf weights of content terms (stemmed).
    static func vector(_ index: CorpusIndex, _ text: String) -> [String: Double] {
        var v: [String: Double] = [:]
        for t in Tokenizer.terms(text) where !SearchQuery.stopWords.contains(t) && t.count > 1 {
            v[Stemmer.stem(t), default: 0] += index.idf(t)
        }
        return v
    }

    /// Similarity of two passages: cosine of their weights, averaged with how much of the smaller
    /// passage the larger one contains (a one-line claim inside a long summary paragraph). A
    /// passage of under `fewWords` words is contained in anything that shares one of them ("I
    /// hope it continues." in a paragraph that "continues"): what it has in common counts for
    /// that much less.
    static func cosine(_ a: [String: Double], _ b: [String: Double]) -> Double {
        let c = plainCosine(a, b)
        guard c > 0 else { return 0 }
        let (small, large) = a.values.reduce(0, +) < b.values.reduce(0, +) ? (a, b) : (b, a)
        var shared = 0.0
        for (k, x) in small { if let y = large[k] { shared += min(x, y) } }
        let overlap = shared / max(1e-9, small.values.reduce(0, +))
        return 0.5 * c + 0.5 * overlap * 0.6 * fewWordsShare(small.count)
    }

    /// Under this many words, a passage's share of words in common counts for less.
    static let fewWords = 4

    static func fewWordsShare(_ words: Int) -> Double {
        words >= fewWords ? 1 : Double(words) / Double(fewWords)
    }

    /// `cosine` of every left passage with the right passages, computed through an inverted
    /// list of the right side's words: only pairs that share a word are touched (two 3-hour
    /// transcripts have two million pairs, nearly all sharing nothing that counts).
    struct SimilarityTable {
        let left: [[(id: Int32, w: Double)]]
        let leftSum: [Double], leftNorm: [Double], leftCount: [Int]
        let rightSum: [Double], rightNorm: [Double], rightCount: [Int]
        /// By word id: the right passages that have it, with its weight there.
        let postings: [[(j: Int32, w: Double)]]

        init(_ a: [[String: Double]], _ b: [[String: Double]]) {
            var ids: [String: Int32] = [:]
            func id(_ k: String) -> Int32 {
                if let i = ids[k] { return i }
                let i = Int32(ids.count)
                ids[k] = i
                return i
            }
            func sums(_ v: [String: Double]) -> (Double, Double) {
                (v.values.reduce(0, +), v.values.reduce(0) { $0 + $1 * $1 }.squareRoot())
            }
            var postings: [[(j: Int32, w: Double)]] = []
            for (j, v) in b.enumerated() {
                for (k, w) in v.sorted(by: { $0.key < $1.key }) {
                    let i = Int(id(k))
                    if i == postings.count { postings.append([]) }
                    postings[i].append((Int32(j), w))
                }
            }
            left = a.map { v in v.sorted { $0.key < $1.key }.compactMap { k, w in ids[k].map { ($0, w) } } }
            let ls = a.map(sums), rs = b.map(sums)
            leftSum = ls.map(\.0); leftNorm = ls.map(\.1); leftCount = a.map(\.count)
            rightSum = rs.map(\.0); rightNorm = rs.map(\.1); rightCount = b.map(\.count)
            self.postings = postings
        }

        /// Calls `body` with each right passage in `range` at least `threshold` similar to left
        /// passage `i`, in order.
        func forEachSimilar(_ i: Int, in range: Range<Int>, _ body: (Int, Double) -> Void) {
            var dot = [Double](repeating: 0, count: range.count)
            var shared = [Double](repeating: 0, count: range.count)
            var touched: [Int] = []
            for (id, x) in left[i] {
                for (j32, y) in postings[Int(id)] {
                    let j = Int(j32)
                    guard range.contains(j) else { continue }
                    let k = j - range.lowerBound
                    if dot[k] == 0 { touched.append(j) }
                    dot[k] += x * y
                    shared[k] += min(x, y)
                }
            }
            for j in touched.sorted() {
                let k = j - range.lowerBound
                let c = dot[k] / (leftNorm[i] * rightNorm[j])
                guard c > 0 else { continue }
                let leftSmaller = leftSum[i] < rightSum[j]
                let small = leftSmaller ? leftSum[i] : rightSum[j]
                let s = 0.5 * c + 0.5 * (shared[k] / max(1e-9, small)) * 0.6 * Aligner.fewWordsShare(leftSmaller ? leftCount[i] : rightCount[j])
                if s >= Aligner.threshold { body(j, s) }
            }
        }
    }

    static func plainCosine(_ a: [String: Double], _ b: [String: Double]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let (small, large) = a.count < b.count ? (a, b) : (b, a)
        var dot = 0.0
        for (k, x) in small { if let y = large[k] { dot += x * y } }
        guard dot > 0 else { return 0 }
        let na = a.values.reduce(0) { $0 + $1 * $1 }.squareRoot(), nb = b.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return dot / (na * nb)
    }

    static func pair(_ index: CorpusIndex, _ l: Int, _ r: Int, _ pl: Passage, _ pr: Passage, _ s: Double) -> AlignedPair {
        let lt = text(index.documents[l], pl), rt = text(index.documents[r], pr)
        var lf = FigureExtractor.extract(lt), rf = FigureExtractor.extract(rt)
        // Figure ranges refer to the whole paragraph text (for marking them on screen).
        for k in lf.indices { lf[k].range = (lf[k].range.lowerBound + pl.range.lowerBound)..<(lf[k].range.upperBound + pl.range.lowerBound) }
        for k in rf.indices { rf[k].range = (rf[k].range.lowerBound + pr.range.lowerBound)..<(rf[k].range.upperBound + pr.range.lowerBound) }
        return AlignedPair(left: pl.paragraph, right: pr.paragraph, score: (s * 1000).rounded() / 1000,
                           figures: figurePairs(lf, rf), quoteMarks: quoteDifferences(lt, rt),
                           leftRange: pl.range, rightRange: pr.range)
    }

    /// Figures of the same kind on both sides: agreeing pairs, and for each kind with no
    /// agreement, the closest pair flagged as differing.
    static func figurePairs(_ left: [Figure], _ right: [Figure]) -> [FigurePair] {
        var out: [FigurePair] = []
        let l = left.filter { $0.unit != .count }, r = right.filter { $0.unit != .count }
        for f in l {
            let same = r.filter { $0.comparable(with: f) }
            guard !same.isEmpty else { continue }
            if let m = same.first(where: { $0.agrees(with: f) }) {
                out.append(FigurePair(left: f, right: m, agree: true))
            } else if f.unit != .calendarYear {
                let closest = same.min { abs($0.converted().low - f.converted().low) < abs($1.converted().low - f.converted().low) }!
                out.append(FigurePair(left: f, right: closest, agree: false))
            }
        }
        return out
    }

    /// Quoted phrases of one side that the other side contains without quotation marks.
    static func quoteDifferences(_ left: String, _ right: String) -> [QuoteDifference] {
        var out: [QuoteDifference] = []
        func check(_ from: String, _ to: String, _ side: QuoteDifference.Side) {
            let toTerms = Tokenizer.terms(to)
            let quotedThere = Set(QuoteExtractor.quotes(in: to, minWords: 2).map { Tokenizer.terms($0.text).joined(separator: " ") })
            for q in QuoteExtractor.quotes(in: from, minWords: 2) {
                let terms = Tokenizer.terms(q.text)
                let joined = terms.joined(separator: " ")
                if quotedThere.contains(where: { $0.contains(joined) || joined.contains($0) }) { continue }
                if CorpusIndex.containsPhrase(toTerms, terms) { out.append(QuoteDifference(quotedOn: side, text: q.text)) }
            }
        }
        check(left, right, .left)
        check(right, left, .right)
        return out
    }
}
