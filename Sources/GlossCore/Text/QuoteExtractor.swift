import Foundation

/// Finds quoted phrases: "straight", “curly” and ‘single curly’ quotes.
public enum QuoteExtractor {
    public struct Quote: Equatable, Sendable {
        public var text: String
        /// UTF-8 byte range of the quoted text (without the marks).
        public var range: Range<Int>
    }

    public static func quotes(in text: String, minWords: Int = 1) -> [Quote] {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { $0 == "\"" || $0 == "“" || $0 == "‘" }) else { return [] }
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var o = 0
        for s in scalars { offsets.append(o); o += String(s).utf8.count }
        offsets.append(o)
        var out: [Quote] = []
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            var close: Unicode.Scalar?
            if c == "\"" { close = "\"" } else if c == "“" { close = "”" } else if c == "‘", i == 0 || !scalars[i - 1].properties.isAlphabetic { close = "’" }
            guard let closing = close else { i += 1; continue }
            var j = i + 1
            var found: Int?
            while j < scalars.count && j - i < 2000 {
                if scalars[j] == closing {
                    // A closing single quote must not be an apostrophe inside a word.
                    if closing == "’", j + 1 < scalars.count, scalars[j + 1].properties.isAlphabetic { j += 1; continue }
                    found = j
                    break
                }
                if c == "\"" && scalars[j] == "\n" { break }
                j += 1
            }
            if let f = found {
                let inner = String(String.UnicodeScalarView(scalars[(i + 1)..<f])).trimmingCharacters(in: .whitespaces)
                if TextTools.wordCount(inner) >= minWords && inner.contains(where: { $0.isLetter }) {
                    out.append(Quote(text: inner, range: offsets[i + 1]..<offsets[f]))
                }
                i = f + 1
            } else {
                i += 1
            }
        }
        return out
    }
}
