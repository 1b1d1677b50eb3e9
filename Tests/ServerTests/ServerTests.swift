import Foundation
import Testing

@testable import VietSearchServer

/// The server as a client sees it: every endpoint, the errors, the pages, the JSON the CLI
/// prints. One fixture and one server for the suite.
@Suite(.serialized) struct ServerTests {
    /// Shared by the suite, so never released: its folder is removed when the test process exits.
    static let fixture = try! Fixture(removedAtExit: true)

    func withServer(
        configure: (inout ServerConfiguration) -> Void = { _ in }, _ body: (RunningServer) async throws -> Void
    ) async throws {
        let server = try await RunningServer(Self.fixture, configure: configure)
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func everyEndpointAnswersWithItsType() async throws {
        try await withServer { server in
            let json = [
                "/health", "/api/search?q=chi+b%E1%BB%99", "/api/cite?d=" + escaped("Kết luận 21"), "/api/directives",
                "/api/articles/thu-duc-ket-luan-21.txt", "/api/stats", "/api/openapi.json",
            ]
            for path in json {
                let answer = try await server.get(path)
                #expect(answer.status == 200, "\(path)")
                #expect(answer.contentType == "application/json; charset=utf-8", "\(path)")
                _ = try answer.json()
            }
            let pages = [
                "/", "/?q=sinh+hoat+chi+bo", "/articles/thu-duc-ket-luan-21.txt", "/cite?d=" + escaped("Kết luận 21"),
                "/directives",
            ]
            for path in pages {
                let answer = try await server.get(path)
                #expect(answer.status == 200, "\(path)")
                #expect(answer.contentType == "text/html; charset=utf-8", "\(path)")
                #expect(answer.body.hasPrefix("<!doctype html><html lang=\"vi\">"), "\(path)")
            }
        }
    }

    @Test func apiAnswersAreTheCLIsJSONByteForByte() async throws {
        let index = Self.fixture.index
        try await withServer { server in
            let cases: [(path: String, arguments: [String])] = [
                ("/api/search?q=sinh+hoat+chi+bo", ["search", "--json", "sinh hoat chi bo"]),
                (
                    "/api/search?q=" + escaped("chi bộ") + "&limit=2&offset=1&sort=-date",
                    ["search", "--json", "--limit", "2", "--offset", "1", "--sort", "-date", "chi bộ"]
                ),
                (
                    "/api/search?q=dang&since=2019&until=2022-06&exact=1",
                    ["search", "--json", "--since", "2019", "--until", "2022-06", "--exact", "dang"]
                ),
                ("/api/search?q=khongcotu", ["search", "--json", "khongcotu"]),
                ("/api/cite?d=" + escaped("Kết luận 21"), ["cite", "--json", "Kết luận 21"]),
                ("/api/directives?limit=3&sort=recent", ["directives", "--json", "--limit", "3", "--sort", "recent"]),
                ("/api/articles/ben-tre-sinh-hoat-chi-bo.txt", ["show", "--json", "ben-tre-sinh-hoat-chi-bo.txt"]),
                ("/api/stats", ["stats", "--json"]),
            ]
            for (path, arguments) in cases {
                let cli = try CLI.output(arguments + ["--index", index])
                let answer = try await server.get(path)
                #expect(answer.status == 200, "\(path)")
                #expect(!cli.isEmpty)
                #expect(answer.body == cli, "\(path) differs from vietsearch \(arguments.joined(separator: " "))")
            }
        }
    }

    @Test func countFalseFindsTheSameHitsWithoutCounts() async throws {
        try await withServer { server in
            let counted = try await server.get("/api/search?q=chi+b%E1%BB%99&limit=3").json()
            let uncounted = try await server.get("/api/search?q=chi+b%E1%BB%99&limit=3&count=false").json()
            func ids(_ json: [String: Any]) -> [String] {
                (json["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
            #expect(ids(uncounted) == ids(counted))
            #expect(ids(counted).count == 3)
            #expect(counted["total"] as? Int == 5)
            #expect(uncounted["total"] as? Int == 3)
            #expect(uncounted["all_words"] is NSNull)
            #expect(uncounted["facets"] is NSNull)
        }
    }

    @Test func badRequestsGetAStatusAndAMessage() async throws {
        try await withServer { server in
            let long = String(repeating: "chi bộ ", count: 100)
            let cases: [(path: String, status: Int, says: String)] = [
                ("/api/search", 400, "q is required"),
                ("/api/search?q=a&lmit=3", 400, "unknown parameter 'lmit'"),
                ("/api/search?q=a&limit=1000", 400, "limit must be a whole number from 0 to 100"),
                ("/api/search?q=a&limit=ten", 400, "limit must be a whole number"),
                ("/api/search?q=a&offset=-1", 400, "offset must be a whole number"),
                ("/api/search?q=a&sort=newest", 400, "sort must be one of relevance, date, -date"),
                ("/api/search?q=a&since=2024-13", 400, "since takes a day as YYYY-MM-DD"),
                ("/api/search?q=a&since=2024&until=2020", 400, "is before since"),
                ("/api/search?q=a&exact=maybe", 400, "exact must be true or false"),
                ("/api/search?q=a&count=2", 400, "count must be true or false"),
                ("/api/search?q=" + escaped(long), 400, "q is too long: 700 characters, at most 512"),
                ("/api/search?q=%E1%BB", 400, "not UTF-8"),
                ("/api/search?q=" + escaped("chi bộ (Hà Nội OR Huế)"), 400, "Parentheses do not group"),
                ("/api/cite?d=" + escaped("bóng đá"), 400, "is not a directive citation"),
                ("/api/directives?type=Thông+cáo", 400, "unknown directive type"),
                ("/api/articles/no-such-article.txt", 404, "no article has the id \"no-such-article.txt\""),
                ("/api/nowhere", 404, "no such path: /api/nowhere"),
                ("/api/articles/..%2F..%2Fetc%2Fpasswd", 404, "no article has the id \"../../etc/passwd\""),
            ]
            for (path, status, says) in cases {
                let answer = try await server.get(path)
                #expect(answer.status == status, "\(path)")
                #expect(answer.contentType == "application/json; charset=utf-8", "\(path)")
                let error = try #require(try answer.json()["error"] as? [String: Any], "\(path)")
                #expect(error["status"] as? Int == status)
                let message = try #require(error["message"] as? String)
                #expect(message.contains(says), "\(path): \(message)")
            }
            // Pages answer errors as pages.
            let page = try await server.get("/articles/no-such-article.txt")
            #expect(page.status == 404)
            #expect(page.body.contains("Lỗi 404"))
        }
    }

    @Test func hostileArticleTextIsEscapedOnEveryPage() async throws {
        try await withServer { server in
            for path in ["/?q=b%C3%B3ng+%C4%91%C3%A1", "/articles/hostile-1"] {
                let page = try await server.get(path)
                #expect(page.status == 200)
                #expect(
                    page.body.contains(
                        "&lt;script&gt;alert(&#39;tiêu đề&#39;)&lt;/script&gt; Bóng đá &amp; &quot;Hà Nội&quot;"))
                #expect(!page.body.contains("<script"))
                #expect(!page.body.contains("<img"))
                let policy = page.headers["Content-Security-Policy"] as? String
                #expect(policy?.hasPrefix("default-src 'none'") == true)
            }
            // A query echoed in the box and in messages is escaped too.
            let echoed = try await server.get("/?q=" + escaped("\"><script>x</script>"))
            #expect(!echoed.body.contains("<script>x"))
            #expect(echoed.body.contains("&quot;&gt;&lt;script&gt;x&lt;/script&gt;"))
        }
    }

    @Test func resultsPageShowsHitsTheReadingAndPages() async throws {
        try await withServer { server in
            let page = try await server.get("/?q=sinh+hoat+chi+bo&limit=2")
            #expect(page.body.contains("Kết quả cho: <a href=\"/?q=sinh%20ho%E1%BA%A1t%20chi%20b%E1%BB%99"))
            #expect(page.body.contains("<b>sinh hoạt chi bộ</b>"))
            #expect(page.body.components(separatedBy: "<article class=\"hit\">").count == 3)
            #expect(page.body.contains("<mark>"))
            #expect(page.body.contains("Trang 1/3"))
            #expect(page.body.contains("offset=2\">Trang sau →</a>"))
            // The years of the matches narrow the search.
            #expect(
                page.body.contains(
                    "<a href=\"/?q=sinh%20hoat%20chi%20bo&amp;since=2019-01-01&amp;until=2019-12-31&amp;limit=2\">2019</a> (2)"
                ))
            let none = try await server.get("/?q=khongcotu")
            #expect(none.body.contains("Không tìm thấy bài nào cho “khongcotu”."))
            let directive = try await server.get("/cite?d=" + escaped("Kết luận 21"))
            #expect(directive.body.contains("href=\"/articles/thu-duc-ket-luan-21.txt\""))
        }
    }

    @Test func servedOpenAPIIsTheRepositorysAndCoversEveryRoute() async throws {
        let file = try String(contentsOfFile: CLI.repository + "/docs/openapi.json", encoding: .utf8)
        try await withServer { server in
            let served = try await server.get("/api/openapi.json")
            #expect(served.body == file, "run scripts/openapi.sh after editing docs/openapi.json")
            let document = try served.json()
            let paths = try #require(document["paths"] as? [String: Any])
            // Every documented path answers (not 404) with its required parameters.
            for path in paths.keys {
                let concrete =
                    path.replacingOccurrences(of: "{id}", with: "thu-duc-ket-luan-21.txt")
                    + (path == "/api/search" ? "?q=chi+bo" : path == "/api/cite" ? "?d=KL+21" : "")
                let answer = try await server.get(concrete)
                #expect(answer.status == 200, "\(concrete)")
            }
            // Every API route is documented.
            let routes = server.server.router().routes.map { "\($0.path)" }.filter {
                $0.hasPrefix("/api/") || $0 == "/health"
            }
            #expect(!routes.isEmpty)
            for route in routes {
                #expect(paths[route.replacingOccurrences(of: "**", with: "{id}")] != nil, "\(route) is not documented")
            }
        }
    }

    @Test func queryStringsDecodeAsFormsSendThem() throws {
        let parameters = try QueryParameters(
            "q=sinh+ho%E1%BA%A1t&source=a&source=&source=b&limit=", known: ["q", "source", "limit"])
        #expect(parameters.text("q") == "sinh hoạt")
        #expect(parameters.all("source") == ["a", "b"])
        #expect(parameters.text("limit") == nil)
        for broken in ["q=%zz", "q=%E", "q=%FF"] {
            #expect(throws: APIError.self) { try QueryParameters(broken, known: ["q"]) }
        }
        #expect(QueryParameters.encode("a b/ộ") == "a%20b%2F%E1%BB%99")
    }

    @Test func aConnectionSendingTooFastIsAnswered429() async throws {
        let limiter = RateLimiter(rate: 2, burst: 3)
        let start = ContinuousClock.now
        let answers = (0..<5).map { _ in limiter.allow("a", now: start) }
        #expect(answers == [true, true, true, false, false])
        #expect(limiter.allow("b", now: start))
        #expect(limiter.allow("a", now: start + .milliseconds(600)))
        try await withServer(configure: { $0.requestsPerSecond = 1 }) { server in
            var statuses: [Int] = []
            for _ in 0..<10 { statuses.append(try await server.get("/health").status) }
            #expect(statuses.contains(429))
        }
    }
}

/// A server picks up each commit of a writer, without a failed request.
struct ReopenTests {
    @Test func newCommitsAreServedWithoutARestartOrAFailedRequest() async throws {
        let fixture = try Fixture()
        let server = try await RunningServer(fixture)
        let before = try await server.get("/api/search?q=kh%E1%BB%A7ng+long")
        #expect(try before.json()["total"] as? Int == 0)
        let generation = try await server.get("/health").json()["generation"] as? Int
        // Requests run while a writer commits three times.
        let failures = try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                var failures = 0
                for i in 0..<200 {
                    let answer = try await server.get("/api/search?q=chi+b%E1%BB%99&offset=\(i % 3)")
                    if answer.status != 200 { failures += 1 }
                }
                return failures
            }
            group.addTask {
                for i in 0..<3 {
                    try fixture.write("new-\(i).txt", "Khủng long \(i)\n\nBài mới về khủng long số \(i).")
                    try fixture.reindex()
                }
                return 0
            }
            return try await group.reduce(0, +)
        }
        #expect(failures == 0)
        let after = try await server.get("/api/search?q=kh%E1%BB%A7ng+long")
        #expect(try after.json()["total"] as? Int == 3)
        let health = try await server.get("/health").json()
        #expect((health["generation"] as? Int ?? 0) > (generation ?? .max))
        // Articles of the new commits are found by id too.
        let article = try await server.get("/api/articles/new-2.txt").json()
        #expect(article["title"] as? String == "Khủng long 2")
        await server.stop()
    }
}
