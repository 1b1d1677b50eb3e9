/// Remembers the exact and folded terms of the accented tokens an analyzer has normalized.
/// Vietnamese text is made of a few thousand distinct syllables, so after the first
/// kilobytes almost every token is found here and skips decoding, case mapping, tone
/// placement and folding. Bounded: when full it starts over.
struct SyllableCache {
    static let capacity = 1 << 15
    static let maxKeyBytes = 32

    /// Token bytes → entry id; the entry's exact and folded bytes follow in `values`.
    private var tokens = TermTable(capacity: SyllableCache.capacity)
    private var values: [UInt8] = []
    /// Per entry: where its terms start in `values`, and their lengths.
    private var entries: [(start: Int32, exactLength: UInt8, foldedLength: UInt8)] = []
    /// One up each time the cache starts over: entry ids name the same token bytes only
    /// within one generation.
    private(set) var generation = 0
    /// The entry of the token last looked up, once it holds its terms; -1 when none.
    private(set) var lastEntry: Int32 = -1

    /// Copies the cached terms of `token` into the buffers (which hold at least 255 bytes)
    /// and returns their lengths; or returns nil after reserving an entry that `store` must
    /// then fill.
    @inline(__always)
    mutating func lookup(_ token: UnsafeBufferPointer<UInt8>, exact: TermBuffer, folded: TermBuffer) -> (Int, Int)? {
        lastEntry = -1
        guard token.count <= Self.maxKeyBytes else { return nil }
        if tokens.count >= Self.capacity {
            tokens = TermTable(capacity: Self.capacity)
            values.removeAll(keepingCapacity: true)
            entries.removeAll(keepingCapacity: true)
            generation += 1
        }
        let id = tokens.id(of: token)
        guard id < entries.count else { return nil }
        let entry = entries[id]
        if entry.exactLength == 0 { return nil }  // recorded as not a term: normalized again
        lastEntry = Int32(id)
        var offset = Int(entry.start)
        for i in 0..<Int(entry.exactLength) { exact[i] = values[offset + i] }
        offset += Int(entry.exactLength)
        for i in 0..<Int(entry.foldedLength) { folded[i] = values[offset + i] }
        return (Int(entry.exactLength), Int(entry.foldedLength))
    }

    /// Fills the entry `lookup` reserved for `token` with its terms (empty when the token is
    /// not a term).
    mutating func store(
        _ token: UnsafeBufferPointer<UInt8>, exact: UnsafeBufferPointer<UInt8>, folded: UnsafeBufferPointer<UInt8>
    ) {
        guard token.count <= Self.maxKeyBytes, tokens.count == entries.count + 1 else { return }
        if exact.count > 0 { lastEntry = Int32(entries.count) }
        entries.append((Int32(values.count), UInt8(exact.count), UInt8(folded.count)))
        values.append(contentsOf: exact)
        values.append(contentsOf: folded)
    }
}
