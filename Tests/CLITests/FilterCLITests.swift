import Foundation
import Testing

/// `--since`, `--until`, `--source`, `--sort`, `--offset` on `search` and `cite`, and the
/// facets of `search --json`, on the sample articles (dated 2019-03-26 to 2022-12-07, one
/// without a date, all from the folder `Corpus`).
struct FilterCLITests {
    /// An index of the sample articles.
    func sampleIndex() throws -> String {
        let index = CLI.temporaryFolder() + "/idx"
        try CLI.run(["index", CLI.repository + "/Corpus", "--index", index])
        return index
    }

    @Test func searchFiltersByDateAndSourceAndSaysWhatWasLeftOut() throws {
        let index = try sampleIndex()
        let since = try CLI.run(["search", "chi bộ", "--since", "2021", "--index", index, "--json"])
        #expect(since.status == 0)
        let result = try #require(try CLI.json(since.stdout) as? [String: Any])
        let hits = try #require(result["hits"] as? [[String: Any]])
        #expect(
            Set(hits.compactMap { $0["id"] as? String }) == [
                "thu-duc-ket-luan-21.txt", "tuyen-quang-hoi-nghi-de-an-16.txt",
            ])
        #expect(result["total"] as? Int == 2)
        #expect(result["undated"] as? Int == 1)
        #expect(hits.allSatisfy { $0["source"] as? String == "Corpus" })

        let text = try CLI.run(["search", "chi bộ", "--since", "2021", "--index", index])
        #expect(text.stdout.contains("2 articles hold every word of \"chi bộ\" (1 more has no date and is left out)"))

        let none = try CLI.run(["search", "chi bộ", "--source", "nhandan.vn", "--index", index])
        #expect(none.status == 1)
        #expect(none.stdout.contains("No article matches \"chi bộ\" from nhandan.vn. Try without the filters."))
        #expect(try CLI.run(["search", "chi bộ", "--source", "corpus", "--index", index]).status == 0)
    }

    @Test func sortAndOffsetPageThroughTheArticlesNewestFirst() throws {
        let index = try sampleIndex()
        func ids(_ extra: [String]) throws -> [String] {
            let out = try CLI.run(["search", "chi bộ", "--index", index, "--json"] + extra)
            let hits = try #require((try CLI.json(out.stdout) as? [String: Any])?["hits"] as? [[String: Any]])
            return hits.compactMap { $0["date"] as? String ?? "none" }
        }
        #expect(try ids(["--sort", "-date"]) == ["2022-12-07", "2021-07-23", "2019-12-18", "2019-03-26", "none"])
        #expect(try ids(["--sort=date", "--limit", "2", "--offset", "1"]) == ["2019-12-18", "2021-07-23"])
        let text = try CLI.run(["search", "chi bộ", "--index", index, "--sort", "-date", "--offset", "4"])
        #expect(text.stdout.contains("\n5. "))
    }

    @Test func facetsCountYearsAndSources() throws {
        let index = try sampleIndex()
        let out = try CLI.run(["search", "chi bộ", "--index", index, "--json", "--limit", "0"])
        let facets = try #require((try CLI.json(out.stdout) as? [String: Any])?["facets"] as? [String: Any])
        let years = try #require(facets["years"] as? [[String: Any]])
        #expect(years.map { [$0["year"] as? Int, $0["count"] as? Int] } == [[2019, 2], [2021, 1], [2022, 1]])
        #expect(facets["undated"] as? Int == 1)
        let sources = try #require(facets["sources"] as? [[String: Any]])
        #expect(sources.map { $0["source"] as? String } == ["Corpus"])
        #expect(sources.map { $0["count"] as? Int } == [5])
    }

    @Test func citeFiltersAndSortsToo() throws {
        let index = try sampleIndex()
        let out = try CLI.run(["cite", "Chỉ thị 05", "--index", index, "--json", "--sort", "date"])
        let hits = try #require((try CLI.json(out.stdout) as? [String: Any])?["hits"] as? [[String: Any]])
        #expect(hits.compactMap { $0["date"] as? String } == ["2019-03-26", "2021-07-23"])
        let later = try CLI.run(["cite", "Chỉ thị 05", "--index", index, "--since", "2020-01-01"])
        #expect(later.status == 0)
        #expect(later.stdout.contains("tuyen-quang-hoi-nghi-de-an-16.txt"))
        #expect(!later.stdout.contains("uong-bi-to-chuc-co-so-dang.txt"))
        let none = try CLI.run(["cite", "Chỉ thị 05", "--index", index, "--until", "2018"])
        #expect(none.status == 1)
        #expect(none.stdout.contains("No article dated 2018-12-31 or earlier cites"))
    }

    @Test func badFilterValuesAreUsageErrors() throws {
        let index = try sampleIndex()
        let cases: [([String], String)] = [
            (["--since", "2024-13"], "--since takes a day as YYYY-MM-DD"),
            (["--until", "hôm qua"], "--until takes a day"),
            (["--since", "2024", "--until", "2023"], "--until 2023-12-31 is before --since 2024-01-01"),
            (["--offset=-1"], "--offset must be 0 or more"),
            (["--sort", "newest"], "newest"),
        ]
        for (arguments, message) in cases {
            let out = try CLI.run(["search", "chi bộ", "--index", index] + arguments)
            #expect(out.status == 2, "\(arguments)")
            #expect(out.stderr.contains(message), "\(arguments): \(out.stderr)")
        }
    }
}
