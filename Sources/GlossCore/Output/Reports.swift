import Foundation

/// JSON and text shapes of the CLI's answers, built from the core model (no printing here).
public enum Reports {
    static func time(_ t: Double?) -> JSON { t.map { .string(Timestamp.format($0)) } ?? .null }

    // MARK: toc

    /// - Parameter about: for transcripts, the titles of what was written about them
    ///   (`ClaimChecker.writtenAbout`); shown for those named only by their file.
    public static func tocJSON(_ docs: [Document], about: [Int: [String]] = [:]) -> JSON {
        .object([("documents", .array(docs.indices.map { tocEntry(docs[$0], about: namedBy(docs[$0], about[$0])) }))])
    }

    /// What was written about a transcript that has no title but its file's (the titles of the
    /// notes about it say which episode it is), else nothing.
    static func namedBy(_ d: Document, _ about: [String]?) -> [String] {
        d.kind == .transcript && d.metadata.title == nil ? about ?? [] : []
    }

    static func tocEntry(_ d: Document, about: [String] = []) -> JSON {
        var pairs: [(String, JSON)] = [
            ("path", .string(d.path)),
            ("title", .string(d.title)),
            ("kind", .string(d.kind.rawValue)),
            ("format", .string(d.format.rawValue)),
        ]
        if let a = d.metadata.author { pairs.append(("author", .string(a))) }
        if let dur = d.metadata.duration { pairs.append(("duration", .string(Timestamp.format(dur)))) }
        if !about.isEmpty { pairs.append(("notes_about_it", .array(about.map(JSON.string)))) }
        pairs.append(("sections", .array(d.readingSections.map { i in
            let s = d.sections[i]
            return .object([("start", time(s.start)), ("title", .string(s.title)), ("present", .bool(s.present)),
                            ("paragraphs", .int(s.paragraphs.count))])
        })))
        let summaries = d.summarySections
        if !summaries.isEmpty {
            pairs.append(("summaries", .array(summaries.map { i in
                .object([("title", .string(d.sections[i].title)), ("paragraphs", .int(d.sections[i].paragraphs.count))])
            })))
        }
        if !d.warnings.isEmpty { pairs.append(("warnings", .array(d.warnings.map(JSON.string)))) }
        return .object(pairs)
    }

    public static func tocText(_ docs: [Document], about: [Int: [String]] = [:]) -> String {
        var out = ""
        for (n, d) in docs.enumerated() {
            if n > 0 { out += "\n" }
            out += "\(d.title)\n"
            var info = "  \(d.path) · \(d.kindAndFormat(separator: " · "))"
            if let a = d.metadata.author { info += " · \(a)" }
            if let dur = d.metadata.duration { info += " · \(Timestamp.format(dur))" }
            out += info + "\n"
            let named = namedBy(d, about[n])
            if !named.isEmpty { out += "  notes about it: \(named.joined(separator: " · "))\n" }
            for i in d.summarySections {
                out += "  [summary]  \(d.sections[i].title) (\(d.sections[i].paragraphs.count) ¶)\n"
            }
            for i in d.readingSections {
                let s = d.sections[i]
                let stamp = s.start.map { Timestamp.format($0) } ?? "        "
                let mark = s.present ? "" : "  (absent)"
                // (A window's title is its times: "00:05:00 – 00:10:00", not the start twice.)
                let title = s.kind == .window ? s.titleAfterStart(Timestamp.format) : " " + s.title
                out += "  \(stamp) \(title)\(s.present ? " (\(s.paragraphs.count) ¶)" : "")\(mark)\n"
            }
            for w in d.warnings { out += "  warning: \(w)\n" }
        }
        return out
    }

    // MARK: show

