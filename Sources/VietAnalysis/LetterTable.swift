import CICU

/// Per-letter facts for the Latin ranges Vietnamese uses, derived from ICU at start-up
/// (case mapping, canonical decomposition, general category), so that the analyzer's hot
/// path needs no ICU call per token. Letters outside these ranges go through ICU directly.
///
/// Covered: U+0000–U+024F (Basic Latin to Latin Extended-B) and U+1E00–U+1EFF (Latin
/// Extended Additional, where most Vietnamese letters live). U+0130 `İ` is left out on
/// purpose: its full lowercase mapping (`i̇`) differs from the simple one.
struct LetterTable: Sendable {
    struct Letter: Sendable {
        /// Simple lowercase mapping; 0 when the letter needs ICU's full case mapping.
        var lower: UInt32 = 0
        /// Lowercase letter without any diacritic (`ộ` → `o`, `đ` → `d`); 0 when folding
        /// it does not give exactly one code point.
        var folded: UInt32 = 0
        /// Lowercase letter with its Vietnamese tone mark removed but other marks kept
        /// (`ộ` → `ô`).
        var toneless: UInt32 = 0
        /// The tone mark of the lowercase letter: 0 none, else an index into `toneMarks`.
        var tone: UInt8 = 0
    }

    /// The five Vietnamese tone marks as combining characters: grave (huyền), acute
    /// (sắc), tilde (ngã), hook above (hỏi), dot below (nặng).
    static let toneMarks: [UInt32] = [0x0300, 0x0301, 0x0303, 0x0309, 0x0323]

    static let shared = LetterTable()

    private var letters: [Letter]
    /// (toneless letter, tone) → the precomposed lowercase letter carrying that tone.
    private var withTone: [UInt64: UInt32] = [:]

    @inline(__always)
    static func slot(_ codePoint: UInt32) -> Int? {
        if codePoint < 0x250 { return Int(codePoint) }
        if codePoint >= 0x1E00 && codePoint < 0x1F00 { return Int(codePoint - 0x1E00 + 0x250) }
        return nil
    }

    @inline(__always)
    func letter(_ codePoint: UInt32) -> Letter? {
        guard let slot = Self.slot(codePoint) else { return nil }
        return letters[slot]
    }

    /// The lowercase letter `toneless` carrying `tone`, if Unicode has it precomposed.
    func letter(_ toneless: UInt32, tone: UInt8) -> UInt32? {
        withTone[UInt64(toneless) << 8 | UInt64(tone)]
    }

    private init() {
        letters = Array(repeating: Letter(), count: 0x250 + 0x100)
        let codePoints = Array(UInt32(0)..<0x250) + Array(UInt32(0x1E00)..<0x1F00)
        for codePoint in codePoints where codePoint != 0x0130 {
            var entry = Letter()
            let lower = Self.vietnameseLower(cicu_simple_lower(codePoint))
            entry.lower = lower
            let folded = Self.icuFold(lower)
            entry.folded = folded.count == 1 ? folded[0] : 0
            var parts = [UInt32](repeating: 0, count: 8)
            let count = Int(cicu_decompose(lower, &parts, 8))
            let decomposition = Array(parts.prefix(min(count, 8)))
            if let index = decomposition.firstIndex(where: { Self.toneMarks.contains($0) }) {
                entry.tone = UInt8(Self.toneMarks.firstIndex(of: decomposition[index])! + 1)
                var rest = decomposition
                rest.remove(at: index)
                var composed = [UInt32](repeating: 0, count: 8)
                let n = cicu_compose(rest, Int32(rest.count), &composed, 8)
                entry.toneless = n == 1 ? composed[0] : lower
                if n != 1 { entry.tone = 0 }
            } else {
                entry.toneless = lower
            }
            letters[Self.slot(codePoint)!] = entry
            if entry.tone != 0 { withTone[UInt64(entry.toneless) << 8 | UInt64(entry.tone)] = lower }
        }
    }

    /// Vietnamese has no eth: `Ð` (U+00D0) and `ð` (U+00F0) in Vietnamese text are
    /// look-alikes typed for `Đ`/`đ`, so their lowercase is `đ` (U+0111).
    @inline(__always)
    static func vietnameseLower(_ lower: UInt32) -> UInt32 { lower == 0x00F0 ? 0x0111 : lower }

    /// Folds one code point through ICU (lowercase, NFD, drop Mn, đ → d).
    private static func icuFold(_ codePoint: UInt32) -> [UInt32] {
        guard let scalar = Unicode.Scalar(codePoint) else { return [] }
        return UnicodeForms.folded(String(Character(scalar))).unicodeScalars.map(\.value)
    }
}
