import Foundation

/// Fills in paragraph times that the source does not state, by interpolating word counts between
/// known times (stamped paragraphs and chapter starts). Estimated times are flagged.
public enum TimeEstimation {
    /// Typical speech rate, words per second, when a document gives nothing better.
    public static let defaultWordsPerSecond = 2.6

    /// - Parameters:
    ///   - paragraphs: paragraphs in reading order; those with `time != nil && !estimated` are anchors.
    ///   - sectionStarts: for each section, its start time if known; the first paragraph of a
    ///     section with a known start is anchored there, and times are kept inside the section.
    public static func fill(_ all: inout [Paragraph], sections: [Section]) {
        // Only timed parts of a document (chapters, windows) get times; summaries and headings don't.
        let timed = all.indices.filter { i in
            guard let s = sections[safe: all[i].section] else { return false }
            return s.kind == .chapter || s.kind == .window
        }
        guard !timed.isEmpty else { return }
        // Nothing to estimate when every paragraph has its own time (cue formats, stamped turns).
        if timed.allSatisfy({ all[$0].time != nil && !all[$0].estimated }) { return }
        // Works in place: `timed[k]` is the k-th timed paragraph of `all`.
        var firstOfSection: [Int: Int] = [:]
        for (k, i) in timed.enumerated() where firstOfSection[all[i].section] == nil { firstOfSection[all[i].section] = k }
        fillTimed(&all, timed, sections: sections, firstOfSection: firstOfSection)
    }

    static func fillTimed(_ all: inout [Paragraph], _ order: [Int], sections: [Section], firstOfSection: [Int: Int]) {
        var cumulative: [Double] = []
        cumulative.reserveCapacity(order.count + 1)
        var w = 0.0
        for i in order {
            cumulative.append(w)
            w += Double(max(1, TextTools.wordCount(all[i].text)))
        }
        // Anchors: (word position, time).
        var anchors: [(Double, Double)] = []
        for (k, i) in order.enumerated() {
            if let t = all[i].time, !all[i].estimated {
                anchors.append((cumulative[k], t))
            } else if let s = sections[safe: all[i].section], let start = s.start, firstOfSection[all[i].section] == k {
                anchors.append((cumulative[k], start))
            }
        }
        anchors.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        // The times that transcription services leave in the text ("[inaudible 00:00:42]",
        // "\[unintelligible 00:03:18.16\]") say when those words were said: anchors too, where
        // they agree with the stated times around them and with one another.
        var marks: [(Double, Double)] = []
        var f = 0
        for (k, i) in order.enumerated() where all[i].time == nil || all[i].estimated {
            for m in inlineMarks(all[i].text) {
                let pos = cumulative[k] + Double(m.words)
                while f < anchors.count && anchors[f].0 <= pos { f += 1 }
                let before = max(f > 0 ? anchors[f - 1].1 : 0, marks.last?.1 ?? 0)
                let after = f < anchors.count ? anchors[f].1 : .infinity
                if m.time >= before && m.time <= after { marks.append((pos, m.time)) }
            }
        }
        // Recordings start at zero: without a stated time for the first paragraph, anchor it
        // there, unless a time left in its words comes first (the talk may start after an
        // introduction: the words before that time are counted back from it).
        let first = order[0]
        let markFirst = marks.first.map { m in anchors.first.map { m.0 < $0.0 } ?? true } ?? false
        if !markFirst && !anchors.contains(where: { $0.0 == 0 }) && (all[first].time == nil || all[first].estimated) {
            let firstStart = sections[safe: all[first].section]?.start ?? 0
            if anchors.allSatisfy({ $0.1 >= firstStart }) { anchors.append((0, firstStart)) }
        }
        anchors += marks
        anchors.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        guard !anchors.isEmpty else { return }
        let rate = observedRate(anchors) ?? defaultWordsPerSecond
        var a = 0
        for (k, i) in order.enumerated() {
            if let _ = all[i].time, !all[i].estimated { continue }
            let pos = cumulative[k]
            while a + 1 < anchors.count && anchors[a + 1].0 <= pos { a += 1 }
            let t: Double
            if pos < anchors[0].0 {
                // Before the first anchor: count back from it.
                t = max(0, anchors[0].1 - (anchors[0].0 - pos) / rate)
            } else if a + 1 < anchors.count, anchors[a + 1].1 > anchors[a].1, anchors[a + 1].0 > anchors[a].0 {
                let (w0, t0) = anchors[a], (w1, t1) = anchors[a + 1]
                t = t0 + (pos - w0) / (w1 - w0) * (t1 - t0)
            } else {
                t = anchors[a].1 + (pos - anchors[a].0) / rate
            }
            all[i].time = t
            all[i].estimated = true
        }
        clampToSections(&all, order, sections: sections)
    }

    /// Times in square brackets inside a paragraph's text, each with the number of words before
    /// it: a bracket holding a few words and a time (`[inaudible 00:00:42]`, `[crosstalk 12:03]`,
    /// `[unintelligible 00:09:25.09]`), as transcription services write them.
    static func inlineMarks(_ text: String) -> [(words: Int, time: Double)] {
        var out: [(words: Int, time: Double)] = []
        var t = text
        t.withUTF8 { u in
            var i = 0
            while let open = TextTools.firstIndex(of: 0x5B, in: u, from: i) {
                i = open + 1
                // The closing bracket within a few words, the time after the last space.
                let end = min(u.count, open + 48)
                guard let close = u[(open + 1)..<end].firstIndex(of: 0x5D),
                      let space = u[(open + 1)..<close].lastIndex(of: 0x20), space > open + 1 else { continue }
                let label = String(decoding: UnsafeBufferPointer(rebasing: u[(open + 1)..<space]), as: UTF8.self)
                let stamp = UnsafeBufferPointer(rebasing: u[(space + 1)..<close])
                guard stamp.contains(0x3A), stamp.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x3A || $0 == 0x2E }),
                      label.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == " " || $0 == "-" || $0 == "'" }),
                      let time = Timestamp.parse(String(decoding: stamp, as: UTF8.self)) else { continue }
                out.append((TextTools.wordCount(UnsafeBufferPointer(rebasing: u[..<open])), time))
                i = close + 1
            }
        }
        return out
    }

    /// Words per second seen between anchors, when the anchors span enough text to tell.
    static func observedRate(_ anchors: [(Double, Double)]) -> Double? {
        guard let first = anchors.first, let last = anchors.last else { return nil }
        let words = last.0 - first.0, seconds = last.1 - first.1
        guard words >= 200, seconds >= 60 else { return nil }
        let r = words / seconds
        return (0.5...6).contains(r) ? r : nil
    }

    /// Keeps estimated times inside their section: not before its start, not at or after the next
    /// section's start, and never decreasing.
    static func clampToSections(_ all: inout [Paragraph], _ order: [Int], sections: [Section]) {
        var nextStart: [Double?] = Array(repeating: nil, count: sections.count)
        var upcoming: Double?
        for s in sections.indices.reversed() {
            nextStart[s] = upcoming
            if let st = sections[s].start { upcoming = st }
        }
        var previous = 0.0
        for i in order where all[i].estimated {
            guard var t = all[i].time else { continue }
            let s = all[i].section
            if let start = sections[safe: s]?.start { t = max(t, start) }
            if let next = nextStart[safe: s] ?? nil { t = min(t, max(sections[s].start ?? 0, next - 1)) }
            t = max(t, previous)
            all[i].time = t
            previous = t
        }
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
