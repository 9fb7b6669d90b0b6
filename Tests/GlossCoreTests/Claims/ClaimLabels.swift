@testable import GlossCore

/// Hand-labelled claims: the start of the claim sentence, the verdict a careful reader would give
/// after reading the transcript, and the chapter start of the passage that should be linked
/// (nil for "not found"). Written by us from reading the documents; the linker's accuracy on
/// them is reported in the README.
struct ClaimLabel {
    var prefix: String
    var verdict: Verdict
    var sectionStart: Double?
}

enum ClaimLabels {
    /// The bundled sample (GlossSample): interview, brief and two commentaries.
    static let sample: [ClaimLabel] = [
        .init(prefix: "Tobias Ferrand, who runs the Harbor Storage", verdict: .supported, sectionStart: 0),
        .init(prefix: "The first phase, 120 megawatt-hours", verdict: .supported, sectionStart: 0),
        .init(prefix: "Ferrand said cell prices fell from about $150", verdict: .supported, sectionStart: 690),
        .init(prefix: "He said transformer lead times grew", verdict: .supported, sectionStart: 690),
        .init(prefix: "Last August the battery covered about 18%", verdict: .supported, sectionStart: 250),
        .init(prefix: "He estimated that six or seven projects", verdict: .supported, sectionStart: 250),
        .init(prefix: "Phase one cost $61 million; phase two", verdict: .supported, sectionStart: 690),
        .init(prefix: "Ferrand expects pilots of eight-to-ten-hour", verdict: .supported, sectionStart: 1590),
        .init(prefix: "Ferrand said the city could run its evening peak", verdict: .divergent, sectionStart: 250),
        .init(prefix: "He was proud that the battery covered a third", verdict: .divergent, sectionStart: 250),
        .init(prefix: "The cells got cheaper, Ferrand admitted", verdict: .divergent, sectionStart: 690),
        .init(prefix: "But he was candid that transformers", verdict: .supported, sectionStart: 690),
        .init(prefix: "\"We nearly lost the pier,\"", verdict: .divergent, sectionStart: 1185),
        .init(prefix: "Cell prices fell by roughly 40 percent", verdict: .supported, sectionStart: 690),
        .init(prefix: "He was careful to add that cells are only about a third", verdict: .supported, sectionStart: 690),
        .init(prefix: "He thinks six or seven projects", verdict: .supported, sectionStart: 250),
        .init(prefix: "Phase one cost $61 million.", verdict: .supported, sectionStart: 690),
        .init(prefix: "Phase two, Ferrand said, is budgeted at $200 million", verdict: .divergent, sectionStart: 690),
        .init(prefix: "On the fire scare, Ferrand was blunt", verdict: .supported, sectionStart: 1185),
        .init(prefix: "Ferrand expects pilots of eight to ten hour", verdict: .supported, sectionStart: 1590),
    ]

    /// The seeds: the newsletter's own summaries and the commentary article, against the
    /// newsletter transcript (which stops inside 00:12:36).
    static let seeds: [ClaimLabel] = [
        // Brief, Why it matters, Key details, description.
        .init(prefix: "Dario Amodei’s core claim is that AI progress", verdict: .supported, sectionStart: 0),
        .init(prefix: "He frames today’s systems as the continuation", verdict: .supported, sectionStart: 0),
        .init(prefix: "In his telling, the old pretraining scaling laws", verdict: .supported, sectionStart: 0),
        .init(prefix: "That leads him to treat the current pretraining-plus-RL stack", verdict: .supported, sectionStart: 0),
        .init(prefix: "He points to public reports of log-linear", verdict: .supported, sectionStart: 0),
        .init(prefix: "He says he is around 90% confident", verdict: .supported, sectionStart: 756),
        .init(prefix: "He is most confident on tasks with verifiable feedback", verdict: .supported, sectionStart: 756),
        .init(prefix: "He is somewhat less certain on domains", verdict: .supported, sectionStart: 756),
        .init(prefix: "On the contentious issue of continual learning", verdict: .notFound, sectionStart: nil),
        .init(prefix: "Broad pretraining, RL generalization", verdict: .notFound, sectionStart: nil),
        .init(prefix: "He dismisses the idea that diffusion nullifies", verdict: .notFound, sectionStart: nil),
        .init(prefix: "As evidence that adoption is already very fast", verdict: .notFound, sectionStart: nil),
        .init(prefix: "If model capability reaches", verdict: .notFound, sectionStart: nil),
        .init(prefix: "That leads into his economic model", verdict: .notFound, sectionStart: nil),
        .init(prefix: "His stylized picture is that individual model", verdict: .notFound, sectionStart: nil),
        .init(prefix: "In a more mature equilibrium", verdict: .notFound, sectionStart: nil),
        .init(prefix: "He pushes back on the view that profitable AI labs", verdict: .notFound, sectionStart: nil),
        .init(prefix: "Notably, he also quantifies the physical side", verdict: .notFound, sectionStart: nil),
        .init(prefix: "He rejects a blanket 10-year moratorium", verdict: .notFound, sectionStart: nil),
        .init(prefix: "His preferred sequence is transparency first", verdict: .notFound, sectionStart: nil),
        .init(prefix: "That concern carries into his China stance", verdict: .notFound, sectionStart: nil),
        .init(prefix: "At the same time, he distinguishes restricting", verdict: .notFound, sectionStart: nil),
        .init(prefix: "In a 142-minute interview published", verdict: .supported, sectionStart: 756),
        .init(prefix: "Amodei argued that the same “Big Blob of Compute”", verdict: .supported, sectionStart: 0),
        .init(prefix: "He said Anthropic has seen revenue compound", verdict: .notFound, sectionStart: nil),
        .init(prefix: "On coding productivity, Amodei distinguished", verdict: .supported, sectionStart: 756),
        .init(prefix: "Amodei said Anthropic engineers are already using Claude", verdict: .notFound, sectionStart: nil),
        .init(prefix: "He argued continual learning may not be necessary", verdict: .notFound, sectionStart: nil),
        .init(prefix: "Dario Amodei thinks we are just a few years away", verdict: .divergent, sectionStart: 756),
        // The commentary article.
        .init(prefix: "His framing was careful: \"near the end of the exponential\"", verdict: .supported, sectionStart: 0),
        .init(prefix: "He thinks it is three to five years away.", verdict: .divergent, sectionStart: 756),
        .init(prefix: "Some context: Anthropic went from zero to $10 billion", verdict: .notFound, sectionStart: nil),
        .init(prefix: "His honest framing: Anthropic believes the work", verdict: .notFound, sectionStart: nil),
        .init(prefix: "He said something that very few AI executives", verdict: .notFound, sectionStart: nil),
        .init(prefix: "Dario returned repeatedly to reinforcement learning", verdict: .notFound, sectionStart: nil),
    ]

