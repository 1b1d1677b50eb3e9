import VietAnalysis

#if canImport(Glibc)
    import Glibc
#else
    import Foundation
#endif

/// Reads each syllable of a query as what the user most likely meant, from the archive's
/// own spelling statistics (`SpellingStatistics`), between the parser and the search:
///
/// - typed with diacritics: as typed, unless the spelling is rare and its neighbours say it
///   is a slip of tone or mark (`chính phũ` → `chính phủ`, `sôt xuât huyêt` → `sốt xuất
///   huyết`). A spelling common in its own right (`chó`, `lợn`, `bão`, `khóa`) is
///   corrected only when a neighbour stands beside another spelling of it at least 100
///   times as often (`tại nạn` → `tai nạn`; `con chó` stays);
/// - typed without diacritics (in any query): every spelling matches, and the most likely
///   one, when clearly so, ranks first (`Ha Noi` → `Hà Nội`, `giá vang` → `giá vàng`);
/// - Telex or VNI keystrokes (`hoatj`, `No65i`): decoded when the archive holds no such
///   word as typed and holds the decoding. Such a word makes the whole query one typed
///   with keystrokes: its other words may be keystrokes too even where the archive knows
///   them as typed (`cos` → `có`, `sex` → `sẽ`, read by the context), and its words without
///   keystrokes are taken as typed (`chi`, `hon`: no diacritic was typed because none is
///   meant);
/// - a word no article holds: the word one letter away that fits its neighbours
///   (`giao thôg` → `giao thông`).
///
/// The model is a noisy channel: a syllable-bigram language model of the archive (counts
/// interpolated with syllable frequencies) times the likelihood of typing what was typed
/// for each reading, maximised over the query by Viterbi. Quoted phrases, codes, `title:`
/// clauses and exclusions are read as typed.
struct QueryReader {
    let statistics: any SpellingStatistics
    let analyzer: Analyzer

    /// Weight of the pair counts against the syllable frequencies in the language model.
    static let pairWeight = 0.9
    /// Likelihood of typing a spelling when another one of the same letters was meant (a
    /// slip of tone or mark).
    static let toneSlip = 1e-3
    /// Likelihood of typing a word one letter away from the one meant.
    static let letterSlip = 1e-4
    /// Likelihood that a word of a query typed with keystrokes, known to the archive as
    /// typed, is keystrokes too.
    static let keystrokeShare = 0.5
    /// Likelihood that a word typed bare in a query typed with keystrokes was meant with
    /// diacritics nonetheless (its keys forgotten).
    static let accentDroppedBesideKeystrokes = 0.05
    /// A spelling seen at least once per this many syllables of the archive (and at least
    /// `minimumCommon` times) is a word in its own right: corrected only when a neighbour
    /// contradicts it, standing `contradiction` times as often next to the correction
    /// (`tại nạn` → `tai nạn`, `kết quá` → `kết quả`; `con chó` stays).
    static let commonPer = 50_000
    static let minimumCommon = 3
    static let contradiction = 100
    static let minimumContradiction = 3
    /// A reading is "clearly the most likely" when it is this many times as likely as the
    /// best reading that differs at that syllable (ln 20).
    static let clearMargin = log(20.0)
    /// Spellings considered per syllable.
    static let maxCandidates = 8
    /// See `transition`.
    static let unknownScale = 1e6

    private enum Kind: Equatable {
        case asTyped, restored, telex, vni, tone, spelling
    }

    /// A word's Telex or VNI decoding that the archive holds, and how often.
    private struct Decoding {
        var exact: [UInt8]
        var folded: [UInt8]
        var method: Keystrokes.Method
        var spellings: [(exact: [UInt8], count: Int)]
    }

    private struct Candidate {
        var exact: [UInt8]
        var folded: [UInt8]
        var count: Int
        /// ln of the likelihood of typing what was typed when this was meant.
        var channel: Double
        var kind: Kind
        /// A slip correction of a spelling common in its own right.
        var replacesCommon = false
        /// No article holds these letters in any spelling.
        var isNovel = false
    }

