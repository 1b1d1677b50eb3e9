import VietAnalysis

/// Finds citations of Party and State documents in a text: `Kết luận số 21-KL/TW`,
/// `Nghị định 67/2014/NĐ-CP`, `Chỉ thị số 05 của Bộ Chính trị`, a bare `21-KL/TW`.
///
/// It reads the analyzer's tokens (folded terms, so case, diacritics and NFD do not
/// matter) and the bytes between them (so `21-KL/TW` is a code and `21 KL TW` is not).
/// What counts:
/// - a type word (`Kết luận`, `Quyết định`, … see ``DirectiveType``), optional `số`, a
///   number and a code: the code's abbreviation wins over the word when they disagree,
///   except that a word refines `QĐ`;
/// - a code alone, when it has a type abbreviation and an issuer (`05-CT/TW`);
/// - a type word and a bare number (`Kết luận 21`, `Nghị định 67 về …`), when no counter
///   follows the number (`kế hoạch 5 năm`, `quy định 6 người`) and it is not a year
///   (`Nghị quyết 2021`); for type words that are also verbs (kết luận, quyết định, quy
///   định, hướng dẫn, công văn, công điện) only when the word after the number fits a
///   citation (`của`, `về`, punctuation…: `kết luận 02 cuộc` is not one). Kế hoạch, Thông
///   báo, Chương trình, Báo cáo, Tờ trình, Quy chế, Thông tri need `số` (`chương trình 135`
///   is a programme's name, `thông báo 2 vụ` a verb); laws and `văn bản` need a code
///   (`Luật Đất đai số 45/2013/QH13`, `Luật số 45/2013/QH13`);
/// - a law or code by title and year (`Luật Đất đai 2013`, `Luật Đất đai năm 2013`, `Bộ
///   luật Hình sự 2015`): the name is the words after `Luật`/`Bộ luật` up to the year or
///   `năm`, at most eight, the first with a capital, none a function word or verb
///   (`Luật Đất đai được thông qua năm 2013` is dropped, not misnamed); see
///   `CitationScanner.lawByTitle`;
/// - `năm 2010` after a bare number gives the year; `của Bộ Chính trị`, `của Ban Bí thư`,
///   `của Chính phủ`, `của Thủ tướng`… the issuer (`TW`, `CP`, `TTG`); `của Hội đồng Bảo an`
///   drops the citation (a UN resolution).
///
/// Not citations: `Kết luận Hội nghị` (no number), `năm 2021`, dates, `Nghị quyết T.Ư 4`
/// (it names the 4th plenum of the Central Committee, whose resolutions have their own
/// numbers), `Nghị quyết 30a` (the number is not numeric).
///
/// For speed only tokens that begin a type word (by first byte) or are numbers are looked
/// at further. A recognizer holds no state and may be shared between threads.
public struct CitationRecognizer: Sendable {
    public init() {}

    /// The citations in `text`, in text order; `tokens` are the analyzer's tokens of `text`.
    public func citations(in text: String, tokens: [Token]) -> [Citation] {
        guard !tokens.isEmpty else { return [] }
        var text = text
        return text.withUTF8 { bytes in
            CitationScanner(bytes: bytes, tokens: tokens, forQuery: false).scan().map(\.citation)
        }
    }

    /// The citations in `text`, tokenized with `analyzer`.
    public func citations(in text: String, analyzer: Analyzer) -> [Citation] {
        citations(in: text, tokens: analyzer.tokens(text))
    }
}
