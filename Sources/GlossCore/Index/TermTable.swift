import Foundation

/// An open-addressing hash table from term bytes to dense ids, with the bytes kept in one arena:
/// indexing interns every token without making a String.
struct TermTable: TermSource {
    /// The bytes of the terms that have no key (longer than eight bytes), one after another.
    private var arena: [UInt8] = []
    /// Per id, the word of a short term (`key(_:)`), which is also where its bytes are kept: a
    /// token is compared with one load, and most terms never touch the arena.
    private var keys: [UInt64] = []
    /// Each term's place in the arena: its start in the upper half (0 for a term with a key), its
    /// length in the lower (one load per comparison instead of two from two arrays).
    private var spans: [UInt64] = []
    /// A slot holds the upper half of its term's hash beside the term's id + 1 (0 is empty): one
    /// memory access per probe, and the bytes are compared only when the halves match.
    private var slots: [UInt64]
    private var hashes: [UInt64] = []
    private var slotMask: Int

    init(capacity: Int = 1024) {
        var c = 16
        while c < capacity * 2 { c <<= 1 }
        slots = [UInt64](repeating: 0, count: c)
        slotMask = c - 1
    }

    private static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000
    @inline(__always) private static func slot(_ h: UInt64, _ id: Int) -> UInt64 { (h & tagMask) | UInt64(id + 1) }

    var count: Int { spans.count }

    @inline(__always) func span(_ id: Int) -> (start: Int, length: Int) {
        let s = spans[id]
        return (Int(truncatingIfNeeded: s >> 32), Int(truncatingIfNeeded: s & 0xFFFF_FFFF))
    }

