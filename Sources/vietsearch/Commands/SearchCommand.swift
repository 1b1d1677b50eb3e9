import ArgumentParser
import Foundation
import VietAnalysis
import VietSearchCore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index; diacritics are optional.",
        discussion: """
            Words must all match; "quoted phrases" match in order; -word or -"phrase" excludes;
            OR between alternatives; title:word searches titles only. A word typed without
            diacritics matches every accented form; typed with diacritics, exact spellings
            rank first (--exact requires them).
              vietsearch search "sinh hoat chi bo"
              vietsearch search '"chi bộ" -"Hà Tĩnh"' --limit 5
            """
    )

    @Argument(help: "The query.")
    var query: String

    @OptionGroup var location: IndexLocation

    @Option(name: .long, help: "How many hits to show.")
    var limit = 10

    @Flag(name: .long, help: "Print JSON: {query, total, hits: [{id, title, date, path, score, snippet}]}.")
    var json = false

    @Flag(name: .long, help: "Require the exact spelling of words typed with diacritics.")
    var exact = false

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more.") }
    }

    func run() throws {
        let reader = try openIndex(location.folder)
        let searcher = Searcher(reader: reader, analyzer: try Analyzer())
        let result = try searcher.search(query, options: SearchOptions(limit: limit, exactOnly: exact))
        if json {
            let hits = result.hits.map { hit in
                JSON.object([
                    ("id", .string(hit.article.id)), ("title", .string(hit.article.title)),
                    ("date", .string(hit.article.date)),
                    ("path", .string(hit.article.source)), ("score", .double(hit.score)),
                    ("snippet", .string(hit.snippet?.text ?? "")),
                    (
                        "highlights",
                        .array(
                            (hit.snippet?.highlights ?? []).map { .array([.int($0.lowerBound), .int($0.upperBound)]) })
                    ),
                ])
            }
            print(
                JSON.object([("query", .string(query)), ("total", .int(result.total)), ("hits", .array(hits))])
                    .serialized())
            return
        }
        guard result.total > 0 else {
            print(
                "No article matches \"\(query)\". Try fewer words, or type them without diacritics to match every spelling."
            )
            return
        }
        let bold = Terminal.stdoutIsTerminal
        print(
            "\(result.total) article\(result.total == 1 ? " matches" : "s match") \"\(query)\"; showing \(result.hits.count).\n"
        )
        for (rank, hit) in result.hits.enumerated() {
            let title = bold ? Terminal.bold + hit.article.title + Terminal.reset : hit.article.title
            print("\(rank + 1). \(title)")
            print(
                "   \(hit.article.date ?? "no date") · \(hit.article.id) · score \(String(format: "%.2f", hit.score))")
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
