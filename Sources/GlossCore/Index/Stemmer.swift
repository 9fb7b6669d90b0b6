/// A light suffix stripper so that "verifiable", "verified" and "verify" meet, "geniuses" meets
/// "genius", "optimistic" meets "optimism" and "organizational" "organization". Used for matching
/// claims to evidence and aligning passages, not for search.
public enum Stemmer {
    static let rules: [(String, String)] = [
        ("istically", ""), ("istic", ""), ("isms", ""), ("ism", ""), ("ists", ""), ("ist", ""),
        ("ationally", ""), ("ational", ""), ("ations", ""), ("ation", ""), ("ingly", ""), ("ments", ""), ("ment", ""), ("ness", ""), ("ities", ""),
        ("ity", ""), ("ables", ""), ("able", ""), ("ibly", ""), ("ible", ""), ("ably", ""), ("ings", ""), ("ing", ""),
        ("ies", "i"), ("ied", "i"), ("edly", ""), ("ed", ""), ("ly", ""), ("es", ""), ("s", ""), ("y", "i"), ("e", ""),
    ]

    /// Words the rules would run into others ("university" is not the "universe"), and words
    /// that are others' twins ("everybody" is "everyone": notes write one for the other).
    static let exceptions: [String: String] = ["university": "university", "universities": "university",
                                                   "everybody": "everyon", "somebody": "someon", "anybody": "anyon"]

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
