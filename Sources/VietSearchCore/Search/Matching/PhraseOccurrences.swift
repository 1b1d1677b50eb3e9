/// Counts where the terms of a phrase stand one after another in one document, from
/// positions. Documents may be asked in any order.
struct PhraseOccurrences {
    private var postings: [Int] = []
    private var pointers: [Int] = []

    /// Occurrences in `doc` of the terms of `cursors`, in order at consecutive positions,
    /// and how many of them use every term's exact spelling (all of them for terms whose
    /// spelling does not matter). Zero when a term is not in `doc`. With `ascending`, the
    /// documents of these cursors are asked in ascending order, and each lookup starts
    /// where the last one ended.
    mutating func count(_ cursors: [TermCursor], doc: Int32, ascending: Bool = false) throws -> (
        all: Int, exact: Int
    ) {
        postings.removeAll(keepingCapacity: true)
        for cursor in cursors {
            var hint = 0
            guard let i = ascending ? cursor.find(doc) : cursor.list.index(of: doc, from: &hint) else {
                return (0, 0)
            }
            postings.append(i)
        }
        // Positions are decoded only once every term is known to be in the document.
        for (cursor, i) in zip(cursors, postings) { try cursor.decode(i) }
        pointers.removeAll(keepingCapacity: true)
        pointers.append(contentsOf: repeatElement(0, count: cursors.count))
        let first = cursors[0]
        var all = 0
        var exact = 0
        for (i, start) in first.positions.enumerated() {
            var found = true
            var allExact = first.isExact(at: i)
            for k in 1..<cursors.count {
                let other = cursors[k]
                let target = start + Int32(k)
                var p = pointers[k]
                while p < other.positions.count && other.positions[p] < target { p += 1 }
                pointers[k] = p
                guard p < other.positions.count && other.positions[p] == target else {
                    found = false
                    break
                }
                if !other.isExact(at: p) { allExact = false }
            }
            if found {
                all += 1
                if allExact { exact += 1 }
            }
        }
        return (all, exact)
    }

    /// Places in `doc` where `first` is immediately followed by `second`, both spelled
    /// exactly where that matters (the `exact` count of a two-word phrase).
    func adjacent(_ first: TermCursor, _ second: TermCursor, doc: Int32) throws -> Int {
        var hint = 0
        guard let i = first.list.index(of: doc, from: &hint) else { return 0 }
        hint = 0
        guard let j = second.list.index(of: doc, from: &hint) else { return 0 }
        try first.decode(i)
        try second.decode(j)
        var k = 0
        var count = 0
        let later = second.positions
        for (p, position) in first.positions.enumerated() {
            while k < later.count && later[k] <= position { k += 1 }
            if k < later.count && later[k] == position + 1 && first.isExact(at: p) && second.isExact(at: k) {
                count += 1
            }
        }
        return count
    }
}
