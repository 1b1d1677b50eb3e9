#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Conversion through the C library's `iconv` (glibc's converters, which have the
/// Vietnamese tables ICU lacks: `VISCII` and `TCVN5712-1`).
enum Iconv {
    /// `bytes` converted from `charset` to a String; nil when the C library has no such
    /// converter or some bytes have no mapping.
    static func decode(_ bytes: [UInt8], charset: String) -> String? {
        convert(bytes, from: charset, to: "UTF-8").map { String(decoding: $0, as: UTF8.self) }
    }

    /// `text` converted to `charset`; nil when a character has no mapping there.
    static func encode(_ text: String, charset: String) -> [UInt8]? {
        convert(Array(text.utf8), from: "UTF-8", to: charset)
    }

    private static func convert(_ bytes: [UInt8], from source: String, to target: String) -> [UInt8]? {
        let converter = iconv_open(target, source)
        guard let converter, Int(bitPattern: converter) != -1 else { return nil }
        defer { iconv_close(converter) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        let count = input.withUnsafeMutableBufferPointer { input -> Int? in
            output.withUnsafeMutableBufferPointer { output -> Int? in
                func chars(_ base: UnsafeMutablePointer<UInt8>?) -> UnsafeMutablePointer<CChar>? {
                    base.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self) }
                }
                var inPointer = chars(input.baseAddress)
                var outPointer = chars(output.baseAddress)
                var inLeft = input.count
                var outLeft = output.count
                // Then a flush: a tone mark may wait for its letter.
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0,
                    iconv(converter, nil, nil, &outPointer, &outLeft) != -1
                else { return nil }
                return output.count - outLeft
            }
        }
        return count.map { Array(output.prefix($0)) }
    }
}
