/// A query bound to index-wide statistics, as the evaluator of every segment reads it:
/// the query's distinct clauses (one bit each, at most 64), what each alternative needs of
/// them, and the pairs of consecutive words whose adjacency ranks. Built once per search.
struct EvaluationPlan {
    /// A pair of consecutive single-word clauses of an alternative (clause numbers).
    struct Pair {
        var first: Int
        var second: Int
        /// Whether it counts towards `RankingModel.Features.adjacentPairs` (in a relaxed
        /// search only pairs of two content words do); every pair adds its bonus.
        var counted: Bool
        /// Its number among the pairs of every alternative (`EvaluationPlan.pairCount`).
        var index = 0
    }

    /// One alternative of the query (`OR` separates them; at most 64).
    struct Alternative {
        /// Its clauses.
        var clauses: UInt64
        /// The clauses a match must hold: all of them, or in a relaxed search its quoted
        /// phrases, codes (`isCode`) and `title:` clauses, which keep their meaning.
        var required: UInt64
        /// Content words: known to the index, neither a particle nor held by more than
        /// `QueryWords.commonShare` of the archive (failing any, the known words that are
        /// not particles, then every known word). In a relaxed search a match holds one.
        var content: UInt64
        var pairs: [Pair]
    }

    let clauses: [Query.Clause]
    let excluded: [Query.Clause]
    /// Per clause, its inverse document frequency (a phrase: the sum of its words').
    let idf: [Double]
    /// Per clause, the idf its BM25 is weighted by: `idf`, but 0 for the particles and
    /// question words of a question, which then count only through the pairs they form
    /// (xquad-vi questions, `Benchmarks/relevance.py`: MRR@10 0.809 -> 0.822, success@10
    /// 0.889 -> 0.900, typed with diacritics).
    let scoringIdf: [Double]
    /// Clauses typed with diacritics, whose exact spelling ranks first.
    let exactMask: UInt64
    /// Words typed without diacritics with a preferred spelling (`Query.Term.preferred`).
    let preferredMask: UInt64
    /// Question words and particles (`QueryWords.particles`): a hit lacking them is not
    /// said to lack anything.
    let particleMask: UInt64
    let alternatives: [Alternative]
    /// The pairs of every alternative.
    let pairCount: Int
    /// Whether not every word must match (a query of one alternative only).
    let relaxed: Bool

    var allMask: UInt64 { clauses.count == 64 ? ~0 : (1 << UInt64(clauses.count)) &- 1 }

    /// Whether the plan is one strict run of two words or more, nothing excluded: no
    /// phrase, no `title:`, no `OR`, not relaxed.
    var isRunOfWords: Bool {
        guard !relaxed, alternatives.count == 1, excluded.isEmpty, let alternative = alternatives.first else {
            return false
        }
        let words = clauses.indices.filter { alternative.clauses & (1 << UInt64($0)) != 0 }
        return !alternative.pairs.isEmpty && words.count == alternative.pairs.count + 1
            && words.allSatisfy { !clauses[$0].isPhrase && clauses[$0].field == nil }
    }

    /// The clauses a hit holding `held` is said to lack: in a relaxed search, those it does
    /// not hold, particles and question words left out; none otherwise.
    func missing(held: UInt64) -> UInt64 { relaxed ? allMask & ~particleMask & ~held : 0 }

