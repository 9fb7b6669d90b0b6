import Foundation
import TOMLKit

/// A terminal colour: the terminal's default, one of the 16 ANSI colours, a 256-colour index,
/// or RGB (shown as the nearest 256-colour index, or the nearest ANSI colour on 16-colour terminals).
public enum Color: Equatable, Sendable {
    case `default`
    case ansi(Int)        // 0...15
    case index(Int)       // 0...255
    case rgb(Int, Int, Int)

    static let names: [String: Int] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright-black": 8, "gray": 8, "grey": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    /// Parses `default`, a colour name, `#rrggbb`, or a number 0–255.
    public static func parse(_ s: String) -> Color? {
        let t = s.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "default" || t == "none" { return .default }
        if let n = names[t] { return .ansi(n) }
        if t.hasPrefix("#"), t.count == 7, let v = Int(t.dropFirst(), radix: 16) {
            return .rgb((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF)
        }
        if let n = Int(t), (0...255).contains(n) { return n < 16 ? .ansi(n) : .index(n) }
        return nil
    }

    /// The colour number for a terminal with `colors` colours (nil = terminal default).
    public func number(colors: Int) -> Int? {
        switch self {
        case .default: return nil
        case .ansi(let n): return colors >= 16 ? n : n % 8
        case .index(let n): return colors >= 256 ? n : Color.nearestANSI(Color.rgbOf(index: n), colors: colors)
        case .rgb(let r, let g, let b):
            return colors >= 256 ? Color.nearest256(r, g, b) : Color.nearestANSI((r, g, b), colors: colors)
        }
    }

    static func nearest256(_ r: Int, _ g: Int, _ b: Int) -> Int {
        func level(_ v: Int) -> Int { v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40 }
        let cube = 16 + 36 * level(r) + 6 * level(g) + level(b)
        let gray = min(23, max(0, (r + g + b) / 3 - 3) / 10)
        let cubeRGB = rgbOf(index: cube), grayRGB = rgbOf(index: 232 + gray)
        func dist(_ c: (Int, Int, Int)) -> Int { (c.0 - r) * (c.0 - r) + (c.1 - g) * (c.1 - g) + (c.2 - b) * (c.2 - b) }
        return dist(grayRGB) < dist(cubeRGB) ? 232 + gray : cube
    }

    static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func rgbOf(index n: Int) -> (Int, Int, Int) {
        if n < 16 { return ansiRGB[n] }
        if n >= 232 { let v = 8 + (n - 232) * 10; return (v, v, v) }
        let c = n - 16
        let steps = [0, 95, 135, 175, 215, 255]
        return (steps[c / 36], steps[(c / 6) % 6], steps[c % 6])
    }

    static func nearestANSI(_ c: (Int, Int, Int), colors: Int) -> Int {
        let limit = colors >= 16 ? 16 : 8
        var best = 0, bestD = Int.max
        for i in 0..<limit {
            let a = ansiRGB[i]
            let d = (a.0 - c.0) * (a.0 - c.0) + (a.1 - c.1) * (a.1 - c.1) + (a.2 - c.2) * (a.2 - c.2)
            if d < bestD { bestD = d; best = i }
        }
        return best
    }
}

/// How a role looks.
public struct Style: Equatable, Sendable {
    public var fg: Color = .default
    public var bg: Color = .default
    public var bold = false
    public var dim = false
    public var italic = false
    public var underline = false
    public var reverse = false
    public init() {}
}

/// A problem in a theme file, with its location.
public struct ThemeError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String
    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

/// A named mapping from roles to styles, read from a TOML file.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [Role: Style]

    public func style(_ role: Role) -> Style { styles[role] ?? styles[.normal] ?? Style() }

