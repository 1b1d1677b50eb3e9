/// Writes a `SegmentBuilder` as the immutable files of one segment (see docs/FORMAT.md):
/// `.terms` (term dictionary), `.post` (documents and frequencies), `.pos` (positions with
/// exact-spelling variants), `.norms` (field lengths), `.store` (stored articles) and
/// `.cite` (citations of directives), `.pairs` (counts of adjacent syllable pairs).
enum SegmentWriter {
    /// Terms per dictionary block; a lookup binary-searches the block index, then scans one
    /// block.
    static let blockSize = 32

    /// Writes the files of segment `name` into `folder`, each carrying a new segment id;
    /// returns the segment as a commit names it.
    static func write(_ segment: SegmentBuilder, name: String, folder: String) throws -> Commit.Segment {
        let id = FileID.random()
        let keys = segment.keys
        let order = (0..<segment.termCount).sorted { keys.key($0).lexicographicallyPrecedes(keys.key($1)) }
        var dictionary = ByteWriter(capacity: keys.count * 24)
        var postingsFile = ByteWriter(capacity: segment.textBytes / 4)
        var positionsFile = ByteWriter(capacity: segment.textBytes / 3)
        var blockKeys: [ArraySlice<UInt8>] = []
        var blockOffsets: [Int] = []
        var previousKey: ArraySlice<UInt8> = []
        var scratch = PostingScratch()
        let followers = followerLists(of: segment, order: order)
        var pairsFile = ByteWriter(capacity: segment.pairs.distinctPairs * 5)
        for (rank, id) in order.enumerated() {
            let key = keys.key(id)
            if rank % blockSize == 0 {
                blockKeys.append(key)
                blockOffsets.append(dictionary.count)
                previousKey = []
            }
            let variants = segment.variants[id]
            let postingsStart = postingsFile.count
            let positionsStart = positionsFile.count
            scratch.positionsStart = positionsStart
            encode(term: id, of: segment, postings: &postingsFile, positions: &positionsFile, scratch: &scratch)
            let crc = postingsFile.bytes[postingsStart...].withUnsafeBytes { CRC32.checksum($0) }
            let crcBoth = positionsFile.bytes[positionsStart...].withUnsafeBytes { CRC32.checksum($0, seed: crc) }
            // Entry --> SharedPrefix, Suffix, DocFreq, PostingsStart, PostingsLength,
            //           PositionsStart, PositionsLength, CRC32, VariantCount,
            //           <Variant, Occurrences>^VariantCount, PairsStart, PairsLength, PairsCRC32?
            let shared = zip(previousKey, key).prefix { $0 == $1 }.count
            dictionary.varint(shared)
            dictionary.lengthPrefixed(key.dropFirst(shared))
            dictionary.varint(segment.documentFrequency(ofTerm: id))
            dictionary.varint(postingsStart)
            dictionary.varint(postingsFile.count - postingsStart)
            dictionary.varint(positionsStart)
            dictionary.varint(positionsFile.count - positionsStart)
            dictionary.u32(crcBoth)
            dictionary.varint(variants.count)
            for (v, variant) in variants.enumerated() {
                dictionary.lengthPrefixed(segment.exactForm(variant, ofTerm: id))
                dictionary.varint(scratch.variantCounts[v])
            }
            let pairsStart = pairsFile.count
            encode(followers: followers[id], to: &pairsFile)
            dictionary.varint(pairsStart)
            dictionary.varint(pairsFile.count - pairsStart)
            if pairsFile.count > pairsStart {
                dictionary.u32(pairsFile.bytes[pairsStart...].withUnsafeBytes { CRC32.checksum($0) })
            }
            previousKey = key
        }
        // BlockIndex --> <FirstKey, BlockOffset, BlockCRC32>^BlockCount: a lookup checks the
        // one block it scans; the index itself is checked when the segment opens.
        let blockIndexStart = dictionary.count
        var blockIndex = ByteWriter()
        for (i, key) in blockKeys.enumerated() {
            let end = i + 1 < blockOffsets.count ? blockOffsets[i + 1] : blockIndexStart
            blockIndex.lengthPrefixed(key)
            blockIndex.varint(blockOffsets[i])
            blockIndex.u32(dictionary.bytes[blockOffsets[i]..<end].withUnsafeBytes { CRC32.checksum($0) })
        }
        dictionary.append(blockIndex.bytes)
        dictionary.u64(UInt64(blockIndexStart))
        dictionary.u64(UInt64(blockKeys.count))
        dictionary.u64(UInt64(keys.count))
        dictionary.u32(CRC32.checksum(blockIndex.bytes))

        var norms = ByteWriter(capacity: segment.docCount * 8 + 8)
        norms.u64(UInt64(segment.docCount))
        for doc in 0..<segment.docCount {
            norms.u32(segment.titleLengths[doc])
            norms.u32(segment.bodyLengths[doc])
        }

        let files: [(FileFormat.Kind, [UInt8])] = [
            (.terms, dictionary.bytes), (.postings, postingsFile.bytes), (.positions, positionsFile.bytes),
            (.norms, norms.bytes), (.store, segment.store.body()), (.citations, segment.citations.body()),
            (.pairs, pairsFile.bytes),
        ]
        for (kind, body) in files {
            let framed = FileFormat.frame(body, kind: kind, id: id)
            try FileIO.write(framed, to: "\(folder)/\(name).\(kind.fileExtension)")
        }
        return Commit.Segment(
            name: name, id: id, docs: segment.docCount, deletes: nil, deletesID: nil, deletedCount: 0,
            titleTokens: segment.titleLengths.reduce(0) { $0 + Int($1) },
            bodyTokens: segment.bodyLengths.reduce(0) { $0 + Int($1) })
    }

