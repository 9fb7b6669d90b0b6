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
    /// Postings of a run of documents, in compressed-row form over the global term ids known when
    /// the segment was built. Building in segments keeps only one segment's scratch in memory.
    struct Segment {
        /// Term `t`'s postings are at `offsets[t]..<offsets[t+1]` (for `t < offsets.count - 1`).
        var offsets: [UInt32]
        var paragraphs: [UInt32]   // global paragraph ids, sorted per term
        var frequencies: [UInt16]
    }

    public let documents: [Document]
    /// Global paragraph id of each document's first paragraph.
    public let paragraphBase: [Int]
    /// Every term of the corpus, by id.
    let terms: TermTable
    let segments: [Segment]
    /// Paragraphs containing each term.
    let documentFrequency: [Int32]
    /// Token count of each global paragraph.
    let lengths: [UInt32]
    let averageLength: Double
    /// Figures and quotes are found on demand (claims and comparison need few paragraphs').
    private var figureCache: [Int: [Figure]] = [:]
    private var quoteCache: [Int: [String]] = [:]
    private var titleTable: TitleTable?
    private let cacheLock = NSLock()

    /// The titles of chapters and headings, by word: built the first time titles are searched
    /// (a scan of every title took milliseconds a keystroke on a large library).
    struct TitleTable {
        var sections: [(doc: Int, section: Int)] = []
        var words: [String: [Int32]] = [:]
    }

    /// Builds the table of titles now (the reader does so after indexing, not at the first
    /// search's first keystroke).
    public func prepareTitles() { _ = titles }

    var titles: TitleTable {
        cacheLock.lock()
        defer { cacheLock.unlock() }
        if let t = titleTable { return t }
        var t = TitleTable()
        for (d, doc) in documents.enumerated() {
            for (s, sec) in doc.sections.enumerated() where sec.kind == .chapter || sec.kind == .heading {
                // (An article's first heading that only repeats its title is not shown as one.)
                guard !sec.title.isEmpty, !doc.isTitleAgain(section: s) else { continue }
                let n = Int32(t.sections.count)
                t.sections.append((d, s))
                for w in Set(Tokenizer.terms(sec.title)) { t.words[w, default: []].append(n) }
            }
        }
        titleTable = t
        return t
    }

    public var paragraphCount: Int { lengths.count }
    public var termCount: Int { terms.count }

    /// The id of a (folded) term.
    func termID(_ term: String) -> Int32? { terms.lookup(term) }

    /// The ways a word splits into two words the index has ("datacenter": "data" and "center"),
    /// the first part at least `first` letters long and the second three.
    func splitsIntoTerms(_ word: String, first: Int = 3) -> [(String, String)] {
        let chars = Array(word)
        guard chars.count >= first + 3 else { return [] }  // (letters, not bytes: "ééé" is six bytes)
        return (first...(chars.count - 3)).map { (String(chars[..<$0]), String(chars[$0...])) }
            .filter { termID($0.0) != nil && termID($0.1) != nil }
    }

    /// All terms with their ids (for building stem maps).
    func forEachTerm(_ body: (String, Int32) -> Void) {
        for id in 0..<terms.count { body(terms.term(id), Int32(id)) }
    }

    /// Per-document partial index, built independently: local term ids, and each local term's
    /// postings side by side (term `l`'s at `offsets[l]..<offsets[l+1]`, in paragraph order), so
    /// the merge copies runs instead of placing postings one by one. The buffers are the merge's
    /// to free.
    struct Partial {
        var table: DocumentTermTable
        var offsets: UnsafeBufferPointer<Int32>
        var paragraphs: UnsafeBufferPointer<UInt32>
        var frequencies: UnsafeBufferPointer<UInt16>
        var lengths: [UInt32] = []

        func free() {
            table.free()
            offsets.deallocate()
            paragraphs.deallocate()
            frequencies.deallocate()
        }
    }

    /// A local term's occurrences in one paragraph (one array of these, not three parallel
    /// arrays: one append per new posting).
    struct Posting {
        var term: Int32
        var paragraph: UInt32
        var frequency: UInt16
    }

    /// Source bytes per segment: bounds the scratch memory of a build.
    static let segmentBytes = 12 * 1_048_576

    public init(documents: [Document]) {
        self.documents = documents
        var base: [Int] = []
        var total = 0
        for d in documents {
            base.append(total)
            total += d.paragraphs.count
        }
        paragraphBase = base
        var ids = TermTable(capacity: 65_536)
        var df: [Int32] = []
        var segments: [Segment] = []
        var lengths: [UInt32] = []
        lengths.reserveCapacity(total)
        // Documents in runs of about `segmentBytes`; each run indexed in parallel, then merged
        // into the global tables while the next run is being indexed (the merge is serial).
        var runs: [Range<Int>] = []
        var start = 0
        while start < documents.count {
            var end = start, bytes = 0
            while end < documents.count && (end == start || bytes < CorpusIndex.segmentBytes) {
                bytes += max(documents[end].sourceBytes, documents[end].paragraphs.count * 64)
                end += 1
            }
            runs.append(start..<end)
            start = end
        }
        let folds = Tokenizer.FoldCache()
        func indexRun(_ r: Range<Int>) -> Background<[Partial]> {
            Background { parallelMap(count: r.count) { i in CorpusIndex.indexDocument(documents[r.lowerBound + i], folds: folds) } }
        }
        var next = runs.first.map(indexRun)
        for (k, run) in runs.enumerated() {
            let partials = next!.value()
            next = k + 1 < runs.count ? indexRun(runs[k + 1]) : nil
            let first = run.lowerBound
            // Global term ids: only each document's distinct terms are hashed as Strings.
            var maps: [[Int32]] = []
            var counts = [Int](repeating: 0, count: df.count)
            for p in partials {
                var map = [Int32](repeating: 0, count: p.table.count)
                for local in 0..<p.table.count {
                    let g = ids.id(of: local, in: p.table)
                    if Int(g) == df.count {
                        df.append(0)
                        counts.append(0)
                    }
                    map[local] = g
                }
                for local in 0..<p.table.count { counts[Int(map[local])] += Int(p.offsets[local + 1] - p.offsets[local]) }
                maps.append(map)
            }
            var offsets = [UInt32](repeating: 0, count: counts.count + 1)
            for i in counts.indices {
                offsets[i + 1] = offsets[i] + UInt32(counts[i])
                df[i] += Int32(counts[i])
            }
            var cursor = offsets
            // Every slot is written exactly once below (the counts above are the postings), so
            // the arrays are not zeroed first.
            let total = Int(offsets.last ?? 0)
            var paragraphs: [UInt32] = [], frequencies: [UInt16] = []
            paragraphs = Array(unsafeUninitializedCapacity: total) { para, paraCount in
                frequencies = Array(unsafeUninitializedCapacity: total) { freq, freqCount in
                    for (k, p) in partials.enumerated() {
                        let shift = UInt32(base[first + k])
                        let map = maps[k]
                        for local in 0..<p.table.count {
                            let g = Int(map[local])
                            let lo = Int(p.offsets[local]), n = Int(p.offsets[local + 1]) - lo
                            let c = Int(cursor[g])
                            for j in 0..<n {
                                para[c + j] = p.paragraphs[lo + j] + shift
                                freq[c + j] = p.frequencies[lo + j]
                            }
                            cursor[g] += UInt32(n)
                        }
                    }
                    freqCount = total
                }
                paraCount = total
            }
            for p in partials {
                p.free()
                lengths.append(contentsOf: p.lengths)
            }
            segments.append(Segment(offsets: offsets, paragraphs: paragraphs, frequencies: frequencies))
        }
        terms = ids
        self.segments = segments
        documentFrequency = df
        self.lengths = lengths
        averageLength = lengths.isEmpty ? 1 : max(1, Double(lengths.reduce(0) { $0 + Int($1) }) / Double(lengths.count))
    }

    /// Calls `body` with each run of a term's postings (paragraph ids and frequencies), in
    /// paragraph order.
    @inline(__always)
    func forEachPostingRun(_ id: Int32, _ body: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<UInt16>) -> Void) {
        let t = Int(id)
        for seg in segments where t + 1 < seg.offsets.count {
            let lo = Int(seg.offsets[t]), hi = Int(seg.offsets[t + 1])
            guard hi > lo else { continue }
            seg.paragraphs.withUnsafeBufferPointer { p in
                seg.frequencies.withUnsafeBufferPointer { f in
                    body(UnsafeBufferPointer(rebasing: p[lo..<hi]), UnsafeBufferPointer(rebasing: f[lo..<hi]))
                }
            }
        }
    }

    /// Paragraphs containing a term id.
    func postingCount(_ id: Int32) -> Int { Int(documentFrequency[Int(id)]) }

    /// One pass over each paragraph's UTF-8 bytes: tokens interned, frequencies counted per
    /// paragraph, hyphenated compounds ("pre-training") indexed as one word as well.
    static func indexDocument(_ doc: Document, folds: Tokenizer.FoldCache = Tokenizer.FoldCache()) -> Partial {
        var builder = PartialBuilder(capacity: max(256, doc.sourceBytes / 40), folds: folds)
        builder.lengths.reserveCapacity(doc.paragraphs.count)
        // One term buffer for the whole document (grown for a longer paragraph).
        var scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 4096)
        scratch.initialize(repeating: 0)
        defer { scratch.deallocate() }
        for k in doc.paragraphs.indices {
            builder.paragraph = UInt32(k)
            builder.paragraphStart = Int32(builder.postings.count)
            builder.length = 0
            var text = doc.paragraphs[k].text
            text.withUTF8 { bytes in
                builder.bytes = bytes
                builder.endCompound()
                if scratch.count < bytes.count {
                    scratch.deallocate()
                    scratch = .allocate(capacity: max(bytes.count, 2 * scratch.count))
                    scratch.initialize(repeating: 0)
                }
                Tokenizer.scan(bytes, into: &builder, scratch: scratch)
            }
            builder.lengths.append(builder.length)
        }
        // Postings grouped by term (a counting sort, stable: each term's stay in paragraph
        // order), while they are still in this core's cache.
        let postings = builder.postings.handOver()
        defer { postings.deallocate() }
        let terms = builder.table.count
        let offsets = UnsafeMutableBufferPointer<Int32>.allocate(capacity: terms + 1)
        offsets.initialize(repeating: 0)
        for p in postings { offsets[Int(p.term) + 1] &+= 1 }
        for t in 0..<terms { offsets[t + 1] &+= offsets[t] }
        let paragraphs = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: max(1, postings.count))
        let frequencies = UnsafeMutableBufferPointer<UInt16>.allocate(capacity: max(1, postings.count))
        let cursor = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, terms))
        defer { cursor.deallocate() }
        for t in 0..<terms { cursor[t] = offsets[t] }
        for p in postings {
            let c = Int(cursor[Int(p.term)])
            paragraphs[c] = p.paragraph
            frequencies[c] = p.frequency
            cursor[Int(p.term)] = Int32(c + 1)
        }
        return Partial(table: builder.table, offsets: UnsafeBufferPointer(offsets), paragraphs: UnsafeBufferPointer(paragraphs),
                       frequencies: UnsafeBufferPointer(frequencies), lengths: builder.lengths)
    }

    /// A growable buffer of plain values that one builder owns alone: appends and writes without
    /// the uniqueness check an Array makes on every mutation (several per token here). Freed by
    /// its owner.
    struct OwnedBuffer<T: BitwiseCopyable> {
        private(set) var base: UnsafeMutablePointer<T>
        private(set) var count = 0
        private var capacity: Int

        init(capacity: Int) {
            self.capacity = max(16, capacity)
            base = .allocate(capacity: self.capacity)
        }

        @inline(__always) mutating func append(_ value: T) {
            if count == capacity {
                let bigger = UnsafeMutablePointer<T>.allocate(capacity: capacity * 2)
                bigger.update(from: base, count: count)
                base.deallocate()
                base = bigger
                capacity *= 2
            }
            (base + count).initialize(to: value)
            count += 1
        }

        @inline(__always) subscript(i: Int) -> T {
            get { base[i] }
            nonmutating set { base[i] = newValue }
        }

        /// The values, for the new owner to deallocate.
        func handOver() -> UnsafeBufferPointer<T> { UnsafeBufferPointer(start: base, count: count) }
        func free() { base.deallocate() }
    }

    /// Collects one document's postings as the tokenizer streams tokens.
    struct PartialBuilder: TokenSink {
        /// Each term's slot also holds the place of its last posting: the term is already counted
        /// in this paragraph when that place is at or after `paragraphStart` (postings are
        /// appended in paragraph order), which needs nothing but what the lookup already read.
        var table: DocumentTermTable
        var lengths: [UInt32] = []
        var postings: OwnedBuffer<Posting>
        var paragraphStart: Int32 = 0
        var paragraph: UInt32 = 0
        var length: UInt32 = 0
        var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        var compound: [UInt8] = []
        var inCompound = false
        var compoundHasLetter = false
        let folds: Tokenizer.FoldCache

        func fold(_ word: String) -> String { folds.fold(word) }

        init(capacity: Int, folds: Tokenizer.FoldCache) {
            self.folds = folds
            // The term table starts small and grows: a document has a few thousand distinct
            // terms, and a table sized by its bytes is mostly empty slots spread over more cache.
            table = DocumentTermTable(capacity: min(capacity, 2048))
            // Raw buffers: allocated here once (a default value would be replaced and leak).
            postings = OwnedBuffer<Posting>(capacity: capacity * 4)
            compound.reserveCapacity(64)
        }

        @inline(__always)
        mutating func count(_ s: UnsafeMutablePointer<DocumentTermTable.Slot>) {
            let last = s.pointee.lastPosting
            if last >= paragraphStart {
                if postings[Int(last)].frequency < UInt16.max { postings[Int(last)].frequency += 1 }
            } else {
                s.pointee.lastPosting = Int32(postings.count)
                postings.append(Posting(term: s.pointee.id, paragraph: paragraph, frequency: 1))
            }
        }

        @inline(__always)
        mutating func token(_ term: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            length += 1
            count(table.slot(of: term))
            compounds(term, range)
        }

        @inline(__always)
        mutating func token(padded term: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            length += 1
            count(table.slot(ofPadded: term))
            compounds(term, range)
        }

        @inline(__always)
        mutating func compounds(_ term: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            // Compounds: only tokens joined by a hyphen touch the buffer.
            // (`inCompound` mirrors `!compound.isEmpty`: the array's count is a call here.)
            let followedByHyphen = range.upperBound + 1 < bytes.count && bytes[range.upperBound] == 0x2D
            let afterHyphen = inCompound && range.lowerBound >= 1 && bytes[range.lowerBound - 1] == 0x2D
            if afterHyphen {
                compound.append(contentsOf: term)
                if !compoundHasLetter { compoundHasLetter = term.contains { $0 > 0x39 } }
                // (Numbers joined by hyphens are a range or a date, "1-3" not the number 13.)
                if compound.count <= 40 && compoundHasLetter {
                    let s = compound.withUnsafeBufferPointer { table.slot(of: $0) }
                    count(s)
                }
                if !followedByHyphen { endCompound() }
            } else if followedByHyphen {
                compound.removeAll(keepingCapacity: true)
                compound.append(contentsOf: term)
                compoundHasLetter = term.contains { $0 > 0x39 }
                inCompound = !term.isEmpty
            } else if inCompound {
                endCompound()
            }
        }

        mutating func endCompound() {
            compound.removeAll(keepingCapacity: true)
            inCompound = false
        }
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

    /// Figures of a paragraph (found on first use, then cached).
    public func figures(_ ref: ParagraphRef) -> [Figure] {
        let g = global(ref)
        cacheLock.lock()
        if let f = figureCache[g] { cacheLock.unlock(); return f }
        cacheLock.unlock()
        let f = FigureExtractor.extract(paragraph(ref).text)
        cacheLock.lock()
        figureCache[g] = f
        cacheLock.unlock()
        return f
    }

    /// Quoted phrases of a paragraph (found on first use, then cached).
    public func quotes(_ ref: ParagraphRef) -> [String] {
        let g = global(ref)
        cacheLock.lock()
        if let q = quoteCache[g] { cacheLock.unlock(); return q }
        cacheLock.unlock()
        let q = QuoteExtractor.quotes(in: paragraph(ref).text).map(\.text)
        cacheLock.lock()
        quoteCache[g] = q
        cacheLock.unlock()
        return q
    }

    /// Number of paragraphs containing the term (document frequency over paragraphs).
    public func frequency(of term: String) -> Int {
        guard let id = termID(term) else { return 0 }
        return postingCount(id)
    }

    /// BM25 inverse document frequency of a term.
    public func idf(_ term: String) -> Double { idf(documentFrequency: frequency(of: term)) }

    func idf(documentFrequency df: Int) -> Double {
        let n = Double(max(1, paragraphCount))
        let df = Double(df)
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }
}
