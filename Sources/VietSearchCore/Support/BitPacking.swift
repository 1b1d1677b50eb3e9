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

    /// Unpacks a block of `blockSize` values of `width` bits starting at `base + offset`
    /// into `out`. The caller guarantees that 8 bytes can be read at the last value's first
    /// byte (a file body is always followed by its 16-byte footer).
    ///
    /// One copy of the loop per width, so that each is unrolled with constant shifts: eight
    /// values of `w` bits fill exactly `w` bytes, so every group of eight starts on a byte
    /// (profiled: a third of a multi-word search's instructions went to decoding postings
    /// with the width in a variable).
    @inline(__always)
    static func unpack<Output: FixedWidthInteger>(
        _ base: UnsafeRawPointer, offset: Int, width: Int, into out: UnsafeMutablePointer<Output>
    ) {
        switch width {
        case 0: out.update(repeating: 0, count: blockSize)
        case 1: unpackBlock(base, offset, 1, out)
        case 2: unpackBlock(base, offset, 2, out)
        case 3: unpackBlock(base, offset, 3, out)
        case 4: unpackBlock(base, offset, 4, out)
        case 5: unpackBlock(base, offset, 5, out)
        case 6: unpackBlock(base, offset, 6, out)
        case 7: unpackBlock(base, offset, 7, out)
        case 8: unpackBlock(base, offset, 8, out)
        case 9: unpackBlock(base, offset, 9, out)
        case 10: unpackBlock(base, offset, 10, out)
        case 11: unpackBlock(base, offset, 11, out)
        case 12: unpackBlock(base, offset, 12, out)
        case 13: unpackBlock(base, offset, 13, out)
        case 14: unpackBlock(base, offset, 14, out)
        case 15: unpackBlock(base, offset, 15, out)
        case 16: unpackBlock(base, offset, 16, out)
        default: unpackBlock(base, offset, width, out)
        }
    }

    @inline(__always)
    private static func unpackBlock<Output: FixedWidthInteger>(
        _ base: UnsafeRawPointer, _ offset: Int, _ width: Int, _ out: UnsafeMutablePointer<Output>
    ) {
        let mask = (UInt64(1) << UInt64(width)) &- 1
        var group = base + offset
        var target = out
        for _ in 0..<(blockSize / 8) {
            for j in 0..<8 {
                let bit = j &* width
                let word = UInt64(littleEndian: group.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
                target[j] = Output(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
            }
            group += width
            target += 8
        }
    }
}
