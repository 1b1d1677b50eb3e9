/// Evaluates a query on one segment, in two steps per document:
///
/// 1. **Candidates** come from the postings alone: the intersection of the required
///    clauses (each the union of its fields), plus the documents citing the directive the
///    query names. Every candidate that matches is counted.
/// 2. **Ranking keys.** The cheap ones (citations, exact spellings from the variant masks,
///    BM25 from frequencies and field lengths) are computed for every match. Adjacent
///    query words need positions, so they are computed only for a match whose best possible
///    rank (every pair adjacent, the largest proximity bonus its frequencies allow) could
///    still enter the top `limit`. Phrases and `--exact` always read positions: they decide
///    whether a document matches at all.
struct SegmentEvaluator {
    let segment: SegmentReader
    let ordinal: Int
    let searcher: Searcher
    let statistics: Statistics
    let options: SearchOptions
    /// Documents citing the directive the query names, with their mention counts.
    let citing: [Int: Int]

    /// One entry per distinct (term, field) of the query, with its dictionary entry; nil
    /// where the segment lacks it.
    private var terms: [(term: Query.Term, info: TermInfo)?] = []
    /// The cursors of `terms`, once `load` has read their postings.
    private var cursors: [TermCursor?] = []
    private var cursorIndex: [CursorKey: Int] = [:]
    /// Scratch lists of the phrase matcher, reused from document to document.
    private var phraseTerms: [(cursor: TermCursor, posting: Int)] = []
    private var phrasePointers: [Int] = []
    /// The documents being evaluated: the whole segment, or one window of it.
    private var window: ClosedRange<Int32> = 0...Int32.max

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

    /// A single-word clause of an alternative, in query order, for adjacency.
    private struct ProximityTerm {
        var title: Int
        var body: Int
        var idf: Double
    }

    /// What ranks a match under one alternative, before adjacency is known.
    private struct Partial {
        var tier: Int
        var score: Double
        /// Pairs of consecutive words that could be adjacent, and the largest bonus they
        /// could add.
        var pairBound: Int
        var bonusBound: Double
    }

    /// The matches of one alternative, ascending, with their partial ranking keys.
    private struct AlternativeMatches {
        var docs: [Int32] = []
        var partials: [Partial] = []

        /// The partial keys of `doc`, or nil when it does not match; docs must be asked in
        /// ascending order.
        func partial(_ doc: Int32, from pointer: inout Int) -> Partial? {
            SortedDocs.find(doc, in: docs, from: &pointer).map { partials[$0] }
        }
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
        let info = try statistics.info(segment: ordinal, field: field, folded: term.folded, in: segment)
        terms.append(info.map { (term, $0) })
        cursorIndex[key] = terms.count - 1
        return terms.count - 1
    }

