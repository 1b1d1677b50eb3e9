/// Which articles a search may return, by the values of their columns (`ColumnsReader`):
/// a range of dates, a set of sources. An empty filter passes every article.
public struct ArticleFilter: Sendable, Equatable {
    /// The first day an article may be dated (inclusive); articles without a date fail.
    public var since: ArticleDate?
    /// The last day an article may be dated (inclusive); articles without a date fail.
    public var until: ArticleDate?
    /// Source names (`Article.sourceName`), any of which passes, compared ignoring case; a
    /// host also passes its subdomains (`nhandan.vn` passes `en.nhandan.vn`).
    public var sources: [String]

    public init(since: ArticleDate? = nil, until: ArticleDate? = nil, sources: [String] = []) {
        self.since = since
        self.until = until
        self.sources = sources
    }

    public var isEmpty: Bool { since == nil && until == nil && sources.isEmpty }
    public var filtersDates: Bool { since != nil || until != nil }

    /// Whether a source named `name` passes `sources`.
    func passes(source name: String) -> Bool {
        let lower = name.lowercased()
        return sources.contains { wanted in
            let wanted = wanted.lowercased()
            return lower == wanted || (lower.hasSuffix("." + wanted) && !wanted.contains(" "))
        }
    }

    /// Whether a date (`ArticleDate.value`, 0 for none) passes `since` and `until`.
    @inline(__always)
    func passes(date: UInt32) -> Bool {
        guard filtersDates else { return true }
        return date != 0 && date >= (since?.value ?? 0) && date <= (until?.value ?? .max)
    }
}

/// The order of a search's hits.
public enum SortOrder: String, Sendable, CaseIterable {
    /// Best match first (`RankingModel`).
    case relevance
    /// Oldest first; articles without a date last; equal days by relevance.
    case oldestFirst = "date"
    /// Newest first; articles without a date last; equal days by relevance.
    case newestFirst = "-date"

    /// The key compared before every relevance key (`Rank.order`) for a document dated
    /// `date` (`ArticleDate.value`, 0 for none): higher first.
    @inline(__always)
    func key(date: UInt32) -> Int64 {
        switch self {
        case .relevance: 0
        case .newestFirst: Int64(date)
        case .oldestFirst: date == 0 ? Int64.min : -Int64(date)
        }
    }
}

/// The documents of one segment a search may return (not deleted, passing the filter),
/// and what a hidden one lacked: asked of every match inside the evaluation, as Lucene's
/// live docs and Tantivy's fast-field filters are, so that the top `limit` of the filtered
/// articles is exact. Each question reads the document's columns (two loads), so a filter
/// costs only in proportion to the matches.
struct VisibleDocs {
    private let deleted: DeletedDocs
    private let columns: ColumnsReader
    private let filter: ArticleFilter
    /// Per source ordinal of the segment, whether it passes (empty: no source filter).
    private let sourcePasses: [Bool]
    /// Whether a filter hides documents beyond the deleted ones.
    private let isFiltered: Bool
    private let anyHidden: Bool

    init(segment: SegmentReader, filter: ArticleFilter) {
        deleted = segment.deleted
        columns = segment.columns
        self.filter = filter
        isFiltered = !filter.isEmpty
        anyHidden = isFiltered || segment.deleted.count > 0
        let columns = segment.columns
        sourcePasses =
            filter.sources.isEmpty ? [] : (0..<columns.sourceCount).map { filter.passes(source: columns.source($0)) }
    }

    @inline(__always)
    private func sourceFails(_ doc: Int) -> Bool {
        !sourcePasses.isEmpty && !(columns.sourceOrdinal(doc).map { sourcePasses[$0] } ?? false)
    }

    @inline(__always)
    func hides(_ doc: Int) -> Bool {
        guard anyHidden else { return false }
        if deleted.contains(doc) { return true }
        guard isFiltered else { return false }
        return (filter.filtersDates && !filter.passes(date: columns.date(doc))) || sourceFails(doc)
    }

    /// Whether `doc`, hidden, is so only for lacking a date under a date filter (counted apart).
    func lacksDateOnly(_ doc: Int) -> Bool {
        filter.filtersDates && !deleted.contains(doc) && columns.date(doc) == 0 && !sourceFails(doc)
    }
}
