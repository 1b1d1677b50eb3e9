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
}

/// An article that cites a directive.
public struct CitingArticle: Sendable {
    public var address: DocAddress
    public var article: Article
    public var mentions: [Mention]
}

/// A directive cited in the archive, with how often.
public struct DirectiveCount: Sendable {
    public var key: DirectiveKey
    public var articles: Int
    public var mentions: Int
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

    /// How many mentions of directives matching `query` each live document holds, from
    /// the citation keys read once per open index.
    func mentionCounts(of query: DirectiveKey) throws -> [DocAddress: Int] {
        var counts: [DocAddress: Int] = [:]
        for (address, keys) in try citationKeys() {
            let n = keys.filter { query.matches($0) }.count
            if n > 0 { counts[address] = n }
        }
        return counts
    }

    /// The citation keys of every live document that cites something; read on first use
    /// and kept while the reader is open.
    func citationKeys() throws -> [(address: DocAddress, keys: [DirectiveKey])] {
        if let cached = cache.withLock({ $0.citationKeys }) { return cached }
        var found: [(DocAddress, [DirectiveKey])] = []
        try forEachCitingDocument { address, citations in found.append((address, citations.map(\.citation.key))) }
        cache.withLock { $0.citationKeys = found }
        return found
    }

    /// The articles citing a directive matching `query` (a partial key matches every fuller
    /// one): most mentions first, then newest, then by id.
    public func articlesCiting(_ query: DirectiveKey) throws -> [CitingArticle] {
        var found: [CitingArticle] = []
        try forEachCitingDocument { address, citations in
            let matching = citations.filter { query.matches($0.citation.key) }
            guard !matching.isEmpty else { return }
            let article = try self.article(address)
            // Each field's bytes once per article, not once per mention (which made an
            // article with many mentions quadratic).
            let title = Array(article.title.utf8)
            let body = Array(article.body.utf8)
            found.append(
                CitingArticle(
                    address: address, article: article,
                    mentions: matching.map { Self.mention($0, in: $0.field == .title ? title : body) }))
        }
        return found.sorted { a, b in
            if a.mentions.count != b.mentions.count { return a.mentions.count > b.mentions.count }
            if a.article.date != b.article.date { return (a.article.date ?? "") > (b.article.date ?? "") }
            return a.article.id < b.article.id
        }
    }

    /// Every directive cited in the archive: most citing articles first, then most mentions.
    /// Within one article, a partial mention (`Đề án 16`) counts for the one fuller key it
    /// matches there (`16-ĐA/TU`), so one directive is not listed twice.
    public func directiveCounts() throws -> [DirectiveCount] {
        var counts: [DirectiveKey: (articles: Int, mentions: Int)] = [:]
        try forEachCitingDocument { _, citations in
            let keys = Self.resolvingPartialKeys(citations.map(\.citation.key))
            for key in keys { counts[key, default: (0, 0)].mentions += 1 }
            for key in Set(keys) { counts[key, default: (0, 0)].articles += 1 }
        }
        return counts.map { DirectiveCount(key: $0.key, articles: $0.value.articles, mentions: $0.value.mentions) }
            .sorted { a, b in
                (a.articles, a.mentions) != (b.articles, b.mentions)
                    ? (a.articles, a.mentions) > (b.articles, b.mentions) : a.key < b.key
            }
    }

    /// Each key, or the single fuller key of the same list that it matches.
    static func resolvingPartialKeys(_ keys: [DirectiveKey]) -> [DirectiveKey] {
        // Only keys of the same number can match: each distinct key is compared with those,
        // once, not every mention with every key.
        let byNumber = Dictionary(grouping: Set(keys), by: \.number)
        var resolved: [DirectiveKey: DirectiveKey] = [:]
        for (_, group) in byNumber {
            for key in group {
                let fuller = group.filter { $0 != key && key.matches($0) }
                resolved[key] = fuller.count == 1 ? fuller[0] : key
            }
        }
        return keys.map { resolved[$0] ?? $0 }
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
