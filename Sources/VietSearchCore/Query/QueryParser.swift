import VietAnalysis

/// Turns what a user types into a `Query`. Every word goes through the same analyzer as the
/// documents. Unknown syntax is read as words, never an error.
public struct QueryParser {
    private let analyzer: Analyzer
    /// A query of any length is read (in one pass), but only this many distinct words or
    /// phrases in all its alternatives are searched (the evaluator gives each one bit of a
    /// 64-bit mask; a pasted article is not a query), in at most `maxAlternatives`
    /// alternatives, with at most `maxExcluded` exclusions and `maxPhraseSyllables`
    /// syllables per phrase. What goes beyond is not searched and counted in
    /// `Query.ignoredWords`, which the command line reports.
    public static let maxClauses = 64
    public static let maxAlternatives = 64
    public static let maxExcluded = 64
    public static let maxPhraseSyllables = 64

    public init(analyzer: Analyzer) { self.analyzer = analyzer }

    private enum Piece: Equatable {
        case text(String, quoted: Bool, negated: Bool, field: Field?)
        case or
    }

    public func parse(_ input: String) -> Query {
        var alternatives: [[Query.Clause]] = [[]]
        var excluded: [Query.Clause] = []
        var excludedSet = Set<Query.Clause>()
        // Distinct clauses of every alternative, and the words left out by the limits.
        var distinct = Set<Query.Clause>()
        var ignored = 0
        for piece in Self.pieces(input) {
            switch piece {
            case .or:
                if !alternatives[alternatives.count - 1].isEmpty { alternatives.append([]) }
            case .text(let text, let quoted, let negated, let field):
                let words = quoted ? [Substring(text)] : text.split(whereSeparator: \.isWhitespace)
                for word in words {
                    var terms = analyzer.tokens(String(word)).map {
                        Query.Term(exact: $0.exact.bytes, folded: $0.folded.bytes, exactMatters: false)
                    }
                    guard !terms.isEmpty else { continue }
                    if terms.count > Self.maxPhraseSyllables {
                        ignored += terms.count - Self.maxPhraseSyllables
                        terms.removeLast(terms.count - Self.maxPhraseSyllables)
                    }
                    let clause = Query.Clause(terms: terms, field: field, isQuoted: quoted && terms.count > 1)
                    if negated {
                        guard !excludedSet.contains(clause) else { continue }
                        guard excluded.count < Self.maxExcluded else {
                            ignored += 1
                            continue
                        }
                        excludedSet.insert(clause)
                        excluded.append(clause)
                    } else {
                        guard !alternatives[alternatives.count - 1].contains(clause) else { continue }
                        guard alternatives.count <= Self.maxAlternatives,
                            distinct.contains(clause) || distinct.count < Self.maxClauses
                        else {
                            ignored += 1
                            continue
                        }
                        distinct.insert(clause)
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
        query.ignoredWords = ignored
        return query
    }

    /// Splits the input into words, quoted phrases, `OR`, with `-` and `title:` prefixes.
    /// One pass over the input: each piece looks only at its own characters (no count or
    /// lowercasing of the rest of the input, which made a long query quadratic).
    private static func pieces(_ input: String) -> [Piece] {
        var pieces: [Piece] = []
        var characters = Substring(input)
        /// Whether `text` holds more than `n` characters, looking at `n + 1` at most.
        func longer(_ text: Substring, than n: Int) -> Bool { text.dropFirst(n).first != nil }
        while let first = characters.first {
            if first.isWhitespace {
                characters = characters.dropFirst()
                continue
            }
            var negated = false
            var field: Field? = nil
            var rest = characters
            if rest.first == "-" && !(rest.dropFirst().first?.isWhitespace ?? true) {
                negated = true
                rest = rest.dropFirst()
            }
            if longer(rest, than: 6) && rest.prefix(6).lowercased() == "title:" {
                field = .title
                rest = rest.dropFirst(6)
                if rest.first == "-" && longer(rest, than: 1) {
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
