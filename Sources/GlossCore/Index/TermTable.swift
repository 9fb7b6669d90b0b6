import Foundation

/// An open-addressing hash table from term bytes to dense ids, with the bytes kept in one arena:
/// indexing interns every token without making a String.
struct TermTable {
    private(set) var arena: [UInt8] = []
    private(set) var starts: [Int32] = []
    private(set) var lengths: [Int32] = []
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var mask: Int

    init(capacity: Int = 1024) {
        var c = 16
        while c < capacity * 2 { c <<= 1 }
        slots = [Int32](repeating: -1, count: c)
        mask = c - 1
    }

    var count: Int { starts.count }

    @inline(__always) static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for x in b { h = (h ^ UInt64(x)) &* 0x100000001b3 }
        return h
    }

    /// The id of the term, inserting it if new.
    @inline(__always)
    mutating func id(of term: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = TermTable.hash(term)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s < 0 { break }
            if hashes[Int(s)] == h && equal(Int(s), term) { return s }
            i = (i + 1) & mask
        }
        let id = Int32(starts.count)
        starts.append(Int32(arena.count))
        lengths.append(Int32(term.count))
        hashes.append(h)
        arena.append(contentsOf: term)
        slots[i] = id
        if starts.count * 2 > slots.count { grow() }
        return id
    }

    /// The id of a term if present (never inserts).
    @inline(__always)
    func lookup(_ term: UnsafeBufferPointer<UInt8>) -> Int32? {
        let h = TermTable.hash(term)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s < 0 { return nil }
            if hashes[Int(s)] == h && equal(Int(s), term) { return s }
            i = (i + 1) & mask
        }
    }

    func lookup(_ term: String) -> Int32? {
        var t = term
        return t.withUTF8 { lookup($0) }
    }

    /// The bytes of a term id.
    @inline(__always)
    func withBytes<R>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let s = Int(starts[id]), l = Int(lengths[id])
        return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[s..<(s + l)])) }
    }

    @inline(__always) private func equal(_ id: Int, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        let len = Int(lengths[id])
        guard len == term.count else { return false }
        let start = Int(starts[id])
        return arena.withUnsafeBufferPointer { a in
            memcmp(a.baseAddress! + start, term.baseAddress!, len) == 0
        }
    }

    private mutating func grow() {
        let c = slots.count * 2
        slots = [Int32](repeating: -1, count: c)
        mask = c - 1
        for id in 0..<starts.count {
            var i = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(id)
        }
    }

    /// The term of an id, as a String.
    func term(_ id: Int) -> String {
        let s = Int(starts[id]), l = Int(lengths[id])
        return String(decoding: arena[s..<(s + l)], as: UTF8.self)
    }
}
