import VietAnalysis

/// Options of one search.
public struct SearchOptions: Sendable {
    /// How many hits to return (all matches are counted).
    public var limit = 10
    /// Require the exact spelling of words typed with diacritics.
    public var exactOnly = false
    /// Build snippets for the returned hits.
    public var snippets = true

    public init(limit: Int = 10, exactOnly: Bool = false, snippets: Bool = true) {
        self.limit = limit
        self.exactOnly = exactOnly
        self.snippets = snippets
    }
}

/// One ranked result.
public struct Hit: Sendable {
    public var address: DocAddress
    public var score: Double
    /// How many clauses typed with diacritics matched with their exact spelling; hits
    /// with more exact matches rank first.
    public var exactMatches: Int
    /// How many pairs of consecutive query words stand adjacent and in order.
    public var adjacentPairs: Int
    /// Mentions of the directive the query names.
    public var citations: Int
    public var article: Article
    public var snippet: Snippet?
}

/// The answer to a query: how many documents match, and the best of them.
public struct SearchResult: Sendable {
    public var total: Int
    public var hits: [Hit]
}

/// Runs queries against an `IndexReader`.
///
/// Ranking, in order:
/// 0. for a query that names a directive: the articles citing it, most mentions first;
/// 1. exact spellings: for a query typed with diacritics, documents that match more of
///    its words in their exact spelling rank first (`chó` above `cho`; both tone
///    placements count as exact);
/// 2. proximity: documents where more pairs of consecutive query words stand adjacent and
///    in order, within a sentence, in title or body (spelled exactly, for a query typed
///    with diacritics: `khóa học` is not `khoa học`) rank first. Vietnamese words are runs of syllables, so
///    this is what tells "sinh hoạt chi bộ" from a text that scatters the four syllables;
/// 3. BM25 over title and body (title weighted higher), plus a bonus for how often the
///    adjacent pairs occur;
/// 4. ties: the document id, ascending.
public final class Searcher {
    public let reader: IndexReader
    let analyzer: Analyzer
    let bm25 = BM25()
    /// Weight of an adjacent, in-order pair of query words, relative to one term's BM25.
    let proximityWeight = 1.0

    public init(reader: IndexReader, analyzer: Analyzer) {
        self.reader = reader
        self.analyzer = analyzer
    }

    /// Parses `text` and searches.
    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws -> SearchResult {
        try search(QueryParser(analyzer: analyzer).parse(text), options: options)
    }

    public func search(_ query: Query, options: SearchOptions = SearchOptions()) throws -> SearchResult {
        guard !query.isEmpty else { return SearchResult(total: 0, hits: []) }
        var matches: [ScoredDoc] = []
        let statistics = try Statistics(query: query, reader: reader, bm25: bm25)
        for (ordinal, segment) in reader.segments.enumerated() {
            var evaluator = SegmentEvaluator(
                segment: segment, ordinal: ordinal, searcher: self, statistics: statistics, options: options)
            try evaluator.collect(query, into: &matches)
        }
        let top = try topHits(matches, limit: options.limit)
        var hits: [Hit] = []
        let terms = Set(query.allClauses.flatMap { $0.terms.map(\.folded) })
        for match in top {
            let article = try reader.article(match.address)
            let snippet =
                options.snippets ? SnippetMaker().snippet(of: article.body, terms: terms, analyzer: analyzer) : nil
            hits.append(
                Hit(
                    address: match.address, score: match.score, exactMatches: match.tier,
                    adjacentPairs: match.adjacentPairs, citations: match.citations,
                    article: article, snippet: snippet))
        }
        return SearchResult(total: matches.count, hits: hits)
    }

    /// The best `limit` matches; equal ranking keys are ordered by document id. Selects the
    /// cut-off rank without sorting every match.
    private func topHits(_ matches: [ScoredDoc], limit: Int) throws -> [ScoredDoc] {
        guard limit > 0, !matches.isEmpty else { return [] }
        var best: [ScoredDoc.Rank] = []  // ascending, at most `limit`
        for match in matches {
            let rank = match.rank
            if best.count == limit {
                if !(best[0] < rank) { continue }
                best.removeFirst()
            }
            let at = best.firstIndex { rank < $0 } ?? best.count
            best.insert(rank, at: at)
        }
        let cut = best[0]
        var withIDs: [(ScoredDoc, String)] = []
        for match in matches where !(match.rank < cut) { withIDs.append((match, try reader.article(match.address).id)) }
        withIDs.sort { a, b in a.0.rank != b.0.rank ? b.0.rank < a.0.rank : a.1 < b.1 }
        return withIDs.prefix(limit).map(\.0)
    }
}

/// A matching document with its ranking keys.
struct ScoredDoc {
    var address: DocAddress
    /// Mentions of the directive the query names (0 when it names none).
    var citations = 0
    var tier: Int
    var adjacentPairs: Int
    var score: Double

    /// The ranking key, compared lexicographically (higher ranks first).
    var rank: Rank { Rank(citations: citations, tier: tier, adjacentPairs: adjacentPairs, score: score) }

    struct Rank: Comparable {
        var citations: Int
        var tier: Int
        var adjacentPairs: Int
        var score: Double
        static func < (a: Rank, b: Rank) -> Bool {
            (a.citations, a.tier, a.adjacentPairs, a.score) < (b.citations, b.tier, b.adjacentPairs, b.score)
        }
    }
}

/// Index-wide statistics of the query's terms: inverse document frequencies.
struct Statistics {
    var idf: [[UInt8]: Double] = [:]
    let documentCount: Int
    let averageTitle: Double
    let averageBody: Double

    init(query: Query, reader: IndexReader, bm25: BM25) throws {
        documentCount = reader.documentCount
        averageTitle = reader.averageTitleLength
        averageBody = reader.averageBodyLength
        let terms = Set((query.allClauses + query.excluded).flatMap { $0.terms.map(\.folded) })
        for folded in terms {
            var title = 0
            var body = 0
            for segment in reader.segments {
                title += try segment.lookup([Field.title.rawValue] + folded)?.docFreq ?? 0
                body += try segment.lookup([Field.body.rawValue] + folded)?.docFreq ?? 0
            }
            idf[folded] = bm25.idf(
                documentFrequency: min(max(title, body), documentCount), documentCount: max(documentCount, 1))
        }
    }
}
