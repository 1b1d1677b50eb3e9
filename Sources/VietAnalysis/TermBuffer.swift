/// Bytes the analyzer writes a term into and hands to its caller as a view. The memory is
/// the buffer's own, not a Swift array's, so handing a view to a callback retains nothing
/// (an array would be retained and released around every call: a sixth of the analyzer's
/// time when profiled). Grows on demand; its owner frees it with `deallocate`.
struct TermBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int

    init(capacity: Int) {
        base = .allocate(capacity: capacity)
        base.initialize(repeating: 0, count: capacity)
        self.capacity = capacity
    }

    subscript(index: Int) -> UInt8 {
        @inline(__always) get { base[index] }
        @inline(__always) nonmutating set { base[index] = newValue }
    }

    /// Makes room for at least `count` bytes, keeping the bytes written so far.
    @inline(__always)
    mutating func reserve(_ count: Int) {
        guard count > capacity else { return }
        let grown = max(count, capacity * 2)
        let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        memory.initialize(repeating: 0, count: grown)
        memory.update(from: base, count: capacity)
        base.deallocate()
        base = memory
        capacity = grown
    }

    /// Writes `bytes` at the start; returns their count.
    mutating func replace(with bytes: [UInt8]) -> Int {
        reserve(bytes.count)
        for (i, byte) in bytes.enumerated() { base[i] = byte }
        return bytes.count
    }

    /// The first `count` bytes.
    @inline(__always)
    func view(_ count: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    func deallocate() { base.deallocate() }
}
