import Synchronization

/// The per-document arrays of an evaluation of one segment (`SegmentEvaluator.collect`),
/// kept all zero between searches: a search borrows them, clears the entries it wrote and
/// gives them back, instead of allocating and zeroing arrays of the segment's size (24
/// bytes a document) on every search.
final class EvaluationArrays: Sendable {
    struct Arrays: Sendable {
        /// Per alternative and document (`alternative * docCount + doc`).
        var scores: [Double]
        var held: [UInt64]
        var exact: [UInt64]
    }

    private let free = Mutex<[Arrays]>([])
    /// Arrays kept at most (as many searches of one segment at once reuse them).
    private static let kept = 4

    /// All-zero arrays for `docCount` documents and `alternatives` alternatives.
    func borrow(docCount: Int, alternatives: Int) -> Arrays {
        let size = docCount * max(alternatives, 1)
        if let arrays = free.withLock({ $0.popLast() }), arrays.scores.count >= size, arrays.held.count == docCount {
            return arrays
        }
        return Arrays(
            scores: [Double](repeating: 0, count: size), held: [UInt64](repeating: 0, count: docCount),
            exact: [UInt64](repeating: 0, count: docCount))
    }

    /// Takes back arrays that are all zero again.
    func giveBack(_ arrays: Arrays) {
        free.withLock { if $0.count < Self.kept { $0.append(arrays) } }
    }
}
