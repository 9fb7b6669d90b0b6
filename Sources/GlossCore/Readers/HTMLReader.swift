import Foundation

/// Reads an HTML article page: the main content (`<main>`, `role="main"`, `<article>`, else
/// `<body>`), with scripts, styles and navigation dropped; block elements become Markdown-like
/// lines that the Markdown reader then structures.
public enum HTMLReader {
    public static func sniff(_ head: String) -> Bool {
        // `<!doctype html` or `<html` in the first 2,048 bytes, ASCII case folded: each '<'
        // found with memchr, the bytes after it compared.
        var h = head
        return h.withUTF8 { u in
            let n = min(u.count, 2048)
            func follows(_ at: Int, _ marker: StaticString) -> Bool {
                let m = marker.utf8CodeUnitCount
                guard at + m <= n else { return false }
                for k in 0..<m {
                    let b = u[at + k]
                    if (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) != marker.utf8Start[k] { return false }
                }
                return true
            }
            var from = 0
            while let lt = TextTools.firstIndex(of: 0x3C, in: u, from: from, to: n) {
                if follows(lt, "<!doctype html") || follows(lt, "<html") { return true }
                from = lt + 1
            }
            return false
        }
    }

    public static func read(_ bytes: [UInt8], path: String) -> Document {
        let html = String(decoding: bytes, as: UTF8.self)
        let main = mainContent(html)
        let text = toMarkdown(main)
        var doc = MarkdownReader.read(Array(text.utf8), path: path)
        doc.format = .html
        doc.sourceBytes = bytes.count
        if doc.metadata.title == nil, let t = titleTag(html) { doc.metadata.title = t }
        // Byte ranges refer to the converted text, not the HTML source.
        for i in doc.paragraphs.indices { doc.paragraphs[i].byteRange = 0..<0 }
        return doc
    }

    static func titleTag(_ html: String) -> String? {
        guard let r = html.range(of: "<title>", options: .caseInsensitive),
              let e = html.range(of: "</title>", options: .caseInsensitive, range: r.upperBound..<html.endIndex) else { return nil }
        let t = TextTools.clean(decodeEntities(String(html[r.upperBound..<e.lowerBound])))
        return t.isEmpty ? nil : t
    }

    static func mainContent(_ html: String) -> Substring {
        for marker in ["role=\"main\"", "<main", "<article", "<body"] {
            if let r = html.range(of: marker, options: .caseInsensitive),
               let open = html[r.upperBound...].firstIndex(of: ">") {
                var body = html[html.index(after: open)...]
                for end in ["<footer", "</main>", "</article>", "</body>"] {
                    if let e = body.range(of: end, options: .caseInsensitive) { body = body[..<e.lowerBound]; break }
                }
                return body
            }
        }
        return Substring(html)
    }

    /// Block tags to line breaks and Markdown markers; other tags dropped; entities decoded.
    static func toMarkdown(_ html: Substring) -> String {
        var out = ""
        var i = html.startIndex
        var skipUntil: String?
        var noCloseAfter: String.Index?   // no ">" from here on: "<<<<…" stays linear
        while i < html.endIndex {
            let c = html[i]
            if c == "<", noCloseAfter == nil || i < noCloseAfter!, let close = html[i...].firstIndex(of: ">") ?? { noCloseAfter = i; return nil }() {
                let tag = html[html.index(after: i)..<close].lowercased()
                let name = tag.split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "\n" || $0 == "\t" }).first.map(String.init) ?? ""
                let closing = tag.hasPrefix("/")
                let closingName = closing ? String(tag.dropFirst().prefix(while: { $0.isLetter || $0.isNumber })) : ""
                if let s = skipUntil {
                    if closing && closingName == s { skipUntil = nil }
                    i = html.index(after: close)
                    continue
                }
                if !closing && ["script", "style", "nav", "noscript", "svg", "template", "button", "form"].contains(name) {
                    skipUntil = name
                } else if !closing, name.count == 2, name.hasPrefix("h"), let level = Int(name.dropFirst()) {
                    out += "\n\n" + String(repeating: "#", count: level) + " "
                } else if !closing && name == "li" {
                    out += "\n- "
                } else if !closing && name == "blockquote" {
                    out += "\n\n> "
                } else if ["p", "div", "section", "ul", "ol", "br", "tr", "table", "pre"].contains(closing ? closingName : name)
                            || (closing && closingName.count == 2 && closingName.hasPrefix("h")) {
                    out += "\n\n"
                }
                i = html.index(after: close)
                continue
            }
            if skipUntil == nil { out.append(c == "\n" ? " " : c) }
            i = html.index(after: i)
        }
        return decodeEntities(out)
    }

    static func decodeEntities(_ s: String) -> String {
        WebVTTCueText.decodeReferences(s, namedNeedSemicolon: false)
    }
}
