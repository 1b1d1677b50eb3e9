/// One analyzed syllable (or number, or code part) of a text.
public struct Token: Hashable, Sendable {
    /// Position counted in tokens from 0; phrase and proximity matching use it.
    public var position: Int
    /// UTF-8 byte range of the token in the text exactly as the caller passed it.
    public var byteRange: Range<Int>
    /// The token as it appears in the caller's text.
    public var text: String
    /// NFC, lowercased, with one canonical tone placement (`hòa` and `hoà` give the same).
    public var exact: Term
    /// `exact` without any diacritic, with `đ` mapped to `d`.
    public var folded: Term
    /// Whether ICU classified the token as a number (`10.450`, `2024`).
    public var isNumber: Bool

    public init(position: Int, byteRange: Range<Int>, text: String, exact: Term, folded: Term, isNumber: Bool) {
        self.position = position
        self.byteRange = byteRange
        self.text = text
        self.exact = exact
        self.folded = folded
        self.isNumber = isNumber
    }
}

/// A token as the analyzer's hot path hands it out: views into reusable buffers, valid only
/// inside the callback.
public struct TokenView {
    public let position: Int
    /// UTF-8 byte offsets in the caller's text.
    public let start: Int
    public let end: Int
    public let isNumber: Bool
    public let exact: UnsafeBufferPointer<UInt8>
    public let folded: UnsafeBufferPointer<UInt8>
    /// The analyzer's number for the token's bytes, or -1: tokens with the same number give
    /// the same terms while the analyzer's `syllableGeneration` stays the same.
    public let syllable: Int32
}
