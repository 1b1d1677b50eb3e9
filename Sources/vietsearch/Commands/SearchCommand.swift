import ArgumentParser
import VietAnalysis
import VietSearchCore
import VietSearchService

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
            Words must all match. When fewer than --limit articles hold them all, the best of \
            those holding some follow them; a question (ending with ? or holding bao nhiêu, \
            ở đâu, ai, gì, ...) is ranked by BM25 and adjacency without needing every word. \
            Each hit that lacks words says which (--all-words keeps every word required; \
            quoted phrases, codes such as 21-KL/TW, title: and exclusions always hold). "quoted \
            phrases" match in order within a sentence; -word or -"phrase" excludes; OR in capitals separates alternatives, each a run of words (Đà \
            Nẵng OR Hải Phòng; a lowercase or is a word to find); parentheses do not group \
            and are refused outside quotes; title:word searches titles only. A query typed without diacritics matches \
            every accented form; typed with diacritics, exact spellings rank first (--exact \
            requires them). A query that names a directive (Kết luận 21) also finds the \
            articles citing it, first. A query may start with a minus: \
            vietsearch search '-"Hà Nội" bóng đá'.

            Each word is read as it was most likely meant, from the archive's own spellings: \
            Telex or VNI keystrokes left in are decoded (sinh hoatj chi booj, Ha2 No65i), a \
            rare spelling that its neighbours show to be a slip is corrected (chính phũ), a \
            word no article holds is corrected to the one a letter away that fits (giao \
            thôg), and words typed without diacritics match every spelling while the most \
            likely one, when clearly so, ranks first (Ha Noi ngập lụt). The first line then \
            says "Kết quả cho: <reading>" with up to three other readings ("cũng thử"). \
            --as-typed searches exactly what was typed.

            JSON: total is how many articles match (hold every word; for a question, at \
            least one content word); all_words how many hold every word anywhere; as_typed \
            how many hold the query as typed: every word, consecutive words adjacent and in \
            order, words typed with diacritics in that spelling; some_words, when articles \
            lacking words were looked for, how many hold some but not all; unknown_words \
            the words no article holds; interpreted_query the query as searched, \
            corrections [{typed, read, kind: telex|vni|tone|spelling}], loosened (words \
            matched in every tone), alternatives other likely readings, suggestions \
            likely corrections not applied. Hits carry id, title, date, path, score (BM25 plus \
            proximity; the order also weighs citations, exact spellings and adjacency, \
            given as citations, exact_matches and adjacent_pairs), missing (the words the \
            hit lacks, particles left out), snippet, and highlights as UTF-8 byte ranges \
            in the snippet.

            Examples:
              vietsearch search "sinh hoat chi bo"
              vietsearch search '"chi bộ" -"Hà Tĩnh"' --limit 5

            Exit status: 0 when some article matches (shown or not), 1 when none does (also \
            with --json), 2 on errors. Help: --help only (no -h: a query may start with a \
            minus).
            """,
        helpNames: [.long]
    )

    @Argument(
        parsing: .allUnrecognized,
        help: "The query: one quoted argument or several words; it may start with a minus.")
    var words: [String] = []

    /// The query as the user typed it (several arguments are joined with spaces).
    var query: String { (try? TextArguments.text(words)) ?? "" }

    @OptionGroup var location: IndexLocation

    @OptionGroup var color: ColorOption

    @Option(name: .long, help: "How many hits to show.")
    var limit = 10

    @OptionGroup var filters: FilterOptions

    @Flag(
        name: .long,
        help: "Print JSON: {query, total, all_words, as_typed, some_words, relaxed, unknown_words, hits: [...]}.")
    var json = false

    @Flag(name: .long, help: "Require the exact spelling of words typed with diacritics (or read so).")
    var exact = false

    @Flag(name: .long, help: "Require every word, however few articles hold them all (no relaxed search).")
    var allWords = false

    @Flag(
        name: .long,
        help: "Search exactly what was typed: no keystrokes decoded, no slip corrected, no diacritics restored.")
    var asTyped = false

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more.") }
        if try TextArguments.text(words).isEmpty {
            throw ValidationError("Give a query, e.g. vietsearch search \"sinh hoạt chi bộ\".")
        }
        do {
            try SearchResponse.refuseParentheses(query)
        } catch {
            throw ValidationError(error.message)
        }
    }

    func run() throws {
        let reader = try openIndex(location.folder)
        let analyzer = try Analyzer()
        let parsed = QueryParser(analyzer: analyzer).parse(query)
        if parsed.ignoredWords > 0 {
            Terminal.warn(
                "warning: the query is too long; \(plural(parsed.ignoredWords, "word")) beyond the first "
                    + "\(QueryParser.maxClauses) distinct words (\(QueryParser.maxPhraseSyllables) syllables per "
                    + "phrase, \(QueryParser.maxAlternatives) alternatives, \(QueryParser.maxExcluded) exclusions) "
                    + "are not searched.")
        }
        if parsed.isEmpty && !json {
            Terminal.print(
                "Nothing to search for: \"\(query)\" has no word to find (only exclusions or punctuation). Add a word.")
            throw NothingMatched()
        }
        let response = try SearchResponse(
            query: query,
            options: SearchOptions(
                limit: limit, exactOnly: exact, allWords: allWords, asTyped: asTyped, filter: try filters.filter(),
                sort: filters.sort, offset: filters.offset, facets: json),
            reader: reader, analyzer: analyzer)
        let result = response.result
        let matched = response.matched
        if json {
            Terminal.print(json: response.json)
            if !matched { throw NothingMatched() }
            return
        }
        // How the query was read comes first, whether or not anything matched.
        if let reading = result.reading, let line = Self.readingLine(reading) { Terminal.print(line) }
        guard matched else {
            let filter = try filters.filter()
            if !filter.isEmpty {
                let undated =
                    (result.undated ?? 0) > 0
                    ? " (\(plural(result.undated ?? 0, "article")) without a date left out)" : ""
                Terminal.print(
                    "No article matches \(Self.echo(query)) \(Self.describe(filter))\(undated). Try without the filters."
                )
                throw NothingMatched()
            }
            Terminal.print(Self.nothingFound(query, result, parsed))
            throw NothingMatched()
        }
        let bold = color.bold
        Terminal.print(Self.countsLine(query, result, parsed) + "\n")
        for (rank, hit) in result.hits.enumerated() {
            Terminal.print("\(filters.offset + rank + 1). \(hit.article.title, bold: bold)")
            var why: [TerminalText] = []
            if hit.citations > 0 { why.append("cites it \(hit.citations)×") }
            if hit.exactMatches > 0 { why.append("\(hit.exactMatches) exact") }
            if hit.adjacentPairs > 0 { why.append("\(hit.adjacentPairs) adjacent") }
            why.append("score \(Decimals.fixed(hit.score, 2))")
            Terminal.print("   \(Self.whereFrom(hit.article)) · \(why.joined(separator: ", "))")
            if !hit.missing.isEmpty {
                Terminal.print("   lacks: \(hit.missing.map { "\($0)" as TerminalText }.joined(separator: ", "))")
            }
            if let snippet = hit.snippet { Terminal.print("   \(snippet, bold: bold)") }
            Terminal.print("")
        }
    }
}

extension SearchCommand {
    /// The line above the hits: how many articles hold the query, and how.
    static func countsLine(_ query: String, _ result: SearchResult, _ parsed: Query) -> TerminalText {
        func articles(_ n: Int, _ verb: TerminalText) -> TerminalText {
            n == 1 ? "1 article \(verb)s" : "\(n) articles \(verb)"
        }
        let quoted = echo(result.reading.flatMap { $0.isReinterpreted ? $0.text : nil } ?? query)
        let shown: TerminalText = "showing \(result.hits.count)"
        let total = result.total ?? result.hits.count
        guard let allWords = result.allWords else { return "\(articles(total, "match")) \(quoted); \(shown)." }
        let every: TerminalText =
            parsed.alternatives.count > 1
            ? "\(articles(allWords, "match")) \(quoted)"
            : allWords == 0
                ? "No article holds every word of \(quoted)" : "\(articles(allWords, "hold")) every word of \(quoted)"
        let typed: TerminalText =
            result.asTyped.flatMap { $0 == allWords || allWords == 0 ? nil : "; \(articles($0, "hold")) it as typed" }
            ?? ""
        let undated: TerminalText =
            result.undated.flatMap {
                $0 == 0
                    ? nil
                    : " (\($0 == 1 ? "1 more has" : "\($0) more have") no date and \($0 == 1 ? "is" : "are") left out)"
            } ?? ""
        guard let some = result.someWords, some > 0 else { return "\(every)\(undated)\(typed); \(shown)." }
        let part: TerminalText = some == 1 ? "1 more holds some of them" : "\(some) more hold some of them"
        return "\(every)\(undated)\(typed); \(part); \(shown), best first."
    }

    /// What the reader understood, when it read the query otherwise than typed:
    /// `Kết quả cho: sinh hoạt chi bộ · cũng thử: …`, then the corrections applied and how to
    /// search exactly what was typed.
    static func readingLine(_ reading: QueryReading) -> TerminalText? {
        var lines: [TerminalText] = []
        if reading.isReinterpreted {
            var line: TerminalText = "Kết quả cho: \(reading.text)"
            if !reading.alternatives.isEmpty {
                line += " · cũng thử: \(reading.alternatives.map { "\($0)" as TerminalText }.joined(separator: " | "))"
            }
            lines.append(line)
        }
        var notes: [TerminalText] = []
        if !reading.corrections.isEmpty {
            let fixes = reading.corrections.map { "\($0.typed) → \($0.read) (\(describe($0.kind)))" as TerminalText }
            notes.append("read \(fixes.joined(separator: ", "))")
        }
        if !reading.loosened.isEmpty {
            notes.append(
                "matched in every tone: \(reading.loosened.map { "\($0)" as TerminalText }.joined(separator: ", "))")
        }
        if !notes.isEmpty {
            lines.append("(\(notes.joined(separator: "; ")); --as-typed searches what was typed)")
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    private static func describe(_ kind: QueryReading.Correction.Kind) -> String {
        switch kind {
        case .telex: "Telex"
        case .vni: "VNI"
        case .tone: "tone slip"
        case .spelling: "spelling"
        }
    }

    /// A hit's date, source and id: `2024-07-05 · nhandan.vn · baomoi-123`; a file's id is
    /// its path in the folder named first (`Corpus · bai-1.txt`).
    static func whereFrom(_ article: Article) -> TerminalText {
        var parts: [TerminalText] = ["\(article.date ?? "no date")"]
        if let source = article.sourceName, source != article.id { parts.append("\(source)") }
        parts.append("\(article.id)")
        return parts.joined(separator: " · ")
    }

    /// The filter as a message names it: `dated 2024-01-01 to 2024-12-31, from nhandan.vn`.
    static func describe(_ filter: ArticleFilter) -> TerminalText {
        var parts: [TerminalText] = []
        switch (filter.since, filter.until) {
        case let (since?, until?): parts.append("dated \(since.description) to \(until.description)")
        case let (since?, nil): parts.append("dated \(since.description) or later")
        case let (nil, until?): parts.append("dated \(until.description) or earlier")
        case (nil, nil): break
        }
        if !filter.sources.isEmpty {
            parts.append("from \(filter.sources.map { "\($0)" as TerminalText }.joined(separator: " or "))")
        }
        return parts.joined(separator: ", ")
    }

    /// The query as a message quotes it: in quotes, unless it holds some of its own.
    static func echo(_ query: String) -> TerminalText { query.contains("\"") ? "\(query)" : "\"\(query)\"" }

    /// What to say when nothing matches, and why.
    static func nothingFound(_ query: String, _ result: SearchResult, _ parsed: Query) -> TerminalText {
        let quoted = echo(query)
        var advice: [TerminalText] = []
        if !result.unknownWords.isEmpty {
            let words = result.unknownWords.map { "\"\($0)\"" as TerminalText }
            advice.append("No article holds \(words.joined(separator: ", ")).")
        }
        if !parsed.excluded.isEmpty { advice.append("Exclusions (-word) remove articles too.") }
        if let suggestions = result.reading?.suggestions, !suggestions.isEmpty {
            let fixes = suggestions.map { "\"\($0.read)\" for \"\($0.typed)\"" as TerminalText }
            advice.append("Did you mean \(fixes.joined(separator: ", "))?")
        }
        if advice.isEmpty {
            // Typing without diacritics helps only a query that has some.
            let accented = parsed.alternatives.joined().contains { clause in
                clause.terms.contains { $0.exact != $0.folded }
            }
            advice.append(
                accented
                    ? "Try fewer words, or type them without diacritics to match every spelling."
                    : "Try fewer words.")
        }
        return "No article matches \(quoted). \(advice.joined(separator: " "))"
    }
}

/// Opens the index, turning "no index" into advice.
func openIndex(_ folder: String) throws -> IndexReader {
    do {
        return try IndexReader(folder: folder)
    } catch let error as IndexError {
        throw CleanError(error.message)
    } catch let error as CorruptIndexError {
        throw CleanError("\(error)")
    }
}
