import CZstd

/// Zstandard compression of stored records.
enum Compression {
    /// Level 1: the fastest standard level; stored text is written once and read 10 records
    /// at a time, so speed matters more than the last percent of ratio.
    static let level: Int32 = 1

    static func compress(_ input: [UInt8]) -> [UInt8] {
        let capacity = ZSTD_compressBound(input.count)
        var output = [UInt8](repeating: 0, count: capacity)
        let written = output.withUnsafeMutableBytes { out in
            input.withUnsafeBytes { ZSTD_compress(out.baseAddress, capacity, $0.baseAddress, input.count, level) }
        }
        precondition(ZSTD_isError(written) == 0, "zstd compression failed")
        output.removeSubrange(written...)
        return output
    }

    /// Decompresses `input` into exactly `length` bytes; nil when the data is damaged.
    static func decompress(_ input: UnsafeRawBufferPointer, length: Int) -> [UInt8]? {
        guard length >= 0, length < 1 << 31 else { return nil }
        var output = [UInt8](repeating: 0, count: max(length, 1))
        let produced = output.withUnsafeMutableBytes {
            ZSTD_decompress($0.baseAddress, length, input.baseAddress, input.count)
        }
        guard ZSTD_isError(produced) == 0, produced == length else { return nil }
        output.removeSubrange(length...)
        return output
    }
}
