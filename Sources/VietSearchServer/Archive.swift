import VietAnalysis
import VietSearchCore
import VietSearchService

/// The requests the API and the pages share, read from query parameters and run on the
/// live index: the same `VietSearchService` answers the CLI prints.
struct Archive: Sendable {
    let index: LiveIndex
    let analyzers: AnalyzerPool
    let configuration: ServerConfiguration

    static let searchParameters: Set<String> = [
        "q", "limit", "offset", "since", "until", "source", "sort", "exact", "all_words", "as_typed", "count",
    ]
    static let citeParameters: Set<String> = ["d", "limit", "offset", "since", "until", "source", "sort"]
    static let directivesParameters: Set<String> = ["type", "issuer", "year", "sort", "limit"]

    /// `GET /api/search`: `q` required; options as `vietsearch search` has them, and
    /// `count=false`, which finds the best hits without counting every match (no CLI
    /// option does that: the counts and facets are then null, `total` the hits shown).
    func search(_ parameters: QueryParameters) throws -> SearchResponse {
        let query = try text(parameters, "q", example: "q=sinh hoạt chi bộ")
        do {
            try SearchResponse.refuseParentheses(query)
        } catch { throw APIError.badRequest(error.message) }
        var options = SearchOptions(
            limit: try parameters.integer("limit", default: 10, in: 0...configuration.maxLimit),
            exactOnly: try parameters.flag("exact"), allWords: try parameters.flag("all_words"),
            asTyped: try parameters.flag("as_typed"), filter: try filter(parameters),
            sort: try parameters.choice("sort", default: SortOrder.relevance),
            offset: try parameters.integer("offset", default: 0, in: 0...configuration.maxOffset))
        options.countsMatches = try parameters.flag("count", default: true)
        options.facets = options.countsMatches
        let reader = index.current()
        return try analyzers.with { try SearchResponse(query: query, options: options, reader: reader, analyzer: $0) }
    }

    /// `GET /api/cite`: `d` (the directive) required.
    func cite(_ parameters: QueryParameters) throws -> CitationResponse {
        let directive = try text(parameters, "d", example: "d=Kết luận 21")
        let key: DirectiveKey
        do {
            key = try analyzers.with { try CitationResponse.directive(directive, analyzer: $0) }
        } catch let error as RequestError { throw APIError.badRequest(error.message) }
        return try CitationResponse(
            key: key, limit: try parameters.integer("limit", default: 20, in: 0...configuration.maxLimit),
            filter: try filter(parameters), sort: try parameters.choice("sort", default: SortOrder.relevance),
            offset: try parameters.integer("offset", default: 0, in: 0...configuration.maxOffset),
            reader: index.current())
    }

    /// `GET /api/directives`.
    func directives(_ parameters: QueryParameters) throws -> DirectiveListing {
        do {
            return try DirectiveListing(
                type: parameters.text("type"), issuer: parameters.text("issuer"),
                year: parameters.text("year") == nil
                    ? nil : try parameters.integer("year", default: 0, in: 1...9999),
                order: try parameters.choice("sort", default: DirectiveListing.Order.articles),
                limit: try parameters.integer("limit", default: 50, in: 0...1000), reader: index.current())
        } catch let error as RequestError { throw APIError.badRequest(error.message) }
    }

    /// `GET /api/articles/{id}`: 404 when no live article has the id.
    func article(id: String) throws -> Article {
        guard !id.isEmpty, id.count <= 4096 else { throw APIError.badRequest("give an article id") }
        guard let article = try index.current().lookUpArticle(id: id) else {
            throw APIError.notFound("no article has the id \"\(id)\"")
        }
        return article
    }

    /// A required text parameter, within the length limit.
    private func text(_ parameters: QueryParameters, _ name: String, example: String) throws -> String {
        guard let text = parameters.text(name), !text.allSatisfy(\.isWhitespace) else {
            throw APIError.badRequest("\(name) is required, e.g. \(example)")
        }
        guard text.count <= configuration.maxQueryLength else {
            throw APIError.badRequest(
                "\(name) is too long: \(text.count) characters, at most \(configuration.maxQueryLength)")
        }
        return text
    }

    private func filter(_ parameters: QueryParameters) throws -> ArticleFilter {
        do {
            return try FilterParameters(
                since: parameters.text("since"), until: parameters.text("until"), sources: parameters.all("source")
            ).filter(prefix: "")
        } catch { throw APIError.badRequest(error.message) }
    }
}
