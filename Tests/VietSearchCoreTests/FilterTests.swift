import Foundation
import Testing

@testable import VietSearchCore

/// Filters, date order, paging and facets (`SearchOptions.filter`, `.sort`, `.offset`,
/// `.facets`), on an archive of dated articles from several sources cut into segments.
@Suite struct FilterTests {
    /// 120 records: dated 2020–2024 (every seventh without a date), from four sources (one
    /// of them none), about chi bộ with varying weight; several segments.
    let scratch = Scratch()

    init() throws {
        let sources = [
            ("url", "https://nhandan.vn/a"), ("url", "https://en.nhandan.vn/b"), ("source", "Báo Tuổi Trẻ"),
            ("", ""),
        ]
        let lines = (0..<120).map { i -> String in
            var fields: [(String, JSON)] = [
                ("id", .string("r\(i)")), ("title", .string(i % 4 == 0 ? "Sinh hoạt chi bộ \(i)" : "Tin \(i)")),
                (
                    "text",
                    .string(
                        String(repeating: "Chi bộ họp bàn. ", count: 1 + i % 5)
                            + (i % 3 == 0 ? "Sinh hoạt chi bộ định kỳ." : "Sinh hoạt. Thôn xóm.")
                            + String(repeating: " Ruộng đồng.", count: i % 7))
                ),
            ]
            if i % 7 != 3 {
                fields.append(("date", .string("\(2020 + i % 5)-\(Self.pad(1 + i % 12))-\(Self.pad(1 + i % 3))")))
            }
            let (key, value) = sources[i % 4]
            if !key.isEmpty { fields.append((key, .string(value))) }
            return JSON.object(fields).serialized()
        }
        scratch.write("archive.jsonl", lines.joined(separator: "\n") + "\n")
        try scratch.index {
            $0.segmentBudget = 3_000
            $0.chunkBytes = 2_000
        }
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static let queries = ["chi bộ", "sinh hoạt chi bộ", "họp", "chi bo hop", "ruộng"]
    static let filters = [
        ArticleFilter(since: ArticleDate(iso: "2022")),
        ArticleFilter(until: ArticleDate(isoEnd: "2021-06")),
        ArticleFilter(since: ArticleDate(iso: "2021-03-02"), until: ArticleDate(isoEnd: "2023")),
        ArticleFilter(sources: ["nhandan.vn"]),
        ArticleFilter(sources: ["BÁO TUỔI TRẺ"]),
        ArticleFilter(since: ArticleDate(iso: "2023"), sources: ["en.nhandan.vn", "articles"]),
    ]

    /// Every match, counted, best first, with no filter.
    func everything(_ query: String) throws -> [Hit] {
        try scratch.searcher().search(query, options: SearchOptions(limit: 1000, snippets: false)).hits
    }

    func passes(_ article: Article, _ filter: ArticleFilter) -> Bool {
        let date = article.date.flatMap(ArticleDate.init(iso:))
        if filter.filtersDates {
            guard let date else { return false }
            if let since = filter.since, date < since { return false }
            if let until = filter.until, until < date { return false }
        }
        return filter.sources.isEmpty || article.sourceName.map { filter.passes(source: $0) } == true
    }

    @Test func theFixtureHasSegmentsDatesAndSources() throws {
        #expect(try Commit.read(folder: scratch.indexFolder)!.segments.count >= 4)
        let all = try everything("chi bộ")
        #expect(all.count == 120)
        #expect(
            Set(all.compactMap(\.article.sourceName)) == ["nhandan.vn", "en.nhandan.vn", "Báo Tuổi Trẻ"])
        #expect(all.count { $0.article.sourceName == nil } == 30)
    }

