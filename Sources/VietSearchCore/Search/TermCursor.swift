/// A query term's postings in one field of one segment, walked forward in document order.
/// Positions of the current document are decoded at most once, into reusable buffers. A
/// class: the evaluator moves many cursors forward in its inner loop without copying them.
final class TermCursor {
    let term: Query.Term
    let info: TermInfo
    let postings: [Posting]
    let variantBits: Int
    /// Variant number of the term's exact spelling in this segment, if the segment has it.
    let exactVariant: Int?
    private var index = 0
    private(set) var decodedDoc = -1
    private(set) var positions: [Int32] = []
    private(set) var variants: [UInt8] = []

    init(term: Query.Term, info: TermInfo, postings: [Posting]) {
        self.term = term
        self.info = info
        self.postings = postings
        variantBits = SegmentWriter.variantBits(info.variants.count)
        exactVariant = info.variants.firstIndex(of: term.exact)
        docs = postings.map(\.doc)
    }

    /// The documents holding the term, ascending.
    let docs: [Int]

    /// The posting of `doc`, moving forward; docs must be asked in ascending order.
    func posting(_ doc: Int) -> Posting? {
        while index < postings.count && postings[index].doc < doc { index += 1 }
        return index < postings.count && postings[index].doc == doc ? postings[index] : nil
    }

    /// How many occurrences in `doc` use the exact spelling (all of them when the query was
    /// typed without diacritics).
    func exactCount(_ doc: Int, in segment: SegmentReader) throws -> Int {
        guard let posting = posting(doc) else { return 0 }
        if !term.exactMatters { return posting.freq }
        guard let exactVariant else { return 0 }
        if info.variants.count == 1 { return posting.freq }
        try decode(doc, in: segment)
        return variants.reduce(0) { $0 + (Int($1) == exactVariant ? 1 : 0) }
    }

    /// Whether `doc` holds the exact spelling at least once, from the posting's variant
    /// mask (positions are decoded only for variants past the mask's seven bits).
    func hasExact(_ doc: Int, in segment: SegmentReader) throws -> Bool {
        guard let posting = posting(doc) else { return false }
        if !term.exactMatters || info.variants.count == 1 { return exactVariant != nil || !term.exactMatters }
        guard let exactVariant else { return false }
        if exactVariant < 7 { return posting.variantMask & (1 << UInt8(exactVariant)) != 0 }
        guard posting.variantMask & 0x80 != 0 else { return false }
        return try exactCount(doc, in: segment) > 0
    }

    /// Decodes the positions of `doc` (empty when the term is not in it).
    func decode(_ doc: Int, in segment: SegmentReader) throws {
        guard decodedDoc != doc else { return }
        decodedDoc = doc
        guard let posting = posting(doc) else {
            positions.removeAll(keepingCapacity: true)
            variants.removeAll(keepingCapacity: true)
            return
        }
        try segment.positions(posting, variantBits: variantBits, into: &positions, variants: &variants)
    }

    /// Whether the occurrence at `index` of the decoded positions is the exact spelling.
    func isExact(at index: Int) -> Bool {
        !term.exactMatters
            || (exactVariant != nil && (info.variants.count == 1 || Int(variants[index]) == exactVariant!))
    }
}

/// Merge helpers over ascending lists of document numbers.
enum SortedDocs {
    static func union(_ a: [Int], _ b: [Int]) -> [Int] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var result: [Int] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) {
                result.append(a[i])
                i += 1
            } else if i == a.count || b[j] < a[i] {
                result.append(b[j])
                j += 1
            } else {
                result.append(a[i])
                i += 1
                j += 1
            }
        }
        return result
    }

    static func intersection(_ a: [Int], _ b: [Int]) -> [Int] {
        var result: [Int] = []
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                result.append(a[i])
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return result
    }
}
