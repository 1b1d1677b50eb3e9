/// The legacy encodings of Vietnamese text, and how to tell which one some bytes are in.
///
/// Tables: Windows-1258 from ICU; TCVN3 and VISCII from the C library's `iconv` (glibc's
/// `TCVN5712-1`, whose lower half and lowercase letters are TCVN3's, and `VISCII`, RFC 1456);
/// VNI-Windows generated in code (`VNIWindows`). TCVN3 files written with the capital-only
/// `.VnTimeH` fonts use the lowercase codes, and decode as lowercase.
public enum VietnameseEncoding: String, CaseIterable, Sendable {
    case windows1258 = "Windows-1258"
    case tcvn3 = "TCVN3"
    case vni = "VNI-Windows"
    case viscii = "VISCII"

    /// The name shown to users.
    public var name: String {
        switch self {
        case .windows1258: "Windows-1258"
        case .tcvn3: "TCVN3 (ABC, .VnTime fonts)"
        case .vni: "VNI-Windows (VNI fonts)"
        case .viscii: "VISCII"
        }
    }

    /// The text of `bytes` in this encoding, composed to NFC; nil when some bytes have no
    /// mapping (or the system lacks the converter).
    public func decode(_ bytes: [UInt8]) -> String? {
        let text: String? =
            switch self {
            case .windows1258: LegacyEncoding.decode(bytes, charset: "windows-1258")
            case .tcvn3: Iconv.decode(bytes, charset: "TCVN5712-1")
            case .vni: VNIWindows.decode(bytes)
            case .viscii: Iconv.decode(bytes, charset: "VISCII")
            }
        return text.map(UnicodeForms.nfc)
    }

    /// `text` in this encoding, or nil when a character has no form in it (for tests).
    public func encode(_ text: String) -> [UInt8]? {
        switch self {
        case .windows1258: Iconv.encode(text, charset: "CP1258")
        case .tcvn3: Iconv.encode(text, charset: "TCVN5712-1")
        case .vni: VNIWindows.encode(UnicodeForms.nfc(text))
        case .viscii: Iconv.encode(text, charset: "VISCII")
        }
    }

    /// How Vietnamese a text reads: of its words that hold a character outside ASCII, how
    /// many are Vietnamese syllables (`VietnameseSyllable`).
    public struct Score: Comparable, Sendable, CustomStringConvertible {
        public var syllables = 0
        public var words = 0

        /// Syllables less the other words: a decoding that garbles more words loses.
        var value: Int { 2 * syllables - words }

        public static func < (a: Score, b: Score) -> Bool { a.value < b.value }

        /// Whether most such words are syllables (with none, nothing tells).
        public var isVietnamese: Bool { words == 0 || 2 * syllables > words }

        /// The score of two texts together.
        public static func + (a: Score, b: Score) -> Score {
            Score(syllables: a.syllables + b.syllables, words: a.words + b.words)
        }

        public var description: String {
            "\(syllables) of \(words) words with non-ASCII letters are Vietnamese syllables"
        }
    }

    /// The `Score` of `text`. Words are split at whitespace and ASCII punctuation, and lose
    /// the punctuation around them (`“Hà`, `Nội…`); a symbol inside a word stays (`c¸c`).
    /// Abbreviations (`HĐND`) do not count.
    public static func score(_ text: String) -> Score {
        var score = Score()
        for token in text.split(whereSeparator: { $0.isWhitespace || ($0.isASCII && !$0.isLetter) }) {
            var word = token.drop(while: \.isPunctuation)
            while word.last?.isPunctuation == true { word.removeLast() }
            guard word.unicodeScalars.contains(where: { !$0.isASCII }), !VietnameseSyllable.isAbbreviation(word) else {
                continue
            }
            score.words += 1
            if VietnameseSyllable.isValid(word) { score.syllables += 1 }
        }
        return score
    }

    /// The encoding whose decoding of `bytes` scores best, its text and score; the first
    /// in `candidates` wins a tie. Judged on the first 64 KB, then all is decoded (should
    /// that fail, the next best is taken).
    public static func detect(_ bytes: [UInt8], candidates: [VietnameseEncoding] = allCases) -> (
        encoding: VietnameseEncoding, text: String, score: Score
    )? {
        var sample = bytes.prefix(65536)
        if sample.count < bytes.count, let space = sample.lastIndex(where: { $0 == 0x20 || $0 == 0x0A }) {
            sample = sample[..<space]
        }
        let whole = sample.count == bytes.count
        var scored: [(encoding: VietnameseEncoding, text: String, score: Score)] = []
        for encoding in candidates {
            guard let text = encoding.decode(Array(sample)) else { continue }
            scored.append((encoding, text, score(text)))
        }
        // Best first; a stable sort keeps the candidates' order among equals.
        let ranked = scored.enumerated().sorted {
            ($1.element.score.value, $0.offset) < ($0.element.score.value, $1.offset)
        }
        for (_, candidate) in ranked {
            if whole { return candidate }
            if let text = candidate.encoding.decode(bytes) { return (candidate.encoding, text, candidate.score) }
        }
        return nil
    }
}
