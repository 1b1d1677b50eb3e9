import CICU

/// Unicode normalization and folding of whole strings, through ICU, for code outside the
/// analyzer (decoded legacy text, directive keys).
public enum UnicodeForms {
    /// The NFC form of `text`.
    public static func nfc(_ text: String) -> String { transform(text, cicu_compose_text) }

    /// `text` lowercased, without combining marks, with `đ`/`Đ`/`Ð` as `d`: the way the
    /// analyzer folds a term.
    public static func folded(_ text: String) -> String { transform(text, cicu_fold) }

    private static func transform(
        _ text: String, _ function: (UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<CChar>?, Int32) -> Int32
    ) -> String {
        var text = text
        let bytes = text.withUTF8 { icuTransform($0, function) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
