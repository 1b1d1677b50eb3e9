/// The postings of two consecutive query words as a syllable pair in one field of one
/// segment (`.pairs`): the documents where they stand adjacent and in order, how often,
/// and, from each document's spelling mask, whether they do so in the spellings the query
/// asks for (the exact spelling of a word typed with diacritics, any spelling otherwise).
/// No positions are read.
struct PairCursor {
    let list: PostingList
    /// Mask bits whose spellings all agree with the query, and those none of whose do
    /// (bit 7 stands for every spelling past the seventh: it may be in neither).
    private let agreeing: UInt8
    private let disagreeing: UInt8

    /// The pair's postings (with `candidates`, only the blocks that could hold one of
    /// them) from the dictionary entries of its words in the field, or nil when the
    /// words never stand adjacent there.
    init?(
        _ first: Query.Term, _ second: Query.Term, entries: (TermInfo, TermInfo), segment: SegmentReader,
        restrictedTo candidates: [Int32]?
    ) throws {
        let (firstInfo, secondInfo) = entries
        guard let follower = try segment.follower(firstInfo, secondInfo.ordinal) else { return nil }
        list = try segment.postings(of: follower, restrictedTo: candidates)
        var agree: UInt8 = 0
        var disagree: UInt8 = 0
        for (v, spelling) in follower.spellings.enumerated() {
            guard spelling.firstVariant < firstInfo.variants.count, spelling.secondVariant < secondInfo.variants.count
            else {
                throw CorruptIndexError(file: "\(segment.name).pairs", reason: "a pair names a spelling its term lacks")
            }
            let bit: UInt8 = v < 7 ? 1 << UInt8(v) : 0x80
            let agrees =
                (!first.exactMatters || firstInfo.variants[spelling.firstVariant] == first.exact)
                && (!second.exactMatters || secondInfo.variants[spelling.secondVariant] == second.exact)
            if agrees { agree |= bit } else { disagree |= bit }
        }
        if follower.spellings.count == 1 {
            // A single spelling has no masks (`PostingList.mask` gives all bits).
            (agree, disagree) = agree != 0 ? (0xFF, 0) : (0, 0xFF)
        }
        agreeing = agree & ~disagree
        disagreeing = disagree & ~agree
    }

    /// How often posting `i`'s document holds the pair in the spellings asked for; nil
    /// when it holds them both in spellings asked for and in others (only positions can
    /// tell how often in which).
    @inline(__always)
    func count(_ i: Int) -> Int? {
        let mask = list.mask(i)
        if mask & ~agreeing == 0 { return Int(list.freqs[i]) }
        if mask & ~disagreeing == 0 { return 0 }
        return nil
    }
}
