import ArgumentParser
import Foundation
import GlossApp
import GlossCore
import GlossRender
import GlossTerminal

#if canImport(Glibc)
import Glibc
#endif

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Two documents side by side, aligned passage by passage, with figure differences.")
    @OptionGroup var options: DocumentOptions
    @Argument(help: "The left document.") var left: String
    @Argument(help: "The right document.") var right: String
    @Option(help: "Theme name for the reader (as for gloss read).") var theme: String?
    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal.") var noMouse = false
    @Option(help: "Part of a newsletter to compare: auto (its brief against an article, its transcript against a transcript), all, summary, transcript.")
    var part: Aligner.Part = .auto

    func run() throws {
        var docs = [try loadDocument(left), try loadDocument(right)]
        Document.timeUntimedCopies(&docs)
        let index = CorpusIndex(documents: docs)
        let pairs = Aligner.align(index, left: 0, right: 1, part: part)
        if options.json {
            Output.json(Reports.compareJSON(index, left: 0, right: 1, pairs: pairs))
            return
        }
        guard NcursesTerminal.isInteractive else {
            Output.text(Reports.compareText(index, left: 0, right: 1, pairs: pairs))
            return
        }
        let setup = ReaderSetup.load(theme: theme)
        var (terminal, state) = try setup.open(documents: docs, mouse: !noMouse)
        let checker = ClaimChecker(index: index)
        _ = GlossApp.update(&state, .corpusReady(documents: docs, index: index, claims: checker.check(checker.extractClaims()), problems: []))
        // Marks of earlier runs; the places are where Esc leaves for the reader.
        if setup.store != nil { (state.resume, state.marks) = Read.restored(docs, from: setup.saved) }
        state.compare = CompareState(left: 0, right: 1, pairs: pairs)
        state.compare?.standalone = true
        // Row and difference counts are in the status bar already; the message says what to press.
        state.message = setup.message ?? StatusMessage(text: CompareState.standaloneKeysMessage, isError: false)
        let runtime = Runtime(backend: terminal, state: state, themes: setup.themes)
        runtime.run()
        terminal.stop()
        setup.save(runtime.state)
        if NcursesTerminal.receivedSignal != 0 { Output.flush(); Glibc.exit(128 + NcursesTerminal.receivedSignal) }
    }
}

extension Aligner.Part: ExpressibleByArgument {}
