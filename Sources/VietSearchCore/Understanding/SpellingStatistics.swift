/// What the archive knows of how syllables are spelled: which spellings a folded syllable
/// has and how often each occurs, and how often two spellings stand adjacent. The query
/// reader (`QueryReader`) decides from these alone; it never reads a query's postings.
protocol SpellingStatistics {
    /// Syllables of body text in the archive (the denominator of every frequency).
    var syllableCount: Int { get }
    /// The spellings (exact, NFC, lowercase) of the folded syllable `folded` with their
    /// occurrences, most frequent first; empty when no article holds it.
    func spellings(of folded: [UInt8]) throws -> [(exact: [UInt8], count: Int)]
    /// How often each spelling of `firsts` (exact, folded) stood right before each one of
    /// `seconds`: `[i][j]` for `firsts[i]` before `seconds[j]` (a reading asks for every
    /// spelling of a syllable before every one of the next at once).
    func pairCounts(_ firsts: [(exact: [UInt8], folded: [UInt8])], _ seconds: [(exact: [UInt8], folded: [UInt8])])
        throws -> [[Int]]
}

/// `SpellingStatistics` of an open index: the variant counts of each segment's
/// dictionary and its `.pairs` file, summed over segments. Lookups are cached for the
/// reading of one query; its dictionary entries (`TermLookups`) serve its search too.
final class IndexSpellings: SpellingStatistics {
    private let reader: IndexReader
    private let lookups: TermLookups
    /// Where a spelling stands in one segment (`resolve`): its term's dictionary rank and
    /// its variant number.
    private struct Spelling {
        var ordinal: Int
        var variant: Int
    }
    private var resolved: [[UInt8]: [Spelling?]] = [:]
    /// The spelling pairs of two terms in one segment.
    private struct TermPair: Hashable {
        var segment: Int
        var first: Int
        var second: Int
    }
    private var followers: [TermPair: [SpellingPair]] = [:]
    let syllableCount: Int

    /// `lookups`: those of the search this reading is for.
    init(reader: IndexReader, lookups: TermLookups? = nil) {
        self.reader = reader
        self.lookups = lookups ?? TermLookups(reader: reader)
        syllableCount = max(1, reader.commit.segments.reduce(0) { $0 + $1.bodyTokens })
    }

    /// Per segment, the body entry of `folded`.
    private func infos(_ folded: [UInt8]) throws -> [TermInfo?] {
        try lookups.infos([Field.body.rawValue] + folded)
    }

    func spellings(of folded: [UInt8]) throws -> [(exact: [UInt8], count: Int)] {
        var counts: [[UInt8]: Int] = [:]
        for info in try infos(folded) {
            guard let info else { continue }
            for (variant, count) in zip(info.variants, info.variantCounts) { counts[variant, default: 0] += count }
        }
        return counts.map { (exact: $0.key, count: $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.exact.lexicographicallyPrecedes($1.exact)
        }
    }

    /// Resolves each spelling once and reads the spelling pairs of each pair of terms once
    /// per segment (a query reading asks for every spelling of a syllable before every one
    /// of the next: asked pair by pair, that hashed each spelling and term pair dozens of
    /// times, profiled at 7 % of a search).
    func pairCounts(_ firsts: [(exact: [UInt8], folded: [UInt8])], _ seconds: [(exact: [UInt8], folded: [UInt8])])
        throws -> [[Int]]
    {
        var counts = [[Int]](repeating: [Int](repeating: 0, count: seconds.count), count: firsts.count)
        let a = try firsts.map { try resolve($0.exact, $0.folded) }
        let b = try seconds.map { try resolve($0.exact, $0.folded) }
        for ordinal in reader.segments.indices {
            // Per term (dictionary rank), its spellings asked for: (index, variant).
            func byTerm(_ resolved: [[Spelling?]]) -> [Int: [(index: Int, variant: Int)]] {
                var terms: [Int: [(index: Int, variant: Int)]] = [:]
                for (index, spelling) in resolved.enumerated() {
                    if let found = spelling[ordinal] {
                        terms[found.ordinal, default: []].append((index, found.variant))
                    }
                }
                return terms
            }
            let secondTerms = byTerm(b)
            for (first, xs) in byTerm(a) {
                for (second, ys) in secondTerms {
                    for pair in try spellingPairs(ordinal, firsts[xs[0].index].folded, first, second) {
                        for x in xs where x.variant == pair.firstVariant {
                            for y in ys where y.variant == pair.secondVariant { counts[x.index][y.index] += pair.count }
                        }
                    }
                }
            }
        }
        return counts
    }

    /// The spelling pairs of the terms of dictionary ranks `first` (folded `firstFolded`)
    /// and `second` in segment `ordinal`.
    private func spellingPairs(_ ordinal: Int, _ firstFolded: [UInt8], _ first: Int, _ second: Int) throws
        -> [SpellingPair]
    {
        let key = TermPair(segment: ordinal, first: first, second: second)
        if let cached = followers[key] { return cached }
        guard let info = try infos(firstFolded)[ordinal] else { return [] }
        let found = try reader.segments[ordinal].pairs(info, before: second)
        followers[key] = found
        return found
    }

    /// Per segment, where spelling `exact` of `folded` stands; nil where the segment lacks it.
    private func resolve(_ exact: [UInt8], _ folded: [UInt8]) throws -> [Spelling?] {
        if let known = resolved[exact] { return known }
        let found = try infos(folded).map { info -> Spelling? in
            guard let info, let variant = info.variants.firstIndex(of: exact) else { return nil }
            return Spelling(ordinal: info.ordinal, variant: variant)
        }
        resolved[exact] = found
        return found
    }
}
