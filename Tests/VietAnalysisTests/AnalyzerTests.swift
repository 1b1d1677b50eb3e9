import CICU
import Testing

@testable import VietAnalysis

/// One analyzer case: input text and the expected exact and folded terms.
struct AnalyzerCase: CustomTestStringConvertible, Sendable {
    let text: String
    let exact: [String]
    let folded: [String]
    var testDescription: String { text.count > 40 ? String(text.prefix(40)) + "…" : text }
}

private func nfd(_ text: String) -> String { String(text.decomposedStringWithCanonicalMappingScalars) }

extension String {
    /// Canonical decomposition built from Unicode scalars (no Foundation).
    var decomposedStringWithCanonicalMappingScalars: String.UnicodeScalarView {
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            var parts = [UInt32](repeating: 0, count: 8)
            let n = cicuDecompose(scalar.value, &parts)
            for value in parts.prefix(n) { out.append(Unicode.Scalar(value)!) }
        }
        return out
    }
}

func cicuDecompose(_ value: UInt32, _ parts: inout [UInt32]) -> Int {
    Int(cicu_decompose(value, &parts, Int32(parts.count)))
}

struct AnalyzerTests {
    let analyzer = try! Analyzer()

    static let cases: [AnalyzerCase] = [
        .init(text: "Đà Nẵng", exact: ["đà", "nẵng"], folded: ["da", "nang"]),
        .init(text: "Đường", exact: ["đường"], folded: ["duong"]),
        .init(text: "Ðại hội", exact: ["đại", "hội"], folded: ["dai", "hoi"]),  // U+00D0 look-alike
        .init(text: "Nguyễn Việt", exact: ["nguyễn", "việt"], folded: ["nguyen", "viet"]),
        .init(text: "hoà hòa HÒA", exact: ["hoà", "hoà", "hoà"], folded: ["hoa", "hoa", "hoa"]),
        .init(text: "thuỷ thủy", exact: ["thuỷ", "thuỷ"], folded: ["thuy", "thuy"]),
        .init(text: "uỷ ủy Ủy", exact: ["uỷ", "uỷ", "uỷ"], folded: ["uy", "uy", "uy"]),
        .init(
            text: "khỏe khoẻ tùy tuỳ", exact: ["khoẻ", "khoẻ", "tuỳ", "tuỳ"], folded: ["khoe", "khoe", "tuy", "tuy"]),
        .init(text: "quý quỳ giá", exact: ["quý", "quỳ", "giá"], folded: ["quy", "quy", "gia"]),
        .init(text: "hoàng thuyền", exact: ["hoàng", "thuyền"], folded: ["hoang", "thuyen"]),
        .init(text: "chó cho lợn lớn", exact: ["chó", "cho", "lợn", "lớn"], folded: ["cho", "cho", "lon", "lon"]),
        .init(
            text: "Tin 😀 hot: iPhone và COVID-19!", exact: ["tin", "hot", "iphone", "và", "covid", "19"],
            folded: ["tin", "hot", "iphone", "va", "covid", "19"]),
        .init(
            text: "Kết luận số 21-KL/TW", exact: ["kết", "luận", "số", "21", "kl", "tw"],
            folded: ["ket", "luan", "so", "21", "kl", "tw"]),
        .init(text: "10.450 đảng viên", exact: ["10.450", "đảng", "viên"], folded: ["10450", "dang", "vien"]),
        .init(text: "ngày 2/9/2024", exact: ["ngày", "2", "9", "2024"], folded: ["ngay", "2", "9", "2024"]),
        .init(text: "TP.HCM", exact: ["tp", "hcm"], folded: ["tp", "hcm"]),
        .init(text: "İstanbul", exact: ["i̇stanbul"], folded: ["istanbul"]),
        .init(text: "", exact: [], folded: []),
        .init(text: "… — !!! “” ; / ()", exact: [], folded: []),
    ]

    @Test(arguments: cases)
    func terms(_ example: AnalyzerCase) {
        let tokens = analyzer.tokens(example.text)
        #expect(tokens.map(\.exact) == example.exact.map { Term(stringLiteral: $0) })
        #expect(tokens.map(\.folded) == example.folded.map { Term(stringLiteral: $0) })
        #expect(tokens.map(\.position) == tokens.map(\.position).sorted())
    }

    @Test func sentenceAndLineBreaksLeaveAPositionGap() {
        let tokens = analyzer.tokens("thu, chi\nBộ Tài chính. Hà Nội: ngày 2/9")
        #expect(tokens.map(\.text) == ["thu", "chi", "Bộ", "Tài", "chính", "Hà", "Nội", "ngày", "2", "9"])
        #expect(tokens.map(\.position) == [0, 1, 3, 4, 5, 7, 8, 10, 11, 12])
        // Splitting TP.HCM inside one word leaves no gap; NFD text gets the same positions.
        #expect(analyzer.tokens("TP.HCM").map(\.position) == [0, 1])
        let nfdTokens = analyzer.tokens(
            String("thu, chi\nBộ Tài chính. Hà Nội: ngày 2/9".decomposedStringWithCanonicalMappingScalars))
        #expect(nfdTokens.map(\.position) == tokens.map(\.position))
    }

