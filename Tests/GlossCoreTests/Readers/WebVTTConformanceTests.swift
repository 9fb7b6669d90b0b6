import Foundation
import XCTest
@testable import GlossCore

/// Runs the W3C web-platform-tests and Mozilla vtt.js fixtures against the WebVTT parser.
/// Pass counts are printed (and reported in the README); the suite must pass ≥ 95 %.
final class WebVTTConformanceTests: XCTestCase {
    /// The WPT file-parsing cases are JavaScript assertions over `cues`; they run in node with the
    /// parser's cues exposed the way a browser's VTTCue would show them.
    /// Cue byte ranges point into the original bytes even when CRLF, lone CR and NUL were
    /// normalized before parsing, and cue text does not depend on the line-end style.
    func testByteRangesSurviveLineEndNormalization() throws {
        let lf = "WEBVTT\n\n1\n00:00.000 --> 00:01.000\nfirst line\nsecond\n\n00:01.000 --> 00:02.000 align:start\nthird\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let mixed = "WEBVTT\r\n\r1\n00:00.000 --> 00:01.000\r\nfirst\u{0}line\rsecond\n\r\n00:01.000 --> 00:02.000 align:start\rthird\r\n"
        let plain = try WebVTTParser.parse(Array(lf.utf8))
        for source in [lf, crlf, mixed] {
            let bytes = Array(source.utf8)
            let file = try WebVTTParser.parse(bytes)
            XCTAssertEqual(file.cues.count, 2)
            XCTAssertEqual(file.cues.map(\.text), source == mixed ? ["first\u{FFFD}line\nsecond", "third"] : plain.cues.map(\.text))
            XCTAssertEqual(file.cues[1].settings.align, "start")
            let first = String(decoding: bytes[file.cues[0].byteRange], as: UTF8.self)
            let second = String(decoding: bytes[file.cues[1].byteRange], as: UTF8.self)
            XCTAssertTrue(first.hasPrefix("1") && first.hasSuffix("second"), first.debugDescription)
            XCTAssertTrue(second.hasPrefix("00:01.000") && second.hasSuffix("third"), second.debugDescription)
        }
    }

    func testWPTFileParsing() throws {
        // The 22 cases here; the suite has more, which may be added beside them.
        try runWPTCases("wpt-webvtt/file-parsing", ext: ".js", minimum: 22, label: "WPT file-parsing") { path in
            let vtt = try Shared.bytes(String(path.dropLast(3)) + ".vtt")
            let assertions = try String(contentsOfFile: path, encoding: .utf8)
            let cuesJS: String
            do {
                let file = try WebVTTParser.parse(SourceDecoding.decode(vtt).bytes)
                cuesJS = Self.jsCues(file)
            } catch {
                cuesJS = "[]"
            }
            return Self.harness + "const cues = \(cuesJS);\n" + assertions + "\n"
        }
    }

    /// WPT's own source format (`NAME.test`: a title line, HTML metadata up to a blank line,
    /// assertions up to `===`, then the WebVTT file with special bytes escaped), the form newer
    /// cases come in. Assertions on `document.styleSheets` run against the STYLE blocks the
    /// parser kept, each split into rules by a small shim (comments dropped, one rule per
    /// top-level `{…}`): enough for the rule counts and selectors these cases check.
    func testWPTSourceFormat() throws {
        try runWPTCases("wpt-webvtt/wpt-source-format", ext: ".test", minimum: 1, label: "WPT source-format") { path in
            let source = try String(contentsOfFile: path, encoding: .utf8)
            guard let (assertions, vtt) = Self.splitSourceFormat(source) else { return nil }
            var cuesJS = "[]", sheetsJS = "[]"
            if let file = try? WebVTTParser.parse(SourceDecoding.decode(vtt).bytes) {
                cuesJS = Self.jsCues(file)
                sheetsJS = "[" + file.stylesheets.map { JSON.string($0).serialized() }.joined(separator: ", ") + "]"
            }
            return Self.harness + Self.styleSheetShim + "const cues = \(cuesJS);\nconst document = styleSheetDocument(\(sheetsJS));\n" + assertions + "\n"
        }
    }

