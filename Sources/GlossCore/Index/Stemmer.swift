/// A light suffix stripper so that "verifiable", "verified" and "verify" meet, and "geniuses"
/// meets "genius". Used for matching claims to evidence, not for search.
public enum Stemmer {
    static let rules: [(String, String)] = [
        ("ations", ""), ("ation", ""), ("ingly", ""), ("ments", ""), ("ment", ""), ("ness", ""), ("ities", ""),
        ("ity", ""), ("ables", ""), ("able", ""), ("ibly", ""), ("ible", ""), ("ably", ""), ("ings", ""), ("ing", ""),
        ("ies", "i"), ("ied", "i"), ("edly", ""), ("ed", ""), ("ly", ""), ("es", ""), ("s", ""), ("y", "i"), ("e", ""),
    ]

    public static func stem(_ term: String) -> String {
        guard term.count > 4, term.first?.isLetter == true else { return term }
        for (suffix, replacement) in rules where term.hasSuffix(suffix) {
            let base = term.dropLast(suffix.count)
            if base.count >= 4 { return String(base) + replacement }
        }
        return term
    }
}
