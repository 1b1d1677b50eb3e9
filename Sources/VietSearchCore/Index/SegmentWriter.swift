import Dispatch

/// Writes a `SegmentBuilder` as the immutable files of one segment (see docs/FORMAT.md):
/// `.terms` (term dictionary), `.post` (documents and frequencies), `.pos` (positions with
/// exact-spelling variants), `.norms` (field lengths), `.store` (stored articles) and
/// `.cite` (citations of directives), `.pairs` (postings of adjacent syllable pairs) and
/// `.cols` (dates and sources, `ColumnsWriter`).
enum SegmentWriter {
    /// Terms per dictionary block; a lookup binary-searches the block index, then scans one
    /// block.
    static let blockSize = 32

    /// Writes the files of segment `name` into `directory`, each carrying a new segment id;
    /// returns the segment as a commit names it.
    static func write(_ segment: SegmentBuilder, name: String, to directory: any Directory) throws -> Commit.Segment {
        let id = FileID.random()
        let keys = segment.keys
        let order = (0..<segment.termCount).sorted { keys.key($0).lexicographicallyPrecedes(keys.key($1)) }
        var rank = [Int](repeating: 0, count: segment.termCount)
        for (r, id) in order.enumerated() { rank[id] = r }
        var dictionary = ByteWriter(capacity: keys.count * 24)
        var blocks = DictionaryBlocks()

        // The pairs (`.pairs`, and the postings of the larger ones, which open `.post`), the
        // terms' postings and positions, and the compressed store are made as three parts,
        // each into buffers of its own; the terms' postings then follow the pairs'. Called
        // alone (`IndexWriter.flush`), the parts run at once; inside FolderSync's workers,
        // libdispatch runs a nested `concurrentPerform` on the worker's thread, one part
        // after another (queues of their own ran them at once there, but took peak RSS on
        // vinews to about 1 GB).
        let parts = Parts(segment: segment, order: order, rank: rank)
        DispatchQueue.concurrentPerform(iterations: 3) { part in
            switch part {
            case 0: parts.pairs.encode(parts.segment, order: parts.order, rank: parts.rank)
            case 1: parts.terms.encode(parts.segment, order: parts.order)
            default: parts.store = parts.segment.store.body()
            }
        }
        let pairs = parts.pairs
        var terms = parts.terms
        parts.terms = TermHalf()
        var postingsFile = pairs.postings
        postingsFile.append(terms.postings.bytes)
        terms.postings = ByteWriter()

        var variantStart = 0
        for (n, id) in order.enumerated() {
            let key = keys.key(id)
            let variants = segment.variants[id]
            let entry = terms.entries[n]
            let pairRange = pairs.ranges[id]
            blocks.entry(key, to: &dictionary) { dictionary in
                dictionary.varint(segment.documentFrequency(ofTerm: id))
                dictionary.varint(pairs.postings.count + entry.postings.lowerBound)
                dictionary.varint(entry.postings.count)
                dictionary.varint(entry.positions.lowerBound)
                dictionary.varint(entry.positions.count)
                dictionary.u32(entry.crc)
                dictionary.varint(variants.count)
                for (v, variant) in variants.enumerated() {
                    dictionary.lengthPrefixed(segment.exactForm(variant, ofTerm: id))
                    dictionary.varint(terms.variantCounts[variantStart + v])
                }
                dictionary.varint(pairRange.range.lowerBound)
                dictionary.varint(pairRange.range.count)
                if !pairRange.range.isEmpty { dictionary.u32(pairRange.crc) }
            }
            variantStart += variants.count
        }
        let pairsFile = pairs.file
        let positionsFile = terms.positions
        blocks.finish(&dictionary, termCount: keys.count)

        var norms = ByteWriter(capacity: segment.docCount * 8 + 8)
        norms.u64(UInt64(segment.docCount))
        for doc in 0..<segment.docCount {
            norms.u32(segment.titleLengths[doc])
            norms.u32(segment.bodyLengths[doc])
        }

        let files: [(FileFormat.Kind, [UInt8])] = [
            (.terms, dictionary.bytes), (.postings, postingsFile.bytes), (.positions, positionsFile.bytes),
            (.norms, norms.bytes), (.store, parts.store), (.citations, segment.citations.body()),
            (.pairs, pairsFile.bytes), (.columns, segment.columns.body()),
        ]
        for (kind, body) in files {
            let framed = FileFormat.frame(body, kind: kind, id: id)
            try directory.write(framed, to: kind.fileName(segment: name))
        }
        return Commit.Segment(
            name: name, id: id, docs: segment.docCount, deletes: nil, deletesID: nil, deletedCount: 0,
            titleTokens: segment.titleLengths.reduce(0) { $0 + Int($1) },
            bodyTokens: segment.bodyLengths.reduce(0) { $0 + Int($1) })
    }

