/// A matching document with its ranking keys.
struct ScoredDoc {
    var address: DocAddress
    var rank: Rank
    /// In a relaxed search, the query's clauses the document lacks (bit i: clause i).
    var missing: UInt64 = 0
    /// The features behind `rank`, for what a hit shows (nil where only `rank` is known).
    var features: RankingModel.Features? = nil

    var citations: Int { rank.citations }
    var tier: Int { features?.exactWords ?? rank.tier }
    var adjacentPairs: Int { features?.adjacentPairs ?? rank.adjacentPairs }
    var score: Double { rank.score }
}

/// The ranking key of a match, compared lexicographically (higher ranks first):
///
/// 1. `citations`: mentions of the directive the query names (0 when it names none);
/// 2. `tier`: how many clauses typed with diacritics match in their exact spelling;
/// 3. `adjacentPairs`: pairs of consecutive query words standing adjacent, in order;
/// 4. `score`: BM25 over title and body plus the bonus of the adjacent pairs.
///
/// `RankingModel` fills it (a relaxed search leaves `tier` and `adjacentPairs` at 0).
/// Ties are broken by the article id, outside this key.
struct Rank: Comparable {
    var citations: Int
    var tier: Int
    var adjacentPairs: Int
    var score: Double

    static func < (a: Rank, b: Rank) -> Bool {
        (a.citations, a.tier, a.adjacentPairs, a.score) < (b.citations, b.tier, b.adjacentPairs, b.score)
    }
}
