import Testing

@testable import VietSearchCore

/// BM25's length normalisation, computed once per segment reader and average length.
@Suite struct LengthNormsTests {
    @Test func scoringWithANormGivesTheSameBitsAsTheFormula() {
        let bm25 = BM25()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<10_000 {
            let freq = Double(Int.random(in: 0...40, using: &generator))
            let length = Int.random(in: 0...5_000, using: &generator)
            let average = Double.random(in: 1...900, using: &generator)
            let norm = bm25.lengthNorm(length: length, averageLength: average)
            #expect(bm25.tf(freq, norm: norm) == freq / (freq + 1.2 * (1 - 0.75 + 0.75 * Double(length) / average)))
        }
    }

    @Test func aNewAverageLengthGivesNewNorms() throws {
        let scratch = Scratch()
        scratch.writeJSONL(
            "a.jsonl",
            [
                (id: "a", title: "Chi bộ", text: "Sinh hoạt chi bộ."),
                (id: "b", title: "Hội nghị tổng kết năm", text: "Hội nghị tổng kết công tác năm của Đảng bộ tỉnh."),
            ])
        try scratch.index()
        let segment = try #require(try IndexReader(folder: scratch.indexFolder).segments.first)
        let bm25 = BM25()
        for average in [3.0, 7.5, 3.0] {
            for field in Field.allCases {
                let expected = (0..<segment.docCount).map {
                    bm25.lengthNorm(length: segment.length($0, field), averageLength: average)
                }
                #expect(segment.lengthNorms(field, bm25: bm25, averageLength: average) == expected)
            }
        }
        #expect(
            segment.lengthNorms(.body, bm25: BM25(k1: 2), averageLength: 3)
                != segment.lengthNorms(.body, bm25: bm25, averageLength: 3))
    }
}
