import ArgumentParser
import VietAnalysis
import VietSearchCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index; diacritics are optional.",
        // No -h: a query may start with a minus ('-"Hà Nội" bóng đá'); --help still works.
        discussion: """
            Words must all match, unless the query is a question, is long (over six \
            words), or fewer than --limit articles hold every word: the search is then \
            relaxed: an article needs one of its content words, hits that lack words are \
            ranked by BM25 and adjacency, and each says which words it lacks (--all-words \
            keeps every word required; phrases, title: and exclusions always hold). "quoted \
            phrases" match in order within a sentence; -word or -"phrase" excludes; OR separates alternatives, each a run of words (Đà Nẵng OR Hải \
            Phòng); title:word searches titles only. A query typed without diacritics matches \
            every accented form; typed with diacritics, exact spellings rank first (--exact \
            requires them). A query that names a directive (Kết luận 21) also finds the \
            articles citing it, first. A query may start with a minus: \
            vietsearch search '-"Hà Nội" bóng đá'.

            Counts: total is how many articles match (in a relaxed search, hold at least one \
            content word); all_words how many hold every word anywhere; as_typed how many \
            hold the query as typed: every word, consecutive words adjacent and in order, \
            words typed with diacritics in that spelling (null for OR queries). JSON hits \
            carry id, title, date, path, score (BM25 plus proximity; the order also weighs \
            citations, words matched, exact spellings and adjacency, given as citations, \
            matched_words, exact_matches and adjacent_pairs), missing (the query words the \
            hit lacks), snippet, and highlights as UTF-8 byte ranges in the snippet.

            Examples:
              vietsearch search "sinh hoat chi bo"
              vietsearch search '"chi bộ" -"Hà Tĩnh"' --limit 5
            """,
        helpNames: [.long]
    )

    @Argument(
        parsing: .allUnrecognized,
        help: "The query: one quoted argument or several words; it may start with a minus.")
    var words: [String] = []

    /// The query as the user typed it (several arguments are joined with spaces).
    var query: String { words.joined(separator: " ") }

    @OptionGroup var location: IndexLocation

    @Option(name: .long, help: "How many hits to show.")
    var limit = 10

    @Flag(name: .long, help: "Print JSON: {query, total, hits: [{id, title, date, path, score, snippet}]}.")
    var json = false

    @Flag(name: .long, help: "Require the exact spelling of words typed with diacritics.")
    var exact = false

    @Flag(name: .long, help: "Require every word, however few articles hold them all (no relaxed search).")
    var allWords = false

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more.") }
        if words.isEmpty { throw ValidationError("Give a query, e.g. vietsearch search \"sinh hoạt chi bộ\".") }
    }

    func run() throws {
        let reader = try openIndex(location.folder)
        let searcher = Searcher(reader: reader, analyzer: try Analyzer())
        let parsed = QueryParser(analyzer: try Analyzer()).parse(query)
        if parsed.isEmpty && !json {
            print(
                "Nothing to search for: \"\(query)\" has no word to find (only exclusions or punctuation). Add a word.")
            return
        }
        let result = try searcher.search(
            query, options: SearchOptions(limit: limit, exactOnly: exact, allWords: allWords))
        if json {
            let hits = result.hits.map { hit in
                JSON.object([
                    ("id", .string(hit.article.id)), ("title", .string(hit.article.title)),
                    ("date", .string(hit.article.date)),
                    ("path", .string(hit.article.source)), ("score", .double(hit.score)),
                    ("citations", .int(hit.citations)), ("exact_matches", .int(hit.exactMatches)),
                    ("adjacent_pairs", .int(hit.adjacentPairs)), ("matched_words", .int(hit.matchedWords)),
                    ("missing", .array(hit.missing.map { .string($0) })),
                    ("snippet", .string(hit.snippet?.text ?? "")),
                    (
                        "highlights",
                        .array(
                            (hit.snippet?.highlights ?? []).map { .array([.int($0.lowerBound), .int($0.upperBound)]) })
                    ),
                ])
            }
            print(
                JSON.object([
                    ("query", .string(query)), ("total", .int(result.total ?? result.hits.count)),
                    ("all_words", result.allWords.map { .int($0) } ?? .null),
                    ("as_typed", result.asTyped.map { .int($0) } ?? .null), ("relaxed", .bool(result.relaxed)),
                    ("hits", .array(hits)),
                ])
                .serialized())
            return
        }
        let total = result.total ?? result.hits.count
        guard total > 0 else {
            print(
                "No article matches \"\(query)\". Try fewer words, or type them without diacritics to match every spelling."
            )
            return
        }
        let bold = Terminal.stdoutIsTerminal
        print(Self.countsLine(query, result) + "\n")
        for (rank, hit) in result.hits.enumerated() {
            let title = bold ? Terminal.bold + hit.article.title + Terminal.reset : hit.article.title
            print("\(rank + 1). \(title)")
            var why: [String] = []
            if hit.citations > 0 { why.append("cites it \(hit.citations)×") }
            if hit.exactMatches > 0 { why.append("\(hit.exactMatches) exact") }
            if hit.adjacentPairs > 0 { why.append("\(hit.adjacentPairs) adjacent") }
            why.append("score \(Decimals.fixed(hit.score, 2))")
            print("   \(hit.article.date ?? "no date") · \(hit.article.id) · " + why.joined(separator: ", "))
            if !hit.missing.isEmpty { print("   lacks: " + hit.missing.joined(separator: ", ")) }
            if let snippet = hit.snippet {
                print("   " + (bold ? snippet.marked(open: Terminal.bold, close: Terminal.reset) : snippet.text))
            }
            print("")
        }
    }
}

extension SearchCommand {
    /// The line above the hits: how many articles hold the query, and how.
    static func countsLine(_ query: String, _ result: SearchResult) -> String {
        func articles(_ n: Int) -> String { n == 1 ? "1 article" : "\(n) articles" }
        let total = result.total ?? result.hits.count
        let shown = "showing \(result.hits.count)"
        guard let allWords = result.allWords else {
            return "\(articles(total)) match \"\(query)\"; \(shown)."
        }
        if result.relaxed {
            let held = allWords == 0 ? "No article holds every word of" : "\(articles(allWords)) hold every word of"
            return "\(held) \"\(query)\"; \(articles(total)) hold some of them; \(shown), best first."
        }
        let typed = result.asTyped.map { "; \(articles($0)) hold it as typed (words together, spelled as typed)" } ?? ""
        return "\(articles(allWords)) hold every word of \"\(query)\"\(typed); \(shown)."
    }
}

/// Opens the index, turning "no index" into advice.
func openIndex(_ folder: String) throws -> IndexReader {
    do {
        return try IndexReader(folder: folder)
    } catch let error as IndexError {
        throw CleanError(error.description)
    } catch let error as CorruptIndexError {
        throw CleanError(error.description)
    }
}
