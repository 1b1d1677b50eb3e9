/// Evaluates an `EvaluationPlan` on one segment, a clause at a time (term at a time, as
/// Lucene's early BooleanScorer did): per document and alternative a BM25 accumulator, and
/// per document bit sets of the clauses it holds and holds in their exact spelling.
///
/// For a query of one alternative, required clauses are read first, rarest first, each
/// only in the blocks of the documents holding the ones before; content words are then
/// read where the required clauses hold; particles and common words only where a content
/// word is. Adjacency needs positions, so it comes last, in order of each match's best
/// possible rank (`RankingModel.upperBound`), and only while that rank can still enter
/// the top `limit`.
struct SegmentEvaluator {
    let segment: SegmentReader
    let ordinal: Int
    let statistics: Statistics
    let model: RankingModel
    let options: SearchOptions
    /// Documents citing the directive the query names, with their mention counts.
    let citing: [Int: Int]
    /// The documents that may be returned (not deleted, passing `options.filter`).
    let visible: VisibleDocs
    /// The postings this search decoded whole (`scoreCeilings`), read again from here.
    let decoded = DecodedPostings()

    /// Per clause, its cursor in the title and in the body, where the field has it (single
    /// words only).
    private var titleCursors: [TermCursor?] = []
    private var bodyCursors: [TermCursor?] = []
    private var phrases = PhraseOccurrences()
    /// Per field and clause, its frequency in each document of its postings (with
    /// `--exact`, in those spelling it exactly; `none` where the field lacks it): an
    /// adjacent pair occurs no more often than either word. Read only for documents
    /// holding both words of a pair, which the clause's reading added.
    private var titleFreqs: [DocCounts] = []
    private var bodyFreqs: [DocCounts] = []
    /// Per alternative and document (`alternative * docCount + doc`), the BM25 so far.
    private var scores: [Double] = []
    private var held: [UInt64] = []
    /// Per document, the clauses it holds in their exact spelling (a word with a preferred
    /// spelling: in that spelling).
    private var exact: [UInt64] = []
    /// The documents whose `held` is not 0 (the only ones `scores` and `exact` may be set
    /// for), in the order they were first held: what `collect` clears before it gives the
    /// arrays back to the segment (`EvaluationArrays`).
    private var touched: [Int32] = []
    /// Per pair of the plan (`EvaluationPlan.Pair.index`) and document, how often the pair
    /// stands adjacent as asked in the title and in the body, from the pair's postings
    /// (`PairCursor`); -1 where only positions can tell.
    private var titlePairs: [DocCounts] = []
    private var bodyPairs: [DocCounts] = []

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
        visible = VisibleDocs(segment: segment, filter: options.filter)
    }

    /// The key of `options.sort` for `doc` (`Rank.order`; 0 by relevance, without reading
    /// the date).
    @inline(__always)
    func sortKey(_ doc: Int) -> Int64 {
        options.sort == .relevance ? 0 : options.sort.key(date: segment.columns.date(doc))
    }

    /// Adds `doc`, a match, to the year and source counts.
    private func countFacets(_ doc: Int, _ counts: inout MatchCounts, sources: inout [Int]) {
        let date = segment.columns.date(doc)
        if date == 0 {
            counts.undatedMatches += 1
        } else {
            if counts.years.isEmpty { counts.years = [Int](repeating: 0, count: 2101 - MatchCounts.firstYear) }
            counts.years[Int(date / 10000) - MatchCounts.firstYear] += 1
        }
        if let source = segment.columns.sourceOrdinal(doc) { sources[source] += 1 }
    }

    /// The matches that may rank in the top `options.limit` (ties included), with what
    /// each lacks in `ScoredDoc.missing`; adds what it matched to `counts`.
    mutating func collect(_ plan: EvaluationPlan, counts: inout MatchCounts) throws -> [ScoredDoc] {
        let n = segment.docCount
        guard n > 0 else { return [] }
        if let top = try oneWordTop(plan) { return top }
        let borrowed = segment.evaluationArrays.borrow(docCount: n, alternatives: plan.alternatives.count)
        (scores, held, exact) = (borrowed.scores, borrowed.held, borrowed.exact)
        touched = []
        defer {
            // Cleared where written, then given back (also when reading postings threw).
            for doc in touched {
                let d = Int(doc)
                held[d] = 0
                exact[d] = 0
                for a in plan.alternatives.indices { scores[a * n + d] = 0 }
            }
            let back = EvaluationArrays.Arrays(scores: scores, held: held, exact: exact)
            (scores, held, exact, touched) = ([], [], [], [])
            segment.evaluationArrays.giveBack(back)
        }
        titleCursors = Array(repeating: nil, count: plan.clauses.count)
        bodyCursors = titleCursors
        titleFreqs = Array(repeating: .none, count: plan.clauses.count)
        bodyFreqs = titleFreqs
        let holders = try read(plan)
        try readPairs(plan, restrictedTo: holders)

        let excludedDocs = try excludedWords(plan)
        let excludedPhrases = try excludedPhrases(plan)
        var mentions = [Int](repeating: 0, count: citing.isEmpty ? 0 : n)
        for (doc, count) in citing where doc < n { mentions[doc] = count }
        func mentionsOf(_ doc: Int) -> Int { mentions.isEmpty ? 0 : mentions[doc] }
        var sourceCounts = [Int](repeating: 0, count: options.facets ? segment.columns.sourceCount : 0)
        var candidates: [(bound: Rank, doc: Int32)] = []
        var lowest = BestRanks(limit: options.limit)
        var top = TopRanks(limit: options.limit)
        // Only documents holding the required clauses (and a content word), or citing the
        // directive, can match.
        let citingDocs = citing.keys.filter { $0 < n }.map { Int32($0) }.sorted()
        let docs = holders.map { SortedDocs.union($0, citingDocs) }
        for k in 0..<(docs?.count ?? n) {
            let doc = docs.map { Int($0[k]) } ?? k
            let h = held[doc]
            let cited = mentionsOf(doc)
            guard h != 0 || cited > 0 else { continue }
            let matching = matchingAlternatives(plan, h)
            guard matching != 0 || cited > 0, excludedDocs.isEmpty || !excludedDocs[doc] else { continue }
            if visible.hides(doc) {
                if visible.lacksDateOnly(doc), try !isExcluded(Int32(doc), by: excludedPhrases) { counts.undated += 1 }
                continue
            }
            if try isExcluded(Int32(doc), by: excludedPhrases) { continue }
            counts.matching += 1
            if options.facets { countFacets(doc, &counts, sources: &sourceCounts) }
            var whole = false
            var asTyped = false
            var bound = Rank(order: sortKey(doc), citations: cited, tier: 0, adjacentPairs: 0, score: 0)
            // The best rank without adjacency, and its features.
            var floor = (rank: bound, features: RankingModel.Features?.none)
            var rest = matching
            while rest != 0 {
                let a = rest.trailingZeroBitCount
                rest &= rest &- 1
                let clauses = plan.alternatives[a].clauses
                if h & clauses == clauses {
                    whole = true
                    if options.countsMatches && !asTyped { asTyped = try isAsTyped(plan, a, doc: doc) }
                }
                guard options.limit > 0 else { continue }
                let known = features(plan, a, doc: doc, mentions: cited)
                bound = max(bound, upperBound(plan, a, known, doc: doc))
                let rank = model.rank(known)
                if floor.rank < rank || floor.features == nil { floor = (rank, known) }
            }
            if whole { counts.allWords += 1 }
            if asTyped { counts.asTyped += 1 }
            guard options.limit > 0 else { continue }
            if bound == floor.rank {
                // No pair can stand adjacent: the rank is known.
                if top.admits(bound) {
                    top.add(
                        ScoredDoc(
                            address: DocAddress(segment: ordinal, doc: doc), rank: bound,
                            missing: plan.missing(held: h), features: floor.features))
                }
            } else {
                candidates.append((bound, Int32(doc)))
            }
            lowest.add(floor.rank)
        }
        for (ordinal, count) in sourceCounts.enumerated() where count > 0 {
            counts.sources[segment.columns.source(ordinal), default: 0] += count
        }
        guard options.limit > 0 else { return [] }

        // Adjacency, best possible rank first, while it can still enter the top: no match
        // whose bound is below the `limit`-th best rank without adjacency can.
        if let floor = lowest.floor { candidates.removeAll { $0.bound < floor } }
        candidates.sort { $1.bound < $0.bound }
        for (bound, doc32) in candidates {
            guard top.admits(bound) else { break }
            let doc = Int(doc32)
            var best: (rank: Rank, features: RankingModel.Features)? = nil
            var rest = matchingAlternatives(plan, held[doc])
            while rest != 0 {
                let a = rest.trailingZeroBitCount
                rest &= rest &- 1
                let partial = features(plan, a, doc: doc, mentions: mentionsOf(doc))
                guard let known = try complete(plan, a, doc: doc, known: partial, top: top) else { continue }
                let rank = model.rank(known)
                if best.map({ $0.rank < rank }) ?? true { best = (rank, known) }
            }
            guard let rank = best?.rank, top.admits(rank) else { continue }
            top.add(
                ScoredDoc(
                    address: DocAddress(segment: ordinal, doc: doc), rank: rank, missing: plan.missing(held: held[doc]),
                    features: best?.features))
        }
        return top.result
    }

    /// The alternatives (bit a: alternative a) a document holding the clauses `held` matches.
    @inline(__always)
    private func matchingAlternatives(_ plan: EvaluationPlan, _ held: UInt64) -> UInt64 {
        var result: UInt64 = 0
        for (a, alternative) in plan.alternatives.enumerated() {
            guard held & alternative.required == alternative.required else { continue }
            if !plan.relaxed || held & alternative.content != 0
                || (alternative.content == 0 && held & alternative.clauses != 0)
            {
                result |= 1 << UInt64(a)
            }
        }
        return result
    }

    /// What is known of a match of alternative `a` before its adjacency. `mutating`: its
    /// lookups move the hints of the pairs' `DocCounts`; called on `self` in place, the
    /// per-document loop also does not copy the evaluator for each call (profiled before
    /// `DocCounts`: a ninth of a one-word search in memmove).
    private mutating func features(_ plan: EvaluationPlan, _ a: Int, doc: Int, mentions: Int) -> RankingModel.Features {
        let alternative = plan.alternatives[a]
        var known = RankingModel.Features(
            order: sortKey(doc), citations: mentions,
            exactWords: (exact[doc] & plan.exactMask & alternative.clauses).nonzeroBitCount,
            preferredWords: (exact[doc] & plan.preferredMask & alternative.clauses).nonzeroBitCount,
            bm25: scores[a * segment.docCount + doc])
        for pair in alternative.pairs where bothHeld(plan, pair, doc) {
            let title = titlePairs[pair.index](doc)
            let body = bodyPairs[pair.index](doc)
            guard title >= 0 && body >= 0 else { continue }
            if pair.counted && title + body > 0 { known.adjacentPairs += 1 }
            known.pairBonus += pairBonus(plan, pair, doc: doc, title: Int(title), body: Int(body))
        }
        return known
    }

    /// Whether the adjacency of `pair` in `doc` needs positions: the pair's postings do
    /// not tell for the title or the body.
    @inline(__always)
    private mutating func needsPositions(_ pair: EvaluationPlan.Pair, _ doc: Int) -> Bool {
        titlePairs[pair.index](doc) < 0 || bodyPairs[pair.index](doc) < 0
    }

    /// Reads the postings of the plan's pairs in each field (with `restriction`, only the
    /// blocks that could hold those documents), into `titlePairs` and `bodyPairs`: 0 where
    /// a field lacks the pair, -1 where only positions can tell (`PairCursor.count`).
    private mutating func readPairs(_ plan: EvaluationPlan, restrictedTo restriction: [Int32]?) throws {
        titlePairs = Array(repeating: .none, count: plan.pairCount)
        bodyPairs = titlePairs
        for pair in plan.alternatives.flatMap(\.pairs) {
            let first = plan.clauses[pair.first].terms[0]
            let second = plan.clauses[pair.second].terms[0]
            for field in [Field.title, .body] {
                let cursors = field == .title ? titleCursors : bodyCursors
                var counts = DocCounts.none
                if cursors[pair.first] != nil && cursors[pair.second] != nil,
                    let cursor = try pairCursor(first, second, field, restrictedTo: restriction)
                {
                    let list = cursor.list
                    counts = DocCounts(docs: list.docs, counts: (0..<list.count).map { Int32(cursor.count($0) ?? -1) })
                }
                if field == .title { titlePairs[pair.index] = counts } else { bodyPairs[pair.index] = counts }
            }
        }
    }

    /// The best rank a match of alternative `a` could reach once its adjacency is known.
    private mutating func upperBound(_ plan: EvaluationPlan, _ a: Int, _ known: RankingModel.Features, doc: Int) -> Rank
    {
        var possiblePairs = 0
        var bonusBound = 0.0
        for pair in plan.alternatives[a].pairs where bothHeld(plan, pair, doc) && needsPositions(pair, doc) {
            if pair.counted { possiblePairs += 1 }
            bonusBound += pairBonusBound(plan, pair, doc: doc)
        }
        return model.upperBound(known, possiblePairs: known.adjacentPairs + possiblePairs, pairBonusBound: bonusBound)
    }

    /// The most pair bonus `pair` can give `doc`: adjacent as often as its rarer word occurs.
    private mutating func pairBonusBound(_ plan: EvaluationPlan, _ pair: EvaluationPlan.Pair, doc: Int) -> Double {
        let idfs = plan.idf[pair.first] + plan.idf[pair.second]
        var bound = 0.0
        let inBody = min(bodyFreqs[pair.first](doc), bodyFreqs[pair.second](doc))
        if inBody > 0 {
            bound += model.pairBonus(
                idfs: idfs, count: Int(inBody), length: segment.length(doc, .body),
                averageLength: statistics.averageBody)
        }
        let inTitle = min(titleFreqs[pair.first](doc), titleFreqs[pair.second](doc))
        if inTitle > 0 {
            bound += model.pairBonus(
                idfs: idfs, count: Int(inTitle), length: segment.length(doc, .title),
                averageLength: statistics.averageTitle, field: .title)
        }
        return bound
    }

    /// The features of a match of alternative `a` with its adjacency, read pair by pair;
    /// nil as soon as the best it could still reach cannot enter `top`.
    private mutating func complete(
        _ plan: EvaluationPlan, _ a: Int, doc: Int, known: RankingModel.Features, top: TopRanks
    ) throws -> RankingModel.Features? {
        let pairs = plan.alternatives[a].pairs.filter { bothHeld(plan, $0, doc) && needsPositions($0, doc) }
        var optimistic = known
        for pair in pairs {
            if pair.counted { optimistic.adjacentPairs += 1 }
            optimistic.pairBonus += pairBonusBound(plan, pair, doc: doc)
        }
        var actual = known
        for pair in pairs {
            let (title, body) = try adjacentCounts(plan, pair, doc: doc)
            let bonus = pairBonus(plan, pair, doc: doc, title: title, body: body)
            optimistic.pairBonus -= pairBonusBound(plan, pair, doc: doc) - bonus
            actual.pairBonus += bonus
            if title + body > 0 {
                if pair.counted { actual.adjacentPairs += 1 }
            } else if pair.counted {
                optimistic.adjacentPairs -= 1
            }
            // A little slack: the subtractions may round below the sum of the bonuses.
            var slack = optimistic
            slack.pairBonus += 1e-9 * (1 + abs(optimistic.pairBonus))
            if !top.admits(model.rank(slack)) { return nil }
        }
        return actual
    }

    /// Whether `doc` holds alternative `a` as typed: all its clauses, spelled exactly where
    /// that matters, and every pair of consecutive words adjacent.
    private mutating func isAsTyped(_ plan: EvaluationPlan, _ a: Int, doc: Int) throws -> Bool {
        let alternative = plan.alternatives[a]
        let wanted = plan.exactMask & alternative.clauses
        guard exact[doc] & wanted == wanted else { return false }
        return try adjacency(plan, a, doc: doc).all
    }

    /// Reads every clause's postings, in the order the type's summary gives; returns the
    /// documents that hold what a match of the only alternative must (nil: any may).
    private mutating func read(_ plan: EvaluationPlan) throws -> [Int32]? {
        let n = segment.docCount
        func bit(_ i: Int) -> UInt64 { 1 << UInt64(i) }
        guard plan.alternatives.count == 1, let alternative = plan.alternatives.first else {
            for i in plan.clauses.indices { try accumulate(plan, clause: i, restrictedTo: nil, test: Restriction()) }
            return nil
        }
        let required = plan.clauses.indices.filter { alternative.required & bit($0) != 0 }.sorted {
            plan.idf[$0] > plan.idf[$1]
        }
        let content = plan.clauses.indices.filter {
            alternative.required & bit($0) == 0 && alternative.content & bit($0) != 0
        }
        let weak = plan.clauses.indices.filter { (alternative.required | alternative.content) & bit($0) == 0 }
        // The documents later clauses are read for: those passing `test` on the clauses
        // read so far (a test later clauses cannot change), listed for block skipping.
        var test = Restriction()
        var restriction: [Int32]? = seed
        allowed = []
        if let seed {
            allowed = [Bool](repeating: false, count: n)
            for doc in seed { allowed[Int(doc)] = true }
        }
        func restrict(_ next: Restriction) {
            test = next
            if let current = restriction {
                restriction = current.filter { next.admits(held[Int($0)]) }
            } else {
                restriction = (0..<n).compactMap { next.admits(held[$0]) ? Int32($0) : nil }
            }
        }
        var requiredSoFar: UInt64 = 0
        for i in required {
            try accumulate(plan, clause: i, restrictedTo: restriction, test: test)
            requiredSoFar |= bit(i)
            restrict(Restriction(all: requiredSoFar))
        }
        for i in content { try accumulate(plan, clause: i, restrictedTo: restriction, test: test) }
        if !content.isEmpty { restrict(Restriction(all: alternative.required, any: alternative.content)) }
        for i in weak { try accumulate(plan, clause: i, restrictedTo: restriction, test: test) }
        return restriction
    }

    /// The postings of two words as a pair in one field (nil when they are never adjacent there).
    private func pairCursor(_ first: Query.Term, _ second: Query.Term, _ field: Field, restrictedTo: [Int32]?) throws
        -> PairCursor?
    {
        guard let a = try statistics.info(segment: ordinal, field: field, folded: first.folded),
            let b = try statistics.info(segment: ordinal, field: field, folded: second.folded)
        else { return nil }
        return try PairCursor(first, second, entries: (a, b), segment: segment, restrictedTo: restrictedTo)
    }

    /// The documents the top `limit` is known to lie among (`Searcher`, from `pairTallies`),
    /// or nil.
    var seed: [Int32]? = nil
    /// Per document, whether it is in `seed` (empty without one).
    private var allowed: [Bool] = []

    /// Per document of this segment, how many pairs of consecutive words of the only
    /// alternative it surely holds adjacent in the spellings asked for (`sure`), and how
    /// many it may (`maybe`: those and the ones only positions can tell). For a plan that
    /// is a strict search of words (`EvaluationPlan.isRunOfWords`). A document holding
    /// every pair surely holds the query as typed: all its words exact, all pairs adjacent.
    /// Also gives the documents that may hold a pair (`maybe` > 0), ascending, so that
    /// the tallies are read for those only, not for every document of the segment.
    func pairTallies(_ plan: EvaluationPlan) throws -> (perDocument: [(sure: UInt8, maybe: UInt8)], holders: [Int32]) {
        var tallies = [(sure: UInt8, maybe: UInt8)](repeating: (0, 0), count: segment.docCount)
        var anyPair: [Int32] = []
        for pair in plan.alternatives[0].pairs {
            let first = plan.clauses[pair.first].terms[0]
            let second = plan.clauses[pair.second].terms[0]
            // Per document, this pair's state: 2 sure, 1 may, 0 not adjacent.
            var state = [UInt8](repeating: 0, count: segment.docCount)
            var holders: [Int32] = []
            for field in [Field.title, .body] {
                guard let cursor = try pairCursor(first, second, field, restrictedTo: nil) else { continue }
                let list = cursor.list
                for p in 0..<list.count {
                    let now: UInt8 =
                        switch cursor.count(p) {
                        case .some(0): 0
                        case .some: 2
                        case .none: 1
                        }
                    let doc = Int(list.docs[p])
                    if state[doc] == 0 && now > 0 { holders.append(list.docs[p]) }
                    state[doc] = max(state[doc], now)
                }
            }
            for doc in holders {
                if state[Int(doc)] == 2 { tallies[Int(doc)].sure += 1 }
                if tallies[Int(doc)].maybe == 0 { anyPair.append(doc) }
                tallies[Int(doc)].maybe += 1
            }
        }
        anyPair.sort()
        return (tallies, anyPair)
    }

    /// Which documents a clause is read for: those holding every clause of `all` and, unless
    /// `any` is empty, one of `any`.
    private struct Restriction {
        var all: UInt64 = 0
        var any: UInt64 = 0

        @inline(__always)
        func admits(_ held: UInt64) -> Bool { held & all == all && (any == 0 || held & any != 0) }
    }

    /// Reads clause `i`'s postings (with `restriction`, only the blocks that could hold
    /// those documents) and adds its BM25 to the alternatives holding it.
    private mutating func accumulate(
        _ plan: EvaluationPlan, clause i: Int, restrictedTo restriction: [Int32]?, test: Restriction
    ) throws {
        let n = segment.docCount
        let clause = plan.clauses[i]
        let bit: UInt64 = 1 << UInt64(i)
        let exactOnly = options.exactOnly && clause.exactMatters
        // For a word with a preferred spelling, `exact` says whether the document uses it.
        let preferred = plan.preferredMask & bit != 0
        let alternatives = plan.alternatives.indices.filter { plan.alternatives[$0].clauses & bit != 0 }
        let single = plan.alternatives.count == 1
        for field in clause.field.map({ [$0] }) ?? [.title, .body] {
            let average = field == .title ? statistics.averageTitle : statistics.averageBody
            let idf = plan.scoringIdf[i]
            if clause.isPhrase {
                let found = try accumulatePhrase(plan, clause: i, field: field, restrictedTo: restriction, test: test)
                for (d, freq) in found {
                    let score = model.fieldScore(
                        idf: idf, freq: Double(freq), length: segment.length(d, field), averageLength: average,
                        field: field)
                    for a in alternatives { scores[a * n + d] += score }
                }
                continue
            }
            guard let fieldCursors = try cursors(of: clause, in: field, restrictedTo: restriction) else { continue }
            let cursor = fieldCursors[0]
            if field == .title { titleCursors[i] = cursor } else { bodyCursors[i] = cursor }
            let list = cursor.list
            let norms = segment.lengthNorms(field, bm25: model.bm25, averageLength: average)
            // With `exactOnly`, the frequencies of the postings spelled exactly (others 0);
            // otherwise the list's own.
            var exactFreqs = [Int32](repeating: 0, count: exactOnly ? list.count : 0)
            defer {
                let freqs = DocCounts(docs: list.docs, counts: exactOnly ? exactFreqs : list.freqs)
                if field == .body { bodyFreqs[i] = freqs } else { titleFreqs[i] = freqs }
            }
            // Taken out of `self` for the loop, so that no write checks their uniqueness.
            var (scores, held, exact, touched) = ([Double](), [UInt64](), [UInt64](), [Int32]())
            swap(&scores, &self.scores)
            swap(&held, &self.held)
            swap(&exact, &self.exact)
            swap(&touched, &self.touched)
            defer {
                swap(&scores, &self.scores)
                swap(&held, &self.held)
                swap(&exact, &self.exact)
                swap(&touched, &self.touched)
            }
            /// Adds posting `p`, of document `d`, which passes `test`.
            @inline(__always)
            func add(_ p: Int, _ d: Int) throws {
                let isExact = preferred ? try cursor.hasSpelling(p) : try cursor.hasExact(p)
                if exactOnly && !isExact { return }
                let f = Double(exactOnly ? try cursor.exactCount(p) : Int(list.freqs[p]))
                let score = model.fieldScore(idf: idf, freq: f, norm: norms[d], field: field)
                if single {
                    scores[d] += score
                } else {
                    for a in alternatives { scores[a * n + d] += score }
                }
                if held[d] == 0 { touched.append(Int32(d)) }
                held[d] |= bit
                if isExact { exact[d] |= bit }
                if exactOnly { exactFreqs[p] = list.freqs[p] }
            }
            if let restriction, restriction.count < list.count {
                // The restriction lists exactly the documents passing `test` (what the
                // clauses read since can add is outside it): walk those, finding each in
                // the postings, rather than every posting.
                var hint = 0
                for doc in restriction {
                    if let p = SortedDocs.find(doc, in: list.docs, from: &hint) {
                        try add(p, Int(doc))
                    } else if hint == list.count {
                        break
                    }
                }
            } else {
                let everyDocument = allowed.isEmpty
                for p in 0..<list.count {
                    let d = Int(list.docs[p])
                    if !test.admits(held[d]) || !(everyDocument || allowed[d]) { continue }
                    try add(p, d)
                }
            }
        }
    }

    /// Reads a phrase in one field: the documents holding every consecutive pair of its
    /// syllables (`.pairs`), then, for three syllables or more, the positions of those
    /// documents only; a two-syllable phrase needs positions only where a document holds
    /// it in spellings both asked for and not. Marks the documents holding it in `held`
    /// and `exact`; returns them with the phrase's frequency in each.
    private mutating func accumulatePhrase(
        _ plan: EvaluationPlan, clause i: Int, field: Field, restrictedTo restriction: [Int32]?, test: Restriction
    ) throws -> [(doc: Int, freq: Int)] {
        var found: [(doc: Int, freq: Int)] = []
        let clause = plan.clauses[i]
        let bit: UInt64 = 1 << UInt64(i)
        let exactOnly = options.exactOnly && clause.exactMatters
        var pairs: [PairCursor] = []
        for (first, second) in zip(clause.terms, clause.terms.dropFirst()) {
            guard let cursor = try pairCursor(first, second, field, restrictedTo: restriction) else { return [] }
            pairs.append(cursor)
        }
        var words: [TermCursor]? = nil
        func positions(_ doc: Int32) throws -> (all: Int, exact: Int) {
            if words == nil { words = try cursors(of: clause, in: field, restrictedTo: restriction) ?? [] }
            guard let cursors = words, !cursors.isEmpty else { return (0, 0) }
            return try phrases.count(cursors, doc: doc)
        }
        func add(_ doc: Int32, all: Int, exact exactCount: Int) {
            let f = exactOnly ? exactCount : all
            guard f > 0 else { return }
            let d = Int(doc)
            found.append((d, f))
            if held[d] == 0 { touched.append(doc) }
            held[d] |= bit
            if exactCount > 0 { exact[d] |= bit }
        }
        if pairs.count == 1 {
            let list = pairs[0].list
            for p in 0..<list.count where test.admits(held[Int(list.docs[p])]) {
                let doc = list.docs[p]
                if let exactCount = pairs[0].count(p) {
                    add(doc, all: Int(list.freqs[p]), exact: exactCount)
                } else {
                    let (all, exactCount) = try positions(doc)
                    add(doc, all: all, exact: exactCount)
                }
            }
            return found
        }
        var docs = pairs[0].list.docs
        for pair in pairs.dropFirst() { docs = SortedDocs.intersection(docs, pair.list.docs) }
        guard !docs.isEmpty, let cursors = try cursors(of: clause, in: field, restrictedTo: docs) else { return [] }
        for doc in docs where test.admits(held[Int(doc)]) {
            let (all, exactCount) = try phrases.count(cursors, doc: doc, ascending: true)
            add(doc, all: all, exact: exactCount)
        }
        return found
    }

    /// Per document, whether it holds an excluded word (empty when no word is excluded).
    private func excludedWords(_ plan: EvaluationPlan) throws -> [Bool] {
        guard plan.excluded.contains(where: { !$0.isPhrase }) else { return [] }
        var excluded = [Bool](repeating: false, count: segment.docCount)
        for clause in plan.excluded where !clause.isPhrase {
            for field in clause.field.map({ [$0] }) ?? [.title, .body] {
                guard
                    let info = try statistics.info(
                        segment: ordinal, field: field, folded: clause.terms[0].folded)
                else { continue }
                for doc in try segment.postings(info).docs { excluded[Int(doc)] = true }
            }
        }
        return excluded
    }

    /// The cursors of the excluded phrases, per field that holds all of a phrase's words.
    private func excludedPhrases(_ plan: EvaluationPlan) throws -> [[TermCursor]] {
        try plan.excluded.filter(\.isPhrase).flatMap { clause in
            try (clause.field.map { [$0] } ?? [.title, .body]).compactMap { try cursors(of: clause, in: $0) }
        }
    }

    /// Whether `doc` holds one of the excluded phrases `excluded`.
    private mutating func isExcluded(_ doc: Int32, by excluded: [[TermCursor]]) throws -> Bool {
        for phrase in excluded where try phrases.count(phrase, doc: doc).all > 0 { return true }
        return false
    }

    /// The cursors of a clause's words in one field (with `restriction`, reading only the
    /// blocks that could hold those documents); nil when the field lacks one of them.
    private func cursors(of clause: Query.Clause, in field: Field, restrictedTo restriction: [Int32]? = nil) throws
        -> [TermCursor]?
    {
        var cursors: [TermCursor] = []
        for term in clause.terms {
            guard let info = try statistics.info(segment: ordinal, field: field, folded: term.folded)
            else { return nil }
            cursors.append(
                try TermCursor(term: term, info: info, segment: segment, restrictedTo: restriction, decoded: decoded))
        }
        return cursors
    }

    /// Whether `doc` holds both words of `pair`, in their exact spelling where it matters.
    private func bothHeld(_ plan: EvaluationPlan, _ pair: EvaluationPlan.Pair, _ doc: Int) -> Bool {
        let bits: UInt64 = (1 << UInt64(pair.first)) | (1 << UInt64(pair.second))
        return held[doc] & bits == bits && (exact[doc] | ~plan.exactMask) & bits == bits
    }

    /// The counted pairs of alternative `a` standing adjacent in `doc` (in title or body,
    /// exactly spelled where that matters), the bonus of every adjacent pair, and whether
    /// every pair is adjacent.
    private mutating func adjacency(_ plan: EvaluationPlan, _ a: Int, doc: Int) throws -> (
        pairs: Int, bonus: Double, all: Bool
    ) {
        var pairs = 0
        var bonus = 0.0
        var all = true
        for pair in plan.alternatives[a].pairs {
            guard bothHeld(plan, pair, doc) else {
                all = false
                continue
            }
            let (title, body) = try adjacentCounts(plan, pair, doc: doc)
            guard title + body > 0 else {
                all = false
                continue
            }
            if pair.counted { pairs += 1 }
            bonus += pairBonus(plan, pair, doc: doc, title: title, body: body)
        }
        return (pairs, bonus, all)
    }

    /// How often the words of `pair` stand adjacent, in order, in the title and the body
    /// of `doc` (exactly spelled where that matters).
    private mutating func adjacentCounts(_ plan: EvaluationPlan, _ pair: EvaluationPlan.Pair, doc: Int) throws -> (
        title: Int, body: Int
    ) {
        var title = Int(titlePairs[pair.index](doc))
        var body = Int(bodyPairs[pair.index](doc))
        if title < 0, let first = titleCursors[pair.first], let second = titleCursors[pair.second] {
            title = try phrases.adjacent(first, second, doc: Int32(doc))
        }
        if body < 0, let first = bodyCursors[pair.first], let second = bodyCursors[pair.second] {
            body = try phrases.adjacent(first, second, doc: Int32(doc))
        }
        return (max(title, 0), max(body, 0))
    }

    /// The bonus of `pair` adjacent `title` times in the title and `body` times in the body.
    private func pairBonus(_ plan: EvaluationPlan, _ pair: EvaluationPlan.Pair, doc: Int, title: Int, body: Int)
        -> Double
    {
        let idfs = plan.idf[pair.first] + plan.idf[pair.second]
        var bonus = 0.0
        if body > 0 {
            bonus += model.pairBonus(
                idfs: idfs, count: body, length: segment.length(doc, .body), averageLength: statistics.averageBody)
        }
        if title > 0 {
            bonus += model.pairBonus(
                idfs: idfs, count: title, length: segment.length(doc, .title), averageLength: statistics.averageTitle,
                field: .title)
        }
        return bonus
    }
}
