import CICU

/// Decoding of bytes that are not UTF-8, through ICU converters.
public enum LegacyEncoding {
    /// Converts `bytes` from `charset` (an ICU converter name such as "windows-1258") to
    /// a String. Returns nil when the charset is unknown or some bytes have no mapping.
    public static func decode(_ bytes: [UInt8], charset: String) -> String? {
        var substitutions: Int32 = 0
        var capacity = bytes.count * 3 + 16
        while true {
            var output = [UInt8](repeating: 0, count: capacity)
            let needed = bytes.withUnsafeBufferPointer { source in
                source.withMemoryRebound(to: CChar.self) { src in
                    output.withUnsafeMutableBufferPointer { out in
                        out.withMemoryRebound(to: CChar.self) {
                            cicu_to_utf8(
                                charset, src.baseAddress, Int32(src.count), $0.baseAddress, Int32(capacity),
                                &substitutions)
                        }
                    }
                }
            }
            if needed < 0 || substitutions != 0 { return nil }
            if Int(needed) <= capacity { return String(decoding: output.prefix(Int(needed)), as: UTF8.self) }
            capacity = Int(needed)
        }
    }
}
