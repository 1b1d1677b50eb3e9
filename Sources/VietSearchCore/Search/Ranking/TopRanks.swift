/// The best complete ranks found so far, and every match that may still be among them.
struct TopRanks {
    private var best: BestRanks
    private var contenders: [ScoredDoc] = []

    init(limit: Int) { best = BestRanks(limit: limit) }

    /// Whether a match ranked `rank` could still enter the top `limit`.
    func admits(_ rank: Rank) -> Bool { best.limit > 0 && !(best.floor.map { rank < $0 } ?? false) }

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

/// The `limit` best of a stream of ranks, without their documents.
struct BestRanks {
    let limit: Int
    /// At most `limit` ranks, ascending.
    private var best: [Rank] = []

    init(limit: Int) { self.limit = limit }

    mutating func add(_ rank: Rank) {
        guard limit > 0 else { return }
        if best.count == limit {
            if !(best[0] < rank) { return }
            best.removeFirst()
        }
        best.insert(rank, at: best.firstIndex { rank < $0 } ?? best.count)
    }

    /// The `limit`-th best rank, once `limit` ranks were added.
    var floor: Rank? { best.count == limit ? best.first : nil }
}
