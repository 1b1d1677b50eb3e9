import ArgumentParser
import VietSearchCore
import VietSearchService

/// The filters, order and paging that `search` and `cite` share.
struct FilterOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only articles dated on or after this day; articles without a date are left out (and counted).",
            valueName: "YYYY[-MM[-DD]]"))
    var since: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only articles dated on or before this day (a year or month: up to its last day).",
            valueName: "YYYY[-MM[-DD]]"))
    var until: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only articles from this source: a JSONL source or URL host (nhandan.vn, with its subdomains) or "
                + "the name of a folder given to index. Repeat for several.",
            valueName: "S"))
    var source: [String] = []

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Order: relevance, date (oldest first) or -date (newest first); undated articles last.",
            valueName: "ORDER"))
    var sort: SortOrder = .relevance

    @Option(name: .long, help: "Skip this many of the best hits (the next page starts at --offset + --limit).")
    var offset = 0

    func validate() throws {
        if offset < 0 { throw ValidationError("--offset must be 0 or more.") }
        _ = try filter()
    }

    /// The filter the options ask for.
    func filter() throws -> ArticleFilter {
        do {
            return try FilterParameters(since: since, until: until, sources: source).filter(prefix: "--")
        } catch {
            throw ValidationError(error.message)
        }
    }
}

extension SortOrder: ExpressibleByArgument {}
