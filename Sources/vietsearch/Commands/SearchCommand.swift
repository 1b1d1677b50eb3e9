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
            Words must all match; "quoted phrases" match in order within a sentence; -word or \
            -"phrase" excludes; OR separates alternatives, each a run of words (Đà Nẵng OR Hải \
            Phòng); title:word searches titles only. A query typed without diacritics matches \
            every accented form; typed with diacritics, exact spellings rank first (--exact \
            requires them). A query that names a directive (Kết luận 21) also finds the \
            articles citing it, first. A query may start with a minus: \
            vietsearch search '-"Hà Nội" bóng đá'.

            JSON hits carry id, title, date, path, score (BM25 plus proximity; the order also \
            weighs citations, exact spellings and adjacency, given as citations, \
            exact_matches and adjacent_pairs), snippet, and highlights as UTF-8 byte ranges \
            in the snippet.

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
        let result = try searcher.search(query, options: SearchOptions(limit: limit, exactOnly: exact))
        if json {
            let hits = result.hits.map { hit in
                JSON.object([
                    ("id", .string(hit.article.id)), ("title", .string(hit.article.title)),
                    ("date", .string(hit.article.date)),
                    ("path", .string(hit.article.source)), ("score", .double(hit.score)),
                    ("citations", .int(hit.citations)), ("exact_matches", .int(hit.exactMatches)),
                    ("adjacent_pairs", .int(hit.adjacentPairs)),
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
        print(
            "\(total) article\(total == 1 ? " matches" : "s match") \"\(query)\"; showing \(result.hits.count).\n"
        )
        for (rank, hit) in result.hits.enumerated() {
            let title = bold ? Terminal.bold + hit.article.title + Terminal.reset : hit.article.title
            print("\(rank + 1). \(title)")
            var why: [String] = []
            if hit.citations > 0 { why.append("cites it \(hit.citations)×") }
            if hit.exactMatches > 0 { why.append("\(hit.exactMatches) exact") }
            if hit.adjacentPairs > 0 { why.append("\(hit.adjacentPairs) adjacent") }
            why.append("score \(Decimals.fixed(hit.score, 2))")
            print("   \(hit.article.date ?? "no date") · \(hit.article.id) · " + why.joined(separator: ", "))
            if let snippet = hit.snippet {
                print("   " + (bold ? snippet.marked(open: Terminal.bold, close: Terminal.reset) : snippet.text))
            }
            print("")
        }
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
