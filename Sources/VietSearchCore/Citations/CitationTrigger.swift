/// Whether a text can hold a citation, decided from the tokens the index writer sees
/// anyway, so that only such texts are handed to the recognizer. A citation needs a type
/// phrase (`kết luận`, `quyết định`, `luật`: the lexicon's phrases, by their first two
/// folded syllables) or a document code, whose parts follow a `/` (`21-KL/TW`,
/// `67/2014/NĐ-CP`). `IndexTests` checks on the sample articles that gating loses nothing.
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
}
