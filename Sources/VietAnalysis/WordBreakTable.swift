import CICU

/// What `CommonWordBreaker` knows of a code point under UAX #29 as ICU's root rules apply
/// it. Everything it is not sure of is `unsure`, and ICU's iterator then decides.
enum WordBreakClass: UInt8 {
    /// Only ICU decides around it: marks, apostrophes, `_`, `@`, other scripts, emoji,
    /// letters not in NFC quick-check form, spaces other than U+0020...
    case unsure
    /// Word_Break=ALetter (ASCII and Latin letters, Vietnamese ones included).
    case letter
    /// ASCII `0`–`9`.
    case digit
    /// `.` (MidNumLet): joins letter to letter (`TP.HCM`) and digit to digit (`10.450`).
    case fullStop
    /// `,` and `;` (MidNum): join digit to digit only (`1,5`).
    case numberSeparator
    /// `:`: MidLetter in UAX #29 but not in ICU's root rules; between two letters it is
    /// left to ICU, elsewhere it joins nothing.
    case colon
    /// U+0020 (WSegSpace): a run of spaces is one segment.
    case space
    /// U+000D, which ICU keeps with a following U+000A.
    case carriageReturn
    /// Breaks on both sides when its neighbours are not `unsure` (Word_Break Other, LF,
    /// Newline): other ASCII punctuation and controls, `“”–—…`, no-break space...
    case separator

    /// Whether a boundary always follows it when a code point other than `unsure` does.
    var endsRun: Bool { self == .space || self == .carriageReturn || self == .separator }
}

/// The `WordBreakClass` of every code point below U+2070 (ASCII, the Latin blocks,
/// General Punctuation); code points above are `unsure`. ASCII is written out, because
/// ICU's root rules tailor it (`@` is a letter there); the rest comes from ICU's
/// Word_Break, Extended_Pictographic and normalization properties.
struct WordBreakTable: Sendable {
    static let shared = WordBreakTable()
    static let limit: UInt32 = 0x2070

    private let classes: [WordBreakClass]

    @inline(__always)
    func kind(_ codePoint: UInt32) -> WordBreakClass {
        codePoint < Self.limit ? classes[Int(codePoint)] : .unsure
    }

    private init() {
        var classes = [WordBreakClass](repeating: .unsure, count: Int(Self.limit))
        for codePoint in UInt32(0x80)..<Self.limit {
            switch Int(cicu_word_break_class(codePoint)) {
            case Int(CICU_BREAK_LETTER): classes[Int(codePoint)] = .letter
            case Int(CICU_BREAK_SEPARATOR): classes[Int(codePoint)] = .separator
            default: continue
            }
        }
        for byte in UInt8(0)..<0x80 { classes[Int(byte)] = Self.ascii(byte) }
        self.classes = classes
    }

    private static func ascii(_ byte: UInt8) -> WordBreakClass {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): .letter
        case UInt8(ascii: "0")...UInt8(ascii: "9"): .digit
        case UInt8(ascii: "."): .fullStop
        case UInt8(ascii: ","), UInt8(ascii: ";"): .numberSeparator
        case UInt8(ascii: ":"): .colon
        case UInt8(ascii: " "): .space
        case 0x0D: .carriageReturn
        // Single_Quote, ExtendNumLet, and a letter in ICU's root rules.
        case UInt8(ascii: "'"), UInt8(ascii: "_"), UInt8(ascii: "@"): .unsure
        // Controls, LF/VT/FF, punctuation that is Word_Break Other, and `"` (Double_Quote,
        // which only Hebrew letters on both sides join: those are `unsure`).
        default: .separator
        }
    }
}
