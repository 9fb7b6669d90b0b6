import Foundation

/// Splits text into sentences (with UTF-8 byte ranges), keeping abbreviations, decimals and
/// quotations together.
public enum Sentences {
    static let abbreviations: Set<String> = ["mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "e.g", "i.e", "u.s", "u.k",
                                            "jr", "sr", "inc", "ltd", "co", "no", "vol", "fig", "approx", "jan", "feb", "mar",
                                            "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m"]

    public static func split(_ text: String) -> [(text: String, range: Range<Int>)] {
        let b = Array(text.utf8)
        var out: [(String, Range<Int>)] = []
        var start = 0
        var i = 0
        let n = b.count
        func emit(_ end: Int) {
            var s = start, e = end
            while s < e && (b[s] == 0x20 || b[s] == 0x0A) { s += 1 }
            while e > s && (b[e - 1] == 0x20 || b[e - 1] == 0x0A) { e -= 1 }
            if e > s { out.append((String(decoding: b[s..<e], as: UTF8.self), s..<e)) }
            start = end
        }
        while i < n {
            let c = b[i]
            if c == 0x2E || c == 0x21 || c == 0x3F {
                var j = i + 1
                // Closing quotes/brackets stay with the sentence.
                while j < n {
                    if b[j] == 0x22 || b[j] == 0x27 || b[j] == 0x29 { j += 1; continue }
                    if b[j] == 0xE2 && j + 2 < n && b[j + 1] == 0x80 && (b[j + 2] == 0x9D || b[j + 2] == 0x99) { j += 3; continue }
                    break
                }
                guard j < n else { break }
                guard b[j] == 0x20 || b[j] == 0x0A else { i += 1; continue }
                if c == 0x2E {
                    // Decimal points and abbreviations don't end sentences.
                    var w = i - 1
                    while w >= start && w > i - 12 && b[w] != 0x20 && b[w] != 0x0A && b[w] != 0x28 { w -= 1 }
                    let word = String(decoding: b[(w + 1)..<i], as: UTF8.self).lowercased()
                    if abbreviations.contains(word) || (word.count == 1 && word.first!.isLetter) { i += 1; continue }
                }
                // The next sentence starts with an uppercase letter, digit or quote.
                var k = j
                while k < n && b[k] == 0x20 { k += 1 }
                if k < n {
                    let d = b[k]
                    let startsSentence = (d >= 0x41 && d <= 0x5A) || (d >= 0x30 && d <= 0x39) || d == 0x22 || d == 0x27 || d == 0xE2 || d >= 0xC3
                    if !startsSentence { i += 1; continue }
                }
                emit(j)
                i = j
                continue
            }
            i += 1
        }
        emit(n)
        return out
    }
}
