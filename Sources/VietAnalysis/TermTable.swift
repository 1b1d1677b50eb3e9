/// An open-addressing hash table from byte strings to dense ids (0, 1, 2, …). Keys live in
/// one arena, so adding a token allocates nothing once its key is known. Used by the
/// analyzer's syllable cache and the index writer's term dictionary.
package struct TermTable {
    private(set) var arena: [UInt8] = []
    private(set) var starts: [Int] = []
    private var hashes: [Int] = []
    private var slots: [Int32]
    private var mask: Int

    package init(capacity: Int = 1 << 14) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        starts.append(0)
    }

    package var count: Int { starts.count - 1 }

    package func key(_ id: Int) -> ArraySlice<UInt8> { arena[starts[id]..<starts[id + 1]] }

    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The id of `key`, adding it when new.
    @inline(__always)
    package mutating func id(of key: UnsafeBufferPointer<UInt8>) -> Int {
        let hash = Self.hash(key)
        var slot = hash & mask
        while true {
            let id = Int(slots[slot])
            if id < 0 { break }
            if hashes[id] == hash && equals(id, key) { return id }
            slot = (slot + 1) & mask
        }
        let id = count
        arena.append(contentsOf: key)
        starts.append(arena.count)
        hashes.append(hash)
        slots[slot] = Int32(id)
        if count * 2 > slots.count { grow() }
        return id
    }

    @inline(__always)
    private func equals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id]
        guard starts[id + 1] - start == key.count else { return false }
        return arena.withUnsafeBufferPointer { arena in
            for i in 0..<key.count where arena[start + i] != key[i] { return false }
            return true
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for id in 0..<count {
            var slot = hashes[id] & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }
}
