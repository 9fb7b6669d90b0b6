import Foundation

/// The term table of one document's build: like `TermTable`, but each slot holds everything a
/// token needs (the term's word, its id and the place of its last posting) in 16 bytes, so
/// counting a token reads one slot instead of a slot, a key and a last posting in three arrays.
/// The terms' hashes, words and bytes are also kept by id, for the merge into the corpus table.
/// Owns raw memory: `free()` when done.
struct DocumentTermTable: TermSource {
    struct Slot {
        /// The word of a term of up to eight bytes (`TermTable.key`); for a longer term (or one
        /// with a zero byte, which has no word), its hash, told apart by `long`.
        var key: UInt64
        /// The id + 1 (0 for an empty slot), with `long` set for a term of more than eight bytes.
        var idField: UInt32
        /// The place of the term's last posting (-1 before any).
        var lastPosting: Int32

        static let long: UInt32 = 1 << 31
        static let empty = Slot(key: 0, idField: 0, lastPosting: -1)
        var id: Int32 { Int32(bitPattern: idField & ~Slot.long) - 1 }
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var slotMask: Int
    private var hashes: [UInt64] = []
    private var keys: [UInt64] = []
    private var spans: [UInt64] = []
    private var arena: [UInt8] = []

    init(capacity: Int) {
        var c = 16
        while c < capacity * 2 { c <<= 1 }
        slots = .allocate(capacity: c)
        slots.initialize(repeating: .empty, count: c)
        slotMask = c - 1
    }

    func free() { slots.deallocate() }

    var count: Int { hashes.count }

    @inline(__always) func hash(_ id: Int) -> UInt64 { hashes[id] }
    @inline(__always) func key(_ id: Int) -> UInt64 { keys[id] }
    @inline(__always) func length(_ id: Int) -> Int { Int(truncatingIfNeeded: spans[id] & 0xFFFF_FFFF) }

    func withBytes<R>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let s = spans[id]
        let start = Int(truncatingIfNeeded: s >> 32), length = Int(truncatingIfNeeded: s & 0xFFFF_FFFF)
        if keys[id] != 0 {
            return withUnsafeBytes(of: keys[id].littleEndian) { body(UnsafeBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: length)) }
        }
        return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<(start + length)])) }
    }

    /// The slot of a term whose buffer can be read eight bytes past its start (the
    /// tokenizer's), inserted if new. Valid until the next call.
    @inline(__always)
    mutating func slot(ofPadded term: UnsafeBufferPointer<UInt8>) -> UnsafeMutablePointer<Slot> {
        let n = term.count
        guard n >= 1 && n <= 8 else { return slot(of: term) }
        let mask = TermTable.byteMask(n)
        let w = UnsafeRawPointer(term.baseAddress!).loadUnaligned(as: UInt64.self) & mask
        // A zero byte would make the word ambiguous (a token is letters and digits: never).
        guard !TermTable.hasZeroByte(w | ~mask) else { return slot(of: term) }
        let h = TermTable.shortHash(w, n)
        var i = Int(truncatingIfNeeded: h) & slotMask
        while true {
            let s = slots + i
            if s.pointee.key == w && s.pointee.idField & Slot.long == 0 { return s }
            if s.pointee.idField == 0 { return insert(h, key: w, length: n, at: i, bytes: nil) }
            i = (i + 1) & slotMask
        }
    }

    /// `slot(ofPadded:)` for any term.
    mutating func slot(of term: UnsafeBufferPointer<UInt8>) -> UnsafeMutablePointer<Slot> {
        let h = TermTable.hash(term)
        let k = TermTable.key(term)
        var i = Int(truncatingIfNeeded: h) & slotMask
        while true {
            let s = slots + i
            let field = s.pointee.idField
            if field == 0 { return insert(h, key: k, length: term.count, at: i, bytes: term) }
            if k != 0 {
                if s.pointee.key == k && field & Slot.long == 0 { return s }
            } else if field & Slot.long != 0 && s.pointee.key == h && equal(Int(s.pointee.id), term) {
                return s
            }
            i = (i + 1) & slotMask
        }
    }

    private func equal(_ id: Int, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        withBytes(id) { $0.count == term.count && ($0.isEmpty || memcmp($0.baseAddress!, term.baseAddress!, term.count) == 0) }
    }

    private mutating func insert(_ h: UInt64, key k: UInt64, length: Int, at i: Int, bytes term: UnsafeBufferPointer<UInt8>?) -> UnsafeMutablePointer<Slot> {
        let id = hashes.count
        let start = k != 0 ? 0 : arena.count
        spans.append(UInt64(UInt32(start)) << 32 | UInt64(UInt32(length)))
        hashes.append(h)
        keys.append(k)
        if k == 0, let term { arena.append(contentsOf: term) }
        slots[i] = Slot(key: k != 0 ? k : h, idField: UInt32(id + 1) | (k != 0 ? 0 : Slot.long), lastPosting: -1)
        guard hashes.count * 2 > slotMask + 1 else { return slots + i }
        grow()
        // Found again in the larger table (its id is the newest).
        var j = Int(truncatingIfNeeded: h) & slotMask
        while slots[j].id != Int32(id) { j = (j + 1) & slotMask }
        return slots + j
    }

    private mutating func grow() {
        let old = slots, oldCount = slotMask + 1
        let c = oldCount * 2
        slots = .allocate(capacity: c)
        slots.initialize(repeating: .empty, count: c)
        slotMask = c - 1
        for k in 0..<oldCount where old[k].idField != 0 {
            var i = Int(truncatingIfNeeded: hashes[Int(old[k].id)]) & slotMask
            while slots[i].idField != 0 { i = (i + 1) & slotMask }
            slots[i] = old[k]
        }
        old.deallocate()
    }
}

/// Terms by dense id, with their hashes and words: what a merge into a `TermTable` reads.
protocol TermSource {
    var count: Int { get }
    func hash(_ id: Int) -> UInt64
    /// The term's word when it has eight bytes or fewer (`TermTable.key`), else 0.
    func key(_ id: Int) -> UInt64
    func length(_ id: Int) -> Int
    func withBytes<R>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R
}
