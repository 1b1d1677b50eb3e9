/// Remembers the exact and folded terms of the accented tokens an analyzer has normalized.
/// Vietnamese text is made of a few thousand distinct syllables, so after the first
/// kilobytes almost every token is found here and skips decoding, case mapping, tone
/// placement and folding. Bounded: when full it starts over.
struct SyllableCache {
    static let capacity = 1 << 15
    static let maxKeyBytes = 32

    private var slots = [Int32](repeating: -1, count: SyllableCache.capacity * 2)
    private var hashes: [Int] = []
    /// Per entry: key start, key length, exact length, folded length (value bytes follow the key).
    private var entries: [(start: Int32, keyLength: UInt8, exactLength: UInt8, foldedLength: UInt8)] = []
    private var arena: [UInt8] = []

    @inline(__always)
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// Copies the cached terms of `token` into the buffers; returns their lengths, or nil.
    @inline(__always)
    func lookup(_ token: UnsafeBufferPointer<UInt8>, exact: inout [UInt8], folded: inout [UInt8]) -> (Int, Int)? {
        guard token.count <= Self.maxKeyBytes else { return nil }
        let hash = Self.hash(token)
        let mask = slots.count - 1
        var slot = hash & mask
        while true {
            let id = Int(slots[slot])
            if id < 0 { return nil }
            let entry = entries[id]
            if hashes[id] == hash && Int(entry.keyLength) == token.count {
                let start = Int(entry.start)
                var same = true
                for i in 0..<token.count where arena[start + i] != token[i] {
                    same = false
                    break
                }
                if same {
                    var offset = start + token.count
                    for i in 0..<Int(entry.exactLength) { exact[i] = arena[offset + i] }
                    offset += Int(entry.exactLength)
                    for i in 0..<Int(entry.foldedLength) { folded[i] = arena[offset + i] }
                    return (Int(entry.exactLength), Int(entry.foldedLength))
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Records the terms of `token` (the first `exactCount`/`foldedCount` bytes of the buffers).
    mutating func insert(
        _ token: UnsafeBufferPointer<UInt8>, exact: [UInt8], exactCount: Int, folded: [UInt8], foldedCount: Int
    ) {
        guard token.count <= Self.maxKeyBytes, exactCount < 256, foldedCount < 256 else { return }
        if entries.count >= Self.capacity {
            slots = [Int32](repeating: -1, count: slots.count)
            hashes.removeAll(keepingCapacity: true)
            entries.removeAll(keepingCapacity: true)
            arena.removeAll(keepingCapacity: true)
        }
        let hash = Self.hash(token)
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entries.count)
        hashes.append(hash)
        entries.append((Int32(arena.count), UInt8(token.count), UInt8(exactCount), UInt8(foldedCount)))
        arena.append(contentsOf: token)
        arena.append(contentsOf: exact[0..<exactCount])
        arena.append(contentsOf: folded[0..<foldedCount])
    }
}
