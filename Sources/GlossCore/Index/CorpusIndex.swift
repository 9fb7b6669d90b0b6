import Foundation

/// A paragraph of the corpus: document index and paragraph index.
public struct ParagraphRef: Hashable, Sendable, Comparable {
    public var doc: Int
    public var paragraph: Int
    public init(doc: Int, paragraph: Int) {
        self.doc = doc
        self.paragraph = paragraph
    }
    public static func < (a: ParagraphRef, b: ParagraphRef) -> Bool { (a.doc, a.paragraph) < (b.doc, b.paragraph) }
}

/// The in-memory index over a whole corpus: terms → paragraph postings (ranked with BM25),
/// figures with units and quoted phrases per paragraph. Built once at launch, documents in
/// parallel, one pass over each paragraph's UTF-8 bytes.
public final class CorpusIndex: @unchecked Sendable {
    public struct Posting: Sendable {
        public var paragraph: UInt32   // global paragraph id
        public var frequency: UInt32
    }

    public let documents: [Document]
    /// Global paragraph id of each document's first paragraph.
    public let paragraphBase: [Int]
    let termIDs: [String: Int32]
    let postings: [[Posting]]
    /// Token count of each global paragraph.
    let lengths: [UInt32]
    let averageLength: Double
    /// Figures per global paragraph (sparse).
    let figureTable: [Int: [Figure]]
    /// Quoted phrases per global paragraph (sparse).
    let quoteTable: [Int: [String]]

    public var paragraphCount: Int { lengths.count }
    public var termCount: Int { termIDs.count }

    /// Per-document partial index, built independently.
    struct Partial {
        var terms: [String] = []
        var postings: [[Posting]] = []   // paragraph ids local to the document
        var lengths: [UInt32] = []
        var figures: [(Int, [Figure])] = []
        var quotes: [(Int, [String])] = []
    }

    public init(documents: [Document]) {
        self.documents = documents
        var base: [Int] = []
        var total = 0
        for d in documents {
            base.append(total)
            total += d.paragraphs.count
        }
        paragraphBase = base
        let partials = parallelMap(count: documents.count) { i in CorpusIndex.indexDocument(documents[i]) }
        // Merge: intern terms globally, shift paragraph ids.
        var ids: [String: Int32] = [:]
        var merged: [[Posting]] = []
        var lengths: [UInt32] = []
        lengths.reserveCapacity(total)
        var figs: [Int: [Figure]] = [:]
        var quotes: [Int: [String]] = [:]
        for (d, p) in partials.enumerated() {
            let shift = UInt32(base[d])
            for (local, term) in p.terms.enumerated() {
                let id: Int32
                if let existing = ids[term] { id = existing } else {
                    id = Int32(merged.count)
                    ids[term] = id
                    merged.append([])
                }
                let list = p.postings[local]
                merged[Int(id)].reserveCapacity(merged[Int(id)].count + list.count)
                for var posting in list {
                    posting.paragraph += shift
                    merged[Int(id)].append(posting)
                }
            }
            lengths.append(contentsOf: p.lengths)
            for (k, f) in p.figures { figs[base[d] + k] = f }
            for (k, q) in p.quotes { quotes[base[d] + k] = q }
        }
        termIDs = ids
        postings = merged
        self.lengths = lengths
        averageLength = lengths.isEmpty ? 1 : max(1, Double(lengths.reduce(0) { $0 + Int($1) }) / Double(lengths.count))
        figureTable = figs
        quoteTable = quotes
    }

    static func indexDocument(_ doc: Document) -> Partial {
        var p = Partial()
        var local: [String: Int] = [:]
        var counts: [Int: UInt32] = [:]
        for (k, para) in doc.paragraphs.enumerated() {
            counts.removeAll(keepingCapacity: true)
            var length: UInt32 = 0
            Tokenizer.forEachToken(para.text) { term, _ in
                length += 1
                let key = String(decoding: term, as: UTF8.self)
                let id: Int
                if let e = local[key] { id = e } else {
                    id = p.terms.count
                    local[key] = id
                    p.terms.append(key)
                    p.postings.append([])
                }
                counts[id, default: 0] += 1
            }
            for compound in Tokenizer.compounds(para.text) {
                let id: Int
                if let e = local[compound] { id = e } else {
                    id = p.terms.count
                    local[compound] = id
                    p.terms.append(compound)
                    p.postings.append([])
                }
                counts[id, default: 0] += 1
            }
            for (id, c) in counts { p.postings[id].append(Posting(paragraph: UInt32(k), frequency: c)) }
            p.lengths.append(length)
            if para.text.utf8.contains(where: { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x24 }) || mayHaveNumberWords(para.text) {
                let f = FigureExtractor.extract(para.text)
                if !f.isEmpty { p.figures.append((k, f)) }
            }
            let q = QuoteExtractor.quotes(in: para.text)
            if !q.isEmpty { p.quotes.append((k, q.map(\.text))) }
        }
        // Postings were appended in paragraph order; they are already sorted.
        return p
    }

    static func mayHaveNumberWords(_ s: String) -> Bool {
        // Cheap prefilter for spelled-out numbers followed by a unit word.
        s.contains(" year") || s.contains(" month") || s.contains("percent") || s.contains(" times")
    }

    // MARK: - Lookup

    public func ref(global id: Int) -> ParagraphRef {
        var lo = 0, hi = paragraphBase.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if paragraphBase[mid] <= id { lo = mid } else { hi = mid - 1 }
        }
        // Skip documents without paragraphs that share the same base.
        while lo + 1 < paragraphBase.count && paragraphBase[lo + 1] <= id { lo += 1 }
        return ParagraphRef(doc: lo, paragraph: id - paragraphBase[lo])
    }

    public func global(_ ref: ParagraphRef) -> Int { paragraphBase[ref.doc] + ref.paragraph }

    public func paragraph(_ ref: ParagraphRef) -> Paragraph { documents[ref.doc].paragraphs[ref.paragraph] }

    public func figures(_ ref: ParagraphRef) -> [Figure] { figureTable[global(ref)] ?? [] }

    public func quotes(_ ref: ParagraphRef) -> [String] { quoteTable[global(ref)] ?? [] }

    /// Number of paragraphs containing the term (document frequency over paragraphs).
    public func frequency(of term: String) -> Int {
        guard let id = termIDs[term] else { return 0 }
        return postings[Int(id)].count
    }

    /// BM25 inverse document frequency of a term.
    public func idf(_ term: String) -> Double {
        let n = Double(max(1, paragraphCount))
        let df = Double(frequency(of: term))
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }
}
