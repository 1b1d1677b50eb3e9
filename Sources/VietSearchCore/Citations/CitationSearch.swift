/// One mention of a directive in an article, with the line around it.
public struct Mention: Sendable {
    public var field: Field
    /// The mention as written, e.g. `Kết luận số 21-KL/TW`.
    public var text: String
    /// The line (or a window of it, for long lines) that holds the mention.
    public var context: String
    /// UTF-8 byte range of the mention in `context`.
    public var highlight: Range<Int>
    /// UTF-8 byte range of the mention in the field's text.
    public var start: Int
    public var end: Int
    public var date: String?
    /// Whether the mention is the directive asked for for certain or possibly.
    public var match: DirectiveMatch = .certain
}

/// An article that cites a directive.
public struct CitingArticle: Sendable {
    public var address: DocAddress
    public var article: Article
    /// The article's mentions of the directive, certain ones first.
    public var mentions: [Mention]
    /// `certain` when one of its mentions is.
    public var match: DirectiveMatch
}

/// A directive cited in the archive (``DirectiveIdentity``), with how often.
public struct DirectiveCount: Sendable {
    /// Its fullest known form, the issuer spelled as most mentions spell it.
    public var key: DirectiveKey
    /// Articles citing it for certain.
    public var articles: Int
    /// Articles citing it possibly (a mention that may also be another directive), and
    /// not for certain.
    public var possibleArticles: Int
    /// Mentions of it for certain.
    public var mentions: Int
    /// Its date of issue as its mentions give it (`YYYY-MM-DD`; the latest when they
    /// disagree), else the year in its number (`2014`), else nil: for `--sort recent`.
    public var latest: String?
}

extension IndexReader {
    /// Calls `body` with the citations of every live document.
    func forEachCitingDocument(_ body: (DocAddress, [StoredCitation]) throws -> Void) throws {
        for (ordinal, segment) in segments.enumerated() {
            for doc in 0..<segment.docCount where !segment.deleted.contains(doc) {
                let citations = try segment.citations.citations(doc)
                if !citations.isEmpty { try body(DocAddress(segment: ordinal, doc: doc), citations) }
            }
        }
    }

    /// Every document's resolved mentions and the archive's directives; read on first use
    /// and kept while the reader is open.
    func directiveCatalog() throws -> DirectiveCatalog {
        if let cached = cache.withLock({ $0.directiveCatalog }) { return cached }
        var found: [(DocAddress, [DirectiveKey])] = []
        var dates: [[String?]] = []
        try forEachCitingDocument { address, citations in
            found.append((address, DirectiveIdentity.resolveInArticle(citations.map(\.citation.key))))
            dates.append(citations.map(\.citation.date))
        }
        let catalog = DirectiveCatalog(documents: found, dates: dates)
        cache.withLock { $0.directiveCatalog = catalog }
        return catalog
    }

    /// For ranking the articles citing the directive `query` names: per citing live
    /// document, a weight that puts certain citations before possible ones and more
    /// mentions before fewer (``citationWeight(certain:possible:)``).
    func mentionCounts(of query: DirectiveKey) throws -> [DocAddress: Int] {
        let catalog = try directiveCatalog()
        let query = query.withImpliedIssuer
        var counts: [DocAddress: Int] = [:]
        for index in catalog.possiblyCiting(query) {
            let (address, keys) = catalog.documents[index]
            var certain = 0
            var possible = 0
            for key in keys {
                switch catalog.match(query, key) {
                case .certain: certain += 1
                case .possible: possible += 1
                case nil: break
                }
            }
            if certain + possible > 0 { counts[address] = Self.citationWeight(certain: certain, possible: possible) }
        }
        return counts
    }

    /// `key` as `directives` shows it: its issuer and, for a law, its title spelled as most
    /// mentions spell them (`luat dat dai 2013` is shown `Luật Đất đai 2013`, `Luật số
    /// 45/2013/QH13` as `Luật Đất đai 45/2013/QH13`).
    public func displayed(_ key: DirectiveKey) throws -> DirectiveKey { try directiveCatalog().displayed(key) }

    /// Certain mentions outweigh any number of possible ones.
    static func citationWeight(certain: Int, possible: Int) -> Int {
        certain > 0 ? certainWeight + min(certain, 1 << 19) : min(possible, 1 << 19)
    }

    /// What `citationWeight` adds to the count of certain mentions.
    private static let certainWeight = 1 << 20

    /// The mentions a weight of `citationWeight` counts: the certain ones when there are,
    /// else the possible ones.
    static func mentions(weight: Int) -> Int { weight >= certainWeight ? weight - certainWeight : weight }

    /// The articles citing a directive `query` names (``DirectiveCatalog/match(_:_:)``):
    /// certain citations first, then most mentions, then newest, then by id.
    public func articlesCiting(_ query: DirectiveKey) throws -> [CitingArticle] {
        try articlesCiting(query, filter: ArticleFilter(), sort: .relevance).hits
    }

