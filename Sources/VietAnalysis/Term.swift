/// An index term: NFC, lowercased UTF-8 bytes. Terms compare as bytes, never as `String`
/// (which treats NFC and NFD spellings as equal).
public struct Term: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init<S: Sequence>(_ bytes: S) where S.Element == UInt8 { self.bytes = Array(bytes) }
    /// The UTF-8 bytes of `string` exactly as given (no normalization).
    public init(stringLiteral string: String) { self.bytes = Array(string.utf8) }

    public var description: String { String(decoding: bytes, as: UTF8.self) }

    public static func < (lhs: Term, rhs: Term) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
}
