import CZlib

/// zlib compression of stored records.
enum Deflate {
    /// Level 1: nearly the ratio of the default level at several times its speed.
    static let level: Int32 = 1

    static func compress(_ input: [UInt8]) -> [UInt8] {
        var capacity = compressBound(uLong(input.count))
        var output = [UInt8](repeating: 0, count: Int(capacity))
        let status = output.withUnsafeMutableBufferPointer { out in
            input.withUnsafeBufferPointer {
                compress2(out.baseAddress, &capacity, $0.baseAddress, uLong(input.count), level)
            }
        }
        precondition(status == Z_OK, "zlib compress2 failed (\(status))")
        output.removeSubrange(Int(capacity)...)
        return output
    }

    /// Inflates `input` into exactly `length` bytes; nil when the data is damaged.
    static func decompress(_ input: UnsafeRawBufferPointer, length: Int) -> [UInt8]? {
        guard length >= 0, length < 1 << 31 else { return nil }
        var output = [UInt8](repeating: 0, count: max(length, 1))
        var produced = uLong(length)
        let status = output.withUnsafeMutableBufferPointer { out in
            uncompress(
                out.baseAddress, &produced, input.baseAddress?.assumingMemoryBound(to: UInt8.self), uLong(input.count))
        }
        guard status == Z_OK, Int(produced) == length else { return nil }
        output.removeSubrange(length...)
        return output
    }
}
