/// The documents a relaxed search (a question) must evaluate to find its top `limit`, by
/// MaxScore (Turtle and Flood, 1995), as Lucene and Tantivy prune a disjunction. The words
/// that score (not a question's particles, which score only through their pairs) and the
/// pairs' body postings are read whole, which gives every match two bounds:
/// - a score it surely has: its words' BM25 and the bonus of each pair whose postings say
///   how often it stands in the spellings asked for;
/// - a score it cannot pass: its words' BM25 and every pair's bonus at the pair's
///   frequency in the body (the order `.weighted` gives titles no pair bonus).
///
/// A match whose ceiling lies below the `limit`-th best sure score cannot enter the top;
/// the others are the seed, and `SegmentEvaluator` reads the particles and evaluates the
/// pairs only in their blocks.
extension SegmentEvaluator {
    /// The matches of `plan` that may enter the top `limit`, ascending, with their
    /// ceilings, and the `limit`-th best floor; nil when every document must be evaluated:
    /// the plan is not a relaxed run of words, or fewer than `limit` documents match.
    func scoreCeilings(_ plan: EvaluationPlan) throws -> ScoreCeilings? {
        guard plan.relaxed, model.order == .weighted, plan.alternatives.count == 1, plan.excluded.isEmpty,
            citing.isEmpty, !options.exactOnly, options.limit > 0, options.sort == .relevance,
            let alternative = plan.alternatives.first, alternative.required == 0, alternative.content != 0,
            plan.clauses.allSatisfy({ !$0.isPhrase && $0.field == nil })
        else { return nil }
        let n = segment.docCount
        func isContent(_ i: Int) -> Bool { alternative.content & (1 << UInt64(i)) != 0 }
        let averages = (title: statistics.averageTitle, body: statistics.averageBody)
        // Per document: the content words' BM25, and the pairs' bonus surely and at most.
        var words = [Double](repeating: 0, count: n)
        var surePairs = [Double](repeating: 0, count: n)
        var possiblePairs = [Double](repeating: 0, count: n)
        var holds = [Bool](repeating: false, count: n)
        // Every word that scores, whole (the particles of a question score only through
        // their pairs); only content words make a match.
        for (i, clause) in plan.clauses.enumerated() where plan.scoringIdf[i] > 0 {
            let term = clause.terms[0]
            for field in [Field.title, .body] {
                guard let info = try statistics.info(segment: ordinal, field: field, folded: term.folded)
                else { continue }
                let average = field == .title ? averages.title : averages.body
                let list = try decoded.decode(info, in: segment)
                let content = isContent(i)
                let norms = segment.lengthNorms(field, bm25: model.bm25, averageLength: average)
                for p in 0..<list.count {
                    let d = Int(list.docs[p])
                    if content { holds[d] = true }
                    words[d] += model.fieldScore(
                        idf: plan.scoringIdf[i], freq: Double(list.freqs[p]), norm: norms[d], field: field)
                }
            }
        }
        // The pairs in the body (the order `.weighted` gives titles no pair bonus): the bonus
        // at the pair's frequency bounds it; where the spellings asked for are known to
        // occur that often, it is sure.
        for pair in alternative.pairs {
            let first = plan.clauses[pair.first].terms[0]
            let second = plan.clauses[pair.second].terms[0]
            guard let a = try statistics.info(segment: ordinal, field: .body, folded: first.folded),
                let b = try statistics.info(segment: ordinal, field: .body, folded: second.folded),
                let cursor = try PairCursor(first, second, entries: (a, b), segment: segment, restrictedTo: nil)
            else { continue }
            let idfs = plan.idf[pair.first] + plan.idf[pair.second]
            let list = cursor.list
            for p in 0..<list.count {
                let d = Int(list.docs[p])
                guard holds[d] else { continue }
                let length = segment.length(d, .body)
                possiblePairs[d] += model.pairBonus(
                    idfs: idfs, count: Int(list.freqs[p]), length: length, averageLength: averages.body)
                if let count = cursor.count(p), count > 0 {
                    surePairs[d] += model.pairBonus(
                        idfs: idfs, count: count, length: length, averageLength: averages.body)
                }
            }
        }
        var best = BestValues<Double>(limit: options.limit)
        for d in 0..<n where holds[d] && !visible.hides(d) { best.add(words[d] + surePairs[d]) }
        guard let threshold = best.floor else { return nil }
        var result = ScoreCeilings(threshold: threshold)
        let slack = 1e-9 * (1 + abs(threshold))
        for d in 0..<n where holds[d] {
            let most = words[d] + possiblePairs[d]
            guard most + slack >= threshold, !visible.hides(d) else { continue }
            result.docs.append(Int32(d))
            result.ceilings.append(most)
        }
        return result
    }
}

/// What `SegmentEvaluator.scoreCeilings` found in one segment.
struct ScoreCeilings {
    /// The `limit`-th best score the segment's matches surely have.
    var threshold: Double
    /// The matches whose ceiling reaches `threshold`, ascending, and their ceilings.
    var docs: [Int32] = []
    var ceilings: [Double] = []

    /// The documents whose ceiling reaches `score`, ascending.
    func reaching(_ score: Double) -> [Int32] {
        let slack = 1e-9 * (1 + abs(score))
        return docs.indices.compactMap { ceilings[$0] + slack >= score ? docs[$0] : nil }
    }
}