    /// What the parts of `write` share: each writes its own part only, and the segment is
    /// only read while they run.
    private final class Parts: @unchecked Sendable {
        let segment: SegmentBuilder
        let order: [Int]
        let rank: [Int]
        var pairs = PairHalf()
        var terms = TermHalf()
        var store: [UInt8] = []

        init(segment: SegmentBuilder, order: [Int], rank: [Int]) {
            self.segment = segment
            self.order = order
            self.rank = rank
        }
    }

    /// The pairs' part of a segment: `.pairs`, and the postings of the pairs too frequent
    /// to inline, in the order they open `.post`.
    private struct PairHalf {
        var file = ByteWriter()
        var postings = ByteWriter()
        /// Per term id, its pairs' range of `file` and their checksum.
        var ranges: [(range: Range<Int>, crc: UInt32)] = []

        mutating func encode(_ segment: SegmentBuilder, order: [Int], rank: [Int]) {
            file = ByteWriter(capacity: segment.textBytes / 3)
            postings = ByteWriter(capacity: segment.textBytes / 16)
            ranges = [(range: Range<Int>, crc: UInt32)](repeating: (0..<0, 0), count: segment.termCount)
            var scratch = PostingScratch()
            let pairs = PairPostings(segment.pairs)
            // Per term, the pairs it starts, by the second term's dictionary rank.
            var followers = [[Int32]](repeating: [], count: segment.termCount)
            for (p, pair) in pairs.pairs.enumerated() { followers[pair.first].append(Int32(p)) }
            for id in order where !followers[id].isEmpty {
                followers[id].sort { rank[pairs.pairs[Int($0)].second] < rank[pairs.pairs[Int($1)].second] }
                let start = file.count
                SegmentWriter.encode(
                    followers: followers[id], of: pairs, rank: rank, segment: segment, to: &file,
                    postings: &postings, scratch: &scratch)
                followers[id] = []
                ranges[id] = (start..<file.count, file.bytes[start...].withUnsafeBytes { CRC32.checksum($0) })
            }
        }
    }

    /// The terms' part of a segment: their postings (from offset 0, the pairs' go first),
    /// `.pos`, and per term in dictionary order what its dictionary entry says of them.
    private struct TermHalf {
        struct Entry {
            var postings: Range<Int>
            var positions: Range<Int>
            /// Of the postings, then of the positions.
            var crc: UInt32
        }
        var postings = ByteWriter()
        var positions = ByteWriter()
        var entries: [Entry] = []
        /// Occurrences of each variant, the terms' in dictionary order one after another.
        var variantCounts: [Int] = []

        mutating func encode(_ segment: SegmentBuilder, order: [Int]) {
            postings = ByteWriter(capacity: segment.textBytes / 4)
            positions = ByteWriter(capacity: segment.textBytes / 3)
            entries.reserveCapacity(order.count)
            var scratch = PostingScratch()
            for id in order {
                let postingsStart = postings.count
                let positionsStart = positions.count
                scratch.positionsStart = positionsStart
                SegmentWriter.encode(
                    variantCount: segment.variants[id].count,
                    lengths: segment.keys.key(id).first == Field.title.rawValue
                        ? segment.titleLengths : segment.bodyLengths,
                    postings: &postings, positions: &positions, scratch: &scratch
                ) { segment.forEachEntry(ofTerm: id, $0) }
                let crc = postings.bytes[postingsStart...].withUnsafeBytes { CRC32.checksum($0) }
                let crcBoth = positions.bytes[positionsStart...].withUnsafeBytes { CRC32.checksum($0, seed: crc) }
                entries.append(
                    Entry(
                        postings: postingsStart..<postings.count, positions: positionsStart..<positions.count,
                        crc: crcBoth))
                variantCounts += scratch.variantCounts
            }
        }
    }

