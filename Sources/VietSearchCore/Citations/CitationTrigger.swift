/// Whether a text can hold a citation, decided from the tokens the index writer sees
/// anyway, so that only such texts are handed to the recognizer. A citation needs a type
/// phrase (`kết luận`, `quyết định`, `luật`: the recognizer's own lexicon,
/// ``CitationLexicon/phrasesByFirstByte``, by its first two folded syllables, also glued
/// together, `Quyếtđịnh`) or a document code, whose parts follow a `/` (`21-KL/TW`,
/// `67/2014/NĐ-CP`). `CitationGateTests` checks that gating loses nothing the recognizer
/// finds in the sample articles and the recognizer's positive cases.
enum CitationTrigger {
    /// Folded first syllable of each type phrase → the folded second syllables that may
    /// follow it (a token may run on: `địnhsố`); empty for one-syllable types (`luật`).
    static let phrases: [[UInt8]: [[UInt8]]] = {
        var table: [[UInt8]: [[UInt8]]] = [:]
        for phrase in CitationLexicon.phrasesByFirstByte.joined() {
            let first = phrase.words[0].folded
            var seconds = table[first] ?? []
            if phrase.words.count > 1 { seconds.append(phrase.words[1].folded) }
            table[first] = seconds
        }
        return table
    }()

    /// What the index writer keeps per distinct folded term: the second syllables to look
    /// for in the next token, `[]` when the term triggers alone (`luật`, or a phrase's first
    /// two syllables glued into one token, `quyetdinh`, `quyetdinhso`), nil when it cannot
    /// start a type phrase.
    static func seconds<C: Collection<UInt8>>(of folded: C) -> [[UInt8]]? {
        let folded = Array(folded)
        if let seconds = phrases[folded] { return seconds }
        guard folded.count > 4 else { return nil }
        for (first, seconds) in phrases where folded.count > first.count && folded.starts(with: first) {
            let rest = folded[first.count...]
            if seconds.contains(where: { rest.starts(with: $0) }) { return [] }
        }
        return nil
    }
}
