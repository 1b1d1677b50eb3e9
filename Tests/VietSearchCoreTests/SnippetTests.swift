import Foundation
import Testing
import VietAnalysis

@testable import VietSearchCore

/// Snippets analyze only the parts of a text near the query's terms; these tests hold them
/// to analyzing the whole text (`SnippetMaker.wholeText`).
@Suite struct SnippetTests {
    let analyzer = try! Analyzer()

    func terms(_ query: String) -> [Query.Term] {
        QueryParser(analyzer: analyzer).parse(query).allClauses.flatMap(\.terms)
    }

    func marked(_ snippet: Snippet) -> [String] {
        let bytes = Array(snippet.text.utf8)
        return snippet.highlights.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func aLongArticleWhoseMatchIsAtTheEndGetsThatPassage() {
        let filler = String(repeating: "Cán bộ các xã họp bàn kế hoạch sản xuất vụ đông năm nay.\n", count: 300)
        let text = filler + "Đêm qua, con chó nhà ông Ba cho hàng xóm một phen hú vía."
        let snippet = SnippetMaker().snippet(of: text, terms: terms("chó"), analyzer: analyzer)
        #expect(snippet.text == "… nay. Đêm qua, con chó nhà ông Ba cho hàng xóm một phen hú vía.")
        #expect(marked(snippet) == ["chó"])
        #expect(snippet == SnippetMaker(wholeText: true).snippet(of: text, terms: terms("chó"), analyzer: analyzer))
    }

    @Test func nfdTextIsMarkedAsNFCTextIs() {
        let filler = String(repeating: "Người dân phấn khởi đón Tết.\n", count: 200)
        let nfc = filler + "Thường trực Tỉnh ủy Tuyên Quang họp phiên thường kỳ.\n" + filler
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(Array(nfd.utf8) != Array(nfc.utf8))
        for query in ["Tỉnh ủy", "tinh uy", "Tuyên Quang"] {
            let fromNFD = SnippetMaker().snippet(of: nfd, terms: terms(query), analyzer: analyzer)
            let fromNFC = SnippetMaker().snippet(of: nfc, terms: terms(query), analyzer: analyzer)
            #expect(marked(fromNFD).map(\.precomposedStringWithCanonicalMapping) == marked(fromNFC))
            #expect(fromNFD.text.precomposedStringWithCanonicalMapping == fromNFC.text)
            #expect(fromNFD == SnippetMaker(wholeText: true).snippet(of: nfd, terms: terms(query), analyzer: analyzer))
        }
    }

    /// Texts of words drawn from a small vocabulary (Vietnamese with and without tone
    /// marks, numbers, codes, punctuation the scanner treats apart), for many queries.
    @Test func partsGiveTheWholeTextsSnippet() {
        let words = [
            "chó", "cho", "Chó", "chỗ", "đảng", "Đảng", "viên", "vien", "Tỉnh", "ủy", "uỷ", "hoà", "hòa", "khoá", "học",
            "10.450", "10450", "1,5", "21-KL/TW", "TP.HCM", "l'a", "người", "năm", "2024.", "v1.5", "“chó”", "’chó",
            "chó’s", "x\u{301}", "cho\u{301}", "Ø", "ß", "Bộ", "bo", "…", "\n\n", ",", ":", "a1", "dog_cho", "e@cho",
        ]
        let rare = ["Москва", "東京", "😀", "İstanbul", "ｃｈｏ"]
        let queries = [
            "chó", "cho", "chỗ", "đảng viên", "dang vien", "Tỉnh uỷ", "tinh uy", "hòa", "10.450", "10450", "1,5",
            "Kết luận số 21-KL/TW", "TP HCM", "học", "năm 2024", "v1.5", "bo", "chó OR hoà",
        ]
        var generator = SplitMix(seed: 7)
        for round in 0..<400 {
            let length = [5, 40, 200, 1500][round % 4]
            // Mostly words no query holds, so that most texts are analyzed in parts.
            let filler = ["một", "hai", "Ba", "bốn", "sáu.", "tám,"]
            var text = (0..<length).map { _ in
                generator.next() % 40 == 0
                    ? words[Int(generator.next() % UInt64(words.count))]
                    : filler[Int(generator.next() % UInt64(filler.count))]
            }
            if round % 10 == 9 {
                text.insert(rare[round / 10 % rare.count], at: Int(generator.next() % UInt64(length)))
            }
            let joined = text.joined(separator: round % 3 == 0 ? "  " : " ")
            let query = queries[round % queries.count]
            let parts = SnippetMaker().snippet(of: joined, terms: terms(query), analyzer: analyzer)
            let whole = SnippetMaker(wholeText: true).snippet(of: joined, terms: terms(query), analyzer: analyzer)
            #expect(parts == whole, "round \(round), query \(query)")
        }
    }

    @Test func theScannerFindsEveryTokenOfATerm() throws {
        let scanner = try #require(FoldedWordScanner(terms: [Array("cho".utf8), Array("10450".utf8)]))
        var text = "Chó, CHO\u{301} cho’s 10.450 dog_cho chỗ l'cho ab10.450"
        let found = text.withUTF8 { scanner.occurrences(in: $0) }
        let bytes = Array(text.utf8)
        let runs = try #require(found).map { String(decoding: bytes[$0.range], as: UTF8.self) }
        #expect(runs == ["Chó", "CHO", "cho", "10.450", "cho", "chỗ", "cho"])
        // Every token of the analyzer with one of the terms is among the runs.
        let tokens = analyzer.tokens(text).filter { ["cho", "10450"].contains($0.folded.description) }
        let starts = Set(try #require(found).map(\.range.lowerBound))
        #expect(tokens.allSatisfy { starts.contains($0.byteRange.lowerBound) })
        #expect(!tokens.isEmpty)
        var cyrillic = "chó Москва"
        #expect(cyrillic.withUTF8 { scanner.occurrences(in: $0) } == nil)
        #expect(FoldedWordScanner(terms: [Array("l'a".utf8)]) == nil)
    }
}
