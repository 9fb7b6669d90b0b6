import Foundation
import XCTest
import GlossTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `gloss` binary: as a command, or inside a private tmux server.
enum Harness {
    static let packageRoot = SharedData.packageRoot
    static let shared = SharedData.root
    static let seeds = SharedData.seeds
    static let newsletter = SharedData.newsletter
    static let article = SharedData.article

    /// The `gloss` built beside this test bundle (`swift build` puts both in the same folder).
    static func binary() throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gloss").path,
            packageRoot.appendingPathComponent(".build/debug/gloss").path,
        ]
        for c in candidates where FileManager.default.isExecutableFile(atPath: c) { return c }
        throw XCTSkip("gloss is not built (run swift build first)")
    }

    /// A new empty folder under this test process's own temporary folder, which is removed
    /// when the process exits.
    static func temporaryFolder(_ label: String) throws -> String {
        let base = NSTemporaryDirectory() + "gloss-e2e-\(getpid())"
        if !FileManager.default.fileExists(atPath: base) {
            try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
            atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "gloss-e2e-\(getpid())") }
        }
        folderCounter += 1
        let path = base + "/\(label)-\(folderCounter)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
    nonisolated(unsafe) static var folderCounter = 0

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
    }

    /// Runs gloss with arguments (and optional stdin), with a time limit.
    static func gloss(_ args: [String], stdin: Data? = nil, timeout: TimeInterval = 60, env: [String: String] = [:]) throws -> Result {
        try run(binary(), args, stdin: stdin, timeout: timeout, env: env)
    }

    /// Runs a short command with posix_spawn, stdout captured (stdin and stderr from /dev/null),
    /// for tmux: its server daemonizes and must not inherit a pipe we wait on, and Foundation's
    /// Process can leave such children unreaped.
    @discardableResult
    static func spawn(_ exe: String, _ args: [String], capture: Bool = true) -> (status: Int32, output: String) {
        var fds: [Int32] = [-1, -1]
        if capture { _ = pipe(&fds) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_addclose(&actions, fds[0])
            posix_spawn_file_actions_addclose(&actions, fds[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        let argv = ([exe] + args).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, exe, &actions, nil, argv, environ)
        if capture { close(fds[1]) }
        guard rc == 0 else {
            if capture { close(fds[0]) }
            return (-1, "")
        }
        var out = [UInt8]()
        if capture {
            var buf = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = buf.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                out.append(contentsOf: buf[0..<n])
            }
            close(fds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return ((status >> 8) & 0xFF, String(decoding: out, as: UTF8.self))
    }

    static func run(_ exe: String, _ args: [String], stdin: Data? = nil, timeout: TimeInterval = 60, env: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin {
            DispatchQueue.global().async {
                input.fileHandleForWriting.write(stdin)
                try? input.fileHandleForWriting.close()
            }
        } else {
            try? input.fileHandleForWriting.close()
        }
        // Read both pipes concurrently so a full pipe never blocks the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let outBox = Box(), errBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outBox.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        var outData: Data { outBox.data }
        var errData: Data { errBox.data }
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(20_000) }
        if p.isRunning {
            p.terminate()
            usleep(200_000)
            if p.isRunning { kill(p.processIdentifier, SIGKILL) }
            p.waitUntilExit()
            group.wait()
            XCTFail("gloss \(args.joined(separator: " ")) took longer than \(Int(timeout)) s")
            return Result(status: -1, stdout: String(decoding: outData, as: UTF8.self), stderr: "timeout")
        }
        p.waitUntilExit()
        group.wait()
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    static func which(_ tool: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/local/bin").split(separator: ":") {
            let p = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}

/// A private tmux server with one session running a command; send keys, read the screen.
final class Tmux {
    let socket: String
    let tmux: String
    nonisolated(unsafe) static var counter = 0

    init(width: Int, height: Int, command: String) throws {
        guard let t = Harness.which("tmux") else { throw XCTSkip("tmux is not installed") }
        tmux = t
        Tmux.counter += 1
        socket = "gloss-test-\(getpid())-\(Tmux.counter)"
        Harness.spawn(tmux, ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", command], capture: false)
    }

    deinit {
        Harness.spawn(tmux, ["-L", socket, "kill-server"], capture: false)
        // (tmux leaves the socket file of a server killed so; a suite run left thirty-odd.)
        let folder = (ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp") + "/tmux-\(getuid())"
        unlink(folder + "/" + socket)
    }

    func keys(_ keys: String...) throws {
        for k in keys { Harness.spawn(tmux, ["-L", socket, "send-keys", k], capture: false) }
    }

    func literal(_ text: String) throws {
        Harness.spawn(tmux, ["-L", socket, "send-keys", "-l", text], capture: false)
    }

    func resize(_ w: Int, _ h: Int) throws {
        Harness.spawn(tmux, ["-L", socket, "resize-window", "-x", "\(w)", "-y", "\(h)"], capture: false)
    }

    func screen() throws -> String {
        Harness.spawn(tmux, ["-L", socket, "capture-pane", "-p"]).output
    }

    /// Any tmux command on this server; its output.
    func command(_ args: String...) -> String {
        Harness.spawn(tmux, ["-L", socket] + args).output
    }

    func display(_ format: String) throws -> String {
        Harness.spawn(tmux, ["-L", socket, "display", "-p", format]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The reader's status bar is on the screen's last line: it shows the position in the
    /// document (` │ 42%`), or the name Gloss when there is room (a narrow screen drops it).
    static func showsReader(_ screen: String) -> Bool {
        guard let last = screen.split(separator: "\n").last(where: { !$0.allSatisfy(\.isWhitespace) }) else { return false }
        return last.hasPrefix(" Gloss │") || last.contains(try! Regex("│ [0-9]{1,3}%"))
    }

    /// Waits until the screen satisfies `predicate` (the status bar is drawn last).
    @discardableResult
    func wait(timeout: TimeInterval = 15, file: StaticString = #filePath, line: UInt = #line, _ what: String, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return last }
            usleep(100_000)
        }
        XCTFail("timed out waiting for \(what); screen:\n\(last)", file: file, line: line)
        return last
    }

}

/// The command line that starts gloss in tmux. A shell stays behind it, prints gloss's exit
/// status and keeps the pane alive, so the terminal's state after gloss can be read.
///
/// Each run gets a state folder of its own (`XDG_STATE_HOME`) unless `env` names one: a place
/// saved by one test must not move the next test's first screen, nor touch the user's own.
func glossCommand(_ args: [String], env: String = "", stdin: String? = nil) throws -> String {
    func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    var env = env
    if !env.contains("XDG_STATE_HOME=") { env += " XDG_STATE_HOME=" + q(try Harness.temporaryFolder("state")) }
    // The shell survives Ctrl-C (its trap is reset for gloss, which handles SIGINT itself).
    let inner = "trap : INT; env TERM=tmux-256color LANG=C.UTF-8 SWIFT_BACKTRACE=enable=no \(env) \(q(try Harness.binary())) "
        + args.map(q).joined(separator: " ") + (stdin.map { " < " + q($0) } ?? "") + "; echo GLOSS_EXIT=$?; sleep 600"
    return "sh -c " + q(inner)
}

extension Tmux {
    /// Waits for gloss to exit and returns its status (from the shell behind it).
    func glossExitStatus(timeout: TimeInterval = 10) throws -> Int? {
        let screen = try wait(timeout: timeout, "gloss to exit") { $0.contains("GLOSS_EXIT=") }
        guard let r = screen.range(of: "GLOSS_EXIT=") else { return nil }
        return Int(screen[r.upperBound...].prefix { $0.isNumber })
    }
}
