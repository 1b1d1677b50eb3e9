import Testing

@testable import VietSearchCore

/// A search that does not count its matches evaluates first the articles that may hold
/// the query's pairs adjacent (all of them, or at least m when fewer than the limit hold all),
/// and must find what a counting search finds.
struct PairSeedTests {
    /// Three articles hold `một hai ba bốn` as typed; twenty hold two of its pairs with more
    /// of its words; twenty hold the words apart, often; five hold it with `mốt` for `một`.
    static let lines: [(id: String, title: String, text: String)] =
        (0..<3).map { (id: "typed\($0)", title: "Tin \($0)", text: "Một hai ba bốn là đây.") }
        + (0..<20).map { i in
            (
                id: "two\(i)", title: "Tin hai \(i)",
                text: "Một hai ba. Bốn bốn bốn. Một một " + String(repeating: "hai ", count: i % 4)
            )
        }
        + (0..<20).map { i in
            (id: "apart\(i)", title: "Tin xa \(i)", text: "Một. Hai. Ba. Bốn. Một. Hai. Ba. Bốn. Bốn \(i).")
        }
        + (0..<5).map { (id: "other\($0)", title: "Tin khác \($0)", text: "Mốt hai ba bốn ở đây.") }

    @Test func theArticlesHoldingMostPairsComeFirstAsCountingFinds() throws {
        let scratch = Scratch()
        scratch.writeJSONL("tin.jsonl", Self.lines)
        try scratch.index()
        let searcher = try scratch.searcher()
        for query in ["một hai ba bốn", "mot hai ba bon", "hai ba bốn"] {
            for limit in [1, 3, 5, 10, 25, 50] {
                let counted = try searcher.search(query, options: SearchOptions(limit: limit, snippets: false))
                let quick = try searcher.search(
                    query, options: SearchOptions(limit: limit, snippets: false, countsMatches: false))
                #expect(quick.hits.map(\.article.id) == counted.hits.map(\.article.id), "\(query) \(limit)")
                #expect(zip(quick.hits, counted.hits).allSatisfy { abs($0.score - $1.score) < 1e-9 }, "\(query)")
            }
        }
        let hits = try searcher.search(
            "một hai ba bốn", options: SearchOptions(limit: 10, snippets: false, countsMatches: false)
        ).hits.map(\.article.id)
        #expect(hits.prefix(3).allSatisfy { $0.hasPrefix("typed") })
        #expect(hits.dropFirst(3).allSatisfy { $0.hasPrefix("two") })
    }
}
