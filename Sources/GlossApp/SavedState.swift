import Foundation

/// What the reader remembers between runs: where each document was left, the marks set with
/// `m` (as `less` keeps its marks in its history file), and the theme last chosen with `T`.
/// Kept in `$XDG_STATE_HOME/gloss/state.json` (`~/.local/state/gloss/` when the variable is
/// unset or not absolute); see `StateStore`.
public struct SavedState: Codable, Equatable, Sendable {
    public var version = 1
    public var theme: String?
    /// By the document's absolute path.
    public var documents: [String: Place] = [:]
    /// By letter: the document's absolute path and the place in it.
    public var marks: [String: Mark] = [:]
    /// What was entered at the search and time prompts, oldest first (as `less` keeps its
    /// search history).
    public var searches: [String] = []
    public var times: [String] = []

    /// A mark: a place in a document named by its absolute path.
    public struct Mark: Codable, Equatable, Sendable {
        public var path: String
        public var place: Place

        public init(path: String, place: Place) {
            self.path = path
            self.place = place
        }
    }

    /// Where a document was left: the layout item at the top of the text pane (a heading or a
    /// paragraph; items do not depend on the screen width). The file's size and paragraph
    /// count tell whether it is still the same document.
    public struct Place: Codable, Equatable, Sendable {
        public var item: Int
        public var bytes: Int
        public var paragraphs: Int
        /// Seconds since 1970, for dropping the oldest places.
        public var saved: Double

        public init(item: Int, bytes: Int, paragraphs: Int, saved: Double) {
            self.item = item
            self.bytes = bytes
            self.paragraphs = paragraphs
            self.saved = saved
        }

        /// Whether this place was saved for a document of this size and paragraph count (else the
        /// file changed, and the place may mean nothing now).
        public func fits(bytes: Int, paragraphs: Int) -> Bool {
            self.bytes == bytes && self.paragraphs == paragraphs && item >= 0
        }
    }

    /// Places kept at most (the most recently saved).
    public static let maximumPlaces = 500

    public init() {}

    enum CodingKeys: String, CodingKey { case version, theme, documents, marks, searches, times }

    /// Files written before marks or prompt histories were kept have none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        theme = try c.decodeIfPresent(String.self, forKey: .theme)
        documents = try c.decode([String: Place].self, forKey: .documents)
        // (Only letters name marks; anything else in the file is not one.)
        marks = (try c.decodeIfPresent([String: Mark].self, forKey: .marks) ?? [:]).filter { $0.key.count == 1 && $0.key.first!.isLetter }
        // (A history that is not a list of strings is dropped, not the places with it.)
        searches = SavedState.usable((try? c.decodeIfPresent([String].self, forKey: .searches)) ?? [])
        times = SavedState.usable((try? c.decodeIfPresent([String].self, forKey: .times)) ?? [])
    }

    /// Prompt entries as the prompt could have taken them: one line of at most 200 characters,
    /// without control characters (a file edited by hand is not trusted further), the newest kept.
    static func usable(_ entries: [String]) -> [String] {
        let ok = entries.filter { e in
            !e.isEmpty && e.count <= 200 && !e.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
        }
        return Array(ok.suffix(SavedState.maximumHistory))
    }

    /// Entries kept at most in each prompt's history.
    public static let maximumHistory = 100

    /// A prompt's history written over an older one: the entries only the older has (another
    /// reader's, saved meanwhile), then the newer's, the newest kept.
    static func mergedHistory(_ old: [String], _ new: [String]) -> [String] {
        let seen = Set(new)
        return Array((old.filter { !seen.contains($0) } + new).suffix(maximumHistory))
    }

    /// `newer` written over this state: its places and marks replace ours, its theme when it has
    /// one; then the oldest places beyond the limit are dropped. (Two readers quitting one after
    /// the other both keep their places.)
    public func merged(with newer: SavedState) -> SavedState {
        var out = self
        out.version = newer.version
        if let t = newer.theme { out.theme = t }
        out.documents.merge(newer.documents) { _, new in new }
        out.marks.merge(newer.marks) { _, new in new }
        out.searches = SavedState.mergedHistory(searches, newer.searches)
        out.times = SavedState.mergedHistory(times, newer.times)
        if out.documents.count > SavedState.maximumPlaces {
            let keep = out.documents.sorted { ($0.value.saved, $0.key) > ($1.value.saved, $1.key) }.prefix(SavedState.maximumPlaces)
            out.documents = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
        }
        return out
    }

    /// The place of a document as the reader has it now, if it is still the same document.
    public func place(for key: String, bytes: Int, paragraphs: Int) -> Int? {
        guard let p = documents[key], p.fits(bytes: bytes, paragraphs: paragraphs) else { return nil }
        return p.item
    }
}

