/// MaxScore inside the top tier of a strict search of words (`EvaluationPlan.isRunOfWords`).
///
/// When `limit` articles surely hold the query as typed (every pair of consecutive words
/// adjacent in the spellings asked for: `SegmentEvaluator.pairTallies`), the top is among
/// the articles that may, and they rank by the words in their preferred spelling (words
/// typed without diacritics), then by score (BM25 plus the pairs' bonus). Before any
/// word's postings are decoded, each of them gets two bounds from the pairs' postings and
/// the words' skip entries:
/// - what it surely has: the preferred spellings its pairs' masks name, each pair's bonus
///   where its postings say how often it stands as typed, and each word's BM25 at the most
///   of those counts of a pair it is in (a word occurs at least as often as its pairs);
/// - what it cannot pass: every preferred spelling, each pair's bonus at the pair's
///   frequency in any spelling, and each word's BM25 at its block's impacts (not decoded):
///   the most frequent impact whose field length is no longer than the article's.
///
/// An article whose ceiling lies below the `limit`-th best of what articles surely have,
/// over all segments, cannot enter the top; the others are the seed.
extension SegmentEvaluator {
    /// The bounds of the articles that may hold every pair of `plan` as typed (per
    /// `tallies`), or nil when the plan and options do not allow them: a strict run of
    /// words, no directive, sort by relevance, not `--exact`.
    mutating func tierScoreBounds(_ plan: EvaluationPlan, tallies: [(sure: UInt8, maybe: UInt8)]) throws
        -> TierScoreBounds?
    {
        guard model.order == .tiers, plan.isRunOfWords, !options.exactOnly, options.sort == .relevance,
            options.limit > 0, citing.isEmpty, let alternative = plan.alternatives.first
        else { return nil }
        let pairs = alternative.pairs.count
        let n = segment.docCount
        let preferred = plan.preferredMask & alternative.clauses
        var result = TierScoreBounds(limit: options.limit, preferredWords: preferred.nonzeroBitCount)
        var slot = [Int32](repeating: -1, count: n)
        for d in tallies.indices where Int(tallies[d].maybe) >= pairs {
            slot[d] = Int32(result.docs.count)
            result.docs.append(Int32(d))
        }
        guard !result.docs.isEmpty else { return result }
        let count = result.docs.count
        var floors = [Double](repeating: 0, count: count)
        var ceilings = [Double](repeating: 0, count: count)
        // Per seed article, the preferred words a pair's mask says it spells so.
        var spelled = [UInt64](repeating: 0, count: count)
        let words = plan.clauses.indices.filter { alternative.clauses & (1 << UInt64($0)) != 0 }
        for field in [Field.title, .body] {
            let average = field == .title ? statistics.averageTitle : statistics.averageBody
            // Per word (clause number) and seed article, the most a pair it is in surely
            // stands as typed in this field.
            var least = [[Int32]](repeating: [], count: plan.clauses.count)
            for i in words { least[i] = [Int32](repeating: 0, count: count) }
            for pair in alternative.pairs {
                let first = plan.clauses[pair.first].terms[0]
                let second = plan.clauses[pair.second].terms[0]
                guard let cursor = try wholePair(pair, first, second, field) else { continue }
                let idfs = plan.idf[pair.first] + plan.idf[pair.second]
                let list = cursor.list
                for p in 0..<list.count {
                    let k = Int(slot[Int(list.docs[p])])
                    guard k >= 0 else { continue }
                    let length = segment.length(Int(list.docs[p]), field)
                    ceilings[k] += model.pairBonus(
                        idfs: idfs, count: Int(list.freqs[p]), length: length, averageLength: average, field: field)
                    if preferred & (1 << UInt64(pair.first)) != 0 && cursor.surelySpells(first: true, p) {
                        spelled[k] |= 1 << UInt64(pair.first)
                    }
                    if preferred & (1 << UInt64(pair.second)) != 0 && cursor.surelySpells(first: false, p) {
                        spelled[k] |= 1 << UInt64(pair.second)
                    }
                    guard let sure = cursor.count(p), sure > 0 else { continue }
                    floors[k] += model.pairBonus(
                        idfs: idfs, count: sure, length: length, averageLength: average, field: field)
                    least[pair.first][k] = max(least[pair.first][k], Int32(sure))
                    least[pair.second][k] = max(least[pair.second][k], Int32(sure))
                }
            }
            for i in words {
                let term = plan.clauses[i].terms[0]
                guard let info = try statistics.info(segment: ordinal, field: field, folded: term.folded, in: segment)
                else { continue }
                let idf = plan.scoringIdf[i]
                let blocks = try segment.blocks(info, field: field)
                // Full blocks' impacts are a frontier already; a tail's (the last block) are
                // its postings.
                let last = blocks.count - 1
                let tail = Self.frontier(blocks[last].impacts)
                var b = 0
                for k in 0..<count {
                    let d = Int(result.docs[k])
                    while b < last && d >= blocks[b + 1].firstDoc { b += 1 }
                    let frontier = b == last ? tail : blocks[b].impacts
                    let length = segment.length(d, field)
                    // The most frequent impact of a field no longer than this one bounds it.
                    if let most = frontier.last(where: { $0.length <= length }) {
                        ceilings[k] += model.fieldScore(
                            idf: idf, freq: Double(most.freq), length: length, averageLength: average, field: field)
                    }
                    if least[i][k] > 0 {
                        floors[k] += model.fieldScore(
                            idf: idf, freq: Double(least[i][k]), length: length, averageLength: average, field: field)
                    }
                }
            }
        }
        result.ceilings = ceilings
        for k in 0..<count where Int(tallies[Int(result.docs[k])].sure) >= pairs && !visible.hides(Int(result.docs[k]))
        {
            result.floors.add(TierScoreBounds.Sure(preferredWords: spelled[k].nonzeroBitCount, score: floors[k]))
        }
        return result
    }

    /// Impacts as a frontier: ascending frequency and length, none beaten on both.
    private static func frontier(_ impacts: [(freq: Int, length: Int)]) -> [(freq: Int, length: Int)] {
        SegmentWriter.impacts(impacts.map { (UInt32($0.freq), UInt32($0.length)) }).map {
            (Int($0.freq), Int($0.length))
        }
    }
}

/// What `SegmentEvaluator.tierScoreBounds` found in one segment.
struct TierScoreBounds {
    /// What an article surely has, in the order of the keys it ranks by.
    struct Sure: Comparable {
        var preferredWords: Int
        var score: Double

        static func < (a: Sure, b: Sure) -> Bool { (a.preferredWords, a.score) < (b.preferredWords, b.score) }
    }

    /// The query's words with a preferred spelling: what every ceiling counts.
    let preferredWords: Int
    /// The articles that may hold the query as typed, ascending, and their score ceilings.
    var docs: [Int32] = []
    var ceilings: [Double] = []
    /// The best `limit` of what the visible articles surely holding it surely have.
    var floors: BestValues<Sure>

    init(limit: Int, preferredWords: Int) {
        self.preferredWords = preferredWords
        floors = BestValues(limit: limit)
    }

    /// The articles whose ceiling reaches `bar`, ascending.
    func reaching(_ bar: Sure) -> [Int32] {
        guard bar.preferredWords >= preferredWords else { return docs }
        let slack = 1e-9 * (1 + abs(bar.score))
        return docs.indices.compactMap { ceilings[$0] + slack >= bar.score ? docs[$0] : nil }
    }
}
