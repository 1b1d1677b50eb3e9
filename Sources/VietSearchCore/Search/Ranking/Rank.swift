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
    var preferred: Int { features?.preferredWords ?? rank.preferred }
    var adjacentPairs: Int { features?.adjacentPairs ?? rank.adjacentPairs }
    var score: Double { rank.score }
}

/// The ranking key of a match, compared lexicographically (higher ranks first):
///
/// 0. `order`: the key of the sort asked for (`SortOrder.key`: the date), 0 by relevance;
/// 1. `citations`: mentions of the directive the query names (0 when it names none);
/// 2. `tier`: how many clauses typed with diacritics match in their exact spelling;
/// 3. `adjacentPairs`: pairs of consecutive query words standing adjacent, in order;
/// 4. `preferred`: how many words typed without diacritics stand in the spelling the query
///    reader found most likely (`Query.Term.preferred`): a soft preference, below adjacency;
/// 5. `score`: BM25 over title and body plus the bonus of the adjacent pairs.
///
/// `RankingModel` fills it (a relaxed search leaves `tier` and `adjacentPairs` at 0).
/// Ties are broken by the article id, outside this key.
struct Rank: Comparable {
    var order: Int64 = 0
    var citations: Int
    var tier: Int
    var adjacentPairs: Int
    var preferred = 0
    var score: Double

    init(order: Int64 = 0, citations: Int, tier: Int, adjacentPairs: Int, preferred: Int = 0, score: Double) {
        self.order = order
        self.citations = citations
        self.tier = tier
        self.adjacentPairs = adjacentPairs
        self.preferred = preferred
        self.score = score
    }

    static func < (a: Rank, b: Rank) -> Bool {
        (a.order, a.citations, a.tier, a.adjacentPairs, a.preferred, a.score)
            < (b.order, b.citations, b.tier, b.adjacentPairs, b.preferred, b.score)
    }
}
