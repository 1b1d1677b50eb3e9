/// The syllable pairs of one segment as terms of their own (`.pairs`): what a
/// `PairCounter` counted, grouped by the two syllables' folded terms. Per pair, its
/// spellings (most frequent first, so that the most frequent seven have a bit of their
/// own in the variant masks), how many documents hold it and its postings: documents,
/// frequencies and variant masks, no positions. Built when the segment is written, from the counter's sequence of
/// occurrences, so that indexing a token costs one probe of the counter.
struct PairPostings {
    struct Pair {
        var first: Int
        var second: Int
        /// Its spelled pairs (`PairCounter` ids) in `spelled`, by variant number.
        var spellings: Range<Int>
        var documentFrequency: Int
        /// Its postings: the range of `docs`, `freqs` and `masks`.
        var postings: Range<Int>
    }

    private(set) var pairs: [Pair] = []
    /// Spelled pair ids, grouped by pair.
    private(set) var spelled: [Int] = []
    /// Per spelled pair, how often it occurred.
    let counts: [Int]
    private(set) var docs: [Int32] = []
    private(set) var freqs: [UInt32] = []
    private(set) var masks: [UInt8] = []

    init(_ counter: PairCounter) {
        counts = counter.counts()
        let keys = counter.keys
        // Group by first and second term; within a pair, most frequent first.
        let sortKeys = keys.indices.map { id in
            (group: keys[id] & Self.termBits, rarity: UInt32.max - UInt32(min(counts[id], Int(UInt32.max))), id: id)
        }.sorted { ($0.group, $0.rarity) < ($1.group, $1.rarity) }
        spelled = sortKeys.map(\.id)
        var pairOf = [Int32](repeating: 0, count: keys.count)
        var bitOf = [UInt8](repeating: 0, count: keys.count)
        var firstSpelled: [Int] = []
        var start = 0
        while start < sortKeys.count {
            var end = start + 1
            while end < sortKeys.count && sortKeys[end].group == sortKeys[start].group { end += 1 }
            for k in start..<end {
                pairOf[spelled[k]] = Int32(firstSpelled.count)
                bitOf[spelled[k]] = k - start < 7 ? 1 << UInt8(k - start) : 0x80
            }
            firstSpelled.append(start)
            start = end
        }
        firstSpelled.append(spelled.count)

        // Documents per pair, then the postings of every pair, in one flat array.
        let sequence = UnsafeBufferPointer(start: counter.sequence.base, count: counter.sequence.count)
        let pairCount = firstSpelled.count - 1
        var documentFrequency = [Int32](repeating: 0, count: pairCount)
        var lastDoc = [Int32](repeating: -1, count: pairCount)
        pairOf.withUnsafeBufferPointer { pairOf in
            documentFrequency.withUnsafeMutableBufferPointer { frequency in
                lastDoc.withUnsafeMutableBufferPointer { lastDoc in
                    var doc: Int32 = 0
                    for entry in sequence {
                        if entry & SegmentBuilder.documentMarker != 0 {
                            doc = Int32(bitPattern: entry & ~SegmentBuilder.documentMarker)
                            continue
                        }
                        let pair = Int(pairOf[Int(entry)])
                        if lastDoc[pair] != doc {
                            lastDoc[pair] = doc
                            frequency[pair] += 1
                        }
                    }
                }
            }
        }
        var offsets = [Int32](repeating: -1, count: pairCount)
        var total = 0
        for p in 0..<pairCount {
            offsets[p] = Int32(total)
            total += Int(documentFrequency[p])
        }
        for p in 0..<pairCount {
            let unpacked = counter.pair(spelled[firstSpelled[p]])
            let start = Int(offsets[p])
            pairs.append(
                Pair(
                    first: unpacked.first, second: unpacked.second, spellings: firstSpelled[p]..<firstSpelled[p + 1],
                    documentFrequency: Int(documentFrequency[p]),
                    postings: start..<(start + Int(documentFrequency[p]))))
        }
        guard total > 0 else { return }
        docs = [Int32](repeating: -1, count: total)
        freqs = [UInt32](repeating: 0, count: total)
        masks = [UInt8](repeating: 0, count: total)
        // `offsets[p]` moves along pair p's postings: the next document goes there.
        var next = offsets
        pairOf.withUnsafeBufferPointer { pairOf in
            bitOf.withUnsafeBufferPointer { bitOf in
                docs.withUnsafeMutableBufferPointer { docs in
                    freqs.withUnsafeMutableBufferPointer { freqs in
                        masks.withUnsafeMutableBufferPointer { masks in
                            next.withUnsafeMutableBufferPointer { next in
                                var doc: Int32 = 0
                                for entry in sequence {
                                    if entry & SegmentBuilder.documentMarker != 0 {
                                        doc = Int32(bitPattern: entry & ~SegmentBuilder.documentMarker)
                                        continue
                                    }
                                    let pair = Int(pairOf[Int(entry)])
                                    var at = Int(next[pair])
                                    if at == 0 || docs[at - 1] != doc || Int32(at) == offsets[pair] {
                                        docs[at] = doc
                                        next[pair] += 1
                                    } else {
                                        at -= 1
                                    }
                                    freqs[at] += 1
                                    masks[at] |= bitOf[Int(entry)]
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The bits of a `PairCounter` key naming the two terms, not their variants.
    private static let termBits: UInt64 = 0xFFFF_FF00_FFFF_FF00
}
