import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A problem with one input path: the path and a one-line message.
public struct LoadProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }
}

/// Documents read from the given paths, plus the paths that could not be read.
public struct LoadResult: Sendable {
    public var documents: [Document]
    public var problems: [LoadProblem]
    /// Paths skipped quietly in folders (not documents: images, code, data tables).
    public var skipped: [LoadProblem]

    /// Files skipped in folders although their names say they are documents (`.vtt`, `.srt`,
    /// `.md`, `.txt`, `.html`…): worth a warning, unlike the images, code and data skipped quietly.
    public var unreadable: [LoadProblem] {
        skipped.filter { DocumentLoader.documentExtensions.contains(($0.path as NSString).pathExtension.lowercased()) }
    }

    /// At most `limit` lines saying which files of folders were skipped and why, the last one
    /// counting the rest.
    public func unreadableSummary(limit: Int = 5) -> [String] {
        let list = unreadable
        var lines = list.prefix(limit).map { "skipped \($0.description)" }
        if list.count > limit { lines.append("skipped \(list.count - limit) more file(s) that could not be read as documents") }
        return lines
    }
}

/// Reads files, folders and stdin into documents: one reader per format, chosen by content.
/// Never writes to what it reads.
public enum DocumentLoader {
    /// Extensions of the formats Gloss reads: a file so named that does not read is reported.
    public static let documentExtensions: Set<String> = ["vtt", "webvtt", "srt", "sbv", "ass", "ssa", "ttml", "dfxp", "md", "markdown", "mdx", "txt", "html", "htm"]

    /// Extensions of the transcripts a chapters file beside may give chapters to: the caption and
    /// text formats, and JSON, XML and Whisper's `.tsv` (Markdown has its own chapter headings).
    static let chapteredExtensions = documentExtensions.subtracting(["md", "markdown", "mdx"]).union(["json", "xml", "tsv"])

    /// Files larger than this are refused (the reader keeps the whole file in memory).
    public static let maxFileBytes = 512 * 1024 * 1024
    /// Paragraphs longer than this are split at word boundaries.
    public static let maxParagraphBytes = 16 * 1024

