import Foundation

/// Roll-up captions: each cue repeats the line before it and adds one (YouTube's automatic
/// captions, as yt-dlp saves them in WebVTT or SubRip, also show each line again in a cue of ten
/// milliseconds). Read cue after cue, every line would appear two or three times; what a cue
/// repeats of the one before it is left out of its text.
extension CueGrouping {
    /// How many of the first cues are looked at to tell whether a file's captions roll.
    static let rollingSample = 200

    /// The longest repeat looked for, in bytes: a few caption lines (YouTube's are about 40
    /// characters, broadcast roll-up's 32, four at most on screen). It bounds the work per cue
    /// (each cut between words is compared), which a file of long cues built to nearly repeat
    /// would otherwise make quadratic.
    static let maxRepeat = 256

    /// The length in bytes of the longest start of `cur` that is also the end of `prev` (up to
    /// `maxRepeat`), both cut between words (the pool's texts are clean: single spaces, none at
    /// the ends); 0 if none.
    static func overlap(_ bytes: UnsafeBufferPointer<UInt8>, prev: Range<Int32>, cur: Range<Int32>) -> Int {
        let p = Int(prev.lowerBound), pn = prev.count, c = Int(cur.lowerBound), cn = cur.count
        guard pn > 0, cn > 0 else { return 0 }
        var k = min(pn, cn, maxRepeat)
        while k > 0 {
            // A cut between words on both sides: the end of `cur`'s part, the start of `prev`'s.
            if (k == cn || bytes[c + k] == 0x20) && (k == pn || bytes[p + pn - k - 1] == 0x20)
                && memcmp(bytes.baseAddress! + c, bytes.baseAddress! + p + pn - k, k) == 0 {
                return k
            }
            k -= 1
        }
        return 0
    }

    /// Whether an overlap of `k` bytes is the mark of rolling captions rather than a chance
    /// repeat ("that" ending one cue and starting the next): the whole of one of the two cues, or
    /// three words or more.
    static func isRollingOverlap(_ bytes: UnsafeBufferPointer<UInt8>, k: Int, prev: Range<Int32>, cur: Range<Int32>) -> Bool {
        guard k > 0 else { return false }
        if k == cur.count || k == prev.count { return true }
        var spaces = 0
        for i in Int(cur.lowerBound)..<(Int(cur.lowerBound) + k) where bytes[i] == 0x20 { spaces += 1 }
        return spaces >= 2
    }

    /// Leaves out of each cue's text what it repeats of the cue before it, when the file's
    /// captions roll: three in ten of its first cues start with a repeat, and at least three go on
    /// from it.
    /// A cue that only repeats is left empty (grouping skips it). Returns the number of cues cut.
    static func dropRollingRepeats(_ items: inout [Item], pool: TextPool) -> Int {
        guard items.count >= 4 else { return 0 }
        return pool.bytes.withUnsafeBufferPointer { bytes -> Int in
            let sample = min(items.count, rollingSample + 1)
            // Cues that repeat the one before and go on from it: the text moves forward. (Cues
            // that are all the same, as in a test of regions, do not.)
            var rolling = 0, advancing = 0
            for i in 1..<sample {
                let prev = items[i - 1].text, cur = items[i].text
                let k = overlap(bytes, prev: prev, cur: cur)
                guard isRollingOverlap(bytes, k: k, prev: prev, cur: cur) else { continue }
                rolling += 1
                if k < cur.count { advancing += 1 }
            }
            guard advancing >= 3, rolling * 10 >= (sample - 1) * 3 else { return 0 }
            // Each cue is compared with the whole text of the one before it, not with what is left
            // of it: a cue repeats what was on screen.
            var cut = 0
            var prev = items[0].text
            for i in 1..<items.count {
                let cur = items[i].text
                let k = overlap(bytes, prev: prev, cur: cur)
                if isRollingOverlap(bytes, k: k, prev: prev, cur: cur) {
                    // The repeat and the space after it.
                    let drop = Int32(min(k + 1, cur.count))
                    items[i].text = (cur.lowerBound + drop)..<cur.upperBound
                    cut += 1
                }
                if !cur.isEmpty { prev = cur }
            }
            return cut
        }
    }
}
