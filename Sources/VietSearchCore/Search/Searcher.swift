import VietAnalysis

/// Options of one search.
public struct SearchOptions: Sendable {
    /// How many hits to return.
    public var limit = 10
    /// Count the matches, and how many hold the query as typed (which needs positions
    /// for every match holding every word). Without the count, `SearchResult.total` is nil
    /// and only the matches that may enter the top `limit` have their adjacency computed.
    public var countsMatches = true
    /// Require the exact spelling of words typed with diacritics.
    public var exactOnly = false
    /// Require every word, however few articles hold them all (no relaxed search).
    public var allWords = false
    /// Build snippets for the returned hits; without, a hit's `article.body` is empty.
    public var snippets = true
    /// Search exactly what was typed: no keystrokes decoded, no slip corrected, no
    /// diacritics restored (`QueryReader`); a query typed with diacritics anywhere then
    /// takes every syllable's spelling as typed.
    public var asTyped = false
    /// Only articles passing this filter are returned and counted.
    public var filter = ArticleFilter()
    /// The order of the hits.
    public var sort = SortOrder.relevance
    /// How many of the best hits to pass over before the `limit` returned (paging).
    public var offset = 0
    /// Count the matching articles per year and per source (`SearchResult.facets`); needs
    /// `countsMatches`.
    public var facets = false

    public init(
        limit: Int = 10, exactOnly: Bool = false, snippets: Bool = true, countsMatches: Bool = true,
        allWords: Bool = false, asTyped: Bool = false, filter: ArticleFilter = ArticleFilter(),
        sort: SortOrder = .relevance, offset: Int = 0, facets: Bool = false
    ) {
        self.filter = filter
        self.sort = sort
        self.offset = offset
        self.facets = facets
        self.limit = limit
        self.asTyped = asTyped
        self.allWords = allWords
        self.countsMatches = countsMatches
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
    /// Mentions of the directive the query names: those that surely name it, or when none
    /// does, those that may (`DirectiveCatalog.match`).
    public var citations: Int
    /// When hits lacking words are shown: the query's words (or phrases) the article lacks,
    /// as analyzed, particles and question words left out.
    public var missing: [String]
    public var article: Article
    public var snippet: Snippet?
}

/// The answer to a query: how many documents match, and the best of them.
public struct SearchResult: Sendable {
    /// How many documents match: hold every word (a question: at least one content
    /// word); nil when the search was asked not to count them.
    public var total: Int?
    /// How many hold every word of the query, anywhere; nil when not counted.
    public var allWords: Int? = nil
    /// How many hold the query as typed: every word, consecutive words adjacent and in
    /// order, words typed with diacritics in their exact spelling (for `OR`, one of the
    /// alternatives); nil when not counted.
    public var asTyped: Int? = nil
    /// Whether hits that lack some word are shown (see `Searcher.search`).
    public var relaxed = false
    /// When the search looked for articles holding only some words: how many hold some
    /// of its content words but not every word; nil otherwise.
    public var someWords: Int? = nil
    /// The query's words (or phrases) no article of the index holds.
    public var unknownWords: [String] = []
    /// How the query was read (nil for a parsed query, or with `SearchOptions.asTyped`).
    public var reading: QueryReading? = nil
    /// Under a date filter, how many articles would match but have no date (not in
    /// `total`); nil when not counted or without a date filter.
    public var undated: Int? = nil
    /// With `SearchOptions.facets`: the matching articles per year and per source.
    public var facets: Facets? = nil
    public var hits: [Hit]
}

/// How many matching articles each year and each source has.
public struct Facets: Sendable, Equatable {
    /// Per year, ascending; articles without a date are `undated`.
    public var years: [(year: Int, count: Int)]
    public var undated: Int
    /// Per source name (`Article.sourceName`), most articles first, then by name.
    public var sources: [(source: String, count: Int)]

    public static func == (a: Facets, b: Facets) -> Bool {
        a.years.elementsEqual(b.years, by: ==) && a.undated == b.undated && a.sources.elementsEqual(b.sources, by: ==)
    }
}

/// Runs queries against an `IndexReader`: decides which articles must hold which words
/// (`search(_:directive:options:)`), evaluates every segment (`SegmentEvaluator`) and
/// ranks with `RankingModel`, whose documentation gives the order; ties go to the
/// smaller article id.
public final class Searcher {
    public let reader: IndexReader
    let analyzer: Analyzer
    /// The ranking formula every evaluator asks.
    let model = RankingModel()
    var bm25: BM25 { model.bm25 }

