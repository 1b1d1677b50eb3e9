import VietAnalysis

/// Turns what a user types into a `Query`. Every word goes through the same analyzer as the
/// documents. Unknown syntax is read as words, never an error.
public struct QueryParser {
    private let analyzer: Analyzer
    /// Clauses beyond this many per alternative are ignored (a pasted article is not a query).
    public static let maxClauses = 64

    public init(analyzer: Analyzer) { self.analyzer = analyzer }

    private enum Piece: Equatable {
        case text(String, quoted: Bool, negated: Bool, field: Field?)
        case or
    }

    public func parse(_ input: String) -> Query {
        var alternatives: [[Query.Clause]] = [[]]
        var excluded: [Query.Clause] = []
        for piece in Self.pieces(input) {
            switch piece {
            case .or:
                if !alternatives[alternatives.count - 1].isEmpty { alternatives.append([]) }
            case .text(let text, let quoted, let negated, let field):
                let words = quoted ? [Substring(text)] : text.split(whereSeparator: \.isWhitespace)
                for word in words {
                    let terms = analyzer.tokens(String(word)).map {
                        Query.Term(exact: $0.exact.bytes, folded: $0.folded.bytes, exactMatters: false)
                    }
                    guard !terms.isEmpty else { continue }
                    let clause = Query.Clause(terms: terms, field: field, isQuoted: quoted && terms.count > 1)
                    if negated {
                        if !excluded.contains(clause) { excluded.append(clause) }
                    } else if !alternatives[alternatives.count - 1].contains(clause),
                        alternatives[alternatives.count - 1].count < Self.maxClauses
                    {
                        alternatives[alternatives.count - 1].append(clause)
                    }
                }
            }
        }
        if alternatives.last?.isEmpty == true && alternatives.count > 1 { alternatives.removeLast() }
        // Typed with diacritics anywhere: the exact spelling of every syllable matters.
        let accented = (alternatives.flatMap { $0 } + excluded).contains { clause in
            clause.terms.contains { $0.exact != $0.folded }
        }
        func mark(_ clause: Query.Clause) -> Query.Clause {
            var clause = clause
            for i in clause.terms.indices { clause.terms[i].exactMatters = accented }
            return clause
        }
        var query = Query(alternatives: alternatives.map { $0.map(mark) }, excluded: excluded.map(mark))
        query.isQuestion = QueryWords.isQuestion(input, words: query.allClauses.flatMap(\.terms))
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
                if rest.first == "-" && rest.count > 1 {
                    negated = true
                    rest = rest.dropFirst()
                }
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
