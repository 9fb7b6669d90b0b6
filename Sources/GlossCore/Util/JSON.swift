import Foundation

/// A JSON value with ordered object keys, for stable, readable CLI output.
public indirect enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case int(Int)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool { a.serialized() == b.serialized() }

    /// Optional helpers.
    public static func str(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }
    public static func num(_ d: Double?) -> JSON {
        guard let d, d.isFinite else { return .null }
        if d == d.rounded(), abs(d) < 1e15 { return .int(Int(d)) }
        return .number(d)
    }

    public func serialized(pretty: Bool = false) -> String {
        var out = ""
        write(&out, pretty: pretty, indent: 0)
        return out
    }

    func write(_ out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let d):
            if !d.isFinite { out += "null" } else {
                // Shortest round-trip form, trimmed of a trailing ".0".
                var s = "\(d)"
                if s.hasSuffix(".0") { s.removeLast(2) }
                out += s
            }
        case .string(let s): JSON.escape(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, v) in items.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                v.write(&out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                JSON.escape(k, into: &out)
                out += pretty ? ": " : ":"
                v.write(&out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "}"
        }
    }

    /// JSON string escaping; control characters (and DEL, C1) become \u escapes so output is
    /// safe to print on a terminal.
    static func escape(_ s: String, into out: inout String) {
        out += "\""
        // Runs of bytes that need no escape are appended whole; only the characters that do
        // (quote, backslash, controls, C1, U+2028/9) are looked at one by one.
        let u = s.utf8
        var runStart = u.startIndex
        var i = runStart
        while i != u.endIndex {
            let b = u[i]
            var special = b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F
            if b == 0xC2 || b == 0xE2 {
                let j = u.index(after: i)
                if j != u.endIndex {
                    let b1 = u[j]
                    if b == 0xC2 { special = b1 >= 0x80 && b1 <= 0x9F } else if b1 == 0x80 {
                        let k = u.index(after: j)
                        special = k != u.endIndex && (u[k] == 0xA8 || u[k] == 0xA9)
                    }
                }
            }
            if !special { i = u.index(after: i); continue }
            out += s[runStart..<i]
            let scalar = s.unicodeScalars[i]
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out += String(format: "\\u%04x", scalar.value)
            }
            i = s.unicodeScalars.index(after: i)
            runStart = i
        }
        out += s[runStart..<i]
        out += "\""
    }

    // Accessors for tests and callers reading JSON back.
    public subscript(key: String) -> JSON? {
        if case .object(let pairs) = self { return pairs.first(where: { $0.0 == key })?.1 }
        return nil
    }
    public subscript(index: Int) -> JSON? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }
}