    /// Runs each case of a WPT folder (its files ending in `ext`, at least `minimum` of them) as
    /// the node script `script` makes of its path (nil: not a case in the expected format), and
    /// checks that 95% pass.
    func runWPTCases(_ folder: String, ext: String, minimum: Int, label: String, script: (String) throws -> String?) throws {
        let dir = Shared.external.appendingPathComponent(folder).path
        let names = (try FileManager.default.contentsOfDirectory(atPath: dir)).filter { $0.hasSuffix(ext) }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, minimum)
        guard let node = which("node") else { throw XCTSkip("node is not installed; WPT assertions need a JavaScript engine") }
        var passed: [String] = [], failed: [String] = []
        for name in names {
            let stem = String(name.dropLast(ext.count))
            guard let js = try script(dir + "/" + name) else {
                failed.append("\(name): not in the source format")
                continue
            }
            let (status, output) = run(node, ["-e", js])
            if status == 0 { passed.append(stem) } else { failed.append("\(stem): \(output.prefix(300))") }
        }
        print("\(label): \(passed.count)/\(names.count) passed")
        for f in failed { print("  FAIL \(f)") }
        XCTAssertGreaterThanOrEqual(Double(passed.count) / Double(names.count), 0.95, failed.joined(separator: "\n"))
    }

    /// The assertions and the WebVTT bytes of a `.test` file (`\xHH`, `\r`, `\n`, `\t`, `\\`
    /// unescaped in the WebVTT part, as wpt's build script does).
    static func splitSourceFormat(_ source: String) -> (String, [UInt8])? {
        let text = source.replacingOccurrences(of: "\r\n", with: "\n")
        guard let header = text.range(of: "\n\n"), let marker = text.range(of: "\n===\n", range: header.upperBound..<text.endIndex) else { return nil }
        let assertions = String(text[header.upperBound..<marker.lowerBound])
        let escaped = Array(text[marker.upperBound...].utf8)
        var bytes: [UInt8] = []
        var i = 0
        while i < escaped.count {
            let b = escaped[i]
            if b == 0x5C, i + 1 < escaped.count {
                switch escaped[i + 1] {
                case 0x72: bytes.append(0x0D); i += 2; continue
                case 0x6E: bytes.append(0x0A); i += 2; continue
                case 0x74: bytes.append(0x09); i += 2; continue
                case 0x5C: bytes.append(0x5C); i += 2; continue
                case 0x78 where i + 3 < escaped.count:
                    if let v = UInt8(String(decoding: escaped[(i + 2)...(i + 3)], as: UTF8.self), radix: 16) {
                        bytes.append(v)
                        i += 4
                        continue
                    }
                default: break
                }
            }
            bytes.append(b)
            i += 1
        }
        return (assertions, bytes)
    }

    static let styleSheetShim = """
        const CSSRule = { STYLE_RULE: 1 };
        function styleSheetDocument(sheets) {
          function rules(text) {
            text = text.replace(/\\/\\*[\\s\\S]*?\\*\\//g, '');
            const out = []; let depth = 0, start = 0, selector = '';
            for (let i = 0; i < text.length; i++) {
              if (text[i] === '{') { if (depth === 0) selector = text.slice(start, i); depth++; }
              else if (text[i] === '}' && depth > 0) {
                depth--;
                if (depth === 0) { out.push({ type: CSSRule.STYLE_RULE, selectorText: selector.trim().replace(/\\s+/g, ' ') }); start = i + 1; }
              }
            }
            return out;
          }
          return { styleSheets: sheets.map(s => ({ cssRules: rules(s) })) };
        }

        """

    /// WPT cue-text parsing: html5lib-style tree dumps.
    func testWPTCueTextParsing() throws {
        let dir = Shared.external.appendingPathComponent("wpt-webvtt/cue-text-parsing").path
        var total = 0, passed = 0
        var failures: [String] = []
        // tags, text and timestamps here; any other NAME.json beside its NAME.vtt is run too.
        let names = (try FileManager.default.contentsOfDirectory(atPath: dir)).filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
            .filter { FileManager.default.fileExists(atPath: dir + "/" + $0 + ".vtt") }.sorted()
        XCTAssertTrue(Set(["tags", "text", "timestamps"]).isSubset(of: names), "\(names)")
        for name in names {
            let expected = try JSONSerialization.jsonObject(with: Data(Shared.bytes(dir + "/" + name + ".json"))) as! [[String: String]]
            let file = try WebVTTParser.parse(SourceDecoding.decode(Shared.bytes(dir + "/" + name + ".vtt")).bytes)
            XCTAssertEqual(file.cues.count, expected.count, name)
            for (i, cue) in file.cues.enumerated() where i < expected.count {
                total += 1
                let dump = WebVTTCueText.treeDump(WebVTTCueText.parse(cue.text))
                if dump == expected[i]["expectedTree"]! { passed += 1 } else {
                    failures.append("\(name)[\(i)] \(cue.text.debugDescription): got \(dump.debugDescription) want \(expected[i]["expectedTree"]!.debugDescription)")
                }
            }
        }
        print("WPT cue-text parsing: \(passed)/\(total) passed")
        XCTAssertGreaterThanOrEqual(total, 43)
        XCTAssertGreaterThanOrEqual(Double(passed) / Double(total), 0.95, failures.joined(separator: "\n"))
    }

    /// Mozilla vtt.js: each .vtt against its expected JSON, compared semantically (the suite
    /// follows an older draft: `middle` for `center`, start/end position alignment).
    func testMozillaVTTJS() throws {
        let base = Shared.external.appendingPathComponent("mozilla-vtt-js").path
        let map = try String(contentsOfFile: base + "/expected-map.tsv", encoding: .utf8)
        var total = 0, passed = 0
        var failures: [String] = []
        for line in map.split(separator: "\n") where !line.hasPrefix("#") {
            let cols = line.split(separator: "\t").map(String.init)
            guard cols.count >= 2 else { continue }
            total += 1
            let expected = try JSONSerialization.jsonObject(with: Data(Shared.bytes(base + "/" + cols[1]))) as! [String: Any]
            let wantCues = expected["cues"] as? [[String: Any]] ?? []
            var got: [Cue] = []
            var gotRegions: [VTTRegion] = []
            if let file = try? WebVTTParser.parse(SourceDecoding.decode(Shared.bytes(base + "/" + cols[0])).bytes) {
                got = file.cues
                gotRegions = file.regions
            }
            if let why = Self.compare(got, regions: gotRegions, with: wantCues) {
                failures.append("\(cols[0]): \(why)")
            } else {
                passed += 1
            }
        }
        print("Mozilla vtt.js: \(passed)/\(total) passed")
        for f in failures { print("  FAIL \(f)") }
        XCTAssertGreaterThanOrEqual(total, 160)
        XCTAssertGreaterThanOrEqual(Double(passed) / Double(total), 0.95, failures.joined(separator: "\n"))
    }

    // MARK: - Helpers

    static let harness = """
        function fmt(v) { return typeof v === 'string' ? JSON.stringify(v) : String(v); }
        function assert_equals(a, b, m) { if (!(a === b || (a !== a && b !== b))) throw new Error((m || '') + ': ' + fmt(a) + ' != ' + fmt(b)); }
        function assert_true(a, m) { if (a !== true) throw new Error((m || '') + ': expected true'); }
        function assert_false(a, m) { if (a !== false) throw new Error((m || '') + ': expected false'); }

        """

    static func jsNumber(_ d: Double) -> String {
        if d == .greatestFiniteMagnitude { return "Number.MAX_VALUE" }
        if d == -.greatestFiniteMagnitude { return "-Number.MAX_VALUE" }
        return "\(d)"
    }

    static func jsCues(_ file: WebVTTFile) -> String {
        func str(_ s: String) -> String { JSON.string(s).serialized() }
        let regions = Dictionary(file.regions.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        let items = file.cues.map { c -> String in
            let s = c.settings
            var region = "null"
            if let id = s.region, let r = regions[id] {
                region = "{id: \(str(r.id)), width: \(jsNumber(r.width)), lines: \(jsNumber(r.lines)), regionAnchorX: \(jsNumber(r.regionAnchorX)), regionAnchorY: \(jsNumber(r.regionAnchorY)), viewportAnchorX: \(jsNumber(r.viewportAnchorX)), viewportAnchorY: \(jsNumber(r.viewportAnchorY)), scroll: \(str(r.scroll))}"
            }
            return "{id: \(str(c.id)), text: \(str(c.text)), startTime: \(jsNumber(c.start)), endTime: \(jsNumber(c.end)), "
                + "align: \(str(s.align)), line: \(s.line.map(jsNumber) ?? "'auto'"), lineAlign: \(str(s.lineAlign)), "
                + "snapToLines: \(s.snapToLines), position: \(s.position.map(jsNumber) ?? "'auto'"), positionAlign: \(str(s.positionAlign)), "
                + "size: \(jsNumber(s.size)), vertical: \(str(s.vertical.rawValue)), region: \(region)}"
        }
        return "[" + items.joined(separator: ",\n") + "]"
    }

    static func compare(_ got: [Cue], regions: [VTTRegion], with want: [[String: Any]]) -> String? {
        guard got.count == want.count else { return "cue count \(got.count) != \(want.count)" }
        for (i, (g, w)) in zip(got, want).enumerated() {
            func num(_ k: String) -> Double? { (w[k] as? NSNumber)?.doubleValue }
            if g.id != (w["id"] as? String ?? "") { return "cue \(i) id \(g.id.debugDescription)" }
            if g.text != (w["text"] as? String ?? "") { return "cue \(i) text \(g.text.debugDescription) != \((w["text"] as? String ?? "").debugDescription)" }
            if abs(g.start - (num("startTime") ?? -1)) > 1e-6 || abs(g.end - (num("endTime") ?? -1)) > 1e-6 { return "cue \(i) times \(g.start)-\(g.end)" }
            let s = g.settings
            let align = s.align == "center" ? "middle" : s.align
            if align != (w["align"] as? String) { return "cue \(i) align \(align)" }
            var pa = s.positionAlign
            if pa == "auto" {
                switch s.align {
                case "start", "left": pa = "start"
                case "end", "right": pa = "end"
                default: pa = "middle"
                }
            } else {
                pa = ["line-left": "start", "center": "middle", "line-right": "end"][pa] ?? pa
            }
            if pa != (w["positionAlign"] as? String) { return "cue \(i) positionAlign \(pa)" }
            if let p = s.position { if num("position") != p { return "cue \(i) position \(p)" } } else if w["position"] as? String != "auto" { return "cue \(i) position auto" }
            if let l = s.line { if num("line") != l { return "cue \(i) line \(l)" } } else if w["line"] as? String != "auto" { return "cue \(i) line auto" }
            if s.lineAlign != (w["lineAlign"] as? String) { return "cue \(i) lineAlign \(s.lineAlign)" }
            if s.size != num("size") { return "cue \(i) size \(s.size)" }
            if s.snapToLines != (w["snapToLines"] as? Bool) { return "cue \(i) snapToLines" }
            if s.vertical.rawValue != (w["vertical"] as? String ?? "") { return "cue \(i) vertical" }
            if (s.region ?? "") != (w["region"] as? String ?? (w["region"] as? [String: Any])?["id"] as? String ?? "") { return "cue \(i) region \(s.region ?? "")" }
        }
        return nil
    }

    func which(_ tool: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/local/bin").split(separator: ":") {
            let p = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    func run(_ exe: String, _ args: [String]) -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