    public init(reader: IndexReader, analyzer: Analyzer) {
        self.reader = reader
        self.analyzer = analyzer
    }

    /// Parses `text` and searches. When the whole text names a directive (`Kết luận 21`,
    /// `KL 21`, `21-KL/TW`), the articles citing it match too, and rank first.
    ///
    /// Unless `options.asTyped`, each word is first read as the user most likely meant it
    /// (`QueryReader`); the result says how (`SearchResult.reading`).
    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws -> SearchResult {
        let directive = try? DirectiveQuery.parse(text, analyzer: analyzer)
        var query = QueryParser(analyzer: analyzer).parse(text)
        guard !options.asTyped, directive == nil else {
            return try search(query, directive: directive, options: options)
        }
        // The reading and the search look up the same words: once.
        let lookups = TermLookups(reader: reader)
        let reading: QueryReading
        (query, reading) = try read(query, lookups: lookups)
        query.isQuestion = QueryWords.isQuestion(text, words: query.allClauses.flatMap(\.terms))
        var result = try search(query, directive: directive, options: options, lookups: lookups)
        result.reading = reading
        return result
    }

    /// `query` as `QueryReader` reads it from this index's spelling statistics.
    func read(_ query: Query, lookups: TermLookups? = nil) throws -> (Query, QueryReading) {
        try QueryReader(statistics: IndexSpellings(reader: reader, lookups: lookups), analyzer: analyzer).read(query)
    }

    /// Searches a parsed query; `directive`, when given, adds the articles citing it.
    ///
    /// A question (`Query.isQuestion`) of several words is relaxed (not every word must
    /// match; ranked by BM25 and adjacency, `RankingModel.Order.weighted`). Another query
    /// requires every word; when fewer than `options.limit` articles hold them all, the
    /// best of those holding only some follow them. `options.allWords` keeps every word
    /// required. Quoted phrases and `title:` clauses are always required.
    public func search(_ query: Query, directive: DirectiveKey? = nil, options: SearchOptions = SearchOptions())
        throws -> SearchResult
    {
        try search(query, directive: directive, options: options, lookups: TermLookups(reader: reader))
    }

    /// `search(_:directive:options:)` with the dictionary entries `lookups` already holds.
    func search(_ query: Query, directive: DirectiveKey?, options: SearchOptions, lookups: TermLookups) throws
        -> SearchResult
    {
        guard !query.isEmpty || directive != nil else { return SearchResult(total: 0, hits: []) }
        var citing = [[Int: Int]](repeating: [:], count: reader.segments.count)
        if let directive {
            for (address, mentions) in try reader.mentionCounts(of: directive) {
                citing[address.segment][address.doc] = mentions
            }
        }
        let statistics = try Statistics(query: query, reader: reader, bm25: bm25, lookups: lookups)
        let unknown = query.allClauses.filter { clause in
            clause.terms.contains { (statistics.documentFrequency[$0.folded] ?? 0) == 0 }
        }.map(\.text)
        let relaxable =
            !options.allWords && query.alternatives.count == 1
            && query.alternatives[0].count >= 2
            && query.alternatives[0].contains { !$0.isQuoted && $0.field == nil && !EvaluationPlan.isCode($0) }
        // Paging: the best `offset + limit` are found; only the last `limit` become hits.
        var window = options
        window.limit = options.limit + options.offset
        if relaxable && query.isQuestion {
            let answer = try evaluate(query, relaxed: true, statistics: statistics, citing: citing, options: window)
            var result = try self.result(query, answer.docs.dropFirst(options.offset), answer.counts, options: options)
            result.relaxed = true
            result.someWords = answer.counts.map { $0.matching - $0.allWords }
            result.unknownWords = unknown
            return result
        }
        let found = try evaluate(query, relaxed: false, statistics: statistics, citing: citing, options: window)
        var docs = found.docs
        var someWords: Int? = nil
        var relaxed = false
        if relaxable && found.docs.count < window.limit {
            // The articles holding every word keep their order, first; those lacking some follow.
            var wider = window
            wider.limit += found.docs.count
            let more = try evaluate(query, relaxed: true, statistics: statistics, citing: citing, options: wider)
            let shown = Set(found.docs.map(\.address))
            let partial = more.docs.filter { !shown.contains($0.address) }
            docs = Array((found.docs + partial).prefix(window.limit))
            relaxed = !partial.isEmpty
            someWords = more.counts.map { $0.matching - $0.allWords }
        }
        var result = try self.result(query, docs.dropFirst(options.offset), found.counts, options: options)
        result.unknownWords = unknown
        result.relaxed = relaxed
        result.someWords = someWords
        return result
    }

