import Testing

@testable import VietSearchCore

/// Every index file carries CRC-32 checksums (docs/FORMAT.md): the function computing them
/// must give zlib's CRC-32 for any bytes, or indexes written before would read as damaged.
struct CRC32Tests {
    /// The CRC-32 of zlib, a bit at a time.
    static func reference(_ bytes: ArraySlice<UInt8>, seed: UInt32 = 0) -> UInt32 {
        var crc = ~seed
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    @Test func knownValues() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        #expect(CRC32.checksum([]) == 0)
    }

    /// Random bytes of every length up to 600 and a few long runs, from every alignment:
    /// the fast paths handle blocks, the rest goes byte by byte.
    @Test func equalsZlibsCRCForAnyLengthAndAlignment() {
        var state: UInt64 = 7
        func next() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        let bytes = (0..<70_000).map { _ in next() }
        for length in Array(0...600) + [4_095, 4_096, 4_097, 65_536] {
            for start in [0, 1, 3, 7] {
                let slice = bytes[start..<(start + length)]
                let crc = slice.withUnsafeBytes { CRC32.checksum($0) }
                #expect(crc == Self.reference(slice), "length \(length) from \(start)")
            }
        }
    }

    /// A checksum continued from the CRC of what came before is the CRC of the whole, as
    /// the postings' checksum covers `.post` and then `.pos`.
    @Test func aSeedContinuesTheChecksum() {
        let first = Array("sinh hoạt chi bộ ".utf8)
        let second = Array("Kết luận số 21-KL/TW".utf8)
        let continued = second.withUnsafeBytes { CRC32.checksum($0, seed: CRC32.checksum(first)) }
        #expect(continued == CRC32.checksum(first + second))
        #expect(continued == Self.reference(second[...], seed: Self.reference(first[...])))
        #expect([UInt8]().withUnsafeBytes { CRC32.checksum($0, seed: 0x1234_5678) } == 0x1234_5678)
    }
}
