import Foundation

/// One episode in several files: copies found among the transcripts of a corpus, and caption
/// text without timings timed by its copy with them.
extension Document {
    /// Transcripts that are copies of one episode (two Whisper models, a file in two formats):
    /// the same length to half a percent, at least ten minutes, and the same words in their first
    /// paragraphs (half of them or more); or caption text without times (`untimedCopies`). Maps
    /// each copy to the first of its group.
    public static func copiesOfEpisodes(_ docs: [Document], transcripts: [Int]) -> [Int: Int] {
        let timed = timedByLength(docs, transcripts)
        var rep: [Int: Int] = [:]
        var openings: [Int: Set<String>] = [:]
        for (i, (a, ta)) in timed.enumerated() {
            for (b, tb) in timed[(i + 1)...] {
                guard tb - ta <= tb * 0.005 else { break }
                guard rep[b] == nil else { continue }
                let wa = openings[a] ?? opening(docs[a]), wb = openings[b] ?? opening(docs[b])
                openings[a] = wa
                openings[b] = wb
                let shared = wa.intersection(wb).count
                if shared >= 10, shared * 2 >= wa.count + wb.count - shared { rep[b] = rep[a] ?? a }
            }
        }
        for (u, t) in untimedCopies(docs, transcripts: transcripts) { rep[u] = rep[t] ?? t }
        return rep
    }

    /// Transcripts without times (caption text) that are copies of a timed one, each mapped to
    /// the first (by length) with as many words to one percent and the same opening. (Text of
    /// about the same size first, then the openings: counting a transcript's words reads all of it.)
    static func untimedCopies(_ docs: [Document], transcripts: [Int]) -> [Int: Int] {
        let untimed = transcripts.filter { docs[$0].metadata.duration == nil && !docs[$0].paragraphs.isEmpty }
        guard !untimed.isEmpty else { return [:] }
        let timed = timedByLength(docs, transcripts)
        func bytes(_ d: Int) -> Int { docs[d].paragraphs.reduce(0) { $0 + $1.text.utf8.count } }
        func words(_ d: Int) -> Int { docs[d].paragraphs.reduce(0) { $0 + TextTools.wordCount($1.text) } }
        let timedBytes = timed.map { bytes($0.doc) }
        var openings: [Int: Set<String>] = [:]
        var out: [Int: Int] = [:]
        for u in untimed {
            let size = bytes(u)
            let near = timed.indices.filter { abs(timedBytes[$0] - size) * 10 <= max(timedBytes[$0], size) }
            guard !near.isEmpty else { continue }
            let wu = opening(docs[u])
            guard wu.count >= 10 else { continue }
            // (Its own words counted once, when an opening first matches.)
            var n: Int?
            for k in near {
                let t = timed[k].doc
                let wt = openings[t] ?? opening(docs[t])
                openings[t] = wt
                let shared = wt.intersection(wu).count
                guard shared >= 10, shared * 2 >= wt.count + wu.count - shared else { continue }
                let count = n ?? words(u)
                n = count
                guard count >= 1000 else { break }
                let m = words(t)
                if abs(m - count) * 100 <= max(m, count) { out[u] = t; break }
            }
        }
        return out
    }

    /// Transcripts of ten minutes or more, shortest first.
    static func timedByLength(_ docs: [Document], _ transcripts: [Int]) -> [(doc: Int, length: Double)] {
        transcripts.compactMap { d -> (Int, Double)? in
            guard let t = docs[d].metadata.duration, t >= 600 else { return nil }
            return (d, t)
        }.sorted { $0.1 < $1.1 }
    }

    /// The content words of a transcript's first three paragraphs.
    static func opening(_ doc: Document) -> Set<String> {
        Set(doc.paragraphs.prefix(3).flatMap { ClaimChecker.content(Tokenizer.terms($0.text)) })
    }

    /// Caption text without timings that is a copy of a timed transcript (`copiesOfEpisodes`)
    /// takes its times from it (`borrowTimes`): Lex Fridman #333's caption text, estimated from
    /// word counts, put at ≈1:10:07 what its SRT says at 59:55.
    public static func timeUntimedCopies(_ docs: inout [Document]) {
        let transcripts = docs.indices.filter { docs[$0].kind == .transcript }
        guard transcripts.contains(where: { docs[$0].metadata.duration == nil }) else { return }
        // (A text with sections starting later would keep their estimated starts: only one
        // starting at 0, as caption text has.)
        for (copy, original) in untimedCopies(docs, transcripts: transcripts).sorted(by: { $0.key < $1.key })
        where docs[copy].sections.allSatisfy({ ($0.start ?? 0) == 0 }) {
            docs[copy].borrowTimes(from: docs[original])
        }
    }

    /// Each paragraph's time as the time `original` (the same words, timed) reached as far into
    /// its words, the two word counts scaled to each other, between the times of its paragraphs
    /// (still marked estimated).
    public mutating func borrowTimes(from original: Document) {
        let counts = paragraphs.map { TextTools.wordCount($0.text) }
        let total = counts.reduce(0, +)
        // Where each of the original's timed paragraphs starts, in words, and its time; its end last.
        var anchors: [(words: Double, time: Double)] = []
        var w = 0
        for p in original.paragraphs {
            if let t = p.time, t >= (anchors.last?.time ?? 0) { anchors.append((Double(w), t)) }
            w += TextTools.wordCount(p.text)
        }
        guard total > 0, w > 0, !anchors.isEmpty else { return }
        if let end = original.metadata.duration, end >= anchors[anchors.count - 1].time { anchors.append((Double(w), end)) }
        let scale = Double(w) / Double(total)
        var k = 0, at = 0
        for i in paragraphs.indices {
            let x = Double(at) * scale
            while k + 1 < anchors.count, anchors[k + 1].words <= x { k += 1 }
            let a = anchors[k], b = anchors[min(k + 1, anchors.count - 1)]
            let t = b.words > a.words ? a.time + (x - a.words) / (b.words - a.words) * (b.time - a.time) : a.time
            paragraphs[i].time = min(max(t, a.time), b.time)
            paragraphs[i].estimated = true
            at += counts[i]
        }
        let name = original.metadata.title ?? Document.title(fromFileName: original.path)
        warnings.removeAll { $0 == Document.untimedCaptionWarning }
        warnings.append("times (≈) taken word for word from its timed copy, \(name)")
        for k in sections.indices where sections[k].title == Document.untimedCaptionSection {
            sections[k].title = "Transcript (caption text, timed by its copy)"
        }
    }

    /// What caption text without timings says of its times, and calls its one section, until a
    /// timed copy gives it times.
    static let untimedCaptionWarning = "caption text without timings: times are estimated from word counts"
    static let untimedCaptionSection = "Transcript (caption text, no timings)"
}
