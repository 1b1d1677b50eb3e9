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
/// and what a hidden one lacked: as Lucene's live docs are, checked for every match in the
/// evaluation itself, so that the top `limit` of the filtered articles is exact.
struct VisibleDocs {
    /// Bit set: documents hidden (deleted or failing the filter); empty when none is.
    private var hidden: [UInt64]
    /// Bit set: documents hidden only for lacking a date under a date filter.
    private var undatedOnly: [UInt64] = []
    /// Whether a filter hides documents beyond the deleted ones.
    let isFiltered: Bool

    init(segment: SegmentReader, filter: ArticleFilter) {
        let n = segment.docCount
        isFiltered = !filter.isEmpty
        hidden = []
        guard isFiltered || segment.deleted.count > 0 else { return }
        hidden = [UInt64](repeating: 0, count: (n + 63) / 64)
        if !isFiltered {
            for (i, byte) in segment.deleted.bits.enumerated() where byte != 0 {
                hidden[i >> 3] |= UInt64(byte) << UInt64((i & 7) * 8)
            }
            return
        }
        undatedOnly = hidden
        let columns = segment.columns
        let sourcePasses = filter.sources.isEmpty ? [] : columns.sources.map { filter.passes(source: $0) }
        for doc in 0..<n {
            var hide = segment.deleted.contains(doc)
            if !hide && isFiltered {
                let sourceFails =
                    !sourcePasses.isEmpty && !(columns.sourceOrdinal(doc).map { sourcePasses[$0] } ?? false)
                let date = columns.date(doc)
                if !sourceFails && filter.filtersDates && date == 0 { undatedOnly[doc >> 6] |= 1 << UInt64(doc & 63) }
                hide = sourceFails || !filter.passes(date: date)
            }
            if hide { hidden[doc >> 6] |= 1 << UInt64(doc & 63) }
        }
    }

    @inline(__always)
    func hides(_ doc: Int) -> Bool { !hidden.isEmpty && hidden[doc >> 6] & (1 << UInt64(doc & 63)) != 0 }

    /// Whether `doc` is hidden for lacking a date only (a date filter counts those apart).
    @inline(__always)
    func lacksDateOnly(_ doc: Int) -> Bool {
        !undatedOnly.isEmpty && undatedOnly[doc >> 6] & (1 << UInt64(doc & 63)) != 0
    }
}
