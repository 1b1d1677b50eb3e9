/// The top `limit` of a search for one word that does not count its matches, by block-max:
/// the title's postings whole (they are short), then the body's blocks in the order of the
/// best BM25 their impacts allow, in batches of doubling size, until no block left can
/// enter the top. The ranks are those
/// of `SegmentEvaluator` (`RankingModel`, order `.tiers`): exact or preferred spelling, then
/// BM25 over title and body.
extension SegmentEvaluator {
    /// The hits for `plan` when it is one word searched this way; nil otherwise.
    mutating func oneWordTop(_ plan: EvaluationPlan) throws -> [ScoredDoc]? {
        guard plan.clauses.count == 1, plan.alternatives.count == 1, !plan.clauses[0].isPhrase, !plan.relaxed,
            plan.excluded.isEmpty, citing.isEmpty, !options.countsMatches, !options.exactOnly, options.limit > 0,
            model.order == .tiers, options.sort == .relevance
        else { return nil }
        let clause = plan.clauses[0]
        let term = clause.terms[0]
        let idf = plan.scoringIdf[0]
        let exactCounts = plan.exactMask & 1 != 0
        let preferredCounts = plan.preferredMask & 1 != 0
        let fields = clause.field.map { [$0] } ?? [.title, .body]
        func rank(_ score: Double, exact: Bool) -> (Rank, RankingModel.Features) {
            let features = RankingModel.Features(
                exactWords: exactCounts && exact ? 1 : 0, preferredWords: preferredCounts && exact ? 1 : 0, bm25: score)
            return (model.rank(features), features)
        }
        /// Whether posting `p` of `cursor` counts as the spelling asked for.
        func spelled(_ cursor: TermCursor, _ p: Int) throws -> Bool {
            preferredCounts ? try cursor.hasSpelling(p) : try cursor.hasExact(p)
        }
        var top = TopRanks(limit: options.limit)
        let spellingCounts = exactCounts || preferredCounts
        func add(_ doc: Int, _ score: Double, exact: Bool) {
            // The keys of the top's floor that vary here, compared before a rank is made
            // (most postings of a common word cannot enter): the spelling, then the score.
            if let floor = top.floor {
                let spelled = spellingCounts && exact
                let floorSpelled = floor.tier > 0 || floor.preferred > 0
                if spelled != floorSpelled ? floorSpelled : score < floor.score { return }
            }
            let (rank, features) = rank(score, exact: exact)
            guard top.admits(rank) else { return }
            top.add(ScoredDoc(address: DocAddress(segment: ordinal, doc: doc), rank: rank, features: features))
        }

        // The title's postings, ascending, with their scores; `titleSeen` marks those met
        // in the body.
        var titleDocs: [Int32] = []
        var titleScores: [Double] = []
        var titleExact: [Bool] = []
        if fields.contains(.title),
            let info = try statistics.info(segment: ordinal, field: .title, folded: term.folded)
        {
            let cursor = try TermCursor(term: term, info: info, segment: segment)
            titleDocs = cursor.list.docs
            let norms = segment.lengthNorms(.title, bm25: model.bm25, averageLength: statistics.averageTitle)
            for p in 0..<cursor.list.count {
                titleScores.append(
                    model.fieldScore(
                        idf: idf, freq: Double(cursor.freq(p)), norm: norms[Int(titleDocs[p])], field: .title))
                titleExact.append(try spelled(cursor, p))
            }
        }
        var titleSeen = [Bool](repeating: false, count: titleDocs.count)
        let bestTitle = titleScores.max() ?? 0
        if fields.contains(.body),
            let info = try statistics.info(segment: ordinal, field: .body, folded: term.folded)
        {
            let blocks = try segment.blocks(info, field: .body)
            let bounds = blocks.map { block in
                block.impacts.map {
                    model.fieldScore(
                        idf: idf, freq: Double($0.freq), length: $0.length, averageLength: statistics.averageBody,
                        field: .body)
                }.max() ?? 0
            }
            // Blocks best first, read in batches of 4, 8, 16, … (one reading of the skip
            // entries per batch), until every block left is bounded below the top.
            let order = bounds.indices.sorted { bounds[$0] > bounds[$1] }
            let norms = segment.lengthNorms(.body, bm25: model.bm25, averageLength: statistics.averageBody)
            var next = 0
            var batch = 4
            while next < order.count {
                // Every block left is bounded by this one's best, with the best title.
                guard top.admits(rank(bounds[order[next]] + bestTitle, exact: true).0) else { break }
                let taken = order[next..<min(order.count, next + batch)]
                next += taken.count
                batch *= 2
                let cursor = try TermCursor(
                    term: term, info: info, segment: segment,
                    restrictedTo: taken.map { Int32(blocks[$0].firstDoc) }.sorted())
                var hint = 0
                for p in 0..<cursor.list.count {
                    let doc = cursor.list.docs[p]
                    if p > 0 && doc < cursor.list.docs[p - 1] { hint = 0 }
                    let t = titleDocs.isEmpty ? nil : SortedDocs.find(doc, in: titleDocs, from: &hint)
                    if let t { titleSeen[t] = true }
                    guard !visible.hides(Int(doc)) else { continue }
                    let body = model.fieldScore(
                        idf: idf, freq: Double(cursor.freq(p)), norm: norms[Int(doc)], field: .body)
                    add(
                        Int(doc), body + (t.map { titleScores[$0] } ?? 0),
                        exact: try spelled(cursor, p) || t.map { titleExact[$0] } == true)
                }
            }
        }
        // Articles holding the word in the title only (one in a block not read ranks below
        // the top even with its body's score, so lower still without it).
        for t in titleDocs.indices where !titleSeen[t] && !visible.hides(Int(titleDocs[t])) {
            add(Int(titleDocs[t]), titleScores[t], exact: titleExact[t])
        }
        return top.result
    }
}
