import CICU

/// Turns a text into tokens: one per syllable, number or code part, each with its position,
/// its UTF-8 byte range in the caller's text, and two terms (`exact` and `folded`).
///
/// The pipeline:
/// 1. NFC normalization (ICU); NFD input gives the same terms as NFC input, and byte
///    ranges are mapped back to the caller's bytes.
/// 2. ICU's word break iterator (UAX #29, root rules) over the whole text; segments that
///    are not words (spaces, punctuation, symbols, emoji) are skipped. `CommonWordBreaker`
///    gives ICU's segments without ICU for runs of Latin letters, digits and punctuation,
///    and leaves the rest of the text to ICU (`WordBreaking.icuOnly` leaves it all). Letter segments that
///    ICU joins across `.` or `:` (`TP.HCM`, `P.V`) are split there, so `TP.HCM` matches
///    `TP HCM`. Numbers keep their inner `.`/`,` (`10.450` is one token).
/// 3. `exact`: full Unicode lowercase, then one canonical tone placement (`TonePlacement`).
/// 4. `folded`: `exact` without diacritics, `đ`/`Đ`/`Ð` → `d`; in numbers the group
///    separators are dropped (`10.450` → `10450`).
///
/// Positions count tokens, plus one at each sentence or line break (`.`, `!`, `?`, `;`,
/// `:`, `…`, newline), so that phrases and proximity stay within a sentence. Tokens whose
/// exact term is longer than `maxTermBytes` are dropped (they are not words), leaving no
/// position gap. An analyzer is not thread-safe: use one per thread.
///
/// ```swift
/// let analyzer = try Analyzer()
/// analyzer.tokens("Đảng uỷ hoà").map(\.folded)  // ["dang", "uy", "hoa"]
/// ```
public final class Analyzer {
    /// Longest exact term kept, in UTF-8 bytes.
    public static let maxTermBytes = 64
    /// Changes whenever analysis changes what terms a text gives; stored in indexes.
    public static let version = 2

    private let icu: ICUContext
    private let commonCase: CommonWordBreaker?
    private let table = LetterTable.shared
    private var exactBuffer = TermBuffer(capacity: 256)
    private var foldedBuffer = TermBuffer(capacity: 256)
    private var scalarBuffer = [UInt32](repeating: 0, count: 128)
    private var pieces: [Int32] = []
    private var syllables = SyllableCache()
    /// Changes whenever the numbers `TokenView.syllable` gives are reassigned.
    public var syllableGeneration: Int { syllables.generation }
    /// The syllable number of the token `normalize` handled last, or -1.
    private var lastSyllable: Int32 = -1
    /// During `forEachToken(in:termsOf:_:)`, the terms wanted.
    private var termFilter: FoldedWordScanner?
    /// The longest token `termFilter` may leave without terms: its exact term is surely
    /// short enough to be kept (lowercasing grows UTF-8 by half at most).
    private static let filteredBytes = 40

    /// How an analyzer finds words. Both give the same tokens; ICU is the definition.
    public enum WordBreaking: Sendable {
        /// `CommonWordBreaker` where it is sure of ICU's answer, ICU's iterator elsewhere.
        case commonCaseFirst
        /// ICU's iterator over every text: for the differential tests and benchmarks.
        case icuOnly
    }

    public init(wordBreaking: WordBreaking = .commonCaseFirst) throws(ICUError) {
        icu = try ICUContext()
        commonCase = wordBreaking == .commonCaseFirst ? CommonWordBreaker() : nil
    }

    deinit {
        exactBuffer.deallocate()
        foldedBuffer.deallocate()
    }

    /// ICU's version, e.g. "72.1".
    public static var icuVersion: String { ICUContext.version }

    /// The tokens of `text`.
    public func tokens(_ text: String) -> [Token] {
        var text = text
        return text.withUTF8 { bytes in
            var result: [Token] = []
            forEachToken(in: bytes) { token in
                result.append(
                    Token(
                        position: token.position,
                        byteRange: token.start..<token.end,
                        text: String(
                            decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self),
                        exact: Term(token.exact),
                        folded: Term(token.folded),
                        isNumber: token.isNumber))
            }
            return result
        }
    }

    /// Calls `body` for each token of the UTF-8 `text`, in order. The views are valid only
    /// during the call. This is the path indexing takes: it allocates nothing per token.
    public func forEachToken(in text: UnsafeBufferPointer<UInt8>, _ body: (TokenView) throws -> Void) rethrows {
        guard text.count > 0 else { return }
        if let commonCase {
            let (spans, decidedAlone) = commonCase.words(text, icu: icu)
            if decidedAlone || icu.isNFC(text) { return try forEachToken(inNFC: text, spans: spans, body) }
            let normalized = icu.nfc(text)
            try forEachToken(inNormalized: normalized, spans: commonCase.words(normalized, icu: icu).spans, body)
        } else if icu.isNFC(text) {
            try forEachToken(inNFC: text, spans: icu.words(text), body)
        } else {
            let normalized = icu.nfc(text)
            try forEachToken(inNormalized: normalized, spans: icu.words(normalized), body)
        }
    }

