import Foundation
import VietAnalysis

/// File bytes to text for the readers: `TextDecoder` plus what a file can say about itself
/// (a UTF-16 byte-order mark, an HTML page's declared charset). Text decoded from
/// Windows-1258, which writes tone marks as combining characters, is composed to NFC.
enum SourceText {
    /// The text, and what had to be repaired to read it (to report).
    static func decode(_ bytes: some Collection<UInt8>, declaredCharset: String? = nil) -> (
        text: String, repair: TextDecoder.Repair?
    ) {
        if let text = utf16(bytes) { return (text, nil) }
        let array = Array(bytes)
        if let charset = declaredCharset, !isUTF8(charset), String(validating: array, as: UTF8.self) == nil,
            let text = LegacyEncoding.decode(array, charset: charset)
        {
            return (composed(text), nil)
        }
        let (text, repair) = TextDecoder.decode(array)
        return (repair == .windows1258 ? composed(text) : text, repair)
    }

    /// Text with a UTF-16 byte-order mark (as Windows "Unicode" text files are saved).
    static func utf16(_ bytes: some Collection<UInt8>) -> String? {
        guard bytes.count >= 2 else { return nil }
        let b0 = bytes.first!
        let b1 = bytes[bytes.index(after: bytes.startIndex)]
        let littleEndian: Bool
        switch (b0, b1) {
        case (0xFF, 0xFE): littleEndian = true
        case (0xFE, 0xFF): littleEndian = false
        default: return nil
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var iterator = bytes.dropFirst(2).makeIterator()
        while let a = iterator.next(), let b = iterator.next() {
            units.append(littleEndian ? UInt16(a) | UInt16(b) << 8 : UInt16(a) << 8 | UInt16(b))
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// Whether the bytes hold no text: nothing but ASCII whitespace (after a UTF-8 BOM).
    static func isBlank(_ bytes: some Collection<UInt8>) -> Bool {
        var rest = bytes[...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        return rest.allSatisfy { $0 == 0x20 || (0x09...0x0D).contains($0) }
    }

    /// Whether the bytes look binary: a NUL byte in the first 8 KB (UTF-16 text aside).
    static func isBinary(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.prefix(2).elementsEqual([0xFF, 0xFE]) || bytes.prefix(2).elementsEqual([0xFE, 0xFF])
            ? false : bytes.prefix(8192).contains(0)
    }

    static func isUTF8(_ charset: String) -> Bool {
        ["utf-8", "utf8", "unicode-1-1-utf-8"].contains(charset.lowercased())
    }

    /// NFC.
    static func composed(_ text: String) -> String { text.precomposedStringWithCanonicalMapping }
}
