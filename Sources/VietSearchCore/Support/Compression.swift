import CZstd

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Zstandard compression of stored records, with a dictionary trained on a segment's own
/// first records: an article alone is too short for Zstandard to learn the language's
/// common byte sequences, and a dictionary lends it them. Each record still decompresses
/// on its own.
enum Compression {
    /// Level 3 (Zstandard's default). With a dictionary it runs as fast as level 1 without
    /// one, and stores vinews-baomoi's articles in 0.33× their size instead of 0.46×.
    static let level: Int32 = 3
    /// Largest dictionary trained, in bytes.
    static let dictionaryCapacity = 64 << 10
    /// Fewest sample bytes worth training a dictionary on; below this, records are
    /// compressed without one.
    static let minimumSampleBytes = 256 << 10

    /// Trains a dictionary on `samples`; nil when they are too few or training fails.
    static func trainDictionary(_ samples: [[UInt8]]) -> [UInt8]? {
        let total = samples.reduce(0) { $0 + $1.count }
        guard total >= minimumSampleBytes, samples.count >= 16 else { return nil }
        var joined: [UInt8] = []
        joined.reserveCapacity(total)
        for sample in samples { joined += sample }
        let sizes = samples.map { $0.count }
        var dictionary = [UInt8](repeating: 0, count: dictionaryCapacity)
        // FastCover with fixed parameters: `ZDICT_trainFromBuffer` tries several segment
        // sizes, four times the work, and on vinews gave no smaller store.
        var parameters = ZDICT_fastCover_params_t()
        parameters.k = 200
        parameters.d = 8
        parameters.f = 20
        parameters.accel = 1
        parameters.zParams.compressionLevel = level
        let size = dictionary.withUnsafeMutableBytes { out in
            joined.withUnsafeBytes { input in
                ZDICT_trainFromBuffer_fastCover(
                    out.baseAddress, dictionaryCapacity, input.baseAddress, sizes, UInt32(sizes.count), parameters)
            }
        }
        guard ZDICT_isError(size) == 0, size > 0 else { return nil }
        dictionary.removeSubrange(size...)
        return dictionary
    }
}

/// Compresses records, with a dictionary or without (empty dictionary).
final class Compressor {
    private let context: OpaquePointer
    private let dictionary: OpaquePointer?

    init(dictionary bytes: [UInt8]) {
        context = ZSTD_createCCtx()!
        dictionary =
            bytes.isEmpty
            ? nil : bytes.withUnsafeBytes { ZSTD_createCDict($0.baseAddress, bytes.count, Compression.level) }
    }

    deinit {
        ZSTD_freeCCtx(context)
        if let dictionary { ZSTD_freeCDict(dictionary) }
    }

    func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        let capacity = ZSTD_compressBound(input.count)
        var output = [UInt8](repeating: 0, count: capacity)
        let written = output.withUnsafeMutableBytes { out in
            if let dictionary {
                ZSTD_compress_usingCDict(context, out.baseAddress, capacity, input.baseAddress, input.count, dictionary)
            } else {
                ZSTD_compressCCtx(
                    context, out.baseAddress, capacity, input.baseAddress, input.count, Compression.level)
            }
        }
        precondition(ZSTD_isError(written) == 0, "zstd compression failed")
        output.removeSubrange(written...)
        return output
    }
}

/// Decompresses records written by a `Compressor` with the same dictionary. Safe to share
/// between threads: the decompression context is used under a lock.
final class Decompressor: @unchecked Sendable {
    private let context: OpaquePointer
    private let lock = Lock()
    private let dictionary: OpaquePointer?

    /// Nil when `bytes` is not a usable dictionary.
    init?(dictionary bytes: UnsafeRawBufferPointer) {
        if bytes.isEmpty {
            dictionary = nil
        } else {
            guard let created = ZSTD_createDDict(bytes.baseAddress, bytes.count) else { return nil }
            dictionary = created
        }
        context = ZSTD_createDCtx()!
    }

    deinit {
        ZSTD_freeDCtx(context)
        if let dictionary { ZSTD_freeDDict(dictionary) }
    }

    /// Decompresses `input` into exactly `length` bytes; nil when the data is damaged.
    func decompress(_ input: UnsafeRawBufferPointer, length: Int) -> [UInt8]? {
        // The frame says how long its content is: a damaged length allocates nothing.
        guard length >= 0, length < 1 << 31,
            ZSTD_getFrameContentSize(input.baseAddress, input.count) == UInt64(length)
        else { return nil }
        var output = [UInt8](repeating: 0, count: max(length, 1))
        let produced = output.withUnsafeMutableBytes { out in
            lock.withLock {
                if let dictionary {
                    ZSTD_decompress_usingDDict(
                        context, out.baseAddress, length, input.baseAddress, input.count, dictionary)
                } else {
                    ZSTD_decompressDCtx(context, out.baseAddress, length, input.baseAddress, input.count)
                }
            }
        }
        guard ZSTD_isError(produced) == 0, produced == length else { return nil }
        output.removeSubrange(length...)
        return output
    }
}
