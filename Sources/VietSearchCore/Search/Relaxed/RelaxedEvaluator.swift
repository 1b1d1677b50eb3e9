/// A query of one alternative in which not every word must match: what a relaxed search
/// asks of every segment. Built once per search from index-wide statistics.
struct RelaxedQuery {
    /// The alternative's clauses, at most 64 (one bit each).
    let clauses: [Query.Clause]
    let excluded: [Query.Clause]
    /// Per clause, its inverse document frequency (a phrase: the sum of its words').
    let idf: [Double]
    /// Clauses every match must hold: phrases and `title:` clauses keep their meaning.
    let requiredMask: UInt64
    /// Content words: neither a particle nor held by most articles. A match holds at least
    /// one, and matches holding more rank first.
    let contentMask: UInt64
    /// Clauses typed with diacritics, whose exact spelling ranks first.
    let exactMask: UInt64
    /// Pairs of consecutive single-word clauses (clause numbers), for adjacency; a pair of
    /// two content words also counts towards `Rank.adjacentPairs`.
    let pairs: [(first: Int, second: Int, counted: Bool)]

    var allMask: UInt64 { clauses.count == 64 ? ~0 : (1 << UInt64(clauses.count)) - 1 }

    /// With `requireAll`, every clause is required and every adjacent pair counts: the
    /// ranking of a search that requires every word.
    init(_ clauses: [Query.Clause], excluded: [Query.Clause], statistics: Statistics, requireAll: Bool) {
        let clauses = Array(clauses.prefix(64))
        self.clauses = clauses
        self.excluded = excluded
        idf = clauses.map { clause in clause.terms.reduce(0.0) { $0 + (statistics.idf[$1.folded] ?? 0) } }
        var required: UInt64 = 0
        var content: UInt64 = 0
        var exact: UInt64 = 0
        for (i, clause) in clauses.enumerated() {
            let bit: UInt64 = 1 << UInt64(i)
            if clause.isPhrase || clause.field != nil || requireAll { required |= bit }
            if clause.exactMatters { exact |= bit }
            let common =
                statistics.documentCount >= QueryWords.commonShareMinimumArchive
                && Double(statistics.documentFrequency[clause.terms[0].folded] ?? 0)
                    > QueryWords.commonShare * Double(statistics.documentCount)
            if clause.isPhrase || !(QueryWords.particles.contains(clause.terms[0].folded) || common) {
                content |= bit
            }
        }
        requiredMask = required
        contentMask = content
        exactMask = exact
        var pairs: [(Int, Int, Bool)] = []
        let words = clauses.indices.filter { !clauses[$0].isPhrase && clauses[$0].field == nil }
        for (a, b) in zip(words, words.dropFirst()) {
            pairs.append((a, b, requireAll || (content & (1 << UInt64(a)) != 0 && content & (1 << UInt64(b)) != 0)))
        }
        self.pairs = pairs
    }
}

/// How many documents a search matched, told apart by how they hold the query.
struct MatchCounts {
    /// Documents that match: in a relaxed search, those holding at least one content word.
    var matching = 0
    /// Documents holding every word of the query, anywhere.
    var allWords = 0
    /// Documents holding the query as typed: every word, consecutive words adjacent and in
    /// order, and the exact spelling of each word typed with diacritics.
    var asTyped = 0
}

/// Evaluates a `RelaxedQuery` on one segment, a clause at a time (term at a time, as
/// Lucene's early BooleanScorer did): per document, a BM25 accumulator and bit sets of
/// the clauses it holds and holds in their exact spelling. Required clauses are read
/// first and restrict the rest; content words are read whole; particles and common words
/// only in the blocks of documents holding a content word. Adjacency needs positions, so
/// it is computed last, in order of each match's best possible rank, and only while that
/// rank can still enter the top `limit`.
struct RelaxedEvaluator {
    let segment: SegmentReader
    let ordinal: Int
    let statistics: Statistics
    let model: RankingModel
    let options: SearchOptions
    /// Documents citing the directive the query names, with their mention counts.
    let citing: [Int: Int]

