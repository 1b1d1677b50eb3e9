/// Which words of a query carry little, and when a query is a question: what a relaxed
/// search (`RelaxedEvaluator`) needs to know to let some words go unmatched.
enum QueryWords {
    /// Question words and particles, folded: a relaxed search never counts them among the
    /// words a document must hold or is ranked by (they still add their BM25). Folded, so
    /// that a query typed without diacritics treats them alike (`co` is `có` there).
    static let particles: Set<[UInt8]> = Set(
        [
            "gi", "nao", "sao", "bao", "nhieu", "o", "dau", "co", "khong", "la", "ai", "may", "the", "nhu", "tai",
            "vi", "khi", "gio", "duoc", "cua", "va", "cac", "nhung", "da", "dang", "se", "thi", "ma", "nay", "do",
            "voi", "cho", "trong", "ve", "mot", "lam", "hay", "hoac", "tu", "den", "boi", "nhat", "nen", "rat",
        ].map { Array($0.utf8) })

    /// Syllables that, standing anywhere in a query, make it a question: as spelled in a
    /// query typed with diacritics, folded in one typed without.
    static let questionWords: Set<[UInt8]> = Set(
        ["gì", "nào", "sao", "nhiêu", "đâu", "ai", "mấy"].map { Array($0.utf8) })
    static let foldedQuestionWords: Set<[UInt8]> = Set(
        ["gi", "nao", "sao", "nhieu", "dau", "ai", "may"].map { Array($0.utf8) })

    /// A word held by more than this share of the archive's articles carries little: a
    /// relaxed search treats it as it treats a particle.
    static let commonShare = 0.25
    /// In an archive of fewer articles than this, shares say little: no word is common.
    static let commonShareMinimumArchive = 1000

    /// Queries of more syllables than this are relaxed from the start.
    static let longQuery = 6

    /// Whether `text` reads as a question: it ends with a question mark or holds a question
    /// word (`bao nhiêu`, `ở đâu`, `ai`, `gì`, `nào`, `sao`, `mấy`).
    static func isQuestion(_ text: String, words: [Query.Term]) -> Bool {
        text.trimmingSpaces.hasSuffix("?")
            || words.contains {
                $0.exactMatters ? questionWords.contains($0.exact) : foldedQuestionWords.contains($0.folded)
            }
    }
}

extension String {
    /// The string without leading and trailing whitespace.
    fileprivate var trimmingSpaces: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<max(start, end)]
    }
}
