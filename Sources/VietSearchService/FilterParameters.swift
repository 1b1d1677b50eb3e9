import VietSearchCore

/// The filter parameters of `search` and `cite` as typed: `since`, `until` (a day, month
/// or year) and `source` (repeatable).
public struct FilterParameters: Sendable {
    public var since: String?
    public var until: String?
    public var sources: [String]

    public init(since: String? = nil, until: String? = nil, sources: [String] = []) {
        self.since = since
        self.until = until
        self.sources = sources
    }

    /// The filter they ask for. Messages name a parameter as `prefix` + its name
    /// (`--since` for the CLI).
    public func filter(prefix: String) throws(RequestError) -> ArticleFilter {
        func day(_ text: String?, _ option: String, end: Bool) throws(RequestError) -> ArticleDate? {
            guard let text else { return nil }
            guard let date = end ? ArticleDate(isoEnd: text) : ArticleDate(iso: text) else {
                throw RequestError(
                    "\(prefix)\(option) takes a day as YYYY-MM-DD, a month as YYYY-MM or a year as YYYY, not \"\(text)\"."
                )
            }
            return date
        }
        let filter = ArticleFilter(
            since: try day(since, "since", end: false), until: try day(until, "until", end: true),
            sources: sources.filter { !$0.allSatisfy(\.isWhitespace) })
        if let since = filter.since, let until = filter.until, until < since {
            throw RequestError("\(prefix)until \(until) is before \(prefix)since \(since): no article could match.")
        }
        if sources.contains(where: { $0.allSatisfy(\.isWhitespace) }) {
            throw RequestError("\(prefix)source needs a name.")
        }
        return filter
    }
}
