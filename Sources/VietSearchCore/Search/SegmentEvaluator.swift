/// Evaluates a query on one segment: finds candidate documents from the postings (the
/// intersection of the required groups, each the union of its clauses), then walks the
/// candidates in order with one cursor per (term, field), checking positions only where
/// they matter (phrases, exact spellings, adjacency) and scoring each match.
struct SegmentEvaluator {
    let segment: SegmentReader
    let ordinal: Int
    let searcher: Searcher
    let statistics: Statistics
    let options: SearchOptions
    /// Documents citing the directive the query names, with their mention counts.
    let citing: [Int: Int]

    /// One cursor per distinct (term, field) of the query; nil where the segment lacks it.
    private var cursors: [TermCursor?] = []
    private var cursorIndex: [CursorKey: Int] = [:]

    private struct CursorKey: Hashable {
        var folded: [UInt8]
        var exact: [UInt8]
        var field: Field
    }

    /// A clause bound to cursors: per field, one cursor number per term.
    private struct BoundClause {
        var clause: Query.Clause
        var fields: [(field: Field, cursors: [Int])]
        var idf: Double
    }

    init(
        segment: SegmentReader, ordinal: Int, searcher: Searcher, statistics: Statistics, options: SearchOptions,
        citing: [Int: Int] = [:]
    ) {
        self.citing = citing
        self.segment = segment
        self.ordinal = ordinal
        self.searcher = searcher
        self.statistics = statistics
        self.options = options
    }

    private mutating func cursor(_ term: Query.Term, _ field: Field) throws -> Int {
        let key = CursorKey(folded: term.folded, exact: term.exact, field: field)
        if let index = cursorIndex[key] { return index }
        let cursor: TermCursor?
        if let info = try segment.lookup([field.rawValue] + term.folded) {
            cursor = TermCursor(term: term, info: info, postings: try segment.postings(info))
        } else {
            cursor = nil
        }
        cursors.append(cursor)
        cursorIndex[key] = cursors.count - 1
        return cursors.count - 1
    }

    private mutating func bind(_ clause: Query.Clause) throws -> BoundClause {
        var fields: [(Field, [Int])] = []
        for field in clause.field.map({ [$0] }) ?? [.title, .body] {
            fields.append((field, try clause.terms.map { try cursor($0, field) }))
        }
        let idf = clause.terms.reduce(0.0) { $0 + (statistics.idf[$1.folded] ?? 0) }
        return BoundClause(clause: clause, fields: fields, idf: idf)
    }

    /// Documents that may match a clause: for a phrase, those holding all its terms.
    private func clauseCandidates(_ clause: BoundClause) -> [Int] {
        var union: [Int] = []
        for (_, numbers) in clause.fields {
            var docs: [Int]? = nil
            for number in numbers {
                let list = cursors[number]?.docs ?? []
                docs = docs.map { SortedDocs.intersection($0, list) } ?? list
            }
            union = SortedDocs.union(union, docs ?? [])
        }
        return union
    }

    mutating func collect(_ query: Query, into matches: inout [ScoredDoc]) throws {
        let alternatives = try query.alternatives.map { try $0.map { try bind($0) } }
        let excluded = try query.excluded.map { try bind($0) }
        let proximity = try query.alternatives.map { alternative in
            try Query.proximitySequence(alternative).map { term in
                (title: try cursor(term, .title), body: try cursor(term, .body), idf: statistics.idf[term.folded] ?? 0)
            }
        }
        // Candidates: the union over alternatives of the intersection of their clauses.
        var candidates: [Int] = []
        for alternative in alternatives {
            var docs: [Int]? = nil
            for list in alternative.map({ clauseCandidates($0) }).sorted(by: { $0.count < $1.count }) {
                docs = docs.map { SortedDocs.intersection($0, list) } ?? list
                if docs!.isEmpty { break }
            }
            candidates = SortedDocs.union(candidates, docs ?? [])
        }
        // Articles citing the directive the query names match even without its words.
        let all = SortedDocs.union(candidates, citing.keys.sorted())
        matches.reserveCapacity(matches.count + all.count)
        for doc in all where !segment.deleted.contains(doc) {
            let citations = citing[doc] ?? 0
            var best: ScoredDoc.Rank? = nil
            for (a, alternative) in alternatives.enumerated() where !alternative.isEmpty {
                guard let rank = try rank(alternative, proximity: proximity[a], doc: doc) else { continue }
                if best == nil || best! < rank { best = rank }
            }
            guard best != nil || citations > 0 else { continue }
            var isExcluded = false
            for clause in excluded where try match(clause, doc: doc).counts.total > 0 {
                isExcluded = true
                break
            }
            if isExcluded { continue }
            let rank = best ?? ScoredDoc.Rank(citations: 0, tier: 0, adjacentPairs: 0, score: 0)
            matches.append(
                ScoredDoc(
                    address: DocAddress(segment: ordinal, doc: doc), citations: citations, tier: rank.tier,
                    adjacentPairs: rank.adjacentPairs, score: rank.score))
        }
    }

