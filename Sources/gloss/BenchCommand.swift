import ArgumentParser
import Foundation
import GlossApp
import GlossCore
import GlossRender
import GlossSample

#if canImport(Glibc)
import Glibc
#endif

/// `gloss bench`: builds a deterministic corpus of real transcripts and articles, then measures
/// the first screen, the index build, search (against grep/rg in the same run), jumps, redraws
/// and peak memory.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure Gloss on a generated corpus of real documents (use a release build).")
    @Option(name: .customLong("size-mb"), help: "Approximate corpus size in MB.") var sizeMB: Double = 150
    @Option(help: "Folder for the generated corpus (created; existing bench files are reused).") var workdir: String
    @Option(help: "Source folder of documents (default: ../shared/corpus/external and ../shared/seeds).") var corpus: String?
    @Option(help: "Times to build the index in all (the median is reported: the machine may be noisy). Runs after the first come after the memory reading.") var runs = 3
    @Flag(help: "Print one JSON object on the last line.") var json = false

    func validate() throws {
        if !(sizeMB > 0 && sizeMB <= 4096) { throw ValidationError("--size-mb must be between 0 and 4096") }
        if !(1...20).contains(runs) { throw ValidationError("--runs must be between 1 and 20") }
    }

    func run() throws {
        let sources = try sourceFiles()
        let dir = try generate(sources)
        // The corpus is what is on disk: every file the loader will read, measured.
        let files = DocumentLoader.expand(paths: [dir]).jobs.map(\.path)
        let bytes = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        let mb = Double(bytes) / 1_048_576
        say(String(format: "corpus: %.1f MB, %d files in %@ (from %d source files)", mb, files.count, dir, sources.count))
        #if DEBUG
        say("warning: this is a debug build; measure with `swift build -c release` (10–50× faster)")
        #endif

        // First screen: the first document parsed, laid out and drawn while nothing else is indexed.
        let t0 = now()
        var first: [Document] = []
        for f in files {
            if let b = try? DocumentLoader.readFile(f), let d = try? DocumentLoader.parse(b, path: f, keepCues: false) { first = [d]; break }
        }
        let firstState = AppState(documents: first, width: 120, height: 40)
        _ = view(firstState)
        let firstScreen = ms(since: t0)

        // Full load and index, all cores.
        let (loaded, index, firstRunMS) = loadAndIndex(dir, run: 1)
        var runTimes = [firstRunMS]
        say(String(format: "first screen %.1f ms; index (run 1) %.0f ms (%.0f MB/s), %d documents, %d paragraphs, %d terms",
                   firstScreen, firstRunMS, mb / (firstRunMS / 1000), loaded.documents.count, index.paragraphCount, index.termCount))

        // Search against grep (and rg) over the same files. (The table of chapter titles is
        // built once, as the reader builds it after indexing.)
        let titlesStart = now()
        index.prepareTitles()
        say(String(format: "chapter and heading titles by word: %.1f ms", ms(since: titlesStart)))
        var searchTimes: [Double] = []
        for q in Bench.queries {
            let parsed = SearchQuery(q)
            for _ in 0..<5 {
                // As the reader searches: the titles of chapters and headings, then the paragraphs.
                let t = now()
                _ = index.sectionHits(parsed)
                _ = index.search(parsed, limit: 20)
                searchTimes.append(ms(since: t))
            }
        }
        var grepTimes: [Double] = []
        var rgTimes: [Double] = []
        let rg = which("rg")
        for q in Bench.queries {
            let literal = q.replacingOccurrences(of: "\"", with: "")
            grepTimes.append(timeCommand("/usr/bin/env", ["grep", "-r", "-F", "-c", "-i", literal, dir]))
            if let rg { rgTimes.append(timeCommand(rg, ["-F", "-c", "-i", literal, dir])) }
        }
        let sp50 = percentile(searchTimes, 50), sp99 = percentile(searchTimes, 99), gp50 = percentile(grepTimes, 50)
        say(String(format: "search p50 %.2f ms, p99 %.2f ms; grep -r -F -c p50 %.1f ms (%.0f× slower than Gloss)", sp50, sp99, gp50, gp50 / max(sp50, 0.001)))
        if !rgTimes.isEmpty { say(String(format: "rg -F -c p50 %.1f ms", percentile(rgTimes, 50))) }

        // Jumps and redraws on a long transcript: the one closest to three hours.
        let longest = loaded.documents.indices.filter { loaded.documents[$0].kind == .transcript && (loaded.documents[$0].timelineEnd ?? 0) <= 6 * 3600 }
            .min { abs((loaded.documents[$0].timelineEnd ?? 0) - 10_800) < abs((loaded.documents[$1].timelineEnd ?? 0) - 10_800) } ?? 0
        // What each document is about, worked out as the reader's loader does, before the index
        // is handed over.
        let subjectsStart = now()
        let subjects = ClaimChecker.subjectsWithSections([], documents: loaded.documents)
        say(String(format: "what each document is about (in the background): %.1f ms", ms(since: subjectsStart)))
        var state = AppState(documents: loaded.documents, width: 120, height: 40)
        _ = update(&state, .corpusReady(documents: loaded.documents, index: index, claims: [], problems: [], subjects: subjects))
        state.current = longest
        let end = state.document?.timelineEnd ?? 3600
        var jumpTimes: [Double] = []
        var rng = SplitMix(seed: 42)
        for _ in 0..<300 {
            let t = Double(rng.next() % UInt64(max(1, end)))
            let text = Timestamp.formatShort(t)
            let start = now()
            _ = update(&state, .event(.key(.char(":"))))
            for c in text { _ = update(&state, .event(.key(.char(c)))) }
            _ = update(&state, .event(.key(.enter)))
            _ = view(state)
            jumpTimes.append(ms(since: start))
        }
        var redrawTimes: [Double] = []
        for (w, h) in [(120, 40), (300, 100)] {
            _ = update(&state, .event(.resize(width: w, height: h)))
            _ = update(&state, .event(.key(.char("g"))))
            _ = view(state)
            for i in 0..<400 {
                let start = now()
                _ = update(&state, .event(.key(i % 50 == 49 ? .pageDown : .char("j"))))
                _ = view(state)
                redrawTimes.append(ms(since: start))
            }
        }
        let jp99 = percentile(jumpTimes, 99), rp99 = percentile(redrawTimes, 99)
        say(String(format: "jump p99 %.2f ms (the first %.1f ms); redraw per key p99 %.2f ms (%@, %.0f min, 120×40 and 300×100)",
                   jp99, jumpTimes.first ?? 0, rp99, (state.document?.title ?? "") as NSString, end / 60))

        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let rssMB = Double(usage.ru_maxrss) / 1024
        say(String(format: "peak RSS %.0f MB (%.2f× the corpus)", rssMB, rssMB / mb))

        // More index builds, for a median on a noisy machine (after the memory reading: freed
        // memory is not all returned to the system, so later runs would inflate it).
        if runs > 1 {
            for run in 2...runs { runTimes.append(loadAndIndex(dir, run: run).2) }
        }
        let indexMS = percentile(runTimes, 50)
        say(String(format: "index %.0f ms (%.0f MB/s), the median of %d runs: %@ MB/s", indexMS, mb / (indexMS / 1000), runTimes.count,
                   runTimes.map { String(format: "%.0f", mb / ($0 / 1000)) }.joined(separator: ", ")))
        if json {
            let j = JSON.object([
                ("corpus_mb", .number((mb * 10).rounded() / 10)),
                ("first_screen_ms", .number(round2(firstScreen))),
                ("index_ms", .number(round2(indexMS))),
                ("index_mb_per_s", .number(round2(mb / (indexMS / 1000)))),
                ("search_p50_ms", .number(round2(sp50))),
                ("search_p99_ms", .number(round2(sp99))),
                ("grep_p50_ms", .number(round2(gp50))),
                ("rg_p50_ms", rgTimes.isEmpty ? .null : .number(round2(percentile(rgTimes, 50)))),
                ("jump_p99_ms", .number(round2(jp99))),
                ("jump_first_ms", .number(round2(jumpTimes.first ?? 0))),
                ("redraw_p99_ms", .number(round2(rp99))),
                ("peak_rss_mb", .number(round2(rssMB))),
                ("peak_rss_ratio", .number(round2(rssMB / mb))),
            ])
            Output.write(j.serialized() + "\n")
        }
    }

    /// Common words, rare words, phrases and figures.
    static let queries = [
        "the", "people", "think", "model", "exponential", "geniuses", "consciousness", "perceptronium",
        "Jewelbots", "transformer", "\"country of geniuses\"", "\"end of the exponential\"", "\"in the world\"",
        "\"machine learning\"", "90%", "2017", "billion", "neural network training", "self-driving cars", "kubernetes",
    ]

    func say(_ s: String) {
        if json { FileHandle.standardError.write(Data((s + "\n").utf8)) } else { Output.write(s + "\n"); Output.flush() }
    }

    // MARK: Corpus

    func sourceFiles() throws -> [String] {
        var roots: [String] = []
        if let corpus { roots = [corpus] } else {
            for base in ["../shared", (FileManager.default.currentDirectoryPath as NSString).deletingLastPathComponent + "/shared"] {
                let ext = base + "/corpus/external", seeds = base + "/seeds"
                if FileManager.default.fileExists(atPath: ext) { roots = [ext, seeds]; break }
            }
        }
        var files: [String] = []
        for r in roots {
            for f in DocumentLoader.expand(paths: [r]).jobs.map(\.path) {
                let ext = (f as NSString).pathExtension.lowercased()
                guard ["vtt", "srt", "md", "txt", "json", "mdx"].contains(ext) else { continue }
                // Conformance fixtures are tiny and odd; real documents are not.
                guard !f.contains("wpt-webvtt"), !f.contains("mozilla-vtt-js"), !f.contains("webvtt-py") else { continue }
                let size = (try? FileManager.default.attributesOfItem(atPath: f)[.size] as? Int) ?? 0
                guard size >= 2048 else { continue }
                if ext == "json", let b = try? DocumentLoader.readFile(f), !String(decoding: b.prefix(4096), as: UTF8.self).contains("\"segments\"") { continue }
                files.append(f)
            }
        }
        if files.isEmpty { throw InputFailure(message: "no source documents found (give --corpus PATH)") }
        return files.sorted()
    }

    /// Copies sources round-robin until the size is reached, varying names, numbers and cue
    /// times per copy. Deterministic: the same sources and size give the same bytes.
    func generate(_ sources: [String]) throws -> String {
        let target = Int(sizeMB * 1_048_576)
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: workdir, withIntermediateDirectories: true)
        } catch {
            throw InputFailure(message: "cannot create --workdir \(workdir): \((error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription)")
        }
        // Reuse a previous corpus of the same size and generator version.
        let stamp = workdir + "/.gloss-bench-v3-\(Int(sizeMB * 10))"
        if fm.fileExists(atPath: stamp) { return workdir }
        // A corpus left by an earlier run (of another size or version) is replaced: its stamp
        // marks the folder as the bench's own, and only its `c<N>` folders are removed.
        let entries = (try? fm.contentsOfDirectory(atPath: workdir)) ?? []
        if entries.contains(where: { $0.hasPrefix(".gloss-bench-") }) {
            for e in entries where e.hasPrefix(".gloss-bench-") || (e.hasPrefix("c") && e.dropFirst().allSatisfy(\.isNumber) && e.count > 1) {
                try? fm.removeItem(atPath: workdir + "/" + e)
            }
        }
        var contents: [(String, [UInt8])] = []
        for s in sources { if let b = try? DocumentLoader.readFile(s) { contents.append(((s as NSString).lastPathComponent, b)) } }
        var written = 0
        var copy = 0
        while written < target {
            for (k, (name, bytes)) in contents.enumerated() where written < target {
                // Only UTF-8 text is varied; other encodings are copied as they are.
                let varied = SourceDecoding.isValidUTF8(bytes) && !bytes.starts(with: [0xFF, 0xFE]) && !bytes.starts(with: [0xFE, 0xFF]) && !bytes.contains(0)
                    ? Bench.vary(bytes, copy: copy) : bytes
                let dir = workdir + "/c\(copy / 50)"
                if copy % 50 == 0 { try? fm.createDirectory(atPath: dir, withIntermediateDirectories: true) }
                // Every fourth copy of a WebVTT transcript is written as a Podcasting 2.0 JSON
                // transcript (the shared corpus has no JSON transcript of any length).
                var data = varied, outName = name
                if copy % 4 == 3, name.lowercased().hasSuffix(".vtt"), let json = Bench.podcastJSON(fromVTT: varied, path: name) {
                    data = json
                    outName = (name as NSString).deletingPathExtension + ".json"
                }
                // The source's number keeps apart files of the same name from different folders.
                let path = dir + "/\(copy)-\(k)-\(outName)"
                guard fm.createFile(atPath: path, contents: Data(data)) else {
                    throw InputFailure(message: "cannot write \(path) (is --workdir writable, with room for \(Int(sizeMB)) MB?)")
                }
                written += data.count
            }
            copy += 1
        }
        guard fm.createFile(atPath: stamp, contents: Data(String(written).utf8)) else {
            throw InputFailure(message: "cannot write \(stamp)")
        }
        return workdir
    }

    /// A WebVTT transcript rewritten as a Podcasting 2.0 JSON transcript: the same cues, speakers,
    /// times and text.
    static func podcastJSON(fromVTT bytes: [UInt8], path: String) -> [UInt8]? {
        guard let doc = try? CueDocumentReader.webvtt(bytes, path: path, chapters: nil, keepCues: true),
              let cues = doc.cues, !cues.isEmpty else { return nil }
        let segments: [JSON] = cues.map { c in
            var pairs: [(String, JSON)] = []
            if let s = c.speaker { pairs.append(("speaker", .string(s))) }
            pairs.append(("startTime", .number(c.start)))
            pairs.append(("endTime", .number(c.end)))
            pairs.append(("body", .string(WebVTTCueText.plainText(WebVTTCueText.parse(c.text)))))
            return .object(pairs)
        }
        return Array(JSON.object([("version", .string("1.0.0")), ("segments", .array(segments))]).serialized().utf8)
    }

    static let names: [[UInt8]] = ["Dario", "Amodei", "Lex", "Fridman", "Andrej", "Karpathy", "Jerod", "Adam", "Lenny", "Tegmark", "Elon", "Anthropic", "OpenAI", "Google"].map { Array($0.utf8) }

    /// Per copy: digits in text lines shifted, the last millisecond digit of cue timings changed,
    /// and well-known names given a per-copy suffix.
    static func vary(_ src: [UInt8], copy: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(src.count + src.count / 40)
        let shift = UInt8(copy % 10)
        let suffix = Array("\(["a", "e", "o", "u", "y"][copy % 5])\(copy % 7)".utf8)
        var lineStart = 0
        var i = 0
        let n = src.count
        while lineStart < n {
            var e = lineStart
            while e < n && src[e] != 0x0A { e += 1 }
            let line = src[lineStart..<e]
            let isTiming = line.count < 80 && line.firstRange(of: Array("-->".utf8)) != nil
            if isTiming {
                // Change the last digit of each millisecond field: times move, the format stays valid.
                var l = Array(line)
                var k = 0
                while k + 3 < l.count {
                    if (l[k] == 0x2E || l[k] == 0x2C), isDigit(l[k + 1]), isDigit(l[k + 2]), isDigit(l[k + 3]) { l[k + 3] = 0x30 + (l[k + 3] - 0x30 + shift) % 10 }
                    k += 1
                }
                out.append(contentsOf: l)
            } else if line.first == 0x7B || line.first == 0x22 || line.first == 0x20 && line.contains(0x3A) && line.contains(0x22) {
                out.append(contentsOf: line)  // JSON structure stays intact
            } else {
                var k = line.startIndex
                while k < line.endIndex {
                    let b = line[k]
                    if isDigit(b) {
                        // A run of digits; left alone when it is part of a time (next to ':').
                        var e = k
                        while e < line.endIndex && (isDigit(line[e]) || line[e] == 0x3A || line[e] == 0x2E || line[e] == 0x2C) { e += 1 }
                        let run = line[k..<e]
                        if run.contains(0x3A) || (k > line.startIndex && line[k - 1] == 0x3A) {
                            out.append(contentsOf: run)
                        } else {
                            for d in run { out.append(isDigit(d) ? 0x30 + (d - 0x30 + shift) % 10 : d) }
                        }
                        k = e
                        continue
                    }
                    if b >= 0x41 && b <= 0x5A, let name = names.first(where: { line[k...].starts(with: $0) }) {
                        out.append(contentsOf: name)
                        out.append(contentsOf: suffix)
                        k += name.count
                        continue
                    }
                    out.append(b)
                    k += 1
                }
            }
            if e < n { out.append(0x0A) }
            lineStart = e + 1
            i += 1
        }
        return out
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Current resident set size, from /proc/self/statm.
    func residentMB() -> Double {
        guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let f = s.split(separator: " ")
        guard f.count > 1, let pages = Double(f[1]) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    // MARK: Timing

    /// CPU time of the process (user + system, all threads): steadier than wall time on a busy machine.
    func cpuMS() -> Double {
        var u = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000 + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000
    }
    func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
    func ms(since t: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6 }
    func round2(_ v: Double) -> Double { (v * 100).rounded() / 100 }

    /// Loads the corpus and builds its index, timed (wall and CPU) and reported as one line.
    func loadAndIndex(_ dir: String, run: Int) -> (LoadResult, CorpusIndex, Double) {
        // Every file read once, untimed, first: the runs measure reading from the page cache,
        // parsing and indexing, not the disk (this machine's page cache is reclaimed while it
        // idles, and a run that read from disk took 5 s instead of 1).
        let warmMS = warmPageCache(dir)
        let t1 = now(), c1 = cpuMS()
        let loaded = DocumentLoader.load(paths: [dir], keepCues: false)
        let parseMS = ms(since: t1), c2 = cpuMS()
        let residentAfterParsing = residentMB()
        let index = CorpusIndex(documents: loaded.documents)
        let indexMS = ms(since: t1), c3 = cpuMS()
        say(String(format: "  run %d: %.0f ms = parsing %.0f + indexing %.0f (CPU %.0f + %.0f ms); resident %.0f MB after parsing, %.0f MB indexed; files read beforehand in %.0f ms",
                   run, indexMS, parseMS, indexMS - parseMS, c2 - c1, c3 - c2, residentAfterParsing, residentMB(), warmMS))
        return (loaded, index, indexMS)
    }

    /// Reads every file under `dir` and drops the bytes; how long it took.
    func warmPageCache(_ dir: String) -> Double {
        let t = now()
        for job in DocumentLoader.expand(paths: [dir]).jobs { _ = try? DocumentLoader.readFile(job.path) }
        return ms(since: t)
    }

    func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let s = values.sorted()
        let idx = min(s.count - 1, max(0, Int((p / 100 * Double(s.count)).rounded(.up)) - 1))
        return s[idx]
    }

    func which(_ tool: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let p = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Wall time of a command, its output discarded.
    func timeCommand(_ exe: String, _ args: [String]) -> Double {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        let t = now()
        do { try p.run() } catch { return 0 }
        p.waitUntilExit()
        return ms(since: t)
    }
}
