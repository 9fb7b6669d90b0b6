import Foundation

extension Reports {
    /// Where in an evidence passage (UTF-8 offset) the claim is said: where its quotation was
    /// said, else where most of the claim's words stand together ("the nine magic words are…"
    /// at the end of a long passage, not its opening question).
    public static func evidenceFocus(_ documents: [Document], _ e: Evidence, of c: CheckedClaim) -> Int? {
        guard let text = documents[safe: e.ref.doc]?.paragraphs[safe: e.ref.paragraph]?.text else { return nil }
        for q in c.quotes where q.found && q.ref?.doc == e.ref.doc {
            if let span = q.spans.first(where: { $0.paragraph == e.ref.paragraph }) { return span.range.lowerBound }
        }
        return CorpusIndex.matchFocus(in: text, query: SearchQuery(c.claim.text), span: focusSpan)
    }

    /// How close together (bytes) the words a focus is looked for by must stand: those of an
    /// excerpt of 160 characters.
    public static let focusSpan = 160 * 2 / 3

    /// In captions, when the part of an evidence passage that says the claim was said, if after
    /// the passage's start (a turn of captions can run for minutes).
    public static func evidenceSaid(_ documents: [Document], _ e: Evidence, of c: CheckedClaim) -> Double? {
        guard let p = documents[safe: e.ref.doc]?.paragraphs[safe: e.ref.paragraph], !p.marks.isEmpty else { return nil }
        return evidenceFocus(documents, e, of: c).flatMap(p.timeSaid(at:))
    }

    /// The part of an evidence passage that says the claim (`evidenceFocus`).
    static func evidenceExcerpt(_ index: CorpusIndex, _ e: Evidence, of c: CheckedClaim, width: Int) -> String {
        CorpusIndex.excerpt(index.documents[e.ref.doc].paragraphs[e.ref.paragraph].text, around: evidenceFocus(index.documents, e, of: c) ?? 0, width: width)
    }

    static func evidenceJSON(_ index: CorpusIndex, _ e: Evidence, of c: CheckedClaim) -> JSON {
        let d = index.documents[e.ref.doc]
        let p = d.paragraphs[e.ref.paragraph]
        let s = d.sections[safe: p.section]
        return .object([
            ("document", .string(d.path)), ("section", .str(s?.title)), ("section_start", time(s?.start)),
            ("time", time(p.time)), ("estimated", .bool(p.estimated)), ("paragraph", .int(e.ref.paragraph)),
            ("excerpt", .string(evidenceExcerpt(index, e, of: c, width: 240))),
            ("said", time(evidenceSaid(index.documents, e, of: c))),
            ("score", .number(e.score)), ("coverage", .number(e.coverage)),
        ])
    }

    public static func claimJSON(_ index: CorpusIndex, _ c: CheckedClaim) -> JSON {
        let d = index.documents[c.claim.source.doc]
        return .object([
            ("id", .string(c.claim.id)),
            ("text", .string(c.claim.text)),
            ("source", .object([("document", .string(d.path)), ("section", .str(c.claim.heading)), ("paragraph", .int(c.claim.source.paragraph))])),
            ("verdict", .string(c.verdict.rawValue)),
            ("evidence", .array(c.evidence.map { evidenceJSON(index, $0, of: c) })),
            ("figures", .array(c.figures.map { f in
                .object([("claim", .string(f.claim.description)), ("evidence", .str(f.evidence?.description)),
                         // (A figure the evidence does not state is neither agreed nor contradicted.)
                         ("agree", f.evidence == nil ? .null : .bool(f.agree))])
            })),
            ("quotes", .array(c.quotes.map { quoteJSON(index, $0) })),
            ("related", .array(c.related.map(JSON.string))),
            ("reasons", .array(c.claim.reasons.map(JSON.string))),
        ])
    }

    /// A quotation and where it was found; `source` is the article it is in, for `gloss check`
    /// (a claim's quotations need none: they are the claim's).
    public static func quoteJSON(_ index: CorpusIndex, _ q: QuoteMatch, source: Int? = nil) -> JSON {
        var match: JSON = .null
        if let ref = q.ref {
            let d = index.documents[ref.doc]
            let s = d.sections[safe: d.paragraphs[ref.paragraph].section]
            match = .object([("document", .string(d.path)), ("section", .str(s?.title)), ("section_start", time(s?.start)),
                             ("time", time(q.time)), ("said", .str(q.said(in: index.documents))), ("excerpt", .str(q.excerpt))])
        }
        var pairs: [(String, JSON)] = [("text", .string(q.text)), ("found", .bool(q.found)), ("similarity", .number(q.similarity)),
                                       ("as_said", .bool(q.isAsSaid)), ("match", match)]
        if let source { pairs.insert(("source", .object([("document", .string(index.documents[source].path))])), at: 1) }
        if q.elision != nil, let l = q.leftOut { pairs.append(("left_out", .array(l.map(JSON.string)))) }
        if q.deniedInSource { pairs.append(("context", .string("denied in the transcript: quoted out of context"))) }
        return .object(pairs)
    }