    private var cursors: [[(field: Field, cursor: TermCursor)]] = []
    private var phrases = PhraseOccurrences()
    /// Per clause in a pair of consecutive words, its body frequency per document (empty
    /// for other clauses): an adjacent pair occurs no more often than either word.
    private var bodyFreqs: [[Int32]] = []

    init(
        segment: SegmentReader, ordinal: Int, statistics: Statistics, model: RankingModel, options: SearchOptions,
        citing: [Int: Int]
    ) {
        self.segment = segment
        self.ordinal = ordinal
        self.statistics = statistics
        self.model = model
        self.options = options
        self.citing = citing
    }

    /// The matches that may rank in the top `options.limit` (ties included), with what
    /// each lacks in `ScoredDoc.missing`; adds what it matched to `counts`.
    mutating func collect(_ query: RelaxedQuery, counts: inout MatchCounts) throws -> [ScoredDoc] {
        let n = segment.docCount
        guard n > 0 else { return [] }
        var score = [Double](repeating: 0, count: n)
        var held = [UInt64](repeating: 0, count: n)
        var exact = [UInt64](repeating: 0, count: n)
        cursors = Array(repeating: [], count: query.clauses.count)
        let paired = Set(query.pairs.flatMap { [$0.first, $0.second] })
        bodyFreqs = query.clauses.indices.map { paired.contains($0) ? [Int32](repeating: 0, count: n) : [] }

        // Required clauses first, each read only where the ones before it match; then
        // content words; then particles and common words, only where a content word is.
        func bit(_ i: Int) -> UInt64 { 1 << UInt64(i) }
        let required = query.clauses.indices.filter { query.requiredMask & bit($0) != 0 }.sorted {
            query.idf[$0] > query.idf[$1]
        }
        let content = query.clauses.indices.filter {
            query.requiredMask & bit($0) == 0 && query.contentMask & bit($0) != 0
        }
        let weak = query.clauses.indices.filter { (query.requiredMask | query.contentMask) & bit($0) == 0 }
        var restriction: [Int32]? = nil
        func restrict(_ test: (UInt64) -> Bool) {
            restriction = (0..<n).compactMap { test(held[$0]) ? Int32($0) : nil }
        }
        var requiredSoFar: UInt64 = 0
        for i in required {
            try accumulate(query, clause: i, restrictedTo: restriction, score: &score, held: &held, exact: &exact)
            requiredSoFar |= bit(i)
            restrict { $0 & requiredSoFar == requiredSoFar }
        }
        for i in content {
            try accumulate(query, clause: i, restrictedTo: restriction, score: &score, held: &held, exact: &exact)
        }
        if !content.isEmpty {
            restrict { $0 & query.requiredMask == query.requiredMask && $0 & query.contentMask != 0 }
        }
        for i in weak {
            try accumulate(query, clause: i, restrictedTo: restriction, score: &score, held: &held, exact: &exact)
        }

        let excludedDocs = try excludedWords(query)
        var mentions = [Int](repeating: 0, count: n)
        for (doc, count) in citing where doc < n { mentions[doc] = count }
        var candidates: [(bound: Rank, doc: Int32)] = []
        var lowest = BestRanks(limit: options.limit)
        let exactWanted = query.exactMask.nonzeroBitCount
        for doc in 0..<n {
            let h = held[doc]
            let holds =
                h & query.requiredMask == query.requiredMask
                && (h & query.contentMask != 0 || (query.contentMask == 0 && h != 0))
            guard holds || mentions[doc] > 0, !segment.deleted.contains(doc), !excludedDocs[doc] else { continue }
            if try isExcluded(query, doc: Int32(doc)) { continue }
            counts.matching += 1
            let tier = (exact[doc] & query.exactMask).nonzeroBitCount
            if h == query.allMask {
                counts.allWords += 1
                if options.countsMatches && tier == exactWanted,
                    try adjacency(query, doc: Int32(doc), held: h, exact: exact[doc]).all
                {
                    counts.asTyped += 1
                }
            }
            guard options.limit > 0 else { continue }
            var possiblePairs = 0
            var bonusBound = 0.0
            for pair in query.pairs where bothHeld(pair, h, exact[doc], query.exactMask) {
                if pair.counted { possiblePairs += 1 }
                let most = min(bodyFreqs[pair.first][doc], bodyFreqs[pair.second][doc])
                guard most > 0 else { continue }
                bonusBound += model.pairBonus(
                    idfs: query.idf[pair.first] + query.idf[pair.second], count: Int(most),
                    length: segment.length(doc, .body), averageLength: statistics.averageBody)
            }
            let known = features(query, doc: doc, held: h, tier: tier, score: score[doc], mentions: mentions[doc])
            let bound = model.upperBound(known, possiblePairs: possiblePairs, pairBonusBound: bonusBound)
            candidates.append((bound, Int32(doc)))
            lowest.add(model.rank(known))
        }
        guard options.limit > 0 else { return [] }

        // Adjacency, best possible rank first, while it can still enter the top: no match
        // ranked below the `limit`-th best rank without adjacency can.
        if let floor = lowest.floor { candidates.removeAll { $0.bound < floor } }
        candidates.sort { $1.bound < $0.bound }
        var top = TopRanks(limit: options.limit)
        for (bound, doc) in candidates {
            guard top.admits(bound) else { break }
            let d = Int(doc)
            let h = held[d]
            var known = features(
                query, doc: d, held: h, tier: (exact[d] & query.exactMask).nonzeroBitCount, score: score[d],
                mentions: mentions[d])
            (known.adjacentPairs, known.pairBonus, _) = try adjacency(query, doc: doc, held: h, exact: exact[d])
            let rank = model.rank(known)
            guard top.admits(rank) else { continue }
            top.add(
                ScoredDoc(
                    address: DocAddress(segment: ordinal, doc: Int(doc)), rank: rank, missing: query.allMask & ~h,
                    features: known))
        }
        return top.result
    }

