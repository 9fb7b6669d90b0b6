import ArgumentParser
import Foundation
import GlossCore
import GlossRender
import GlossSample

#if canImport(Glibc)
import Glibc
#endif

/// An input problem: reported on stderr, exit status 1.
struct InputFailure: Error {
    var message: String
}

struct Gloss: ParsableCommand {
    static let version = "0.1.0"
    static let configuration = CommandConfiguration(
        commandName: "gloss",
        abstract: "Read interviews and what was written about them, side by side.",
        discussion: """
            With no subcommand, opens the reader on the given files or folders (or on the bundled \
            sample). The other subcommands take --json for machine-readable output.

            Formats, told by content: WebVTT, SubRip, SubStation Alpha (.ssa, .ass), TTML/DFXP, \
            YouTube's SubViewer (.sbv), \
            Podcasting 2.0, Whisper and YouTube JSON and XML, the JSON of AssemblyAI, Deepgram, \
            Rev.ai and Amazon Transcribe, Podcasting 2.0 HTML transcripts and \
            chapters files, Markdown, timed plain text, newsletter exports, HTML and plain-text \
            articles, and caption text or speaker-labelled text without timings.
            """,
        version: version,
        subcommands: [Read.self, Toc.self, Show.self, Search.self, Dump.self, Claims.self, Check.self, Compare.self, Bench.self],
        defaultSubcommand: Read.self
    )

    /// Runs with our exit-code policy: usage errors exit 2 (ArgumentParser would use 64).
    static func main(_ args: [String]) {
        do {
            var command = try parseAsRoot(args)
            try command.run()
            Output.flush()
            Glibc.exit(0)
        } catch let failure as InputFailure {
            Output.flush()
            Output.error(failure.message)
            Glibc.exit(1)
        } catch {
            Output.flush()
            let code = exitCode(for: error)
            // ("gloss: Error: …" said it twice.)
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
            if code == .success {
                if !message.isEmpty { Output.write(message + "\n") }
                Output.flush()
                Glibc.exit(0)
            }
            if code.rawValue == ExitCode.validationFailure.rawValue || error is ValidationError || code.rawValue == 64 {
                Output.error(message)
                Glibc.exit(2)
            }
            Output.error(message)
            Glibc.exit(code.rawValue == 0 ? 1 : code.rawValue)
        }
    }
}

/// Options shared by the document commands.
struct DocumentOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of readable text.")
    var json = false
}

/// Loads paths; problems become warnings, or a failure when nothing loads.
/// - Parameter stdin: what `-` reads, when stdin was read already.
func loadDocuments(_ paths: [String], requireAll: Bool = true, keepCues: Bool = false, stdin: [UInt8]? = nil) throws -> [Document] {
    let result = stdin.map { bytes in DocumentLoader.load(paths: paths, stdin: { bytes }, keepCues: keepCues) }
        ?? DocumentLoader.load(paths: paths, keepCues: keepCues)
    if let p = result.problems.first, requireAll || result.documents.isEmpty {
        throw InputFailure(message: p.description)
    }
    for p in result.problems { Output.error(p.description) }
    for line in result.unreadableSummary() { Output.error(line) }
    if result.documents.isEmpty {
        let what = paths.count == 1 ? paths[0] : paths.joined(separator: ", ")
        throw InputFailure(message: "\(what): no documents found")
    }
    return result.documents
}

/// A path with `.`, `..` and symbolic links resolved, to tell the same file named twice (`-`,
/// standard input, as it is).
func canonicalPath(_ path: String) -> String {
    path == "-" ? path : URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
}

/// Loads the one document a command reads (a folder holding several is an error, not its first).
func loadDocument(_ path: String, keepCues: Bool = false) throws -> Document {
    let docs = try loadDocuments([path], keepCues: keepCues)
    guard docs.count == 1 else {
        throw InputFailure(message: "\(path): \(docs.count) documents there; give one of them")
    }
    return docs[0]
}