    public static func claimsJSON(_ index: CorpusIndex, _ claims: [CheckedClaim]) -> JSON {
        .object([("claims", .array(claims.map { claimJSON(index, $0) }))])
    }

    /// `gloss check`: each article's quotations (with the article they are in) and its claims.
    public static func checkJSON(_ index: CorpusIndex, quotes: [(article: Int, match: QuoteMatch)], claims: [CheckedClaim]) -> JSON {
        .object([("quotes", .array(quotes.map { quoteJSON(index, $0.match, source: $0.article) })),
                 ("claims", .array(claims.map { claimJSON(index, $0) }))])
    }

    static let verdictMark: [Verdict: String] = [.supported: "✓ supported", .divergent: "✗ divergent", .notFound: "? not found"]

    public static func claimsText(_ index: CorpusIndex, _ claims: [CheckedClaim]) -> String {
        var out = ""
        for c in claims {
            let d = index.documents[c.claim.source.doc]
            out += "[\(c.claim.id)] \(verdictMark[c.verdict]!) — \(d.title)\(c.claim.heading(besides: d.title).map { " · " + $0 } ?? "")\n"
            out += "  “\(c.claim.text)”\n"
            if let e = c.evidence.first {
                let ed = index.documents[e.ref.doc]
                let p = ed.paragraphs[e.ref.paragraph]
                let s = ed.sections[safe: p.section]
                let stamp = (p.timeStamp ?? "¶\(e.ref.paragraph)") + (evidenceSaid(index.documents, e, of: c).map { " (said at \(Timestamp.format($0)))" } ?? "")
                let title = s?.titleBesideTime ?? ""
                out += "  evidence: \(stamp)\(title.isEmpty ? "" : " " + title) — \(evidenceExcerpt(index, e, of: c, width: 160))\n"
            }
            for f in c.differingFigures {
                out += "  figures differ: claim \(f.claim) vs transcript \(f.evidence?.description ?? "—")\n"
            }
            if !c.unstatedFigures.isEmpty, !c.evidence.isEmpty {
                out += "  not stated in the evidence: \(c.unstatedFigures.map(\.description).joined(separator: ", "))\n"
            }
            for q in c.quotes {
                out += "  quote “\(q.text)”: " + quoteResult(index, q) + (q.deniedInSource ? " — but the speaker was denying it (out of context)" : "") + "\n"
            }
            out += "\n"
        }
        if claims.isEmpty { return "no claims found\n" }
        return out + claimsSummary(claims) + "\n"
    }

    /// "found at 01:16:52 (similarity 0.867), said “If I could start this company over again…”"
    /// (what was said, when it is not what is quoted), or "not found"; a quotation as said but
    /// for a few words: "found at 00:08:51 (similarity 0.875, as said but for “for example”), …".
    static func quoteResult(_ index: CorpusIndex, _ q: QuoteMatch) -> String {
        guard q.found else { return "not found" }
        var out = "found at \(q.time.map(Timestamp.format) ?? "?") (similarity \(q.similarity)"
        out += (q.elision.map { ", as said but for “\($0)”" } ?? "") + ")"
        if q.similarity < 1, let said = q.said(in: index.documents) { out += ", said “\(said)”" }
        return out
    }

    /// "50 claims: 12 supported, 3 divergent, 35 not found".
    public static func claimsSummary(_ claims: [CheckedClaim]) -> String {
        let counts = [Verdict.supported, .divergent, .notFound].map { v in (v, claims.filter { $0.verdict == v }.count) }
        return "\(claims.count) claim\(claims.count == 1 ? "" : "s"): " + counts.map { "\($0.1) \($0.0.rawValue.replacingOccurrences(of: "-", with: " "))" }.joined(separator: ", ")
    }

    /// `gloss check` as text: the quotations (under their article's title when there are
    /// several articles), how many were found, then the claims.
    public static func checkText(_ index: CorpusIndex, quotes: [(article: Int, match: QuoteMatch)], claims: [CheckedClaim], articles: Int = 1) -> String {
        var out = "Quotes\n"
        var last: Int?
        for (article, q) in quotes {
            if articles > 1, article != last {
                out += "  \(index.documents[article].title)\n"
                last = article
            }
            out += (articles > 1 ? "    " : "  ") + "“\(q.text)”: " + quoteResult(index, q) + "\n"
        }
        if quotes.isEmpty { out += "  (none)\n" } else { out += "  \(quotes.filter(\.match.found).count) of \(quotes.count) found\n" }
        out += "\nClaims\n" + claimsText(index, claims)
        return out
    }
}

