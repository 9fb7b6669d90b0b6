import Foundation

extension Document {
    /// Timed reading sections (chapters and windows), in start order, as section indices.
    public var timedSections: [Int] {
        sections.indices.filter { Document.isTimed(sections[$0]) }
    }

    /// A transcript with times to go to (a time typed goes to one of these).
    public var isTimedTranscript: Bool {
        kind == .transcript && sections.contains(where: Document.isTimed)
    }

    /// A reading section with a start time (a summary's time is not one to go to).
    private static func isTimed(_ s: Section) -> Bool { s.start != nil && s.kind != .summary }

    /// The section that contains time `t` (the last timed section starting at or before `t`),
    /// found by binary search. Nil if the document has no timed sections or `t` precedes them all.
    /// Times are compared in the whole seconds they are shown in: typing a start shown as `13:41`
    /// lands there even when it is 13:41.4.
    public func section(at t: Double) -> Int? {
        let timed = timedSections
        guard !timed.isEmpty else { return nil }
        var lo = 0, hi = timed.count - 1
        guard sections[timed[0]].start!.rounded(.down) <= t else { return nil }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if sections[timed[mid]].start!.rounded(.down) <= t { lo = mid } else { hi = mid - 1 }
        }
        return timed[lo]
    }

    /// The paragraph at time `t`: the last paragraph of the section at `t` whose time (in whole
    /// seconds, as shown) is at or before `t` (binary search), or the section's first paragraph.
    /// Nil when that section is absent.
    public func paragraph(at t: Double) -> Int? {
        guard let s = section(at: t) else { return nil }
        let range = sections[s].paragraphs
        guard !range.isEmpty else { return nil }
        var lo = range.lowerBound, hi = range.upperBound - 1
        guard let first = paragraphs[lo].time, first.rounded(.down) <= t else {
            // A window (five minutes of captions) whose first paragraph starts after `t`: what
            // was being said at `t` is the paragraph before, in the window before.
            if sections[s].kind == .window, lo > 0, let before = paragraphs[lo - 1].time, before.rounded(.down) <= t,
               sections[paragraphs[lo - 1].section].kind == .window {
                return lo - 1
            }
            return range.lowerBound
        }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if let pt = paragraphs[mid].time, pt.rounded(.down) <= t { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// A transcript lasts at least until its last paragraph's time. A stated length its own
    /// times run past (front matter copied from another video: Lenny's `kunal-shah` says 1:10:14
    /// and talks until 1:18:54) or one of zero (a placeholder, `duration: 0:00`) gives way to
    /// them, with a warning when it was a real length; so does a length taken from the last
    /// stated time when paragraphs after it have estimated ones (The Changelog's last 25
    /// paragraphs after \[02:39:59\]). Else a time typed there would be "past the end".
    public mutating func settleLength() {
        guard kind == .transcript, let stated = metadata.duration,
              let last = paragraphs.lazy.compactMap(\.time).max(), last.rounded(.down) > stated.rounded(.down) else { return }
        if stated > 0 {
            warnings.append("the stated length (\(Timestamp.format(stated))) is shorter than the transcript (its times run to \(Timestamp.format(last))): the times are kept")
        }
        metadata.duration = last
    }

    /// End of the document's timeline: duration, else the last section start or paragraph time.
    public var timelineEnd: Double? {
        if let d = metadata.duration { return d }
        let lastSection = sections.compactMap(\.start).max()
        let lastPara = paragraphs.compactMap(\.time).max()
        return [lastSection, lastPara].compactMap { $0 }.max()
    }

    /// "transcript · webvtt", or "article" once when the format is the article reader's.
    public func kindAndFormat(separator: String) -> String {
        kind.rawValue == format.rawValue ? kind.rawValue : kind.rawValue + separator + format.rawValue
    }

    /// Whether `t` comes after the end of a document: its known length (a newsletter's stated
    /// duration, a caption file's last cue), else a window's length (five minutes) after the last
    /// time it states or estimates (what is said then goes on a while, not for hours: 9:00:00 is
    /// not the last paragraph of a caption text estimated to end at ≈4:12:52). There is nothing
    /// there to show.
    public func isPastEnd(_ t: Double) -> Bool {
        if let d = metadata.duration { return t > d }
        guard let end = timelineEnd else { return false }
        return t > end + CueGrouping.windowLength
    }

    /// What `isPastEnd` measures against, for a message: "the end (02:22:00)", or for a document
    /// of unknown length "its last time (04:12:52)".
    public func endForMessage(_ format: (Double) -> String) -> String {
        if let d = metadata.duration { return "the end (\(format(d)))" }
        return "its last time (\(format(timelineEnd ?? 0)))"
    }

    /// Start of the section that follows section `s` in time, if any.
    public func nextStart(after s: Int) -> Double? {
        guard let start = sections[s].start else { return nil }
        return sections.compactMap(\.start).filter { $0 > start }.min()
    }
}

extension Paragraph {
    /// The paragraph's time as the reader shows it (`17:47`, `≈17:47` when estimated), or nil.
    public var timeLabel: String? { time.map { (estimated ? "≈" : "") + Timestamp.formatShort($0) } }
    /// The paragraph's time in full (`00:17:47`, `≈00:17:47` when estimated), or nil.
    public var timeStamp: String? { time.map { (estimated ? "≈" : "") + Timestamp.format($0) } }
}

extension Section {
    /// What is shown after the section's start time: the title, or for a fixed window (a
    /// transcript without chapters) where it ends: "05:00 – 10:00", not "05:00 00:05:00–00:10:00".
    public func titleAfterStart(_ format: (Double) -> String = Timestamp.formatShort) -> String {
        guard kind == .window, let s = start else { return title }
        return "– " + format(s + CueGrouping.windowLength)
    }

    /// The title beside a passage's own time ("13:41 Is diffusion cope?"): a fixed window's title
    /// is only its times, which the passage's time already says.
    public var titleBesideTime: String { kind == .window ? "" : title }
}

extension Document {
    /// Whether section `s` is the document's title again: an article's first heading, untimed,
    /// just under the title (the reader does not show it, nor search find it, as a heading).
    public func isTitleAgain(section s: Int) -> Bool {
        s == 0 && sections.first.map { $0.start == nil && $0.title == title } == true
    }

    /// The title of paragraph `p`'s section beside its time and the document's title: empty for
    /// a fixed window, and for a section headed by the document's own title (an article's
    /// first), which would say it twice.
    public func sectionTitle(ofParagraph p: Int) -> String {
        guard let t = paragraphs[safe: p].flatMap({ sections[safe: $0.section] })?.titleBesideTime else { return "" }
        return t.caseInsensitiveCompare(title) == .orderedSame ? "" : t
    }
}
