import Foundation

/// One row of a side-by-side comparison: a passage of each document (or a gap), their
/// similarity, figure differences, and quotes one side marks and the other does not.
public struct AlignedPair: Sendable, Equatable {
    public var left: Int?
    public var right: Int?
    public var score: Double
    public var figures: [FigurePair]
    /// Phrases quoted on one side and written without quotation marks on the other.
    public var quoteMarks: [QuoteDifference]
    /// For a passage without a partner in place: the row where its best match sits instead.
    public var movedTo: Int?

    public var isDifference: Bool {
        left == nil || right == nil || figures.contains { !$0.agree } || !quoteMarks.isEmpty
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
    public static let threshold = 0.16
    /// Band half-width for long documents (transcript vs transcript aligns near the diagonal).
    public static let band = 150

    public static func align(_ index: CorpusIndex, left: Int, right: Int) -> [AlignedPair] {
        let a = passages(index.documents[left]), b = passages(index.documents[right])
        let va = a.map { vector(index, index.documents[left].paragraphs[$0].text) }
        let vb = b.map { vector(index, index.documents[right].paragraphs[$0].text) }
        let n = a.count, m = b.count
        if n == 0 || m == 0 {
            return a.map { AlignedPair(left: $0, right: nil, score: 0, figures: [], quoteMarks: []) }
                + b.map { AlignedPair(left: nil, right: $0, score: 0, figures: [], quoteMarks: []) }
        }
        let banded = n * m > 4_000_000
        func inBand(_ i: Int, _ j: Int) -> Bool {
            !banded || abs(Double(i) / Double(n) * Double(m) - Double(j)) <= Double(band)
        }
        // Similarities (sparse).
        var sim: [Int: Double] = [:]
        func key(_ i: Int, _ j: Int) -> Int { i * (m + 1) + j }
        for i in 0..<n {
            let lo = banded ? max(0, Int(Double(i) / Double(n) * Double(m)) - band) : 0
            let hi = banded ? min(m, Int(Double(i) / Double(n) * Double(m)) + band + 1) : m
            guard lo < hi else { continue }
            for j in lo..<hi {
                let s = cosine(va[i], vb[j])
                if s >= threshold { sim[key(i, j)] = s }
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
                    best = score[i - 1][j - 1] + s; mv = 1
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
                rows.append(AlignedPair(left: a[i - 1], right: nil, score: 0, figures: [], quoteMarks: []))
                i -= 1
            default:
                rows.append(AlignedPair(left: nil, right: b[j - 1], score: 0, figures: [], quoteMarks: []))
                j -= 1
            }
        }
        rows.reverse()
        // Unpaired passages that match each other out of order are moved, not lost.
        let lonelyLeft = rows.indices.filter { rows[$0].right == nil }
        let lonelyRight = rows.indices.filter { rows[$0].left == nil }
        if !lonelyLeft.isEmpty && !lonelyRight.isEmpty && lonelyLeft.count * lonelyRight.count < 250_000 {
            let pos = Dictionary(uniqueKeysWithValues: a.enumerated().map { ($1, $0) })
            let posB = Dictionary(uniqueKeysWithValues: b.enumerated().map { ($1, $0) })
            for li in lonelyLeft {
                let ia = pos[rows[li].left!]!
                var best: (Int, Double)?
                for ri in lonelyRight {
                    let jb = posB[rows[ri].right!]!
                    let s = cosine(va[ia], vb[jb])
                    if s >= threshold * 1.5, best == nil || s > best!.1 { best = (ri, s) }
                }
                if let (ri, s) = best, rows[ri].movedTo == nil {
                    rows[li].movedTo = ri
                    rows[ri].movedTo = li
                    rows[li].score = s
                    rows[ri].score = s
                }
            }
        }
        return rows
    }

    /// Passages: paragraphs with some words (headings are sections, not passages).
    static func passages(_ doc: Document) -> [Int] {
        doc.paragraphs.indices.filter { TextTools.wordCount(doc.paragraphs[$0].text) >= 3 }
    }

    /// tf-idf weights of content terms (stemmed).
    static func vector(_ index: CorpusIndex, _ text: String) -> [String: Double] {
        var v: [String: Double] = [:]
        for t in Tokenizer.terms(text) where !SearchQuery.stopWords.contains(t) && t.count > 1 {
            v[Stemmer.stem(t), default: 0] += index.idf(t)
        }
        return v
    }

    static func cosine(_ a: [String: Double], _ b: [String: Double]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let (small, large) = a.count < b.count ? (a, b) : (b, a)
        var dot = 0.0
        for (k, x) in small { if let y = large[k] { dot += x * y } }
        guard dot > 0 else { return 0 }
        let na = a.values.reduce(0) { $0 + $1 * $1 }.squareRoot(), nb = b.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return dot / (na * nb)
    }

    static func pair(_ index: CorpusIndex, _ l: Int, _ r: Int, _ pl: Int, _ pr: Int, _ s: Double) -> AlignedPair {
        let lt = index.documents[l].paragraphs[pl].text, rt = index.documents[r].paragraphs[pr].text
        return AlignedPair(left: pl, right: pr, score: (s * 1000).rounded() / 1000,
                           figures: figurePairs(FigureExtractor.extract(lt), FigureExtractor.extract(rt)),
                           quoteMarks: quoteDifferences(lt, rt))
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
