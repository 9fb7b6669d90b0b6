import ArgumentParser
import Foundation
import GlossApp
import GlossCore
import GlossRender
import GlossSample
import GlossTerminal

#if canImport(Glibc)
import Glibc
#endif

struct Read: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the reader (the default): chapters, text, claims and commentary.",
        discussion: """
            Press ? in the reader for its keys. Documents reopen where you left them, with the \
            theme last chosen with T: the places are kept in $XDG_STATE_HOME/gloss/state.json \
            (~/.local/state/gloss/state.json by default). --at and --theme win over them.
            """)

    @Argument(help: "Files, folders or - (default: the bundled sample).") var paths: [String] = []
    @Option(help: "Open at this time of the first transcript: 12:36, 1:47:41, 47m, 90s.") var at: String?
    @Option(help: "Theme name (a file in Themes/): default-dark, light, high-contrast, ansi16.") var theme: String?
    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal.") var noMouse = false

    func validate() throws {
        if let at, Timestamp.parse(at) == nil { throw ValidationError("'\(at)' is not a time (try 12:36, 1:47:41, 47m or 90s)") }
    }

    /// The state file's key for a document: its absolute path, symbolic links resolved; nil
    /// for what is not a regular file (stdin, the bundled sample).
    static func stateKey(_ path: String) -> String? {
        var isDir: ObjCBool = false
        guard path != "(stdin)", FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { return nil }
        return URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Saved places of these documents that still fit them (same size, same paragraphs).
    static func places(_ docs: [Document], in saved: SavedState) -> [String: Int] {
        var out: [String: Int] = [:]
        for d in docs {
            if let key = stateKey(d.path), let item = saved.place(for: key, bytes: d.sourceBytes, paragraphs: d.paragraphs.count) { out[d.path] = item }
        }
        return out
    }

    /// Saves where each document moved in this run was left, and a theme chosen with T. A
    /// failure is reported on stderr, after the terminal is restored, and is not fatal.
    static func save(_ state: AppState, theme: String?, to store: StateStore) {
        var out = SavedState()
        out.theme = theme
        let now = Date().timeIntervalSince1970
        let byPath = Dictionary(state.documents.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        for (path, item) in readingPlaces(state) {
            guard let d = byPath[path], let key = stateKey(path) else { continue }
            out.documents[key] = SavedState.Place(item: item, bytes: d.sourceBytes, paragraphs: d.paragraphs.count, saved: now)
        }
        guard !out.documents.isEmpty || theme != nil else { return }
        do {
            try store.save(out)
        } catch {
            Output.error("reading places not saved: \(error)")
        }
    }

    func run() throws {
        // Without a terminal, print what the reader would open.
        guard NcursesTerminal.isInteractive || (paths.contains("-") && isatty(1) == 1) else {
            let docs = paths.isEmpty ? Sample.documents() : try loadDocuments(paths, requireAll: false)
            Output.text(Reports.tocText(docs))
            if paths.isEmpty { Output.text("\n(the bundled sample; run gloss in a terminal to read it)\n") }
            return
        }
        // The first document is shown at once; the rest load and index in the background.
        var first: [Document]
        var stdinBytes: [UInt8]?
        if paths.isEmpty {
            first = Sample.documents()
        } else {
            let (jobs, problems) = DocumentLoader.expand(paths: paths)
            if jobs.isEmpty { throw InputFailure(message: problems.first?.description ?? "no documents found") }
            if paths.contains("-") { stdinBytes = DocumentLoader.readAll(fd: 0) }
            first = []
            for job in jobs.prefix(50) {
                let bytes: [UInt8]
                do {
                    bytes = job.path == "-" ? (stdinBytes ?? []) : try DocumentLoader.readFile(job.path)
                    first = [try DocumentLoader.parse(bytes, path: job.path == "-" ? "(stdin)" : job.path, lenient: job.explicit, keepCues: false)]
                    break
                } catch {
                    continue
                }
            }
            if first.isEmpty {
                // Nothing readable among the first files: load everything now to report properly.
                first = try loadDocuments(paths, requireAll: false)
            }
        }

        let setup = ReaderSetup.load(theme: theme)
        let themes = setup.themes, startTheme = setup.startTheme, store = setup.store, saved = setup.saved
        var (terminal, state) = try setup.open(documents: first, mouse: !noMouse)
        // `--at` says where to open; otherwise documents reopen where they were left.
        let resume = at == nil && store != nil
        if resume {
            state.resume = Read.places(first, in: saved)
            resumeReading(&state)
        }
        let runtime = Runtime(backend: terminal, state: state, themes: themes)
        if let at { runtime.send(.jump(at)) }

        // Background: the whole corpus, the index and the claims.
        let inbox = runtime.inbox
        let allPaths = paths
        let sampleDocs = paths.isEmpty ? first : nil
        let stdinCopy = stdinBytes
        let savedState = saved
        Thread.detachNewThread {
            let docs: [Document]
            var problems: [String] = []
            if let sampleDocs {
                docs = sampleDocs
            } else {
                let result = DocumentLoader.load(paths: allPaths, stdin: { stdinCopy ?? [] }, keepCues: false) { done, total in
                    if done % max(1, total / 50) == 0 || done == total { inbox.post(.progress(LoadingProgress(done: done, total: total))) }
                }
                docs = result.documents
                problems = result.problems.map(\.description)
            }
            if resume { inbox.post(.resume(Read.places(docs, in: savedState))) }
            // The index first (reading, jumps and search work from then on), then the claims.
            let index = CorpusIndex(documents: docs)
            inbox.post(.corpusReady(documents: docs, index: index, claims: [], problems: problems, claimsPending: true))
            let checker = ClaimChecker(index: index)
            let claims = checker.check(checker.extractClaims()) { done, total in
                if done % max(1, total / 100) == 0 || done == total {
                    inbox.post(.progress(LoadingProgress(.checkingClaims, done: done, total: total)))
                }
            }
            inbox.post(.claimsReady(claims))
        }
        if paths.count > 0 || sampleDocs == nil { runtime.send(.progress(LoadingProgress(done: 0, total: max(1, paths.count)))) }

        runtime.run()
        terminal.stop()
        if let store { Read.save(runtime.state, theme: runtime.state.themeIndex != startTheme ? (themes.indices.contains(runtime.state.themeIndex) ? themes[runtime.state.themeIndex].name : nil) : nil, to: store) }
        let sig = NcursesTerminal.receivedSignal
        if sig != 0 {
            Output.flush()
            Glibc.exit(128 + sig)
        }
    }
}

/// What the reader and `gloss compare` start with: the themes (monochrome under NO_COLOR), the
/// one to start with (`--theme`, else the one last chosen with T), the state store and what it
/// held, and a message about a broken theme file, an unknown theme or an unreadable state file.
struct ReaderSetup {
    var themes: [Theme]
    var startTheme = 0
    var message: StatusMessage?
    var store: StateStore?
    var saved = SavedState()

    static func load(theme: String?) -> ReaderSetup {
        let executable = CommandLine.arguments.first.flatMap { $0.contains("/") ? $0 : nil } ?? "/proc/self/exe"
        let library = ThemeLibrary.load(folder: ThemeLibrary.defaultFolder(executable: (executable == "/proc/self/exe" ? (try? FileManager.default.destinationOfSymbolicLink(atPath: executable)) ?? executable : executable)))
        var setup = ReaderSetup(themes: library.themes)
        if ProcessInfo.processInfo.environment["NO_COLOR"].map({ !$0.isEmpty }) == true {
            setup.themes = setup.themes.map { $0.monochrome() }
        }
        let themes = setup.themes
        if let e = library.errors.first {
            setup.message = StatusMessage(text: "theme \(e.description); using \(themes[0].name)", isError: true)
        }
        // What earlier runs left: places in documents, and the theme last chosen with T.
        setup.store = StateStore.standard()
        if let store = setup.store {
            let (s, warning) = store.load()
            setup.saved = s
            if let warning, setup.message == nil { setup.message = StatusMessage(text: warning, isError: true) }
        }
        if let name = theme {
            if let i = ThemeLibrary(themes: themes).index(named: name) ?? themes.firstIndex(where: { $0.name.hasPrefix(name) }) {
                setup.startTheme = i
            } else {
                setup.message = StatusMessage(text: "no theme ‘\(name)’; themes: \(themes.map(\.name).joined(separator: ", "))", isError: true)
            }
        } else if let name = setup.saved.theme, let i = themes.firstIndex(where: { $0.name == name }) {
            setup.startTheme = i
        }
        return setup
    }

    /// The terminal, and a reader state on it for these documents with the start theme, the
    /// mouse as asked and the start message.
    func open(documents: [Document], mouse: Bool) throws -> (NcursesTerminal, AppState) {
        let terminal: NcursesTerminal
        do { terminal = try NcursesTerminal(mouse: mouse) } catch { throw InputFailure(message: "\(error)") }
        var state = AppState(documents: documents, width: terminal.size.width, height: terminal.size.height,
                             themeNames: themes.map(\.name))
        state.themeIndex = startTheme
        state.mouseEnabled = mouse
        state.message = message
        return (terminal, state)
    }
}
