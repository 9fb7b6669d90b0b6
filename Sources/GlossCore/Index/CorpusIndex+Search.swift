import Foundation

/// A ranked search result.
public struct SearchHit: Sendable, Equatable {
    public var ref: ParagraphRef
    public var score: Double
}

/// A parsed search query: free terms and quoted phrases.
public struct SearchQuery: Sendable, Equatable {
    public var terms: [String]
    public var phrases: [[String]]

    /// Very common words that don't need to be present for an AND match.
    public static let stopWords: Set<String> = [
        "a", "an", "the", "of", "to", "in", "on", "and", "or", "is", "are", "was", "it", "that", "this", "for",
        "with", "as", "at", "by", "be", "we", "i", "you", "he", "she", "they", "from", "but", "not", "so",
        "do", "does", "what", "about", "have", "has", "his", "her", "its", "our", "their", "them", "there",
        "which", "who", "will", "would", "can", "could", "if", "than", "then", "these", "those", "into", "just",
        "like", "all", "one", "been", "were", "my", "me", "your", "how", "why", "when", "where", "also", "very",
    ]

    public init(_ text: String) {
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
        terms = Tokenizer.terms(rest)
        self.terms = terms
        self.phrases = phrases
    }

    /// Every term the query names.
    public var allTerms: [String] { terms + phrases.flatMap { $0 } }
    public var isEmpty: Bool { terms.isEmpty && phrases.isEmpty }
}

extension CorpusIndex {
    static let k1 = 1.2
    static let b = 0.75

    /// Ranked paragraphs for a query. Quoted phrases must occur; other terms are required when
    /// they are not stop words (falling back to any-term ranking when nothing has them all);
    /// paragraphs where the whole query occurs as a phrase rank first.
    public func search(_ text: String, limit: Int = 50, documents filter: Set<Int>? = nil) -> [SearchHit] {
        let q = SearchQuery(text)
        return search(q, limit: limit, documents: filter)
    }

    /// - Parameter requireAll: when false, paragraphs with any of the terms rank ("more like this").
    public func search(_ q: SearchQuery, limit: Int = 50, documents filter: Set<Int>? = nil, requireAll: Bool = true) -> [SearchHit] {
        guard !q.isEmpty else { return [] }
        let unique = Array(Set(q.allTerms))
        var required = Set(q.phrases.flatMap { $0 })
        let content = q.terms.filter { !SearchQuery.stopWords.contains($0) }
        let strict = required.union(content.isEmpty ? Set(q.terms) : Set(content))
        required = strict
        // Accumulate BM25 scores and which required terms each paragraph has.
        var scores: [Int: Double] = [:]
        var matched: [Int: Int] = [:]
        for term in unique {
            guard let id = termIDs[term] else {
                if required.contains(term) && !q.phrases.isEmpty { return [] }
                continue
            }
            let list = postings[Int(id)]
            let idf = self.idf(term)
            let isRequired = required.contains(term)
            for p in list {
                let g = Int(p.paragraph)
                if let filter, !filter.contains(ref(global: g).doc) { continue }
                let tf = Double(p.frequency)
                let len = Double(lengths[g])
                let s = idf * tf * (CorpusIndex.k1 + 1) / (tf + CorpusIndex.k1 * (1 - CorpusIndex.b + CorpusIndex.b * len / averageLength))
                scores[g, default: 0] += s
                if isRequired { matched[g, default: 0] += 1 }
            }
        }
        let requiredCount = required.count
        var candidates = requireAll ? scores.filter { matched[$0.key, default: 0] >= requiredCount } : scores
        if candidates.isEmpty && q.phrases.isEmpty { candidates = scores }
        // Phrases must occur in order; the whole query as a phrase earns a bonus.
        let wholePhrase = q.phrases.isEmpty && q.terms.count > 1 ? q.terms : nil
        var result: [SearchHit] = []
        result.reserveCapacity(candidates.count)
        for (g, s) in candidates {
            var score = s
            if !q.phrases.isEmpty || wholePhrase != nil {
                let r = ref(global: g)
                let tokens = Tokenizer.terms(paragraph(r).text)
                if !q.phrases.allSatisfy({ CorpusIndex.containsPhrase(tokens, $0) }) { continue }
                if let w = wholePhrase, CorpusIndex.containsPhrase(tokens, w) { score *= 2 }
            }
            result.append(SearchHit(ref: ref(global: g), score: score))
        }
        result.sort { $0.score > $1.score || ($0.score == $1.score && $0.ref < $1.ref) }
        return Array(result.prefix(limit))
    }

    static func containsPhrase(_ tokens: [String], _ phrase: [String]) -> Bool {
        guard !phrase.isEmpty, tokens.count >= phrase.count else { return false }
        outer: for i in 0...(tokens.count - phrase.count) {
            for k in phrase.indices where tokens[i + k] != phrase[k] { continue outer }
            return true
        }
        return false
    }

    /// Byte ranges in `text` of tokens that match the query's terms (for highlighting).
    public static func matchRanges(in text: String, query: SearchQuery) -> [Range<Int>] {
        let wanted = Set(query.allTerms)
        guard !wanted.isEmpty else { return [] }
        return Tokenizer.tokens(text).filter { wanted.contains($0.term) }.map(\.range)
    }

    /// A short excerpt around the first match: about `width` characters, on word boundaries.
    public static func excerpt(_ text: String, query: SearchQuery?, width: Int = 160) -> String {
        let bytes = Array(text.utf8)
        var center = 0
        if let q = query, let first = matchRanges(in: text, query: q).first { center = first.lowerBound }
        if bytes.count <= width * 2 { return text }
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
