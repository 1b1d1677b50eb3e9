/// A growable array of plain values in raw memory, without copy-on-write or uniqueness
/// checks: the segment builder appends to these once per token, on one thread.
final class RawBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { base[index] }
        set { base[index] = newValue }
    }

    @inline(__always)
    func append(_ value: Element) {
        if count == capacity { grow(to: count + 1) }
        (base + count).initialize(to: value)
        count += 1
    }

    /// Appends `n` copies of `value`; returns the index of the first.
    func append(repeating value: Element, count n: Int) -> Int {
        if count + n > capacity { grow(to: count + n) }
        (base + count).initialize(repeating: value, count: n)
        count += n
        return count - n
    }

    /// Appends the elements of `elements`.
    @inline(__always)
    func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        if count + elements.count > capacity { grow(to: count + elements.count) }
        if let source = elements.baseAddress { (base + count).initialize(from: source, count: elements.count) }
        count += elements.count
    }

    /// Drops every element, keeping the memory when `keepingCapacity`.
    func removeAll(keepingCapacity: Bool) {
        guard keepingCapacity else { return removeAll() }
        count = 0
    }

    /// Drops every element and the memory they took.
    func removeAll() {
        base.deallocate()
        capacity = 16
        count = 0
        base = .allocate(capacity: capacity)
    }

    private func grow(to minimum: Int) {
        var newCapacity = capacity * 2
        while newCapacity < minimum { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
