import VietAnalysis

/// Turns file bytes into text: UTF-8 (a byte-order mark is dropped); otherwise the legacy
/// Vietnamese code page Windows-1258 through ICU; otherwise UTF-8 with U+FFFD for the
/// bytes that do not decode.
public enum TextDecoder {
    /// What had to be done to read the bytes as text.
    public enum Repair: Equatable, Sendable, CustomStringConvertible {
        /// Not UTF-8; read as Windows-1258.
        case windows1258
        /// Not UTF-8 nor Windows-1258; `count` invalid sequences were replaced by U+FFFD.
        case replacementCharacters(count: Int)

        public var description: String {
            switch self {
            case .windows1258: "not UTF-8; decoded as Windows-1258 (legacy Vietnamese code page)"
            case .replacementCharacters(let count):
                "not valid UTF-8; \(count) invalid byte sequence\(count == 1 ? "" : "s") replaced by U+FFFD"
            }
        }
    }

    /// Decodes `bytes`; `tryLegacy` enables the Windows-1258 attempt.
    public static func decode(_ bytes: [UInt8], tryLegacy: Bool = true) -> (text: String, repair: Repair?) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self) { return (text, nil) }
        if tryLegacy, let text = LegacyEncoding.decode(Array(body), charset: "windows-1258") {
            return (text, .windows1258)
        }
        var invalid = 0
        var text = ""
        text.reserveCapacity(body.count)
        var decoder = UTF8()
        var iterator = body.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): text.unicodeScalars.append(scalar)
            case .emptyInput: break loop
            case .error:
                invalid += 1
                text.unicodeScalars.append("\u{FFFD}")
            }
        }
        return (text, .replacementCharacters(count: invalid))
    }
}