    /// A segment of at least this many body syllables keeps only the pairs seen twice or
    /// more: at that size a pair seen once says little, and pairs seen once are half of all.
    static let pairPruningTokens = 1_000_000

    /// Per term id, the pairs it starts, each packed as `ordinal << 40 | firstVariant << 32 |
    /// secondVariant << 24 | count` (`ordinal`: the dictionary rank of the second term), in
    /// ascending order. Pairs with a digit in either term are left out (numbers and codes
    /// are typed as they are written).
    private static func followerLists(of segment: SegmentBuilder, order: [Int]) -> [[UInt64]] {
        var rank = [Int](repeating: 0, count: segment.termCount)
        for (r, id) in order.enumerated() { rank[id] = r }
        let hasDigit = (0..<segment.termCount).map { id in segment.keys.key(id).contains { $0 >= 0x30 && $0 <= 0x39 } }
        let minimum = segment.bodyTokens >= pairPruningTokens ? 2 : 1
        var lists = [[UInt64]](repeating: [], count: segment.termCount)
        segment.pairs.forEach { first, firstVariant, second, secondVariant, count in
            guard count >= minimum, !hasDigit[first], !hasDigit[second] else { return }
            lists[first].append(
                UInt64(rank[second]) << 40 | UInt64(firstVariant) << 32 | UInt64(secondVariant) << 24
                    | UInt64(min(count, 0xFF_FFFF)))
        }
        for id in lists.indices where lists[id].count > 1 { lists[id].sort() }
        return lists
    }

    /// Followers --> <OrdinalDelta, SpellingCount (VInts), <FirstVariant, SecondVariant (u8),
    ///               Count (VInt)>^SpellingCount>^n
    ///
    /// `OrdinalDelta` is the second term's dictionary rank minus the previous one's (the
    /// first counts from −1); its spellings follow, each the variants of both terms and how
    /// often they stood adjacent.
    private static func encode(followers: [UInt64], to out: inout ByteWriter) {
        var i = 0
        var previous = -1
        while i < followers.count {
            let ordinal = Int(followers[i] >> 40)
            var end = i + 1
            while end < followers.count && Int(followers[end] >> 40) == ordinal { end += 1 }
            out.varint(ordinal - previous)
            out.varint(end - i)
            for packed in followers[i..<end] {
                out.u8(UInt8((packed >> 32) & 0xFF))
                out.u8(UInt8((packed >> 24) & 0xFF))
                out.varint(Int(packed & 0xFF_FFFF))
            }
            previous = ordinal
            i = end
        }
    }

    /// Number of low bits a position value spends on its variant.
    static func variantBits(_ variantCount: Int) -> Int {
        variantCount <= 1 ? 0 : (Int.bitWidth - (variantCount - 1).leadingZeroBitCount)
    }

