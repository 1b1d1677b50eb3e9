/// Reads the keystrokes of the Telex and VNI input methods left in text typed with the
/// input method off: `hoatj` → `hoạt`, `booj` → `bộ`, `ddaf` → `đà` (Telex: `aa ee oo` for
/// the circumflex, `aw ow uw` for breve and horn, `dd` for `đ`, tone keys `s f r x j`);
/// `No65i` → `nội`, `gia1o` → `giáo` (VNI: `6` circumflex, `7` horn, `8` breve, `9` `đ`,
/// tones `1`–`5`).
///
/// The result is a spelling, not a verdict: a word such as `bus` also decodes (`bú`), so
/// the caller decodes only what the archive does not know as typed and keeps the decoding
/// only when the archive knows it (`QueryReader`).
public enum Keystrokes {
    public enum Method: String, Sendable { case telex, vni }

    /// The syllable the keystrokes of `word` (lowercase) spell, as NFC text with the tone on
    /// the vowel that carries it, and the input method; nil when `word` holds no keystroke of
    /// either method, or holds them where no syllable could (two tones, a tone before any
    /// vowel, a VNI digit with nothing to modify).
    public static func decode(_ word: String) -> (text: String, method: Method)? {
        let scalars = Array(word.unicodeScalars)
        guard let first = scalars.first, first.isASCIILetter, scalars.count <= 12 else { return nil }
        if scalars.contains(where: { $0.isASCIIDigit }) {
            return decodeVNI(scalars).map { ($0, .vni) }
        }
        guard scalars.allSatisfy(\.isASCIILetter) else { return nil }
        return decodeTelex(scalars).map { ($0, .telex) }
    }

    // Tones, as combining marks: sắc, huyền, hỏi, ngã, nặng.
    private static let acute: Unicode.Scalar = "\u{301}", grave: Unicode.Scalar = "\u{300}"
    private static let hook: Unicode.Scalar = "\u{309}", tilde: Unicode.Scalar = "\u{303}"
    private static let dot: Unicode.Scalar = "\u{323}"
    private static let telexTones: [Unicode.Scalar: Unicode.Scalar] = [
        "s": acute, "f": grave, "r": hook, "x": tilde, "j": dot,
    ]
    private static let vniTones: [Unicode.Scalar: Unicode.Scalar] = [
        "1": acute, "2": grave, "3": hook, "4": tilde, "5": dot,
    ]
    private static let circumflex: [Unicode.Scalar: Unicode.Scalar] = ["a": "â", "e": "ê", "o": "ô"]
    private static let horn: [Unicode.Scalar: Unicode.Scalar] = ["o": "ơ", "u": "ư"]
    private static let vowels = Set("aăâeêioôơuưy".unicodeScalars)
    /// Vowels whose own mark (circumflex, breve, horn) draws the tone.
    private static let marked = Set("ăâêôơư".unicodeScalars)

    private static func decodeTelex(_ input: [Unicode.Scalar]) -> String? {
        var letters: [Unicode.Scalar] = []
        var tone: Unicode.Scalar? = nil
        var changed = false
        for key in input {
            let sawVowel = letters.contains { vowels.contains($0) }
            if let mark = telexTones[key], sawVowel {
                guard tone == nil else { return nil }
                tone = mark
                continue
            }
            if key == "d", letters.last == "d" {
                letters[letters.count - 1] = "đ"
                changed = true
                continue
            }
            if let hat = circumflex[key], letters.last == key {
                letters[letters.count - 1] = hat
                changed = true
                continue
            }
            if key == "w" {
                // The horn or breve goes on the nearest `u`, `o` or `a` before it (`uow`: both).
                guard let i = letters.lastIndex(where: { "uoa".unicodeScalars.contains($0) }) else {
                    letters.append("ư")
                    changed = true
                    continue
                }
                if letters[i] == "a" {
                    letters[i] = "ă"
                } else {
                    letters[i] = horn[letters[i]]!
                    if letters[i] == "ơ", i > 0, letters[i - 1] == "u" { letters[i - 1] = "ư" }
                }
                changed = true
                continue
            }
            letters.append(key)
        }
        guard changed || tone != nil else { return nil }
        return compose(letters, tone: tone)
    }

    private static func decodeVNI(_ input: [Unicode.Scalar]) -> String? {
        var letters: [Unicode.Scalar] = []
        var tone: Unicode.Scalar? = nil
        for key in input {
            guard key.isASCIIDigit else {
                guard key.isASCIILetter else { return nil }
                letters.append(key)
                continue
            }
            if let mark = vniTones[key] {
                guard tone == nil, letters.contains(where: { vowels.contains($0) }) else { return nil }
                tone = mark
                continue
            }
            switch key {
            case "6":
                guard let i = letters.lastIndex(where: { circumflex[$0] != nil }) else { return nil }
                letters[i] = circumflex[letters[i]]!
            case "7":
                guard let i = letters.lastIndex(where: { horn[$0] != nil }) else { return nil }
                letters[i] = horn[letters[i]]!
                if letters[i] == "ơ", i > 0, letters[i - 1] == "u" { letters[i - 1] = "ư" }
            case "8":
                guard let i = letters.lastIndex(of: "a") else { return nil }
                letters[i] = "ă"
            case "9":
                guard let i = letters.lastIndex(of: "d") else { return nil }
                letters[i] = "đ"
            default: return nil
            }
        }
        return compose(letters, tone: tone)
    }

    /// The letters with the tone mark after the vowel that carries it: a vowel with its own
    /// mark (the last, `ươ` → `ơ`); else the last vowel when a final consonant follows or the
    /// vowels are `oa`, `oe`, `uy`; else the middle of three vowels or the first of two.
    /// `qu` and `gi` before a vowel are onsets.
    private static func compose(_ letters: [Unicode.Scalar], tone: Unicode.Scalar?) -> String? {
        guard let firstVowel = letters.firstIndex(where: { vowels.contains($0) }) else { return nil }
        var start = firstVowel
        if start > 0, letters[start] == "u", letters[start - 1] == "q", start + 1 < letters.count,
            vowels.contains(letters[start + 1])
        {
            start += 1
        } else if start > 0, letters[start] == "i", letters[start - 1] == "g", start + 1 < letters.count,
            vowels.contains(letters[start + 1])
        {
            start += 1
        }
        var end = start
        while end < letters.count && vowels.contains(letters[end]) { end += 1 }
        // No vowel after the final consonant: `hoatj`, not `hoajt` read as two syllables.
        guard !letters[end...].contains(where: { vowels.contains($0) }) else { return nil }
        var result = letters
        if let tone {
            let nucleus = Array(letters[start..<end])
            let carrier: Int
            if let i = nucleus.lastIndex(where: { marked.contains($0) }) {
                carrier = start + i
            } else if end < letters.count || nucleus.count == 1 {
                carrier = end - 1
            } else if nucleus.count == 2 {
                let pair = String(String.UnicodeScalarView(nucleus))
                carrier = ["oa", "oe", "uy"].contains(pair) ? end - 1 : start
            } else {
                carrier = start + 1
            }
            result.insert(tone, at: carrier + 1)
        }
        return String(String.UnicodeScalarView(result))
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) }
    fileprivate var isASCIIDigit: Bool { (0x30...0x39).contains(value) }
}
