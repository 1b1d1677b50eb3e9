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
///
/// A law cited by title and year (`Luật Đất đai 2013`) is stated more fully by a mention
/// that gives the same title and year with a number (`Luật Đất đai số 45/2013/QH13`): in
/// the article by rule 2, across the archive by rule 3 (the numbered law is then the
/// directive, and any mention of it by number alone, `Luật 45/2013/QH13`, is found by its
/// title too).
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
        // Laws by title: against every numbered mention with a title (a set would keep one
        // spelling of a numbered key, perhaps the one without its title).
        let titled = keys.filter { !$0.isNamedLaw && $0.name != nil }
        for key in Set(keys) where key.isNamedLaw && !titled.isEmpty {
            let fullest = fullestRefinements(of: key, among: titled)
            if let first = fullest.first, fullest.allSatisfy({ $0 == first }) { resolved[key] = first }
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
    /// For each law directive some mention gives a title, the titles (folded) its mentions
    /// give it, and the spelling most of them use.
    var titles: [DirectiveKey: (folded: Set<String>, written: DirectiveKey.Title)]
    /// For each folded title, the spelling most mentions use (`luat dat dai` → `Luật Đất đai`).
    var titleSpellings: [String: DirectiveKey.Title]

    /// Per number, and per type, the documents of ``documents`` (their indices, ascending)
    /// with a mention of it: the only ones that may cite a directive of that number, or a
    /// law by title of that type (`possiblyCiting`).
    private var byNumber: [Int: [Int]] = [:]
    private var byType: [DirectiveType: [Int]] = [:]

    init(documents: [(address: DocAddress, keys: [DirectiveKey])], dates: [[String?]]) {
        self.documents = documents
        self.dates = dates
        for (index, (_, keys)) in documents.enumerated() {
            for number in Set(keys.map(\.number)) { byNumber[number, default: []].append(index) }
            for type in Set(keys.map(\.type)) { byType[type, default: []].append(index) }
        }
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
        // Rule 3 for laws by title: the numbered laws cited with that title and year.
        // Titles are compared by the folded form the keys carry (no folding here: `directives`
        // would load ICU for it).
        typealias Spellings = [String: (count: Int, title: DirectiveKey.Title)]
        func mostUsed(_ spellings: Spellings) -> DirectiveKey.Title {
            spellings.max { a, b in a.value.count != b.value.count ? a.value.count < b.value.count : a.key > b.key }!
                .value.title
        }
        var spelled: [DirectiveKey: Spellings] = [:]
        var byTitle: [String: Spellings] = [:]
        for (_, keys) in documents {
            for key in keys {
                guard let title = key.title else { continue }
                let directives = candidates[key] ?? [key]
                if directives.count == 1 {
                    spelled[directives[0], default: [:]][title.written, default: (0, title)].count += 1
                    byTitle[title.folded, default: [:]][title.written, default: (0, title)].count += 1
                }
            }
        }
        titleSpellings = byTitle.mapValues(mostUsed)
        var titles: [DirectiveKey: (folded: Set<String>, written: DirectiveKey.Title)] = [:]
        var numberedByTitle: [String: [DirectiveKey]] = [:]
        for (directive, spellings) in spelled {
            let folded = Set(spellings.values.map(\.title.folded))
            titles[directive] = (folded, mostUsed(spellings))
            if !directive.isNamedLaw { for name in folded { numberedByTitle[name, default: []].append(directive) } }
        }
        for key in distinct where key.isNamedLaw {
            guard let name = key.name, let numbered = numberedByTitle[name] else { continue }
            let same = numbered.filter { $0.type == key.type && $0.year == key.year }
            if !same.isEmpty { candidates[key] = same.sorted() }
        }
        self.candidates = candidates
        self.titles = titles
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

    /// The documents of ``documents`` (indices, ascending) that may hold a mention
    /// matching `query` (``match(_:_:)``): a mention of its number, or for a law, or a
    /// directive asked for by title alone, a mention of its type.
    func possiblyCiting(_ query: DirectiveKey) -> [Int] {
        let byTitle = query.type == .luat || query.number == 0 ? byType[query.type] ?? [] : []
        guard query.number != 0 else { return byTitle }
        return SortedDocs.union(byNumber[query.number] ?? [], byTitle)
    }

    /// The directives `key` may be: itself when it is one.
    func directives(of key: DirectiveKey) -> [DirectiveKey] { candidates[key] ?? [key] }

    /// `key` with the issuer and, for a law, the title spelled as most of its mentions
    /// spell them.
    func displayed(_ key: DirectiveKey) -> DirectiveKey {
        key.written(writtenIssuers[key]).named(titles[key]?.written ?? key.name.flatMap { titleSpellings[$0] })
    }

    /// How a mention whose resolved key is `key` matches `query`: certain when every
    /// directive it may be is, for certain, one `query` names; possible when it agrees with
    /// the query otherwise; nil when it is another directive. A law asked for by title and
    /// year is also every mention of a numbered law cited with that title, and a law asked
    /// for by number every mention by title that is that law for certain.
    func match(_ query: DirectiveKey, _ key: DirectiveKey) -> DirectiveMatch? {
        guard query.match(key) != nil else {
            // A law by title and its numbered law, either way round.
            guard key.type == .luat, query.type == .luat else { return nil }
            let named = directives(of: key).map { isTitledLaw(query, $0) || query.match($0) == .certain }
            if named.allSatisfy({ $0 }) { return .certain }
            return named.contains(true) ? .possible : nil
        }
        return directives(of: key).allSatisfy { query.match($0) == .certain || isTitledLaw(query, $0) }
            ? .certain : .possible
    }

    /// Whether `query` asks for a law by title and year and `directive` is a numbered law
    /// of that type and year that some mention gives that title.
    private func isTitledLaw(_ query: DirectiveKey, _ directive: DirectiveKey) -> Bool {
        guard query.isNamedLaw, !directive.isNamedLaw, let name = query.name, directive.type == query.type,
            directive.year == query.year
        else { return false }
        return titles[directive]?.folded.contains(name) == true
    }
}