    /// Postings  --> Skip^BlockCount, Block^BlockCount, Tail   (BlockCount = ⌊DocFreq / 128⌋)
    /// Skip      --> LastDocDelta, BlockLength, PositionsLength, ImpactCount, <FreqDelta, LengthDelta>^ImpactCount
    /// Block     --> GapBits, FreqBits, MaskBits? (u8), Packed(Gap)^128, Packed(Freq − 1)^128, Packed(Mask)^128?
    /// Tail      --> <Gap, Freq − 1, VariantMask?>^(DocFreq mod 128)
    /// Positions --> <(PositionDelta << VariantBits) | Variant>^Freq per document, with
    ///               VariantBits 0 where the mask names one variant (< 7)
    ///
    /// Gap is a document's distance to the previous one minus one (the first document
    /// counts from −1). VariantMask (only when the term has several variants): bit v set
    /// when variant v (< 7) occurs in the document, bit 7 when any variant >= 7 does, so
    /// ranking exact spellings first needs no positions. Impacts are the block's
    /// (frequency, field length) pairs that no other pair beats on both: they bound the
    /// BM25 any document of the block can score.
    private static func encode(
        term id: Int, of segment: SegmentBuilder, postings out: inout ByteWriter, positions: inout ByteWriter,
        scratch: inout PostingScratch
    ) {
        let variantCount = segment.variants[id].count
        let bits = UInt64(variantBits(variantCount))
        let lengths = segment.keys.key(id).first == Field.title.rawValue ? segment.titleLengths : segment.bodyLengths
        scratch.removeAll()
        scratch.variantCounts = [Int](repeating: 0, count: variantCount)
        var mask: UInt8 = 0
        func finishDocument() {
            guard !scratch.docs.isEmpty else { return }
            // A document with one variant (< 7) says which in its mask: its positions
            // carry no variant bits.
            let shift = mask.nonzeroBitCount == 1 && mask != 0x80 ? 0 : bits
            var previous: UInt32 = 0
            for entry in scratch.documentEntries {
                let position = entry >> 8
                positions.varint((UInt64(position - previous) << shift) | (shift == 0 ? 0 : UInt64(entry & 0xFF)))
                previous = position
            }
            scratch.freqs.append(UInt32(scratch.documentEntries.count))
            scratch.masks.append(UInt32(mask))
            scratch.positionEnds.append(positions.count)
        }
        segment.forEachEntry(ofTerm: id) { entry in
            if entry & SegmentBuilder.documentMarker != 0 {
                finishDocument()
                scratch.docs.append(Int(entry & ~SegmentBuilder.documentMarker))
                scratch.documentEntries.removeAll(keepingCapacity: true)
                mask = 0
                return
            }
            let variant = entry & 0xFF
            mask |= variant < 7 ? 1 << UInt8(variant) : 0x80
            if Int(variant) < variantCount { scratch.variantCounts[Int(variant)] += 1 }
            scratch.documentEntries.append(entry)
        }
        finishDocument()

        let count = scratch.docs.count
        let blockSize = BitPacking.blockSize
        let blockCount = count / blockSize
        let hasMasks = variantCount > 1
        var blocks = ByteWriter()
        var gaps: [UInt32] = []
        var freqs: [UInt32] = []
        var previousDoc = -1
        var previousPositionsEnd = scratch.positionsStart
        for b in 0..<blockCount {
            let range = (b * blockSize)..<((b + 1) * blockSize)
            gaps.removeAll(keepingCapacity: true)
            freqs.removeAll(keepingCapacity: true)
            let firstPrevious = previousDoc
            for i in range {
                gaps.append(UInt32(scratch.docs[i] - previousDoc - 1))
                freqs.append(scratch.freqs[i] - 1)
                previousDoc = scratch.docs[i]
            }
            let blockStart = blocks.count
            let gapBits = BitPacking.width(of: gaps)
            let freqBits = BitPacking.width(of: freqs)
            let maskBits = BitPacking.width(of: scratch.masks[range])
            blocks.u8(UInt8(gapBits))
            blocks.u8(UInt8(freqBits))
            if hasMasks { blocks.u8(UInt8(maskBits)) }
            BitPacking.pack(gaps, width: gapBits, to: &blocks)
            BitPacking.pack(freqs, width: freqBits, to: &blocks)
            if hasMasks { BitPacking.pack(scratch.masks[range], width: maskBits, to: &blocks) }

            out.varint(previousDoc - firstPrevious)
            out.varint(blocks.count - blockStart)
            out.varint(scratch.positionEnds[range.upperBound - 1] - previousPositionsEnd)
            previousPositionsEnd = scratch.positionEnds[range.upperBound - 1]
            let impacts = Self.impacts(range.map { (scratch.freqs[$0], lengths[scratch.docs[$0]]) })
            out.varint(impacts.count)
            var last: (freq: UInt32, length: UInt32) = (0, 0)
            for impact in impacts {
                out.varint(impact.freq - last.freq)
                out.varint(impact.length - last.length)
                last = impact
            }
        }
        out.append(blocks.bytes)
        for i in (blockCount * blockSize)..<count {
            out.varint(scratch.docs[i] - previousDoc - 1)
            out.varint(scratch.freqs[i] - 1)
            if hasMasks { out.u8(UInt8(scratch.masks[i])) }
            previousDoc = scratch.docs[i]
        }
    }

    /// The (frequency, field length) pairs no other pair of `postings` beats on both
    /// counts (a higher frequency in a field no longer), by ascending frequency; their
    /// lengths then ascend too.
    static func impacts(_ postings: [(freq: UInt32, length: UInt32)]) -> [(freq: UInt32, length: UInt32)] {
        var frontier: [(freq: UInt32, length: UInt32)] = []
        for posting in postings.sorted(by: { $0.freq != $1.freq ? $0.freq > $1.freq : $0.length < $1.length }) {
            if let last = frontier.last, last.length <= posting.length { continue }
            frontier.append(posting)
        }
        return frontier.reversed()
    }
}

/// Per-term buffers of `SegmentWriter`, reused from term to term.
struct PostingScratch {
    var docs: [Int] = []
    var freqs: [UInt32] = []
    var masks: [UInt32] = []
    /// The current document's entries (`position << 8 | variant`).
    var documentEntries: [UInt32] = []
    /// Where each document's positions end in the positions file.
    var positionEnds: [Int] = []
    /// Where the term's positions start in the positions file.
    var positionsStart = 0
    /// Occurrences of each variant of the term.
    var variantCounts: [Int] = []

    mutating func removeAll() {
        docs.removeAll(keepingCapacity: true)
        freqs.removeAll(keepingCapacity: true)
        masks.removeAll(keepingCapacity: true)
        positionEnds.removeAll(keepingCapacity: true)
    }
}
