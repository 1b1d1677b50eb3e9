/// VNI-Windows, the encoding of the VNI fonts (`VNI-Times` ...), which neither ICU nor the
/// C library has. A letter with diacritics is its base letter followed by one byte for its
/// marks (`ấ` = `a` + 0xE1), except `đ ơ ư` and the toned `i` and `ỵ`, which are one byte
/// each (`ơ` = 0xF4; `ớ` = 0xF4 0xF9). A capital takes the capital forms of those bytes
/// (0x20 less: `Ấ` = `A` 0xC1). Other bytes are Windows-1252 (the fonts' other glyphs).
///
/// The table is the one published with the VNI input method (VNI Software, 1987–;
/// reproduced in xvnkb's `vni.h` and Unikey's charset tables) and is generated here from its
/// rule: the tone bytes sắc F9, huyền F8, hỏi FB, ngã F5, nặng EF; the circumflex with each
/// tone (none, sắc, huyền, hỏi, ngã, nặng) E2 E1 E0 E5 E3 E4; the breve E9 E8 FA FC EB after
/// EA; `í ì ỉ ĩ ị` ED EC E6 F3 F2; `ỵ` EE; `đ` F1; `ơ` F4; `ư` F6.
public enum VNIWindows {
    /// The text of VNI-Windows bytes. Every byte decodes.
    public static func decode(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            if i + 1 < bytes.count, let scalar = table.pairs[UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])] {
                scalars.append(scalar)
                i += 2
            } else {
                scalars.append(table.single[Int(bytes[i])])
                i += 1
            }
        }
        return String(scalars)
    }

    /// `text` (NFC) in VNI-Windows; nil when a character has no VNI form. The inverse of
    /// `decode`, for tests and fixtures.
    public static func encode(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if let sequence = table.sequences[scalar] {
                bytes += sequence
            } else if let byte = table.single.firstIndex(of: scalar) {
                bytes.append(UInt8(byte))
            } else {
                return nil
            }
        }
        return bytes
    }

    private struct Table {
        /// Base letter and mark byte → letter.
        var pairs: [UInt16: Unicode.Scalar] = [:]
        /// One byte → character: the one-byte letters, else Windows-1252.
        var single: [Unicode.Scalar]
        /// Letter → its bytes, for every letter with diacritics.
        var sequences: [Unicode.Scalar: [UInt8]] = [:]
    }

    /// The combining marks of Vietnamese's tones, in VNI's order: sắc, huyền, hỏi, ngã, nặng.
    static let tones: [Unicode.Scalar] = ["\u{301}", "\u{300}", "\u{309}", "\u{303}", "\u{323}"]

    /// The bytes (lowercase forms) that follow a base letter for: a tone alone; the
    /// circumflex with no tone, then each tone; the breve likewise.
    private static let toneBytes: [UInt8] = [0xF9, 0xF8, 0xFB, 0xF5, 0xEF]
    private static let circumflexBytes: [UInt8] = [0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4]
    private static let breveBytes: [UInt8] = [0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB]
    /// `i` with each tone, and `ỵ`, as one byte.
    private static let iBytes: [UInt8] = [0xED, 0xEC, 0xE6, 0xF3, 0xF2]
    private static let yDotBelow: UInt8 = 0xEE

    /// Windows-1252's characters for 0x80–0x9F (C1 controls where it has none).
    private static let windows1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]

    private static let table: Table = {
        var single = (0..<256).map { Unicode.Scalar(UInt8($0)) }
        for (k, value) in windows1252.enumerated() { single[0x80 + k] = Unicode.Scalar(value)! }
        var table = Table(single: single)
        func compose(_ scalars: [Unicode.Scalar]) -> Unicode.Scalar {
            let composed = UnicodeForms.nfc(String(String.UnicodeScalarView(scalars))).unicodeScalars
            precondition(composed.count == 1, "no precomposed letter for \(scalars)")
            return composed.first!
        }
        // Lowercase forms; a capital is the capital base with the byte 0x20 less.
        var lower: [(letter: Unicode.Scalar, base: Unicode.Scalar?, byte: UInt8)] = []
        for base in "aeouy".unicodeScalars {
            for (t, byte) in toneBytes.enumerated() where !(base == "y" && t == 4) {
                lower.append((compose([base, tones[t]]), base, byte))
            }
        }
        for base in "aeo".unicodeScalars {
            lower.append((compose([base, "\u{302}"]), base, circumflexBytes[0]))
            for t in 0..<5 { lower.append((compose([base, "\u{302}", tones[t]]), base, circumflexBytes[t + 1])) }
        }
        lower.append((compose(["a", "\u{306}"]), "a", breveBytes[0]))
        for t in 0..<5 { lower.append((compose(["a", "\u{306}", tones[t]]), "a", breveBytes[t + 1])) }
        for (t, byte) in iBytes.enumerated() { lower.append((compose(["i", tones[t]]), nil, byte)) }
        lower.append((compose(["y", tones[4]]), nil, yDotBelow))
        lower.append(("đ", nil, 0xF1))
        // ơ and ư: one byte, then a tone byte.
        for (letter, byte) in [("ơ", 0xF4), ("ư", 0xF6)] as [(Unicode.Scalar, UInt8)] {
            lower.append((letter, nil, byte))
            for (t, toneByte) in toneBytes.enumerated() {
                lower.append((compose([letter, tones[t]]), letter, toneByte))
            }
        }
        for (letter, base, byte) in lower {
            let capital = Unicode.Scalar(letter.properties.uppercaseMapping)!
            let capitalBase = base.map { Unicode.Scalar($0.properties.uppercaseMapping)! }
            for (form, formBase, formByte) in [(letter, base, byte), (capital, capitalBase, byte - 0x20)] {
                guard let formBase else {
                    table.single[Int(formByte)] = form
                    table.sequences[form] = [formByte]
                    continue
                }
                let baseBytes = encodeBase(formBase)
                table.sequences[form] = baseBytes + [formByte]
                // A mark byte of either case after the base (the base gives the case).
                for markByte in [formByte, formByte ^ 0x20] {
                    table.pairs[UInt16(baseBytes.last!) << 8 | UInt16(markByte)] = form
                }
            }
        }
        return table

        /// The byte of a base letter: ASCII, or the one byte of `ơ ư Ơ Ư`.
        func encodeBase(_ base: Unicode.Scalar) -> [UInt8] {
            switch base {
            case "ơ": [0xF4]
            case "ư": [0xF6]
            case "Ơ": [0xD4]
            case "Ư": [0xD6]
            default: [UInt8(base.value)]
            }
        }
    }()
}
