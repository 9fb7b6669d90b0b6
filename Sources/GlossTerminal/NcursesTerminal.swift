@preconcurrency import CNcursesw
import Foundation
import GlossRender
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Set from signal handlers; read by the event loop.
let pendingSignal = Atomic<Int32>(0)
/// Set by SIGTSTP (Ctrl-Z); the event loop gives the terminal back and stops.
let pendingStop = Atomic<Bool>(false)

/// The ncurses backend: sets up and restores the terminal, decodes wide-character input and
/// mouse events, maps style roles to colour pairs, and puts grids on screen (changed cells only).
/// The only code in Gloss that talks to curses.
public final class NcursesTerminal: TerminalBackend {
    private var previous: Grid?
    private var active = false
    private var pairs: [Role: (pair: Int32, attrs: attr_t)] = [:]
    private var savedStderr: Int32 = -1
    private var stderrFile: String?
    private let mouse: Bool
    public private(set) var colors: Int = 0

    /// Whether standard input and output are terminals (the reader needs both).
    public static var isInteractive: Bool { isatty(0) == 1 && isatty(1) == 1 }

    public init(mouse: Bool) throws {
        self.mouse = mouse
        NcursesTerminal.installSignalHandlers()
        NcursesTerminal.ensureUTF8Locale()
        // Keys come from the terminal even when stdin carried a document (`gloss -`).
        var input = stdin
        if isatty(0) == 0 {
            guard let tty = fopen("/dev/tty", "r") else {
                throw TerminalError(message: "no terminal to read keys from (/dev/tty)")
            }
            input = tty
        }
        captureStderr()
        guard let screen = newterm(nil, stdout, input) else {
            restoreStderr()
            let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
            throw TerminalError(message: term.isEmpty
                ? "TERM is not set, so the reader cannot tell what the terminal can do; set it (TERM=xterm-256color) or use the commands that print (gloss toc, show, search, claims)"
                : "no description of the terminal TERM=\(term) (is it installed? `infocmp \(term)` tells); try TERM=xterm-256color, or the commands that print (gloss toc, show, search, claims)")
        }
        set_term(screen)
        guard gloss_can_address_cursor() != 0 else {
            endwin()
            delscreen(screen)
            restoreStderr()
            let term = ProcessInfo.processInfo.environment["TERM"] ?? "unset"
            throw TerminalError(message: "the terminal (TERM=\(term)) cannot move the cursor, which the reader needs; use one that can (TERM=xterm-256color, tmux-256color…), or the commands that print (gloss toc, show, search, claims)")
        }
        active = true
        NcursesTerminal.current = self
        cbreak()
        noecho()
        nonl()
        keypad(stdscr, true)
        intrflush(stdscr, false)
        gloss_set_escdelay(25)
        curs_set(0)
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(COLORS)
        }
        if mouse {
            mousemask(NcursesTerminal.mouseEvents, nil)
            mouseinterval(0)
        }
    }

    deinit { stop() }

    /// The mouse events the reader asks for (wheel, clicks; no motion, so Shift-drag still
    /// selects text in most terminals).
    static var mouseEvents: mmask_t {
        gloss_button1_pressed() | gloss_button1_released() | gloss_button1_clicked()
            | gloss_button1_double_clicked() | gloss_button4_pressed() | gloss_button5_pressed()
    }

    public var size: (width: Int, height: Int) {
        var y: Int32 = 0, x: Int32 = 0
        gloss_getmaxyx(stdscr, &y, &x)
        return (Int(x), Int(y))
    }

    // MARK: Colours

    public func apply(_ theme: Theme) {
        pairs.removeAll()
        guard active else { return }
        let useColor = colors >= 8
        var next: Int32 = 1
        for role in Role.allCases {
            let st = theme.style(role)
            var attrs = gloss_a_normal()
            if st.bold { attrs |= gloss_a_bold() }
            if st.dim { attrs |= gloss_a_dim() }
            if st.italic { attrs |= gloss_a_italic() }
            if st.underline { attrs |= gloss_a_underline() }
            if st.reverse { attrs |= gloss_a_reverse() }
            var pair: Int32 = 0
            if useColor {
                let fg = st.fg.number(colors: colors).map(Int32.init) ?? -1
                let bg = st.bg.number(colors: colors).map(Int32.init) ?? -1
                if fg != -1 || bg != -1 {
                    pair = next
                    _ = gloss_init_pair(pair, fg, bg)
                    next += 1
                }
            } else if role == .selection || role == .status || role == .tabActive || role == .prompt || role == .currentHit {
                attrs |= gloss_a_reverse()
            }
            pairs[role] = (pair, attrs)
        }
        previous = nil
    }

    // MARK: Drawing

    public func draw(_ grid: Grid, full: Bool) {
        guard active else { return }
        if full {
            clearok(curscr, true)
            previous = nil
        }
        let runs = grid.diff(from: previous)
        var buffer = [wchar_t](repeating: 0, count: 8)
        for run in runs {
            var x = run.x
            for cell in run.cells {
                defer { x += 1 }
                if cell.width == 0 { continue }
                let style = pairs[cell.role] ?? (0, gloss_a_normal())
                var n = 0
                for u in cell.text.unicodeScalars.prefix(7) {
                    buffer[n] = wchar_t(bitPattern: u.value)
                    n += 1
                }
                if n == 0 { buffer[0] = 32; n = 1 }
                buffer[n] = 0
                _ = gloss_put_cell(stdscr, Int32(run.y), Int32(x), buffer, style.attrs, style.pair)
            }
        }
        if let c = grid.cursor {
            curs_set(1)
            wmove(stdscr, Int32(c.y), Int32(c.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(stdscr)
        doupdate()
        previous = grid
    }

    // MARK: Input

    public func nextEvent(timeoutMs: Int) -> InputEvent? {
        guard active else { return .interrupt }
        if pendingSignal.load(ordering: .relaxed) != 0 { return .interrupt }
        if pendingStop.load(ordering: .relaxed) { return suspend() }
        wtimeout(stdscr, Int32(timeoutMs))
        var ch: wint_t = 0
        let r = wget_wch(stdscr, &ch)
        if pendingSignal.load(ordering: .relaxed) != 0 { return .interrupt }
        if pendingStop.load(ordering: .relaxed) { return suspend() }
        if r == ERR { return nil }
        if r == KEY_CODE_YES { return decodeKeyCode(Int32(ch)) }
        switch ch {
        case 27: return .key(.escape)
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 127, 8: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(UInt8(ch) + 96))))
        default:
            guard let u = Unicode.Scalar(ch), u.value >= 0x20 else { return nil }
            return .key(.char(Character(u)))
        }
    }

    func decodeKeyCode(_ code: Int32) -> InputEvent? {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_HOME: return .key(.home)
        case KEY_END, KEY_LL: return .key(.end)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_BTAB: return .key(.backTab)
        case KEY_RESIZE:
            previous = nil
            let s = size
            return .resize(width: s.width, height: s.height)
        case KEY_MOUSE:
            var ev = MEVENT()
            guard getmouse(&ev) == OK else { return nil }
            let b = ev.bstate
            let kind: MouseEvent.Kind
            if b & gloss_button4_pressed() != 0 { kind = .wheelUp } else if gloss_button5_pressed() != 0 && b & gloss_button5_pressed() != 0 { kind = .wheelDown } else if b & gloss_button1_double_clicked() != 0 { kind = .doubleClick } else if b & gloss_button1_pressed() != 0 { kind = .press } else if b & gloss_button1_clicked() != 0 { kind = .click } else if b & gloss_button1_released() != 0 { kind = .release } else { return nil }
            return .mouse(MouseEvent(kind: kind, x: Int(ev.x), y: Int(ev.y)))
        default:
            for n in 1...12 where code == gloss_key_f(Int32(n)) { return .key(.function(n)) }
            return nil
        }
    }

    // MARK: Suspending

    /// Ctrl-Z: the terminal given back as on exit, the process stopped (the shell's job control
    /// takes over); on `fg` the screen is taken again and redrawn in full. Done here, on the
    /// event loop's thread, not in the signal handler: curses is not safe to call from a
    /// handler, which in a process with worker threads may run on any of them.
    func suspend() -> InputEvent {
        pendingStop.store(false, ordering: .relaxed)
        if mouse { mousemask(0, nil) }
        curs_set(1)
        endwin()
        var dfl = NcursesTerminal.action(SIG_DFL), ours = sigaction()
        sigaction(SIGTSTP, &dfl, &ours)
        raise(SIGTSTP)  // stopped here until SIGCONT (at once, for a process without job control)
        sigaction(SIGTSTP, &ours, nil)
        // Back: curses mode again, every cell repainted (the shell drew over the screen).
        clearok(curscr, true)
        previous = nil
        doupdate()
        if mouse { mousemask(NcursesTerminal.mouseEvents, nil) }
        let s = size
        return .resize(width: s.width, height: s.height)
    }

    // MARK: Clipboard

    /// OSC 52, written between frames (curses has flushed the last one): the terminal keeps
    /// the text, or ignores a sequence it does not know.
    public func copy(_ text: String) {
        guard active else { return }
        fputs(clipboardSequence(text), stdout)
        fflush(stdout)
    }

    // MARK: Restoring

    public func stop() {
        guard active else { return }
        active = false
        if mouse { mousemask(0, nil) }
        curs_set(1)
        endwin()
        restoreStderr()
        if NcursesTerminal.current === self { NcursesTerminal.current = nil }
    }

    /// stderr written while curses owns the screen would be lost: keep it in a file, replay after.
    private func captureStderr() {
        var template = Array("/tmp/gloss-stderr-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return }
        stderrFile = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        savedStderr = dup(2)
        dup2(fd, 2)
        close(fd)
    }

    private func restoreStderr() {
        guard savedStderr >= 0 else { return }
        dup2(savedStderr, 2)
        close(savedStderr)
        savedStderr = -1
        if let f = stderrFile {
            if let data = FileManager.default.contents(atPath: f), !data.isEmpty {
                data.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
            }
            unlink(f)
            stderrFile = nil
        }
    }

    // MARK: Signals

    nonisolated(unsafe) static weak var current: NcursesTerminal?

    static func ensureUTF8Locale() {
        if let loc = setlocale(LC_ALL, ""), String(cString: loc).uppercased().contains("UTF-8") || String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8" {
            return
        }
        _ = setlocale(LC_ALL, "C.UTF-8")
    }

    /// SIGINT/SIGTERM/SIGHUP only set a flag; the loop sees it and restores the terminal.
    /// Crashes restore the terminal before the default action runs.
    static func installSignalHandlers() {
        var stopAction = action { sig in pendingSignal.store(sig, ordering: .relaxed) }
        for s in [SIGINT, SIGTERM, SIGHUP] { sigaction(s, &stopAction, nil) }
        // Installed before curses starts, so that curses does not install its own (which calls
        // curses from the handler).
        var suspendAction = action { _ in pendingStop.store(true, ordering: .relaxed) }
        sigaction(SIGTSTP, &suspendAction, nil)
        var crash = action({ sig in
            endwin()
            signal(sig, SIG_DFL)
            raise(sig)
        }, flags: Int32(truncatingIfNeeded: SA_RESETHAND))
        for s in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT] { sigaction(s, &crash, nil) }
    }

    /// A signal action running `handler` with no signals blocked beyond the one handled.
    static func action(_ handler: __sighandler_t?, flags: Int32 = 0) -> sigaction {
        var a = sigaction()
        a.__sigaction_handler.sa_handler = handler
        sigemptyset(&a.sa_mask)
        a.sa_flags = flags
        return a
    }

    /// The signal that asked us to stop, if any.
    public static var receivedSignal: Int32 { pendingSignal.load(ordering: .relaxed) }
}

public struct TerminalError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
