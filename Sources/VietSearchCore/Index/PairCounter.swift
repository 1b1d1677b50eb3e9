import CMemory

/// Counts adjacent syllable pairs of one segment (within a sentence of one field), keyed by
/// both syllables' term ids and exact-spelling variants, and numbers each distinct one (its
/// "spelled pair"); keeps, in token order, which spelled pair each occurrence is, with a
/// marker where a document starts (`sequence`). The counts of body pairs are the query
/// reader's statistics (`.pairs`); the sequence gives the pair postings (`PairPostings`).
///
/// An open-addressing table with linear probing over raw memory: one probe per body
/// token, on the builder's thread. Each pair is inserted one pair later than it is added,
/// its slot prefetched meanwhile: the table outgrows the caches, and a miss per token was
/// a seventh of the build (profiled).
final class PairCounter {
    /// Term ids at or beyond this are not counted (a segment of 16 million distinct keys).
    static let maxTerm = 1 << 24
    /// A key and its count side by side: one cache miss per probe (profiled: with keys and
    /// counts apart, the two misses of a hit were a sixth of the build).
    private struct Entry {
        var key: UInt64
        var count: UInt32
        var id: UInt32
    }
    private var entries: UnsafeMutablePointer<Entry>
    private var capacity: Int
    private var count = 0
    /// The pair added last, not yet inserted (`empty` when none), and its document.
    private var pending = PairCounter.empty
    private var pendingDoc = 0
    /// Per spelled pair (in the order first seen), its key.
    private(set) var keys: [UInt64] = []
    /// Per occurrence, in token order, its spelled pair; `SegmentBuilder.documentMarker |
    /// doc` before the first occurrence of each document that has one.
    let sequence = RawBuffer<UInt32>(capacity: 1 << 16)
    private var sequenceDoc = -1
    /// Marks an empty slot: no pair packs to it (variants are below 256, ids below 2^24).
    private static let empty = UInt64.max

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        entries = .allocate(capacity: capacity)
        entries.initialize(repeating: Entry(key: Self.empty, count: 0, id: 0), count: capacity)
    }

    deinit { entries.deallocate() }

    /// One occurrence in document `doc` of term `first` (variant `firstVariant`) followed
    /// by `second`; documents come in ascending order.
    @inline(__always)
    func add(first: Int, firstVariant: Int, second: Int, secondVariant: Int, doc: Int) {
        guard first < Self.maxTerm, second < Self.maxTerm else { return }
        let key = UInt64(first) << 40 | UInt64(firstVariant) << 32 | UInt64(second) << 8 | UInt64(secondVariant)
        if pending != Self.empty { insert(pending, doc: pendingDoc) }
        pending = key
        pendingDoc = doc
        cmemory_prefetch(entries + Self.slot(key, capacity))
    }

    /// Spelled pair `id` unpacked: term ids and variants.
    func pair(_ id: Int) -> (first: Int, firstVariant: Int, second: Int, secondVariant: Int) {
        let key = keys[id]
        return (Int(key >> 40), Int((key >> 32) & 0xFF), Int((key >> 8) & 0xFF_FFFF), Int(key & 0xFF))
    }

    /// Inserts the pending pair, so that every pair added is counted and in the sequence.
    func flush() {
        if pending != Self.empty { insert(pending, doc: pendingDoc) }
        pending = Self.empty
    }

    @inline(__always)
    private func insert(_ key: UInt64, doc: Int) {
        // Linear probing stays short below a load of 3/4.
        if count * 4 >= capacity * 3 { grow() }
        if doc != sequenceDoc {
            sequence.append(SegmentBuilder.documentMarker | UInt32(doc))
            sequenceDoc = doc
        }
        var slot = Self.slot(key, capacity)
        while true {
            let found = entries[slot].key
            if found == key {
                entries[slot].count &+= 1
                sequence.append(entries[slot].id)
                return
            }
            if found == Self.empty {
                entries[slot] = Entry(key: key, count: 1, id: UInt32(count))
                sequence.append(UInt32(count))
                keys.append(key)
                count += 1
                return
            }
            slot = (slot + 1) & (capacity - 1)
        }
    }

    /// Frees the counts and the sequence (about 10 bytes per token), once `counts()` and
    /// the sequence have been read: nothing else may be asked of the counter but `pair(_:)`.
    func release() {
        entries.deallocate()
        capacity = 16
        count = 0
        entries = .allocate(capacity: capacity)
        entries.initialize(repeating: Entry(key: Self.empty, count: 0, id: 0), count: capacity)
        sequence.removeAll()
    }

    /// Per spelled pair, how often it occurred.
    func counts() -> [Int] {
        flush()
        var result = [Int](repeating: 0, count: count)
        for slot in 0..<capacity where entries[slot].key != Self.empty {
            result[Int(entries[slot].id)] = Int(entries[slot].count)
        }
        return result
    }

    /// Fibonacci hashing: the top bits of the product, which depend on every bit of the
    /// key (the low bits of a product ignore the key's high bits, where `first` sits:
    /// profiled, that made probe chains a sixth of the build).
    @inline(__always)
    private static func slot(_ key: UInt64, _ capacity: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - capacity.trailingZeroBitCount))
    }

    private func grow() {
        let old = entries
        let oldCapacity = capacity
        capacity *= 2
        entries = .allocate(capacity: capacity)
        entries.initialize(repeating: Entry(key: Self.empty, count: 0, id: 0), count: capacity)
        for i in 0..<oldCapacity where old[i].key != Self.empty {
            var slot = Self.slot(old[i].key, capacity)
            while entries[slot].key != Self.empty { slot = (slot + 1) & (capacity - 1) }
            entries[slot] = old[i]
        }
        old.deallocate()
    }
}
