/// Counts adjacent syllable pairs of one segment's body text, keyed by both syllables'
/// term ids and exact-spelling variants: the statistics the query reader restores
/// diacritics and corrects slips from (`SyllableStatistics`).
///
/// An open-addressing table with linear probing over raw memory: one probe per body
/// token, on the builder's thread.
final class PairCounter {
    /// Term ids at or beyond this are not counted (a segment of 16 million distinct keys).
    static let maxTerm = 1 << 24
    private var keys: UnsafeMutablePointer<UInt64>
    private var counts: UnsafeMutablePointer<UInt32>
    private var capacity: Int
    private(set) var count = 0
    /// Marks an empty slot: no pair packs to it (variants are below 256, ids below 2^24).
    private static let empty = UInt64.max

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        keys = .allocate(capacity: capacity)
        keys.initialize(repeating: Self.empty, count: capacity)
        counts = .allocate(capacity: capacity)
        counts.initialize(repeating: 0, count: capacity)
    }

    deinit {
        keys.deallocate()
        counts.deallocate()
    }

    /// One occurrence of term `first` (variant `firstVariant`) followed by `second`.
    @inline(__always)
    func add(first: Int, firstVariant: Int, second: Int, secondVariant: Int) {
        guard first < Self.maxTerm, second < Self.maxTerm else { return }
        let key = UInt64(first) << 40 | UInt64(firstVariant) << 32 | UInt64(second) << 8 | UInt64(secondVariant)
        if count * 2 >= capacity { grow() }
        var slot = Self.slot(key, capacity)
        while true {
            let found = keys[slot]
            if found == key {
                counts[slot] &+= 1
                return
            }
            if found == Self.empty {
                keys[slot] = key
                counts[slot] = 1
                count += 1
                return
            }
            slot = (slot + 1) & (capacity - 1)
        }
    }

    /// Every pair counted, in no particular order.
    func forEach(_ body: (_ first: Int, _ firstVariant: Int, _ second: Int, _ secondVariant: Int, _ count: Int) -> Void)
    {
        for slot in 0..<capacity where keys[slot] != Self.empty {
            let key = keys[slot]
            body(
                Int(key >> 40), Int((key >> 32) & 0xFF), Int((key >> 8) & 0xFF_FFFF), Int(key & 0xFF),
                Int(counts[slot]))
        }
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ capacity: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & (capacity - 1)
    }

    private func grow() {
        let oldKeys = keys
        let oldCounts = counts
        let oldCapacity = capacity
        capacity *= 2
        keys = .allocate(capacity: capacity)
        keys.initialize(repeating: Self.empty, count: capacity)
        counts = .allocate(capacity: capacity)
        counts.initialize(repeating: 0, count: capacity)
        for i in 0..<oldCapacity where oldKeys[i] != Self.empty {
            var slot = Self.slot(oldKeys[i], capacity)
            while keys[slot] != Self.empty { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = oldKeys[i]
            counts[slot] = oldCounts[i]
        }
        oldKeys.deallocate()
        oldCounts.deallocate()
    }
}
