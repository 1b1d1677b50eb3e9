import VietAnalysis
import VietSearchCore

/// The articles citing one directive, filtered, ordered and paged; `json` is the
/// document of `vietsearch cite --json` and of `GET /api/cite`.
public struct CitationResponse {
    /// The directive asked for, its issuer implied where the type has one.
    public let key: DirectiveKey
    /// `key` as `directives` shows it (issuer and title as most mentions spell them).
    public let named: DirectiveKey
    /// Every citing article passing the filter, in order.
    public let citing: [CitingArticle]
    /// Under a date filter, how many citing articles have no date (left out).
    public let undated: Int
    public let filter: ArticleFilter
    public let sort: SortOrder
    public let offset: Int
    public let limit: Int

    /// The directive a text names ("Kết luận 21", "21-KL/TW"), its issuer implied where
    /// its type has one; `RequestError` when the text names none.
    public static func directive(_ text: String, analyzer: Analyzer) throws -> DirectiveKey {
        do {
            return try DirectiveQuery.parse(text, analyzer: analyzer).withImpliedIssuer
        } catch {
            throw RequestError("\(error)")
        }
    }

    /// Finds the articles citing `key` (see `directive(_:analyzer:)`).
    public init(
        key: DirectiveKey, limit: Int, filter: ArticleFilter = ArticleFilter(), sort: SortOrder = .relevance,
        offset: Int = 0, reader: IndexReader
    ) throws {
        self.key = key
        (citing, undated) = try reader.articlesCiting(key, filter: filter, sort: sort)
        named = (try? reader.displayed(key)) ?? key
        self.filter = filter
        self.sort = sort
        self.offset = offset
        self.limit = limit
    }

    /// The page shown: `limit` articles after the first `offset`.
    public var shown: ArraySlice<CitingArticle> { citing.dropFirst(offset).prefix(limit) }

    /// How many cite it for certain.
    public var certain: Int { citing.count { $0.match == .certain } }

    public var json: JSON {
        let directiveJSON = JSON.object([
            ("type", .string(key.type.displayName)), ("number", key.isNamedLaw ? .null : .int(key.number)),
            ("issuer", .string(key.issuer)), ("year", key.year.map { .int($0) } ?? .null),
            ("title", .string(named.writtenName)),
        ])
        let hits = shown.map { hit in
            JSON.object([
                ("id", .string(hit.article.id)), ("title", .string(hit.article.title)),
                ("date", .string(hit.article.date)), ("match", .string(hit.match.name)),
                (
                    "mentions",
                    .array(
                        hit.mentions.map {
                            .object([
                                ("text", .string($0.text)), ("context", .string($0.context)),
                                ("start", .int($0.start)),
                                ("end", .int($0.end)), ("field", .string($0.field == .title ? "title" : "body")),
                                ("date", .string($0.date)), ("match", .string($0.match.name)),
                            ])
                        })
                ),
            ])
        }
        return JSON.object([
            ("directive", directiveJSON), ("total", .int(citing.count)), ("certain", .int(certain)),
            ("possible", .int(citing.count - certain)), ("offset", .int(offset)),
            ("sort", .string(sort.rawValue)),
            ("undated", filter.filtersDates ? .int(undated) : .null), ("hits", .array(Array(hits))),
        ])
    }
}