    init(_ query: Query, statistics: Statistics, relaxed: Bool) {
        var clauses: [Query.Clause] = []
        var masks: [UInt64] = []
        var kept: [[Query.Clause]] = []
        for alternative in query.alternatives {
            var mask: UInt64 = 0
            for clause in alternative {
                if let i = clauses.firstIndex(of: clause) {
                    mask |= 1 << UInt64(i)
                } else if clauses.count < 64 {
                    clauses.append(clause)
                    mask |= 1 << UInt64(clauses.count - 1)
                }
            }
            if mask != 0 && masks.count < 64 {
                masks.append(mask)
                kept.append(alternative)
            }
        }
        self.clauses = clauses
        excluded = query.excluded
        self.relaxed = relaxed && masks.count == 1
        idf = clauses.map { clause in clause.terms.reduce(0.0) { $0 + (statistics.idf[$1.folded] ?? 0) } }
        var exact: UInt64 = 0
        var preferred: UInt64 = 0
        var required: UInt64 = 0
        var known: UInt64 = 0
        var particles: UInt64 = 0
        var common: UInt64 = 0
        let share = QueryWords.commonShare * Double(statistics.documentCount)
        for (i, clause) in clauses.enumerated() {
            let bit: UInt64 = 1 << UInt64(i)
            if clause.exactMatters { exact |= bit }
            if !clause.isPhrase && clause.terms[0].preferred && !clause.exactMatters { preferred |= bit }
            if clause.isQuoted || clause.field != nil || Self.isCode(clause) { required |= bit }
            let frequencies = clause.terms.map { statistics.documentFrequency[$0.folded] ?? 0 }
            if !frequencies.contains(0) { known |= bit }
            if !clause.isPhrase && QueryWords.particles.contains(clause.terms[0].folded) { particles |= bit }
            if statistics.documentCount >= QueryWords.commonShareMinimumArchive
                && Double(frequencies.min() ?? 0) > share
            {
                common |= bit
            }
        }
        // Content words: known to the index, neither particles nor common; failing any,
        // the known words that are not particles; failing those, every known word.
        var content = known & ~particles & ~common
        if content == 0 { content = known & ~particles }
        if content == 0 { content = known }
        particleMask = particles
        let (relaxedPlan, idfs) = (self.relaxed, idf)
        scoringIdf = idfs.indices.map { relaxedPlan && particles & (1 << UInt64($0)) != 0 ? 0 : idfs[$0] }
        exactMask = exact
        preferredMask = preferred
        let isRelaxed = self.relaxed
        var pairIndex = 0
        alternatives = zip(kept, masks).map { alternative, mask in
            let words = alternative.compactMap { clause -> Int? in
                guard !clause.isPhrase && clause.field == nil else { return nil }
                return clauses.firstIndex(of: clause)
            }
            let pairs = zip(words, words.dropFirst()).map { a, b in
                defer { pairIndex += 1 }
                return Pair(
                    first: a, second: b,
                    counted: !isRelaxed || (content >> UInt64(a)) & (content >> UInt64(b)) & 1 != 0, index: pairIndex)
            }
            return Alternative(
                clauses: mask, required: isRelaxed ? mask & required : mask, content: mask & content, pairs: pairs)
        }
        pairCount = pairIndex
    }
}

extension EvaluationPlan {
    /// Whether an unquoted clause is a code of digits and letters (`21-KL/TW`, `COVID-19`):
    /// the most specific thing a query names, which a relaxed search keeps required. A
    /// date or a number (`18/12/2019`) may go unmatched like a word.
    static func isCode(_ clause: Query.Clause) -> Bool {
        func has(_ test: (UInt8) -> Bool) -> Bool { clause.terms.contains { $0.folded.contains(where: test) } }
        return clause.isPhrase && has { $0 >= 0x30 && $0 <= 0x39 } && has { $0 >= 0x61 && $0 <= 0x7A }
    }
}

/// How many documents a search matched, told apart by how they hold the query.
struct MatchCounts {
    /// Documents that match: in a relaxed search, those holding at least one content word.
    var matching = 0
    /// Documents holding every word of an alternative, anywhere.
    var allWords = 0
    /// Documents holding an alternative as typed: every word, consecutive words adjacent
    /// and in order, and the exact spelling of each word typed with diacritics.
    var asTyped = 0
    /// Under a date filter, documents that would match but have no date.
    var undated = 0
    /// With facets: matching documents per year (`year - CalendarDate` range start), and
    /// per source name; `undatedMatches` have no date.
    var years: [Int] = []
    var undatedMatches = 0
    var sources: [String: Int] = [:]

    /// The facets of what was counted.
    var facets: Facets {
        Facets(
            years: years.indices.filter { years[$0] > 0 }.map { (Self.firstYear + $0, years[$0]) },
            undated: undatedMatches,
            sources: sources.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map {
                ($0.key, $0.value)
            })
    }

    /// The first year a date may have (`CalendarDate`), at `years[0]`.
    static let firstYear = 1900
}
