import VietAnalysis

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// File bytes to text for the readers: `TextDecoder` plus what a file can say about itself
/// (a UTF-16 byte-order mark, an HTML page's declared charset). Text decoded from a legacy
/// encoding is composed to NFC (Windows-1258 writes tone marks as combining characters).
public enum SourceText {
    /// The text, and what had to be repaired to read it (to report).
    public static func decode(_ bytes: some Collection<UInt8>, declaredCharset: String? = nil) -> (
        text: String, repair: TextDecoder.Repair?
    ) {
        if let text = utf16(bytes) { return (text, nil) }
        var array = Array(bytes)
        if array.starts(with: [0xEF, 0xBB, 0xBF]) { array.removeFirst(3) }
        if let text = String(validating: array, as: UTF8.self) { return (text, nil) }
        if let charset = declaredCharset, !isUTF8(charset), let text = LegacyEncoding.decode(array, charset: charset) {
            // Pages in VNI or TCVN3 fonts often declare a Western charset: a Vietnamese
            // encoding that reads better wins over the declaration, and is reported.
            let declared = VietnameseEncoding.score(composed(text))
            if let found = VietnameseEncoding.detect(array), found.score > declared, found.score.isVietnamese {
                return (found.text, .legacy(found.encoding, found.score))
            }
            return (composed(text), nil)
        }
        return TextDecoder.decode(array, tryLegacy: !isDamagedUTF8(array))
    }

    /// Whether bytes that are not valid UTF-8 are UTF-8 text with a few bad bytes rather
    /// than legacy text: at least as many valid multi-byte sequences as invalid bytes.
    /// (Windows-1258 text rarely forms a valid multi-byte UTF-8 sequence; Vietnamese UTF-8
    /// text is full of them.) Such text keeps its UTF-8 and gets U+FFFD for the bad bytes.
    static func isDamagedUTF8(_ bytes: [UInt8]) -> Bool {
        var valid = 0
        var invalid = 0
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length =
                switch lead {
                case 0xC2...0xDF: 2
                case 0xE0...0xEF: 3
                case 0xF0...0xF4: 4
                default: 0
                }
            // Continuation bytes, and the second byte ranges that rule out overlong forms,
            // surrogates and code points above U+10FFFF.
            let second: ClosedRange<UInt8> =
                switch lead {
                case 0xE0: 0xA0...0xBF
                case 0xED: 0x80...0x9F
                case 0xF0: 0x90...0xBF
                case 0xF4: 0x80...0x8F
                default: 0x80...0xBF
                }
            if length > 0, i + length <= bytes.count, second.contains(bytes[i + 1]),
                bytes[(i + 2)..<(i + length)].allSatisfy({ (0x80...0xBF).contains($0) })
            {
                valid += 1
                i += length
            } else {
                invalid += 1
                i += 1
            }
        }
        return valid > 0 && valid >= invalid
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
    static func composed(_ text: String) -> String { UnicodeForms.nfc(text) }
}
