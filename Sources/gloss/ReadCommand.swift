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
            Press ? in the reader for its keys. Documents reopen where you left them, with your \
            marks (m), your searches and times (↑ at the / and : prompts) and the theme last \
            chosen with T, kept in $XDG_STATE_HOME/gloss/state.json \
            (~/.local/state/gloss/state.json by default). --at and --theme win over them.
            """)

    @Argument(help: "Files, folders or - (default: the bundled sample).") var paths: [String] = []
    @Option(parsing: .unconditional, help: "Open at this time of the first transcript (12:36, 1:47:41, 47m, 90s), or this far through the first document (50%).") var at: String?
    @Option(help: "Theme name (a file in Themes/): default-dark, light, high-contrast, ansi16.") var theme: String?
    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal.") var noMouse = false

    func validate() throws {
        if let at, Timestamp.parse(at) == nil, percentPlace(at) == nil { throw ValidationError("'\(at)' is not a time (try 12:36, 1:47:41, 47m or 90s) or a percentage (50%)") }
    }

    /// The state file's key for a document: its absolute path, symbolic links resolved; nil
    /// for what is not a regular file (stdin, the bundled sample).
    static func stateKey(_ path: String) -> String? {
        var isDir: ObjCBool = false
        guard path != "(stdin)", FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { return nil }
        return canonicalPath(path)
    }

    /// Saved places of these documents that still fit them (same size, same paragraphs), by
    /// path, and the saved marks in them.
    static func restored(_ docs: [Document], from saved: SavedState) -> (places: [String: Int], marks: [Character: Place]) {
        var places: [String: Int] = [:], marks: [Character: Place] = [:]
        var marksByKey: [String: [(Character, SavedState.Place)]] = [:]
        for (letter, m) in saved.marks { marksByKey[m.path, default: []].append((letter.first!, m.place)) }
        for d in docs {
            guard let key = stateKey(d.path) else { continue }
            if let item = saved.place(for: key, bytes: d.sourceBytes, paragraphs: d.paragraphs.count) { places[d.path] = item }
            for (letter, p) in marksByKey[key] ?? [] where p.fits(bytes: d.sourceBytes, paragraphs: d.paragraphs.count) {
                marks[letter] = Place(path: d.path, position: ScrollPosition(item: p.item))
            }
        }
        return (places, marks)
    }

    /// Saves where each document moved in this run was left, the marks, and a theme chosen
    /// with T. A failure is reported on stderr, after the terminal is restored, and is not fatal.
    static func save(_ state: AppState, theme: String?, historyChanged: Bool = false, to store: StateStore) {
        var out = SavedState()
        out.theme = theme
        // (Unchanged, the histories are left as saved: another reader's entries stay in order.)
        if historyChanged {
            out.searches = state.promptHistory[.search] ?? []
            out.times = state.promptHistory[.jump] ?? []
        }
        let now = Date().timeIntervalSince1970
        let byPath = Dictionary(state.documents.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        func place(_ path: String, _ item: Int) -> (key: String, place: SavedState.Place)? {
            guard let d = byPath[path], let key = stateKey(path) else { return nil }
            return (key, SavedState.Place(item: item, bytes: d.sourceBytes, paragraphs: d.paragraphs.count, saved: now))
        }
        for (path, item) in readingPlaces(state) {
            if let p = place(path, item) { out.documents[p.key] = p.place }
        }
        for (letter, mark) in state.marks {
            if let p = place(mark.path, mark.position.item) { out.marks[String(letter)] = SavedState.Mark(path: p.key, place: p.place) }
        }
        guard !out.documents.isEmpty || !out.marks.isEmpty || theme != nil || historyChanged else { return }
        do {
            try store.save(out)
        } catch {
            Output.error("reading places not saved: \(error)")
        }
    }

    func run() throws {
        // `gloss serach …`: a mistyped command is read as a path; say it is neither.
        if let word = paths.first, word != "-", word.allSatisfy({ $0.isLetter || $0 == "-" }),
           !FileManager.default.fileExists(atPath: word) {
            let commands = Gloss.configuration.subcommands.map { $0._commandName }.filter { $0 != Read._commandName }
            throw InputFailure(message: "\(word): no such file or folder, nor a command (\(commands.joined(separator: ", ")); gloss --help says more)")
        }
        // `-` on a terminal would wait, on a blank screen, for a document typed in.
        if paths.contains("-") && isatty(0) == 1 {
            throw ValidationError("- reads a document from standard input, which is this terminal: pipe one in (curl … | gloss -) or give its path")
        }
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
                // Nothing readable among the first files: load everything now to report properly
                // (stdin, read already, as it was read).
                first = try loadDocuments(paths, requireAll: false, stdin: stdinBytes)
            }
        }

        let setup = ReaderSetup.load(theme: theme)
        let themes = setup.themes, store = setup.store, saved = setup.saved
        var (terminal, state) = try setup.open(documents: first, mouse: !noMouse)
        // `--at` says where to open; otherwise documents reopen where they were left.
        // Marks set in earlier runs are there either way.
        let resume = at == nil && store != nil
        if store != nil {
            let restored = Read.restored(first, from: saved)
            state.marks = restored.marks
            if resume {
                state.resume = restored.places
                resumeReading(&state)
            }
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
                problems = (result.problems + result.unreadable).map(\.description)
            }
            if store != nil {
                let (places, marks) = Read.restored(docs, from: savedState)
                inbox.post(.resume(resume ? places : [:], marks: marks))
            }
            // The index first (reading, jumps and search work from then on), then the claims.
            let index = CorpusIndex(documents: docs)
            // (What each document is about, worked out here, not where the keys are read.)
            inbox.post(.corpusReady(documents: docs, index: index, claims: [], problems: problems, claimsPending: true,
                                    subjects: ClaimChecker.subjectsWithSections([], documents: docs)))
            index.prepareTitles()
            let checker = ClaimChecker(index: index)
            let claims = checker.check(checker.extractClaims()) { done, total in
                if done % max(1, total / 100) == 0 || done == total {
                    inbox.post(.progress(LoadingProgress(.checkingClaims, done: done, total: total)))
                }
            }
            inbox.post(.claimsReady(claims, subjects: checker.subjects(of: claims)))
        }
        if paths.count > 0 || sampleDocs == nil { runtime.send(.progress(LoadingProgress(done: 0, total: max(1, paths.count)))) }

        runtime.run()
        terminal.stop()
        setup.save(runtime.state)
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

    /// Saves what the run leaves behind (`Read.save`): places, marks, what was entered at the
    /// prompts, and the theme when `T` changed it.
    func save(_ state: AppState) {
        guard let store else { return }
        let chosen = state.themeIndex != startTheme && themes.indices.contains(state.themeIndex) ? themes[state.themeIndex].name : nil
        let historyChanged = (state.promptHistory[.search] ?? []) != saved.searches || (state.promptHistory[.jump] ?? []) != saved.times
        Read.save(state, theme: chosen, historyChanged: historyChanged, to: store)
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
        state.promptHistory = [.search: saved.searches, .jump: saved.times]
        state.message = message
        return (terminal, state)
    }
}
