/// Fixed-width bit packing of blocks of small integers, as the postings store them: value
/// `i` of a block packed at width `w` occupies bits `i·w ..< (i+1)·w` of the packed bytes,
/// least significant bit first. A block of 128 values at width `w` takes exactly `16·w`
/// bytes.
enum BitPacking {
    /// Values per packed block.
    static let blockSize = 128

    /// Bits needed for the largest of `values` (0 when all are 0).
    static func width<C: Collection>(of values: C) -> Int where C.Element == UInt32 {
        UInt32.bitWidth - (values.reduce(0, |)).leadingZeroBitCount
    }

    /// Bytes a block of `count` values takes at `width`.
    @inline(__always)
    static func byteCount(count: Int, width: Int) -> Int { (count * width + 7) / 8 }

    /// Appends `values` packed at `width` (every value must fit in it).
    static func pack<C: Collection>(_ values: C, width: Int, to out: inout ByteWriter) where C.Element == UInt32 {
        var buffer: UInt64 = 0
        var used = 0
        for value in values {
            buffer |= UInt64(value) << UInt64(used)
            used += width
            while used >= 8 {
                out.u8(UInt8(truncatingIfNeeded: buffer))
                buffer >>= 8
                used -= 8
            }
        }
        if used > 0 { out.u8(UInt8(truncatingIfNeeded: buffer)) }
    }

    /// Unpacks `count` values of `width` bits starting at `base + offset` into `out`. The
    /// caller guarantees that 8 bytes can be read at the last value's first byte (a file
    /// body is always followed by its 16-byte footer).
    @inline(__always)
    static func unpack(
        _ base: UnsafeRawPointer, offset: Int, count: Int, width: Int, into out: UnsafeMutablePointer<Int32>
    ) {
        guard width > 0 else {
            out.update(repeating: 0, count: count)
            return
        }
        let mask = (UInt64(1) << UInt64(width)) - 1
        var bit = 0
        for i in 0..<count {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset + bit >> 3, as: UInt64.self))
            out[i] = Int32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
            bit += width
        }
    }
}
