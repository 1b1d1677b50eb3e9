import Testing

@testable import VietSearchCore

/// The bound a top-k search skips by must never fall below the rank it bounds: a match
/// whose bound is lower than the k-th best is dropped unseen.
struct RankingModelTests {
    @Test(arguments: [RankingModel.Order.tiers, .weighted])
    func theUpperBoundIsNeverBelowTheRank(order: RankingModel.Order) {
        let model = RankingModel(order: order)
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        for _ in 0..<20_000 {
            let known = RankingModel.Features(
                citations: next(3), exactWords: next(6), bm25: Double(next(10_000)) / 100)
            // Pairs that could stand adjacent, at most `most` times (the rarer word's
            // frequency), and what adjacency turns out to give.
            let possible = next(5)
            var bonusBounds: [Double] = []
            var complete = known
            for _ in 0..<possible {
                let idfs = Double(next(2_000)) / 100
                let most = 1 + next(50)
                let length = 1 + next(3_000)
                let average = 1 + Double(next(800))
                let field = next(2) == 0 ? Field.title : .body
                bonusBounds.append(
                    model.pairBonus(idfs: idfs, count: most, length: length, averageLength: average, field: field))
                let count = next(most + 1)
                guard count > 0 else { continue }
                complete.adjacentPairs += 1
                complete.pairBonus += model.pairBonus(
                    idfs: idfs, count: count, length: length, averageLength: average, field: field)
            }
            let bound = model.upperBound(known, possiblePairs: possible, pairBonusBound: bonusBounds.reduce(0, +))
            #expect(!(bound < model.rank(complete)), "\(known) \(complete)")
        }
    }

    /// Requiring every word, the order is lexicographic: citations, exact spellings,
    /// adjacent pairs, then the score. Relaxed, only citations come before the score.
    @Test func keysCompareInTheirOrder() {
        let tiers = RankingModel()
        let base = RankingModel.Features(citations: 1, exactWords: 2, adjacentPairs: 1, bm25: 5)
        var cited = base
        cited.citations = 2
        cited.exactWords = 0
        var exact = base
        exact.exactWords = 3
        exact.adjacentPairs = 0
        var adjacent = base
        adjacent.adjacentPairs = 2
        adjacent.bm25 = 0
        var higher = base
        higher.bm25 = 6
        let ranked = [base, higher, adjacent, exact, cited].map(tiers.rank)
        #expect(ranked == ranked.sorted())

        let weighted = tiers.ordered(.weighted)
        var fewer = base
        fewer.exactWords = 0
        fewer.adjacentPairs = 0
        fewer.pairBonus = 1.5
        #expect(weighted.rank(base) < weighted.rank(fewer))
        #expect(weighted.rank(fewer) < weighted.rank(cited))
    }
}
