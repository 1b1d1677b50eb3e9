/// The best complete ranks found so far, and every match that may still be among them.
struct TopRanks {
    private var best: BestRanks
    private var contenders: [ScoredDoc] = []

    init(limit: Int) { best = BestRanks(limit: limit) }

    /// Whether a match ranked `rank` could still enter the top `limit`.
    func admits(_ rank: Rank) -> Bool { best.limit > 0 && !(best.floor.map { rank < $0 } ?? false) }

    /// The `limit`-th best rank so far, once `limit` matches were added: a match ranked
    /// below it cannot enter.
    var floor: Rank? { best.floor }

    mutating func add(_ doc: ScoredDoc) {
        contenders.append(doc)
        best.add(doc.rank)
    }

    /// The contenders that rank at least as high as the `limit`-th best (ties included).
    var result: [ScoredDoc] {
        guard let cut = best.floor else { return contenders }
        return contenders.filter { !($0.rank < cut) }
    }
}

/// The `limit` best ranks of a stream, without their documents.
typealias BestRanks = BestValues<Rank>

/// The `limit` highest of a stream of values.
struct BestValues<Value: Comparable> {
    let limit: Int
    /// At most `limit` values, ascending.
    private var best: [Value] = []

    init(limit: Int) { self.limit = limit }

    mutating func add(_ rank: Value) {
        guard limit > 0 else { return }
        if best.count == limit {
            if !(best[0] < rank) { return }
            best.removeFirst()
        }
        best.insert(rank, at: best.firstIndex { rank < $0 } ?? best.count)
    }

    /// The `limit`-th best value, once `limit` values were added.
    var floor: Value? { best.count == limit ? best.first : nil }
}