    /// Parses in-memory bytes (the core entry point; the file readers are thin wrappers).
    /// - Parameter lenient: show text that is not a recognised document (JSON data, code) as plain
    ///   text with a warning instead of refusing it; for files named explicitly.
    /// - Parameter keepCues: keep the parsed cues of cue formats (for `dump`); the reader and the
    ///   index only need the paragraphs, whose time marks remember each cue's start.
    public static func parse(_ raw: [UInt8], path: String, chapters: [Chapter]? = nil, lenient: Bool = false,
                             keepCues: Bool = true) throws -> Document {
        if raw.isEmpty { throw LoadProblem(path: path, message: "empty file") }
        if let kind = binaryKind(raw.prefix(magicBytes)) { throw binaryData(path, kind) }
        let decoded = SourceDecoding.decode(raw)
        let bytes = decoded.bytes
        let ext = (path as NSString).pathExtension.lowercased()
        // A WebVTT signature decides at once: no head to sniff.
        let signed = bytes.starts(with: [0x57, 0x45, 0x42, 0x56, 0x54, 0x54]) && (bytes.count == 6 || [0x20, 0x09, 0x0A, 0x0D].contains(bytes[6]))
        // The text formats (newsletter, Markdown, article) read the whole file as a String: it is
        // made once, here, and the head to sniff is cut from it, unless the file starts like JSON
        // (a cue format, read from the bytes) or is not valid UTF-8 (binary data, most likely:
        // only its head is decoded to be sniffed).
        let headBytes = 64 * 1024
        let jsonLike = bytes.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }.map { $0 == 0x7B || $0 == 0x5B } ?? false
        let whole: String? = signed || (jsonLike && bytes.count > headBytes) ? nil
            : bytes.count <= headBytes ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
        let head: String
        if signed {
            head = "WEBVTT"
        } else if let whole {
            // (The cut falls back to the character boundary before it.)
            head = whole.utf8.count <= headBytes ? whole : String(whole[..<whole.utf8.index(whole.startIndex, offsetBy: headBytes)])
        } else {
            head = String(decoding: bytes.prefix(headBytes), as: UTF8.self)
        }
        if head.allSatisfy({ $0.isWhitespace }) && bytes.count <= headBytes {
            throw LoadProblem(path: path, message: "empty file (only whitespace)")
        }
        var format: DocumentFormat
        var fallbackWarning: String?
        do {
            format = signed ? .webvtt : try sniff(bytes: bytes, head: head, ext: ext, path: path)
        } catch let p as LoadProblem where lenient && (p.message.hasPrefix("JSON without") || p.message.hasPrefix("looks like code") || p.message.hasPrefix("XML data")) {
            format = .article
            fallbackWarning = p.message + "; shown as plain text"
        }
        var doc: Document
        do {
            switch format {
            case .webvtt: doc = try CueDocumentReader.webvtt(bytes, path: path, chapters: chapters, keepCues: keepCues)
            case .srt: doc = try CueDocumentReader.srt(bytes, path: path, chapters: chapters, keepCues: keepCues)
            case .ssa: doc = try SSAReader.read(bytes, path: path, chapters: chapters, keepCues: keepCues)
            case .podcastJSON, .whisperJSON, .youtubeJSON: doc = try CueDocumentReader.podcastJSON(bytes, path: path, chapters: chapters, keepCues: keepCues)
            case .speechJSON: doc = try SpeechJSONReader.read(bytes, path: path, chapters: chapters, keepCues: keepCues)
            case .podcastHTML: doc = PodcastHTMLReader.read(bytes, path: path, chapters: chapters, keepCues: keepCues)
            case .ttml, .youtubeXML: doc = TTMLReader.read(bytes, path: path, chapters: chapters, keepCues: keepCues, youtube: format == .youtubeXML)
            case .chaptersJSON: doc = try CueDocumentReader.chaptersDocument(bytes, path: path)
            case .newsletter: doc = NewsletterReader.read(bytes, path: path, text: whole)
            case .html: doc = HTMLReader.read(bytes, path: path)
            case .markdown: doc = MarkdownReader.read(bytes, path: path, text: whole)
            case .article, .captionText, .speakerText: doc = ArticleReader.read(bytes, path: path, text: whole)
            case .timedText: doc = TimedTextReader.read(bytes, path: path, text: whole, chapters: chapters)
            }
        } catch let p as LoadProblem {
            throw p
        } catch {
            throw LoadProblem(path: path, message: "\(error)")
        }
        doc.sourceBytes = raw.count
        if !keepCues { doc.cues = nil }
        doc.warnings.insert(contentsOf: decoded.warnings, at: 0)
        if let w = fallbackWarning {
            doc.warnings.insert(w, at: 0)
            doc.format = .article
        }
        splitLongParagraphs(&doc)
        doc.settleLength()
        if doc.paragraphs.isEmpty && doc.format != .chaptersJSON && !doc.warnings.contains(where: { $0.has("no ") }) {
            doc.warnings.append("no readable text")
        }
        return doc
    }

    /// The keys of a JSON object, its values skipped (none if it is not one).
    static func topLevelKeys(_ bytes: [UInt8]) -> Set<String> {
        var keys: Set<String> = []
        _ = try? JSONScanner.read(bytes) { s in
            guard try s.kind() == .object else { try s.skip(); return }
            try s.object { s, key in keys.insert(key); try s.skip() }
        }
        return keys
    }

    /// Decides the format from content (extension only breaks ties).
    static func sniff(bytes: [UInt8], head: String, ext: String, path: String) throws -> DocumentFormat {
        let trimmedHead = head.drop(while: { $0.isWhitespace })
        if head.hasPrefix("WEBVTT") { return .webvtt }
        if looksBinary(head) { throw LoadProblem(path: path, message: "binary data, not a transcript or article") }
        if ext == "vtt" { throw LoadProblem(path: path, message: "not a WebVTT file (no WEBVTT signature)") }
        if trimmedHead.hasPrefix("{") || trimmedHead.hasPrefix("[") {
            // (Before the Podcasting 2.0 keys: Amazon's speaker labels have `segments` too.)
            if trimmedHead.hasPrefix("{") && SpeechJSONReader.sniff(head) { return .speechJSON }
            if head.has("\"segments\"") || head.has("\"transcription\"") { return .podcastJSON }
            // YouTube's: a list of `{"text","start","duration"}`, or json3's `events`.
            if trimmedHead.hasPrefix("[") && head.has("\"start\"") && head.has("\"text\"") { return .podcastJSON }
            if head.has("\"events\"") && head.has("\"tStartMs\"") { return .podcastJSON }
            if head.has("\"chapters\"") { return .chaptersJSON }
            // Whisper writes the whole text in a key before its segments: longer than the head.
            if bytes.count > head.utf8.count, trimmedHead.hasPrefix("{") {
                let keys = topLevelKeys(bytes)
                if SpeechJSONReader.sniff(keys: keys) { return .speechJSON }
                if keys.contains("segments") || keys.contains("transcription") { return .podcastJSON }
                if keys.contains("chapters") { return .chaptersJSON }
            }
            if ext == "json" || trimmedHead.hasPrefix("{\"") || trimmedHead.hasPrefix("{\n") {
                throw LoadProblem(path: path, message: "JSON without \"segments\", \"transcription\" or \"chapters\": not a transcript")
            }
        }
        let root = trimmedHead.hasPrefix("<") ? xmlRoot(trimmedHead) : nil
        if trimmedHead.hasPrefix("<"), TTMLReader.sniff(head) { return .ttml }
        if let root, root == "timedtext" || root == "transcript" && head.contains("<text ") { return .youtubeXML }
        if SSAReader.sniff(trimmedHead) { return .ssa }
        let lineRanges = firstLineRanges(head, 400)
        let lines = TextTools.slices(head, lineRanges)
        if looksLikeSRT(lines) { return .srt }
        if ext == "srt" { throw LoadProblem(path: path, message: "not a SubRip file (no cue timings found)") }
        if PodcastHTMLReader.sniff(head) { return .podcastHTML }
        if HTMLReader.sniff(head) { return .html }
        if let root { try refuseXML(root: root, bytes: bytes, path: path) }
        if NewsletterReader.sniff(head, lines: lines) { return .newsletter }
        // A Markdown file with headings or bold labels goes to the Markdown reader, which knows
        // its own timed shapes (`## [00:12:36] Title`, `[00:01:02] **Speaker:**`).
        let markdownMarks = (ext == "md" || ext == "markdown") && lines.prefix(200).contains { $0.hasPrefix("#") || $0.contains("**") }
        if !markdownMarks && TimedTextReader.sniff(lines) { return .timedText }
        // (A SubViewer file named so is timed text however few its captions.)
        if ext == "sbv", let first = lines.first, TimedTextReader.timedLine(first) != nil { return .timedText }
        if let first = lines.first, TimedTextReader.isWhisperTSV(first) { return .timedText }
        if codeExtensions.contains(ext) || head.hasPrefix("#!") || looksLikeDataOrCode(head, lineRanges) {
            throw LoadProblem(path: path, message: "looks like code or a data table, not a document")
        }
        if MarkdownReader.sniff(head, lines: lines, ext: ext) { return .markdown }
        return .article
    }

    /// The root element of an XML document: one that declares itself (`<?xml …?>`), or a feed's
    /// (`<rss>`, `<feed>`, `<rdf:RDF>`) or YouTube's timed text (`<transcript>`, `<timedtext>`)
    /// without the declaration. Nil for anything else (an HTML fragment, `<p>Hello</p>`, stays
    /// an article).
    static func xmlRoot(_ head: Substring) -> String? {
        let declared = head.hasPrefix("<?xml")
        var rest = head
        // Past the declaration, comments, a DOCTYPE and processing instructions.
        while true {
            rest = rest.drop { $0.isWhitespace }
            if rest.hasPrefix("<!--") {
                guard let end = rest.range(of: "-->") else { return nil }
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("<?") || rest.hasPrefix("<!") {
                guard let end = rest.firstIndex(of: ">") else { return nil }
                rest = rest[rest.index(after: end)...]
            } else {
                break
            }
        }
        guard rest.hasPrefix("<") else { return nil }
        let name = String(rest.dropFirst().prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }.prefix(64))
        guard !name.isEmpty else { return nil }
        return declared || isFeed(name) || name == "transcript" || name == "timedtext" ? name : nil
    }

    static func isFeed(_ root: String) -> Bool { root == "rss" || root == "feed" || root == "rdf:RDF" }

    /// An XML document that no reader takes: a feed says what it links to (its transcripts are
    /// elsewhere: Gloss fetches nothing); other XML is data (shown as plain text when named).
    static func refuseXML(root: String, bytes: [UInt8], path: String) throws -> Never {
        if isFeed(root) {
            let marker = Array("<podcast:transcript".utf8)
            let links = bytes.withUnsafeBytes { all in
                marker.withUnsafeBytes { m in
                    var links = 0, i = 0
                    while i < all.count, let at = TextTools.firstOffset(of: m, in: UnsafeRawBufferPointer(rebasing: all[i...])) {
                        links += 1
                        i += at + m.count
                    }
                    return links
                }
            }
            let what = links > 0 ? ": it links \(links) transcript file(s) (podcast:transcript), which Gloss reads once they are downloaded" : ""
            throw LoadProblem(path: path, message: "a podcast or news feed (<\(root)>), not a transcript or article\(what)")
        }
        throw LoadProblem(path: path, message: "XML data (<\(root)>), not a transcript or article")
    }

    /// Source code, scripts, configuration and data tables: not read as prose (a file named
    /// explicitly is still shown, as plain text with a warning). Tested after the cue formats, so a
    /// transcript in one of these is still read as one.
    static let codeExtensions: Set<String> = [
        "js", "mjs", "cjs", "ts", "tsx", "jsx", "py", "rb", "go", "rs", "swift", "c", "h", "cc", "cpp", "hpp",
        "java", "kt", "cs", "php", "pl", "lua", "sh", "bash", "zsh", "fish", "css", "scss", "toml", "yaml", "yml",
        "ini", "cfg", "conf", "lock", "csv", "tsv", "sql", "mk", "cmake", "gradle", "svg", "diff", "patch",
    ]

    /// Bytes enough to tell a binary file by its signature.
    static let magicBytes = 16

    /// What a file is by its first bytes, when they are the signature of a binary format no
    /// document starts with (an executable, an archive, an image...): a folder such as `/usr`
    /// is told from its heads instead of being read whole.
    static func binaryKind<C: Collection>(_ head: C) -> String? where C.Element == UInt8 {
        let h = Array(head.prefix(magicBytes))
        func starts(_ sig: [UInt8], at offset: Int = 0) -> Bool {
            h.count >= offset + sig.count && Array(h[offset..<(offset + sig.count)]) == sig
        }
        for (sig, offset, kind) in binarySignatures where starts(sig, at: offset) { return kind }
        if starts(Array("RIFF".utf8)), h.count >= 12, Array(h[8..<12]).allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return "a RIFF file (WAV, AVI or WebP)" }
        return nil
    }

    static func binaryData(_ path: String, _ kind: String) -> LoadProblem {
        LoadProblem(path: path, message: "binary data (\(kind)), not a transcript or article")
    }

    /// Signatures (bytes, their offset) of binary formats, and what to call them.
    static let binarySignatures: [([UInt8], Int, String)] = [
        ([0x7F, 0x45, 0x4C, 0x46], 0, "an ELF executable or library"),
        ([0x1F, 0x8B], 0, "gzip-compressed"),
        ([0x50, 0x4B, 0x03, 0x04], 0, "a zip archive"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 0, "a PNG image"),
        ([0xFF, 0xD8, 0xFF], 0, "a JPEG image"),
        (Array("GIF87a".utf8), 0, "a GIF image"), (Array("GIF89a".utf8), 0, "a GIF image"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], 0, "xz-compressed"),
        (Array("BZh".utf8) + [0x39, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59], 0, "bzip2-compressed"),
        ([0x28, 0xB5, 0x2F, 0xFD], 0, "zstd-compressed"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], 0, "a 7-Zip archive"),
        (Array("SQLite format 3".utf8) + [0], 0, "an SQLite database"),
        (Array("!<arch>\n".utf8), 0, "an ar archive"),
        (Array("%PDF-".utf8), 0, "a PDF (convert it to text first)"),
        ([0x00, 0x61, 0x73, 0x6D], 0, "WebAssembly"),
        ([0xCA, 0xFE, 0xBA, 0xBE], 0, "a Java class or Mach-O file"),
        ([0xCF, 0xFA, 0xED, 0xFE], 0, "a Mach-O executable"), ([0xCE, 0xFA, 0xED, 0xFE], 0, "a Mach-O executable"),
        (Array("OggS".utf8) + [0], 0, "Ogg audio"),
        (Array("fLaC".utf8), 0, "FLAC audio"),
        (Array("ID3".utf8) + [0x02], 0, "MP3 audio"), (Array("ID3".utf8) + [0x03], 0, "MP3 audio"), (Array("ID3".utf8) + [0x04], 0, "MP3 audio"),
        (Array("ftyp".utf8), 4, "an MP4 or QuickTime file"),
    ]

    /// More than a tenth of the first 16,384 characters are controls, C1 controls or U+FFFD
    /// (what invalid UTF-8 decodes to).
    static func looksBinary(_ head: String) -> Bool {
        var h = head
        return h.withUTF8 { u -> Bool in
            var total = 0, bad = 0
            var i = 0
            let n = u.count
            let base = UnsafeRawPointer(u.baseAddress)
            while i < n && total < 16384 {
                // Eight printable ASCII bytes (0x20...0x7E) at a time: eight good characters.
                if let base, i + 8 <= n, total + 8 <= 16384 {
                    let w = TextTools.Word8.load(base, i)
                    if TextTools.Word8.isASCII(w), TextTools.Word8.hasNoControl(w), TextTools.Word8.hasNoDelete(w) {
                        total += 8
                        i += 8
                        continue
                    }
                }
                let b = u[i]
                if b & 0xC0 != 0x80 { total += 1 }  // a scalar starts here
                if b < 0x20 {
                    if b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C { bad += 1 }
                } else if b == 0x7F {
                    bad += 1
                } else if b == 0xC2, i + 1 < n, u[i + 1] >= 0x80, u[i + 1] <= 0x9F {
                    bad += 1
                } else if b == 0xEF, i + 2 < n, u[i + 1] == 0xBF, u[i + 2] == 0xBD {
                    bad += 1
                }
                i += 1
            }
            return total > 0 && bad * 10 > total
        }
    }

    /// The first `n` non-blank lines of the head (one split shared by the sniffers).
    static func firstLines(_ head: String, _ n: Int) -> [Substring] {
        TextTools.slices(head, firstLineRanges(head, n))
    }

    /// The byte ranges of `firstLines`.
    static func firstLineRanges(_ head: String, _ n: Int) -> [Range<Int>] {
        var h = head
        return h.withUTF8 { u in
            var r: [Range<Int>] = []
            let count = u.count
            var start = 0
            // Line ends found with memchr (LF, then a CR inside the line for CR and CRLF files).
            while start < count && r.count < n {
                var end = TextTools.firstIndex(of: 0x0A, in: u, from: start) ?? count
                end = TextTools.firstIndex(of: 0x0D, in: u, from: start, to: end) ?? end
                var k = start
                while k < end && (u[k] == 0x20 || u[k] == 0x09) { k += 1 }
                if k < end { r.append(start..<end) }
                start = end + 1
            }
            return r
        }
    }

    static func looksLikeSRT(_ lines: [Substring]) -> Bool {
        for line in lines.prefix(12) where line.has("-->") {
            if SRTParser.parseTimingLine(String(line)) != nil { return true }
        }
        return false
    }

    /// Whether the first 200 of the head's lines (`firstLineRanges`) look like code or a table:
    /// three in ten with a tab, or ending like a statement or block. Byte tests over the head:
    /// this runs on every text file.
    static func looksLikeDataOrCode(_ head: String, _ allLines: [Range<Int>]) -> Bool {
        let lines = allLines.prefix(200)
        guard lines.count >= 3 else { return false }
        var h = head
        return h.withUTF8 { u in
            func isCode(_ r: Range<Int>) -> Bool {
                guard !r.isEmpty else { return false }
                let last = u[r.upperBound - 1]
                func starts(_ p: StaticString) -> Bool { TextTools.begins(UnsafeBufferPointer(rebasing: u[r]), p) }
                return last == 0x3B || last == 0x7B || (r.count == 1 && last == 0x7D) || starts("assert_") || starts("var ") || starts("function ")
            }
            var tabbed = 0, codey = 0
            for r in lines {
                if TextTools.firstIndex(of: 0x09, in: u, from: r.lowerBound, to: r.upperBound) != nil { tabbed += 1 }
                if isCode(TextTools.trimmedRange(u, r)) { codey += 1 }
            }
            return tabbed * 10 >= lines.count * 3 || codey * 10 >= lines.count * 3
        }
    }

    /// Splits paragraphs over `maxParagraphBytes` at spaces (or anywhere, for space-less text).
    static func splitLongParagraphs(_ doc: inout Document) {
        guard doc.paragraphs.contains(where: { $0.text.utf8.count > maxParagraphBytes }) else { return }
        var out: [Paragraph] = []
        var splits = 0
        for p in doc.paragraphs {
            guard p.text.utf8.count > maxParagraphBytes else { out.append(p); continue }
            var rest = Substring(p.text)
            var first = true
            while !rest.isEmpty {
                var cut = rest.utf8.index(rest.startIndex, offsetBy: min(maxParagraphBytes, rest.utf8.count))
                // Back off to a character boundary, then to a space if there is one nearby.
                while cut < rest.endIndex && !rest.indices.contains(cut) && cut > rest.startIndex { cut = rest.utf8.index(before: cut) }
                cut = rest.index(cut, offsetBy: 0, limitedBy: rest.endIndex) ?? rest.endIndex
                if cut < rest.endIndex, let space = rest[..<cut].lastIndex(of: " "), rest.distance(from: rest.startIndex, to: space) > 64 {
                    cut = space
                }
                if cut == rest.startIndex { cut = rest.index(after: cut) }
                var piece = p
                piece.text = String(rest[..<cut]).trimmedSpaces
                if !first { piece.speaker = p.speaker }
                out.append(piece)
                rest = rest[cut...].drop(while: { $0 == " " })
                first = false
                splits += 1
            }
        }
        doc.paragraphs = out
        CueGrouping.attach(paragraphs: doc.paragraphs, to: &doc.sections)
        if doc.kind == .article { for i in doc.sections.indices { doc.sections[i].present = true } }
        doc.warnings.append("split \(splits) over-long paragraph piece(s)")
    }

    // MARK: - Files

    /// The files a list of paths names: files as given (`explicit`), folders expanded (recursively,
    /// hidden files skipped), `-` for stdin; plus the paths that don't exist.
    public static func expand(paths: [String]) -> (jobs: [(path: String, explicit: Bool)], problems: [LoadProblem]) {
        var jobs: [(path: String, explicit: Bool)] = []
        var problems: [LoadProblem] = []
        for path in paths {
            if path == "-" { jobs.append(("-", true)); continue }
            var st = stat()
            guard stat(path, &st) == 0 else {
                problems.append(LoadProblem(path: path, message: errno == ENOENT ? "no such file or folder" : String(cString: strerror(errno))))
                continue
            }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                let files = listFolder(path)
                if files.isEmpty { problems.append(LoadProblem(path: path, message: "folder without files")) }
                jobs.append(contentsOf: files.map { ($0, false) })
            } else {
                jobs.append((path, true))
            }
        }
        return (jobs, problems)
    }

    /// Loads files, folders (recursively) and `-` (stdin), in parallel. `progress` is called
    /// (from worker threads) with the number of files done and the total.
    public static func load(paths: [String], stdin: () -> [UInt8] = { readAll(fd: 0) }, keepCues: Bool = true,
                            progress: (@Sendable (Int, Int) -> Void)? = nil) -> LoadResult {
        var (jobs, problems) = expand(paths: paths)
        // Chapters files that sit beside a transcript attach to it instead of loading alone.
        // On all cores: a JSON transcript is read to see whether it names its chapters file. A
        // file found by listing its folder has its neighbours in the listing, so only the paths
        // given one by one are looked up on disk.
        let jobPaths = Set(jobs.map(\.path))
        let listed = Set(jobs.filter { !$0.explicit }.map(\.path))
        let given = jobs
        let found: [String?] = parallelMap(count: given.count) { i in
            let (p, explicit) = given[i]
            return p == "-" ? nil : chaptersBeside(p, exists: explicit ? nil : { listed.contains($0) })
        }
        var attached: [String: String] = [:]  // transcript -> chapters file
        for (i, c) in found.enumerated() where c != nil { attached[jobs[i].path] = c }
        let attachedChapterFiles = Set(attached.values)
        let work = jobs.filter { !(attachedChapterFiles.contains($0.path) && !$0.explicit) || !jobPaths.contains($0.path) }
        let stdinBytes: [UInt8]? = work.contains(where: { $0.path == "-" }) ? stdin() : nil
        let chapterFor = attached
        let counter = ProgressCounter(total: work.count, report: progress)
        // Largest files first, so that no big file is left running alone at the end while the
        // other cores wait (results are put back in the given order below).
        let sizes = work.map { fileSize($0.path) }
        let order = work.indices.sorted { sizes[$0] > sizes[$1] || (sizes[$0] == sizes[$1] && $0 < $1) }
        let permuted: [Result<Document, LoadProblem>] = parallelMap(count: work.count) { k in
            defer { counter.tick() }
            let (path, explicit) = work[order[k]]
            do {
                // A file found in a folder is told by its first bytes before it is read whole.
                let bytes = try path == "-" ? (stdinBytes ?? []) : readFile(path, refusingBinary: !explicit)
                var chapters: CueDocumentReader.ChaptersFile?
                if let c = chapterFor[path], let cb = try? readFile(c) { chapters = try? CueDocumentReader.chaptersFile(cb) }
                var doc = try parse(bytes, path: path == "-" ? "(stdin)" : path, chapters: chapters?.chapters, lenient: explicit, keepCues: keepCues)
                // The episode's title and author may be given only in its chapters file.
                chapters?.fill(&doc.metadata)
                return .success(doc)
            } catch let p as LoadProblem {
                return .failure(p)
            } catch {
                return .failure(LoadProblem(path: path, message: "\(error)"))
            }
        }
        var results = [Result<Document, LoadProblem>?](repeating: nil, count: work.count)
        for (k, r) in permuted.enumerated() { results[order[k]] = r }
        var documents: [Document] = []
        var skipped: [LoadProblem] = []
        for (i, r) in results.compactMap({ $0 }).enumerated() {
            switch r {
            case .success(let d): documents.append(d)
            case .failure(let p): if work[i].explicit { problems.append(p) } else { skipped.append(p) }
            }
        }
        Document.timeUntimedCopies(&documents)
        return LoadResult(documents: documents, problems: problems, skipped: skipped)
    }

    /// Size in bytes of a file (0 for stdin and anything `stat` cannot read).
    static func fileSize(_ path: String) -> Int {
        var st = stat()
        return path != "-" && stat(path, &st) == 0 ? Int(st.st_size) : 0
    }

    /// Regular, non-hidden files under a folder, sorted; hidden files and folders skipped. A
    /// symbolic link to a regular file is listed (folders of links to transcripts kept
    /// elsewhere); links to folders are not followed (so no loops), as `grep -r` does.
    /// `readdir` with the entry types it reports (a FileManager enumerator asked for each
    /// entry's attributes took 20 ms for 1,700 files).
    static func listFolder(_ root: String) -> [String] {
        var out: [String] = []
        func walk(_ dir: String, depth: Int) {
            guard depth < 256, let d = opendir(dir) else { return }
            defer { closedir(d) }
            let prefix = dir.hasSuffix("/") ? dir : dir + "/"
            while let entry = readdir(d) {
                var e = entry.pointee
                let name = withUnsafePointer(to: &e.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
                if name.hasPrefix(".") { continue }
                let path = prefix + name
                var type = Int32(e.d_type)
                if type == Int32(DT_UNKNOWN) {
                    // Some file systems do not say: ask (without following a link).
                    var st = stat()
                    guard lstat(path, &st) == 0 else { continue }
                    switch st.st_mode & S_IFMT {
                    case S_IFREG: type = Int32(DT_REG)
                    case S_IFDIR: type = Int32(DT_DIR)
                    case S_IFLNK: type = Int32(DT_LNK)
                    default: continue
                    }
                }
                if type == Int32(DT_LNK) {
                    var st = stat()
                    guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { continue }
                    type = Int32(DT_REG)
                }
                if type == Int32(DT_REG) { out.append(path) } else if type == Int32(DT_DIR) { walk(path, depth: depth + 1) }
            }
        }
        walk(root, depth: 0)
        return out.sorted()
    }

    /// `X.chapters.json`, `X-chapters.json`, `X_chapters.json` or `X.json` (when it is a chapters
    /// file) beside transcript `X.ext`; or the file a JSON transcript names in its `chapters` key.
    /// - Parameter exists: whether a file beside `path` exists, when the caller knows (the
    ///   listing of their folder); nil to ask the file system.
    static func chaptersBeside(_ path: String, exists: ((String) -> Bool)? = nil) -> String? {
        let ext = (path as NSString).pathExtension.lowercased()
        guard chapteredExtensions.contains(ext) else { return nil }
        let stem = (path as NSString).deletingPathExtension
        if stem.hasSuffix(".chapters") || stem.hasSuffix("-chapters") || stem.hasSuffix("_chapters") { return nil }
        var candidates = [stem + ".chapters.json", stem + "-chapters.json", stem + "_chapters.json"]
        if ext != "json" { candidates.append(stem + ".json") }
        // A transcript may name its chapters file; only one that mentions "chapters" is parsed.
        var named: String?
        if ext == "json", let bytes = try? readFile(path, limit: 64 * 1024 * 1024),
           // (Searched without quotes: the search looks for the needle's rarest byte, and in JSON
           // a quote is anything but rare.)
           TextTools.contains(bytes, bytes: Array("chapters".utf8)),
           let name = CueDocumentReader.chaptersFileNamed(in: bytes) {
            let dir = (path as NSString).deletingLastPathComponent
            named = name.hasPrefix("/") ? name : (dir as NSString).appendingPathComponent(name)
        }
        // The file the transcript names may be anywhere: the file system says whether it exists.
        let present = { (c: String) in c == named ? FileManager.default.fileExists(atPath: c) : exists?(c) ?? FileManager.default.fileExists(atPath: c) }
        for c in (named.map { [$0] } ?? []) + candidates where present(c) {
            if let b = try? readFile(c, limit: 16 * 1024 * 1024), let list = try? CueDocumentReader.chapters(b), !list.isEmpty {
                return c
            }
        }
        return nil
    }

    /// Reads a regular file completely (read-only). Devices, FIFOs and sockets are refused.
    /// - Parameter refusingBinary: a file whose first bytes are a binary signature
    ///   (`binaryKind`) is refused before the rest is read (a folder's files: `gloss /usr/bin`
    ///   reads no executable to its end).
    public static func readFile(_ path: String, limit: Int = maxFileBytes, refusingBinary: Bool = false) throws -> [UInt8] {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw LoadProblem(path: path, message: errno == ENOENT ? "no such file or folder" : String(cString: strerror(errno)))
        }
        let type = st.st_mode & S_IFMT
        switch type {
        case S_IFREG: break
        case S_IFDIR: throw LoadProblem(path: path, message: "is a folder")
        case S_IFIFO: throw LoadProblem(path: path, message: "is a FIFO, not a regular file (pipe it to `-` instead)")
        case S_IFCHR, S_IFBLK: throw LoadProblem(path: path, message: "is a device, not a regular file")
        default: throw LoadProblem(path: path, message: "not a regular file")
        }
        let tooLarge = LoadProblem(path: path, message: "too large (\(st.st_size / 1_048_576) MB; the limit is \(limit / 1_048_576) MB)")
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            if Int(st.st_size) > limit { throw tooLarge }
            throw LoadProblem(path: path, message: errno == EACCES ? "permission denied" : String(cString: strerror(errno)))
        }
        defer { close(fd) }
        if refusingBinary && Int(st.st_size) > magicBytes {
            // (Read in place: the whole file is then read from its start.)
            var head = [UInt8](repeating: 0, count: magicBytes)
            let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, magicBytes, 0) }
            if n > 0, let kind = binaryKind(head.prefix(n)) { throw binaryData(path, kind) }
        }
        if Int(st.st_size) > limit { throw tooLarge }
        return readAll(fd: fd, limit: limit, expected: Int(st.st_size))
    }

    /// Reads a descriptor to its end, up to `limit` bytes.
    public static func readAll(fd: Int32, limit: Int = maxFileBytes, expected: Int = 0) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(max(expected, 0) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while out.count < limit {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, min($0.count, limit - out.count)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }
}