    /// The hash of a term of one to eight bytes, given as the little-endian word of its bytes
    /// (zero above them): one multiply, since most terms are this short and the hash sits on
    /// the path of every token. The multiply spreads every byte into the upper half (the slot
    /// tag) and the fold brings the upper half down into the slot index.
    @inline(__always) static func shortHash(_ w: UInt64, _ n: Int) -> UInt64 {
        let h = (w ^ UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }

    /// Whether a byte of `w` is zero.
    @inline(__always) static func hasZeroByte(_ w: UInt64) -> Bool {
        (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080 != 0
    }

    /// A short term's word (zero above its bytes; the bytes themselves are never zero), or 0 for
    /// a term of more than eight bytes or with a zero byte.
    @inline(__always) static func key(_ term: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = term.count
        guard n >= 1 && n <= 8, let base = term.baseAddress else { return 0 }
        let w = word(base, n)
        return hasZeroByte(w | ~byteMask(n)) ? 0 : w
    }

    /// The little-endian word of 1-8 bytes, zero above them, read without going past them.
    @inline(__always) static func word(_ base: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        let raw = UnsafeRawPointer(base)
        if n >= 4 {
            // Two overlapping four-byte loads; the upper one's overlap shifted out.
            let hi = UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            return UInt64(raw.loadUnaligned(as: UInt32.self)) | (hi >> UInt64(8 * (8 - n))) << 32
        }
        return UInt64(base[0]) | (n > 1 ? UInt64(base[1]) << 8 : 0) | (n > 2 ? UInt64(base[2]) << 16 : 0)
    }

    /// The mask of a term's bytes in its word (`n` in 1...8).
    @inline(__always) static func byteMask(_ n: Int) -> UInt64 { UInt64.max >> UInt64(truncatingIfNeeded: 64 - 8 * n) }

    /// Short terms by `shortHash`; longer ones eight bytes at a time, mixed as in splitmix64, the
    /// last one to eight bytes as one zero-extended word.
    @inline(__always) static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = b.count
        guard let base = b.baseAddress, n > 0 else { return shortHash(0, 0) }
        let raw = UnsafeRawPointer(base)
        if n <= 8 { return shortHash(word(base, n), n) }
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        var i = 0
        while i + 8 < n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        // The last 1-8 bytes: the eight bytes ending the term, those already mixed shifted out.
        let w = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) >> UInt64(8 * (8 - (n - i)))
        h = (h ^ w) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        h = (h ^ (h >> 32)) &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 29)
    }

    /// Where the term is, or the empty slot where it would go (the slot is read only then): one
    /// probe for both lookups and inserts. A term with a key equals only the term with the same
    /// key (`probe`); one without, only another without (its bytes in the arena).
    @inline(__always)
    private func find(_ term: UnsafeBufferPointer<UInt8>, _ h: UInt64, key k: UInt64) -> (id: Int32?, slot: Int) {
        if k != 0 {
            let p = probe(key: k, h)
            return p >= 0 ? (Int32(p), 0) : (nil, -1 - p)
        }
        let tag = h & TermTable.tagMask
        var i = Int(truncatingIfNeeded: h) & slotMask
        while true {
            let s = slots[i]
            if s == 0 { return (nil, i) }
            if s & TermTable.tagMask == tag {
                let id = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1
                if keys[id] == 0 && equal(id, term) { return (Int32(id), i) }
            }
            i = (i + 1) & slotMask
        }
    }

    /// `find` for a term with a key (`key(_:)`, never 0): compared by its word alone. The probe
    /// loop of every token: the id when found, else `-1 - slot` for the empty slot (one integer,
    /// not an optional and a slot, which costs the token loop a few instructions).
    @inline(__always)
    private func probe(key k: UInt64, _ h: UInt64) -> Int {
        let tag = h & TermTable.tagMask
        var i = Int(truncatingIfNeeded: h) & slotMask
        return slots.withUnsafeBufferPointer { slots in
            keys.withUnsafeBufferPointer { keys in
                while true {
                    let s = slots[i]
                    if s == 0 { return -1 - i }
                    if s & TermTable.tagMask == tag {
                        let id = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1
                        if keys[id] == k { return id }
                    }
                    i = (i + 1) & slotMask
                }
            }
        }
    }

    /// The id of the term, inserting it if new.
    @inline(__always)
    mutating func id(of term: UnsafeBufferPointer<UInt8>) -> Int32 {
        id(of: term, hash: TermTable.hash(term))
    }

    /// The id of a term whose hash is known (from another table).
    @inline(__always)
    mutating func id(of term: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int32 {
        let k = TermTable.key(term)
        let (found, i) = find(term, h, key: k)
        if let found { return found }
        return insert(h, key: k, length: term.count, slot: i, bytes: term)
    }

    /// A new term: its word when it has a key (`bytes` then unused), else its bytes in the arena.
    private mutating func insert(_ h: UInt64, key k: UInt64, length: Int, slot i: Int, bytes term: UnsafeBufferPointer<UInt8>?) -> Int32 {
        let id = Int32(spans.count)
        let start = k != 0 ? 0 : arena.count
        spans.append(UInt64(UInt32(start)) << 32 | UInt64(UInt32(length)))
        hashes.append(h)
        keys.append(k)
        if k == 0, let term { arena.append(contentsOf: term) }
        slots[i] = TermTable.slot(h, Int(id))
        if spans.count * 2 > slots.count { grow() }
        return id
    }

    /// `id(of:)` for a term whose buffer can be read eight bytes past its start (the
    /// tokenizer's): a term of up to eight bytes is loaded, hashed and compared as one word.
    @inline(__always)
    mutating func id(ofPadded term: UnsafeBufferPointer<UInt8>) -> Int32 {
        let n = term.count
        guard n >= 1 && n <= 8 else { return id(of: term) }
        let mask = TermTable.byteMask(n)
        let w = UnsafeRawPointer(term.baseAddress!).loadUnaligned(as: UInt64.self) & mask
        let h = TermTable.shortHash(w, n)
        // A zero byte would make the word ambiguous (a term never has one: a token is letters
        // and digits).
        guard !TermTable.hasZeroByte(w | ~mask) else { return id(of: term) }
        let p = probe(key: w, h)
        return p >= 0 ? Int32(p) : insert(h, key: w, length: n, slot: -1 - p, bytes: nil)
    }

    /// The id here of term `id` of another table, inserted if new: its hash is carried over, and
    /// a short term is compared by its word (the merge of per-document tables).
    mutating func id<Other: TermSource>(of id: Int, in other: Other) -> Int32 {
        let h = other.hash(id), key = other.key(id)
        if key != 0 {
            let p = probe(key: key, h)
            return p >= 0 ? Int32(p) : insert(h, key: key, length: other.length(id), slot: -1 - p, bytes: nil)
        }
        return other.withBytes(id) { self.id(of: $0, hash: h) }
    }

    func hash(_ id: Int) -> UInt64 { hashes[id] }
    func key(_ id: Int) -> UInt64 { keys[id] }
    func length(_ id: Int) -> Int { span(id).length }

    /// The id of a term if present (never inserts).
    @inline(__always)
    func lookup(_ term: UnsafeBufferPointer<UInt8>) -> Int32? { find(term, TermTable.hash(term), key: TermTable.key(term)).id }

    func lookup(_ term: String) -> Int32? {
        var t = term
        return t.withUTF8 { lookup($0) }
    }

    /// The bytes of a term id.
    @inline(__always)
    func withBytes<R>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let (s, l) = span(id)
        if keys[id] != 0 {
            // The key's bytes in memory order are the term's.
            return withUnsafeBytes(of: keys[id].littleEndian) { body(UnsafeBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: l)) }
        }
        return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[s..<(s + l)])) }
    }

    @inline(__always) private func equal(_ id: Int, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        let (start, len) = span(id)
        guard len == term.count else { return false }
        guard len > 0 else { return true }
        return arena.withUnsafeBufferPointer { a in
            // Only terms without a key are here: longer than eight bytes (or with a zero byte).
            // The hash's upper half already matched, so the bytes almost always do: up to 16 of
            // them compared with two overlapping loads, not a call.
            let x = UnsafeRawPointer(a.baseAddress! + start), y = UnsafeRawPointer(term.baseAddress!)
            if len >= 8 && len <= 16 {
                return x.loadUnaligned(as: UInt64.self) == y.loadUnaligned(as: UInt64.self)
                    && x.loadUnaligned(fromByteOffset: len - 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: len - 8, as: UInt64.self)
            }
            return memcmp(x, y, len) == 0
        }
    }

    private mutating func grow() {
        let c = slots.count * 2
        slots = [UInt64](repeating: 0, count: c)
        slotMask = c - 1
        for id in 0..<spans.count {
            var i = Int(truncatingIfNeeded: hashes[id]) & slotMask
            while slots[i] != 0 { i = (i + 1) & slotMask }
            slots[i] = TermTable.slot(hashes[id], id)
        }
    }

    /// The term of an id, as a String.
    func term(_ id: Int) -> String {
        withBytes(id) { String(decoding: $0, as: UTF8.self) }
    }
}
