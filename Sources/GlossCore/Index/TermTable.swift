import Foundation

/// An open-addressing hash table from term bytes to dense ids, with the bytes kept in one arena:
/// indexing interns every token without making a String.
struct TermTable {
    private(set) var arena: [UInt8] = []
    /// Each term's place in the arena: its start in the upper half, its length in the lower (one
    /// load per comparison instead of two from two arrays).
    private var spans: [UInt64] = []
    /// A slot holds the upper half of its term's hash beside the term's id + 1 (0 is empty): one
    /// memory access per probe, and the bytes are compared only when the halves match.
    private var slots: [UInt64]
    private var hashes: [UInt64] = []
    private var mask: Int

    init(capacity: Int = 1024) {
        var c = 16
        while c < capacity * 2 { c <<= 1 }
        slots = [UInt64](repeating: 0, count: c)
        mask = c - 1
    }

    private static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000
    @inline(__always) private static func slot(_ h: UInt64, _ id: Int) -> UInt64 { (h & tagMask) | UInt64(id + 1) }

    var count: Int { spans.count }

    @inline(__always) private func span(_ id: Int) -> (start: Int, length: Int) {
        let s = spans[id]
        return (Int(truncatingIfNeeded: s >> 32), Int(truncatingIfNeeded: s & 0xFFFF_FFFF))
    }

    /// Eight bytes at a time (most terms are one word of them), mixed as in splitmix64.
    @inline(__always) static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = b.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        guard let base = b.baseAddress else { return h }
        var i = 0
        while i + 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        let rest = n - i
        if rest > 0 {
            // The tail in at most two loads (they overlap for 5-7 bytes), as wyhash reads it.
            let w: UInt64
            if rest >= 4 {
                w = UInt64(UnsafeRawPointer(base + i).loadUnaligned(as: UInt32.self))
                    | UInt64(UnsafeRawPointer(base + n - 4).loadUnaligned(as: UInt32.self)) << 32
            } else {
                w = UInt64(base[i]) | UInt64(base[i + rest / 2]) << 8 | UInt64(base[n - 1]) << 16
            }
            h = (h ^ w) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 29
        }
        h = (h ^ (h >> 32)) &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 29)
    }

    /// Where the term is, or the empty slot where it would go: one probe loop for both lookups
    /// and inserts.
    @inline(__always)
    private func find(_ term: UnsafeBufferPointer<UInt8>, _ h: UInt64) -> (id: Int32?, slot: Int) {
        let tag = h & TermTable.tagMask
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s == 0 { return (nil, i) }
            if s & TermTable.tagMask == tag {
                let id = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1
                if equal(id, term) { return (Int32(id), i) }
            }
            i = (i + 1) & mask
        }
    }

    /// The id of the term, inserting it if new.
    @inline(__always)
    mutating func id(of term: UnsafeBufferPointer<UInt8>) -> Int32 {
        id(of: term, hash: TermTable.hash(term))
    }

    /// The id of a term whose hash is known (from another table: `hash(of:)`).
    @inline(__always)
    mutating func id(of term: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int32 {
        let (found, i) = find(term, h)
        if let found { return found }
        let id = Int32(spans.count)
        spans.append(UInt64(UInt32(arena.count)) << 32 | UInt64(UInt32(term.count)))
        hashes.append(h)
        arena.append(contentsOf: term)
        slots[i] = TermTable.slot(h, Int(id))
        if spans.count * 2 > slots.count { grow() }
        return id
    }

    /// The hash `id(of:)` computed for term `id`.
    func hash(of id: Int) -> UInt64 { hashes[id] }

    /// The id of a term if present (never inserts).
    @inline(__always)
    func lookup(_ term: UnsafeBufferPointer<UInt8>) -> Int32? { find(term, TermTable.hash(term)).id }

    func lookup(_ term: String) -> Int32? {
        var t = term
        return t.withUTF8 { lookup($0) }
    }

    /// The bytes of a term id.
    @inline(__always)
    func withBytes<R>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let (s, l) = span(id)
        return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[s..<(s + l)])) }
    }

    @inline(__always) private func equal(_ id: Int, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        let (start, len) = span(id)
        guard len == term.count else { return false }
        guard len > 0 else { return true }
        return arena.withUnsafeBufferPointer { a in
            // The hash's upper half already matched, so the bytes almost always do: compared with
            // at most two overlapping loads for the short terms that are most of them, not a call.
            let x = UnsafeRawPointer(a.baseAddress! + start), y = UnsafeRawPointer(term.baseAddress!)
            if len >= 8 && len <= 16 {
                return x.loadUnaligned(as: UInt64.self) == y.loadUnaligned(as: UInt64.self)
                    && x.loadUnaligned(fromByteOffset: len - 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: len - 8, as: UInt64.self)
            }
            if len >= 4 && len < 8 {
                return x.loadUnaligned(as: UInt32.self) == y.loadUnaligned(as: UInt32.self)
                    && x.loadUnaligned(fromByteOffset: len - 4, as: UInt32.self) == y.loadUnaligned(fromByteOffset: len - 4, as: UInt32.self)
            }
            if len < 4 {
                let u = x.assumingMemoryBound(to: UInt8.self), v = y.assumingMemoryBound(to: UInt8.self)
                return u[0] == v[0] && u[len / 2] == v[len / 2] && u[len - 1] == v[len - 1]
            }
            return memcmp(x, y, len) == 0
        }
    }

    private mutating func grow() {
        let c = slots.count * 2
        slots = [UInt64](repeating: 0, count: c)
        mask = c - 1
        for id in 0..<spans.count {
            var i = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = TermTable.slot(hashes[id], id)
        }
    }

    /// The term of an id, as a String.
    func term(_ id: Int) -> String {
        let (s, l) = span(id)
        return String(decoding: arena[s..<(s + l)], as: UTF8.self)
    }
}
