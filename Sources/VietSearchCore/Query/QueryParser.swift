import VietAnalysis

/// Turns what a user types into a `Query`. Every word goes through the same analyzer as the
/// documents. Unknown syntax is read as words, never an error.
public struct QueryParser {
    private let analyzer: Analyzer

    public init(analyzer: Analyzer) { self.analyzer = analyzer }

    private enum Piece: Equatable {
        case text(String, quoted: Bool, negated: Bool, field: Field?)
        case or
    }

    public func parse(_ input: String) -> Query {
        var query = Query()
        var pendingOr = false
        for piece in Self.pieces(input) {
            switch piece {
            case .or:
                pendingOr = !query.required.isEmpty
            case .text(let text, let quoted, let negated, let field):
                let terms = analyzer.tokens(text).map { Query.Term(exact: $0.exact.bytes, folded: $0.folded.bytes) }
                if terms.isEmpty { continue }
                // Unquoted words: each is its own clause; a word with several tokens is a phrase.
                var clauses: [Query.Clause] = []
                if quoted {
                    clauses = [Query.Clause(terms: terms, field: field)]
                } else {
                    for word in text.split(whereSeparator: \.isWhitespace) {
                        let wordTerms = analyzer.tokens(String(word)).map {
                            Query.Term(exact: $0.exact.bytes, folded: $0.folded.bytes)
                        }
                        if !wordTerms.isEmpty { clauses.append(Query.Clause(terms: wordTerms, field: field)) }
                    }
                }
                if negated {
                    query.excluded.append(contentsOf: clauses)
                    pendingOr = false
                    continue
                }
                for (i, clause) in clauses.enumerated() {
                    if i == 0 && pendingOr, !query.required.isEmpty {
                        query.required[query.required.count - 1].append(clause)
                    } else {
                        query.required.append([clause])
                    }
                }
                pendingOr = false
            }
        }
        return query
    }

    /// Splits the input into words, quoted phrases, `OR`, with `-` and `title:` prefixes.
    private static func pieces(_ input: String) -> [Piece] {
        var pieces: [Piece] = []
        var characters = Substring(input)
        while let first = characters.first {
            if first.isWhitespace {
                characters = characters.dropFirst()
                continue
            }
            var negated = false
            var field: Field? = nil
            var rest = characters
            if rest.first == "-" && rest.count > 1 && !(rest.dropFirst().first?.isWhitespace ?? true) {
                negated = true
                rest = rest.dropFirst()
            }
            if rest.lowercased().hasPrefix("title:") && rest.count > 6 {
                field = .title
                rest = rest.dropFirst(6)
            }
            if rest.first == "\"" {
                let body = rest.dropFirst()
                let end = body.firstIndex(of: "\"") ?? body.endIndex
                pieces.append(.text(String(body[..<end]), quoted: true, negated: negated, field: field))
                characters = end < body.endIndex ? body[body.index(after: end)...] : body[end...]
                continue
            }
            let end = rest.firstIndex(where: \.isWhitespace) ?? rest.endIndex
            let word = rest[..<end]
            if word == "OR" && !negated && field == nil {
                pieces.append(.or)
            } else {
                pieces.append(.text(String(word), quoted: false, negated: negated, field: field))
            }
            characters = rest[end...]
        }
        return pieces
    }
}