struct Toc: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List documents with their chapters or sections.")
    @OptionGroup var options: DocumentOptions
    @Argument(help: "Files, folders or - for stdin.") var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one PATH") }
    }

    func run() throws {
        let docs = try loadDocuments(paths, requireAll: false)
        // A transcript named only by its file: the notes about it (by the episode number both
        // names give; claims are not checked here) say which episode it is, as in the reader.
        let about = docs.contains { $0.kind == .transcript && $0.metadata.title == nil }
            ? ClaimChecker.writtenAbout(ClaimChecker.subjectsWithSections([], documents: docs), documents: docs) : [:]
        if options.json { Output.json(Reports.tocJSON(docs, about: about)) } else { Output.text(Reports.tocText(docs, about: about)) }
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the section and paragraph at a time.")
    @OptionGroup var options: DocumentOptions
    @Argument(help: "A transcript file.") var path: String
    @Option(parsing: .unconditional, help: "A time: 12:36, 00:12:36, 1:47:41, 47m, 1h31m19s, 90s.") var at: String

    func validate() throws {
        if Timestamp.parse(at) == nil { throw ValidationError("'\(at)' is not a time (try 12:36, 1:47:41, 47m or 90s)") }
    }

    func run() throws {
        let doc = try loadDocument(path)
        let t = Timestamp.parse(at)!
        guard doc.section(at: t) != nil else {
            throw InputFailure(message: "\(path): no timed sections to show at \(Timestamp.format(t))")
        }
        if doc.isPastEnd(t) {
            throw InputFailure(message: "\(path): \(Timestamp.format(t)) is past \(doc.endForMessage(Timestamp.format))")
        }
        if options.json { Output.json(Reports.showJSON(doc, at: t)) } else { Output.text(Reports.showText(doc, at: t)) }
    }
}

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search the documents (ranked; \"quoted phrases\" must match).",
        discussion: """
            Case and accents do not matter. A paragraph must have every word but the commonest \
            ("the", "of"); a hyphenated word finds its parts together, written either way \
            (GPT-3 finds GPT-3, GPT3 and GPT 3), and a compound written solid finds its two \
            words (datacenter finds "data center", and data center "datacenter"). A clock time \
            (20:00, 1:47:41) finds where each transcript is then ("times"), and the texts that \
            write it. When no \
            paragraph has every word, those with \
            some are listed, and the first line (or "all_words": false) says so; a word no \
            paragraph has is offered spelled as the documents spell a word close to it \
            ("suggestion").
            """)
    @OptionGroup var options: DocumentOptions
    @Option(name: .shortAndLong, help: "Maximum number of hits.") var limit = 20
    @Argument(help: "The query.") var query: String
    @Argument(help: "Files, folders or - (default: the bundled sample).") var paths: [String] = []

    func validate() throws {
        if SearchQuery(query).isEmpty { throw ValidationError("the query has no words to search for") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let docs = paths.isEmpty ? Sample.documents() : try loadDocuments(paths, requireAll: false)
        let index = CorpusIndex(documents: docs)
        let q = SearchQuery(query)
        let hits = index.search(q, limit: limit)
        // A word no paragraph has may be misspelled: the nearest the index knows is offered.
        let suggestion = hits.first?.allWords == true ? nil : index.suggestion(for: query)
        let sections = Array(index.sectionHits(q).prefix(limit))
        let times = Array(index.timeHits(q).prefix(limit))
        if options.json {
            Output.json(Reports.searchJSON(index, hits: hits, query: q, suggestion: suggestion, sections: sections, times: times))
        } else {
            Output.text(Reports.searchText(index, hits: hits, query: q, suggestion: suggestion, sections: sections, times: times))
        }
    }
}

struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the whole parsed model of a document (cues too).")
    @OptionGroup var options: DocumentOptions
    @Argument(help: "A file, or - for stdin.") var path: String

    func run() throws {
        let doc = try loadDocument(path, keepCues: true)
        if options.json { Output.json(Reports.dumpJSON(doc)) } else { Output.text(Reports.dumpText(doc)) }
    }
}

struct Claims: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract claims from summaries and articles and check each against the transcripts.")
    @OptionGroup var options: DocumentOptions
    @Argument(help: "Files, folders or - (default: the bundled sample).") var paths: [String] = []
    @Option(help: "Only the claims of this verdict.") var only: Verdict?

    func run() throws {
        let docs = paths.isEmpty ? Sample.documents() : try loadDocuments(paths, requireAll: false)
        let index = CorpusIndex(documents: docs)
        let checker = ClaimChecker(index: index)
        let checked = checker.check(checker.extractClaims()).filter { only == nil || $0.verdict == only }
        if options.json { Output.json(Reports.claimsJSON(index, checked)) } else { Output.text(Reports.claimsText(index, checked)) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check articles' quotes and claims against a transcript.")
    @OptionGroup var options: DocumentOptions
    @Argument(help: "The articles (or summaries): files or folders.") var articles: [String] = []
    @Option(help: "The transcript to check against.") var against: String

    func validate() throws {
        if articles.isEmpty { throw ValidationError("give the ARTICLE to check") }
    }

    func run() throws {
        let transcript = try loadDocument(against)
        // (A folder holding the transcript too: the transcript is not checked against itself.)
        let same = canonicalPath(transcript.path)
        var docs = try loadDocuments(articles, requireAll: false).filter { canonicalPath($0.path) != same }
        guard !docs.isEmpty else { throw InputFailure(message: "\(articles.joined(separator: ", ")): nothing to check but the transcript itself") }
        docs.append(transcript)
        let t = docs.count - 1
        let index = CorpusIndex(documents: docs)
        let checker = ClaimChecker(index: index, transcripts: [t])
        let quotes = (0..<t).flatMap { i in checker.quotes.check(article: docs[i], against: [t]).map { (article: i, match: $0) } }
        let claims = checker.check((0..<t).flatMap { ClaimExtractor.claims(in: docs[$0], docIndex: $0, participants: checker.participants) })
        if options.json {
            Output.json(Reports.checkJSON(index, quotes: quotes, claims: claims))
        } else {
            Output.text(Reports.checkText(index, quotes: quotes, claims: claims, articles: t))
        }
    }
}

extension Verdict: ExpressibleByArgument {}
