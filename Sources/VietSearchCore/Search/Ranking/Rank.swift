/// A matching document with its ranking keys.
struct ScoredDoc {
    var address: DocAddress
    var rank: Rank
    /// In a relaxed search, the query's clauses the document lacks (bit i: clause i).
    var missing: UInt64 = 0

    var citations: Int { rank.citations }
    var tier: Int { rank.tier }
    var adjacentPairs: Int { rank.adjacentPairs }
    var score: Double { rank.score }
    var matchedWords: Int { rank.matchedWords }
}

/// The ranking key of a match, compared lexicographically (higher ranks first):
///
/// 1. `citations`: mentions of the directive the query names (0 when it names none);
/// 2. `matchedWords`: in a relaxed search, how many of the query's content words the
///    document holds (0 in a search that requires every word: they all match);
/// 3. `tier`: how many clauses typed with diacritics match in their exact spelling;
/// 4. `adjacentPairs`: pairs of consecutive query words standing adjacent, in order;
/// 5. `score`: BM25 over title and body plus the bonus of the adjacent pairs.
///
/// Ties are broken by the article id, outside this key.
struct Rank: Comparable {
    var citations: Int
    var matchedWords = 0
    var tier: Int
    var adjacentPairs: Int
    var score: Double

    static func < (a: Rank, b: Rank) -> Bool {
        (a.citations, a.matchedWords, a.tier, a.adjacentPairs, a.score)
            < (b.citations, b.matchedWords, b.tier, b.adjacentPairs, b.score)
    }
}
