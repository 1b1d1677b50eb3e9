/// Evaluates a query on one segment: finds candidate documents from the postings (a
/// conjunction of the required groups), then checks positions where they matter (phrases,
/// exact spellings, proximity) and scores each match.
struct SegmentEvaluator {
    let segment: SegmentReader
    let ordinal: Int
    let searcher: Searcher
    let statistics: Statistics
    let options: SearchOptions

    /// Postings of a (field, folded term) key, read once per query.
    private var cache: [[UInt8]: (TermInfo, [Posting])?] = [:]
    private var positionScratch: [Int32] = []
    private var variantScratch: [UInt8] = []

    init(segment: SegmentReader, ordinal: Int, searcher: Searcher, statistics: Statistics, options: SearchOptions) {
        self.segment = segment
        self.ordinal = ordinal
        self.searcher = searcher
        self.statistics = statistics
        self.options = options
    }

    /// How one clause matches one document, per field (0 title, 1 body).
    private struct ClauseMatch {
        var tf: [Double] = [0, 0]
        var exactTF: [Double] = [0, 0]
        var matched: Bool { tf[0] + tf[1] > 0 }
        var matchedExactly: Bool { exactTF[0] + exactTF[1] > 0 }
    }

    mutating func collect(_ query: Query, into matches: inout [ScoredDoc]) throws {
        // Candidates: intersection over groups of the union of their clauses' documents.
        var candidates: [Int]? = nil
        for group in query.required.sorted(by: { $0.count < $1.count }) {
            var union = Set<Int>()
            for clause in group { union.formUnion(try candidateDocs(clause)) }
            let docs = union.sorted()
            candidates = candidates.map { intersect($0, docs) } ?? docs
            if candidates?.isEmpty ?? true { return }
        }
        let proximity = query.proximitySequence
        for doc in candidates ?? [] where !segment.deleted.contains(doc) {
            var tier = 0
            var score = 0.0
            var ok = true
            for group in query.required {
                var groupMatched = false
                for clause in group {
                    let match = try self.match(clause, doc: doc)
                    let counts = options.exactOnly && clause.hasDiacritics ? match.exactTF : match.tf
                    guard counts[0] + counts[1] > 0 else { continue }
                    groupMatched = true
                    if clause.hasDiacritics && match.matchedExactly { tier += 1 }
                    score += clauseScore(clause, counts, doc: doc)
                }
                if !groupMatched {
                    ok = false
                    break
                }
            }
            guard ok else { continue }
            var excluded = false
            for clause in query.excluded where try self.match(clause, doc: doc).matched {
                excluded = true
                break
            }
            if excluded { continue }
            var pairs = 0
            if proximity.count > 1 {
                let (count, bonus) = try proximityScore(proximity, doc: doc)
                pairs = count
                score += bonus
            }
            let address = DocAddress(segment: ordinal, doc: doc)
            if let boost = searcher.boost { score += boost(address) }
            matches.append(ScoredDoc(address: address, tier: tier, adjacentPairs: pairs, score: score))
        }
    }

    private func clauseScore(_ clause: Query.Clause, _ counts: [Double], doc: Int) -> Double {
        let idf = clause.terms.reduce(0.0) { $0 + (statistics.idf[$1.folded] ?? 0) }
        let bm25 = searcher.bm25
        let title = bm25.tf(counts[0], length: segment.length(doc, .title), averageLength: statistics.averageTitle)
        let body = bm25.tf(counts[1], length: segment.length(doc, .body), averageLength: statistics.averageBody)
        return idf * (bm25.titleWeight * title + body)
    }

    /// How many pairs of consecutive query words stand adjacent and in order in the title or
    /// body, and a bonus growing (saturated, like BM25's tf) with how often they do in the body.
    private mutating func proximityScore(_ terms: [Query.Term], doc: Int) throws -> (pairs: Int, bonus: Double) {
        var pairs = 0
        var bonus = 0.0
        var lists: [Field: [[Int32]]] = [:]
        for field in [Field.title, .body] {
            var perTerm: [[Int32]] = []
            for term in terms { perTerm.append(try positions(of: term, field: field, doc: doc)?.positions ?? []) }
            lists[field] = perTerm
        }
        for i in 0..<(terms.count - 1) {
            var found = false
            for field in [Field.title, .body] {
                let first = lists[field]![i]
                let second = lists[field]![i + 1]
                guard !first.isEmpty && !second.isEmpty else { continue }
                let next = Set(second)
                let adjacent = first.reduce(0) { $0 + (next.contains($1 + 1) ? 1 : 0) }
                guard adjacent > 0 else { continue }
                found = true
                if field == .body {
                    let idf = (statistics.idf[terms[i].folded] ?? 0) + (statistics.idf[terms[i + 1].folded] ?? 0)
                    let tf = searcher.bm25.tf(
                        Double(adjacent), length: segment.length(doc, .body), averageLength: statistics.averageBody)
                    bonus += searcher.proximityWeight * idf * tf
                }
            }
            if found { pairs += 1 }
        }
        return (pairs, bonus)
    }

