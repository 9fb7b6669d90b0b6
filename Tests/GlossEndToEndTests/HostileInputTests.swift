import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Inputs people might feed a reader by accident or on purpose. For each: `toc`, `dump` and
/// `claims` exit 0 (perhaps with a warning) or 1 with a one-line message, within a time bound,
/// under a memory limit, and the input is byte-identical afterwards. The inputs are generated
/// here, not committed.
final class HostileInputTests: XCTestCase {
    nonisolated(unsafe) static var dir: String = ""
    nonisolated(unsafe) static var inputs: [(name: String, path: String)] = []

    override class func setUp() {
        super.setUp()
        dir = NSTemporaryDirectory() + "gloss-hostile-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        func write(_ name: String, _ bytes: [UInt8]) {
            let p = dir + "/" + name
            XCTAssertTrue(FileManager.default.createFile(atPath: p, contents: Data(bytes)), p)
            inputs.append((name, p))
        }
        func text(_ name: String, _ s: String) { write(name, Array(s.utf8)) }
        var seed: UInt64 = 0x9E3779B97F4A7C15
        func random() -> UInt8 {
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            return UInt8(truncatingIfNeeded: seed)
        }
        write("empty.txt", [])
        write("invalid-utf8.txt", Array("Title\n\nSome text ".utf8) + [0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC, 0xFF, 0xFE] + Array(" more text.\n".utf8))
        write("nuls.vtt", Array("WEBVTT\n\n00:00.000 --> 00:01.000\nnul\u{0}inside\u{0}\n".utf8))
        write("random.bin", (0..<1_000_000).map { _ in random() })
        let words = ["alpha", "beta", "gamma", "delta", "epsilon", "the", "of", "and"]
        var line = [UInt8]()
        line.reserveCapacity(50_000_000)
        var k = 0
        while line.count < 50_000_000 { line.append(contentsOf: words[k % words.count].utf8); line.append(0x20); k += 1 }
        write("one-line-50mb.txt", line)
        var cues = "WEBVTT\n\n"
        cues.reserveCapacity(200_000 * 40)
        for i in 0..<200_000 {
            let t = Double(i) / 10
            cues += "\(stamp(t)) --> \(stamp(t + 0.1))\nw\(i % 97)\n\n"
        }
        text("tiny-cues.vtt", cues)
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nHello in UTF-16\n\n2\n00:00:03,000 --> 00:00:04,000\nSecond cue\n"
        write("utf16le-bom.srt", [0xFF, 0xFE] + Array(srt.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        write("utf16be-nobom.srt", Array(srt.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        write("utf32le-bom.srt", [0xFF, 0xFE, 0, 0] + srt.unicodeScalars.flatMap { u in (0..<4).map { UInt8((u.value >> (8 * $0)) & 0xFF) } })
        write("utf32be-nobom.srt", srt.unicodeScalars.flatMap { u in (0..<4).reversed().map { UInt8((u.value >> (8 * $0)) & 0xFF) } })
        text("cr-only.srt", srt.replacingOccurrences(of: "\n", with: "\r"))
        text("mixed-endings.vtt", "WEBVTT\r\n\r00:00.000 --> 00:01.000\ncue one\r\n\n00:01.000 --> 00:02.000\rcue two\r")
        text("absurd-timestamps.vtt", """
            WEBVTT

            99:99:99.999 --> 100:00:00.000
            bad minutes

            -00:01.000 --> 00:02.000
            negative

            99999999999999999999:00:00.000 --> 99999999999999999999:00:01.000
            twenty digit hours

            00:05.000 --> 00:01.000
            end before start

            00:03.000 --> 00:04.000
            out of order

            1:00:00.960 --> 1:00:01.000
            one-digit hour
            """)
        text("absurd-timestamps.srt", "1\n99:99:99,999 --> 00:00:01,000\nbad\n\n2\n-00:00:01,000 --> 00:00:02,000\nneg\n\n3\n00:00:05,000 --> 00:00:01,000\nend before start\n")
        text("unclosed-tags.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\n" + String(repeating: "<b>", count: 30_000) + "deep\n")
        text("deep-quotes.md", String(repeating: ">", count: 50_000) + " quoted\n\n" + String(repeating: "> ", count: 20_000) + "x\n")
        text("deep-brackets.md", "# T\n\n" + String(repeating: "[", count: 50_000) + "\n\n" + String(repeating: "(", count: 50_000) + String(repeating: "<", count: 50_000) + "\n")
        text("deep-front-matter.md", "---\ntitle: " + String(repeating: "[", count: 50_000) + "\n---\n# Doc\n\nText.\n")
        text("deep.ttml", "<tt xmlns=\"http://www.w3.org/ns/ttml\"><body>" + String(repeating: "<div begin=\"1s\">", count: 50_000) + "<p begin=\"1s\">deep</p></body></tt>")
        text("unclosed.ttml", "<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><p begin=\"1s\">x" + String(repeating: "<span a='", count: 30_000))
        text("deep.json", "{\"segments\": " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000) + "}")
        text("long-word.txt", "Title\n\n" + String(repeating: "x", count: 200_000) + "\n")
        text("bidi.txt", "Bidi\n\nSome \u{202E}reversed\u{202C} text with e\u{301}\u{302}\u{303} combining marks, \u{2066}isolates\u{2069} and Arabic \u{0627}\u{0644}\u{0639}\u{0631}\u{0628}\u{064A}\u{0629}.\n")
        text("emoji.txt", "Emoji\n\nFamily 👨‍👩‍👧‍👦, flags 🇺🇸🇯🇵, skin 👍🏽, heart ❤️ and keycap 1️⃣ in a sentence that is long enough to wrap.\n")
        text("escapes.txt", "Title \u{1B}]0;pwned\u{07}\n\nText \u{1B}[2J\u{1B}[31mred\u{1B}]52;c;ZXZpbA==\u{07} \u{1B}]8;;http://evil.example\u{1B}\\link\u{1B}]8;;\u{1B}\\ C1 \u{9B}31m DEL \u{7F}.\n")
        // A folder with 10,000 small files.
        let many = dir + "/many"
        try? FileManager.default.createDirectory(atPath: many, withIntermediateDirectories: true)
        for i in 0..<10_000 {
            XCTAssertTrue(FileManager.default.createFile(atPath: many + "/f\(i).txt", contents: Data("Note \(i)\n\nA short note about item \(i).\n".utf8)))
        }
        inputs.append(("many", many))
        mkfifo(dir + "/fifo", 0o644)
        inputs.append(("fifo", dir + "/fifo"))
        inputs.append(("dev-zero", "/dev/zero"))
        inputs.append(("missing", dir + "/does-not-exist.vtt"))
    }

    override class func tearDown() {
        try? FileManager.default.removeItem(atPath: dir)
        super.tearDown()
    }

    static func stamp(_ t: Double) -> String {
        let ms = Int((t * 1000).rounded())
        return String(format: "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
    }

    /// Runs gloss under a memory limit (ulimit -v) and a time limit.
    func gloss(_ args: [String], timeout: TimeInterval) throws -> Harness.Result {
        let quoted = args.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return try Harness.run("/bin/sh", ["-c", "ulimit -v 4000000; exec '\(try Harness.binary())' \(quoted)"], timeout: timeout)
    }

    func fingerprint(_ path: String) -> [UInt8]? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    func testEveryCommandFailsCleanlyOrLoads() throws {
        XCTAssertGreaterThan(Self.inputs.count, 25)
        for (name, path) in Self.inputs {
            let before = fingerprint(path)
            for command in ["toc", "dump", "claims"] {
                let start = Date()
                let r = try gloss([command, path], timeout: 120)
                let seconds = Date().timeIntervalSince(start)
                XCTAssertTrue(r.status == 0 || r.status == 1, "\(command) \(name): exit \(r.status)\n\(r.stderr.prefix(400))")
                if r.status == 1 {
                    let lines = r.stderr.split(separator: "\n")
                    XCTAssertEqual(lines.count, 1, "\(command) \(name): \(r.stderr.prefix(300))")
                    XCTAssertTrue(r.stderr.hasPrefix("gloss: "), "\(command) \(name): \(r.stderr.prefix(200))")
                }
                XCTAssertFalse(r.stderr.contains("Fatal error") || r.stderr.contains("crashed"), "\(command) \(name)")
                XCTAssertLessThan(seconds, 120, "\(command) \(name)")
            }
            XCTAssertEqual(fingerprint(path), before, "\(name) changed")
        }
    }

    func testExpectedOutcomes() throws {
        func toc(_ name: String) throws -> Harness.Result {
            try gloss(["toc", Self.inputs.first { $0.name == name }!.path, "--json"], timeout: 120)
        }
        XCTAssertEqual(try toc("empty.txt").stderr, "gloss: \(Self.dir)/empty.txt: empty file\n")
        XCTAssertTrue(try toc("random.bin").stderr.hasSuffix("binary data, not a transcript or article\n"))
        XCTAssertTrue(try toc("dev-zero").stderr.contains("is a device"))
        XCTAssertTrue(try toc("fifo").stderr.contains("is a FIFO"))
        XCTAssertTrue(try toc("missing").stderr.contains("no such file"))
        XCTAssertTrue(try toc("invalid-utf8.txt").stdout.contains("UTF-8"))
        XCTAssertTrue(try toc("one-line-50mb.txt").stdout.contains("over-long paragraph"))
        for wide in ["utf16le-bom.srt", "utf16be-nobom.srt", "utf32le-bom.srt", "utf32be-nobom.srt", "cr-only.srt"] {
            let r = try gloss(["dump", Self.inputs.first { $0.name == wide }!.path, "--json"], timeout: 60)
            XCTAssertEqual(r.status, 0, wide)
            let cues = (r.json as? [String: Any])?["cues"] as? [[String: Any]]
            XCTAssertEqual(cues?.count, 2, wide)
            XCTAssertEqual(cues?.first?["plain"] as? String, "Hello in UTF-16", wide)
        }
        let absurd = try gloss(["dump", Self.inputs.first { $0.name == "absurd-timestamps.vtt" }!.path, "--json"], timeout: 60)
        let cues = try XCTUnwrap((absurd.json as? [String: Any])?["cues"] as? [[String: Any]])
        XCTAssertEqual(cues.map { $0["plain"] as? String }, ["twenty digit hours", "end before start", "out of order", "one-digit hour"])
        let tiny = try gloss(["toc", Self.inputs.first { $0.name == "tiny-cues.vtt" }!.path, "--json"], timeout: 120)
        XCTAssertEqual(tiny.status, 0)
        let many = try gloss(["toc", Self.inputs.first { $0.name == "many" }!.path], timeout: 120)
        XCTAssertEqual(many.status, 0)
        XCTAssertEqual(many.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("Note ") }.count, 10_000)
    }

    /// A file without read permission: a one-line error from every command, the file untouched.
    /// As root (where permissions do not apply) Gloss runs as `nobody` through setpriv.
    func testUnreadableFile() throws {
        let folder = NSTemporaryDirectory() + "gloss-unreadable-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/secret.vtt"
        try Data("WEBVTT\n\n00:00.000 --> 00:01.000\nhidden\n".utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0)
        var prefix = ""
        if geteuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { throw XCTSkip("root without setpriv") }
            prefix = "/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups "
            let reach = try Harness.run("/bin/sh", ["-c", "\(prefix)test -x '\(try Harness.binary())'"], timeout: 10)
            guard reach.status == 0 else { throw XCTSkip("nobody cannot reach the gloss binary from here") }
        }
        for command in ["toc", "dump", "claims", "read"] {
            let r = try Harness.run("/bin/sh", ["-c", "\(prefix)'\(try Harness.binary())' \(command) '\(path)'"], timeout: 60)
            XCTAssertEqual(r.status, 1, "\(command): \(r.stderr)")
            XCTAssertEqual(r.stderr, "gloss: \(path): permission denied\n", command)
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0)
        XCTAssertEqual(FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }, "WEBVTT\n\n00:00.000 --> 00:01.000\nhidden\n")
    }

    /// The reader opens each input (or reports it) and quits leaving the terminal as it was.
    func testReaderOnHostileInputs() throws {
        for name in ["invalid-utf8.txt", "unclosed-tags.vtt", "deep-brackets.md", "long-word.txt", "bidi.txt", "emoji.txt", "escapes.txt", "absurd-timestamps.vtt", "random.bin", "empty.txt"] {
            let path = Self.inputs.first { $0.name == name }!.path
            let tmux = try Tmux(width: 80, height: 24, command: try glossCommand([path]))
            let screen = try tmux.wait("\(name) on screen or refused") { Tmux.showsReader($0) || $0.contains("GLOSS_EXIT=") }
            if !screen.contains("GLOSS_EXIT=") {
                try tmux.keys("j", "G", "/")
                try tmux.literal("x")
                try tmux.keys("Enter", "q")
            }
            let status = try tmux.glossExitStatus(timeout: 20)
            XCTAssertTrue(status == 0 || status == 1, "\(name): exit \(status.map(String.init) ?? "?")")
            XCTAssertEqual(try tmux.display("#{alternate_on}#{cursor_flag}#{mouse_any_flag}"), "010", name)
        }
    }
}
