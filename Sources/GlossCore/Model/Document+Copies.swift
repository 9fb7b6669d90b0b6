import Foundation

/// One episode in several files: copies found among the transcripts of a corpus, and caption
/// text without timings timed by its copy with them.
extension Document {
    /// Transcripts that are copies of one episode (two Whisper models, a file in two formats):
    /// the same length to half a percent, at least ten minutes, and the same words in their first
    /// paragraphs (half of them or more); or caption text without times with as many words as a
    /// timed transcript (to one percent) and its opening. Maps each copy to the first of its group.
    static func copiesOfEpisodes(_ docs: [Document], transcripts: [Int]) -> [Int: Int] {
        let timed = transcripts.compactMap { d -> (Int, Double)? in
            guard let t = docs[d].metadata.duration, t >= 600 else { return nil }
            return (d, t)
        }.sorted { $0.1 < $1.1 }
        func opening(_ d: Int) -> Set<String> {
            Set(docs[d].paragraphs.prefix(3).flatMap { ClaimChecker.content(Tokenizer.terms($0.text)) })
        }
        var rep: [Int: Int] = [:]
        var openings: [Int: Set<String>] = [:]
        for (i, (a, ta)) in timed.enumerated() {
            for (b, tb) in timed[(i + 1)...] {
                guard tb - ta <= tb * 0.005 else { break }
                guard rep[b] == nil else { continue }
                let wa = openings[a] ?? opening(a), wb = openings[b] ?? opening(b)
                openings[a] = wa
                openings[b] = wb
                let shared = wa.intersection(wb).count
                if shared >= 10, shared * 2 >= wa.union(wb).count { rep[b] = rep[a] ?? a }
            }
        }
        // A transcript without times (caption text) is a copy of a timed one with as many words
        // to one percent and the same opening.
        let untimed = transcripts.filter { docs[$0].metadata.duration == nil && !docs[$0].paragraphs.isEmpty }
        if !untimed.isEmpty {
            func words(_ d: Int) -> Int { docs[d].paragraphs.reduce(0) { $0 + TextTools.wordCount($1.text) } }
            for u in untimed {
                let wb = opening(u)
                guard wb.count >= 10 else { continue }
                let n = words(u)
                guard n >= 1000 else { continue }
                // (The openings first: counting a transcript's words reads all of it.)
                for (t, _) in timed {
                    let wa = openings[t] ?? opening(t)
                    openings[t] = wa
                    let shared = wa.intersection(wb).count
                    guard shared >= 10, shared * 2 >= wa.union(wb).count else { continue }
                    let m = words(t)
                    if abs(m - n) * 100 <= max(m, n) { rep[u] = rep[t] ?? t; break }
                }
            }
        }
        return rep
    }

    /// Caption text without timings that is a copy of a timed transcript (`copiesOfEpisodes`)
    /// takes its times from it (`borrowTimes`): Lex Fridman #333's caption text, estimated from
    /// word counts, put at ≈1:10:07 what its SRT says at 59:55.
    public static func timeUntimedCopies(_ docs: inout [Document]) {
        let transcripts = docs.indices.filter { docs[$0].kind == .transcript }
        guard transcripts.contains(where: { docs[$0].metadata.duration == nil }) else { return }
        for (copy, original) in copiesOfEpisodes(docs, transcripts: transcripts).sorted(by: { $0.key < $1.key })
        where docs[copy].metadata.duration == nil && docs[original].metadata.duration != nil
            // (Its sections' starts would be left estimated: only one starting at 0, as caption text has.)
            && docs[copy].sections.allSatisfy({ ($0.start ?? 0) == 0 }) {
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