    /// Evaluates `query` on every segment: its best `options.limit` matches, in order, and
    /// (when `options.countsMatches`) what matched.
    private func evaluate(
        _ query: Query, relaxed: Bool, statistics: Statistics, citing: [[Int: Int]], options: SearchOptions
    ) throws -> (docs: [ScoredDoc], counts: MatchCounts?) {
        let plan = EvaluationPlan(query, statistics: statistics, relaxed: relaxed)
        var counts = MatchCounts()
        var contenders: [ScoredDoc] = []
        var evaluators = reader.segments.enumerated().map { ordinal, segment in
            SegmentEvaluator(
                segment: segment, ordinal: ordinal, statistics: statistics,
                model: model.ordered(relaxed ? .weighted : .tiers), options: options, citing: citing[ordinal])
        }
        // A search that shows the best hits only looks first at the articles that may hold
        // at least m of the query's pairs adjacent, for the largest m that `limit` articles
        // surely hold (all of them: the query as typed). The hits are theirs when the best
        // `limit` of them hold every word in its exact spelling and m pairs or more, since
        // every other article ranks below those (always so for every pair); else every
        // article is evaluated.
        var level: Int? = nil
        if !options.countsMatches, options.limit > 0, options.sort == .relevance, citing.allSatisfy(\.isEmpty),
            plan.isRunOfWords
        {
            let tallies = try evaluators.map { try $0.pairTallies(plan) }
            let pairs = plan.alternatives[0].pairs.count
            // Per m, how many visible documents surely hold m pairs adjacent (one pass).
            var sureHolding = [Int](repeating: 0, count: pairs + 1)
            for (evaluator, tally) in zip(evaluators, tallies) {
                for doc in tally.holders {
                    let sure = tally.perDocument[Int(doc)].sure
                    if sure > 0 && !evaluator.visible.hides(Int(doc)) { sureHolding[min(Int(sure), pairs)] += 1 }
                }
            }
            for m in stride(from: pairs - 1, through: 1, by: -1) { sureHolding[m] += sureHolding[m + 1] }
            for m in stride(from: pairs, through: 1, by: -1) {
                guard sureHolding[m] >= options.limit else { continue }
                for k in evaluators.indices {
                    let tally = tallies[k]
                    evaluators[k].seed = tally.holders.filter { tally.perDocument[Int($0)].maybe >= m }
                }
                level = m
                break
            }
        }
        // A search that shows the best hits of a query naming a directive looks first at
        // the articles citing it, which rank above every other (`Rank.citations`, the first
        // key by relevance): the hits are theirs when `limit` of them match.
        let byCitations =
            level == nil && !options.countsMatches && options.limit > 0 && options.sort == .relevance
            && citing.reduce(0) { $0 + $1.count } >= options.limit
        if byCitations {
            for k in evaluators.indices {
                let n = evaluators[k].segment.docCount
                evaluators[k].seed = citing[k].keys.filter { $0 < n }.map { Int32($0) }.sorted()
            }
        }
        if relaxed, !options.countsMatches, !byCitations {
            try seedByScoreCeilings(&evaluators, plan, limit: options.limit)
        }
        // A search sorted by date looks first at the candidates with the best sort keys
        // (`DateSeed`), and keeps their answer when `limit` of them match.
        let bySortKey =
            !options.countsMatches && options.limit > 0 && options.sort != .relevance && citing.allSatisfy(\.isEmpty)
            ? try seedBySortKey(&evaluators, plan, query: query, statistics: statistics, limit: options.limit) : false
        for k in evaluators.indices { contenders += try evaluators[k].collect(plan, counts: &counts) }
        var proven = true
        if bySortKey || byCitations {
            proven = contenders.count >= options.limit
        } else if let level {
            let exactWords = (plan.exactMask & plan.alternatives[0].clauses).nonzeroBitCount
            let best = contenders.sorted { $1.rank < $0.rank }.prefix(options.limit)
            proven =
                best.count == options.limit && best.allSatisfy { $0.tier == exactWords && $0.adjacentPairs >= level }
        }
        if !proven {
            contenders = []
            for k in evaluators.indices {
                evaluators[k].seed = nil
                contenders += try evaluators[k].collect(plan, counts: &counts)
            }
        }
        return (try topHits(contenders, limit: options.limit), options.countsMatches ? counts : nil)
    }

