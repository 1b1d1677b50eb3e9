/// Whether a word is spelled as a Vietnamese syllable: an optional initial consonant
/// (`b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x`), then a rhyme
/// from the language's rhymes (`a`, `oai`, `ương`, `uyên`, ...), with at most one tone mark
/// (on any vowel: placement is not checked). Case does not matter.
///
/// What tells a right decoding of legacy text from mojibake: `Việt` is a syllable, its
/// TCVN3 bytes read as Windows-1258 (`ViÖt`) and its VNI bytes read as Windows-1252
/// (`Vieät`) are not.
public enum VietnameseSyllable {
    /// Whether `word` (letters only; NFC) is one syllable of Vietnamese.
    public static func isValid(_ word: some StringProtocol) -> Bool {
        let table = LetterTable.shared
        var letters: [Unicode.Scalar] = []
        var tones = 0
        for scalar in word.unicodeScalars {
            guard let letter = table.letter(scalar.value), letter.lower != 0,
                let lower = table.letter(LetterTable.vietnameseLower(letter.lower))
            else { return false }
            if lower.tone != 0 { tones += 1 }
            guard let toneless = Unicode.Scalar(lower.toneless) else { return false }
            letters.append(toneless)
        }
        guard tones <= 1, !letters.isEmpty, letters.count <= 7 else { return false }
        let toneless = String(String.UnicodeScalarView(letters))
        if rhymes.contains(toneless) { return true }
        for onset in onsets where toneless.hasPrefix(onset) {
            let rhyme = toneless.dropFirst(onset.count)
            // "gi" and "qu" may hold their vowel: "gì", "quá" (rhyme a), "quýt" (rhyme uyt).
            if rhyme.isEmpty ? onset == "gi" : rhymes.contains(String(rhyme)) { return true }
            if onset == "qu" && rhymes.contains("u" + rhyme) { return true }
        }
        return false
    }

    /// Whether `word` reads as an abbreviation (`HĐND`, `ĐT`): no vowel letter and no
    /// lowercase letter. Such words are no syllables to judge a decoding by.
    public static func isAbbreviation(_ word: some StringProtocol) -> Bool {
        let table = LetterTable.shared
        return !word.unicodeScalars.contains { scalar in
            if scalar.properties.isLowercase { return true }
            guard let folded = table.letter(scalar.value)?.folded, let letter = Unicode.Scalar(folded) else {
                return false
            }
            return "aeiouy".unicodeScalars.contains(letter)
        }
    }

    /// Initial consonants, longest first.
    static let onsets = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l",
        "m", "n", "p", "r", "s", "t", "v", "x",
    ]

    /// Rhymes without tone: a vowel nucleus and an optional final consonant or semivowel
    /// (and `ăk`, of the Central Highlands' names: Đắk Lắk).
    static let rhymes: Set<String> = Set(
        """
        a ai ao au ay ac ach am an ang anh ap at ăc ăm ăn ăng ăp ăt ăk âc âm ân âng âp ât âu ây
        e eo ec em en eng ep et ê êch êm ên ênh êp êt êu
        i ia iu ich im in inh ip it iêc iêm iên iêng iêp iêt iêu
        o oi oc om on ong op ot oa oai oan oang oanh oac oach oat oap oam oay oao oăc oăm oăn oăng oăt
        oe oen oet oeo ooc oong ô ôi ôc ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
        u ua ui uc um un ung up ut uân uâng uât uây uê uêch uênh uơ uy uya uych uyn uynh uyp uyt uyu
        uyên uyêt uôc uôi uôm uôn uông uôt
        ư ưa ưi ưu ưc ưm ưn ưng ưt ươc ươi ươm ươn ương ươp ươt ươu
        y yêm yên yêng yêt yêu
        """.split(whereSeparator: \.isWhitespace).map(String.init))
}
