/// A query term's postings in one field of one segment, walked forward in document order.
/// Positions of the current document are decoded at most once, into reusable buffers. A
/// class: the evaluator moves many cursors forward in its inner loop without copying them.
final class TermCursor {
    let term: Query.Term
    let info: TermInfo
    let list: PostingList
    let segment: SegmentReader
    let variantBits: Int
    /// Variant number of the term's exact spelling in this segment, if the segment has it.
    let exactVariant: Int?
    private var hint = 0
    private var decodedIndex = -1
    private var scan = PositionScan()
    private(set) var positions: [Int32] = []
    private(set) var variants: [UInt8] = []

    /// Reads the term's postings: all of them, or with `candidates` only the blocks that
    /// could hold one of those documents.
    /// With `decoded`, a list this search already decoded whole is taken from it (it holds
    /// every posting `candidates` ask about).
    init(
        term: Query.Term, info: TermInfo, segment: SegmentReader, restrictedTo candidates: [Int32]? = nil,
        decoded: DecodedPostings? = nil
    ) throws {
        self.term = term
        self.info = info
        self.segment = segment
        list = try decoded?.whole(info) ?? segment.postings(info, restrictedTo: candidates)
        variantBits = SegmentWriter.variantBits(info.variants.count)
        exactVariant = info.variants.firstIndex(of: term.exact)
    }

    /// The documents holding the term, ascending.
    var docs: [Int32] { list.docs }

    /// The posting number of `doc`, or nil; documents must be asked in ascending order.
    @inline(__always)
    func find(_ doc: Int32) -> Int? { list.index(of: doc, from: &hint) }

    @inline(__always)
    func freq(_ i: Int) -> Int { Int(list.freqs[i]) }

    /// Whether posting `i` holds the exact spelling at least once, from its variant mask
    /// (positions are decoded only for variants past the mask's seven bits).
    func hasExact(_ i: Int) throws -> Bool {
        if !term.exactMatters { return true }
        return try hasSpelling(i)
    }

    /// Whether posting `i` holds the term's spelling `term.exact` at least once, whether
    /// or not that spelling matters.
    func hasSpelling(_ i: Int) throws -> Bool {
        guard let exactVariant else { return false }
        if info.variants.count == 1 { return true }
        let mask = list.mask(i)
        if exactVariant < 7 { return mask & (1 << UInt8(exactVariant)) != 0 }
        guard mask & 0x80 != 0 else { return false }
        try decode(i)
        return variants.contains { Int($0) == exactVariant }
    }

    /// How many occurrences in posting `i` use the exact spelling (all of them when the
    /// query was typed without diacritics).
    func exactCount(_ i: Int) throws -> Int {
        if !term.exactMatters || (exactVariant != nil && info.variants.count == 1) { return freq(i) }
        guard let exactVariant else { return 0 }
        try decode(i)
        return variants.reduce(0) { $0 + (Int($1) == exactVariant ? 1 : 0) }
    }

    /// Decodes the positions of posting `i` into `positions` and `variants`.
    func decode(_ i: Int) throws {
        guard decodedIndex != i else { return }
        try segment.positions(list, i, variantBits: variantBits, into: &positions, variants: &variants, scan: &scan)
        decodedIndex = i
    }

    /// Whether the occurrence at `index` of the decoded positions is the exact spelling.
    @inline(__always)
    func isExact(at index: Int) -> Bool {
        !term.exactMatters
            || (exactVariant != nil && (info.variants.count == 1 || Int(variants[index]) == exactVariant!))
    }
}

/// Merge helpers over ascending lists of document numbers.
enum SortedDocs {
    /// The documents (or other ascending values) in either list, once each.
    static func union<Value: Comparable>(_ a: [Value], _ b: [Value]) -> [Value] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var result: [Value] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            let x = a[i]
            let y = b[j]
            if x < y {
                result.append(x)
                i += 1
            } else if y < x {
                result.append(y)
                j += 1
            } else {
                result.append(x)
                i += 1
                j += 1
            }
        }
        result.append(contentsOf: a[i...])
        result.append(contentsOf: b[j...])
        return result
    }

    /// The documents in both lists; gallops through the longer one.
    static func intersection(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        var result: [Int32] = []
        result.reserveCapacity(short.count)
        var hint = 0
        for doc in short {
            if find(doc, in: long, from: &hint) != nil { result.append(doc) }
            if hint == long.count { break }
        }
        return result
    }
}

extension SortedDocs {
    /// The index of `doc` in the ascending `docs`, searching forward from `hint`, which
    /// moves to the first entry at or after `doc`; nil when `doc` is absent. Gallops, so
    /// that ascending lookups a few entries apart cost a few comparisons.
    @inline(__always)
    static func find(_ doc: Int32, in docs: [Int32], from hint: inout Int) -> Int? {
        var low = hint
        var high = low
        var step = 1
        while high < docs.count && docs[high] < doc {
            low = high + 1
            high += step
            step &<<= 1
        }
        high = min(high, docs.count)
        while low < high {
            let mid = (low + high) >> 1
            if docs[mid] < doc { low = mid + 1 } else { high = mid }
        }
        hint = low
        return low < docs.count && docs[low] == doc ? low : nil
    }
}

/// The postings one search has decoded whole, by term, so that a later reading of the
/// same term in the same segment does not decode them again (a question reads its words
/// whole for its score bounds, then for the matches those leave). Shared by reference.
final class DecodedPostings {
    private var lists: [Int: PostingList] = [:]

    /// The postings of `info`, decoded once.
    func decode(_ info: TermInfo, in segment: SegmentReader) throws -> PostingList {
        if let list = lists[info.postings.lowerBound] { return list }
        let list = try segment.postings(info)
        lists[info.postings.lowerBound] = list
        return list
    }

    /// The postings of `info` if they were decoded whole.
    func whole(_ info: TermInfo) -> PostingList? { lists[info.postings.lowerBound] }
}
