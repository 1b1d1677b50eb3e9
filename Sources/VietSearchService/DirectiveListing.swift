import VietSearchCore

/// Every directive cited in the archive, one row each, filtered by type, issuer and
/// year and ordered; `json` is the document of `vietsearch directives --json` and of
/// `GET /api/directives`.
public struct DirectiveListing {
    /// The order of the rows.
    public enum Order: String, Sendable, CaseIterable {
        /// Most cited first.
        case articles
        /// Newest first (by the latest citing article's date).
        case recent
    }

    /// Every row passing the filters, in order.
    public let counts: [DirectiveCount]
    public let limit: Int

    /// Lists the directives of `reader`. `type` is a name ("Kết luận", "Luật", "Bộ luật"
    /// for codes) or an abbreviation (KL), `issuer` a code or a name; an unknown type
    /// throws `RequestError`.
    public init(
        type: String? = nil, issuer: String? = nil, year: Int? = nil, order: Order = .articles, limit: Int,
        reader: IndexReader
    ) throws {
        var counts = try reader.directiveCounts()
        if let type, UserText.fold(type) == "bo luat" {
            // Codes are laws whose title says so.
            counts = counts.filter {
                $0.key.type == .luat && $0.key.writtenName.map(UserText.fold)?.hasPrefix("bo luat ") == true
            }
        } else if let type {
            let wanted = UserText.fold(type)
            let types = DirectiveType.allCases.filter {
                UserText.fold($0.displayName) == wanted || $0.abbreviation.map(UserText.fold) == wanted
            }
            guard !types.isEmpty else {
                throw RequestError(
                    "unknown directive type '\(type)'; known: \(DirectiveType.allCases.map(\.displayName).joined(separator: ", "))"
                )
            }
            counts = counts.filter { count in
                types.contains { $0.matches(count.key.type) || count.key.type.matches($0) }
            }
        }
        if let issuer {
            let accepts = Issuers.filter(issuer)
            counts = counts.filter { accepts($0.key.issuer) }
        }
        if let year {
            counts = counts.filter { ($0.key.year ?? $0.latest.flatMap { Int($0.prefix(4)) }) == year }
        }
        if order == .recent {
            // Stable: rows of one date keep the most cited first.
            counts = counts.enumerated().sorted { a, b in
                (a.element.latest ?? "", b.offset) > (b.element.latest ?? "", a.offset)
            }.map(\.element)
        }
        self.counts = counts
        self.limit = limit
    }

    /// The rows shown: the first `limit`.
    public var shown: ArraySlice<DirectiveCount> { counts.prefix(limit) }

    public var json: JSON {
        let rows = shown.map {
            JSON.object([
                ("directive", .string($0.key.description)), ("type", .string($0.key.type.displayName)),
                ("number", $0.key.isNamedLaw ? .null : .int($0.key.number)),
                ("issuer", .string($0.key.writtenIssuer)), ("title", .string($0.key.writtenName)),
                ("year", $0.key.year.map { .int($0) } ?? .null), ("date", .string($0.latest)),
                ("articles", .int($0.articles)), ("possible_articles", .int($0.possibleArticles)),
                ("mentions", .int($0.mentions)),
            ])
        }
        return JSON.object([("total", .int(counts.count)), ("directives", .array(Array(rows)))])
    }
}