    /// Parses a theme file. Unknown roles, colours or attributes are errors naming the line.
    public static func parse(_ text: String, file: String) throws -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw ThemeError(file: file, line: e.source.begin.line, message: e.description)
        } catch {
            throw ThemeError(file: file, line: nil, message: "\(error)")
        }
        let lines = text.components(separatedBy: "\n")
        func lineOf(_ key: String, after section: String? = nil) -> Int? {
            var inSection = section == nil
            for (i, l) in lines.enumerated() {
                let t = l.trimmingCharacters(in: .whitespaces)
                if let section, t.hasPrefix("[") { inSection = t == "[\(section)]" }
                if inSection, t.hasPrefix(key + " ") || t.hasPrefix(key + "=") || t.hasPrefix("\"\(key)\"") { return i + 1 }
            }
            return nil
        }
        guard let name = table["name"]?.string else {
            throw ThemeError(file: file, line: nil, message: "missing `name = \"...\"`")
        }
        guard let roles = table["roles"]?.table else {
            throw ThemeError(file: file, line: nil, message: "missing [roles] table")
        }
        var styles: [Role: Style] = [:]
        for key in roles.keys {
            guard let role = Role(rawValue: key) else {
                throw ThemeError(file: file, line: lineOf(key, after: "roles"), message: "unknown role `\(key)`")
            }
            guard let spec = roles[key]?.table else {
                throw ThemeError(file: file, line: lineOf(key, after: "roles"), message: "role `\(key)` must be an inline table like { fg = \"cyan\" }")
            }
            var style = Style()
            for attr in spec.keys {
                let value = spec[attr]
                switch attr {
                case "fg", "bg":
                    guard let s = value?.string ?? value?.int.map(String.init), let c = Color.parse(s) else {
                        throw ThemeError(file: file, line: lineOf(key, after: "roles"), message: "role `\(key)`: `\(attr)` is not a colour (use a name, #rrggbb, 0–255 or \"default\")")
                    }
                    if attr == "fg" { style.fg = c } else { style.bg = c }
                case "bold", "dim", "italic", "underline", "reverse":
                    guard let b = value?.bool else {
                        throw ThemeError(file: file, line: lineOf(key, after: "roles"), message: "role `\(key)`: `\(attr)` must be true or false")
                    }
                    switch attr {
                    case "bold": style.bold = b
                    case "dim": style.dim = b
                    case "italic": style.italic = b
                    case "underline": style.underline = b
                    default: style.reverse = b
                    }
                default:
                    throw ThemeError(file: file, line: lineOf(key, after: "roles"), message: "role `\(key)`: unknown attribute `\(attr)`")
                }
            }
            styles[role] = style
        }
        guard styles[.normal] != nil else {
            throw ThemeError(file: file, line: nil, message: "the `normal` role is required")
        }
        return Theme(name: name, styles: styles)
    }

    /// Without colour (NO_COLOR, or a terminal without colours): attributes only.
    public func monochrome() -> Theme {
        var t = self
        for (r, var s) in t.styles {
            s.fg = .default
            s.bg = .default
            t.styles[r] = s
        }
        // Keep the roles that must stand out distinguishable.
        for r in [Role.selection, .currentHit, .status, .tabActive, .prompt] { t.styles[r, default: Style()].reverse = true }
        t.styles[.searchHit, default: Style()].underline = true
        t.name = name + " (no colour)"
        return t
    }

    /// The theme compiled into Gloss, used when no theme file can be read. Kept identical to
    /// `Themes/default-dark.toml` (a test checks).
    public static let builtin: Theme = {
        // The fallback must not fail; the source below is tested.
        (try? Theme.parse(builtinSource, file: "(built-in)")) ?? Theme(name: "plain", styles: [.normal: Style()])
    }()

    public static let builtinSource = #"""
        # Gloss — default dark theme.
        # Each role is what a piece of the screen *is*; give it fg/bg colours (a name such as
        # "cyan" or "bright-black", "#rrggbb", a number 0–255, or "default") and attributes
        # (bold, dim, italic, underline, reverse).
        name = "default-dark"

        [roles]
        normal          = { fg = "default", bg = "default" }
        dim             = { fg = "bright-black" }
        title           = { fg = "bright-white", bold = true }
        border          = { fg = "bright-black" }
        heading         = { fg = "bright-yellow", bold = true }
        chapter         = { fg = "cyan" }
        chapter-current = { fg = "bright-cyan", bold = true, reverse = true }
        chapter-absent  = { fg = "bright-black", italic = true }
        speaker         = { fg = "bright-magenta", bold = true }
        time            = { fg = "green" }
        time-estimated  = { fg = "green", dim = true }
        summary         = { fg = "bright-white" }
        bullet          = { fg = "yellow" }
        quote           = { fg = "white", italic = true }
        claim           = { fg = "default" }
        claim-supported = { fg = "bright-green", bold = true }
        claim-divergent = { fg = "bright-red", bold = true }
        claim-not-found = { fg = "yellow" }
        commentary      = { fg = "default" }
        figure          = { fg = "bright-yellow", underline = true }
        selection       = { fg = "black", bg = "cyan" }
        search-hit      = { fg = "black", bg = "yellow" }
        current-hit     = { fg = "black", bg = "bright-yellow", bold = true }
        status          = { fg = "bright-white", bg = "#303a4a" }
        status-accent   = { fg = "bright-cyan", bg = "#303a4a", bold = true }
        message         = { fg = "bright-green" }
        error           = { fg = "bright-red", bold = true }
        prompt          = { fg = "bright-white", bg = "blue" }
        help            = { fg = "default", bg = "#1c2230" }
        help-key        = { fg = "bright-yellow", bg = "#1c2230", bold = true }
        tab-active      = { fg = "black", bg = "cyan", bold = true }
        tab-inactive    = { fg = "cyan" }
        placeholder     = { fg = "bright-red", reverse = true }
        diff-left       = { fg = "bright-red", underline = true }
        diff-right      = { fg = "bright-green", underline = true }
        gap             = { fg = "bright-black" }

        """#
}
