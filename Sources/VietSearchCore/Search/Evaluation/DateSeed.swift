/// Where a search sorted by date that does not count its matches looks first: the newest
/// (or oldest) of the documents that may match, found from their ids alone.
///
/// `requiredDocs` lists, per segment, the documents holding every word of the query (a
/// superset of the matches: spellings, phrases and exclusions are not checked). With
/// every segment's list, `Searcher` takes the `limit`-th best sort key among them, K,
/// and evaluates only the documents whose key is at least K. When at least `limit` of
/// those match, the answer is theirs: every document left out has a key below K, and the
/// sort key ranks before relevance. Otherwise every document is evaluated.
extension SegmentEvaluator {
    /// The visible documents that hold every required clause of the plan's only
    /// alternative, ascending; nil for a plan this does not apply to (several
    /// alternatives, a relaxed search).
    func requiredDocs(_ plan: EvaluationPlan, among: [Int32]? = nil) throws -> [Int32]? {
        guard !plan.relaxed, plan.alternatives.count == 1, let alternative = plan.alternatives.first else { return nil }
        let required = plan.clauses.indices.filter { alternative.required & (1 << UInt64($0)) != 0 }.sorted {
            plan.idf[$0] > plan.idf[$1]
        }
        // Each term of each required clause, in the fields the clause allows, rarest
        // clause first; `held[doc]` counts the terms a document was found to hold so far.
        let terms = required.flatMap { i in plan.clauses[i].terms.map { (term: $0, field: plan.clauses[i].field) } }
        guard !terms.isEmpty, terms.count < Int(UInt8.max) - 1 else { return nil }
        var held = [UInt8](repeating: 0, count: segment.docCount)
        var docs: [Int32]? = among
        // Documents of `among` start at 1, so that only they can reach the end.
        let start = among == nil ? 0 : 1
        for doc in among ?? [] { held[Int(doc)] = 1 }
        for (offset, (term, field)) in terms.enumerated() {
            let k = offset + start
            var found: [Int32] = []
            for field in field.map({ [$0] }) ?? [.title, .body] {
                guard let info = try statistics.info(segment: ordinal, field: field, folded: term.folded)
                else { continue }
                let cursor = try TermCursor(term: term, info: info, segment: segment, restrictedTo: docs)
                var fresh: [Int32] = []
                for doc in cursor.docs where held[Int(doc)] == UInt8(k) {
                    held[Int(doc)] = UInt8(k + 1)
                    fresh.append(doc)
                }
                found = found.isEmpty ? fresh : SortedDocs.union(found, fresh)
            }
            docs = found
            if found.isEmpty { break }
        }
        return (docs ?? []).filter { !visible.hides(Int($0)) }
    }

    /// The documents with the best sort keys among `requiredDocs`: at least `limit` of
    /// them (fewer when the segment has no more) and every one whose key ties the
    /// `limit`-th, found by walking the segment's date order (`ColumnsReader.doc(byDate:)`)
    /// in batches of doubling size and checking each batch's documents against the
    /// postings of the blocks that hold them only. For words most articles hold, this reads
    /// a few blocks where `requiredDocs` reads every one. Nil when a quarter of the
    /// segment was walked without finding `limit` (the words are rarer than they seemed).
    func bestCandidates(_ plan: EvaluationPlan, limit: Int) throws -> [Int32]? {
        let n = segment.docCount
        let columns = segment.columns
        let dated = columns.datedCount
        var found: [Int32] = []
        var step = 0
        var batch = 4 * limit
        var threshold: Int64? = nil
        while step < n {
            var docs: [Int32] = []
            while step < n && docs.count < batch {
                // Newest first: the date order; oldest first: its dated part backwards.
                let rank = options.sort == .newestFirst || step >= dated ? step : dated - 1 - step
                guard let doc = columns.doc(byDate: rank) else {
                    throw CorruptIndexError(
                        file: columns.file.path, reason: "a document out of range in the date order")
                }
                if let threshold, sortKey(doc) < threshold {
                    step = n
                    break
                }
                step += 1
                if !visible.hides(doc) { docs.append(Int32(doc)) }
            }
            docs.sort()
            guard let more = try requiredDocs(plan, among: docs) else { return nil }
            found += more
            if threshold == nil && found.count >= limit {
                threshold = found.map { sortKey(Int($0)) }.sorted(by: >)[limit - 1]
            }
            if threshold == nil && step > n / 4 && step < n { return nil }
            batch *= 2
        }
        guard let threshold else { return found }
        return found.filter { sortKey(Int($0)) >= threshold }
    }
}

extension Searcher {
    /// Seeds `evaluators` with the candidates whose sort key reaches the `limit`-th best
    /// of every segment's candidates; false when it cannot (a plan `requiredDocs` does not
    /// apply to, or no more candidates than `limit`). The date order is walked when the
    /// walk is short: `limit` divided by the share of articles holding every word (as if
    /// words were independent, which underestimates it), a quarter of the blocks of the
    /// rarest word's postings at most; else the postings are read whole.
    func seedBySortKey(
        _ evaluators: inout [SegmentEvaluator], _ plan: EvaluationPlan, query: Query, statistics: Statistics,
        limit: Int
    ) throws -> Bool {
        let frequencies =
            query.alternatives.first?.flatMap(\.terms).compactMap { statistics.documentFrequency[$0.folded] } ?? []
        let documents = Double(max(1, reader.documentCount))
        let share = frequencies.reduce(1.0) { $0 * Double($1) / documents }
        let walk =
            !frequencies.isEmpty && share > 0
            && Double(limit) / share <= Double(frequencies.min() ?? 0) / Double(4 * BitPacking.blockSize)
        var required: [[Int32]] = []
        for evaluator in evaluators {
            guard
                let docs = try (walk ? evaluator.bestCandidates(plan, limit: limit) : nil)
                    ?? evaluator.requiredDocs(plan)
            else { return false }
            required.append(docs)
        }
        var best = BestValues<Int64>(limit: limit)
        for (evaluator, docs) in zip(evaluators, required) {
            for doc in docs { best.add(evaluator.sortKey(Int(doc))) }
        }
        guard required.reduce(0, { $0 + $1.count }) > limit, let cut = best.floor else { return false }
        for k in evaluators.indices {
            // Through a copy: an element of the inout array read in the closure was copied
            // whole for each document (4× slower one-word searches by date, measured).
            let evaluator = evaluators[k]
            evaluators[k].seed = required[k].filter { evaluator.sortKey(Int($0)) >= cut }
        }
        return true
    }
}
