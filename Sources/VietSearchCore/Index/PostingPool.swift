/// The entries of many terms in one pool of raw memory, appended term by term in any
/// order. A term's entries form a chain (`PostingChain`) of slices of 4, 8, 16 and then 32
/// entries; the last entry of a full slice holds the index of the next. The small first
/// slices keep rare terms cheap: most syllable pairs of a segment occur in one or two
/// documents. Callers keep each term's chain, next to whatever else they keep per term.
final class PostingPool {
    /// Entries per slice, by how many slices the chain has before it (the last size repeats).
    private static let sliceSizes: [Int32] = [4, 8, 16, 32]

    private let pool = RawBuffer<UInt32>(capacity: 1 << 20)

    /// Bytes held by the entries (the pool only grows).
    var bytes: Int { pool.count * MemoryLayout<UInt32>.stride }

    /// A chain with no entries.
    func newChain() -> PostingChain {
        let slice = Int32(pool.append(repeating: 0, count: Int(Self.sliceSizes[0])))
        return PostingChain(head: slice, tail: slice, fill: 0, level: 0)
    }

    @inline(__always)
    func append(_ entry: UInt32, to chain: inout PostingChain) {
        let size = Self.sliceSizes[Int(chain.level)]
        if chain.fill == size - 1 {
            if Int(chain.level) + 1 < Self.sliceSizes.count { chain.level += 1 }
            let next = pool.append(repeating: 0, count: Int(Self.sliceSizes[Int(chain.level)]))
            pool[Int(chain.tail + size - 1)] = UInt32(next)
            chain.tail = Int32(next)
            chain.fill = 0
        }
        pool[Int(chain.tail + chain.fill)] = entry
        chain.fill += 1
    }

    /// The entry appended last to `chain` (which has one).
    @inline(__always)
    func last(of chain: PostingChain) -> UInt32 { pool[Int(chain.tail + chain.fill - 1)] }

    /// Replaces the entry appended last to `chain`.
    @inline(__always)
    func replaceLast(of chain: PostingChain, with entry: UInt32) { pool[Int(chain.tail + chain.fill - 1)] = entry }

    /// How many entries come before the first `entry` of `chain`, or nil when it has none.
    func index(of entry: UInt32, in chain: PostingChain) -> Int? {
        var seen = 0
        var found: Int? = nil
        forEachSlice(of: chain) { slice, used in
            for i in 0..<used where pool[slice + i] == entry {
                found = seen + i
                return false
            }
            seen += used
            return true
        }
        return found
    }

    /// The entries of `chain`, in the order they were appended.
    func forEachEntry(of chain: PostingChain, _ body: (UInt32) -> Void) {
        forEachSlice(of: chain) { slice, used in
            for i in 0..<used { body(pool[slice + i]) }
            return true
        }
    }

    /// Each slice of `chain` (its start and entries used) until `body` returns false.
    private func forEachSlice(of chain: PostingChain, _ body: (Int, Int) -> Bool) {
        var slice = Int(chain.head)
        var level = 0
        while true {
            let size = Int(Self.sliceSizes[level])
            let isLast = slice == Int(chain.tail)
            guard body(slice, isLast ? Int(chain.fill) : size - 1), !isLast else { return }
            slice = Int(pool[slice + size - 1])
            level = min(level + 1, Self.sliceSizes.count - 1)
        }
    }
}

/// Where one term's entries are in a `PostingPool`: its first slice, its current slice,
/// the entries used there and the current slice's size class.
struct PostingChain {
    var head: Int32
    var tail: Int32
    var fill: Int32
    var level: Int32
}
