/// Finds, without word breaking or normalization, where in a text the analyzer may give
/// tokens with given folded terms, so that a long text need only be analyzed there.
///
/// The text is read as runs of letters and digits, each letter folded through
/// `LetterTable` (lowercase, no diacritic), combining marks U+0300–U+036F skipped
/// (so NFD text reads as NFC does), anything else ending a run. A token whose folded term
/// is made of ASCII letters and digits is such a run, or digits joined by single `.` or
/// `,` between digits (`10.450` folds to `10450`); so every run or joined run equal to a
/// term is reported, and every such token is among them (the analyzer then decides: a
/// run may be no token, as in `l'a`). A text holding a code point whose folding is not
/// sure here (another script, an emoji, a letter ICU must lowercase) is not scanned.
public final class FoldedWordScanner {
    private let table = LetterTable.shared
    private let breaks = WordBreakTable.shared
    /// The terms, ASCII letters and digits only, sorted by first byte.
    private let terms: [[UInt8]]
    /// Per first byte, the range of `terms` starting with it.
    private let byFirstByte: [Range<Int>]
    /// Per term, its index in the terms given.
    private let indices: [Int]
    /// No term is longer: a run's bytes past it are counted, not kept.
    static let limit = 2 * Analyzer.maxTermBytes

    /// A scanner for `terms`, or nil when a term holds anything but ASCII letters and digits.
    public init?(terms: [[UInt8]]) {
        for term in terms {
            guard !term.isEmpty, term.count <= Self.limit, term.allSatisfy({ Self.isAlphanumeric($0) }) else {
                return nil
            }
        }
        indices = terms.indices.sorted { (terms[$0][0], $0) < (terms[$1][0], $1) }
        self.terms = indices.map { terms[$0] }
        var byFirstByte = [Range<Int>](repeating: 0..<0, count: 128)
        var start = 0
        while start < self.terms.count {
            var end = start + 1
            while end < self.terms.count && self.terms[end][0] == self.terms[start][0] { end += 1 }
            byFirstByte[Int(self.terms[start][0])] = start..<end
            start = end
        }
        self.byFirstByte = byFirstByte
    }

    /// The byte ranges of the runs of UTF-8 `text` equal to a term, with the term's index,
    /// in order of their ends; nil when the text holds a code point this scanner cannot fold,
    /// or more than `limit` of them.
    public func occurrences(in text: UnsafeBufferPointer<UInt8>, limit most: Int = .max) -> [(
        range: Range<Int>, term: Int
    )]? {
        var found: [(range: Range<Int>, term: Int)] = []
        let limit = Self.limit
        // The current run (start -1: none) and the runs joined by one `.`/`,` between
        // digits that the last run ended (parts 0: none, or they end with a letter).
        let run = UnsafeMutablePointer<UInt8>.allocate(capacity: limit)
        let chain = UnsafeMutablePointer<UInt8>.allocate(capacity: limit)
        defer {
            run.deallocate()
            chain.deallocate()
        }
        var runStart = -1
        var runEnd = 0
        var runCount = 0
        var runEndsWithDigit = false
        var chainStart = 0
        var chainEnd = -2
        var chainCount = 0
        var continuesChain = false

        @inline(__always)
        func endRun() {
            report(run, runCount, runStart..<runEnd, into: &found)
            if continuesChain {
                for k in 0..<min(runCount, limit - min(chainCount, limit)) { chain[chainCount + k] = run[k] }
                chainCount += runCount
                report(chain, chainCount, chainStart..<runEnd, into: &found)
            } else {
                for k in 0..<min(runCount, limit) { chain[k] = run[k] }
                chainStart = runStart
                chainCount = runCount
            }
            chainEnd = runEndsWithDigit ? runEnd : -2
            runStart = -1
        }

        var index = 0
        while index < text.count {
            let lead = text[index]
            var folded: UInt8 = 0  // 0: not part of a run
            var width = 1
            if lead < 0x80 {
                switch lead {
                case 0x30...0x39, 0x61...0x7A: folded = lead
                case 0x41...0x5A: folded = lead | 0x20
                default: break
                }
            } else {
                width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                guard lead >= 0xC2, width < 4, index + width <= text.count else { return nil }
                var value = UInt32(lead & (width == 2 ? 0x1F : 0x0F))
                for k in 1..<width { value = value << 6 | UInt32(text[index + k] & 0x3F) }
                if value >= 0x300 && value < 0x370 {
                    index += width  // a combining mark: part of the letter before it
                    continue
                }
                switch breaks.kind(value) {
                case .letter:
                    guard let letter = table.letter(value), letter.lower != 0, letter.folded != 0 else { return nil }
                    // A letter folding to anything but ASCII is in no term.
                    folded = letter.folded < 0x80 ? UInt8(letter.folded) : 0xFF
                case .space, .carriageReturn, .separator, .fullStop, .numberSeparator, .colon:
                    break
                case .digit, .unsure:
                    // ‘ ’ ․ join letters or digits into one token (MidNumLet), whose folded
                    // term holds them: no term's.
                    guard value == 0x2018 || value == 0x2019 || value == 0x2024 else { return nil }
                }
            }
            if folded != 0 {
                if runStart < 0 {
                    continuesChain =
                        chainEnd == index - 1 && (text[index - 1] == 0x2E || text[index - 1] == 0x2C)
                        && Self.isDigit(folded)
                    runStart = index
                    runCount = 0
                }
                if runCount < limit { run[runCount] = folded }
                runCount += 1
                runEnd = index + width
                runEndsWithDigit = Self.isDigit(folded)
            } else if runStart >= 0 {
                endRun()
                if found.count > most { return nil }
            }
            index += width
        }
        if runStart >= 0 { endRun() }
        return found.count > most ? nil : found
    }

