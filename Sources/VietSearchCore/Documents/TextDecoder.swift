import VietAnalysis

/// Turns file bytes into text: UTF-8 (a byte-order mark is dropped); otherwise the legacy
/// Vietnamese encoding (Windows-1258, TCVN3, VNI-Windows, VISCII) whose decoding reads as
/// the most Vietnamese syllables (`VietnameseEncoding.detect`); otherwise UTF-8 with
/// U+FFFD for the bytes that do not decode.
public enum TextDecoder {
    /// What had to be done to read the bytes as text.
    public enum Repair: Equatable, Sendable, CustomStringConvertible {
        /// Not UTF-8; read as `encoding`, whose text scored `score`.
        case legacy(VietnameseEncoding, VietnameseEncoding.Score)
        /// Not UTF-8 nor a legacy encoding; `count` invalid sequences were replaced by U+FFFD.
        case replacementCharacters(count: Int)

        public var description: String {
            switch self {
            case .legacy(let encoding, let score) where score.isVietnamese:
                "not UTF-8; decoded as \(encoding.name) (\(score))"
            case .legacy(let encoding, let score):
                "not UTF-8, and no Vietnamese encoding reads it well; decoded as \(encoding.name), the best (\(score))"
            case .replacementCharacters(let count):
                "not valid UTF-8; \(count) invalid byte sequence\(count == 1 ? "" : "s") replaced by U+FFFD"
            }
        }
    }

    /// The repair of two texts together (the lines of one file), when both are of a kind.
    static func merged(_ a: Repair, _ b: Repair) -> Repair? {
        switch (a, b) {
        case (.legacy(let x, let first), .legacy(let y, let second)) where x == y: .legacy(x, first + second)
        case (.replacementCharacters(let m), .replacementCharacters(let n)): .replacementCharacters(count: m + n)
        default: nil
        }
    }

    /// Decodes `bytes`; `tryLegacy` enables the legacy encodings.
    public static func decode(_ bytes: [UInt8], tryLegacy: Bool = true) -> (text: String, repair: Repair?) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self) { return (text, nil) }
        if tryLegacy, let found = VietnameseEncoding.detect(Array(body)) {
            return (found.text, .legacy(found.encoding, found.score))
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