    /// Lenny's insights on Alex Komoroske's episode (LLM-written notes; every sentence a claim),
    /// against its transcript (five-minute windows). Labelled from reading the transcript: those
    /// marked "recall" are said there (the FOMO recaps at 54:33…) but paraphrased too loosely for
    /// the linker, which calls them not found. (Kayfabe at 24:28, and "feed" and "kooky", the
    /// speaker's words quoted alone, were such misses once.)
    static let gardener: [ClaimLabel] = [
        .init(prefix: "The builder mindset focuses on executing a predefined plan", verdict: .supported, sectionStart: 0),
        .init(prefix: "In contrast, the gardening mindset involves planting seeds", verdict: .supported, sectionStart: 0),  // recall
        .init(prefix: "This disruptive technology invalidates many mature industry playbooks", verdict: .supported, sectionStart: 600),
        .init(prefix: "Product builders must now design for a world where software is squishy", verdict: .supported, sectionStart: 600),
        .init(prefix: "Your taste is defined by having a distinctive", verdict: .supported, sectionStart: 900),
        .init(prefix: "This acts as an \"electric bike for the mind,\"", verdict: .divergent, sectionStart: 1200),  // "bicycle"
        .init(prefix: "Organizational kayfabe is a shared fiction", verdict: .supported, sectionStart: 1200),
        .init(prefix: "This systemic force compounds up hierarchies", verdict: .supported, sectionStart: 1500),
        .init(prefix: "Look for ideas that have inherent compounding loops", verdict: .supported, sectionStart: 1800),
        .init(prefix: "This \"farming for miracles\" is a systemic approach", verdict: .supported, sectionStart: 1800),
        .init(prefix: "Dedicate a majority (e.g., 70%) of your team's effort", verdict: .supported, sectionStart: 2100),
        .init(prefix: "This credibility creates \"cover fire,\"", verdict: .supported, sectionStart: 2100),
        .init(prefix: "Coordination cost scales with the square of the number of people", verdict: .supported, sectionStart: 2400),
        .init(prefix: "The alternative is to embrace a swarm of autonomous \"sports cars,\"", verdict: .supported, sectionStart: 2400),
        .init(prefix: "A strategy salon (or nerd club) is a secret, opt-in group", verdict: .supported, sectionStart: 2700),
        .init(prefix: "Start community building with the smallest viable seed", verdict: .supported, sectionStart: 3000),
        .init(prefix: "Actively \"feed\" the community", verdict: .supported, sectionStart: 3000),
        .init(prefix: "A community with only one person speaking is functionally dead", verdict: .supported, sectionStart: 3000),  // recall
        .init(prefix: "Paradoxically, giving yourself less time to complete a small task", verdict: .supported, sectionStart: 3300),
        // The example it puts in quotation marks is not what he said.
        .init(prefix: "Create black-and-white \"always rules\"", verdict: .divergent, sectionStart: 3300),
        .init(prefix: "When an interesting idea or formulation strikes", verdict: .supported, sectionStart: 3600),
        .init(prefix: "The adjacent possible is the set of actions immediately available", verdict: .supported, sectionStart: 3900),
        .init(prefix: "Being perceived as \"kooky\" or unserious can be a strength", verdict: .supported, sectionStart: 3900),
        .init(prefix: "In mentorship and management, actively look for and verbally identify a person's \"superpower\"", verdict: .supported, sectionStart: 2100),
        .init(prefix: "Happiness can be framed as reality minus expectations", verdict: .supported, sectionStart: 4200),
        .init(prefix: "Holding goals and outcomes lightly", verdict: .supported, sectionStart: 4200),  // recall
    ]
}