    /// Seeds a relaxed search that shows the best hits with the matches that may enter the
    /// top (MaxScore, `SegmentEvaluator.scoreCeilings`): those whose ceiling reaches the
    /// `limit`-th best of the scores the matches of a segment surely have. Leaves the
    /// evaluators unseeded when the plan does not allow it.
    private func seedByScoreCeilings(_ evaluators: inout [SegmentEvaluator], _ plan: EvaluationPlan, limit: Int)
        throws
    {
        var ceilings: [ScoreCeilings] = []
        for evaluator in evaluators {
            guard let found = try evaluator.scoreCeilings(plan) else { return }
            ceilings.append(found)
        }
        let bar = ceilings.map(\.threshold).max() ?? 0
        for k in evaluators.indices { evaluators[k].seed = ceilings[k].reaching(bar) }
    }

    /// The result showing `top`, with their articles and snippets, and `counts`.
    private func result(_ query: Query, _ top: ArraySlice<ScoredDoc>, _ counts: MatchCounts?, options: SearchOptions)
        throws -> SearchResult
    {
        var hits: [Hit] = []
        let terms = query.allClauses.flatMap(\.terms)
        let clauses = query.alternatives.first ?? []
        for match in top {
            let article = try reader.article(match.address, withBody: options.snippets)
            let snippet =
                options.snippets ? SnippetMaker().snippet(of: article.body, terms: terms, analyzer: analyzer) : nil
            let missing = clauses.indices.filter { $0 < 64 && match.missing & (1 << UInt64($0)) != 0 }.map {
                clauses[$0].text
            }
            hits.append(
                Hit(
                    address: match.address, score: match.score, exactMatches: match.tier,
                    adjacentPairs: match.adjacentPairs, citations: IndexReader.mentions(weight: match.citations),
                    missing: missing, article: article, snippet: snippet))
        }
        return SearchResult(
            total: counts?.matching, allWords: counts?.allWords, asTyped: counts?.asTyped,
            undated: options.filter.filtersDates ? counts?.undated : nil,
            facets: options.facets ? counts?.facets : nil, hits: hits)
    }

    /// The best `limit` of the segments' contenders; equal ranking keys are ordered by
    /// document id, which is read only for the documents that tie.
    private func topHits(_ contenders: [ScoredDoc], limit: Int) throws -> [ScoredDoc] {
        guard limit > 0, !contenders.isEmpty else { return [] }
        let sorted = contenders.sorted { $1.rank < $0.rank }
        var result: [ScoredDoc] = []
        var start = 0
        while start < sorted.count && result.count < limit {
            var end = start + 1
            while end < sorted.count && sorted[end].rank == sorted[start].rank { end += 1 }
            if end - start == 1 {
                result.append(sorted[start])
            } else {
                let tied = try sorted[start..<end].map { ($0, try reader.article($0.address, withBody: false).id) }
                result += tied.sorted { $0.1 < $1.1 }.map(\.0)
            }
            start = end
        }
        return Array(result.prefix(limit))
    }
}

/// Index-wide statistics of the query's terms (inverse document frequencies), and the
/// dictionary entries looked up to compute them, so that evaluation does not look again.
struct Statistics {
    var idf: [[UInt8]: Double] = [:]
    /// Per folded term: how many documents hold it (the larger of title and body).
    var documentFrequency: [[UInt8]: Int] = [:]
    let documentCount: Int
    let averageTitle: Double
    let averageBody: Double
    /// The dictionary entries, each looked up once per search (shared with the reading).
    private let lookups: TermLookups

    init(query: Query, reader: IndexReader, bm25: BM25, lookups: TermLookups? = nil) throws {
        let lookups = lookups ?? TermLookups(reader: reader)
        self.lookups = lookups
        documentCount = reader.documentCount
        averageTitle = reader.averageTitleLength
        averageBody = reader.averageBodyLength
        let terms = Set((query.allClauses + query.excluded).flatMap { $0.terms.map(\.folded) })
        for folded in terms {
            var title = 0
            var body = 0
            for info in try lookups.infos([Field.title.rawValue] + folded) { title += info?.docFreq ?? 0 }
            for info in try lookups.infos([Field.body.rawValue] + folded) { body += info?.docFreq ?? 0 }
            documentFrequency[folded] = min(max(title, body), documentCount)
            idf[folded] = bm25.idf(
                documentFrequency: min(max(title, body), documentCount), documentCount: max(documentCount, 1))
        }
    }

    /// The dictionary entry of a term in one segment (looked up once per search).
    func info(segment ordinal: Int, field: Field, folded: [UInt8]) throws -> TermInfo? {
        try lookups.infos([field.rawValue] + folded)[ordinal]
    }
}
