/// One mention of a directive in a text.
public struct Citation: Sendable, Equatable {
    /// The document cited.
    public var key: DirectiveKey
    /// UTF-8 byte range of the mention in the text as given: from the type word (or the
    /// number of a bare code) to the end of what the key was read from, e.g.
    /// `Kết luận số 21-KL/TW`, or `Chỉ thị số 05 của Bộ Chính trị` when the issuer came
    /// from the words after the number. A following date is not part of it.
    public var byteRange: Range<Int>
    /// The date of issue as `YYYY-MM-DD`, when one follows the citation closely
    /// ("ngày 25/10/2021", "ngày 25 tháng 10 năm 2021"); a date without a year takes the
    /// key's year, or is dropped.
    public var date: String?

    public init(key: DirectiveKey, byteRange: Range<Int>, date: String? = nil) {
        self.key = key
        self.byteRange = byteRange
        self.date = date
    }
}