    @Test(arguments: cases)
    func nfdInputGivesTheSameTermsAndRangesThatSliceIt(_ example: AnalyzerCase) {
        let decomposed = String(nfd(example.text))
        let tokens = analyzer.tokens(decomposed)
        #expect(tokens.map(\.exact) == analyzer.tokens(example.text).map(\.exact))
        let bytes = Array(decomposed.utf8)
        for token in tokens {
            #expect(Array(bytes[token.byteRange]) == Array(token.text.utf8))
            #expect(analyzer.tokens(token.text).first?.exact == token.exact)
        }
    }

    @Test func nfdAndNfcAreDifferentBytesButTheSameTerms() {
        let composed = "Nguyễn Việt"
        let decomposed = String(nfd(composed))
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        #expect(analyzer.tokens(decomposed).map(\.exact) == analyzer.tokens(composed).map(\.exact))
        #expect(analyzer.tokens(decomposed).map(\.byteRange) == [0..<10, 11..<19])
    }

    @Test func byteRangesSliceTheCallersText() {
        let text = "Đảng uỷ hoà, 10.450 người"
        let bytes = Array(text.utf8)
        let tokens = analyzer.tokens(text)
        #expect(tokens.map(\.text) == ["Đảng", "uỷ", "hoà", "10.450", "người"])
        for token in tokens { #expect(String(decoding: bytes[token.byteRange], as: UTF8.self) == token.text) }
    }

    @Test func bothTonePlacementsGiveOneExactTerm() {
        let old = analyzer.tokens("Đảng ủy hòa thủy khỏe").map(\.exact)
        let new = analyzer.tokens("đảng uỷ hoà thuỷ khoẻ").map(\.exact)
        #expect(old == new)
    }

    @Test func oneMegabyteSingleLine() {
        let sentence = "Đảng bộ thành phố có 33 chi bộ, 10.450 đảng viên; "
        var text = ""
        while text.utf8.count < 1_000_000 { text += sentence }
        let tokens = analyzer.tokens(text)
        let perSentence = analyzer.tokens(sentence).count
        #expect(tokens.count == perSentence * (text.utf8.count / sentence.utf8.count))
        #expect(tokens.last?.byteRange.upperBound == text.utf8.count - 2)
    }

    @Test func cachedSyllablesGiveTheSameTermsAsAFreshAnalyzer() throws {
        let text = "Đảng ủy hòa thủy khỏe Nguyễn Việt đường Ðại"
        let first = analyzer.tokens(text)
        #expect(analyzer.tokens(text) == first)
        #expect(try Analyzer().tokens(text) == first)
        // More distinct accented tokens than the cache holds: it starts over, terms stay right.
        let many = (0..<(SyllableCache.capacity + 100)).map { "đ\($0)" }.joined(separator: " ")
        let tokens = analyzer.tokens(many)
        #expect(tokens.count == SyllableCache.capacity + 100)
        #expect(tokens.last?.folded.description == "d\(SyllableCache.capacity + 99)")
        #expect(analyzer.tokens(text) == first)
    }

    /// What the index builder relies on to skip hashing a syllable it has seen: within one
    /// generation, a syllable number always names the same exact and folded terms.
    @Test func syllableNumbersNameTheSameTermsWithinAGeneration() throws {
        let analyzer = try Analyzer()
        let words = (0..<(SyllableCache.capacity + 100)).map { "Đ\($0 % 300)ả\($0)" }
        var text = (words + words.prefix(500) + ["Hà Nội hà nội HÀ"]).joined(separator: " ")
        var seen: [Int: [Int32: (String, String)]] = [:]
        var numbered = 0
        var generations = Set<Int>()
        text.withUTF8 { bytes in
            analyzer.forEachToken(in: bytes) { token in
                guard token.syllable >= 0 else { return }
                numbered += 1
                let generation = analyzer.syllableGeneration
                generations.insert(generation)
                let terms = (
                    String(decoding: token.exact, as: UTF8.self), String(decoding: token.folded, as: UTF8.self)
                )
                if let known = seen[generation]?[token.syllable] {
                    #expect(known == terms)
                } else {
                    seen[generation, default: [:]][token.syllable] = terms
                }
            }
        }
        #expect(numbered == words.count + 500 + 5)
        #expect(generations.count == 2)
    }

    @Test func overlongTokensAreDropped() {
        let long = String(repeating: "a", count: Analyzer.maxTermBytes + 1)
        #expect(analyzer.tokens("x \(long) y").map(\.exact) == ["x", "y"])
    }

    /// NFC composes what NFD spells out; folding drops marks and đ as the analyzer does.
    @Test func unicodeFormsComposeAndFold() {
        let nfd = "Đa\u{0300}ng u\u{0309}y"
        #expect(Array(UnicodeForms.nfc(nfd).utf8) == Array("Đàng ủy".utf8))
        #expect(UnicodeForms.folded(nfd) == "dang uy")
        #expect(UnicodeForms.folded("NĐ-CP Ðảng") == "nd-cp dang")
    }
}