/// Reads and writes `SavedState`. A missing file is an empty state; an unreadable one is
/// ignored with a warning (and replaced on the next save), never fatal. Writes are atomic:
/// a temporary file beside the state file, flushed to disk, then renamed over it.
public struct StateStore: Sendable {
    public let file: URL

    public init(file: URL) { self.file = file }

    /// `$XDG_STATE_HOME/gloss/state.json`, or `~/.local/state/gloss/state.json`; nil without a
    /// usable home.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> StateStore? {
        var base: URL
        if let x = environment["XDG_STATE_HOME"], x.hasPrefix("/") {
            base = URL(fileURLWithPath: x, isDirectory: true)
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".local/state", isDirectory: true)
        } else {
            return nil
        }
        base.appendPathComponent("gloss", isDirectory: true)
        return StateStore(file: base.appendingPathComponent("state.json"))
    }

    /// The largest state file read (a few hundred places take tens of kilobytes).
    static let maximumBytes = 4 * 1_048_576

    /// The saved state, and a warning when the file exists but cannot be used (what is wrong
    /// first, so that a narrow status bar still says it).
    public func load() -> (state: SavedState, warning: String?) {
        let path = StateStore.abbreviated(file.path)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path) else { return (SavedState(), nil) }
        // (A FIFO or a device would block the read or never end.)
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            return (SavedState(), "state file ignored, not a regular file: \(path)")
        }
        do {
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            let data = try handle.read(upToCount: StateStore.maximumBytes + 1) ?? Data()
            guard data.count <= StateStore.maximumBytes else {
                return (SavedState(), "state file too large, ignored: \(path)")
            }
            let state = try JSONDecoder().decode(SavedState.self, from: data)
            guard state.version == 1 else { return (SavedState(), "state file of version \(state.version) ignored: \(path)") }
            return (state, nil)
        } catch is DecodingError {
            return (SavedState(), "corrupt state file ignored: \(path)")
        } catch {
            return (SavedState(), "unreadable state file ignored: \(path) (\(error.localizedDescription))")
        }
    }

    /// Writes `state` over what is saved now (merged with it, so places saved meanwhile by
    /// another reader stay).
    public func save(_ state: SavedState) throws {
        let dir = file.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let merged = load().state.merged(with: state)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(merged)
        let temp = dir.appendingPathComponent(".state.json.\(getpid()).tmp")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StateError(message: "cannot write \(temp.path): \(String(cString: strerror(errno)))") }
        var ok = data.withUnsafeBytes { raw -> Bool in
            var off = 0
            while off < raw.count {
                let n = write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 { if errno == EINTR { continue }; return false }
                off += n
            }
            return true
        }
        ok = ok && fsync(fd) == 0
        let writeError = errno
        close(fd)
        guard ok else {
            unlink(temp.path)
            throw StateError(message: "cannot write \(temp.path): \(String(cString: strerror(writeError)))")
        }
        guard rename(temp.path, file.path) == 0 else {
            let e = errno
            unlink(temp.path)
            throw StateError(message: "cannot replace \(file.path): \(String(cString: strerror(e)))")
        }
        // The rename itself reaches the disk with the folder.
        let dfd = open(dir.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    /// A path under the home folder as `~/...`.
    static func abbreviated(_ path: String, home: String? = ProcessInfo.processInfo.environment["HOME"]) -> String {
        guard let home, home.count > 1, path.hasPrefix(home + "/") else { return path }
        return "~" + path.dropFirst(home.count)
    }
}

public struct StateError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
