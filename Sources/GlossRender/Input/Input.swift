import Foundation
/// A key press, decoded by the terminal backend.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)

    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-\(c.uppercased())"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .function(let n): return "F\(n)"
        }
    }
}

/// A mouse action at a cell.
public struct MouseEvent: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case press, release, click, doubleClick, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int
    public init(kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// Everything the runtime can receive from the terminal.
public enum InputEvent: Equatable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// A signal asked the program to stop (SIGINT, SIGTERM, SIGHUP).
    case interrupt
}

/// What the runtime needs from a terminal: size, events, and putting a grid on screen.
public protocol TerminalBackend: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// Waits up to `timeoutMs` for an event.
    func nextEvent(timeoutMs: Int) -> InputEvent?
    /// Shows the grid (only what changed since the last call, unless `full`).
    func draw(_ grid: Grid, full: Bool)
    /// Applies a theme (colour pairs for roles).
    func apply(_ theme: Theme)
    /// Restores the terminal. Safe to call more than once.
    func stop()
    /// Puts text on the terminal's clipboard (OSC 52), if the terminal takes it.
    func copy(_ text: String)
}

extension TerminalBackend {
    public func copy(_ text: String) {}
}

/// The escape sequence that asks a terminal to put `text` on its clipboard (OSC 52, as xterm,
/// iTerm2, kitty, WezTerm, foot and tmux with `set-clipboard on` take it): the text travels
/// base64-encoded, so none of its bytes reach the terminal as they are.
public func clipboardSequence(_ text: String) -> String {
    "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
}
