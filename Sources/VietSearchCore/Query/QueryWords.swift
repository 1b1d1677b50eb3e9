/// Which words of a query carry little, and when a query is a question: what a relaxed
/// search (`EvaluationPlan`) needs to know to let some words go unmatched.
enum QueryWords {
    /// Question words and particles, folded: a relaxed search never counts them among the
    /// words a document must hold, a hit is not said to lack them, and in a question they
    /// add no BM25 (`EvaluationPlan.scoringIdf`). Folded, so that a query typed without
    /// diacritics treats them alike (`co` is `có` there).
    static let particles: Set<[UInt8]> = Set(
        [
            "gi", "nao", "sao", "bao", "nhieu", "o", "dau", "co", "khong", "la", "ai", "may", "the", "nhu", "tai",
            "vi", "khi", "gio", "duoc", "cua", "va", "cac", "nhung", "da", "dang", "se", "thi", "ma", "nay", "do",
            "voi", "cho", "trong", "ve", "mot", "lam", "hay", "hoac", "tu", "den", "boi", "nhat", "nen", "rat",
        ].map { Array($0.utf8) })

    /// Syllables that, standing anywhere in a query typed with diacritics, make it a
    /// question.
    static let questionWords: Set<[UInt8]> = Set(
        ["gì", "nào", "sao", "nhiêu", "đâu", "ai", "mấy"].map { Array($0.utf8) })
    /// Without diacritics those syllables are common words (`dau` is also `đầu`, `may`
    /// also `máy`), so only these pairs make a query typed without them a question.
    static let foldedQuestionPairs: Set<[UInt8]> = Set(
        ["bao nhieu", "o dau", "khi nao", "tai sao", "vi sao", "the nao", "la gi", "cai gi", "la ai", "bao gio"].map {
            Array($0.utf8)
        })

    /// A word held by more than this share of the archive's articles carries little: a
    /// relaxed search treats it as it treats a particle.
    static let commonShare = 0.25
    /// In an archive of fewer articles than this, shares say little: no word is common.
    static let commonShareMinimumArchive = 1000

    /// Whether `text` reads as a question: it ends with a question mark or holds a question
    /// word (`bao nhiêu`, `ở đâu`, `ai`, `gì`, `nào`, `sao`, `mấy`; typed without
    /// diacritics, one of `foldedQuestionPairs`).
    static func isQuestion(_ text: String, words: [Query.Term]) -> Bool {
        if text.trimmingSpaces.hasSuffix("?") { return true }
        if words.contains(where: { $0.exactMatters && questionWords.contains($0.exact) }) { return true }
        return zip(words, words.dropFirst()).contains { first, second in
            foldedQuestionPairs.contains(first.folded + [0x20] + second.folded)
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