    /// The dictionary's blocks of `blockSize` entries, each entry's key sharing a prefix
    /// with the previous key of its block, and the block index after them.
    private struct DictionaryBlocks {
        var keys: [[UInt8]] = []
        var offsets: [Int] = []
        var previous: [UInt8] = []
        var count = 0

        /// Entry --> SharedPrefix, Suffix, then what `fields` writes.
        mutating func entry(_ key: ArraySlice<UInt8>, to out: inout ByteWriter, fields: (inout ByteWriter) -> Void) {
            if count % SegmentWriter.blockSize == 0 {
                keys.append(Array(key))
                offsets.append(out.count)
                previous = []
            }
            let shared = zip(previous, key).prefix { $0 == $1 }.count
            out.varint(shared)
            out.lengthPrefixed(key.dropFirst(shared))
            fields(&out)
            previous = Array(key)
            count += 1
        }

        /// BlockIndex --> <FirstKey, BlockOffset, BlockCRC32>^BlockCount, then the trailer:
        /// a lookup checks the one block it scans; the index itself is checked when the
        /// segment opens.
        func finish(_ out: inout ByteWriter, termCount: Int) {
            let blockIndexStart = out.count
            var blockIndex = ByteWriter()
            for (i, key) in keys.enumerated() {
                let end = i + 1 < offsets.count ? offsets[i + 1] : blockIndexStart
                blockIndex.lengthPrefixed(key[...])
                blockIndex.varint(offsets[i])
                blockIndex.u32(out.bytes[offsets[i]..<end].withUnsafeBytes { CRC32.checksum($0) })
            }
            out.append(blockIndex.bytes)
            out.u64(UInt64(blockIndexStart))
            out.u64(UInt64(keys.count))
            out.u64(UInt64(termCount))
            out.u32(CRC32.checksum(blockIndex.bytes))
        }
    }

    /// Pairs        --> SkipCount (VInt), <OrdinalDelta, OffsetDelta (VInts)>^SkipCount, Followers
    /// Followers    --> <OrdinalDelta, SpellingCount (VInts), <FirstVariant, SecondVariant (u8),
    ///                  Count (VInt)>^SpellingCount, DocFreq (VInt), PairPostings>^n
    /// PairPostings --> DocFreq < 128: InlineLength (VInt), <Gap << 1 | FreqIsOne (VInt),
    ///                  Freq − 2 (VInt, unless FreqIsOne), Mask (u8, when SpellingCount > 1)>^DocFreq
    ///                  otherwise: PostingsStart, PostingsLength (VInts), PostingsCRC32 (u32)
    ///
    /// `OrdinalDelta` is the second term's dictionary rank minus the previous one's (the
    /// first counts from −1); its spellings follow, most frequent first, each the variants
    /// of both terms and how often they stood adjacent; then the documents holding the
    /// pair: inline when they make no full block, else in `.post` as a term's postings are
    /// (positions lengths 0). A skip entry names every `followerSkip`-th follower: the
    /// ordinal before it and its offset from the first follower (each as the difference
    /// from the previous entry's), so that a lookup scans one run of followers.
    private static func encode(
        followers: [Int32], of pairs: PairPostings, rank: [Int], segment: SegmentBuilder, to file: inout ByteWriter,
        postings: inout ByteWriter, scratch: inout PostingScratch
    ) {
        guard !followers.isEmpty else { return }
        var out = ByteWriter(capacity: followers.count * 8)
        // Every `followerSkip`-th follower: the ordinal before it and where it starts.
        var skips: [(ordinal: Int, offset: Int)] = []
        var previous = -1
        for (k, p) in followers.enumerated() {
            if k > 0 && k % followerSkip == 0 { skips.append((previous, out.count)) }
            let pair = pairs.pairs[Int(p)]
            out.varint(rank[pair.second] - previous)
            previous = rank[pair.second]
            out.varint(pair.spellings.count)
            for k in pair.spellings {
                let spelled = segment.pairs.pair(Int(pairs.spelled[k]))
                out.u8(UInt8(spelled.firstVariant))
                out.u8(UInt8(spelled.secondVariant))
                out.varint(min(pairs.counts[Int(pairs.spelled[k])], 0xFF_FFFF))
            }
            out.varint(pair.documentFrequency)
            let hasMasks = pair.spellings.count > 1
            let range = pair.postings
            if pair.documentFrequency < BitPacking.blockSize {
                // Written in place: its length first, then the entries (no buffer per pair).
                for writes in [false, true] {
                    var length = 0
                    var last = -1
                    for i in range {
                        let doc = Int(pairs.docs[i])
                        let freq = Int(pairs.freqs[i])
                        let gap = (doc - last - 1) << 1 | (freq == 1 ? 1 : 0)
                        last = doc
                        guard writes else {
                            length += ByteWriter.varintSize(gap) + (freq == 1 ? 0 : ByteWriter.varintSize(freq - 2))
                            length += hasMasks ? 1 : 0
                            continue
                        }
                        out.varint(gap)
                        if freq != 1 { out.varint(freq - 2) }
                        if hasMasks { out.u8(pairs.masks[i]) }
                    }
                    if !writes { out.varint(length) }
                }
            } else {
                let field: Field = segment.keys.key(pair.first).first == Field.title.rawValue ? .title : .body
                let start = postings.count
                scratch.removeAll()
                scratch.positionsStart = 0
                for i in range {
                    scratch.docs.append(Int(pairs.docs[i]))
                    scratch.freqs.append(UInt32(pairs.freqs[i]))
                    scratch.masks.append(UInt32(pairs.masks[i]))
                    scratch.positionEnds.append(0)
                }
                writeBlocks(
                    hasMasks: hasMasks, lengths: field == .title ? segment.titleLengths : segment.bodyLengths,
                    scratch: scratch, to: &postings)
                out.varint(start)
                out.varint(postings.count - start)
                // As a term's checksum is read: of the postings, then of its (no) positions.
                let crc = postings.bytes[start...].withUnsafeBytes { CRC32.checksum($0) }
                out.u32(CRC32.checksum(UnsafeRawBufferPointer(start: nil, count: 0), seed: crc))
            }
        }
        file.varint(skips.count)
        var last = (ordinal: -1, offset: 0)
        for skip in skips {
            file.varint(skip.ordinal - last.ordinal)
            file.varint(skip.offset - last.offset)
            last = skip
        }
        file.append(out.bytes)
    }