    /// A word of the query the reader may read otherwise: an unquoted one-syllable clause.
    private struct Slot {
        var alternative: Int
        var clause: Int
        var term: Query.Term
        var candidates: [Candidate] = []
        var spellings: [(exact: [UInt8], count: Int)] = []
        var decoding: Decoding? = nil
    }

    /// `query` as read, and how.
    func read(_ query: Query) throws -> (Query, QueryReading) {
        var runs: [[Slot]] = []
        for (a, alternative) in query.alternatives.enumerated() {
            var run: [Slot] = []
            for (c, clause) in alternative.enumerated() {
                if clause.field == nil && !clause.isQuoted && clause.terms.count == 1 {
                    run.append(Slot(alternative: a, clause: c, term: clause.terms[0]))
                } else if !run.isEmpty {
                    runs.append(run)
                    run = []
                }
            }
            if !run.isEmpty { runs.append(run) }
        }
        let common = max(Self.minimumCommon, statistics.syllableCount / Self.commonPer)
        for r in runs.indices {
            for s in runs[r].indices {
                runs[r][s].spellings = try statistics.spellings(of: runs[r][s].term.folded)
                runs[r][s].decoding = try decoding(of: runs[r][s].term)
            }
        }
        // Typed with keystrokes: a word the archive knows only decoded, or far more often
        // decoded than as typed.
        let keystrokes = runs.joined().contains { slot in
            guard let decoding = slot.decoding else { return false }
            let typed = slot.spellings.reduce(0) { $0 + $1.count }
            let decoded = decoding.spellings.first { $0.exact == decoding.exact }?.count ?? 0
            return typed == 0 || decoded >= 100 * typed
        }
        for r in runs.indices {
            for s in runs[r].indices {
                runs[r][s].candidates = candidates(for: runs[r][s], common: common, keystrokes: keystrokes)
            }
        }

        var result = query
        var corrections: [QueryReading.Correction] = []
        var suggestions: [QueryReading.Correction] = []
        var readings: [[Int]] = []
        // Words typed bare whose restored spelling is not clearly the likeliest: the reading
        // shows them as typed, since every spelling of them ranks alike.
        var unsure: [(alternative: Int, clause: Int, text: String)] = []
        // Words typed with diacritics that a neighbour doubts: matched in every spelling.
        var loosened: [String] = []
        var others: [(run: Int, choice: [Int], loss: Double)] = []
        for (r, run) in runs.enumerated() {
            let lattice = try Lattice(run.map(\.candidates), model: self)
            let best = lattice.best()
            readings.append(best)
            for (s, slot) in run.enumerated() {
                let chosen = slot.candidates[best[s]]
                let margin = lattice.margin(at: s, choice: best[s])
                let typedText = String(decoding: slot.term.exact, as: UTF8.self)
                let readText = String(decoding: chosen.exact, as: UTF8.self)
                var term = slot.term
                let accented = slot.term.exact != slot.term.folded
                switch chosen.kind {
                case .asTyped where keystrokes && accented:
                    term.exactMatters = true
                case .asTyped where accented, .tone where chosen.replacesCommon:
                    // Typed with diacritics, as a spelling common in its own right (or one
                    // the model keeps): never read otherwise (`bão`/`báo`, `chó`/`cho` are
                    // both words); when a neighbour contradicts it, it matches every
                    // spelling and ranks first only among matches alike.
                    readings[r][s] = 0
                    if lattice.isContradicted(at: s, choice: best) {
                        term.exactMatters = false
                        term.preferred = true
                        loosened.append(typedText)
                    } else {
                        term.exactMatters = true
                    }
                case .asTyped, .restored:
                    // Typed without diacritics: every spelling matches; the likely one ranks
                    // first among matches alike, when clearly the likeliest and the archive
                    // shows it often or beside a neighbour.
                    term.exact = chosen.exact
                    term.exactMatters = false
                    term.preferred =
                        margin >= Self.clearMargin
                        && (chosen.count >= Self.minimumCommon
                            || lattice.isSupported(at: s, choice: best, alone: false))
                    if !term.preferred { unsure.append((slot.alternative, slot.clause, typedText)) }
                case .tone
                where !lattice.isSupported(
                    at: s, choice: best, alone: false, times: Self.minimumContradiction):
                    // A slip is read only from its neighbours: alone, or beside words it
                    // stands next to fewer than 3 times, the word stays as typed.
                    readings[r][s] = 0
                    term.exactMatters = true
                case .telex, .vni, .tone:
                    term.exact = chosen.exact
                    term.folded = chosen.folded
                    term.exactMatters = true
                    corrections.append(.init(typed: typedText, read: readText, kind: Self.correctionKind(chosen.kind)))
                case .spelling:
                    let supported = lattice.isSupported(at: s, choice: best, alone: true)
                    if margin >= Self.clearMargin && supported {
                        term.exact = chosen.exact
                        term.folded = chosen.folded
                        term.exactMatters = slot.term.exact != slot.term.folded
                        corrections.append(.init(typed: typedText, read: readText, kind: .spelling))
                    } else {
                        suggestions.append(.init(typed: typedText, read: readText, kind: .spelling))
                        readings[r][s] = slot.candidates.firstIndex { $0.kind == .asTyped } ?? best[s]
                    }
                }
                if chosen.kind == .asTyped, slot.spellings.isEmpty,
                    let c = slot.candidates.indices.filter({
                        // Marks as typed: a letter slip, not a different vowel.
                        slot.candidates[$0].kind == .spelling && slot.candidates[$0].channel >= log(Self.letterSlip)
                    })
                    .max(by: { lattice.through(s, $0) < lattice.through(s, $1) })
                {
                    // A word no article holds, kept as typed: its likeliest correction is
                    // still what a search that finds nothing suggests.
                    let read = String(decoding: slot.candidates[c].exact, as: UTF8.self)
                    suggestions.append(.init(typed: typedText, read: read, kind: .spelling))
                }
                result.alternatives[slot.alternative][slot.clause].terms[0] = term
            }
            for s in run.indices {
                for (choice, loss) in lattice.runnersUp(at: s, best: best) {
                    others.append((r, choice, loss))
                }
            }
        }
        // Exclusions are read as typed; they are part of what was searched.
        let exclusions = query.excluded.map { " -" + ($0.isPhrase ? "\"\($0.text)\"" : $0.text) }.joined()
        let typed = Self.text(query.alternatives.map { $0.map(\.text) }) + exclusions
        var shown = result.alternatives.map { $0.map(\.text) }
        for word in unsure { shown[word.alternative][word.clause] = word.text }
        let text = Self.text(shown) + exclusions
        // Other readings: one run read otherwise, the rest as searched; least loss first.
        var alternatives: [String] = []
        for other in others.sorted(by: { $0.loss < $1.loss }) where other.loss < log(1000.0) {
            var texts = result.alternatives.map { $0.map(\.text) }
            for (s, slot) in runs[other.run].enumerated() {
                texts[slot.alternative][slot.clause] = String(
                    decoding: slot.candidates[other.choice[s]].exact, as: UTF8.self)
            }
            let alternative = Self.text(texts) + exclusions
            if alternative != text && alternative != typed && !alternatives.contains(alternative) {
                alternatives.append(alternative)
            }
            if alternatives.count == 3 { break }
        }
        let reading = QueryReading(
            typed: typed, text: text, corrections: corrections, loosened: loosened, alternatives: alternatives,
            suggestions: suggestions)
        return (result, reading)
    }

