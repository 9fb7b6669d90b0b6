import Foundation
import XCTest
@testable import GlossApp
@testable import GlossCore

/// The state kept between runs: where documents were left, and the theme.
final class SavedStateTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-state-tests-\(getpid())-\(name.hashValue)")
        try? FileManager.default.removeItem(at: folder)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    var store: StateStore { StateStore(file: folder.appendingPathComponent("gloss/state.json")) }

    func place(_ item: Int, saved: Double = 1) -> SavedState.Place {
        SavedState.Place(item: item, bytes: 100, paragraphs: 10, saved: saved)
    }

    func testLocationFollowsXDGStateHome() {
        XCTAssertEqual(StateStore.standard(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/home/a"])?.file.path, "/x/state/gloss/state.json")
        // A relative XDG_STATE_HOME is not valid (XDG base directory spec): the default is used.
        XCTAssertEqual(StateStore.standard(environment: ["XDG_STATE_HOME": "rel", "HOME": "/home/a"])?.file.path, "/home/a/.local/state/gloss/state.json")
        XCTAssertNil(StateStore.standard(environment: [:]))
        XCTAssertEqual(StateStore.abbreviated("/home/a/.local/state/gloss/state.json", home: "/home/a"), "~/.local/state/gloss/state.json")
        XCTAssertEqual(StateStore.abbreviated("/home/ab/x", home: "/home/a"), "/home/ab/x")
    }

    func testSaveAndLoadAtomicallyAndPrivately() throws {
        XCTAssertEqual(store.load().state, SavedState(), "no file yet: an empty state, no warning")
        XCTAssertNil(store.load().warning)
        var s = SavedState()
        s.theme = "light"
        s.documents["/a/interview.vtt"] = place(42)
        try store.save(s)
        let (loaded, warning) = store.load()
        XCTAssertNil(warning)
        XCTAssertEqual(loaded, s)
        XCTAssertEqual(loaded.place(for: "/a/interview.vtt", bytes: 100, paragraphs: 10), 42)
        XCTAssertNil(loaded.place(for: "/a/interview.vtt", bytes: 101, paragraphs: 10), "the file changed: start at the top")
        XCTAssertNil(loaded.place(for: "/a/other.vtt", bytes: 100, paragraphs: 10))
        let dir = folder.appendingPathComponent("gloss").path
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["state.json"], "no temporary file left")
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: dir)[.posixPermissions] as? NSNumber)?.intValue, 0o700)
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: store.file.path)[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let text = try String(contentsOf: store.file, encoding: .utf8)
        XCTAssertTrue(text.contains("\"/a/interview.vtt\""), text)
    }

    /// A second reader quitting later keeps the first one's places; its theme wins.
    func testSavesMergeWithWhatIsThere() throws {
        var a = SavedState()
        a.theme = "light"
        a.documents["/a"] = place(1)
        a.documents["/b"] = place(2)
        try store.save(a)
        var b = SavedState()
        b.documents["/b"] = place(5)
        try store.save(b)
        var c = SavedState()
        c.theme = "ansi16"
        try store.save(c)
        let loaded = store.load().state
        XCTAssertEqual(loaded.documents, ["/a": place(1), "/b": place(5)])
        XCTAssertEqual(loaded.theme, "ansi16")
    }

    /// Marks are saved by letter with the document's path; a later save replaces a letter and
    /// keeps the others; a file written before marks were kept still loads; only letters name
    /// marks.
    func testMarksAreSavedByLetter() throws {
        var a = SavedState()
        a.marks["a"] = SavedState.Mark(path: "/x.vtt", place: place(4))
        a.marks["b"] = SavedState.Mark(path: "/y.vtt", place: place(9))
        try store.save(a)
        var b = SavedState()
        b.marks["a"] = SavedState.Mark(path: "/z.vtt", place: place(1))
        try store.save(b)
        XCTAssertEqual(store.load().state.marks, ["a": SavedState.Mark(path: "/z.vtt", place: place(1)), "b": SavedState.Mark(path: "/y.vtt", place: place(9))])
        XCTAssertTrue(place(4).fits(bytes: 100, paragraphs: 10))
        XCTAssertFalse(place(4).fits(bytes: 100, paragraphs: 11), "the file changed")

        try Data("{\"version\":1,\"documents\":{\"/a\":{\"item\":3,\"bytes\":100,\"paragraphs\":10,\"saved\":1}}}".utf8).write(to: store.file)
        XCTAssertNil(store.load().warning)
        XCTAssertEqual(store.load().state.documents, ["/a": place(3)])
        XCTAssertEqual(store.load().state.marks, [:])
        let mark = "{\"path\":\"/a\",\"place\":{\"item\":3,\"bytes\":100,\"paragraphs\":10,\"saved\":1}}"
        try Data("{\"version\":1,\"documents\":{},\"marks\":{\"q\":\(mark),\"7\":\(mark),\"ab\":\(mark),\"\":\(mark)}}".utf8).write(to: store.file)
        XCTAssertEqual(Array(store.load().state.marks.keys), ["q"])
    }

    /// What was entered at the prompts is kept in order; a second reader's entries stay with
    /// the first's, each once; an entry the prompt could not have taken (a control character,
    /// over 200 characters) is dropped; a file from before histories were kept loads.
    func testPromptHistoriesAreSavedAndMerged() throws {
        var a = SavedState()
        a.searches = ["country of geniuses", "revenue"]
        a.times = ["12:36"]
        try store.save(a)
        XCTAssertEqual(store.load().state.searches, ["country of geniuses", "revenue"])
        var b = SavedState()
        b.searches = ["revenue", "diffusion"]
        try store.save(b)
        XCTAssertEqual(store.load().state.searches, ["country of geniuses", "revenue", "diffusion"])
        XCTAssertEqual(store.load().state.times, ["12:36"], "an empty history leaves the saved one")
        let many = (0..<150).map { "q\($0)" }
        XCTAssertEqual(SavedState.mergedHistory(["old"], many), Array(many.suffix(100)))

        try Data("{\"version\":1,\"documents\":{},\"searches\":[\"ok\",\"\\u001b]52;c;x\\u0007\",\"\",\"\(String(repeating: "x", count: 201))\",\"fine too\"]}".utf8).write(to: store.file)
        XCTAssertNil(store.load().warning)
        XCTAssertEqual(store.load().state.searches, ["ok", "fine too"])
        try Data("{\"version\":1,\"documents\":{}}".utf8).write(to: store.file)
        XCTAssertEqual(store.load().state.searches, [])
        XCTAssertEqual(store.load().state.times, [])
        // A history that is not a list of strings is dropped; the places stay.
        try Data("{\"version\":1,\"documents\":{\"/a\":{\"item\":3,\"bytes\":100,\"paragraphs\":10,\"saved\":1}},\"searches\":[1,2],\"times\":\"12:36\"}".utf8).write(to: store.file)
        XCTAssertNil(store.load().warning)
        XCTAssertEqual(store.load().state.documents, ["/a": place(3)])
        XCTAssertEqual(store.load().state.searches, [])
        XCTAssertEqual(store.load().state.times, [])
    }

    /// Marks of earlier runs arrive with the places; a letter set in this run keeps its place.
    func testSavedMarksArriveWithTheCorpus() throws {
        let docs = try Fixtures.seedDocuments()
        var s = Fixtures.state(docs, width: 120, height: 40)
        Fixtures.press(&s, .char("m"), .char("a"))
        _ = update(&s, .resume([:], marks: ["a": Place(path: docs[1].path, position: ScrollPosition(item: 5)),
                                            "b": Place(path: docs[1].path, position: ScrollPosition(item: 7))]))
        XCTAssertEqual(s.marks["a"]?.path, docs[0].path, "set in this run")
        Fixtures.press(&s, .char("'"), .char("b"))
        XCTAssertEqual(s.current, 1)
        XCTAssertEqual(s.position.item, 7)
        XCTAssertTrue(s.message?.text.hasPrefix("mark b") == true, s.message?.text ?? "")
    }

    func testOldestPlacesGoBeyondTheLimit() {
        var s = SavedState()
        for i in 0..<SavedState.maximumPlaces { s.documents["/doc\(i)"] = place(i, saved: Double(i + 10)) }
        var newer = SavedState()
        newer.documents["/new"] = place(7, saved: 100_000)
        let merged = s.merged(with: newer)
        XCTAssertEqual(merged.documents.count, SavedState.maximumPlaces)
        XCTAssertNotNil(merged.documents["/new"])
        XCTAssertNil(merged.documents["/doc0"], "the oldest is dropped")
        XCTAssertNotNil(merged.documents["/doc1"])
    }

    /// Whatever is in the file, loading gives an empty state and a warning, never a crash;
    /// the next save replaces it.
    func testUnusableFilesAreIgnoredWithAWarning() throws {
        try FileManager.default.createDirectory(at: store.file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let cases: [(Data, String)] = [
            (Data("{\"version\":1,\"documents\":".utf8), "corrupt state file ignored: "),
            (Data("not json at all".utf8), "corrupt state file ignored: "),
            (Data([0xFF, 0xFE, 0x00, 0x01]), "corrupt state file ignored: "),
            (Data("{\"version\":1,\"documents\":{\"/a\":{\"item\":\"x\"}}}".utf8), "corrupt state file ignored: "),
            (Data("{\"version\":7,\"documents\":{}}".utf8), "state file of version 7 ignored: "),
            (Data(repeating: 0x20, count: StateStore.maximumBytes + 1), "state file too large, ignored: "),
        ]
        for (data, warning) in cases {
            try data.write(to: store.file)
            let (state, w) = store.load()
            XCTAssertEqual(state, SavedState())
            XCTAssertTrue(w?.hasPrefix(warning) == true, w ?? "no warning")
            XCTAssertTrue(w?.hasSuffix("gloss/state.json") == true, w ?? "")
        }
        var s = SavedState()
        s.documents["/a"] = place(3)
        try store.save(s)
        XCTAssertEqual(store.load().state.documents, ["/a": place(3)])
        // A FIFO is not opened (that would wait for a writer forever).
        try FileManager.default.removeItem(at: store.file)
        XCTAssertEqual(mkfifo(store.file.path, 0o600), 0)
        XCTAssertTrue(store.load().warning?.hasPrefix("state file ignored, not a regular file: ") == true, store.load().warning ?? "")
        try store.save(s)
        XCTAssertEqual(store.load().state.documents, ["/a": place(3)], "replaced by a file")
        // A folder where the file should be: a warning on load, an error on save.
        try FileManager.default.removeItem(at: store.file)
        try FileManager.default.createDirectory(at: store.file, withIntermediateDirectories: true)
        XCTAssertTrue(store.load().warning?.hasPrefix("state file ignored, not a regular file: ") == true, store.load().warning ?? "")
        XCTAssertThrowsError(try store.save(s))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: store.file.deletingLastPathComponent().path), ["state.json"], "no temporary left")
    }

    /// The first time a document is shown it opens where it was left, once; a document already
    /// moved in this run is not moved back.
    func testResumeOpensDocumentsWhereTheyWereLeft() throws {
        let docs = try Fixtures.seedDocuments()
        var s = Fixtures.state(docs, width: 120, height: 40)
        let layout = try XCTUnwrap(currentLayout(s))
        let target = try XCTUnwrap(layout.items.firstIndex { $0 == .heading(section: docs[0].sections.firstIndex { $0.title == "Is diffusion cope?" }!) })
        s.resume = [docs[0].path: target, docs[1].path: 5]
        resumeReading(&s)
        XCTAssertEqual(s.position.item, target)
        XCTAssertEqual(s.message?.text, "back where you left off at 12:36 · g goes to the top")
        XCTAssertEqual(s.resume, [docs[1].path: 5])
        XCTAssertTrue(view(s).lines.last!.contains("12:36 Is diffusion cope?"))
        // Moved in this run: saved as is, and not resumed again.
        Fixtures.press(&s, .char("g"))
        XCTAssertEqual(s.position.item, 0)
        XCTAssertEqual(readingPlaces(s), [docs[0].path: 0])
        // The other document resumes when it is opened.
        Fixtures.press(&s, .char("o"), .char("j"), .enter)
        XCTAssertEqual(s.current, 1)
        XCTAssertEqual(s.position.item, 5)
        XCTAssertTrue(s.resume.isEmpty)
        XCTAssertEqual(readingPlaces(s), [docs[0].path: 0, docs[1].path: 5])
    }

    /// `gloss compare` opens on the comparison: the place left in the first document waits
    /// until Esc leaves for the reader.
    func testResumeWaitsForTheReaderUnderAComparison() throws {
        let docs = try Fixtures.seedDocuments()
        var s = Fixtures.state(docs, width: 120, height: 40)
        s.positions = [:]
        s.resume = [docs[0].path: 30]
        s.compare = CompareState(left: 0, right: 1, pairs: Aligner.align(try XCTUnwrap(s.index), left: 0, right: 1))
        s.compare?.standalone = true
        Fixtures.press(&s, .char("j"))
        XCTAssertNil(s.positions[docs[0].path])
        XCTAssertFalse(s.message?.text.hasPrefix("back where") == true)
        Fixtures.press(&s, .escape)
        XCTAssertNil(s.compare)
        XCTAssertEqual(s.position.item, 30)
    }

    /// Places arriving with the rest of the corpus apply to documents not shown yet.
    func testResumeMessageFromTheLoader() throws {
        let docs = try Fixtures.seedDocuments()
        var s = Fixtures.state(docs, width: 120, height: 40)
        Fixtures.press(&s, .char("j"))
        _ = update(&s, .resume([docs[0].path: 30, docs[1].path: 3]))
        XCTAssertEqual(s.current, 0)
        XCTAssertNotEqual(s.position.item, 30, "the document on screen was moved already")
        Fixtures.press(&s, .char("o"), .char("j"), .enter)
        XCTAssertEqual(s.position.item, 3)
    }
}
