import VietSearchCore

extension Article {
    /// The document of `vietsearch show --json` and of `GET /api/articles/{id}`.
    public var json: JSON {
        JSON.object([
            ("id", .string(id)), ("title", .string(title)), ("date", .string(date)),
            ("path", .string(source)), ("source", .string(sourceName)),
            ("folder", .string(folder)), ("text", .string(body)),
        ])
    }
}

extension IndexStatistics {
    /// The document of `vietsearch stats --json` and of `GET /api/stats`.
    public var json: JSON {
        let kinds = bytesByKind.sorted { $0.key < $1.key }.map { ($0.key, JSON.int($0.value)) }
        return JSON.object([
            ("documents", .int(documents)), ("deleted_documents", .int(deletedDocuments)),
            ("terms", .int(terms)), ("segments", .int(segments)),
            ("bytes", .object(kinds)), ("total_bytes", .int(totalBytes)),
        ])
    }
}
