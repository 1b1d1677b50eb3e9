#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads what `ByteWriter` writes, from a byte buffer, with every read bounds-checked:
/// damaged input throws `CorruptIndexError`, never crashes.
struct ByteReader {
    let buffer: UnsafeRawBufferPointer
    var offset: Int
    let end: Int
    /// Named in errors.
    let file: String

    init(_ buffer: UnsafeRawBufferPointer, from start: Int = 0, to end: Int? = nil, file: String) {
        self.buffer = buffer
        self.offset = start
        self.end = min(end ?? buffer.count, buffer.count)
        self.file = file
    }

    var isAtEnd: Bool { offset >= end }

    func corrupt(_ reason: String) -> CorruptIndexError {
        CorruptIndexError(file: file, offset: offset, reason: reason)
    }

    @inline(__always)
    mutating func u8() throws(CorruptIndexError) -> UInt8 {
        guard offset < end else { throw corrupt("unexpected end of data") }
        defer { offset += 1 }
        return buffer[offset]
    }

    mutating func u32() throws(CorruptIndexError) -> UInt32 {
        guard offset + 4 <= end else { throw corrupt("unexpected end of data") }
        defer { offset += 4 }
        return UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func u64() throws(CorruptIndexError) -> UInt64 {
        guard offset + 8 <= end else { throw corrupt("unexpected end of data") }
        defer { offset += 8 }
        return UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// A u64 field holding a count or an offset: damage when larger than any real file
    /// could need (2^43), so that no conversion or arithmetic on it can trap.
    mutating func u64Int() throws(CorruptIndexError) -> Int {
        let value = try u64()
        guard value <= Self.largest else { throw corrupt("number out of range") }
        return Int(value)
    }

    /// The largest count or offset a field may hold.
    static let largest = UInt64(Int32.max) * 4096

    @inline(__always)
    mutating func varint() throws(CorruptIndexError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end else { throw corrupt("unexpected end of data in a number") }
            let byte = buffer[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
            if shift > 63 { throw corrupt("number too long") }
        }
    }

    @inline(__always)
    mutating func int() throws(CorruptIndexError) -> Int {
        let value = try varint()
        guard value <= Self.largest else { throw corrupt("number out of range") }
        return Int(value)
    }

    mutating func bytes(_ count: Int) throws(CorruptIndexError) -> UnsafeRawBufferPointer {
        guard count >= 0, offset + count <= end else { throw corrupt("unexpected end of data") }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + count)])
    }

    mutating func lengthPrefixed() throws(CorruptIndexError) -> UnsafeRawBufferPointer {
        try bytes(try int())
    }

    mutating func string() throws(CorruptIndexError) -> String {
        String(decoding: try lengthPrefixed(), as: UTF8.self)
    }

    mutating func optionalString() throws(CorruptIndexError) -> String? {
        let n = try int()
        if n == 0 { return nil }
        return String(decoding: try bytes(n - 1), as: UTF8.self)
    }
}

/// Reads LEB128 varints from a range of already checksummed bytes, without the per-call
/// error plumbing of `ByteReader`: `next()` is nil at the end of the range or on a number
/// longer than ten bytes, and the caller reports that as damage.
struct FastVarints {
    let base: UnsafeRawPointer
    var offset: Int
    let end: Int

    init(base: UnsafeRawPointer, offset: Int, end: Int) {
        self.base = base
        self.offset = offset
        self.end = end
    }

    @inline(__always)
    mutating func next() -> UInt64? {
        guard offset < end else { return nil }
        let first = base.load(fromByteOffset: offset, as: UInt8.self)
        offset += 1
        if first < 0x80 { return UInt64(first) }
        var result = UInt64(first & 0x7F)
        var shift: UInt64 = 7
        while offset < end && shift < 64 {
            let byte = base.load(fromByteOffset: offset, as: UInt8.self)
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        return nil
    }

    @inline(__always)
    mutating func byte() -> UInt8? {
        guard offset < end else { return nil }
        defer { offset += 1 }
        return base.load(fromByteOffset: offset, as: UInt8.self)
    }

    /// A little-endian u32, or nil past the end.
    mutating func u32() -> UInt32? {
        guard end - offset >= 4 else { return nil }
        defer { offset += 4 }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}

extension Array where Element == UInt8 {
    /// Byte-wise order, as `lexicographicallyPrecedes` gives it: negative when `self`
    /// comes first, 0 when equal, positive when `other` does.
    @inline(__always)
    func compareBytes(_ other: [UInt8]) -> Int {
        let common = Swift.min(count, other.count)
        let order = withUnsafeBufferPointer { a in
            other.withUnsafeBufferPointer { b in common == 0 ? 0 : Int(memcmp(a.baseAddress!, b.baseAddress!, common)) }
        }
        return order != 0 ? order : count - other.count
    }
}
