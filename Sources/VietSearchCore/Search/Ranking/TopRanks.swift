/// The best complete ranks found so far, and every match that may still be among them.
struct TopRanks {
    let limit: Int
    /// At most `limit` ranks, ascending.
    var best: [Rank] = []
    var contenders: [ScoredDoc] = []

    var isFull: Bool { best.count == limit }

    /// Whether a match ranked `rank` could still enter the top `limit`.
    func admits(_ rank: Rank) -> Bool { limit > 0 && (!isFull || !(rank < best[0])) }

    mutating func add(_ doc: ScoredDoc) {
        let rank = doc.rank
        contenders.append(doc)
        if isFull {
            if !(best[0] < rank) { return }
            best.removeFirst()
        }
        best.insert(rank, at: best.firstIndex { rank < $0 } ?? best.count)
    }

    /// The contenders that rank at least as high as the `limit`-th best (ties included).
    var result: [ScoredDoc] {
        guard let cut = best.first, isFull else { return contenders }
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
