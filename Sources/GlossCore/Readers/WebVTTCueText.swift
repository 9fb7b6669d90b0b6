import Foundation

/// A node of parsed WebVTT cue text (the spec's WebVTT Node Objects).
public indirect enum CueNode: Sendable, Equatable {
    public enum Kind: String, Sendable { case c, i, b, u, ruby, rt, v, lang }
    case text(String)
    case timestamp(Double)
    case element(kind: Kind, classes: [String], annotation: String?, children: [CueNode])
}

/// The WebVTT cue text tokenizer and parsing rules, plus plain-text and speaker extraction.
public enum WebVTTCueText {
    /// Deepest element nesting kept.
    public static let maxDepth = 64

    /// Parses cue text into a list of nodes.
    public static func parse(_ text: String) -> [CueNode] {
        let input = Array(text.unicodeScalars)
        var p = 0
        // Stack of open elements; index 0 is the root list.
        var stack: [(kind: CueNode.Kind?, classes: [String], annotation: String?, children: [CueNode])] = [(nil, [], nil, [])]
        func closeTop() {
            let top = stack.removeLast()
            stack[stack.count - 1].children.append(.element(kind: top.kind!, classes: top.classes, annotation: top.annotation, children: top.children))
        }
        while p < input.count {
            let token = nextToken(input, &p)
            switch token {
            case .string(let s):
                stack[stack.count - 1].children.append(.text(s))
            case .start(let name, let classes, let annotation):
                let cls = classes.filter { !$0.isEmpty }
                guard let kind = CueNode.Kind(rawValue: name) else { continue }
                if kind == .rt && stack.last?.kind != .ruby { continue }
                // Nesting deeper than any real caption is ignored (hostile input would otherwise
                // build a tree too deep to walk or free).
                if stack.count > maxDepth { continue }
                stack.append((kind, cls, kind == .v || kind == .lang ? (annotation ?? "") : annotation, []))
            case .end(let name):
                let current = stack.last?.kind
                if let current, current.rawValue == name, current != .lang {
                    closeTop()
                } else if name == "lang", current == .lang {
                    closeTop()
                } else if name == "ruby", current == .rt {
                    closeTop()
                    closeTop()
                }
            case .timestamp(let value):
                if let t = WebVTTParser.timestamp(value) {
                    stack[stack.count - 1].children.append(.timestamp(t))
                }
            }
        }
        while stack.count > 1 { closeTop() }
        return stack[0].children
    }

    enum Token {
        case string(String)
        case start(String, [String], String?)
        case end(String)
        case timestamp(String)
    }

    enum State { case data, tag, startTag, startTagClass, startTagAnnotation, endTag, timestampTag }

    static func nextToken(_ input: [Unicode.Scalar], _ p: inout Int) -> Token {
        var state = State.data
        var result = String.UnicodeScalarView()
        var buffer = String.UnicodeScalarView()
        var classes: [String] = []
        while true {
            let c: Unicode.Scalar? = p < input.count ? input[p] : nil
            switch state {
            case .data:
                guard let c else { return .string(String(result)) }
                if c == "&" {
                    p += 1
                    if let decoded = consumeCharacterReference(input, &p, additional: nil) {
                        result.append(contentsOf: decoded.unicodeScalars)
                    } else {
                        result.append("&")
                    }
                    continue
                } else if c == "<" {
                    if result.isEmpty { state = .tag } else { return .string(String(result)) }
                } else {
                    result.append(c)
                }
            case .tag:
                guard let c else { return .start("", [], nil) }
                switch c {
                case "\t", "\n", "\u{0C}", " ": state = .startTagAnnotation
                case ".": state = .startTagClass
                case "/": state = .endTag
                case "0"..."9": result = String.UnicodeScalarView([c]); state = .timestampTag
                case ">": p += 1; return .start("", [], nil)
                default: result = String.UnicodeScalarView([c]); state = .startTag
                }
            case .startTag:
                guard let c else { return .start(String(result), [], nil) }
                switch c {
                case "\t", "\u{0C}", " ": state = .startTagAnnotation
                case "\n": buffer = String.UnicodeScalarView([c]); state = .startTagAnnotation
                case ".": state = .startTagClass
                case ">": p += 1; return .start(String(result), [], nil)
                default: result.append(c)
                }
            case .startTagClass:
                guard let c else {
                    classes.append(String(buffer))
                    return .start(String(result), classes, nil)
                }
                switch c {
                case "\t", "\u{0C}", " ": classes.append(String(buffer)); buffer = .init(); state = .startTagAnnotation
                case "\n": classes.append(String(buffer)); buffer = String.UnicodeScalarView([c]); state = .startTagAnnotation
                case ".": classes.append(String(buffer)); buffer = .init()
                case ">":
                    p += 1
                    classes.append(String(buffer))
                    return .start(String(result), classes, nil)
                default: buffer.append(c)
                }
            case .startTagAnnotation:
                if c == nil || c == ">" {
                    if c != nil { p += 1 }
                    let ann = String(buffer).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\u{0C}" || $0 == "\r" }).joined(separator: " ")
                    return .start(String(result), classes, ann)
                }
                if c == "&" {
                    p += 1
                    if let decoded = consumeCharacterReference(input, &p, additional: ">") {
                        buffer.append(contentsOf: decoded.unicodeScalars)
                    } else {
                        buffer.append("&")
                    }
                    continue
                }
                buffer.append(c!)
            case .endTag:
                guard let c else { return .end(String(result)) }
                if c == ">" { p += 1; return .end(String(result)) }
                result.append(c)
            case .timestampTag:
                guard let c else { return .timestamp(String(result)) }
                if c == ">" { p += 1; return .timestamp(String(result)) }
                result.append(c)
            }
            p += 1
        }
    }

