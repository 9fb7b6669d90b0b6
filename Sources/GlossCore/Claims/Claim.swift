import Foundation

/// A checkable statement made in a summary or an article, with the context that gives it meaning.
public struct Claim: Sendable, Equatable {
    public var id: String
    /// The sentence that makes the claim.
    public var text: String
    /// Where it was made: document and paragraph.
    public var source: ParagraphRef
    /// Title of the section the paragraph sits in (a heading, "Key details"...).
    public var heading: String?
    /// The whole paragraph ("He thinks it is three to five years away." means nothing alone).
    public var context: String
    /// UTF-8 byte range of the sentence inside the paragraph text.
    public var range: Range<Int>
    public var figures: [Figure]
    public var quotes: [String]
    /// Why it was picked: "summary", "attribution", "figure", "quote".
    public var reasons: [String]

    /// The heading, when there is one other than the document's title (notes are often one
    /// section under their title: "Title · Title" says nothing).
    public func heading(besides title: String) -> String? {
        heading.flatMap { $0.isEmpty || $0 == title ? nil : $0 }
    }
}

/// A transcript passage offered as evidence for a claim.
public struct Evidence: Sendable, Equatable {
    public var ref: ParagraphRef
    public var score: Double
    /// Share of the claim's distinctive words found in the passage (0...1).
    public var coverage: Double
}

/// A claim figure compared with the evidence's figures of the same kind.
public struct FigureCheck: Sendable, Equatable {
    public var claim: Figure
    public var evidence: Figure?
    public var agree: Bool
}

/// Where a quoted phrase was found in a transcript, if anywhere.
public struct QuoteMatch: Sendable, Equatable {
    public var text: String
    public var found: Bool
    /// 1.0 for a verbatim match (ignoring case, punctuation, quotes, fillers and line breaks).
    public var similarity: Double
    public var ref: ParagraphRef?
    public var time: Double?
    public var excerpt: String?
    /// The speaker quoted these words to deny them ("… is not what happened"): a quote out of context.
    public var deniedInSource = false
    /// Where the words were said: in `ref`'s document, the paragraphs they run over (a quotation
    /// can span cues) and the range of each one's text they take.
    public var spans: [TextSpan] = []
    /// When every quoted word was said, in order: the words said among them that the quotation
    /// leaves out ("I am, for example, a pessimist…" quoted as "I am a pessimist…"); nil when
    /// the quotation has words the speaker did not say there.
    public var leftOut: [String]?

    /// Whether the words are as said: verbatim (up to case, punctuation and fillers), with one
    /// small slip, or with a few words left out; never when a word left out changes what was
    /// said (a "not", a "maybe", a number: `QuoteMatcher.changesMeaning`).
    public var isAsSaid: Bool {
        guard found else { return false }
        // (However long the quotation, a "not" it leaves out is not a small slip.)
        if leftOut?.contains(where: QuoteMatcher.changesMeaning) == true { return false }
        if similarity >= QuoteMatcher.faithfulThreshold { return true }
        guard let leftOut, !leftOut.isEmpty else { return false }
        let words = Tokenizer.terms(text).count
        return words >= 4 && leftOut.count <= max(2, words / 4)
    }

    /// The words a quotation as said leaves out, "for example", or nil.
    public var elision: String? {
        guard isAsSaid, let leftOut, !leftOut.isEmpty else { return nil }
        return leftOut.joined(separator: " ")
    }
}

extension QuoteMatch {
    /// The words as the transcript has them, or nil when the quotation was not found: a
    /// quotation running over several cues reads on from one paragraph to the next; the parts
    /// of one with an ellipsis are joined by one.
    public func said(in documents: [Document]) -> String? {
        guard found, let doc = ref?.doc, documents.indices.contains(doc), !spans.isEmpty else { return nil }
        let paragraphs = documents[doc].paragraphs
        var out = ""
        var last: TextSpan?
        for s in spans where paragraphs.indices.contains(s.paragraph) {
            let text = Array(paragraphs[s.paragraph].text.utf8)
            guard s.range.upperBound <= text.count else { continue }
            if let l = last {
                let onward = s.paragraph == l.paragraph + 1 && String(decoding: text[..<s.range.lowerBound], as: UTF8.self).allSatisfy(\.isWhitespace)
                    && String(decoding: Array(paragraphs[l.paragraph].text.utf8)[l.range.upperBound...], as: UTF8.self).allSatisfy { $0.isWhitespace || $0.isPunctuation }
                out += onward ? " " : " … "
            }
            out += String(decoding: text[s.range], as: UTF8.self)
            last = s
        }
        return out.isEmpty ? nil : out
    }
}

/// A UTF-8 range of a paragraph's text.
public struct TextSpan: Sendable, Equatable, Hashable {
    public var paragraph: Int
    public var range: Range<Int>
    public init(paragraph: Int, range: Range<Int>) {
        self.paragraph = paragraph
        self.range = range
    }
}

public enum Verdict: String, Sendable, Equatable, CaseIterable {
    case supported
    case divergent
    case notFound = "not-found"
}

/// A claim with its evidence, figure and quote checks, and verdict.
public struct CheckedClaim: Sendable, Equatable {
    public var claim: Claim
    public var verdict: Verdict
    public var evidence: [Evidence]
    public var figures: [FigureCheck]
    public var quotes: [QuoteMatch]
    /// Ids of claims in other documents that say the same thing.
    public var related: [String]

    /// The claim's figures that the evidence contradicts: it states another of their kind.
    public var differingFigures: [FigureCheck] { figures.filter { !$0.agree && $0.evidence != nil } }
    /// The claim's figures that the evidence does not state (it agrees on others of their kind).
    public var unstatedFigures: [Figure] { figures.filter { $0.evidence == nil }.map(\.claim) }
}
