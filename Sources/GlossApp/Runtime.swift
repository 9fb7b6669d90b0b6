import Foundation
import GlossCore
import GlossRender

/// Messages posted from other threads (the background loader), picked up by the run loop.
public final class Inbox: @unchecked Sendable {
    private var items: [AppMessage] = []
    private let lock = NSLock()
    public init() {}
    public func post(_ m: AppMessage) {
        lock.lock()
        items.append(m)
        lock.unlock()
    }
    func drain() -> [AppMessage] {
        lock.lock()
        defer { lock.unlock() }
        let out = items
        items.removeAll()
        return out
    }
}

/// Runs the reader on a terminal backend: events → update → view → draw (changed cells only).
public final class Runtime<Backend: TerminalBackend> {
    public private(set) var state: AppState
    let backend: Backend
    let themes: [Theme]
    public let inbox = Inbox()
    /// Frames drawn so far (for tests and the benchmark).
    public private(set) var frames = 0

    public init(backend: Backend, state: AppState, themes: [Theme]) {
        self.backend = backend
        self.state = state
        self.themes = themes
        let size = backend.size
        self.state.width = size.width
        self.state.height = size.height
        if !themes.isEmpty { backend.apply(themes[min(state.themeIndex, themes.count - 1)]) }
    }

    /// Applies one message; returns false when the reader should quit.
    @discardableResult
    public func send(_ m: AppMessage) -> Bool {
        var full = false
        var later: [Deferred] = []
        for e in update(&state, m) {
            switch e {
            case .quit: return false
            case .redraw(let f): full = full || f
            case .applyTheme(let i): if themes.indices.contains(i) { backend.apply(themes[i]); full = true }
            case .later(let d): later.append(d)
            case .copy(let text): backend.copy(text)
            }
        }
        render(full: full)
        for d in later where !send(.deferred(d)) { return false }
        return true
    }

    public func render(full: Bool = false) {
        backend.draw(view(state), full: full)
        frames += 1
    }

    /// The loop: returns when the user quits or a signal asks to stop.
    public func run(pollMs: Int = 50) {
        render(full: true)
        while true {
            for m in inbox.drain() where !send(m) { return }
            guard let e = backend.nextEvent(timeoutMs: pollMs) else { continue }
            if !send(.event(e)) { return }
        }
    }
}
