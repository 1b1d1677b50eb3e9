import Foundation
import Testing
import VietAnalysis

@testable import VietSearchCore

/// The engine skips work: it reads common words only where rarer ones are, and computes
/// adjacency only for matches whose bound can still enter the top `limit`. Its hits and
/// counts must be those of ranking every article by brute force, from the analyzed text,
/// with the documented formula (`RankingModel`).
struct ExhaustiveRankingTests {
    static let words = [
        "sinh", "hoạt", "chi", "bộ", "chí", "bố", "khóa", "khoa", "học", "năm", "Đảng", "viên", "có", "là",
    ]
    static let rare = ["hiếm", "quý", "lạ"]

    /// 1,200 articles of random words, with a few rare ones and common phrases.
    static let articles: [(id: String, title: String, text: String)] = {
        var state: UInt64 = 2024
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        func word() -> String {
            switch next(40) {
            case 0: return rare[next(rare.count)]
            case 1, 2, 3: return "sinh hoạt chi bộ"
            case 4, 5: return next(2) == 0 ? "khóa học" : "khoa học"
            case 6: return "có là. Chi"
            default: return words[next(words.count)]
            }
        }
        return (0..<1200).map { i in
            let title = (0..<(1 + next(4))).map { _ in word() }.joined(separator: " ")
            let text = (0..<(3 + next(30))).map { _ in word() }.joined(separator: " ")
            return (id: String(format: "doc%04d", i), title: title, text: text)
        }
    }()

    nonisolated(unsafe) static let scratch: Scratch = {
        let scratch = Scratch(removedAtExit: true)
        scratch.writeJSONL("a.jsonl", articles)
        _ = try! scratch.index()
        return scratch
    }()

    /// Per article, the analyzed title and body.
    nonisolated(unsafe) static let analyzed: [(title: [Token], body: [Token])] = {
        let analyzer = try! Analyzer()
        return articles.map { (analyzer.tokens($0.title), analyzer.tokens($0.text)) }
    }()

