import VietAnalysis
import VietSearchCore

/// One search as asked (the query as typed and its options) and its answer; `json` is
/// the document of `vietsearch search --json` and of `GET /api/search`.
public struct SearchResponse {
    public let query: String
    public let options: SearchOptions
    /// The query as parsed (no reading applied): its length limits and exclusions.
    public let parsed: Query
    public let result: SearchResult

    /// Parses and runs `query` on `reader`, with `analyzer` (used by this search only).
    public init(query: String, options: SearchOptions, reader: IndexReader, analyzer: Analyzer) throws {
        self.query = query
        self.options = options
        parsed = QueryParser(analyzer: analyzer).parse(query)
        result = try Searcher(reader: reader, analyzer: analyzer).search(query, options: options)
    }

    /// Whether some article holds the query (or, relaxed, some of its words), shown or not.
    public var matched: Bool { !result.hits.isEmpty || (result.total ?? 0) > 0 }

    public var json: JSON {
        let hits = result.hits.map { hit in
            JSON.object([
                ("id", .string(hit.article.id)), ("title", .string(hit.article.title)),
                ("date", .string(hit.article.date)),
                ("path", .string(hit.article.source)), ("source", .string(hit.article.sourceName)),
                ("folder", .string(hit.article.folder)), ("score", .double(hit.score)),
                ("citations", .int(hit.citations)), ("exact_matches", .int(hit.exactMatches)),
                ("adjacent_pairs", .int(hit.adjacentPairs)),
                ("missing", .array(hit.missing.map { .string($0) })),
                ("snippet", .string(hit.snippet?.text ?? "")),
                (
                    "highlights",
                    .array((hit.snippet?.highlights ?? []).map { .array([.int($0.lowerBound), .int($0.upperBound)]) })
                ),
            ])
        }
        return JSON.object([
            ("query", .string(query)), ("total", .int(result.total ?? result.hits.count)),
            ("all_words", result.allWords.map { .int($0) } ?? .null),
            ("as_typed", result.asTyped.map { .int($0) } ?? .null),
            ("some_words", result.someWords.map { .int($0) } ?? .null), ("relaxed", .bool(result.relaxed)),
            ("unknown_words", .array(result.unknownWords.map { .string($0) })),
            ("interpreted_query", .string(result.reading?.text ?? Self.analyzed(parsed))),
            ("corrections", .array((result.reading?.corrections ?? []).map(Self.json))),
            ("loosened", .array((result.reading?.loosened ?? []).map { .string($0) })),
            ("alternatives", .array((result.reading?.alternatives ?? []).map { .string($0) })),
            ("suggestions", .array((result.reading?.suggestions ?? []).map(Self.json))),
            ("offset", .int(options.offset)), ("sort", .string(options.sort.rawValue)),
            ("undated", result.undated.map { .int($0) } ?? .null),
            ("facets", result.facets.map(Self.json) ?? .null),
            ("hits", .array(hits)),
        ])
    }

    /// Parentheses would suggest grouping (`chi bộ (Hà Nội OR Huế)`), which the query
    /// language does not have: alternatives are runs of words between `OR`s. Refused outside
    /// quotes, so that no query is silently read otherwise than meant.
    public static func refuseParentheses(_ query: String) throws(RequestError) {
        var quoted = false
        for character in query {
            if character == "\"" {
                quoted.toggle()
            } else if !quoted && (character == "(" || character == ")") {
                throw RequestError(
                    "Parentheses do not group words in a query. Write alternatives as runs of words "
                        + "between OR (Đà Nẵng OR Hải Phòng), or drop the parentheses.")
            }
        }
    }

    /// The parsed query's words as analyzed, for `interpreted_query` of a query read as typed.
    public static func analyzed(_ query: Query) -> String {
        query.alternatives.map { $0.map(\.text).joined(separator: " ") }.joined(separator: " OR ")
    }

    static func json(_ facets: Facets) -> JSON {
        .object([
            ("years", .array(facets.years.map { .object([("year", .int($0.year)), ("count", .int($0.count))]) })),
            ("undated", .int(facets.undated)),
            (
                "sources",
                .array(
                    facets.sources.prefix(50).map {
                        .object([("source", .string($0.source)), ("count", .int($0.count))])
                    })
            ),
        ])
    }

    static func json(_ correction: QueryReading.Correction) -> JSON {
        .object([
            ("typed", .string(correction.typed)), ("read", .string(correction.read)),
            ("kind", .string(correction.kind.rawValue)),
        ])
    }
}
