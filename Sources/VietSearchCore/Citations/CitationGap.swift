/// The bytes between two tokens, classified: nothing, whitespace, one code separator
/// (`-`, `/`, a dash), or something else. This is how `21-KL/TW` differs from `21 KL TW`.
struct CitationGap {
    enum Kind {
        /// The tokens touch.
        case touching
        /// Only whitespace.
        case space
        /// One `-` or `/` (dashes count as `-`), with optional spaces around it.
        case separator
        /// Any other punctuation.
        case other
        /// After the last token.
        case end
    }

    var kind: Kind
    /// `-` or `/` for a separator.
    var separator: UInt8 = 0
    /// Whether spaces surround the separator (`439 – QĐNS/TW`).
    var spaced = false
    /// Whether the whitespace holds a line break.
    var newline = false
    /// The first byte that is not whitespace, for `.other`.
    var first: UInt8 = 0

    static let hyphen = UInt8(ascii: "-")
    static let slash = UInt8(ascii: "/")

    init(kind: Kind) { self.kind = kind }

    /// Classifies `bytes[range]`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard !range.isEmpty else {
            kind = .touching
            return
        }
        var p = range.lowerBound
        var newline = false
        Self.skipSpaces(bytes, &p, range.upperBound, &newline)
        let spaceBefore = p > range.lowerBound
        if p == range.upperBound {
            kind = .space
            self.newline = newline
            return
        }
        first = bytes[p]
        if !newline, let (separator, length) = Self.separator(bytes, p, range.upperBound) {
            var q = p + length
            Self.skipSpaces(bytes, &q, range.upperBound, &newline)
            if q == range.upperBound && !newline {
                kind = .separator
                self.separator = separator
                spaced = spaceBefore || q > p + length
                return
            }
        }
        kind = .other
    }

    /// Whether every non-space byte of `bytes[range]` is in `allowed` (ASCII).
    static func only(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ allowed: StaticString) -> Bool {
        var p = range.lowerBound
        var newline = false
        while p < range.upperBound {
            skipSpaces(bytes, &p, range.upperBound, &newline)
            guard p < range.upperBound else { break }
            let byte = bytes[p]
            var found = false
            allowed.withUTF8Buffer { found = $0.contains(byte) }
            guard found else { return false }
            p += 1
        }
        return true
    }

    /// Skips spaces, tabs, line breaks and no-break spaces.
    static func skipSpaces(_ bytes: UnsafeBufferPointer<UInt8>, _ p: inout Int, _ end: Int, _ newline: inout Bool) {
        while p < end {
            switch bytes[p] {
            case 0x20, 0x09: p += 1
            case 0x0A, 0x0D:
                newline = true
                p += 1
            case 0xC2 where p + 1 < end && bytes[p + 1] == 0xA0: p += 2
            // U+2000–U+200B spaces, U+202F narrow no-break space
            case 0xE2 where p + 2 < end && bytes[p + 1] == 0x80 && (bytes[p + 2] <= 0x8B || bytes[p + 2] == 0xAF):
                p += 3
            default: return
            }
        }
    }

    /// `-`, `/`, or a dash (U+2010–U+2015, U+2212) at `p`, as `-` or `/`, and its length.
    static func separator(_ bytes: UnsafeBufferPointer<UInt8>, _ p: Int, _ end: Int) -> (UInt8, Int)? {
        switch bytes[p] {
        case hyphen, slash: return (bytes[p], 1)
        case 0xE2 where p + 2 < end:
            if bytes[p + 1] == 0x80 && (0x90...0x95).contains(bytes[p + 2]) { return (hyphen, 3) }
            if bytes[p + 1] == 0x88 && bytes[p + 2] == 0x92 { return (hyphen, 3) }
            return nil
        default: return nil
        }
    }
}
