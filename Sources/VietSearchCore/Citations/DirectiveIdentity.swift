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
        guard keys.count <= 32 else { return resolveGrouped(keys) }
        // Few mentions (most articles): compare them pairwise, no tables.
        var resolved: [DirectiveKey] = keys
        var changed = false
        for i in keys.indices {
            let fuller = keys.filter { keys[i].isRefined(by: $0) }
            guard !fuller.isEmpty else { continue }
            let fullest = fullestRefinements(of: keys[i], among: fuller)
            if let first = fullest.first, fullest.allSatisfy({ $0 == first }) {
                resolved[i] = first
                changed = true
            }
        }
        return changed ? resolved : keys
    }

    /// Rule 2 for an article of many mentions: each distinct key compared with those of its
    /// number only, once.
    private static func resolveGrouped(_ keys: [DirectiveKey]) -> [DirectiveKey] {
        var resolved: [DirectiveKey: DirectiveKey] = [:]
        for (_, group) in Dictionary(grouping: Set(keys), by: \.number) where group.count > 1 {
            for key in group {
                let fullest = fullestRefinements(of: key, among: group)
                if fullest.count == 1 { resolved[key] = fullest[0] }
            }
        }
        return resolved.isEmpty ? keys : keys.map { resolved[$0] ?? $0 }
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
    /// The written issuer most mentions of each key use, for every key written otherwise
    /// than canonically at least once.
    var writtenIssuers: [DirectiveKey: String]

    init(documents: [(address: DocAddress, keys: [DirectiveKey])], dates: [[String?]]) {
        self.documents = documents
        self.dates = dates
        var mentions: [DirectiveKey: Int] = [:]
        // Only spellings other than the canonical form are counted (most are canonical).
        var spellings: [DirectiveKey: [String: Int]] = [:]
        for (_, keys) in documents {
            for key in keys {
                mentions[key, default: 0] += 1
                if let written = key.writtenIssuer, written != key.issuer {
                    spellings[key, default: [:]][written, default: 0] += 1
                }
            }
        }
        let distinct = mentions.keys
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
        var written: [DirectiveKey: String] = [:]
        for (key, counts) in spellings {
            let best = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!
            let canonical = mentions[key, default: 0] - counts.values.reduce(0, +)
            // A spelling that differs only in case or marks (`TTg`, `BGDĐT`) is how the code
            // is signed; resolved short mentions count as canonical, so it wins regardless.
            // Either way the choice is made here: the key itself carries the spelling of
            // whichever mention was counted first, which depends on the segments' order.
            let signed = UserText.fold(best.key).uppercased() == key.issuer
            written[key] = best.value >= canonical || signed ? best.key : key.issuer
        }
        writtenIssuers = written
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