    /// What is known of a match before its adjacency.
    private func features(_ query: RelaxedQuery, doc: Int, held: UInt64, tier: Int, score: Double, mentions: Int)
        -> RankingModel.Features
    {
        RankingModel.Features(
            citations: mentions, matchedWords: (held & query.contentMask).nonzeroBitCount, exactWords: tier,
            bm25: score)
    }

    private func bothHeld(
        _ pair: (first: Int, second: Int, counted: Bool), _ held: UInt64, _ exact: UInt64, _ exactMask: UInt64
    )
        -> Bool
    {
        let bits: UInt64 = (1 << UInt64(pair.first)) | (1 << UInt64(pair.second))
        return held & bits == bits && (exact | ~exactMask) & bits == bits
    }

    /// Reads clause `i`'s postings and adds its BM25 to the documents holding it.
    private mutating func accumulate(
        _ query: RelaxedQuery, clause i: Int, restrictedTo restriction: [Int32]?, score: inout [Double],
        held: inout [UInt64], exact: inout [UInt64]
    ) throws {
        let clause = query.clauses[i]
        let bit: UInt64 = 1 << UInt64(i)
        let exactOnly = options.exactOnly && clause.exactMatters
        for field in clause.field.map({ [$0] }) ?? [.title, .body] {
            var fieldCursors: [TermCursor] = []
            for term in clause.terms {
                guard
                    let info = try statistics.info(segment: ordinal, field: field, folded: term.folded, in: segment)
                else { break }
                fieldCursors.append(try TermCursor(term: term, info: info, segment: segment, restrictedTo: restriction))
            }
            guard fieldCursors.count == clause.terms.count else { continue }
            if !clause.isPhrase { cursors[i].append((field, fieldCursors[0])) }
            let average = field == .title ? statistics.averageTitle : statistics.averageBody
            let idf = query.idf[i]
            var allowed: [Bool]? = nil
            if let restriction {
                allowed = [Bool](repeating: false, count: segment.docCount)
                for doc in restriction { allowed![Int(doc)] = true }
            }
            if clause.isPhrase {
                var docs = fieldCursors[0].docs
                for cursor in fieldCursors.dropFirst() { docs = SortedDocs.intersection(docs, cursor.docs) }
                for doc in docs where allowed?[Int(doc)] ?? true {
                    let (all, exactCount) = try phrases.count(fieldCursors, doc: doc)
                    let f = Double(exactOnly ? exactCount : all)
                    guard f > 0 else { continue }
                    let d = Int(doc)
                    score[d] += model.fieldScore(
                        idf: idf, freq: f, length: segment.length(d, field), averageLength: average, field: field)
                    held[d] |= bit
                    if exactCount > 0 { exact[d] |= bit }
                }
                continue
            }
            let cursor = fieldCursors[0]
            let list = cursor.list
            // Taken out of `bodyFreqs` while it is written, so that no write copies it.
            var freqs: [Int32] = []
            if field == .body { swap(&freqs, &bodyFreqs[i]) }
            defer { if field == .body { swap(&freqs, &bodyFreqs[i]) } }
            let keepsFreqs = !freqs.isEmpty
            for p in 0..<list.count {
                let d = Int(list.docs[p])
                if let allowed, !allowed[d] { continue }
                let isExact = try cursor.hasExact(p)
                if exactOnly && !isExact { continue }
                score[d] += model.fieldScore(
                    idf: idf, freq: Double(list.freqs[p]), length: segment.length(d, field), averageLength: average,
                    field: field)
                held[d] |= bit
                if isExact { exact[d] |= bit }
                if keepsFreqs { freqs[d] = list.freqs[p] }
            }
        }
    }

