import CICU

/// An error reported by ICU.
public struct ICUError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

/// One thread's handle on ICU: word break iterator and NFC normalizer with its buffers.
/// The only Swift type that talks to `CICU` besides `LetterTable` and `LegacyEncoding`.
final class ICUContext {
    private let handle: OpaquePointer

    init() throws(ICUError) {
        var message = [CChar](repeating: 0, count: 64)
        guard let handle = cicu_context_open(&message, Int32(message.count)) else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw ICUError(description: "ICU could not open a word break iterator: \(text)")
        }
        self.handle = handle
    }

    deinit { cicu_context_close(handle) }

    /// Word spans (start, end, kind) of NFC UTF-8 text; valid until the next call.
    func words(_ text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<Int32> {
        var spans: UnsafePointer<Int32>?
        let count = text.withMemoryRebound(to: CChar.self) {
            cicu_words_break(handle, $0.baseAddress, Int32($0.count), &spans)
        }
        guard count > 0, let spans else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: spans, count: Int(count) * 3)
    }

    func isNFC(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.withMemoryRebound(to: CChar.self) { cicu_is_nfc(handle, $0.baseAddress, Int32($0.count)) } == 1
    }

    /// NFC of `text`, valid until the next call; `sourceOffsets` then maps offsets back.
    func nfc(_ text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var output: UnsafePointer<CChar>?
        let count = text.withMemoryRebound(to: CChar.self) {
            cicu_nfc(handle, $0.baseAddress, Int32($0.count), &output)
        }
        guard count > 0, let output else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeRawPointer(output).withMemoryRebound(to: UInt8.self, capacity: Int(count)) {
            UnsafeBufferPointer(start: $0, count: Int(count))
        }
    }

    /// Maps offsets in the last `nfc` output to offsets in its input, in place.
    func sourceOffsets(_ offsets: inout [Int32]) {
        let count = Int32(offsets.count)
        offsets.withUnsafeMutableBufferPointer { cicu_nfc_source_offsets(handle, $0.baseAddress, count) }
    }

    /// ICU's version string, e.g. "72.1".
    static var version: String { String(cString: cicu_version()) }
}

/// Calls an ICU "fill a buffer, return the needed length" function on UTF-8 bytes.
func icuTransform(
    _ input: UnsafeBufferPointer<UInt8>,
    _ function: (UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<CChar>?, Int32) -> Int32
) -> [UInt8] {
    input.withMemoryRebound(to: CChar.self) { source in
        var capacity = source.count * 3 + 16
        while true {
            var output = [UInt8](repeating: 0, count: capacity)
            let needed = output.withUnsafeMutableBufferPointer {
                $0.withMemoryRebound(to: CChar.self) {
                    function(source.baseAddress, Int32(source.count), $0.baseAddress, Int32(capacity))
                }
            }
            if needed < 0 { return Array(input) }
            if Int(needed) <= capacity { return Array(output.prefix(Int(needed))) }
            capacity = Int(needed)
        }
    }
}
