/// Which directive each mention is: the rules that make `Nghị định 67`, `67/NĐ-CP` and
/// `67/2014/NĐ-CP` one directive where they can only be one, and a possible match of several
/// where they could be any of them.
///
/// 1. The type's implied issuer (``ImpliedIssuers``): `Nghị định 67/2014` is `67/2014/NĐ-CP`.
/// 2. Within one article, a mention that leaves out parts (`Nghị định số 67`) is the fuller
///    mention of the same type and number there that states them (`Nghị định số
///    67/2014/NĐ-CP`), when there is one fullest such mention.
/// 3. Across the archive, the directives are the keys no other key states more fully. A
///    mention belongs to the directives that state it fully or more (its *candidates*): for
///    certain when there is one, possibly to each when there are several (`67/NĐ-CP` when
///    the archive cites both `67/2014/NĐ-CP` and `67/2017/NĐ-CP`).
enum DirectiveIdentity {
    /// The keys of one article's mentions after rules 1 and 2, in the same order.
    static func resolveInArticle(_ keys: [DirectiveKey]) -> [DirectiveKey] {
        let keys = keys.map(\.withImpliedIssuer)
        guard keys.count > 1 else { return keys }
        let byNumber = Dictionary(grouping: Set(keys), by: \.number)
        var resolved: [DirectiveKey: DirectiveKey] = [:]
        for (_, group) in byNumber where group.count > 1 {
            for key in group {
                let fullest = fullestRefinements(of: key, among: group)
                if fullest.count == 1 { resolved[key] = fullest[0] }
            }
        }
        guard !resolved.isEmpty else { return keys }
        return keys.map { resolved[$0] ?? $0 }
    }

    /// The keys of `group` that state `key` more fully and that no other key of `group`
    /// states more fully still.
    static func fullestRefinements(of key: DirectiveKey, among group: [DirectiveKey]) -> [DirectiveKey] {
        let fuller = group.filter { key.isRefined(by: $0) }
        return fuller.filter { candidate in !fuller.contains { candidate.isRefined(by: $0) } }
    }
}

/// Every live document's mentions, resolved (``DirectiveIdentity``), and the directives of
/// the archive: read once per open index.
struct DirectiveCatalog: Sendable {
    /// Each citing document's mentions, in stored order, keys after rules 1 and 2.
    var documents: [(address: DocAddress, keys: [DirectiveKey])]
    /// The dates of issue the mentions give, per document of ``documents``.
    var dates: [[String?]]
    /// For each key not a directive itself, the directives it may be (rule 3); a key absent
    /// here is a directive.
    var candidates: [DirectiveKey: [DirectiveKey]]
    /// The written issuer most mentions of each key use.
    var writtenIssuers: [DirectiveKey: String]

    init(documents: [(address: DocAddress, keys: [DirectiveKey])], dates: [[String?]]) {
        self.documents = documents
        self.dates = dates
        var spellings: [DirectiveKey: [String: Int]] = [:]
        var distinct: Set<DirectiveKey> = []
        for (_, keys) in documents {
            for key in keys {
                distinct.insert(key)
                if let written = key.writtenIssuer { spellings[key, default: [:]][written, default: 0] += 1 }
            }
        }
        var candidates: [DirectiveKey: [DirectiveKey]] = [:]
        for (_, group) in Dictionary(grouping: distinct, by: \.number) where group.count > 1 {
            for key in group {
                let fullest = DirectiveIdentity.fullestRefinements(of: key, among: group)
                if !fullest.isEmpty { candidates[key] = fullest }
            }
        }
        self.candidates = candidates
        // The most used spelling; on a tie one that differs from the canonical form (`TTg`
        // over `TTG`: a text that bothered to write the case wrote it as signed).
        writtenIssuers = spellings.mapValues { counts in
            counts.max { a, b in
                let rankA = (a.value, a.key.contains { $0.isLowercase || !$0.isASCII } ? 1 : 0)
                let rankB = (b.value, b.key.contains { $0.isLowercase || !$0.isASCII } ? 1 : 0)
                return rankA != rankB ? rankA < rankB : a.key > b.key
            }!.key
        }
    }

    /// The directives `key` may be: itself when it is one.
    func directives(of key: DirectiveKey) -> [DirectiveKey] { candidates[key] ?? [key] }

    /// `key` with the issuer spelled as most of its mentions spell it.
    func displayed(_ key: DirectiveKey) -> DirectiveKey { key.written(writtenIssuers[key]) }

    /// How a mention whose resolved key is `key` matches `query`: certain when every
    /// directive it may be is, for certain, one `query` names; possible when it agrees with
    /// the query otherwise; nil when it is another directive.
    func match(_ query: DirectiveKey, _ key: DirectiveKey) -> DirectiveMatch? {
        guard query.match(key) != nil else { return nil }
        return directives(of: key).allSatisfy { query.match($0) == .certain } ? .certain : .possible
    }
}
