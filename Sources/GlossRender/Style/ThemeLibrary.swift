import Foundation

/// The themes available to the reader: the files of a themes folder (default first), or the
/// built-in theme when none can be read. Broken files are reported and skipped.
public struct ThemeLibrary: Sendable {
    public var themes: [Theme]
    public var errors: [ThemeError]

    public init(themes: [Theme], errors: [ThemeError] = []) {
        self.themes = themes.isEmpty ? [Theme.builtin] : themes
        self.errors = errors
    }

    /// Reads every `*.toml` in `folder`; `default-dark` sorts first.
    public static func load(folder: String?) -> ThemeLibrary {
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            return ThemeLibrary(themes: [])
        }
        var themes: [Theme] = []
        var errors: [ThemeError] = []
        let files = names.filter { $0.hasSuffix(".toml") }.sorted { a, b in
            if a == "default-dark.toml" { return true }
            if b == "default-dark.toml" { return false }
            return a < b
        }
        for f in files {
            let path = (folder as NSString).appendingPathComponent(f)
            guard let data = FileManager.default.contents(atPath: path), data.count < 1_000_000 else {
                errors.append(ThemeError(file: path, line: nil, message: "cannot read the file"))
                continue
            }
            do {
                themes.append(try Theme.parse(String(decoding: data, as: UTF8.self), file: path))
            } catch let e as ThemeError {
                errors.append(e)
            } catch {
                errors.append(ThemeError(file: path, line: nil, message: "\(error)"))
            }
        }
        return ThemeLibrary(themes: themes, errors: errors)
    }

    /// Where the themes live: `$GLOSS_THEMES`, `$XDG_CONFIG_HOME/gloss/themes`, or the package's
    /// `Themes/` found by walking up from the executable (a `swift build` tree).
    public static func defaultFolder(executable: String) -> String? {
        let env = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let t = env["GLOSS_THEMES"] { candidates.append(t) }
        let config = env["XDG_CONFIG_HOME"] ?? (env["HOME"].map { $0 + "/.config" } ?? "")
        if !config.isEmpty { candidates.append(config + "/gloss/themes") }
        var dir = (URL(fileURLWithPath: executable).resolvingSymlinksInPath().path as NSString).deletingLastPathComponent
        for _ in 0..<6 {
            candidates.append((dir as NSString).appendingPathComponent("Themes"))
            dir = (dir as NSString).deletingLastPathComponent
        }
        return candidates.first { path in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
                && ((try? FileManager.default.contentsOfDirectory(atPath: path))?.contains { $0.hasSuffix(".toml") } ?? false)
        }
    }

    public func index(named name: String) -> Int? {
        themes.firstIndex { $0.name == name || $0.name.lowercased() == name.lowercased() }
    }
}
