import CMemory

/// Counts adjacent syllable pairs of one segment's body text, keyed by both syllables'
/// term ids and exact-spelling variants: the statistics the query reader restores
/// diacritics and corrects slips from (`SyllableStatistics`).
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
        var count: UInt64
    }
    private var entries: UnsafeMutablePointer<Entry>
    private var capacity: Int
    private var count = 0
    /// The pair added last, not yet inserted (`empty` when none).
    private var pending = PairCounter.empty
    /// Marks an empty slot: no pair packs to it (variants are below 256, ids below 2^24).
    private static let empty = UInt64.max

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        entries = .allocate(capacity: capacity)
        entries.initialize(repeating: Entry(key: Self.empty, count: 0), count: capacity)
    }

    deinit { entries.deallocate() }

    /// One occurrence of term `first` (variant `firstVariant`) followed by `second`.
    @inline(__always)
    func add(first: Int, firstVariant: Int, second: Int, secondVariant: Int) {
        guard first < Self.maxTerm, second < Self.maxTerm else { return }
        let key = UInt64(first) << 40 | UInt64(firstVariant) << 32 | UInt64(second) << 8 | UInt64(secondVariant)
        if pending != Self.empty { insert(pending) }
        pending = key
        cmemory_prefetch(entries + Self.slot(key, capacity))
    }

    /// Distinct pairs counted.
    var distinctPairs: Int {
        flush()
        return count
    }

    private func flush() {
        if pending != Self.empty { insert(pending) }
        pending = Self.empty
    }

    @inline(__always)
    private func insert(_ key: UInt64) {
        // Linear probing stays short below a load of 3/4.
        if count * 4 >= capacity * 3 { grow() }
        var slot = Self.slot(key, capacity)
        while true {
            let found = entries[slot].key
            if found == key {
                entries[slot].count &+= 1
                return
            }
            if found == Self.empty {
                entries[slot] = Entry(key: key, count: 1)
                count += 1
                return
            }
            slot = (slot + 1) & (capacity - 1)
        }
    }

    /// Every pair counted, in no particular order.
    func forEach(_ body: (_ first: Int, _ firstVariant: Int, _ second: Int, _ secondVariant: Int, _ count: Int) -> Void)
    {
        flush()
        for slot in 0..<capacity where entries[slot].key != Self.empty {
            let key = entries[slot].key
            body(
                Int(key >> 40), Int((key >> 32) & 0xFF), Int((key >> 8) & 0xFF_FFFF), Int(key & 0xFF),
                Int(entries[slot].count))
        }
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
        entries.initialize(repeating: Entry(key: Self.empty, count: 0), count: capacity)
        for i in 0..<oldCapacity where old[i].key != Self.empty {
            var slot = Self.slot(old[i].key, capacity)
            while entries[slot].key != Self.empty { slot = (slot + 1) & (capacity - 1) }
            entries[slot] = old[i]
        }
        old.deallocate()
    }
}