    /// Per document, whether it holds an excluded word.
    private func excludedWords(_ query: RelaxedQuery) throws -> [Bool] {
        var excluded = [Bool](repeating: false, count: segment.docCount)
        for clause in query.excluded where !clause.isPhrase {
            for field in clause.field.map({ [$0] }) ?? [.title, .body] {
                guard
                    let info = try statistics.info(
                        segment: ordinal, field: field, folded: clause.terms[0].folded, in: segment)
                else { continue }
                for doc in try segment.postings(info).docs { excluded[Int(doc)] = true }
            }
        }
        return excluded
    }

    /// Whether `doc` holds an excluded phrase.
    private mutating func isExcluded(_ query: RelaxedQuery, doc: Int32) throws -> Bool {
        for clause in query.excluded where clause.isPhrase {
            for field in clause.field.map({ [$0] }) ?? [.title, .body] {
                var fieldCursors: [TermCursor] = []
                for term in clause.terms {
                    guard
                        let info = try statistics.info(
                            segment: ordinal, field: field, folded: term.folded, in: segment)
                    else { break }
                    fieldCursors.append(try TermCursor(term: term, info: info, segment: segment))
                }
                guard fieldCursors.count == clause.terms.count else { continue }
                if try phrases.count(fieldCursors, doc: doc).all > 0 { return true }
            }
        }
        return false
    }

    /// The counted pairs of consecutive query words standing adjacent in `doc` (in title or
    /// body, exactly spelled where that matters), the bonus of every adjacent pair in the
    /// body, and whether every pair is adjacent.
    private mutating func adjacency(_ query: RelaxedQuery, doc: Int32, held: UInt64, exact: UInt64) throws -> (
        pairs: Int, bonus: Double, all: Bool
    ) {
        var pairs = 0
        var bonus = 0.0
        var all = true
        for pair in query.pairs {
            guard bothHeld(pair, held, exact, query.exactMask) else {
                all = false
                continue
            }
            var title = 0
            var body = 0
            for (field, first) in cursors[pair.first] {
                guard let second = cursors[pair.second].first(where: { $0.field == field })?.cursor else { continue }
                let count = try phrases.count([first, second], doc: doc).exact
                if field == .title { title = count } else { body = count }
            }
            guard title + body > 0 else {
                all = false
                continue
            }
            if pair.counted { pairs += 1 }
            if body > 0 {
                bonus += model.pairBonus(
                    idfs: query.idf[pair.first] + query.idf[pair.second], count: body,
                    length: segment.length(Int(doc), .body), averageLength: statistics.averageBody)
            }
        }
        return (pairs, bonus, all)
    }
}
