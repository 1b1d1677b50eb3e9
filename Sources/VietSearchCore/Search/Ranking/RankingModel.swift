/// The ranking formula, whole: what a match's features are worth, and the best rank that
/// features not yet known could still give it. The evaluator asks this type; nothing else
/// combines citations, exact spellings, adjacency and BM25.
///
/// Two orders, chosen by measurement (`Benchmarks/relevance.py`, BENCHMARKS.md):
///
/// - `.tiers`, for a search that requires every word: a directive's citing articles first,
///   then exact spellings, then adjacent pairs, then the spellings the query reader
///   preferred for words typed without diacritics, then BM25 plus a bonus for how often the
///   adjacent pairs occur (`chó` above `cho`, `sinh hoạt chi bộ` together above scattered).
/// - `.weighted`, for a question: citing articles first, then BM25 plus the pair bonus
///   alone. On the xquad-vi questions, ranking "more words matched" or "more exact
///   spellings" before the score put long news articles full of the question's common
///   words above the answer: MRR@10 0.72 and 0.39 against 0.81 for the score alone.
struct RankingModel: Sendable {
    enum Order: Sendable { case tiers, weighted }

    let bm25: BM25
    /// Weight of an adjacent, in-order pair of query words, relative to one term's BM25,
    /// in the order `.tiers`, where adjacency is also a key of its own.
    let proximityWeight: Double
    /// The same weight in the order `.weighted`, where the bonus is all adjacency counts
    /// for. Measured on the xquad-vi questions (`Benchmarks/relevance.py`, typed with
    /// diacritics): weight 0.5, 1, 2, 3 gave MRR@10 0.763, 0.822, 0.860, 0.862.
    let weightedProximityWeight: Double
    let order: Order

    init(
        bm25: BM25 = BM25(), proximityWeight: Double = 1.0, weightedProximityWeight: Double = 2.0,
        order: Order = .tiers
    ) {
        self.bm25 = bm25
        self.proximityWeight = proximityWeight
        self.weightedProximityWeight = weightedProximityWeight
        self.order = order
    }

    /// The same formula in another order.
    func ordered(_ order: Order) -> RankingModel {
        RankingModel(
            bm25: bm25, proximityWeight: proximityWeight, weightedProximityWeight: weightedProximityWeight,
            order: order)
    }

    /// The weight of adjacency in this model's order.
    private var pairWeight: Double { order == .tiers ? proximityWeight : weightedProximityWeight }

    /// What is known of one match.
    struct Features: Equatable {
        /// The sort key (`SortOrder.key`), 0 by relevance.
        var order: Int64 = 0
        var citations = 0
        var exactWords = 0
        /// Words typed without diacritics that stand in the reader's preferred spelling.
        var preferredWords = 0
        var adjacentPairs = 0
        var bm25 = 0.0
        var pairBonus = 0.0
    }

    func rank(_ features: Features) -> Rank {
        let score = features.bm25 + features.pairBonus
        switch order {
        case .tiers:
            return Rank(
                order: features.order, citations: features.citations, tier: features.exactWords,
                adjacentPairs: features.adjacentPairs,
                preferred: features.preferredWords, score: score)
        case .weighted:
            return Rank(order: features.order, citations: features.citations, tier: 0, adjacentPairs: 0, score: score)
        }
    }

    /// The best rank of a match whose adjacency is not known yet: `features` without it,
    /// `possiblePairs` pairs of words that could stand adjacent, and the largest bonus they
    /// could add: the sum over those pairs of `pairBonus` at the most adjacent occurrences
    /// the words' frequencies allow.
    func upperBound(_ features: Features, possiblePairs: Int, pairBonusBound: Double) -> Rank {
        var bound = features
        bound.adjacentPairs = max(features.adjacentPairs, possiblePairs)
        bound.pairBonus = features.pairBonus + pairBonusBound
        return rank(bound)
    }

    /// BM25 of a word occurring `freq` times in a field of `length` tokens.
    @inline(__always)
    func fieldScore(idf: Double, freq: Double, length: Int, averageLength: Double, field: Field) -> Double {
        fieldScore(
            idf: idf, freq: freq, norm: bm25.lengthNorm(length: length, averageLength: averageLength), field: field)
    }

    /// `fieldScore` for a field whose `BM25.lengthNorm` is `norm` (`SegmentReader.lengthNorms`).
    @inline(__always)
    func fieldScore(idf: Double, freq: Double, norm: Double, field: Field) -> Double {
        idf * (field == .title ? bm25.titleWeight : 1) * bm25.tf(freq, norm: norm)
    }

    /// The bonus of a pair of words (idfs adding up to `idfs`) adjacent `count` times in a
    /// field of `length` tokens: their idfs times the pair's saturated frequency, weighted
    /// like the field's BM25 (a title counts `BM25.titleWeight` times).
    ///
    /// A relaxed search gives titles no pair bonus. Measured with `Benchmarks/relevance.py`:
    /// with a title pair bonus in both orders, the xquad-vi questions fell from MRR@10
    /// 0.809 to 0.743 (a question's word pairs stand in news titles more often than in the
    /// answer's), while headline known items need it in a strict search (BENCHMARKS.md).
    func pairBonus(idfs: Double, count: Int, length: Int, averageLength: Double, field: Field = .body) -> Double {
        let weight = field == .body ? 1 : order == .tiers ? bm25.titleWeight : 0
        return pairWeight * idfs * weight * bm25.tf(Double(count), length: length, averageLength: averageLength)
    }
}
