import Foundation
import GlossCore
import GlossRender

#if canImport(Glibc)
import Glibc
#endif

/// Buffered stdout/stderr; text bound for a terminal is sanitized so document bytes can never
/// act as terminal commands.
enum Output {
    nonisolated(unsafe) static var buffer: [UInt8] = []
    static let stdoutIsTerminal = isatty(1) == 1
    static let stderrIsTerminal = isatty(2) == 1

    static func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count > 1 << 20 { flush() }
    }

    static func text(_ s: String) {
        write(stdoutIsTerminal ? Sanitizer.sanitize(s, keepNewlines: true) : s)
    }

    static func json(_ j: JSON) {
        write(j.serialized(pretty: stdoutIsTerminal) + "\n")
    }

    static func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer[offset...].withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if n <= 0 { if errno == EINTR { continue }; break }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    static func error(_ message: String) {
        let line = "gloss: " + (stderrIsTerminal ? Sanitizer.sanitize(message) : message) + "\n"
        _ = line.withCString { Glibc.write(2, $0, strlen($0)) }
    }
}