extension QuoteMatcher {
    /// Every quoted phrase in a document (paragraphs and section titles), located in transcripts.
    public func check(article doc: Document, against: [Int]? = nil) -> [QuoteMatch] {
        var seen = Set<String>()
        var out: [QuoteMatch] = []
        var sources: [(String, String, String)] = []  // quote, prefix, suffix
        for s in doc.sections {
            for q in QuoteExtractor.quotes(in: s.title, minWords: 2) { sources.append((q.text, "", "")) }
        }
        for p in doc.paragraphs {
            let bytes = Array(p.text.utf8)
            for q in QuoteExtractor.quotes(in: p.text, minWords: 2) {
                let pre = String(decoding: bytes[max(0, q.range.lowerBound - 80)..<q.range.lowerBound], as: UTF8.self)
                let suf = String(decoding: bytes[q.range.upperBound..<min(bytes.count, q.range.upperBound + 80)], as: UTF8.self)
                sources.append((q.text, pre, suf))
            }
        }
        for (q, pre, suf) in sources {
            let key = Tokenizer.terms(q).joined(separator: " ")
            guard !key.isEmpty, seen.insert(key).inserted else { continue }
            out.append(locate(q, prefix: pre, suffix: suf, in: against))
        }
        return out
    }
}

extension Reports {
    static func passageJSON(_ index: CorpusIndex, doc: Int, paragraph p: Int?, range: Range<Int>?) -> JSON {
        guard let p else { return .null }
        let d = index.documents[doc]
        let para = d.paragraphs[p]
        let body = range.map { Aligner.text(d, Aligner.Passage(paragraph: p, range: $0)) } ?? para.text
        let s = d.sections[safe: para.section]
        return .object([("document", .string(d.path)), ("section", .str(s?.title)), ("section_start", time(s?.start)),
                        ("paragraph", .int(p)), ("time", time(para.time)),
                        ("excerpt", .string(CorpusIndex.excerpt(body, query: nil, width: 240)))])
    }

    public static func compareJSON(_ index: CorpusIndex, left: Int, right: Int, pairs: [AlignedPair]) -> JSON {
        .object([
            ("left", .string(index.documents[left].path)),
            ("right", .string(index.documents[right].path)),
            ("pairs", .array(pairs.map { p in
                var fields: [(String, JSON)] = [
                    ("left", passageJSON(index, doc: left, paragraph: p.left, range: p.leftRange)),
                    ("right", passageJSON(index, doc: right, paragraph: p.right, range: p.rightRange)),
                    ("score", .number(p.score)),
                    ("figures", .array(p.figures.map { f in
                        .object([("left", .str(f.left?.description)), ("right", .str(f.right?.description)), ("agree", .bool(f.agree))])
                    })),
                ]
                if !p.quoteMarks.isEmpty {
                    fields.append(("quotes", .array(p.quoteMarks.map { .object([("quoted_on", .string($0.quotedOn.rawValue)), ("text", .string($0.text))]) })))
                }
                if let m = p.movedTo { fields.append(("moved_to", .int(m))) }
                return .object(fields)
            })),
        ])
    }

    public static func compareText(_ index: CorpusIndex, left: Int, right: Int, pairs: [AlignedPair], width: Int = 100) -> String {
        let l = index.documents[left], r = index.documents[right]
        let paired = pairs.filter { !$0.isGap }.count
        var out = "\(l.title)  ⇄  \(r.title)\n\(pairs.count) rows (\(paired) paired), \(AlignedPair.differenceStarts(pairs).count) differences (a run of gaps counts once)\n\n"
        func excerpt(_ d: Document, _ p: Int?, _ r: Range<Int>?) -> String {
            guard let p else { return "—" }
            let body = r.map { Aligner.text(d, Aligner.Passage(paragraph: p, range: $0)) } ?? d.paragraphs[p].text
            return CorpusIndex.excerpt(body, query: nil, width: width)
        }
        for (i, p) in pairs.enumerated() {
            let mark = p.isDifference ? "≠" : "="
            out += "\(mark) row \(i + 1)" + (p.isGap ? "" : " (similarity \(p.score))") + (p.movedTo.map { " moved, see row \($0 + 1)" } ?? "") + "\n"
            out += "  L: \(excerpt(l, p.left, p.leftRange))\n  R: \(excerpt(r, p.right, p.rightRange))\n"
            for f in p.figures where !f.agree { out += "  figures differ: \(f.left?.description ?? "—") vs \(f.right?.description ?? "—")\n" }
            for q in p.quoteMarks { out += "  “\(q.text)” is quoted on the \(q.quotedOn.rawValue) only\n" }
        }
        return out
    }
}