    /// As `forEachToken(in:_:)`, but a token of at most 40 bytes whose folded term is
    /// surely none of `filter`'s terms comes with empty terms, not computed (for callers
    /// that look for some terms only: most of the analyzer's time is computing terms).
    public func forEachToken(
        in text: UnsafeBufferPointer<UInt8>, termsOf filter: FoldedWordScanner, _ body: (TokenView) throws -> Void
    ) rethrows {
        termFilter = filter
        defer { termFilter = nil }
        try forEachToken(in: text, body)
    }

    /// The tokens of NFC `text`, whose word spans (start, end, kind) are `spans`.
    private func forEachToken(
        inNFC text: UnsafeBufferPointer<UInt8>, spans: UnsafeBufferPointer<Int32>, _ body: (TokenView) throws -> Void
    ) rethrows {
        var position = 0
        var index = 0
        var previousEnd = 0
        while index < spans.count {
            let start = Int(spans[index]), end = Int(spans[index + 1]), kind = spans[index + 2]
            index += 3
            if position > 0 && Self.breaksSentence(text, previousEnd, start) { position += 1 }
            previousEnd = end
            try forEachPiece(text, start, end, kind) { pieceStart, pieceEnd in
                try emit(text, pieceStart, pieceEnd, pieceStart, pieceEnd, kind, &position, body)
            }
        }
    }

    /// The tokens of `normalized`, the last NFC output of `icu`, whose word spans are
    /// `spans`; byte ranges are mapped back to the caller's text.
    private func forEachToken(
        inNormalized normalized: UnsafeBufferPointer<UInt8>, spans: UnsafeBufferPointer<Int32>,
        _ body: (TokenView) throws -> Void
    ) rethrows {
        pieces.removeAll(keepingCapacity: true)
        var index = 0
        while index < spans.count {
            let kind = spans[index + 2]
            forEachPiece(normalized, Int(spans[index]), Int(spans[index + 1]), kind) { start, end in
                pieces.append(Int32(start))
                pieces.append(Int32(end))
                pieces.append(kind)
            }
            index += 3
        }
        var offsets = [Int32](repeating: 0, count: pieces.count / 3 * 2)
        for i in 0..<(pieces.count / 3) {
            offsets[2 * i] = pieces[3 * i]
            offsets[2 * i + 1] = pieces[3 * i + 1]
        }
        icu.sourceOffsets(&offsets)
        var position = 0
        for i in 0..<(pieces.count / 3) {
            if i > 0 && position > 0 && Self.breaksSentence(normalized, Int(pieces[3 * i - 2]), Int(pieces[3 * i])) {
                position += 1
            }
            try emit(
                normalized, Int(pieces[3 * i]), Int(pieces[3 * i + 1]),
                Int(offsets[2 * i]), Int(offsets[2 * i + 1]), pieces[3 * i + 2], &position, body)
        }
    }

    /// Whether the text between two tokens ends a sentence or a line: `.`, `!`, `?`, `;`,
    /// `:`, `…` or a line break. The next token's position then skips one, so phrases and
    /// adjacency never reach across (`thu, chi⏎Bộ Tài chính` is not the phrase "chi bộ").
    @inline(__always)
    static func breaksSentence(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        guard from < to else { return false }
        for i in from..<to {
            switch text[i] {
            case 0x2E, 0x21, 0x3F, 0x3B, 0x3A, 0x0A, 0x0D: return true
            case 0xE2 where i + 2 < to && text[i + 1] == 0x80 && text[i + 2] == 0xA6: return true  // …
            default: continue
            }
        }
        return false
    }

    /// Splits a letter segment at `.` and `:` (ICU joins `TP.HCM`); numbers stay whole.
    @inline(__always)
    private func forEachPiece(
        _ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ kind: Int32,
        _ body: (Int, Int) throws -> Void
    ) rethrows {
        guard kind == Int32(CICU_WORD_LETTER) else { return try body(start, end) }
        var pieceStart = start
        for i in start..<end where text[i] == 0x2E || text[i] == 0x3A {
            if i > pieceStart { try body(pieceStart, i) }
            pieceStart = i + 1
        }
        if end > pieceStart { try body(pieceStart, end) }
    }

    @inline(__always)
    private func emit(
        _ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ sourceStart: Int, _ sourceEnd: Int,
        _ kind: Int32, _ position: inout Int, _ body: (TokenView) throws -> Void
    ) rethrows {
        let isNumber = kind == Int32(CICU_WORD_NUMBER)
        if end - start <= Self.filteredBytes,
            termFilter?.mayBeTerm(
                UnsafeBufferPointer(rebasing: text[start..<end]), isNumber: isNumber, scratch: foldedBuffer.base)
                == false
        {
            try body(
                TokenView(
                    position: position, start: sourceStart, end: sourceEnd, isNumber: isNumber,
                    exact: exactBuffer.view(0), folded: foldedBuffer.view(0), syllable: -1))
            position += 1
            return
        }
        guard
            let (exactCount, foldedCount) = normalize(
                UnsafeBufferPointer(rebasing: text[start..<end]), isNumber: isNumber)
        else { return }
        try body(
            TokenView(
                position: position, start: sourceStart, end: sourceEnd, isNumber: isNumber,
                exact: exactBuffer.view(exactCount), folded: foldedBuffer.view(foldedCount), syllable: lastSyllable))
        position += 1
    }

