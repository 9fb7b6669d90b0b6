import Foundation

/// A pointer wrapper for writing disjoint slots of a buffer from concurrent iterations.
struct UnsafeSlots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T?>
}

/// Maps over `count` indices on all cores; results keep index order.
public func parallelMap<R>(count: Int, _ transform: @Sendable (Int) -> R) -> [R] {
    guard count > 0 else { return [] }
    let slots = UnsafeMutablePointer<R?>.allocate(capacity: count)
    slots.initialize(repeating: nil, count: count)
    defer {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
    let box = UnsafeSlots(base: slots)
    if count == 1 {
        box.base[0] = transform(0)
    } else {
        DispatchQueue.concurrentPerform(iterations: count) { i in
            box.base[i] = transform(i)
        }
    }
    return (0..<count).map { slots[$0]! }
}

/// Counts finished work items across threads and reports them.
final class ProgressCounter: @unchecked Sendable {
    let total: Int
    let report: (@Sendable (Int, Int) -> Void)?
    var done = 0
    let lock = NSLock()
    /// - Parameter done: items counted already (by an earlier stage of the same work).
    init(total: Int, done: Int = 0, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.done = done
        self.report = report
    }
    func tick() {
        guard let report else { return }
        lock.lock()
        done += 1
        let d = done
        lock.unlock()
        report(d, total)
    }
}

/// Work started on a thread of its own now; `value()` waits for its result. (A thread, not the
/// global queue: a caller that is itself a queue worker must not wait on a queue that may
/// have no worker left to run the work.)
final class Background<T>: @unchecked Sendable {
    private var result: T?
    private let group = DispatchGroup()

    init(_ work: @escaping @Sendable () -> T) {
        group.enter()
        let thread = Thread {
            self.result = work()
            self.group.leave()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    func value() -> T {
        group.wait()
        return result!
    }
}
