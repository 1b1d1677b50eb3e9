/// One term's postings in one field of one segment, decoded into parallel arrays: the
/// documents (ascending), the term's frequency in each, and which exact spellings occur.
/// Positions stay encoded until a document's are asked for; the postings are cut into
/// blocks of `BitPacking.blockSize`, and each block's positions lie at a known range.
/// A list may hold only some of the term's blocks (the full ones first, then the partial
/// last one): those that could hold the documents a query asks about.
struct PostingList {
    /// Documents holding the term, ascending.
    let docs: [Int32]
    let freqs: [Int32]
    /// Per posting, which variants occur (bit v for variant v < 7, bit 7 for any other);
    /// empty when the term has a single variant.
    let masks: [UInt8]
    /// Where each block's positions lie in the positions file.
    let blockPositions: [Range<Int>]

    var count: Int { docs.count }

    /// The index of `doc`'s posting, searching forward from `hint`; nil when the term is
    /// not in `doc`.
    @inline(__always)
    func index(of doc: Int32, from hint: inout Int) -> Int? { SortedDocs.find(doc, in: docs, from: &hint) }

    /// Variant mask of posting `i` (all bits set for a single-variant term).
    @inline(__always)
    func mask(_ i: Int) -> UInt8 { masks.isEmpty ? 0xFF : masks[i] }
}

/// Where the positions of the next posting of a block start, so that walking a block's
/// postings in order skips each position only once.
struct PositionScan {
    var posting = -1
    var offset = 0
}
