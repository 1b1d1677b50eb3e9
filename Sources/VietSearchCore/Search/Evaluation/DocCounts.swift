/// A count per document of one segment, kept only for the documents of one posting list
/// and looked up by document (0 for the others): what an array of the segment's size gave
/// the evaluator, without allocating and zeroing one per clause, field and pair on every
/// search. Lookups in ascending document order gallop forward from the last one; an
/// earlier document starts again from the first.
struct DocCounts {
    private let docs: [Int32]
    private let counts: [Int32]
    private var hint = 0

    /// No document counted: every lookup gives 0.
    static let none = DocCounts(docs: [], counts: [])

    /// `counts[i]` for `docs[i]`; `docs` ascending.
    init(docs: [Int32], counts: [Int32]) {
        precondition(docs.count == counts.count, "one count per document")
        self.docs = docs
        self.counts = counts
    }

    /// The count of `doc`, 0 when it is not among the documents.
    @inline(__always)
    mutating func callAsFunction(_ doc: Int) -> Int32 {
        // Every document before `hint` is below the last one looked up; start again from
        // the first when `doc` may be among them.
        if hint > 0 && Int(docs[hint - 1]) >= doc { hint = 0 }
        guard let i = SortedDocs.find(Int32(doc), in: docs, from: &hint) else { return 0 }
        return counts[i]
    }
}
