/// The syllable pairs of one segment as terms of their own (`.pairs`): what a
/// `PairCounter` counted, grouped by the two syllables' folded terms. Per pair, its
/// spellings (most frequent first, so that the most frequent seven have a bit of their
/// own in the variant masks), how many documents hold it and its postings: documents,
/// frequencies and variant masks, no positions. Built when the segment is written, from
/// the counter's sequence of occurrences, so that indexing a token costs one probe of the
/// counter; the counter's counts and sequence are then freed (`PairCounter.release`).
struct PairPostings {
    struct Pair {
        var first: Int
        var second: Int
        /// Its spelled pairs (`PairCounter` ids) in `spelled`, by variant number.
        var spellings: Range<Int>
        /// Its postings: the range of `docs`, `freqs` and `masks`, one per document.
        var postings: Range<Int>
        var documentFrequency: Int { postings.count }
    }

    private(set) var pairs: [Pair] = []
    /// Spelled pair ids, grouped by pair.
    private(set) var spelled: [Int32] = []
    /// Per spelled pair, how often it occurred.
    let counts: [Int]
    private(set) var docs: [Int32] = []
    /// Frequencies, at most 65,535 (a pair that often in one document counts that much).
    private(set) var freqs: [UInt16] = []
    private(set) var masks: [UInt8] = []

    init(_ counter: PairCounter) {
        counts = counter.counts()
        let keys = counter.keys
        // Group by first and second term; within a pair, most frequent first.
        struct SortKey {
            var group: UInt64
            var rarity: UInt32
            var id: Int32
        }
        var sortKeys = keys.indices.map { id in
            SortKey(
                group: keys[id] & Self.termBits, rarity: UInt32.max - UInt32(min(counts[id], Int(UInt32.max))),
                id: Int32(id))
        }
        sortKeys.sort { ($0.group, $0.rarity) < ($1.group, $1.rarity) }
        spelled = sortKeys.map(\.id)
        var pairOf = [Int32](repeating: 0, count: keys.count)
        var bitOf = [UInt8](repeating: 0, count: keys.count)
        var firstSpelled: [Int] = []
        var start = 0
        while start < sortKeys.count {
            var end = start + 1
            while end < sortKeys.count && sortKeys[end].group == sortKeys[start].group { end += 1 }
            for k in start..<end {
                pairOf[Int(spelled[k])] = Int32(firstSpelled.count)
                bitOf[Int(spelled[k])] = k - start < 7 ? 1 << UInt8(k - start) : 0x80
            }
            firstSpelled.append(start)
            start = end
        }
        firstSpelled.append(spelled.count)
        sortKeys = []

        // Documents per pair, then the postings of every pair, in one flat array.
        let pairCount = firstSpelled.count - 1
        var documentFrequency = [Int32](repeating: 0, count: pairCount)
        var next = [Int32](repeating: -1, count: pairCount)  // first the last document seen
        next.withUnsafeMutableBufferPointer { last in
            documentFrequency.withUnsafeMutableBufferPointer { frequency in
                Self.forEachOccurrence(counter, pairOf) { doc, pair, _ in
                    if last[pair] != doc {
                        last[pair] = doc
                        frequency[pair] += 1
                    }
                }
            }
        }
        var offsets = [Int32](repeating: 0, count: pairCount + 1)
        for p in 0..<pairCount {
            offsets[p + 1] = offsets[p] + documentFrequency[p]
            let unpacked = counter.pair(Int(spelled[firstSpelled[p]]))
            pairs.append(
                Pair(
                    first: unpacked.first, second: unpacked.second, spellings: firstSpelled[p]..<firstSpelled[p + 1],
                    postings: Int(offsets[p])..<Int(offsets[p + 1])))
        }
        documentFrequency = []
        let total = Int(offsets[pairCount])
        docs = [Int32](repeating: -1, count: total)
        freqs = [UInt16](repeating: 0, count: total)
        masks = [UInt8](repeating: 0, count: total)
        // `next[p]` moves along pair p's postings: where its current document is.
        next = Array(offsets.dropLast().map { $0 - 1 })
        let starts = offsets
        docs.withUnsafeMutableBufferPointer { docs in
            freqs.withUnsafeMutableBufferPointer { freqs in
                masks.withUnsafeMutableBufferPointer { masks in
                    next.withUnsafeMutableBufferPointer { next in
                        Self.forEachOccurrence(counter, pairOf) { doc, pair, spelled in
                            var at = Int(next[pair])
                            if at < Int(starts[pair]) || docs[at] != doc {
                                at += 1
                                next[pair] = Int32(at)
                                docs[at] = doc
                            }
                            if freqs[at] < UInt16.max { freqs[at] += 1 }
                            masks[at] |= bitOf[spelled]
                        }
                    }
                }
            }
        }
        counter.release()
    }

    /// Each occurrence the counter kept, in token order: its document, its pair (per
    /// `pairOf`) and its spelled pair.
    private static func forEachOccurrence(
        _ counter: PairCounter, _ pairOf: [Int32], _ body: (_ doc: Int32, _ pair: Int, _ spelled: Int) -> Void
    ) {
        let sequence = UnsafeBufferPointer(start: counter.sequence.base, count: counter.sequence.count)
        pairOf.withUnsafeBufferPointer { pairOf in
            var doc: Int32 = 0
            for entry in sequence {
                if entry & SegmentBuilder.documentMarker != 0 {
                    doc = Int32(bitPattern: entry & ~SegmentBuilder.documentMarker)
                } else {
                    body(doc, Int(pairOf[Int(entry)]), Int(entry))
                }
            }
        }
    }

    /// The bits of a `PairCounter` key naming the two terms, not their variants.
    private static let termBits: UInt64 = 0xFFFF_FF00_FFFF_FF00
}
