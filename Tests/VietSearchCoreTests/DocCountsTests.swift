import Testing

@testable import VietSearchCore

/// `DocCounts`, the evaluator's per-document counts kept only for one posting list.
@Suite struct DocCountsTests {
    @Test func lookupsInAnyOrderGiveWhatAnArrayOfTheSegmentsSizeGives() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let n = Int.random(in: 1...300, using: &generator)
            let docs = (0..<n).filter { _ in Bool.random(using: &generator) }.map { Int32($0) }
            let counts = docs.map { _ in Int32.random(in: -1...9, using: &generator) }
            var dense = [Int32](repeating: 0, count: n)
            for (doc, count) in zip(docs, counts) { dense[Int(doc)] = count }
            var sparse = DocCounts(docs: docs, counts: counts)
            // Ascending runs (as the evaluator reads), repeats and jumps back.
            let order = (0..<n).map { $0 } + (0..<2 * n).map { _ in Int.random(in: 0..<n, using: &generator) }
            for doc in order { #expect(sparse(doc) == dense[doc], "doc \(doc) of \(docs)") }
        }
    }

    @Test func noDocumentsCountZeroEverywhere() {
        var none = DocCounts.none
        #expect([0, 5, 3, 1_000].map { none($0) } == [0, 0, 0, 0])
    }
}
