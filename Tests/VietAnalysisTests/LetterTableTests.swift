import CICU
import Testing

@testable import VietAnalysis

/// The folding and tone tables are derived from ICU; these tests check them against ICU's
/// own folding of every Vietnamese letter, so no hand-typed table is trusted.
struct LetterTableTests {
    static let vietnameseVowels = "aăâeêioôơuưy"
    static let tones: [UInt32] = [0x0300, 0x0301, 0x0303, 0x0309, 0x0323]

    /// Every vowel with every tone, upper and lower case, composed by ICU.
    static var allVietnameseLetters: [String] {
        var letters: [String] = ["đ", "Đ", "Ð"]
        for vowel in vietnameseVowels.unicodeScalars {
            for tone in [nil] + tones.map({ Optional($0) }) {
                for base in [
                    vowel.value, cicu_simple_lower(vowel.value) == vowel.value ? upper(vowel.value) : vowel.value,
                ] {
                    var input = [base]
                    if let tone { input.append(tone) }
                    var out = [UInt32](repeating: 0, count: 4)
                    let n = Int(cicu_compose(input, Int32(input.count), &out, 4))
                    letters.append(String(String.UnicodeScalarView(out.prefix(n).map { Unicode.Scalar($0)! })))
                }
            }
        }
        return letters
    }

    static func upper(_ value: UInt32) -> UInt32 {
        let s = String(Unicode.Scalar(value)!).uppercased()
        return s.unicodeScalars.first!.value
    }

    @Test func foldedLettersAreAsciiAndMatchICU() throws {
        let analyzer = try Analyzer()
        for letter in Self.allVietnameseLetters {
            let token = try #require(analyzer.tokens(letter).first, "\(letter)")
            let viaICU = Array(letter.utf8).withUnsafeBufferPointer { icuTransform($0, cicu_fold) }
            #expect(token.folded.bytes == viaICU, "\(letter)")
            #expect(token.folded.bytes.allSatisfy { $0 < 0x80 }, "\(letter)")
            let lowered = Array(letter.utf8).withUnsafeBufferPointer { icuTransform($0, cicu_lower) }
            if letter != "Ð" { #expect(token.exact.bytes == lowered, "\(letter)") }
        }
    }

    @Test func toneMarksComeFromICUDecomposition() {
        let table = LetterTable.shared
        // ộ = o + dot below + circumflex in NFD: tone is the dot below, the hat stays.
        let letter = table.letter(0x1ED9)!
        #expect(letter.tone == 5)
        #expect(letter.toneless == 0xF4)
        #expect(table.letter(0xF4, tone: 5) == 0x1ED9)
        #expect(table.letter(0x0111)!.folded == 0x64)
    }
}