    /// Opens cursor `n` unless it is open or the segment lacks its term.
    private mutating func open(_ n: Int, restrictedTo candidates: [Int32]?) throws {
        guard cursors[n] == nil, let (term, info) = terms[n] else { return }
        cursors[n] = try TermCursor(term: term, info: info, segment: segment, restrictedTo: candidates)
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
    private func clauseCandidates(_ clause: BoundClause) -> [Int32] {
        var union: [Int32] = []
        for (_, numbers) in clause.fields {
            var docs: [Int32]? = nil
            for number in numbers {
                let list = cursors[number].map { SortedDocs.slice($0.docs, window) } ?? []
                docs = docs.map { SortedDocs.intersection($0, list) } ?? list
            }
            union = SortedDocs.union(union, docs ?? [])
        }
        return union
    }

    /// How many admitted windows in a row are evaluated together.
    static let windowsPerEvaluation = 4

    /// The query bound to this segment's postings.
    private struct Plan {
        var alternatives: [[BoundClause]]
        var proximity: [[ProximityTerm]]
        var excludedDocs: [Int32]
        var excludedPhrases: [BoundClause]
        /// Documents citing the directive the query names, ascending.
        var citing: [Int32]
        /// For a query of one alternative with several clauses: the documents holding
        /// every clause, found while reading the postings.
        var candidates: [Int32]? = nil
    }

    /// Counts the matches of `query` into `total` and returns the ones that may rank in the
    /// top `options.limit`, with their complete ranking keys (ties included).
    ///
    /// When `options.countsMatches` is false, the segment is walked in windows that end
    /// where a block of one of the query's posting lists ends; a window whose best possible
    /// rank (from the blocks' impacts: the best BM25 any of their documents can score)
    /// cannot enter the top `limit` is skipped without reading its documents, as
    /// block-max WAND does. `total` is then left as it is.
    mutating func collect(_ query: Query, total: inout Int) throws -> [ScoredDoc] {
        let plan = try bind(query)
        var top = TopRanks(limit: max(0, options.limit))
        guard segment.docCount > 0 else { return [] }
        let last = Int32(segment.docCount - 1)
        // Windows pay where a block's impacts bound a match tightly: queries of one word per
        // alternative. The best documents of several words, or of a phrase and its words,
        // seldom coincide (measured: hardly a window skipped).
        if options.countsMatches || top.limit == 0
            || plan.alternatives.contains(where: { $0.count > 1 || $0.contains { $0.clause.isPhrase } })
        {
            window = 0...last
            try evaluate(plan, top: &top, total: &total)
            return top.result
        }
        var hints = [Int](repeating: 0, count: cursors.count)
        var citingHint = 0
        var start: Int32 = 0
        var uncounted = 0
        // Admitted windows in a row are evaluated together, a few at a time: evaluating
        // has a fixed cost per call.
        var pending: (range: ClosedRange<Int32>, windows: Int)? = nil
        func flush(_ evaluator: inout SegmentEvaluator) throws {
            guard let run = pending else { return }
            evaluator.window = run.range
            try evaluator.evaluate(plan, top: &top, total: &uncounted)
            pending = nil
        }
        while start <= last {
            // The window ends with the first block end among the lists still holding documents.
            var end: Int32? = nil
            for (n, cursor) in cursors.enumerated() {
                guard let list = cursor?.list else { continue }
                _ = SortedDocs.find(start, in: list.docs, from: &hints[n])
                guard hints[n] < list.count else { continue }
                let blockEnd = list.docs[
                    min(list.count, (hints[n] / BitPacking.blockSize + 1) * BitPacking.blockSize) - 1]
                end = min(end ?? blockEnd, blockEnd)
            }
            _ = SortedDocs.find(start, in: plan.citing, from: &citingHint)
            if end == nil && citingHint < plan.citing.count { end = last }
            guard let end else { break }
            let current = start...min(end, last)
            window = current
            if let bound = bound(plan, hints: hints, citingFrom: citingHint), top.admits(bound) {
                let first = pending?.range.lowerBound ?? current.lowerBound
                pending = (first...current.upperBound, (pending?.windows ?? 0) + 1)
                if pending!.windows == Self.windowsPerEvaluation { try flush(&self) }
            } else {
                try flush(&self)
            }
            start = current.upperBound &+ 1
            if start <= current.upperBound { break }
        }
        try flush(&self)
        return top.result
    }

    private mutating func bind(_ query: Query) throws -> Plan {
        let alternatives = try query.alternatives.map { try $0.map { try bind($0) } }
        let proximity = try query.alternatives.map { alternative in
            try Query.proximitySequence(alternative).map { term in
                ProximityTerm(
                    title: try cursor(term, .title), body: try cursor(term, .body),
                    idf: statistics.idf[term.folded] ?? 0)
            }
        }
        // Excluded words rule documents out from their postings; excluded phrases need
        // positions, so they are checked per match.
        var plan = Plan(
            alternatives: alternatives, proximity: proximity, excludedDocs: [], excludedPhrases: [],
            citing: citing.keys.map { Int32($0) }.sorted())
        let excluded = try query.excluded.map { try bind($0) }
        try load(&plan)
        for clause in excluded {
            if clause.clause.isPhrase {
                plan.excludedPhrases.append(clause)
            } else {
                for (_, numbers) in clause.fields {
                    plan.excludedDocs = SortedDocs.union(plan.excludedDocs, cursors[numbers[0]]?.docs ?? [])
                }
            }
        }
        return plan
    }

    /// Reads the postings of the query's terms. For one alternative of several clauses,
    /// the rarest clause is read whole; each other clause then reads only the blocks that
    /// could hold a document every clause so far holds, and so on down to the terms used
    /// only for adjacency or exclusion. Other queries read every posting.
    private mutating func load(_ plan: inout Plan) throws {
        cursors = Array(repeating: nil, count: terms.count)
        guard plan.alternatives.count == 1, plan.alternatives[0].count > 1 else {
            for n in 0..<terms.count { try open(n, restrictedTo: nil) }
            return
        }
        /// Documents holding the clause, at most, from the dictionary alone.
        func estimate(_ clause: BoundClause) -> Int {
            clause.fields.reduce(0) { sum, field in
                sum + field.cursors.map { terms[$0]?.info.docFreq ?? 0 }.min()!
            }
        }
        var candidates: [Int32]? = nil
        for clause in plan.alternatives[0].sorted(by: { estimate($0) < estimate($1) }) {
            // Citing documents are asked of every list too (exclusions), so they stay.
            let asked = candidates.map { SortedDocs.union($0, plan.citing) }
            for (_, numbers) in clause.fields {
                for n in numbers { try open(n, restrictedTo: asked) }
            }
            let holding = clauseCandidates(clause)
            candidates = candidates.map { SortedDocs.intersection($0, holding) } ?? holding
        }
        // Adjacency and exclusions are asked only of matches, and of citing documents.
        let asked = SortedDocs.union(candidates ?? [], plan.citing)
        for n in 0..<terms.count { try open(n, restrictedTo: asked) }
        plan.candidates = candidates
    }

    /// The best rank a document of `window` could reach, from the impacts of the blocks
    /// the window lies in; nil when no document of it can match. `hints` hold, per
    /// cursor, its first posting at or after the window's start.
    private func bound(_ plan: Plan, hints: [Int], citingFrom citingHint: Int) -> Rank? {
        var citations = 0
        var k = citingHint
        while k < plan.citing.count && plan.citing[k] <= window.upperBound {
            citations = max(citations, self.citing[Int(plan.citing[k])] ?? 0)
            k += 1
        }
        var best: Rank? =
            k > citingHint ? Rank(citations: citations, tier: 0, adjacentPairs: 0, score: 0) : nil
        /// The largest saturated frequency of cursor `n` in the window; nil when absent.
        func maxTf(_ n: Int, _ field: Field) -> Double? {
            guard let list = cursors[n]?.list, hints[n] < list.count, list.docs[hints[n]] <= window.upperBound else {
                return nil
            }
            let average = field == .title ? statistics.averageTitle : statistics.averageBody
            let block = hints[n] / BitPacking.blockSize
            let blockStart = block * BitPacking.blockSize
            var result = 0.0
            if block + 1 < list.impactStarts.count && list.docs[blockStart] >= window.lowerBound
                && list.docs[blockStart + BitPacking.blockSize - 1] <= window.upperBound
            {
                // The whole block lies in the window: its impacts bound it.
                for i in Int(list.impactStarts[block])..<Int(list.impactStarts[block + 1]) {
                    let tf = searcher.bm25.tf(
                        Double(list.impactFreqs[i]), length: Int(list.impactLengths[i]), averageLength: average)
                    result = max(result, tf)
                }
            } else {
                // Part of a block (or of the tail): its few postings in the window are read.
                var i = hints[n]
                while i < list.count && list.docs[i] <= window.upperBound {
                    let tf = searcher.bm25.tf(
                        Double(list.freqs[i]), length: segment.length(Int(list.docs[i]), field), averageLength: average)
                    result = max(result, tf)
                    i += 1
                }
            }
            return result
        }
        alternatives: for (a, alternative) in plan.alternatives.enumerated() where !alternative.isEmpty {
            var tier = 0
            var score = 0.0
            for clause in alternative {
                var clauseBound: Double? = nil
                for (field, numbers) in clause.fields {
                    // A phrase occurs no more often than any of its words.
                    var fieldBound = Double.infinity
                    for number in numbers {
                        guard let tf = maxTf(number, field) else {
                            fieldBound = -1
                            break
                        }
                        fieldBound = min(fieldBound, tf)
                    }
                    guard fieldBound >= 0 else { continue }
                    let weight = field == .title ? searcher.bm25.titleWeight : 1
                    clauseBound = (clauseBound ?? 0) + weight * fieldBound
                }
                guard let clauseBound else { continue alternatives }
                score += clause.idf * clauseBound
                if clause.clause.exactMatters { tier += 1 }
            }
            let proximity = plan.proximity[a]
            var pairs = 0
            for i in 0..<max(0, proximity.count - 1) {
                let title = maxTf(proximity[i].title, .title) != nil && maxTf(proximity[i + 1].title, .title) != nil
                let first = maxTf(proximity[i].body, .body)
                let second = maxTf(proximity[i + 1].body, .body)
                guard title || (first != nil && second != nil) else { continue }
                pairs += 1
                if let first, let second {
                    score +=
                        searcher.model.pairBonusBound(idfs: proximity[i].idf + proximity[i + 1].idf)
                        * min(first, second)
                }
            }
            let rank = Rank(citations: citations, tier: tier, adjacentPairs: pairs, score: score)
            if best.map({ $0 < rank }) ?? true { best = rank }
        }
        return best
    }

    /// Evaluates every document of `window`: counts its matches into `total` and adds
    /// those that may rank in the top `limit` to `top`.
    private mutating func evaluate(_ plan: Plan, top: inout TopRanks, total: inout Int) throws {
        var matches: [AlternativeMatches] = []
        for (a, alternative) in plan.alternatives.enumerated() {
            matches.append(
                try alternativeMatches(alternative, proximity: plan.proximity[a], candidates: plan.candidates))
        }
        for case let cursor? in cursors { cursor.rewind() }

        // Articles citing the directive the query names match even without its words.
        var all = SortedDocs.slice(plan.citing, window)
        for alternative in matches { all = SortedDocs.union(all, alternative.docs) }
        var partials = [Partial?](repeating: nil, count: plan.alternatives.count)
        var pointers = [Int](repeating: 0, count: plan.alternatives.count)
        var excludedHint = 0
        for doc32 in all {
            let doc = Int(doc32)
            var matched = false
            for a in 0..<matches.count {
                partials[a] = matches[a].partial(doc32, from: &pointers[a])
                if partials[a] != nil { matched = true }
            }
            let citations = citing[doc] ?? 0
            guard matched || citations > 0, !segment.deleted.contains(doc) else { continue }
            if SortedDocs.find(doc32, in: plan.excludedDocs, from: &excludedHint) != nil { continue }
            if try isExcluded(doc32, by: plan.excludedPhrases) { continue }
            total += 1
            guard top.limit > 0 else { continue }

            // The best rank this match could reach once adjacency is known.
            var bound = Rank(citations: citations, tier: 0, adjacentPairs: 0, score: 0)
            var boundIsExact = true
            for case let partial? in partials {
                let rank = Rank(
                    citations: citations, tier: partial.tier, adjacentPairs: partial.pairBound,
                    score: partial.score + partial.bonusBound)
                if bound < rank { bound = rank }
                if partial.pairBound > 0 { boundIsExact = false }
            }
            guard top.admits(bound) else { continue }

            var rank = bound
            if !boundIsExact {
                rank = Rank(citations: citations, tier: 0, adjacentPairs: 0, score: 0)
                for (a, partial) in partials.enumerated() {
                    guard let partial else { continue }
                    let (pairs, bonus) = try adjacency(plan.proximity[a], doc: doc32)
                    let complete = Rank(
                        citations: citations, tier: partial.tier, adjacentPairs: pairs, score: partial.score + bonus)
                    if rank < complete { rank = complete }
                }
                guard top.admits(rank) else { continue }
            }
            top.add(
                ScoredDoc(address: DocAddress(segment: ordinal, doc: doc), rank: rank))
        }
    }

    /// The documents matching one alternative, with their partial ranking keys, computed a
    /// clause at a time over all candidates (single words straight from the postings).
    private mutating func alternativeMatches(
        _ alternative: [BoundClause], proximity: [ProximityTerm], candidates known: [Int32]?
    ) throws -> AlternativeMatches {
        guard !alternative.isEmpty else { return AlternativeMatches() }
        var candidates = known
        if candidates == nil {
            for list in alternative.map({ clauseCandidates($0) }).sorted(by: { $0.count < $1.count }) {
                candidates = candidates.map { SortedDocs.intersection($0, list) } ?? list
                if candidates!.isEmpty { break }
            }
        }
        let docs = candidates ?? []
        var alive = [Bool](repeating: true, count: docs.count)
        var tiers = [Int32](repeating: 0, count: docs.count)
        var scores = [Double](repeating: 0, count: docs.count)
        // Per cursor of a one-word clause: its frequency in each candidate where it occurs
        // in its exact spelling (0 elsewhere); pairs of query words are bounded from these.
        var exactFreqsByCursor: [Int: [Int32]] = [:]
        for clause in alternative {
            if !clause.clause.isPhrase && !(options.exactOnly && clause.clause.exactMatters) {
                var found = [UInt8](repeating: 0, count: docs.count)  // bit 0: occurs; bit 1: exact spelling
                for (field, numbers) in clause.fields {
                    guard let cursor = cursors[numbers[0]] else { continue }
                    // Pairs of words exist only in queries of several words.
                    var exactFreqs = [Int32](repeating: 0, count: proximity.count > 1 ? docs.count : 0)
                    try accumulate(
                        cursor, field: field, idf: clause.idf, docs: docs, scores: &scores, found: &found,
                        exactFreqs: &exactFreqs)
                    if proximity.count > 1 { exactFreqsByCursor[numbers[0]] = exactFreqs }
                }
                for k in 0..<docs.count {
                    if found[k] == 0 { alive[k] = false }
                    if clause.clause.exactMatters && found[k] & 2 != 0 { tiers[k] += 1 }
                }
                continue
            }
            for case let cursor? in cursors { cursor.rewind() }
            for k in 0..<docs.count where alive[k] {
                let (counts, exactCounts) = try match(clause, doc: docs[k])
                let used = options.exactOnly && clause.clause.exactMatters ? exactCounts : counts
                guard used.total > 0 else {
                    alive[k] = false
                    continue
                }
                if clause.clause.exactMatters && exactCounts.total > 0 { tiers[k] += 1 }
                scores[k] += clauseScore(clause.idf, used, doc: Int(docs[k]))
            }
        }
        var result = AlternativeMatches()
        for case let cursor? in cursors { cursor.rewind() }
        /// The exact-spelling frequencies of cursor `n` per candidate, when known: all 0
        /// for a term the segment lacks.
        let none = [Int32](repeating: 0, count: proximity.count > 1 ? docs.count : 0)
        func exactFreqs(_ n: Int) -> [Int32]? { cursors[n] == nil ? none : exactFreqsByCursor[n] }
        let pairFreqs = (0..<max(0, proximity.count - 1)).map { i in
            (
                title: exactFreqs(proximity[i].title).flatMap { a in exactFreqs(proximity[i + 1].title).map { (a, $0) }
                },
                body: exactFreqs(proximity[i].body).flatMap { a in exactFreqs(proximity[i + 1].body).map { (a, $0) } }
            )
        }
        /// Whether both words of pair `i` occur in candidate `k` in their exact spelling
        /// (in the title; in the body, with the most adjacent pairs they could form).
        func pair(_ i: Int, _ k: Int) throws -> (title: Bool, body: Int?) {
            let title: Bool
            if let (a, b) = pairFreqs[i].title {
                title = a[k] > 0 && b[k] > 0
            } else {
                title = try bothPresent(proximity[i].title, proximity[i + 1].title, doc: docs[k]) != nil
            }
            if let (a, b) = pairFreqs[i].body {
                return (title, a[k] > 0 && b[k] > 0 ? Int(min(a[k], b[k])) : nil)
            }
            return (title, try bothPresent(proximity[i].body, proximity[i + 1].body, doc: docs[k]))
        }
        for k in 0..<docs.count where alive[k] {
            var partial = Partial(tier: Int(tiers[k]), score: scores[k], pairBound: 0, bonusBound: 0)
            if proximity.count > 1 {
                let length = segment.length(Int(docs[k]), .body)
                for i in 0..<(proximity.count - 1) {
                    let (titlePossible, body) = try pair(i, k)
                    guard titlePossible || body != nil else { continue }
                    partial.pairBound += 1
                    if let body {
                        partial.bonusBound += pairBonus(proximity[i], proximity[i + 1], count: body, length: length)
                    }
                }
            }
            result.docs.append(docs[k])
            result.partials.append(partial)
        }
        return result
    }

    /// Adds one word's BM25 in one field to the score of each candidate holding it, and
    /// marks in `found` which candidates hold it (bit 0) and in its exact spelling (bit 1);
    /// `exactFreqs`, unless empty, receives its frequency where it occurs in its exact
    /// spelling.
    private func accumulate(
        _ cursor: TermCursor, field: Field, idf: Double, docs: [Int32], scores: inout [Double], found: inout [UInt8],
        exactFreqs: inout [Int32]
    ) throws {
        let bm25 = searcher.bm25
        let average = field == .title ? statistics.averageTitle : statistics.averageBody
        let weight = idf * (field == .title ? bm25.titleWeight : 1)
        let c1 = bm25.k1 * (1 - bm25.b)
        let c2 = bm25.k1 * bm25.b / average
        let postings = cursor.list.docs
        let freqs = cursor.list.freqs
        var hint = 0
        for k in 0..<docs.count {
            guard let i = SortedDocs.find(docs[k], in: postings, from: &hint) else {
                if hint == postings.count { break }
                continue
            }
            let f = Double(freqs[i])
            let length = Double(segment.length(Int(docs[k]), field))
            scores[k] += weight * f / (f + c1 + c2 * length)
            if try cursor.hasExact(i) {
                found[k] |= 3
                if !exactFreqs.isEmpty { exactFreqs[k] = freqs[i] }
            } else {
                found[k] |= 1
            }
        }
    }

    private mutating func isExcluded(_ doc: Int32, by excluded: [BoundClause]) throws -> Bool {
        for clause in excluded where try match(clause, doc: doc).counts.total > 0 { return true }
        return false
    }

    /// When both terms occur in `doc` (in their exact spelling, where that matters), the
    /// most adjacent pairs they could form; nil otherwise.
    private func bothPresent(_ a: Int, _ b: Int, doc: Int32) throws -> Int? {
        guard let first = cursors[a], let second = cursors[b], let i = first.find(doc), let j = second.find(doc),
            try first.hasExact(i), try second.hasExact(j)
        else { return nil }
        return min(first.freq(i), second.freq(j))
    }

    private func pairBonus(_ a: ProximityTerm, _ b: ProximityTerm, count: Int, length: Int) -> Double {
        searcher.model.pairBonus(
            idfs: a.idf + b.idf, count: count, length: length, averageLength: statistics.averageBody)
    }

    /// How many pairs of consecutive query words stand adjacent in `doc` (in title or
    /// body), and the bonus for how often they do in the body.
    private mutating func adjacency(_ proximity: [ProximityTerm], doc: Int32) throws -> (pairs: Int, bonus: Double) {
        guard proximity.count > 1 else { return (0, 0) }
        var pairs = 0
        var bonus = 0.0
        for i in 0..<(proximity.count - 1) {
            let title = try adjacent(proximity[i].title, proximity[i + 1].title, doc: doc)
            let body = try adjacent(proximity[i].body, proximity[i + 1].body, doc: doc)
            guard title + body > 0 else { continue }
            pairs += 1
            if body > 0 {
                bonus += pairBonus(
                    proximity[i], proximity[i + 1], count: body, length: segment.length(Int(doc), .body))
            }
        }
        return (pairs, bonus)
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
    private mutating func match(_ clause: BoundClause, doc: Int32) throws -> (counts: Counts, exact: Counts) {
        var counts = Counts()
        var exact = Counts()
        for (field, numbers) in clause.fields {
            if numbers.count == 1 {
                guard let cursor = cursors[numbers[0]], let i = cursor.find(doc) else { continue }
                counts[field] = cursor.freq(i)
                // Ranking needs only whether the exact spelling occurs; --exact needs how often.
                exact[field] = options.exactOnly ? try cursor.exactCount(i) : (try cursor.hasExact(i) ? 1 : 0)
                continue
            }
            // Phrase: every term at the first term's position plus its offset. The term and
            // pointer lists are reused from document to document.
            phraseTerms.removeAll(keepingCapacity: true)
            for number in numbers {
                guard let cursor = cursors[number], let i = cursor.find(doc) else { break }
                phraseTerms.append((cursor, i))
            }
            guard phraseTerms.count == numbers.count else { continue }
            // Positions are decoded only once every term is known to be in the document.
            for (cursor, i) in phraseTerms { try cursor.decode(i) }
            phrasePointers.removeAll(keepingCapacity: true)
            phrasePointers.append(contentsOf: repeatElement(0, count: phraseTerms.count))
            let first = phraseTerms[0].cursor
            for (i, start) in first.positions.enumerated() {
                var all = true
                var allExact = first.isExact(at: i)
                for k in 1..<phraseTerms.count {
                    let other = phraseTerms[k].cursor
                    let target = start + Int32(k)
                    var p = phrasePointers[k]
                    while p < other.positions.count && other.positions[p] < target { p += 1 }
                    phrasePointers[k] = p
                    guard p < other.positions.count && other.positions[p] == target else {
                        all = false
                        break
                    }
                    if !other.isExact(at: p) { allExact = false }
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
    private func adjacent(_ a: Int, _ b: Int, doc: Int32) throws -> Int {
        guard let first = cursors[a], let second = cursors[b], let i = first.find(doc), let j = second.find(doc) else {
            return 0
        }
        try first.decode(i)
        try second.decode(j)
        var k = 0
        var count = 0
        for (p, position) in first.positions.enumerated() {
            while k < second.positions.count && second.positions[k] < position + 1 { k += 1 }
            if k < second.positions.count && second.positions[k] == position + 1 && first.isExact(at: p)
                && second.isExact(at: k)
            {
                count += 1
            }
        }
        return count
    }
}