    private static func text(_ alternatives: [[String]]) -> String {
        alternatives.map { $0.joined(separator: " ") }.joined(separator: " OR ")
    }

    private static func correctionKind(_ kind: Kind) -> QueryReading.Correction.Kind {
        switch kind {
        case .telex: .telex
        case .vni: .vni
        case .spelling: .spelling
        default: .tone
        }
    }

    // MARK: Candidates

    /// The word's decoding as Telex or VNI keystrokes, when the archive holds it.
    private func decoding(of term: Query.Term) throws -> Decoding? {
        guard let (text, method) = Keystrokes.decode(String(decoding: term.exact, as: UTF8.self)) else { return nil }
        let tokens = analyzer.tokens(text)
        guard tokens.count == 1, let token = tokens.first else { return nil }
        let spellings = try statistics.spellings(of: token.folded.bytes)
        guard spellings.contains(where: { $0.exact == token.exact.bytes }) else { return nil }
        return Decoding(exact: token.exact.bytes, folded: token.folded.bytes, method: method, spellings: spellings)
    }

    private func candidates(for slot: Slot, common: Int, keystrokes: Bool) -> [Candidate] {
        let term = slot.term
        let accented = term.exact != term.folded
        let spellings = slot.spellings
        if spellings.isEmpty {
            if let decoding = slot.decoding {
                return alternatives(
                    of: decoding.exact, folded: decoding.folded, spellings: decoding.spellings,
                    kind: decoding.method == .telex ? .telex : .vni, common: Int.max)
            }
            return (try? unknownCandidates(for: term, accented: accented)) ?? []
        }
        if keystrokes {
            // Typed with keystrokes: the word as typed, or its decoding, as the context says.
            var result: [Candidate]
            if accented {
                result = alternatives(
                    of: term.exact, folded: term.folded, spellings: spellings, kind: .asTyped, common: common)
            } else {
                // Typed bare beside keystrokes: most likely meant bare, unless its
                // neighbours say otherwise (`giaos duc` → `giáo dục`, `sinh hoatj chi` keeps `chi`).
                result = spellings.prefix(Self.maxCandidates).map {
                    Candidate(
                        exact: $0.exact, folded: term.folded, count: $0.count,
                        channel: $0.exact == term.exact ? 0 : log(Self.accentDroppedBesideKeystrokes),
                        kind: $0.exact == term.exact ? .asTyped : .restored)
                }
            }
            if let decoding = slot.decoding {
                let count = decoding.spellings.first { $0.exact == decoding.exact }?.count ?? 0
                for i in result.indices { result[i].channel += log(1 - Self.keystrokeShare) }
                result.append(
                    Candidate(
                        exact: decoding.exact, folded: decoding.folded, count: count,
                        channel: log(Self.keystrokeShare), kind: decoding.method == .telex ? .telex : .vni))
            }
            return result
        }
        if !accented {
            return spellings.prefix(Self.maxCandidates).map {
                Candidate(
                    exact: $0.exact, folded: term.folded, count: $0.count, channel: 0,
                    kind: $0.exact == term.exact ? .asTyped : .restored)
            }
        }
        return alternatives(of: term.exact, folded: term.folded, spellings: spellings, kind: .asTyped, common: common)
    }