    @Test(arguments: [
        "sinh hoạt chi bộ", "sinh hoat chi bo", "khóa học", "khoa hoc", "bộ chi", "hiếm", "quý chi bộ",
        "khóa học OR sinh hoạt", "chi bộ -hiếm", "năm OR lạ viên", "Đảng viên có là gì?",
        "hiếm quý lạ khoa học năm sinh?", "xyzzy chi bộ là gì",
        "chí bố OR bộ", "có là",
        // One word in many blocks: read by block-max when not counted (`oneWordTop`).
        "năm", "khoa", "Đảng",
        // Few articles hold these as typed: those holding most of their pairs come first.
        "chi bộ sinh hoạt", "hoạt chi bộ năm", "sinh hoạt chi bộ khoa học", "hoat chi bo nam",
    ])
    func hitsAndCountsAreThoseOfRankingEveryArticle(query: String) throws {
        let searcher = try Self.scratch.searcher()
        let parsed = QueryParser(analyzer: try Analyzer()).parse(query)
        let statistics = try Statistics(query: parsed, reader: searcher.reader, bm25: searcher.bm25)
        let relaxed = parsed.isQuestion
        let expected = reference(parsed, relaxed: relaxed, statistics: statistics, model: searcher.model)
        for limit in [1, 3, 10] {
            for counts in [true, false] {
                let options = SearchOptions(limit: limit, snippets: false, countsMatches: counts, allWords: !relaxed)
                let result = try searcher.search(parsed, options: options)
                #expect(result.hits.map(\.article.id) == expected.ranked.prefix(limit).map(\.id), "\(query) \(limit)")
                #expect(
                    zip(result.hits, expected.ranked).allSatisfy { abs($0.score - $1.score) < 1e-9 },
                    "\(query) \(limit)")
                #expect(result.relaxed == relaxed)
                if counts {
                    #expect(result.total == expected.matching, "\(query)")
                    #expect(result.allWords == expected.allWords, "\(query)")
                    #expect(result.asTyped == expected.asTyped, "\(query)")
                }
            }
        }
    }

    /// Questions of random words, particles and rare words, typed with and without
    /// diacritics: relaxed searches, whose top is found among the matches that MaxScore
    /// keeps (`SegmentEvaluator.scoreCeilings`).
    static let randomQuestions: [String] = {
        var state: UInt64 = 77
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let pool = words + rare + ["sinh hoạt", "chi bộ", "khoa học", "khóa học", "gì", "nào"]
        return (0..<40).map { i in
            let text = (0..<(2 + next(7))).map { _ in pool[next(pool.count)] }.joined(separator: " ") + " là gì?"
            return i % 3 == 0
                ? String(
                    text.decomposedStringWithCanonicalMapping.unicodeScalars.filter {
                        $0.value < 0x300 || $0.value > 0x36F
                    }.map(Character.init)) : text
        }
    }()

    @Test func randomQuestionsRankAsEveryArticleRanked() throws {
        try expectRankedAsEveryArticle(Self.randomQuestions, relaxed: true, limits: [1, 10])
    }

    /// Each of `queries`, parsed (no query reading), finds the best `limits` articles of
    /// ranking every article, with their scores.
    private func expectRankedAsEveryArticle(_ queries: [String], relaxed: Bool, limits: [Int]) throws {
        let searcher = try Self.scratch.searcher()
        let analyzer = try Analyzer()
        for query in queries {
            let parsed = QueryParser(analyzer: analyzer).parse(query)
            let statistics = try Statistics(query: parsed, reader: searcher.reader, bm25: searcher.bm25)
            let expected = reference(parsed, relaxed: relaxed, statistics: statistics, model: searcher.model)
            for limit in limits {
                let options = SearchOptions(limit: limit, snippets: false, countsMatches: false, allWords: !relaxed)
                let result = try searcher.search(parsed, options: options)
                #expect(result.hits.map(\.article.id) == expected.ranked.prefix(limit).map(\.id), "\(query) \(limit)")
                #expect(
                    zip(result.hits, expected.ranked).allSatisfy { abs($0.score - $1.score) < 1e-9 }, "\(query)")
            }
        }
    }

    /// A question's top 10 is looked for among few of its matches, not all of them.
    @Test func aQuestionEvaluatesFewOfItsMatches() throws {
        let searcher = try Self.scratch.searcher()
        let query = QueryParser(analyzer: try Analyzer()).parse("hiếm quý khoa học năm sinh là gì?")
        let statistics = try Statistics(query: query, reader: searcher.reader, bm25: searcher.bm25)
        let plan = EvaluationPlan(query, statistics: statistics, relaxed: true)
        let options = SearchOptions(limit: 10, snippets: false, countsMatches: false)
        let evaluator = SegmentEvaluator(
            segment: searcher.reader.segments[0], ordinal: 0, statistics: statistics,
            model: searcher.model.ordered(.weighted), options: options, citing: [:])
        let kept = try #require(try evaluator.scoreCeilings(plan))
        let total = try #require(try searcher.search(query, options: SearchOptions(limit: 10, snippets: false)).total)
        #expect(kept.docs.count >= 10)
        #expect(kept.docs.count * 10 < total)
    }

    /// Strict runs of one to three random words and phrases, typed with and without
    /// diacritics: most are held as typed by many articles, whose top is looked for among
    /// those holding the most pairs adjacent (`SegmentEvaluator.pairTallies`).
    static let randomRuns: [String] = {
        var state: UInt64 = 91
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let pool =
            ["sinh hoạt chi bộ", "sinh hoạt", "chi bộ", "khoa học", "khóa học", "năm", "Đảng viên", "có là"]
            + words
        return (0..<40).map { i in
            let text = (0..<(1 + next(3))).map { _ in pool[next(pool.count)] }.joined(separator: " ")
            return i % 3 == 0 ? Self.withoutDiacritics(text) : text
        }
    }()

    static func withoutDiacritics(_ text: String) -> String {
        String(
            text.decomposedStringWithCanonicalMapping.unicodeScalars.filter { $0.value < 0x300 || $0.value > 0x36F }
                .map(Character.init)
        ).replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
    }

    @Test func randomRunsOfWordsRankAsEveryArticleRanked() throws {
        try expectRankedAsEveryArticle(Self.randomRuns, relaxed: false, limits: [1, 3, 10])
    }

    /// Read as `search` reads them (words typed without diacritics get a preferred
    /// spelling, ranked before the score), the same runs find the hits of a search that
    /// evaluates and counts every match.
    @Test func runsReadAsTypedRankAsWhenEveryMatchIsEvaluated() throws {
        let searcher = try Self.scratch.searcher()
        for query in Self.randomRuns {
            for limit in [1, 10] {
                let seeded = try searcher.search(
                    query, options: SearchOptions(limit: limit, snippets: false, countsMatches: false))
                let everything = try searcher.search(
                    query, options: SearchOptions(limit: limit, snippets: false, countsMatches: true))
                #expect(seeded.hits.map(\.article.id) == everything.hits.map(\.article.id), "\(query) \(limit)")
                #expect(zip(seeded.hits, everything.hits).allSatisfy { abs($0.score - $1.score) < 1e-9 }, "\(query)")
            }
        }
    }

    /// Ranks every article of `articles` for `query` by brute force.
    private func reference(_ query: Query, relaxed: Bool, statistics: Statistics, model: RankingModel) -> (
        ranked: [(id: String, score: Double)], matching: Int, allWords: Int, asTyped: Int
    ) {
        let model = model.ordered(relaxed ? .weighted : .tiers)
        let n = Double(Self.articles.count)
        let averageTitle = Double(Self.analyzed.reduce(0) { $0 + $1.title.count }) / n
        let averageBody = Double(Self.analyzed.reduce(0) { $0 + $1.body.count }) / n
        func holds(_ token: Token, _ term: Query.Term) -> Bool { token.folded.bytes == term.folded }
        func exactly(_ token: Token, _ term: Query.Term) -> Bool {
            holds(token, term) && (!term.exactMatters || token.exact.bytes == term.exact)
        }
        func frequency(_ term: Query.Term) -> Int { statistics.documentFrequency[term.folded] ?? 0 }
        func isParticle(_ term: Query.Term) -> Bool { QueryWords.particles.contains(term.folded) }
        /// Content words: known, not particles, not common; failing any, known and not
        /// particles; failing those, known.
        func contentWords(_ terms: [Query.Term]) -> [Bool] {
            let known = terms.map { frequency($0) > 0 }
            let first = terms.indices.map {
                known[$0] && !isParticle(terms[$0]) && Double(frequency(terms[$0])) <= QueryWords.commonShare * n
            }
            if first.contains(true) { return first }
            let second = terms.indices.map { known[$0] && !isParticle(terms[$0]) }
            return second.contains(true) ? second : known
        }
        var ranked: [(id: String, rank: Rank, score: Double)] = []
        var matching = 0
        var allWords = 0
        var asTyped = 0
        for (doc, article) in Self.articles.enumerated() {
            let fields = [(Field.title, Self.analyzed[doc].title), (Field.body, Self.analyzed[doc].body)]
            let excluded = query.excluded.contains { clause in
                fields.contains { $0.1.contains { holds($0, clause.terms[0]) } }
            }
            guard !excluded else { continue }
            var best: Rank? = nil
            var whole = false
            var typed = false
            for alternative in query.alternatives {
                let terms = alternative.map { $0.terms[0] }
                let held = terms.map { term in fields.contains { $0.1.contains { holds($0, term) } } }
                let content = contentWords(terms)
                let matches = relaxed ? zip(held, content).contains { $0 && $1 } : !held.contains(false)
                guard matches else { continue }
                var features = RankingModel.Features()
                for term in terms {
                    let idf = relaxed && isParticle(term) ? 0 : statistics.idf[term.folded] ?? 0
                    for (field, tokens) in fields {
                        let freq = tokens.filter { holds($0, term) }.count
                        guard freq > 0 else { continue }
                        features.bm25 += model.fieldScore(
                            idf: idf, freq: Double(freq), length: tokens.count,
                            averageLength: field == .title ? averageTitle : averageBody, field: field)
                    }
                    if term.exactMatters && fields.contains(where: { $0.1.contains { exactly($0, term) } }) {
                        features.exactWords += 1
                    }
                }
                var allAdjacent = true
                for k in 0..<max(0, terms.count - 1) {
                    let (a, b) = (terms[k], terms[k + 1])
                    func together(_ tokens: [Token]) -> Int {
                        tokens.filter { first in
                            exactly(first, a)
                                && tokens.contains { $0.position == first.position + 1 && exactly($0, b) }
                        }.count
                    }
                    let (title, body) = (together(fields[0].1), together(fields[1].1))
                    guard title + body > 0 else {
                        allAdjacent = false
                        continue
                    }
                    if !relaxed || (content[k] && content[k + 1]) { features.adjacentPairs += 1 }
                    let idfs = (statistics.idf[a.folded] ?? 0) + (statistics.idf[b.folded] ?? 0)
                    if body > 0 {
                        features.pairBonus += model.pairBonus(
                            idfs: idfs, count: body, length: fields[1].1.count, averageLength: averageBody)
                    }
                    if title > 0 {
                        features.pairBonus += model.pairBonus(
                            idfs: idfs, count: title, length: fields[0].1.count, averageLength: averageTitle,
                            field: .title)
                    }
                }
                if !held.contains(false) {
                    whole = true
                    if allAdjacent && features.exactWords == terms.filter(\.exactMatters).count { typed = true }
                }
                let rank = model.rank(features)
                if best.map({ $0 < rank }) ?? true { best = rank }
            }
            guard let best else { continue }
            matching += 1
            if whole { allWords += 1 }
            if typed { asTyped += 1 }
            ranked.append((article.id, best, best.score))
        }
        ranked.sort { $0.rank != $1.rank ? $1.rank < $0.rank : $0.id < $1.id }
        return (ranked.map { ($0.id, $0.score) }, matching, allWords, asTyped)
    }
}
