/// A light suffix stripper so that "verifiable", "verified" and "verify" meet, and "geniuses"
/// meets "genius". Used for matching claims to evidence, not for search.
public enum Stemmer {
    static let rules: [(String, String)] = [
        ("ations", ""), ("ation", ""), ("ingly", ""), ("ments", ""), ("ment", ""), ("ness", ""), ("ities", ""),
        ("ity", ""), ("ables", ""), ("able", ""), ("ibly", ""), ("ible", ""), ("ably", ""), ("ings", ""), ("ing", ""),
        ("ies", "i"), ("ied", "i"), ("edly", ""), ("ed", ""), ("ly", ""), ("es", ""), ("s", ""), ("y", "i"), ("e", ""),
    ]

    /// Words the rules would run into others: "university" is not the "universe".
    static let exceptions: [String: String] = ["university": "university", "universities": "university"]

    public static func stem(_ term: String) -> String {
        guard term.count > 4, term.first?.isLetter == true else { return term }
        if let e = exceptions[term] { return e }
        // (A final s after s, u or i is the word's own: "process", "genius", "basis".)
        let ownS = term.hasSuffix("ss") || term.hasSuffix("us") || term.hasSuffix("is")
        for (suffix, replacement) in rules where term.hasSuffix(suffix) && !(suffix == "s" && ownS) {
            let base = term.dropLast(suffix.count)
            if base.count >= 4 { return String(base) + replacement }
        }
        return term
    }
}