    public static func showJSON(_ d: Document, at t: Double) -> JSON {
        let p = d.paragraph(at: t)
        // (The paragraph's own section: in captions cut into windows it may have begun in the one before.)
        let s = p.map { d.paragraphs[$0].section } ?? d.section(at: t)
        let section: JSON = s.map { .object([("start", time(d.sections[$0].start)), ("title", .string(d.sections[$0].title)),
                                              ("present", .bool(d.sections[$0].present))]) } ?? .null
        let paragraph: JSON = p.map { i in
            let para = d.paragraphs[i]
            var fields: [(String, JSON)] = [("index", .int(i)), ("time", time(para.time)), ("estimated", .bool(para.estimated)),
                                            ("speaker", .str(para.speaker)), ("text", .string(para.text))]
            // In captions, the caption said then: its time and where it starts in `text` (bytes).
            if let at = TimeMark.offset(at: t, in: para.marks) {
                fields.append(("said", .object([("time", time(TimeMark.time(at: at, in: para.marks))), ("offset", .int(at))])))
            }
            return .object(fields)
        } ?? .null
        return .object([("document", .string(d.path)), ("section", section), ("paragraph", paragraph)])
    }

    public static func showText(_ d: Document, at t: Double) -> String {
        let found = d.paragraph(at: t)
        guard let s = found.map({ d.paragraphs[$0].section }) ?? d.section(at: t) else {
            return "\(d.title): nothing at \(Timestamp.format(t))\n"
        }
        let sec = d.sections[s]
        var out = "\(d.title)\n\(Timestamp.format(sec.start ?? 0)) \(sec.titleAfterStart(Timestamp.format))\n"
        guard let p = found else {
            return out + "  (this chapter is listed but absent from the transcript)\n"
        }
        let para = d.paragraphs[p]
        let stamp = para.timeStamp ?? ""
        out += "\n[\(stamp)] " + (para.speaker.map { "\($0): " } ?? "") + para.text + "\n"
        // In captions, where in that paragraph the time is (a turn can run for minutes).
        if let at = TimeMark.offset(at: t, in: para.marks), at > 0, let said = TimeMark.time(at: at, in: para.marks) {
            out += "\nat \(Timestamp.format(t)): [\(Timestamp.format(said))] \(CorpusIndex.excerpt(para.text, around: at))\n"
        }
        return out
    }

    // MARK: search

    /// When a hit's words were said, in captions: the time of the caption where they stand
    /// together (as its excerpt shows them), when later than the paragraph's own time.
    public static func saidTime(_ p: Paragraph, query: SearchQuery) -> Double? {
        guard !p.marks.isEmpty else { return nil }
        return CorpusIndex.matchFocus(in: p.text, query: query, span: focusSpan).flatMap(p.timeSaid(at:))
    }

    /// What a paragraph says at time `t`: in captions, from the caption said then; else its start.
    public static func timeExcerpt(_ p: Paragraph, at t: Double?, width: Int = 160) -> String {
        CorpusIndex.excerpt(p.text, around: t.flatMap { TimeMark.offset(at: $0, in: p.marks) } ?? 0, width: width)
    }

    public static func searchJSON(_ index: CorpusIndex, hits: [SearchHit], query: SearchQuery, suggestion: String? = nil,
                                  sections: [SearchHit] = [], times: [SearchHit] = []) -> JSON {
        .object([("times", .array(times.map { h in
            let d = index.documents[h.ref.doc]
            let s = d.sections[safe: h.section ?? d.paragraphs[h.ref.paragraph].section]
            let p = h.section == nil ? d.paragraphs[safe: h.ref.paragraph] : nil
            return .object([
                ("document", .string(d.path)), ("at", time(h.time)),
                ("section", .str(s?.title)), ("section_start", time(s?.start)), ("present", .bool(p != nil)),
                ("paragraph", h.section == nil ? .int(h.ref.paragraph) : .null),
                ("time", time(p?.time)), ("estimated", .bool(p?.estimated ?? false)),
                ("excerpt", .str(p.map { timeExcerpt($0, at: h.time) })),
            ])
        })), ("hits", .array(hits.map { h in
            let d = index.documents[h.ref.doc]
            let p = d.paragraphs[h.ref.paragraph]
            let s = d.sections[safe: p.section]
            // (Where the words stand together: the excerpt shows them, and `said` is when.)
            let at = CorpusIndex.matchFocus(in: p.text, query: query, span: focusSpan)
            return .object([
                ("document", .string(d.path)),
                ("section", .str(s?.title)),
                ("section_start", time(s?.start)),
                ("time", time(p.time)),
                ("estimated", .bool(p.estimated)),
                ("paragraph", .int(h.ref.paragraph)),
                ("excerpt", .string(CorpusIndex.excerpt(p.text, around: at ?? 0))),
                ("said", time(at.flatMap(p.timeSaid(at:)))),
                ("score", .number((h.score * 1000).rounded() / 1000)),
            ])
        })), ("all_words", .bool(hits.first?.allWords ?? true)), ("suggestion", .str(suggestion)),
        ("sections", .array(sections.compactMap { h in
            guard let k = h.section, let sec = index.documents[h.ref.doc].sections[safe: k] else { return nil }
            return .object([("document", .string(index.documents[h.ref.doc].path)), ("section", .string(sec.title)),
                            ("section_start", time(sec.start)), ("present", .bool(sec.present))])
        }))])
    }