    /// Reports the run of `count` folded `bytes` over `range` if it is a term.
    @inline(__always)
    private func report(
        _ bytes: UnsafeMutablePointer<UInt8>, _ count: Int, _ range: Range<Int>,
        into found: inout [(range: Range<Int>, term: Int)]
    ) {
        if let term = term(UnsafeBufferPointer(start: bytes, count: count)) { found.append((range, term)) }
    }

    /// The index of the term equal to `bytes`, if any.
    @inline(__always)
    func term(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count > 0, bytes.count <= Self.limit, bytes[0] < 0x80 else { return nil }
        for index in byFirstByte[Int(bytes[0])] where terms[index].count == bytes.count {
            if terms[index].withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return indices[index] }
        }
        return nil
    }

    /// Whether the folded term of the NFC `token` may be a term: false only when surely
    /// not. `scratch` is room for `token.count` bytes.
    func mayBeTerm(_ token: UnsafeBufferPointer<UInt8>, isNumber: Bool, scratch: UnsafeMutablePointer<UInt8>) -> Bool {
        var count = 0
        var index = 0
        while index < token.count {
            let lead = token[index]
            if lead < 0x80 {
                switch lead {
                case 0x30...0x39, 0x61...0x7A: scratch[count] = lead
                case 0x41...0x5A: scratch[count] = lead | 0x20
                case 0x2E where isNumber, 0x2C where isNumber:
                    index += 1
                    continue
                default: return false  // kept in the folded term: no term's
                }
                count += 1
                index += 1
                continue
            }
            let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            guard lead >= 0xC2, width < 4, index + width <= token.count else { return true }
            var value = UInt32(lead & (width == 2 ? 0x1F : 0x0F))
            for k in 1..<width { value = value << 6 | UInt32(token[index + k] & 0x3F) }
            guard let letter = table.letter(value), letter.lower != 0, letter.folded != 0 else { return true }
            guard letter.folded < 0x80 else { return false }
            scratch[count] = UInt8(letter.folded)
            count += 1
            index += width
        }
        return term(UnsafeBufferPointer(start: scratch, count: count)) != nil
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inline(__always)
    private static func isAlphanumeric(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || isDigit(byte) }
}

extension Analyzer {
    /// Whether `offset` is a place to cut UTF-8 `text` at before analyzing a part of it:
    /// the part's tokens are then the whole text's there, byte ranges shifted. The ends
    /// of the text are; so is a boundary of `CommonWordBreaker`'s runs after an ASCII
    /// space or punctuation (before a character that is neither a mark nor an apostrophe).
    public static func isCut(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard offset > 0 && offset < text.count else { return offset == 0 || offset == text.count }
        let breaks = WordBreakTable.shared
        let before = text[offset - 1]
        guard before < 0x80, breaks.kind(UInt32(before)).endsRun else { return false }
        let lead = text[offset]
        var value = UInt32(lead)
        if lead >= 0x80 {
            let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            guard lead >= 0xC2, width < 4, offset + width <= text.count else { return false }
            value = UInt32(lead & (width == 2 ? 0x1F : 0x0F))
            for k in 1..<width { value = value << 6 | UInt32(text[offset + k] & 0x3F) }
        }
        let kind = breaks.kind(value)
        return kind != .unsure && !(before == 0x20 && kind == .space) && !(before == 0x0D && lead == 0x0A)
    }

    /// The last cut (`isCut`) of `text` at or before `offset`.
    public static func cut(_ text: UnsafeBufferPointer<UInt8>, atOrBefore offset: Int) -> Int {
        var offset = min(max(offset, 0), text.count)
        while !isCut(text, at: offset) { offset -= 1 }
        return offset
    }

    /// The first cut (`isCut`) of `text` at or after `offset`.
    public static func cut(_ text: UnsafeBufferPointer<UInt8>, atOrAfter offset: Int) -> Int {
        var offset = min(max(offset, 0), text.count)
        while !isCut(text, at: offset) { offset += 1 }
        return offset
    }
}