    /// Writes the exact and folded terms of one NFC token into the buffers; returns their
    /// lengths, or nil when the token is too long to be a term.
    private func normalize(_ token: UnsafeBufferPointer<UInt8>, isNumber: Bool) -> (Int, Int)? {
        lastSyllable = -1
        if token.count > Self.maxTermBytes * 2 { return nil }
        var ascii = true
        for byte in token where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii {
            if token.count > Self.maxTermBytes { return nil }
            var foldedCount = 0
            for (i, byte) in token.enumerated() {
                let lower = byte &- 0x41 < 26 ? byte | 0x20 : byte
                exactBuffer[i] = lower
                if isNumber && (byte == 0x2E || byte == 0x2C) { continue }
                foldedBuffer[foldedCount] = lower
                foldedCount += 1
            }
            return (token.count, foldedCount)
        }
        if let cached = syllables.lookup(token, exact: exactBuffer, folded: foldedBuffer) {
            lastSyllable = syllables.lastEntry
            return cached
        }
        let result = normalizeUnicode(token)
        syllables.store(token, exact: exactBuffer.view(result?.0 ?? 0), folded: foldedBuffer.view(result?.1 ?? 0))
        lastSyllable = syllables.lastEntry
        return result
    }

    private func normalizeUnicode(_ token: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        // Decode and lowercase through the table; anything outside it goes through ICU.
        var count = 0
        var needsICU = false
        var index = 0
        while index < token.count {
            // The text is valid UTF-8 (it came from a String), so decoding needs no checks.
            let lead = token[index]
            var value: UInt32
            var width: Int
            switch lead {
            case 0..<0x80: (value, width) = (UInt32(lead), 1)
            case 0xC0..<0xE0: (value, width) = (UInt32(lead & 0x1F), 2)
            case 0xE0..<0xF0: (value, width) = (UInt32(lead & 0x0F), 3)
            default: (value, width) = (UInt32(lead & 0x07), 4)
            }
            for k in 1..<width where index + k < token.count { value = value << 6 | UInt32(token[index + k] & 0x3F) }
            index += width
            if count == scalarBuffer.count { scalarBuffer.append(contentsOf: repeatElement(0, count: count)) }
            if let letter = table.letter(value), letter.lower != 0 {
                scalarBuffer[count] = letter.lower
            } else {
                needsICU = true
                break
            }
            count += 1
        }
        if needsICU {
            let lowered = icuTransform(token, cicu_lower)
            let scalars = String(decoding: lowered, as: UTF8.self).unicodeScalars.map {
                LetterTable.vietnameseLower($0.value)
            }
            if scalarBuffer.count < scalars.count {
                scalarBuffer = scalars + [0]
            } else {
                scalarBuffer.replaceSubrange(0..<scalars.count, with: scalars)
            }
            count = scalars.count
        }
        scalarBuffer.withUnsafeMutableBufferPointer {
            TonePlacement.canonicalize(UnsafeMutableBufferPointer(rebasing: $0[0..<count]), table: table)
        }
        // Exact: encode the scalars. Folded: the table's folded letters, or ICU's folding.
        var exactCount = 0
        var foldedCount = 0
        var foldWithICU = false
        for i in 0..<count {
            let value = scalarBuffer[i]
            exactCount += encode(value, into: &exactBuffer, at: exactCount)
            if let letter = table.letter(value), letter.folded != 0 {
                foldedCount += encode(letter.folded, into: &foldedBuffer, at: foldedCount)
            } else {
                foldWithICU = true
            }
        }
        if exactCount > Self.maxTermBytes { return nil }
        if foldWithICU {
            foldedCount = foldedBuffer.replace(with: icuTransform(exactBuffer.view(exactCount), cicu_fold))
        }
        return (exactCount, foldedCount)
    }

    @inline(__always)
    private func encode(_ value: UInt32, into buffer: inout TermBuffer, at offset: Int) -> Int {
        buffer.reserve(offset + 4)
        switch value {
        case 0..<0x80:
            buffer[offset] = UInt8(value)
            return 1
        case 0x80..<0x800:
            buffer[offset] = UInt8(0xC0 | (value >> 6))
            buffer[offset + 1] = UInt8(0x80 | (value & 0x3F))
            return 2
        case 0x800..<0x10000:
            buffer[offset] = UInt8(0xE0 | (value >> 12))
            buffer[offset + 1] = UInt8(0x80 | ((value >> 6) & 0x3F))
            buffer[offset + 2] = UInt8(0x80 | (value & 0x3F))
            return 3
        default:
            buffer[offset] = UInt8(0xF0 | (value >> 18))
            buffer[offset + 1] = UInt8(0x80 | ((value >> 12) & 0x3F))
            buffer[offset + 2] = UInt8(0x80 | ((value >> 6) & 0x3F))
            buffer[offset + 3] = UInt8(0x80 | (value & 0x3F))
            return 4
        }
    }
}