    public static func searchText(_ index: CorpusIndex, hits: [SearchHit], query: SearchQuery, suggestion: String? = nil,
                                  sections: [SearchHit] = [], times: [SearchHit] = []) -> String {
        let didYouMean = suggestion.map { " (did you mean ‘\($0)’?)" } ?? ""
        // A time first: where each transcript is then, as `show --at` says.
        var listed = ""
        for h in times {
            let d = index.documents[h.ref.doc]
            let at = "\(d.path)  at \(Timestamp.format(h.time ?? 0)):  "
            if let k = h.section, let sec = d.sections[safe: k] {
                listed += at + "\(Timestamp.format(sec.start ?? 0)) § \(sec.title)  (not in the text)\n"
                continue
            }
            let p = d.paragraphs[h.ref.paragraph]
            let title = d.sectionTitle(ofParagraph: h.ref.paragraph)
            listed += at + (p.timeStamp ?? "") + (title.isEmpty ? "" : "  " + title) + "\n    \(timeExcerpt(p, at: h.time))\n"
        }
        // Titles next, as a chapter list would show them.
        for h in sections {
            let d = index.documents[h.ref.doc]
            guard let k = h.section, let sec = d.sections[safe: k] else { continue }
            let start = sec.start.map { Timestamp.format($0) + "  " } ?? ""
            listed += "\(d.path)  \(start)§ \(sec.title)\(sec.present ? "" : "  (not in the text)")\n"
        }
        if hits.isEmpty {
            if listed.isEmpty, let t = query.time { return "no transcript with times lasts until \(Timestamp.format(t)), and no text writes it\n" }
            return listed + (listed.isEmpty ? "no matches\(didYouMean)\n" : times.isEmpty ? "no paragraph matches\(didYouMean)\n" : "")
        }
        var out = listed + (hits[0].allWords ? "" : "(no paragraph has all the words; these have some of them)\(didYouMean)\n")
        for h in hits {
            let d = index.documents[h.ref.doc]
            let p = d.paragraphs[h.ref.paragraph]
            let s = d.sections[safe: p.section]
            // (In captions, when the words were said, if that is after the paragraph's start.)
            let at = CorpusIndex.matchFocus(in: p.text, query: query, span: focusSpan)
            let stamp = (p.timeStamp ?? "¶\(h.ref.paragraph)") + (at.flatMap(p.timeSaid(at:)).map { " (said at \(Timestamp.format($0)))" } ?? "")
            let title = s?.titleBesideTime ?? ""
            out += "\(d.path)  \(stamp)\(title.isEmpty ? "" : "  " + title)\n    \(CorpusIndex.excerpt(p.text, around: at ?? 0))\n"
        }
        return out
    }

    // MARK: dump

