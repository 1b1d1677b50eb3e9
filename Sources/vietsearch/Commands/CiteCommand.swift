import ArgumentParser
import VietAnalysis
import VietSearchCore
import VietSearchService

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

struct CiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cite",
        abstract: "List the articles that cite a directive, however it is written.",
        discussion: """
            DIRECTIVE may be written as "Kết luận 21", "21-KL/TW", "KL 21", "ket luan 21" or \
            "Nghị định 67/2014/NĐ-CP", "ND67", "NQ35"; a law or code by title and year, \
            "Luật Đất đai 2013", "luat dat dai 2013", "Bộ luật Hình sự 2015", or by number, \
            "Luật số 45/2013/QH13" (either finds the other where an article cites the law \
            by number with its title). A mention is the directive for \
            certain when it states every part the query states (a Nghị định is the \
            Government's: "Nghị định 67/2014" is 67/2014/NĐ-CP), or when it leaves out a part \
            but the archive cites only one directive it can be; it is a possible citation \
            when it could also be another (67/NĐ-CP when the archive cites 67/2014/NĐ-CP and \
            67/2017/NĐ-CP). "Kết luận 21" finds 21-KL/TW and 21-KL/TU; "21-KL/TW" does not \
            find 21-KL/TU. Articles citing for certain come first, then those with the most \
            mentions, then the newest. The directive may be given as several arguments \
            (vietsearch cite Kết luận 21) and may start with a minus.

            Exit status: 0 when some article cites the directive, 1 when none does (also \
            with --json), 2 on errors (a text that is not a directive included). Help: \
            --help only (no -h: the directive may start with a minus).
            """,
        // No -h: the directive may start with a minus; --help still works.
        helpNames: [.long]
    )

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp(
            "The directive, e.g. \"Kết luận 21\"; one argument or several words.", valueName: "directive"))
    var words: [String] = []

    /// The directive as the user typed it (several arguments are joined with spaces).
    var directive: String { (try? TextArguments.text(words)) ?? "" }

    @OptionGroup var location: IndexLocation

    @OptionGroup var color: ColorOption

    @Option(name: .long, help: "How many articles to show.")
    var limit = 20

    @OptionGroup var filters: FilterOptions

    @Flag(
        name: .long,
        help: "Print JSON: {directive, total, certain, possible, hits: [{id, title, date, match, mentions}]}.")
    var json = false

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more.") }
        if try TextArguments.text(words).isEmpty {
            throw ValidationError("Give a directive, e.g. vietsearch cite \"Kết luận 21\".")
        }
    }

    func run() throws {
        let key: DirectiveKey
        do {
            key = try CitationResponse.directive(directive, analyzer: try Analyzer())
        } catch {
            throw CleanError("\(error)")
        }
        let reader = try openIndex(location.folder)
        let filter = try filters.filter()
        let response: CitationResponse
        do {
            response = try CitationResponse(
                key: key, limit: limit, filter: filter, sort: filters.sort, offset: filters.offset, reader: reader)
        } catch {
            throw CleanError("\(error)")
        }
        let (citing, undated, named, shown, certain) = (
            response.citing, response.undated, response.named, response.shown, response.certain
        )
        if json {
            Terminal.print(json: response.json)
            if citing.isEmpty { throw NothingMatched() }
            return
        }
        let left = undated > 0 ? " (\(plural(undated, "more article")) without a date left out)" : ""
        guard !citing.isEmpty else {
            Terminal.print(
                filter.isEmpty
                    ? "No article cites \(named)."
                    : "No article \(SearchCommand.describe(filter)) cites \(named)\(left).")
            throw NothingMatched()
        }
        Terminal.print(
            "\(plural(citing.count, "article")) \(citing.count == 1 ? "cites" : "cite") \(named): \(certain) for certain, "
                + "\(citing.count - certain) possibly\(left); showing \(shown.count).\n")
        let bold = color.bold
        for (rank, hit) in shown.enumerated() {
            Terminal.print("\(filters.offset + rank + 1). \(hit.article.title, bold: bold)")
            let count = hit.mentions.count
            Terminal.print(
                "   \(SearchCommand.whereFrom(hit.article)) · \(count) mention\(count == 1 ? "" : "s") · "
                    + (hit.match == .certain ? "certain" : "possible: may be another directive"))
            for mention in hit.mentions {
                let context = Snippet(text: mention.context, highlights: [mention.highlight])
                Terminal.print(
                    "   - \(mention.match == .possible && hit.match == .certain ? "(possible) " : "")\(context, bold: bold)"
                )
            }
            Terminal.print("")
        }
    }
}

struct DirectivesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directives",
        abstract: "List every directive cited in the archive, one row each, most cited first.",
        discussion: """
            Each row is one directive in its fullest known form, with the articles citing it \
            for certain and those citing it possibly (a mention such as "Nghị định 67" that \
            may also be another directive of that type and number).

              vietsearch directives --limit 20
              vietsearch directives --type "Nghị định" --issuer "Chính phủ" --year 2014
              vietsearch directives --issuer "Bộ Chính trị" --sort recent

            Exit status: 0 when some directive is listed, 1 when none is (no citation, or \
            none that the filters keep; also with --json), 2 on errors.
            """
    )

    @OptionGroup var location: IndexLocation

    @Option(
        name: .long,
        help:
            "Only this type: a name (\"Kết luận\", \"ket luan\", \"Luật\" for laws and codes, \"Bộ luật\" for codes) or an abbreviation (KL)."
    )
    var type: String?

    @Option(
        name: .long,
        help:
            "Only this issuer: a code (TW, CP, TTg, TU, ThU, BGDĐT, …) or a name (\"Bộ Chính trị\", \"Thủ tướng\", …).")
    var issuer: String?

    @Option(name: .long, help: "Only directives of this year (in the number, else the date of issue).")
    var year: Int?

    @Option(name: .long, help: "articles (most cited first) or recent (newest first).")
    var sort: DirectiveListing.Order = .articles

    @Option(name: .long, help: "How many directives to show.")
    var limit = 50

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more.") }
    }

    func run() throws {
        let reader = try openIndex(location.folder)
        let listing: DirectiveListing
        do {
            listing = try DirectiveListing(
                type: type, issuer: issuer, year: year, order: sort, limit: limit, reader: reader)
        } catch {
            throw CleanError("\(error)")
        }
        let (counts, shown) = (listing.counts, listing.shown)
        if json {
            Terminal.print(json: listing.json)
            if counts.isEmpty { throw NothingMatched() }
            return
        }
        guard !counts.isEmpty else {
            Terminal.print("No cited directive found.")
            throw NothingMatched()
        }
        Terminal.print("\(counts.count) directive\(counts.count == 1 ? "" : "s") cited; showing \(shown.count).\n")
        Terminal.print("articles  possibly  mentions  directive")
        for count in shown {
            Terminal.print(
                "\(Terminal.pad(String(count.articles), 9)) \(Terminal.pad("+\(count.possibleArticles)", 9)) "
                    + "\(Terminal.pad(String(count.mentions), 9)) \(count.key)")
        }
    }
}

extension DirectiveListing.Order: ExpressibleByArgument {}