    /// The rank of `doc` under one alternative, or nil when it does not match all of it.
    private mutating func rank(
        _ alternative: [BoundClause], proximity: [(title: Int, body: Int, idf: Double)], doc: Int
    ) throws -> ScoredDoc.Rank? {
        var tier = 0
        var score = 0.0
        for clause in alternative {
            let (counts, exactCounts) = try match(clause, doc: doc)
            let used = options.exactOnly && clause.clause.exactMatters ? exactCounts : counts
            guard used.total > 0 else { return nil }
            if clause.clause.exactMatters && exactCounts.total > 0 { tier += 1 }
            score += clauseScore(clause.idf, used, doc: doc)
        }
        var pairs = 0
        if proximity.count > 1 {
            for i in 0..<(proximity.count - 1) {
                let title = try adjacent(proximity[i].title, proximity[i + 1].title, doc: doc)
                let body = try adjacent(proximity[i].body, proximity[i + 1].body, doc: doc)
                guard title + body > 0 else { continue }
                pairs += 1
                if body > 0 {
                    let tf = searcher.bm25.tf(
                        Double(body), length: segment.length(doc, .body), averageLength: statistics.averageBody)
                    score += searcher.proximityWeight * (proximity[i].idf + proximity[i + 1].idf) * tf
                }
            }
        }
        return ScoredDoc.Rank(citations: 0, tier: tier, adjacentPairs: pairs, score: score)
    }

    private struct Counts {
        var title = 0
        var body = 0
        var total: Int { title + body }
        subscript(field: Field) -> Int {
            get { field == .title ? title : body }
            set { if field == .title { title = newValue } else { body = newValue } }
        }
    }

    private func clauseScore(_ idf: Double, _ counts: Counts, doc: Int) -> Double {
        let bm25 = searcher.bm25
        let title = bm25.tf(
            Double(counts.title), length: segment.length(doc, .title), averageLength: statistics.averageTitle)
        let body = bm25.tf(
            Double(counts.body), length: segment.length(doc, .body), averageLength: statistics.averageBody)
        return idf * (bm25.titleWeight * title + body)
    }

    /// Occurrences of a clause in `doc` per field, and how many of them are exact.
    private mutating func match(_ clause: BoundClause, doc: Int) throws -> (counts: Counts, exact: Counts) {
        var counts = Counts()
        var exact = Counts()
        for (field, numbers) in clause.fields {
            if numbers.count == 1 {
                guard cursors[numbers[0]] != nil, let posting = cursors[numbers[0]]!.posting(doc) else { continue }
                counts[field] = posting.freq
                // Ranking needs only whether the exact spelling occurs; --exact needs how often.
                exact[field] =
                    options.exactOnly
                    ? try cursors[numbers[0]]!.exactCount(doc, in: segment)
                    : (try cursors[numbers[0]]!.hasExact(doc, in: segment) ? 1 : 0)
                continue
            }
            // Phrase: every term at the first term's position plus its offset.
            var present = true
            for number in numbers {
                guard cursors[number] != nil, cursors[number]!.posting(doc) != nil else {
                    present = false
                    break
                }
                try cursors[number]!.decode(doc, in: segment)
            }
            guard present else { continue }
            var pointers = [Int](repeating: 0, count: numbers.count)
            let first = cursors[numbers[0]]!
            for (i, start) in first.positions.enumerated() {
                var all = true
                var allExact = first.isExact(at: i)
                for k in 1..<numbers.count {
                    let other = cursors[numbers[k]]!
                    let target = start + Int32(k)
                    while pointers[k] < other.positions.count && other.positions[pointers[k]] < target {
                        pointers[k] += 1
                    }
                    guard pointers[k] < other.positions.count && other.positions[pointers[k]] == target else {
                        all = false
                        break
                    }
                    if !other.isExact(at: pointers[k]) { allExact = false }
                }
                if all {
                    counts[field] += 1
                    if allExact { exact[field] += 1 }
                }
            }
        }
        return (counts, exact)
    }

    /// Places in `doc` where term `a` is immediately followed by term `b`; for a query typed
    /// with diacritics, both in their exact spelling.
    private mutating func adjacent(_ a: Int, _ b: Int, doc: Int) throws -> Int {
        guard cursors[a] != nil, cursors[b] != nil, cursors[a]!.posting(doc) != nil, cursors[b]!.posting(doc) != nil
        else {
            return 0
        }
        try cursors[a]!.decode(doc, in: segment)
        try cursors[b]!.decode(doc, in: segment)
        let first = cursors[a]!
        let second = cursors[b]!
        var j = 0
        var count = 0
        for (i, p) in first.positions.enumerated() {
            while j < second.positions.count && second.positions[j] < p + 1 { j += 1 }
            if j < second.positions.count && second.positions[j] == p + 1 && first.isExact(at: i)
                && second.isExact(at: j)
            {
                count += 1
            }
        }
        return count
    }
}
