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
    @Option(help: "Theme name for the reader.") var theme: String?
    @Option(help: "Part of a newsletter to compare: auto (its brief against an article, its transcript against a transcript), all, summary, transcript.")
    var part: Aligner.Part = .auto

    func run() throws {
        let docs = [try loadDocument(left), try loadDocument(right)]
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
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var themes = ThemeLibrary.load(folder: ThemeLibrary.defaultFolder(executable: executable)).themes
        if ProcessInfo.processInfo.environment["NO_COLOR"].map({ !$0.isEmpty }) == true { themes = themes.map { $0.monochrome() } }
        let terminal: NcursesTerminal
        do { terminal = try NcursesTerminal(mouse: true) } catch { throw InputFailure(message: "\(error)") }
        var state = AppState(documents: docs, width: terminal.size.width, height: terminal.size.height, themeNames: themes.map(\.name))
        if let theme, let i = themes.firstIndex(where: { $0.name == theme }) { state.themeIndex = i }
        let checker = ClaimChecker(index: index)
        _ = GlossApp.update(&state, .corpusReady(documents: docs, index: index, claims: checker.check(checker.extractClaims()), problems: []))
        state.compare = CompareState(left: 0, right: 1, pairs: pairs)
        state.message = StatusMessage(text: "\(pairs.count) rows · ] next difference · Tab scrolls one side · q leaves", isError: false)
        let runtime = Runtime(backend: terminal, state: state, themes: themes)
        runtime.run()
        terminal.stop()
        if NcursesTerminal.receivedSignal != 0 { Output.flush(); Glibc.exit(128 + NcursesTerminal.receivedSignal) }
    }
}

extension Aligner.Part: ExpressibleByArgument {}