    public static func dumpJSON(_ d: Document) -> JSON {
        var meta: [(String, JSON)] = [
            ("title", .str(d.metadata.title)), ("author", .str(d.metadata.author)),
            ("publication", .str(d.metadata.publication)), ("date", .str(d.metadata.date)),
            ("source_url", .str(d.metadata.sourceURL)), ("duration", .num(d.metadata.duration)),
            ("participants", .array(d.metadata.participants.map(JSON.string))),
        ]
        for (k, v) in d.metadata.extra { meta.append((k, .string(v))) }
        var pairs: [(String, JSON)] = [
            ("path", .string(d.path)), ("kind", .string(d.kind.rawValue)), ("format", .string(d.format.rawValue)),
            ("metadata", .object(meta)),
            ("sections", .array(d.sections.map { s in
                .object([("kind", .string(s.kind.rawValue)), ("title", .string(s.title)), ("start", time(s.start)),
                         ("present", .bool(s.present)), ("paragraphs", .array([.int(s.paragraphs.lowerBound), .int(s.paragraphs.upperBound)]))])
            })),
            ("paragraphs", .array(d.paragraphs.enumerated().map { i, p in
                .object([("index", .int(i)), ("section", .int(p.section)), ("speaker", .str(p.speaker)),
                         ("time", p.time.map { JSON.number(($0 * 1000).rounded() / 1000) } ?? .null),
                         ("estimated", .bool(p.estimated)), ("style", .string(p.style.rawValue)),
                         ("bytes", .array([.int(p.byteRange.lowerBound), .int(p.byteRange.upperBound)])),
                         ("text", .string(p.text))])
            })),
        ]
        if let cues = d.cues {
            pairs.append(("cues", .array(cues.map { c in
                var plain: String
                if d.format == .webvtt { plain = WebVTTCueText.plainText(WebVTTCueText.parse(c.text)) } else if d.format == .srt { plain = SRTParser.plainText(c.text) } else { plain = c.text }
                return .object([("id", .string(c.id)), ("start", .number(c.start)), ("end", .number(c.end)),
                                ("speaker", .str(c.speaker)), ("text", .string(c.text)), ("plain", .string(plain))] + settingsJSON(c, d))
            })))
        }
        if let r = d.regions, !r.isEmpty {
            pairs.append(("regions", .array(r.map { r in
                .object([("id", .string(r.id)), ("width", .number(r.width)), ("lines", .number(r.lines)),
                         ("regionAnchorX", .number(r.regionAnchorX)), ("regionAnchorY", .number(r.regionAnchorY)),
                         ("viewportAnchorX", .number(r.viewportAnchorX)), ("viewportAnchorY", .number(r.viewportAnchorY)),
                         ("scroll", .string(r.scroll))])
            })))
        }
        pairs.append(("warnings", .array(d.warnings.map(JSON.string))))
        return .object(pairs)
    }

    static func settingsJSON(_ c: Cue, _ d: Document) -> [(String, JSON)] {
        guard d.format == .webvtt else { return [] }
        let s = c.settings
        return [("settings", .object([
            ("vertical", .string(s.vertical.rawValue)), ("line", s.line.map(JSON.number) ?? .string("auto")),
            ("lineAlign", .string(s.lineAlign)), ("snapToLines", .bool(s.snapToLines)),
            ("position", s.position.map(JSON.number) ?? .string("auto")), ("positionAlign", .string(s.positionAlign)),
            ("size", .number(s.size)), ("align", .string(s.align)), ("region", .str(s.region)),
        ]))]
    }

    public static func dumpText(_ d: Document) -> String {
        var out = "document \(d.path) [\(d.format.rawValue), \(d.kind.rawValue)]\n"
        if let t = d.metadata.title { out += "  title: \(t)\n" }
        if let a = d.metadata.author { out += "  author: \(a)\n" }
        if !d.metadata.participants.isEmpty { out += "  participants: \(d.metadata.participants.joined(separator: ", "))\n" }
        for (i, s) in d.sections.enumerated() {
            out += "  section \(i) \(s.kind.rawValue) \(s.start.map(Timestamp.format) ?? "-") \"\(s.title)\"\(s.present ? "" : " absent")\n"
            for k in s.paragraphs {
                let p = d.paragraphs[k]
                let stamp = p.timeStamp ?? "-"
                out += "    ¶\(k) \(stamp) \(p.speaker ?? "-") bytes \(p.byteRange.lowerBound)..<\(p.byteRange.upperBound): \(p.text.prefix(80))\n"
            }
        }
        if let cues = d.cues { out += "  \(cues.count) cues\n" }
        for w in d.warnings { out += "  warning: \(w)\n" }
        return out
    }
}
