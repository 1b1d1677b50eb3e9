import Synchronization

/// Per document of a segment, BM25's length normalisation of one field
/// (`BM25.lengthNorm`) at one average length: computed once per segment reader and
/// average, so that scoring a posting divides once instead of twice. The averages change
/// only with the index, and a reader serves many searches.
final class LengthNorms: Sendable {
    private struct Entry {
        var k1: Double
        var b: Double
        var averageLength: Double
        var norms: [Double]
    }

    /// Per field (`Field.rawValue`), the last norms computed.
    private let entries = Mutex<[UInt8: Entry]>([:])

    /// The norms of `field` in `segment` at `averageLength`.
    func norms(_ field: Field, of segment: SegmentReader, bm25: BM25, averageLength: Double) -> [Double] {
        if let entry = entries.withLock({ $0[field.rawValue] }), entry.k1 == bm25.k1, entry.b == bm25.b,
            entry.averageLength == averageLength
        {
            return entry.norms
        }
        let norms = (0..<segment.docCount).map {
            bm25.lengthNorm(length: segment.length($0, field), averageLength: averageLength)
        }
        entries.withLock {
            $0[field.rawValue] = Entry(k1: bm25.k1, b: bm25.b, averageLength: averageLength, norms: norms)
        }
        return norms
    }
}