    /// A spelling typed with diacritics, and when it is rare, the other spellings of its
    /// letters as slips.
    private func alternatives(
        of exact: [UInt8], folded: [UInt8], spellings: [(exact: [UInt8], count: Int)], kind: Kind, common: Int
    ) -> [Candidate] {
        let count = spellings.first { $0.exact == exact }?.count ?? 0
        var result = [Candidate(exact: exact, folded: folded, count: count, channel: 0, kind: kind)]
        for spelling in spellings where spelling.exact != exact && result.count < Self.maxCandidates {
            result.append(
                Candidate(
                    exact: spelling.exact, folded: folded, count: spelling.count, channel: log(Self.toneSlip),
                    kind: .tone, replacesCommon: count >= common))
        }
        return result
    }

    /// A word no article holds: its Telex or VNI decoding when the archive knows that, else
    /// the words one letter away.
    private func unknownCandidates(for term: Query.Term, accented: Bool) throws -> [Candidate] {
        let typed = Candidate(
            exact: term.exact, folded: term.folded, count: 0, channel: 0, kind: .asTyped, isNovel: true)
        guard term.folded.count >= 2, term.folded.count <= 12, term.folded.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A })
        else { return [typed] }
        var found: [Candidate] = []
        for key in Self.edits(of: term.folded) {
            for spelling in try statistics.spellings(of: key).prefix(3) {
                let marksAgree = !accented || Self.vowels(of: spelling.exact) == Self.vowels(of: term.exact)
                found.append(
                    Candidate(
                        exact: spelling.exact, folded: key, count: spelling.count,
                        channel: log(Self.letterSlip) + (marksAgree ? 0 : log(Self.toneSlip)), kind: .spelling))
            }
        }
        found.sort { $0.channel + log(Double($0.count)) > $1.channel + log(Double($1.count)) }
        return [typed] + found.prefix(Self.maxCandidates - 1)
    }

    /// The folded words one deletion, transposition, substitution or insertion of a letter
    /// away from `word` (lowercase ASCII).
    static func edits(of word: [UInt8]) -> [[UInt8]] {
        let letters = Array(UInt8(0x61)...UInt8(0x7A))
        var result = Set<[UInt8]>()
        for i in word.indices {
            var deleted = word
            deleted.remove(at: i)
            if !deleted.isEmpty { result.insert(deleted) }
            if i + 1 < word.count {
                var swapped = word
                swapped.swapAt(i, i + 1)
                result.insert(swapped)
            }
            for letter in letters where letter != word[i] {
                var substituted = word
                substituted[i] = letter
                result.insert(substituted)
            }
        }
        for i in 0...word.count {
            for letter in letters {
                var inserted = word
                inserted.insert(letter, at: i)
                result.insert(inserted)
            }
        }
        result.remove(word)
        return result.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The vowels of a spelling with their marks (`thông` → `ô`): what a letter slip keeps.
    private static func vowels(of exact: [UInt8]) -> String {
        String(decoding: exact, as: UTF8.self).filter { character in
            guard let scalar = character.unicodeScalars.first else { return false }
            return scalar.value >= 0x80 || "aeiouy".unicodeScalars.contains(scalar)
        }
    }

    // MARK: Language model

    /// ln P(`second` | `first`): the pair's share of `first`'s occurrences (`pair` of
    /// them stood right before `second`), interpolated with `second`'s frequency. A
    /// spelling no article holds counts as a hundredth of an occurrence; letters no article
    /// holds in any spelling, as a hundredth in an archive of at least `unknownScale`
    /// syllables: a small archive does not make them likely.
    private func transition(_ first: Candidate?, _ second: Candidate, pair: Int) -> Double {
        let syllables = Double(statistics.syllableCount + 1)
        let unigram =
            second.count > 0
            ? Double(second.count) / syllables : 0.01 / (second.isNovel ? max(syllables, Self.unknownScale) : syllables)
        guard let first, first.count > 0 else { return log(unigram) }
        return log(Self.pairWeight * Double(pair) / Double(first.count) + (1 - Self.pairWeight) * unigram)
    }

    /// Max-product forward and backward scores over one run of syllables.
    private struct Lattice {
        let candidates: [[Candidate]]
        /// pairs[i][p][c] (i ≥ 1): how often candidate p of syllable i-1 stood right before
        /// candidate c of syllable i; 0 where either is a spelling no article holds.
        let pairs: [[[Int]]]
        /// forward[i][c]: the best ln score of a reading of syllables 0...i ending in c.
        var forward: [[Double]] = []
        var back: [[Int]] = []
        /// backward[i][c]: the best ln score of syllables i+1... after c.
        var backward: [[Double]] = []
        var next: [[Int]] = []

        init(_ candidates: [[Candidate]], model: QueryReader) throws {
            self.candidates = candidates
            let n = candidates.count
            // Each pair of neighbouring syllables' spellings is counted in one call (a
            // spelling no article holds stands beside nothing).
            pairs = try candidates.indices.map { i in
                guard i > 0 else { return [] }
                return try model.statistics.pairCounts(
                    candidates[i - 1].map { ($0.exact, $0.folded) }, candidates[i].map { ($0.exact, $0.folded) })
            }
            var transitions: [[[Double]]] = []  // transitions[i][p][c]: from i-1's p to i's c
            for i in 0..<n {
                if i == 0 {
                    transitions.append([candidates[0].map { model.transition(nil, $0, pair: 0) }])
                } else {
                    transitions.append(
                        candidates[i - 1].indices.map { p in
                            candidates[i].indices.map { c in
                                model.transition(candidates[i - 1][p], candidates[i][c], pair: pairs[i][p][c])
                            }
                        })
                }
            }
            forward = candidates.map { [Double](repeating: -.infinity, count: $0.count) }
            back = candidates.map { [Int](repeating: 0, count: $0.count) }
            backward = candidates.map { [Double](repeating: 0, count: $0.count) }
            next = candidates.map { [Int](repeating: 0, count: $0.count) }
            for (c, candidate) in candidates[0].enumerated() {
                forward[0][c] = transitions[0][0][c] + candidate.channel
            }
            for i in 1..<max(n, 1) {
                for (c, candidate) in candidates[i].enumerated() {
                    for p in candidates[i - 1].indices {
                        let score = forward[i - 1][p] + transitions[i][p][c] + candidate.channel
                        if score > forward[i][c] {
                            forward[i][c] = score
                            back[i][c] = p
                        }
                    }
                }
            }
            for i in stride(from: n - 2, through: 0, by: -1) {
                for c in candidates[i].indices {
                    var best = -Double.infinity
                    for (d, candidate) in candidates[i + 1].enumerated() {
                        let score = transitions[i + 1][c][d] + candidate.channel + backward[i + 1][d]
                        if score > best {
                            best = score
                            next[i][c] = d
                        }
                    }
                    backward[i][c] = best
                }
            }
        }

        /// The best score of a reading through candidate c of syllable i.
        func through(_ i: Int, _ c: Int) -> Double { forward[i][c] + backward[i][c] }

        /// The best reading through candidate c of syllable i.
        func path(through i: Int, _ c: Int) -> [Int] {
            var path = [Int](repeating: 0, count: candidates.count)
            path[i] = c
            var k = i
            while k > 0 {
                path[k - 1] = back[k][path[k]]
                k -= 1
            }
            k = i
            while k + 1 < candidates.count {
                path[k + 1] = next[k][path[k]]
                k += 1
            }
            return path
        }

        func best() -> [Int] {
            let last = candidates.count - 1
            let c = forward[last].indices.max { forward[last][$0] < forward[last][$1] } ?? 0
            return path(through: last, c)
        }

        /// How many times (ln) more likely the best reading is than the best one reading
        /// syllable i otherwise; infinity when there is no other.
        func margin(at i: Int, choice: Int) -> Double {
            let others = candidates[i].indices.filter { $0 != choice }.map { through(i, $0) }
            guard let runnerUp = others.max() else { return .infinity }
            return through(i, choice) - runnerUp
        }

        /// The two best readings that read syllable i otherwise than `best`, with their loss
        /// (ln) against it.
        func runnersUp(at i: Int, best: [Int]) -> [(choice: [Int], loss: Double)] {
            let top = through(i, best[i])
            return candidates[i].indices.filter { $0 != best[i] && through(i, $0) > -.infinity }
                .sorted { through(i, $0) > through(i, $1) }.prefix(2)
                .map { (path(through: i, $0), top - through(i, $0)) }
        }

        /// Whether a neighbour of syllable i, as read, stands beside another spelling of it
        /// (candidate 0 being as typed) at least `contradiction` times as often as beside
        /// the typed one, and at least `minimumContradiction` times.
        func isContradicted(at i: Int, choice: [Int]) -> Bool {
            let others = candidates[i].indices.dropFirst().filter { candidates[i][$0].kind == .tone }
            /// Whether the counts of a neighbour's pairs say another spelling is meant.
            func contradicts(_ count: (Int) -> Int) -> Bool {
                let typedCount = count(0)
                return others.contains { other in
                    let c = count(other)
                    return c >= QueryReader.minimumContradiction && c >= QueryReader.contradiction * typedCount
                }
            }
            if i > 0 && contradicts({ pairs[i][choice[i - 1]][$0] }) { return true }
            if i + 1 < candidates.count && contradicts({ pairs[i + 1][$0][choice[i + 1]] }) { return true }
            return false
        }

        /// Whether the reading of syllable i stands next to a neighbour as read, at least
        /// `times` times in the archive; a syllable without neighbours is supported when
        /// `alone`.
        func isSupported(at i: Int, choice: [Int], alone: Bool, times: Int = 1) -> Bool {
            guard candidates.count > 1 else { return alone }
            if i > 0 && pairs[i][choice[i - 1]][choice[i]] >= times { return true }
            if i + 1 < candidates.count && pairs[i + 1][choice[i]][choice[i + 1]] >= times { return true }
            return false
        }
    }
}