    /// Followers per skip entry of a term's pairs: a lookup reads at most this many.
    static let followerSkip = 16

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
    ///
    /// `entries` hands out the term's entries (`SegmentBuilder.forEachEntry`).
    private static func encode(
        variantCount: Int, lengths: [UInt32], postings out: inout ByteWriter, positions: inout ByteWriter,
        scratch: inout PostingScratch, entries: ((UInt32) -> Void) -> Void
    ) {
        let bits = UInt64(variantBits(variantCount))
        scratch.removeAll()
        scratch.variantCounts = [Int](repeating: 0, count: variantCount)
        var mask: UInt8 = 0
        var occurrences: UInt32 = 0
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
            scratch.freqs.append(occurrences)
            scratch.masks.append(UInt32(mask))
            scratch.positionEnds.append(positions.count)
        }
        entries { entry in
            if entry & SegmentBuilder.documentMarker != 0 {
                finishDocument()
                scratch.docs.append(Int(entry & ~SegmentBuilder.documentMarker))
                scratch.documentEntries.removeAll(keepingCapacity: true)
                mask = 0
                occurrences = 0
                return
            }
            let variant = entry & 0xFF
            mask |= variant < 7 ? 1 << UInt8(variant) : 0x80
            if Int(variant) < variantCount { scratch.variantCounts[Int(variant)] += 1 }
            occurrences += 1
            scratch.documentEntries.append(entry)
        }
        finishDocument()
        writeBlocks(hasMasks: variantCount > 1, lengths: lengths, scratch: scratch, to: &out)
    }

    /// Writes the postings of `scratch` (documents, frequencies, masks, where each
    /// document's positions end): skip entries, full blocks, then the tail.
    private static func writeBlocks(
        hasMasks: Bool, lengths: [UInt32], scratch: PostingScratch, to out: inout ByteWriter
    ) {

        let count = scratch.docs.count
        let blockSize = BitPacking.blockSize
        let blockCount = count / blockSize
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
        // Sorted by descending frequency, then ascending length, as one integer each.
        var keys = postings.map { UInt64(~$0.freq) << 32 | UInt64($0.length) }
        keys.sort()
        var frontier: [(freq: UInt32, length: UInt32)] = []
        for key in keys {
            let posting = (freq: ~UInt32(truncatingIfNeeded: key >> 32), length: UInt32(truncatingIfNeeded: key))
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
