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