    private func fields(_ clause: Query.Clause) -> [Field] { clause.field.map { [$0] } ?? [.title, .body] }

    /// Documents that may match a clause: for a phrase, those holding all its terms.
    private mutating func candidateDocs(_ clause: Query.Clause) throws -> [Int] {
        var union = Set<Int>()
        for field in fields(clause) {
            var docs: [Int]? = nil
            for term in clause.terms {
                let list = try postings(term.folded, field)?.1.map(\.doc) ?? []
                docs = docs.map { intersect($0, list) } ?? list
            }
            union.formUnion(docs ?? [])
        }
        return Array(union)
    }

    private mutating func postings(_ folded: [UInt8], _ field: Field) throws -> (TermInfo, [Posting])? {
        let key = [field.rawValue] + folded
        if let cached = cache[key] { return cached }
        var entry: (TermInfo, [Posting])? = nil
        if let info = try segment.lookup(key) { entry = (info, try segment.postings(info)) }
        cache[key] = entry
        return entry
    }

    private mutating func posting(_ folded: [UInt8], _ field: Field, doc: Int) throws -> (TermInfo, Posting)? {
        guard let (info, list) = try postings(folded, field) else { return nil }
        var low = 0
        var high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].doc < doc { low = mid + 1 } else { high = mid }
        }
        guard low < list.count, list[low].doc == doc else { return nil }
        return (info, list[low])
    }

    /// Positions of a term in a document's field, with whether each is the exact spelling.
    private mutating func positions(of term: Query.Term, field: Field, doc: Int) throws -> (
        positions: [Int32], exact: [Bool]
    )? {
        guard let (info, posting) = try posting(term.folded, field, doc: doc) else { return nil }
        try segment.positions(
            posting, variantBits: SegmentWriter.variantBits(info.variants.count), into: &positionScratch,
            variants: &variantScratch)
        let exactVariant = info.variants.firstIndex(of: term.exact)
        let exact = variantScratch.map { exactVariant != nil && Int($0) == exactVariant! }
        return (positionScratch, exact)
    }

    private mutating func match(_ clause: Query.Clause, doc: Int) throws -> ClauseMatch {
        var match = ClauseMatch()
        for field in fields(clause) {
            let f = Int(field.rawValue)
            if !clause.isPhrase {
                let term = clause.terms[0]
                guard let (info, posting) = try posting(term.folded, field, doc: doc) else { continue }
                match.tf[f] = Double(posting.freq)
                if !term.hasDiacritics {
                    match.exactTF[f] = Double(posting.freq)
                } else if let variant = info.variants.firstIndex(of: term.exact) {
                    if info.variants.count == 1 {
                        match.exactTF[f] = Double(posting.freq)
                    } else {
                        let found = try positions(of: term, field: field, doc: doc)
                        match.exactTF[f] = Double(found?.exact.filter { $0 }.count ?? 0)
                        _ = variant
                    }
                }
                continue
            }
            // Phrase: positions of the first term shifted by each term's offset.
            var lists: [(positions: [Int32], exact: [Bool])] = []
            for term in clause.terms {
                guard let found = try positions(of: term, field: field, doc: doc) else { break }
                lists.append(found)
            }
            guard lists.count == clause.terms.count else { continue }
            var maps: [[Int32: Bool]] = []
            for list in lists.dropFirst() {
                var map: [Int32: Bool] = [:]
                for (p, e) in zip(list.positions, list.exact) { map[p] = e }
                maps.append(map)
            }
            var count = 0
            var exactCount = 0
            for (p, e) in zip(lists[0].positions, lists[0].exact) {
                var all = true
                var allExact = e || !clause.terms[0].hasDiacritics
                for (i, map) in maps.enumerated() {
                    guard let isExact = map[p + Int32(i + 1)] else {
                        all = false
                        break
                    }
                    if clause.terms[i + 1].hasDiacritics && !isExact { allExact = false }
                }
                if all {
                    count += 1
                    if allExact { exactCount += 1 }
                }
            }
            match.tf[f] = Double(count)
            match.exactTF[f] = Double(exactCount)
        }
        return match
    }
}

/// Intersection of two ascending lists.
func intersect(_ a: [Int], _ b: [Int]) -> [Int] {
    var result: [Int] = []
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
        if a[i] == b[j] {
            result.append(a[i])
            i += 1
            j += 1
        } else if a[i] < b[j] {
            i += 1
        } else {
            j += 1
        }
    }
    return result
}