    /// The top `limit` of a filtered search are the best `limit` of the filtered articles,
    /// counted or not (block-max and the pair seed skip inside the filter), and the counts
    /// are the filtered articles'; undated articles are counted apart.
    @Test(arguments: [true, false])
    func aFilteredSearchIsTheUnfilteredOneFiltered(counting: Bool) throws {
        let searcher = try scratch.searcher()
        for query in Self.queries {
            let all = try everything(query)
            for filter in Self.filters {
                let expected = all.filter { passes($0.article, filter) }
                let result = try searcher.search(
                    query, options: SearchOptions(limit: 5, snippets: false, countsMatches: counting, filter: filter))
                #expect(
                    result.hits.map(\.article.id) == expected.prefix(5).map(\.article.id), "\(query) \(filter)")
                guard counting else { continue }
                #expect(result.total == expected.count, "\(query) \(filter)")
                var undatedFilter = filter
                undatedFilter.since = nil
                undatedFilter.until = nil
                let undated = all.filter { $0.article.date == nil && passes($0.article, undatedFilter) }.count
                #expect(result.undated == (filter.filtersDates ? undated : nil), "\(query) \(filter)")
            }
        }
    }

    /// Counted or not (a search that does not count evaluates the newest candidates first,
    /// and everything when too few of them match: here `-ruộng` leaves a seventh).
    @Test func newestFirstThenOldestFirstUndatedLastEqualDaysByRelevance() throws {
        let searcher = try scratch.searcher()
        for query in Self.queries + ["chi bộ -ruộng", "\"chi bộ họp\" định kỳ"] {
            // Every word required: with some lacking, those holding all would come first.
            let all = try searcher.search(query, options: SearchOptions(limit: 1000, snippets: false, allWords: true))
                .hits
            let relevance = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1.article.id, $0) })
            for sort in [SortOrder.newestFirst, .oldestFirst] {
                for counting in [true, false] {
                    let hits = try searcher.search(
                        query,
                        options: SearchOptions(
                            limit: 30, snippets: false, countsMatches: counting, allWords: true, sort: sort)
                    ).hits
                    let expected = all.sorted { a, b in
                        let (x, y) = (a.article.date ?? "", b.article.date ?? "")
                        if x != y {
                            if x.isEmpty || y.isEmpty { return y.isEmpty }
                            return sort == .newestFirst ? x > y : x < y
                        }
                        return relevance[a.article.id]! < relevance[b.article.id]!
                    }
                    #expect(hits.map(\.article.id) == expected.prefix(30).map(\.article.id), "\(query) \(sort)")
                }
            }
        }
    }

    @Test func pagesFollowEachOther() throws {
        let searcher = try scratch.searcher()
        for query in Self.queries {
            for sort in SortOrder.allCases {
                let whole = try searcher.search(query, options: SearchOptions(limit: 12, snippets: false, sort: sort))
                var paged: [String] = []
                for offset in stride(from: 0, to: 12, by: 4) {
                    let page = try searcher.search(
                        query, options: SearchOptions(limit: 4, snippets: false, sort: sort, offset: offset))
                    #expect(page.total == whole.total)
                    paged += page.hits.map(\.article.id)
                }
                #expect(paged == whole.hits.map(\.article.id), "\(query) \(sort)")
            }
        }
        let beyond = try searcher.search("chi bộ", options: SearchOptions(limit: 10, offset: 500))
        #expect(beyond.hits.isEmpty && beyond.total == 120)
    }

    @Test func facetsCountTheMatchesByYearAndSource() throws {
        let searcher = try scratch.searcher()
        for query in Self.queries {
            for filter in [ArticleFilter()] + Self.filters {
                let matches = try everything(query).filter { passes($0.article, filter) }
                let facets = try #require(
                    try searcher.search(query, options: SearchOptions(limit: 1, filter: filter, facets: true)).facets)
                var years: [Int: Int] = [:]
                for hit in matches { if let date = hit.article.date { years[Int(date.prefix(4))!, default: 0] += 1 } }
                #expect(facets.years.map(\.year) == years.keys.sorted(), "\(query) \(filter)")
                #expect(facets.years.allSatisfy { years[$0.year] == $0.count }, "\(query) \(filter)")
                #expect(facets.undated == matches.count { $0.article.date == nil })
                var sources: [String: Int] = [:]
                for hit in matches { if let s = hit.article.sourceName { sources[s, default: 0] += 1 } }
                #expect(Dictionary(uniqueKeysWithValues: facets.sources.map { ($0.source, $0.count) }) == sources)
                #expect(facets.sources.map(\.count) == facets.sources.map(\.count).sorted(by: >))
            }
        }
    }

    @Test func datesReadAsDaysMonthsAndYears() {
        #expect(ArticleDate(iso: "2024-07-05")?.value == 20240705)
        #expect(ArticleDate(iso: "2024-07")?.value == 20240701)
        #expect(ArticleDate(isoEnd: "2024-02")?.value == 20240229)
        #expect(ArticleDate(isoEnd: "2023")?.value == 20231231)
        for bad in ["2024-13", "2024-02-30", "24-01-01", "hôm qua", "2024-1-5", ""] {
            #expect(ArticleDate(iso: bad) == nil, "\(bad)")
        }
    }

    @Test func aFileIsFromTheFolderItWasIndexedFromAUrlFromItsHost() {
        let file = Article(id: "a/b.txt", title: "", source: "a/b.txt", folder: "/mnt/Báo cũ", body: "")
        #expect(file.sourceName == "Báo cũ")
        let record = Article(id: "r1", title: "", source: "https://www.NhanDan.vn/x?y", body: "")
        #expect(record.sourceName == "nhandan.vn")
        #expect(Article(id: "r2", title: "", source: "TTXVN", body: "").sourceName == "TTXVN")
        #expect(Article(id: "r3", title: "", body: "").sourceName == nil)
    }
}