    /// The character references of a text decoded as WebVTT decodes them in cue text.
    /// - Parameter namedNeedSemicolon: take a named reference only with its `;` (the legacy
    ///   names HTML also takes without one are words in subtitles: `&copy`, `&not`).
    static func decodeReferences(_ s: String, namedNeedSemicolon: Bool) -> String {
        guard s.utf8.contains(0x26) else { return s }
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var p = 0
        while p < scalars.count {
            if scalars[p] == "&", p + 1 < scalars.count {
                var q = p + 1
                let numeric = scalars[q] == "#"
                let closed = !namedNeedSemicolon || numeric || scalars[q...].prefix(33).firstIndex(of: ";").map { end in
                    scalars[q..<end].allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
                } ?? false
                if closed, let decoded = consumeCharacterReference(scalars, &q, additional: nil),
                   !namedNeedSemicolon || numeric || scalars[q - 1] == ";" {
                    out.append(contentsOf: decoded.unicodeScalars)
                    p = q
                    continue
                }
            }
            out.append(scalars[p])
            p += 1
        }
        return String(out)
    }

    /// HTML "consume a character reference" after the `&` at `p` (the subset that matters for cue
    /// text: numeric references and the common named ones). Returns nil and leaves `p` unchanged
    /// when nothing is consumed.
    static func consumeCharacterReference(_ input: [Unicode.Scalar], _ p: inout Int, additional: Unicode.Scalar?) -> String? {
        guard p < input.count else { return nil }
        let c = input[p]
        if c == "\t" || c == "\n" || c == "\u{0C}" || c == " " || c == "<" || c == "&" || c == additional { return nil }
        if c == "#" {
            var q = p + 1
            var hex = false
            if q < input.count && (input[q] == "x" || input[q] == "X") { hex = true; q += 1 }
            var value: UInt32 = 0
            var digits = 0
            while q < input.count {
                let d = input[q]
                let v: UInt32?
                switch d {
                case "0"..."9": v = d.value - 48
                case "a"..."f" where hex: v = d.value - 87
                case "A"..."F" where hex: v = d.value - 55
                default: v = nil
                }
                guard let v else { break }
                value = min(value &* (hex ? 16 : 10) &+ v, 0x110000)
                digits += 1
                q += 1
            }
            guard digits > 0 else { return nil }
            if q < input.count && input[q] == ";" { q += 1 }
            p = q
            if value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return "\u{FFFD}" }
            if let w = windows1252Replacements[value] { return String(Unicode.Scalar(w)!) }
            return String(Unicode.Scalar(value)!)
        }
        // Named reference: longest match from the table.
        var name = ""
        var q = p
        var best: (String, Int)?
        while q < input.count && name.count < 32 {
            let ch = input[q]
            guard ch.properties.isAlphabetic || ("0"..."9").contains(ch) || ch == ";" else { break }
            name.unicodeScalars.append(ch)
            q += 1
            if let v = namedReferences[name] { best = (v, q) }
            if ch == ";" { break }
        }
        guard let (value, end) = best else { return nil }
        p = end
        return value
    }

    static let windows1252Replacements: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
        0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
        0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
        0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]

    /// Named references: entries with `;` need it; the legacy ones also match without it.
    static let namedReferences: [String: String] = {
        let withSemicolon: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "lrm": "\u{200E}",
            "rlm": "\u{200F}", "mdash": "—", "ndash": "–", "hellip": "…", "lsquo": "‘", "rsquo": "’",
            "ldquo": "“", "rdquo": "”", "copy": "©", "reg": "®", "trade": "™", "eacute": "é", "egrave": "è",
            "aacute": "á", "agrave": "à", "ccedil": "ç", "uuml": "ü", "ouml": "ö", "auml": "ä", "szlig": "ß",
            "iexcl": "¡", "iquest": "¿", "ntilde": "ñ", "deg": "°", "middot": "·", "bull": "•", "laquo": "«",
            "raquo": "»", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "sect": "§", "para": "¶",
            "times": "×", "divide": "÷", "plusmn": "±", "frac12": "½", "frac14": "¼", "frac34": "¾",
            "shy": "\u{AD}", "zwj": "\u{200D}", "zwnj": "\u{200C}", "thinsp": "\u{2009}", "ensp": "\u{2002}",
            "emsp": "\u{2003}", "notin": "∉", "not": "¬", "hearts": "♥", "larr": "←", "rarr": "→",
        ]
        var table: [String: String] = [:]
        for (k, v) in withSemicolon { table[k + ";"] = v }
        for legacy in ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg", "not", "deg", "eacute", "egrave",
                       "aacute", "agrave", "ccedil", "uuml", "ouml", "auml", "szlig", "iexcl", "iquest",
                       "ntilde", "middot", "laquo", "raquo", "pound", "yen", "cent", "sect", "para", "times",
                       "divide", "plusmn", "frac12", "frac14", "frac34", "shy"] {
            table[legacy] = withSemicolon[legacy]
        }
        return table
    }()

    /// The text of the nodes without tags (ruby text kept inline, timestamps dropped).
    public static func plainText(_ nodes: [CueNode]) -> String {
        var out = ""
        func walk(_ ns: [CueNode]) {
            for n in ns {
                switch n {
                case .text(let s): out += s
                case .timestamp: break
                case .element(_, _, _, let children): walk(children)
                }
            }
        }
        walk(nodes)
        return out
    }

    /// The first voice annotation (`<v Speaker>`), if any.
    public static func firstVoice(_ nodes: [CueNode]) -> String? {
        for n in nodes {
            if case .element(let kind, _, let ann, let children) = n {
                if kind == .v, let ann, !ann.isEmpty { return ann }
                if let v = firstVoice(children) { return v }
            }
        }
        return nil
    }

    /// The html5lib-style tree dump that the WPT cue-text tests compare against.
    public static func treeDump(_ nodes: [CueNode]) -> String {
        var out = ""
        func line(_ depth: Int, _ s: String) { out += "| " + String(repeating: "  ", count: depth) + s + "\n" }
        func walk(_ ns: [CueNode], _ depth: Int) {
            for n in ns {
                switch n {
                case .text(let s): line(depth, "\"\(s)\"")
                case .timestamp(let t): line(depth, "<?timestamp \(Timestamp.formatPrecise(t))>")
                case .element(let kind, let classes, let ann, let children):
                    let tag: String
                    switch kind {
                    case .c, .v, .lang: tag = "span"
                    default: tag = kind.rawValue
                    }
                    line(depth, "<\(tag)>")
                    if !classes.isEmpty { line(depth + 1, "class=\"\(classes.joined(separator: " "))\"") }
                    if kind == .v { line(depth + 1, "title=\"\(ann ?? "")\"") }
                    if kind == .lang { line(depth + 1, "lang=\"\(ann ?? "")\"") }
                    walk(children, depth + 1)
                }
            }
        }
        walk(nodes, 0)
        return out
    }
}
