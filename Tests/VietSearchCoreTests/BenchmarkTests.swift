import Testing

@testable import VietSearchCore

struct BenchmarkTests {
    /// A query file holds one query per line; blanks around a query, blank lines and
    /// `#` comments are not queries.
    @Test func queryFilesSkipCommentsAndTrimBlanks() throws {
        let scratch = Scratch()
        scratch.write("queries.txt", "# phrases\n  sinh hoạt chi bộ \t\n\n\t\nnăm\r\n  # indented comment\nKết luận 21")
        let queries = try Benchmark.queries(file: scratch.articles + "/queries.txt")
        #expect(queries == ["sinh hoạt chi bộ", "năm", "Kết luận 21"])
    }
}