    /// The articles citing the directive `query` names that pass `filter`, in the order
    /// `sort` asks (by relevance: as ``articlesCiting(_:)``; by date: on equal days so),
    /// and how many more cite it but have no date, under a date filter.
    public func articlesCiting(_ query: DirectiveKey, filter: ArticleFilter, sort: SortOrder) throws -> (
        hits: [CitingArticle], undated: Int
    ) {
        let catalog = try directiveCatalog()
        let query = query.withImpliedIssuer
        var found: [CitingArticle] = []
        var visible: [Int: VisibleDocs] = [:]
        var undated = 0
        for index in catalog.possiblyCiting(query) {
            let (address, keys) = catalog.documents[index]
            let matches = keys.map { catalog.match(query, $0) }
            guard matches.contains(where: { $0 != nil }) else { continue }
            let segment = segments[address.segment]
            if !filter.isEmpty {
                let docs = visible[address.segment] ?? VisibleDocs(segment: segment, filter: filter)
                visible[address.segment] = docs
                if docs.hides(address.doc) {
                    if docs.lacksDateOnly(address.doc) { undated += 1 }
                    continue
                }
            }
            let citations = try segments[address.segment].citations.citations(address.doc)
            let article = try self.article(address)
            // Each field's bytes once per article, not once per mention (which made an
            // article with many mentions quadratic).
            let title = Array(article.title.utf8)
            let body = Array(article.body.utf8)
            var mentions: [Mention] = []
            for kind in [DirectiveMatch.certain, .possible] {
                for (stored, match) in zip(citations, matches) where match == kind {
                    var mention = Self.mention(stored, in: stored.field == .title ? title : body)
                    mention.match = kind
                    mentions.append(mention)
                }
            }
            found.append(
                CitingArticle(
                    address: address, article: article, mentions: mentions,
                    match: matches.contains(.certain) ? .certain : .possible))
        }
        let order = found.map { sort.key(date: segments[$0.address.segment].columns.date($0.address.doc)) }
        let sorted = found.indices.sorted { i, j in
            if order[i] != order[j] { return order[i] > order[j] }
            let a = found[i]
            let b = found[j]
            if a.match != b.match { return a.match < b.match }
            if a.mentions.count != b.mentions.count { return a.mentions.count > b.mentions.count }
            if a.article.date != b.article.date { return (a.article.date ?? "") > (b.article.date ?? "") }
            return a.article.id < b.article.id
        }
        return (sorted.map { found[$0] }, undated)
    }

    /// Every directive cited in the archive, one row each (``DirectiveIdentity``): most
    /// articles citing it for certain first, then most possibly, then most mentions.
    public func directiveCounts() throws -> [DirectiveCount] {
        let catalog = try directiveCatalog()
        struct Tally {
            var certain: Set<Int> = []
            var possible: Set<Int> = []
            var mentions = 0
            var latest: String?
        }
        var tallies: [DirectiveKey: Tally] = [:]
        for (document, entry) in catalog.documents.enumerated() {
            for (key, date) in zip(entry.keys, catalog.dates[document]) {
                let directives = catalog.directives(of: key)
                if directives.count == 1 {
                    tallies[directives[0], default: Tally()].certain.insert(document)
                    tallies[directives[0], default: Tally()].mentions += 1
                    if let date, date > tallies[directives[0]]!.latest ?? "" { tallies[directives[0]]!.latest = date }
                } else {
                    for directive in directives { tallies[directive, default: Tally()].possible.insert(document) }
                }
            }
        }
        return tallies.map { key, tally in
            DirectiveCount(
                key: catalog.displayed(key), articles: tally.certain.count,
                possibleArticles: tally.possible.subtracting(tally.certain).count, mentions: tally.mentions,
                latest: tally.latest ?? key.year.map { "\($0)" })
        }
        .sorted { a, b in
            (a.articles, a.possibleArticles, a.mentions) != (b.articles, b.possibleArticles, b.mentions)
                ? (a.articles, a.possibleArticles, a.mentions) > (b.articles, b.possibleArticles, b.mentions)
                : a.key < b.key
        }
    }

    /// The mention's text and the line around it (at most about 240 bytes) in the field's
    /// UTF-8 `bytes`: bounded work per mention.
    static func mention(_ stored: StoredCitation, in bytes: [UInt8]) -> Mention {
        let range = stored.citation.byteRange.clamped(to: 0..<bytes.count)
        var from = range.lowerBound
        while from > 0 && bytes[from - 1] != 0x0A && range.lowerBound - from < 120 { from -= 1 }
        var to = range.upperBound
        while to < bytes.count && bytes[to] != 0x0A && to - range.upperBound < 120 { to += 1 }
        // Do not cut inside a character or a word.
        while from > 0 && from < range.lowerBound
            && (bytes[from] & 0xC0 == 0x80 || (bytes[from - 1] != 0x20 && bytes[from - 1] != 0x0A))
        {
            from += 1
        }
        while to < bytes.count && to > range.upperBound && (bytes[to] & 0xC0 == 0x80 || bytes[to] != 0x20) { to -= 1 }
        let prefix = from > 0 && bytes[from - 1] != 0x0A ? "… " : ""
        let suffix = to < bytes.count && bytes[to] != 0x0A ? " …" : ""
        let context = prefix + String(decoding: bytes[from..<to], as: UTF8.self) + suffix
        let shift = prefix.utf8.count - from
        return Mention(
            field: stored.field, text: String(decoding: bytes[range], as: UTF8.self), context: context,
            highlight: (range.lowerBound + shift)..<(range.upperBound + shift), start: range.lowerBound,
            end: range.upperBound, date: stored.citation.date)
    }
}
