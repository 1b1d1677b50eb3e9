import Testing
import VietAnalysis

@testable import VietSearchCore

/// A search that does not count its matches and names a directive evaluates first the
/// articles citing it (they rank above every other), and must find what a counting search
/// finds: also when fewer than the limit cite it, or when some citing ones are excluded.
struct CitationSeedTests {
    /// Twelve articles cite Kết luận 21, one to three times (the first five also say
    /// `hủy`); thirty hold its words without citing it, some of them often.
    static let lines: [(id: String, title: String, text: String)] =
        (0..<12).map { i in
            let mention = String(repeating: "Tiếp tục thực hiện Kết luận 21. ", count: 1 + i % 3)
            return (id: "cite\(i)", title: "Tin \(i)", text: mention + (i < 5 ? "Hủy bỏ một phần." : "Năm \(i)."))
        }
        + (0..<30).map { i in
            let words = String(repeating: "Hội nghị kết luận. Có 21 người dự. ", count: 1 + i % 4)
            return (id: "words\(i)", title: "Kết luận hội nghị \(i)", text: words)
        }

    /// Built in segments of a few articles, so that the citing ones lie in several.
    static func build() throws -> Scratch {
        let scratch = Scratch()
        scratch.writeJSONL("tin.jsonl", lines)
        try scratch.index {
            $0.segmentBudget = 1_000
            $0.chunkBytes = 800
            $0.mergesAfterCommit = false
        }
        return scratch
    }

    @Test func theCitingArticlesComeFirstAsCountingFinds() throws {
        let scratch = try Self.build()
        #expect(try Commit.read(folder: scratch.indexFolder)!.segments.count >= 3)
        let searcher = try scratch.searcher()
        let analyzer = try Analyzer()
        let directive = try DirectiveQuery.parse("Kết luận 21", analyzer: analyzer)
        // Excluding `hủy` leaves seven citing articles: limits above that need the others.
        for text in ["Kết luận 21", "ket luan 21", "Kết luận 21 -hủy"] {
            let query = QueryParser(analyzer: analyzer).parse(text)
            for limit in [1, 3, 7, 8, 12, 13, 30, 50] {
                let counted = try searcher.search(
                    query, directive: directive, options: SearchOptions(limit: limit, snippets: false))
                let quick = try searcher.search(
                    query, directive: directive,
                    options: SearchOptions(limit: limit, snippets: false, countsMatches: false))
                #expect(quick.hits.map(\.article.id) == counted.hits.map(\.article.id), "\(text) \(limit)")
                #expect(quick.hits.map(\.citations) == counted.hits.map(\.citations), "\(text) \(limit)")
                #expect(zip(quick.hits, counted.hits).allSatisfy { abs($0.score - $1.score) < 1e-9 }, "\(text)")
                #expect(counted.hits.count == min(limit, text.contains("-") ? 37 : 42), "\(text) \(limit)")
            }
        }
    }

    /// A hit says how many times it cites the directive, not the ranking weight behind it.
    @Test func aHitSaysHowOftenItCitesTheDirective() throws {
        let scratch = try Self.build()
        let hits = try scratch.searcher().search("Kết luận 21", options: SearchOptions(limit: 12)).hits
        #expect(hits.allSatisfy { $0.article.id.hasPrefix("cite") })
        #expect(hits.map(\.citations) == [3, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1])
    }
}
