/// Vietnamese writes the tone of the syllables `oa`, `oe` and `uy` on either vowel:
/// `hòa`/`hoà`, `khỏe`/`khoẻ`, `thủy`/`thuỷ`, `ủy`/`uỷ`, `tùy`/`tuỳ`. Both spellings are
/// correct and both occur in one article, so the analyzer rewrites every such syllable to
/// one canonical placement: the tone on the second vowel (`hoà`, `khoẻ`, `thuỷ`, `uỷ`),
/// which is also where it must go when a final consonant follows (`hoàng`, `thuyền`).
///
/// `qu` and `gi` are consonant onsets, not vowel pairs: in `quý`, `quỳ`, `giá` the tone
/// already sits on the only vowel and nothing moves. The letter facts (which mark is a
/// tone, which letter carries it) come from `LetterTable`, that is from ICU's data.
enum TonePlacement {
    private static let o: UInt32 = 0x6F, u: UInt32 = 0x75, q: UInt32 = 0x71
    private static let a: UInt32 = 0x61, e: UInt32 = 0x65, y: UInt32 = 0x79

    /// Moves the tone of an `oa`/`oe`/`uy` pair from the first vowel to the second, in
    /// place. `scalars` are lowercase NFC code points of one syllable.
    static func canonicalize(_ scalars: UnsafeMutableBufferPointer<UInt32>, table: LetterTable) {
        guard scalars.count >= 2 else { return }
        for i in 0..<(scalars.count - 1) {
            guard let first = table.letter(scalars[i]), first.tone != 0 else { continue }
            let second = scalars[i + 1]
            let pair: Bool
            switch first.toneless {
            case o: pair = second == a || second == e
            case u: pair = second == y && (i == 0 || scalars[i - 1] != q)
            default: pair = false
            }
            guard pair, let moved = table.letter(second, tone: first.tone) else { return }
            scalars[i] = first.toneless
            scalars[i + 1] = moved
            return
        }
    }
}
