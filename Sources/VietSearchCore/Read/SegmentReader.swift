#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What the dictionary knows of one term in one segment.
struct TermInfo {
    var docFreq: Int
    var postings: Range<Int>
    var positions: Range<Int>
    var checksum: UInt32
    /// The exact spellings seen for this folded term, indexed by variant number.
    var variants: [[UInt8]]
    /// How often each variant occurs in the segment (decoded with `variants`).
    var variantCounts: [Int] = []
    /// The term's rank in the dictionary's key order.
    var ordinal = 0
    /// The pairs this term starts, in the `.pairs` file, and their checksum.
    var pairs: Range<Int> = 0..<0
    var pairsChecksum: UInt32 = 0
}

/// How often a pair of spellings stood adjacent in a segment's body text: variant numbers
/// of the first and second term, and the count.
struct SpellingPair: Equatable {
    var firstVariant: Int
    var secondVariant: Int
    var count: Int
}

/// Reads one segment's files, mapped into memory (or, in a `MemoryDirectory`, its buffers). Opening checks every file's frame
/// (header, version, footer, length); a term's postings are checksummed when first read.
final class SegmentReader: @unchecked Sendable {
    let name: String
    let docCount: Int
    let deleted: DeletedDocs
    private let terms: ReadOnlyFile
    private let termsBody: Range<Int>
    private let postingsFile: ReadOnlyFile
    private let postingsBody: Range<Int>
    private let positionsFile: ReadOnlyFile
    private let positionsBody: Range<Int>
    private let norms: ReadOnlyFile
    private let normsBody: Range<Int>
    let store: StoredFieldsReader
    let citations: CitationStoreReader
    let columns: ColumnsReader
    private let pairsFile: ReadOnlyFile
    private let pairsBody: Range<Int>
    private var blockKeys: [[UInt8]] = []
    private var blockOffsets: [Int] = []
    private var blockChecksums: [UInt32] = []
    /// Trailer of the dictionary: BlockIndexStart, BlockCount, TermCount (u64), BlockIndexCRC32 (u32).
    private static let trailerSize = 28
    /// Where the block index starts (the end of the last block), relative to the body.
    private var blockIndexStart = 0
    let termCount: Int
    private let lengthNormCache = LengthNorms()
    /// The arrays evaluations of this segment borrow.
    let evaluationArrays = EvaluationArrays()

    /// Opens segment `name` of the index in `directory`; every file must carry `id`.
    init(directory: any Directory, name: String, id: FileID, deleted: DeletedDocs) throws {
        self.name = name
        self.deleted = deleted
        func open(_ kind: FileFormat.Kind) throws -> (ReadOnlyFile, Range<Int>) {
            let file = try directory.map(kind.fileName(segment: name))
            return (file, try FileFormat.body(of: file.bytes, kind: kind, file: file.path, id: id))
        }
        (terms, termsBody) = try open(.terms)
        (postingsFile, postingsBody) = try open(.postings)
        (positionsFile, positionsBody) = try open(.positions)
        (norms, normsBody) = try open(.norms)
        (pairsFile, pairsBody) = try open(.pairs)
        let (storeFile, storeBody) = try open(.store)
        store = try StoredFieldsReader(file: storeFile, body: storeBody)
        let (citeFile, citeBody) = try open(.citations)
        citations = try CitationStoreReader(file: citeFile, body: citeBody)
        guard citations.docCount == store.docCount else {
            throw CorruptIndexError(
                file: citeFile.path,
                reason: "citations of \(citations.docCount) documents where the segment has \(store.docCount)")
        }

        // Field lengths steer every score: the file is small, so it is verified whole.
        try FileFormat.verifyChecksum(of: norms.bytes, file: norms.path)
        var normsReader = ByteReader(
            norms.bytes, from: normsBody.lowerBound, to: normsBody.upperBound, file: norms.path)
        docCount = try normsReader.u64Int()
        guard normsBody.count == 8 + docCount * 8 else {
            throw normsReader.corrupt("field lengths do not match the document count")
        }
        guard store.docCount == docCount else {
            throw CorruptIndexError(
                file: storeFile.path, reason: "\(store.docCount) stored documents where the segment has \(docCount)")
        }
        let (columnsFile, columnsBody) = try open(.columns)
        columns = try ColumnsReader(file: columnsFile, body: columnsBody, docCount: docCount)

        let trailerStart = termsBody.upperBound - Self.trailerSize
        guard trailerStart >= termsBody.lowerBound else {
            throw CorruptIndexError(file: terms.path, reason: "the term dictionary is too short")
        }
        var trailer = ByteReader(terms.bytes, from: trailerStart, to: termsBody.upperBound, file: terms.path)
        let indexStart = try trailer.u64Int()
        let blocks = try trailer.u64Int()
        termCount = try trailer.u64Int()
        let indexChecksum = try trailer.u32()
        guard indexStart <= trailerStart - termsBody.lowerBound else {
            throw trailer.corrupt("block index offset out of range")
        }
        blockIndexStart = indexStart
        let indexBytes = UnsafeRawBufferPointer(
            rebasing: terms.bytes[(termsBody.lowerBound + indexStart)..<trailerStart])
        guard CRC32.checksum(indexBytes) == indexChecksum else {
            throw CorruptIndexError(
                file: terms.path, offset: termsBody.lowerBound + indexStart,
                reason: "checksum mismatch in the block index")
        }
        var index = ByteReader(terms.bytes, from: termsBody.lowerBound + indexStart, to: trailerStart, file: terms.path)
        for _ in 0..<blocks {
            blockKeys.append(Array(try index.lengthPrefixed()))
            let offset = try index.int()
            guard offset <= indexStart else { throw index.corrupt("block offset out of range") }
            blockOffsets.append(offset)
            blockChecksums.append(try index.u32())
        }
    }

    /// Field lengths in tokens.
    @inline(__always)
    func length(_ doc: Int, _ field: Field) -> Int {
        let offset = normsBody.lowerBound + 8 + doc * 8 + (field == .title ? 0 : 4)
        return Int(UInt32(littleEndian: norms.bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    /// Per document, BM25's `lengthNorm` of `field` at `averageLength`, computed once per
    /// reader and average.
    func lengthNorms(_ field: Field, bm25: BM25, averageLength: Double) -> [Double] {
        lengthNormCache.norms(field, of: self, bm25: bm25, averageLength: averageLength)
    }

    /// The dictionary entry of `key` (field byte + folded term), or nil.
    func lookup(_ key: [UInt8]) throws -> TermInfo? {
        // The last block whose first key is <= key.
        var low = 0
        var high = blockKeys.count
        while low < high {
            let mid = (low + high) / 2
            if blockKeys[mid].compareBytes(key) <= 0 {
                low = mid + 1
            } else {
                high = mid
            }
        }
        guard low > 0 else { return nil }
        let block = low - 1
        let end = block + 1 < blockOffsets.count ? blockOffsets[block + 1] : blockIndexStart
        guard blockOffsets[block] <= end else {
            throw CorruptIndexError(
                file: terms.path, offset: termsBody.lowerBound + blockOffsets[block],
                reason: "a term dictionary block ends before it starts")
        }
        if !(verifiedLock.withLock { verifiedBlocks.contains(block) }) {
            let bytes = terms.bytes[(termsBody.lowerBound + blockOffsets[block])..<(termsBody.lowerBound + end)]
            guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes)) == blockChecksums[block] else {
                throw CorruptIndexError(
                    file: terms.path, offset: termsBody.lowerBound + blockOffsets[block],
                    reason: "checksum mismatch in a term dictionary block")
            }
            verifiedLock.withLock { _ = verifiedBlocks.insert(block) }
        }
        var reader = ByteReader(
            terms.bytes, from: termsBody.lowerBound + blockOffsets[block], to: termsBody.lowerBound + end,
            file: terms.path)
        var current: [UInt8] = []
        var ordinal = block * SegmentWriter.blockSize
        while !reader.isAtEnd {
            try readKey(&reader, key: &current)
            let order = current.compareBytes(key)
            if order == 0 {
                var info = try readRest(&reader, variants: true)
                info.ordinal = ordinal
                return info
            }
            if order > 0 { return nil }
            try skipRest(&reader)
            ordinal += 1
        }
        return nil
    }

    /// Terms (by postings offset) whose checksum this reader has verified.
    private var verified = Set<Int>()
    /// Dictionary blocks whose checksum this reader has verified (a block is read again
    /// for every term looked up in it: profiled, checking it each time was 6 % of a question).
    private var verifiedBlocks = Set<Int>()
    private let verifiedLock = Lock()

    /// Decodes a term's postings, after checking its checksum the first time this reader
    /// reads them. With `candidates` (ascending), only the blocks that could hold one of
    /// them are decoded: the list then holds every posting of those documents, and others.
    func postings(_ info: TermInfo, restrictedTo candidates: [Int32]? = nil) throws -> PostingList {
        try verifyOnce(info)
        return try decodePostings(info, restrictedTo: candidates)
    }

    /// Checks a term's checksum the first time this reader reads its postings.
    private func verifyOnce(_ info: TermInfo) throws {
        guard !(verifiedLock.withLock { verified.contains(info.postings.lowerBound) }) else { return }
        try verify(info)
        verifiedLock.withLock { _ = verified.insert(info.postings.lowerBound) }
    }

    private func verify(_ info: TermInfo) throws {
        let crc = CRC32.checksum(UnsafeRawBufferPointer(rebasing: postingsFile.bytes[info.postings]))
        let both = CRC32.checksum(UnsafeRawBufferPointer(rebasing: positionsFile.bytes[info.positions]), seed: crc)
        guard both == info.checksum else {
            throw CorruptIndexError(
                file: postingsFile.path, offset: info.postings.lowerBound,
                reason: "checksum mismatch in the postings of a term")
        }
    }

    /// A term's skip entries, one per full block: its last document, its length in
    /// `.post`, where its positions start (then where the tail's start and end), and its
    /// impacts (`impactStarts[b]..<impactStarts[b + 1]` of `impactFreqs`/`impactLengths`).
    private struct SkipEntries {
        var lastDocs: [Int]
        var blockLengths: [Int]
        var positionStarts: [Int]
        var impactStarts: [Int32]
        var impactFreqs: [Int32] = []
        var impactLengths: [Int32] = []
    }

    /// Reads a term's skip entries with `reader`, which then stands at its first block;
    /// without `impacts`, steps over the impacts and leaves them out.
    private func skipEntries(_ info: TermInfo, _ reader: inout FastVarints, impacts keepsImpacts: Bool = true) throws
        -> SkipEntries
    {
        let blockSize = BitPacking.blockSize
        let blockCount = info.docFreq / blockSize
        func corrupt(_ reason: String) -> CorruptIndexError {
            CorruptIndexError(file: postingsFile.path, offset: reader.offset, reason: reason)
        }
        var skips = SkipEntries(
            lastDocs: [Int](repeating: 0, count: blockCount), blockLengths: [Int](repeating: 0, count: blockCount),
            positionStarts: [Int](repeating: 0, count: blockCount + 2),
            impactStarts: [Int32](repeating: 0, count: blockCount + 1))
        var lastDoc = -1
        var positionsOffset = info.positions.lowerBound
        for b in 0..<blockCount {
            guard let docDelta = reader.next(), let blockLength = reader.next(), let positionsLength = reader.next(),
                let impacts = reader.next(), docDelta <= UInt64(docCount), blockLength <= UInt64(info.postings.count),
                positionsLength <= UInt64(info.positions.count), impacts <= UInt64(blockSize)
            else { throw corrupt("damaged skip entry in the postings") }
            lastDoc += Int(docDelta)
            skips.lastDocs[b] = lastDoc
            skips.blockLengths[b] = Int(blockLength)
            skips.positionStarts[b] = positionsOffset
            positionsOffset += Int(positionsLength)
            var freq: UInt64 = 0
            var length: UInt64 = 0
            for _ in 0..<impacts {
                guard let freqDelta = reader.next(), let lengthDelta = reader.next() else {
                    throw corrupt("damaged impacts in the postings")
                }
                freq &+= freqDelta
                length &+= lengthDelta
                guard freq <= UInt64(Int32.max), length <= UInt64(Int32.max) else {
                    throw corrupt("impact out of range in the postings")
                }
                guard keepsImpacts else { continue }
                skips.impactFreqs.append(Int32(freq))
                skips.impactLengths.append(Int32(length))
            }
            skips.impactStarts[b + 1] = Int32(skips.impactFreqs.count)
        }
        guard positionsOffset <= info.positions.upperBound else { throw corrupt("positions out of range") }
        guard lastDoc < docCount else { throw corrupt("posting out of range") }
        skips.positionStarts[blockCount] = positionsOffset
        skips.positionStarts[blockCount + 1] = info.positions.upperBound
        return skips
    }

    private func decodePostings(_ info: TermInfo, restrictedTo candidates: [Int32]?) throws -> PostingList {
        let count = info.docFreq
        let hasMasks = info.variants.count > 1
        let blockSize = BitPacking.blockSize
        let blockCount = count / blockSize
        let hasTail = count % blockSize != 0
        let bytes = postingsFile.bytes
        var reader = FastVarints(
            base: bytes.baseAddress!, offset: info.postings.lowerBound, end: info.postings.upperBound)
        func corrupt(_ reason: String) -> CorruptIndexError {
            CorruptIndexError(file: postingsFile.path, offset: reader.offset, reason: reason)
        }

        let skips = try skipEntries(info, &reader, impacts: false)
        let (lastDocs, blockLengths, positionStarts) = (skips.lastDocs, skips.blockLengths, skips.positionStarts)

        // The blocks to decode (the tail, numbered `blockCount`, last): all of them, or
        // those whose range of documents holds a candidate.
        var included: [Int] = []
        if let candidates {
            var next = 0
            for b in 0..<(blockCount + (hasTail ? 1 : 0)) {
                let first = b == 0 ? 0 : lastDocs[b - 1] + 1
                let last = b < blockCount ? lastDocs[b] : Int(Int32.max)
                while next < candidates.count && Int(candidates[next]) < first { next += 1 }
                guard next < candidates.count else { break }
                if Int(candidates[next]) <= last { included.append(b) }
            }
        } else {
            included = Array(0..<(blockCount + (hasTail ? 1 : 0)))
        }
        let includesTail = hasTail && included.last == blockCount
        let fullBlocks = included.count - (includesTail ? 1 : 0)
        let decodedCount = fullBlocks * blockSize + (includesTail ? count - blockCount * blockSize : 0)

        // Every entry is written below (or the decoding throws).
        var docs = [Int32](unsafeUninitializedCapacity: decodedCount) { $1 = decodedCount }
        var freqs = [Int32](unsafeUninitializedCapacity: decodedCount) { $1 = decodedCount }
        let maskCount = hasMasks ? decodedCount : 0
        var masks = [UInt8](unsafeUninitializedCapacity: maskCount) { $1 = maskCount }
        var blockPositions: [Range<Int>] = []
        blockPositions.reserveCapacity(included.count)
        // Where each block starts in the postings, after the skip entries.
        var blockOffsets = [Int](repeating: reader.offset, count: blockCount + 1)
        for b in 0..<blockCount { blockOffsets[b + 1] = blockOffsets[b] + blockLengths[b] }
        let base = bytes.baseAddress!
        try docs.withUnsafeMutableBufferPointer { docsOut in
            try freqs.withUnsafeMutableBufferPointer { freqsOut in
                try masks.withUnsafeMutableBufferPointer { masksOut in
                    for (k, b) in included.enumerated() {
                        let first = k * blockSize
                        var previous = b == 0 ? -1 : lastDocs[b - 1]
                        blockPositions.append(positionStarts[b]..<positionStarts[b + 1])
                        if b == blockCount {
                            reader = FastVarints(base: base, offset: blockOffsets[b], end: info.postings.upperBound)
                            for i in first..<decodedCount {
                                guard let gap = reader.next(), let freq = reader.next(), gap < UInt64(docCount),
                                    freq < UInt64(Int32.max)
                                else { throw corrupt("unexpected end of data in the postings") }
                                previous += Int(gap) + 1
                                docsOut[i] = Int32(truncatingIfNeeded: previous)
                                freqsOut[i] = Int32(freq) + 1
                                if hasMasks {
                                    guard let mask = reader.byte() else {
                                        throw corrupt("unexpected end of data in the postings")
                                    }
                                    masksOut[i] = mask
                                }
                            }
                            guard previous < docCount else { throw corrupt("posting out of range") }
                            continue
                        }
                        let offset = blockOffsets[b]
                        let headerSize = hasMasks ? 3 : 2
                        guard offset + headerSize <= info.postings.upperBound else {
                            throw corrupt("damaged postings block")
                        }
                        let gapBits = Int(bytes[offset])
                        let freqBits = Int(bytes[offset + 1])
                        let maskBits = hasMasks ? Int(bytes[offset + 2]) : 0
                        guard gapBits <= 31, freqBits <= 30, maskBits <= 8,
                            headerSize + 16 * (gapBits + freqBits + maskBits) == blockLengths[b],
                            offset + blockLengths[b] <= info.postings.upperBound
                        else { throw corrupt("damaged postings block") }
                        let at = offset + headerSize
                        let blockDocs = docsOut.baseAddress! + first
                        let blockFreqs = freqsOut.baseAddress! + first
                        BitPacking.unpack(base, offset: at, width: gapBits, into: blockDocs)
                        BitPacking.unpack(base, offset: at + 16 * gapBits, width: freqBits, into: blockFreqs)
                        if hasMasks {
                            BitPacking.unpack(
                                base, offset: at + 16 * (gapBits + freqBits), width: maskBits,
                                into: masksOut.baseAddress! + first)
                        }
                        // Gaps are below 2^31, so the sums rise and the last one bounds them all.
                        for i in 0..<blockSize {
                            previous += Int(blockDocs[i]) + 1
                            blockDocs[i] = Int32(truncatingIfNeeded: previous)
                            blockFreqs[i] &+= 1
                        }
                        guard previous == lastDocs[b] else {
                            throw corrupt("a postings block disagrees with its skip entry")
                        }
                    }
                }
            }
        }
        return PostingList(docs: docs, freqs: freqs, masks: masks, blockPositions: blockPositions)
    }

    /// The blocks of a term's postings as its skip entries give them: each full block's
    /// first document and its impacts (frequency, field length), then the tail's first
    /// document, its impacts being its postings'. Reads the skip entries and the tail only.
    func blocks(_ info: TermInfo, field: Field) throws -> [(firstDoc: Int, impacts: [(freq: Int, length: Int)])] {
        try verifyOnce(info)
        var reader = FastVarints(
            base: postingsFile.bytes.baseAddress!, offset: info.postings.lowerBound, end: info.postings.upperBound)
        let skips = try skipEntries(info, &reader)
        var blocks: [(firstDoc: Int, impacts: [(freq: Int, length: Int)])] = skips.lastDocs.indices.map { b in
            let impacts = Int(skips.impactStarts[b])..<Int(skips.impactStarts[b + 1])
            return (
                b == 0 ? 0 : skips.lastDocs[b - 1] + 1,
                impacts.map { (Int(skips.impactFreqs[$0]), Int(skips.impactLengths[$0])) }
            )
        }
        let blocksLength = skips.blockLengths.reduce(0, +)
        let tailCount = info.docFreq - skips.lastDocs.count * BitPacking.blockSize
        guard tailCount > 0 else { return blocks }
        guard blocksLength <= info.postings.upperBound - reader.offset else {
            throw CorruptIndexError(file: postingsFile.path, offset: reader.offset, reason: "damaged postings block")
        }
        reader.offset += blocksLength
        let hasMasks = info.variants.count > 1
        var tail: [(freq: Int, length: Int)] = []
        var doc = skips.lastDocs.last ?? -1
        for _ in 0..<tailCount {
            guard let gap = reader.next(), let freq = reader.next(), gap < UInt64(docCount), freq < UInt64(Int32.max),
                !hasMasks || reader.byte() != nil, doc + Int(gap) + 1 < docCount
            else {
                throw CorruptIndexError(
                    file: postingsFile.path, offset: reader.offset, reason: "unexpected end of data in the postings")
            }
            doc += Int(gap) + 1
            tail.append((Int(freq) + 1, length(doc, field)))
        }
        blocks.append(((skips.lastDocs.last ?? -1) + 1, tail))
        return blocks
    }

    /// The encoded pairs a term starts, as stored (for tests and inspection).
    func encodedPairs(_ info: TermInfo) -> [UInt8] { Array(pairsFile.bytes[info.pairs]) }

    /// The encoded postings and positions of a term, as stored (for tests and inspection).
    func encodedBytes(_ info: TermInfo) -> (postings: [UInt8], positions: [UInt8]) {
        (Array(postingsFile.bytes[info.postings]), Array(positionsFile.bytes[info.positions]))
    }

    /// Decodes the positions of posting `i` of `list`; `variants` receives each position's
    /// variant. `scan` remembers where the next posting's positions start, so postings
    /// asked in ascending order are each skipped once.
    func positions(
        _ list: PostingList, _ i: Int, variantBits: Int, into positions: inout [Int32], variants: inout [UInt8],
        scan: inout PositionScan
    ) throws {
        positions.removeAll(keepingCapacity: true)
        variants.removeAll(keepingCapacity: true)
        let block = i / BitPacking.blockSize
        let base = positionsFile.bytes.baseAddress!
        let end = list.blockPositions[block].upperBound
        var posting = block * BitPacking.blockSize
        var offset = list.blockPositions[block].lowerBound
        if scan.posting <= i && scan.posting > posting {
            posting = scan.posting
            offset = scan.offset
        }
        var skip = 0
        for k in posting..<i { skip += Int(list.freqs[k]) }
        while skip > 0 && offset < end {
            if base.load(fromByteOffset: offset, as: UInt8.self) < 0x80 { skip -= 1 }
            offset += 1
        }
        var reader = FastVarints(base: base, offset: offset, end: end)
        var position: Int32 = 0
        // A document whose mask names a single variant (< 7) stores no variant bits.
        let documentMask = list.mask(i)
        let single = documentMask.nonzeroBitCount == 1 && documentMask != 0x80
        let shift = UInt64(single ? 0 : variantBits)
        let mask = UInt64((1 << shift) - 1)
        let implied = UInt64(single ? documentMask.trailingZeroBitCount : 0)
        for _ in 0..<list.freqs[i] {
            guard skip == 0, let value = reader.next() else {
                throw CorruptIndexError(
                    file: positionsFile.path, offset: reader.offset, reason: "unexpected end of data in positions")
            }
            position &+= Int32(truncatingIfNeeded: value >> shift)
            positions.append(position)
            variants.append(UInt8(truncatingIfNeeded: single ? implied : value & mask))
        }
        scan = PositionScan(posting: i + 1, offset: reader.offset)
    }

    /// Reads one dictionary entry (see docs/FORMAT.md): `key` becomes the entry's key. Its
    /// variants are decoded only when `wantsVariants(key)`; otherwise they are skipped.
    private func readEntry(
        _ reader: inout ByteReader, key: inout [UInt8], wantsVariants: ([UInt8]) -> Bool
    ) throws -> TermInfo {
        try readKey(&reader, key: &key)
        return try readRest(&reader, variants: wantsVariants(key))
    }

    /// Reads the key of a dictionary entry, given the previous entry's key in `key`.
    @inline(__always)
    private func readKey(_ reader: inout ByteReader, key: inout [UInt8]) throws {
        let shared = try reader.int()
        guard shared <= key.count else { throw reader.corrupt("bad shared prefix in the term dictionary") }
        key.removeSubrange(shared...)
        key.append(contentsOf: try reader.lengthPrefixed())
    }

    /// Steps over what follows an entry's key, checking only that it is there (a lookup
    /// passes over about half of a dictionary block's entries).
    private func skipRest(_ reader: inout ByteReader) throws {
        for _ in 0..<5 { _ = try reader.varint() }
        _ = try reader.u32()
        let variantCount = try reader.int()
        for _ in 0..<variantCount {
            _ = try reader.lengthPrefixed()
            _ = try reader.varint()
        }
        _ = try reader.varint()
        if try reader.varint() > 0 { _ = try reader.u32() }
    }

    /// Reads what follows an entry's key; with `variants`, its variants too.
    private func readRest(_ reader: inout ByteReader, variants decode: Bool) throws -> TermInfo {
        let docFreq = try reader.int()
        let postingsStart = try reader.int()
        let postingsLength = try reader.int()
        let positionsStart = try reader.int()
        let positionsLength = try reader.int()
        let checksum = try reader.u32()
        let variantCount = try reader.int()
        var variants: [[UInt8]] = []
        var counts: [Int] = []
        for _ in 0..<variantCount {
            let variant = try reader.lengthPrefixed()
            let count = try reader.int()
            if decode {
                variants.append(Array(variant))
                counts.append(count)
            }
        }
        let pairsStart = try reader.int()
        let pairsLength = try reader.int()
        let pairsChecksum = pairsLength > 0 ? try reader.u32() : 0
        guard postingsStart <= postingsBody.count, postingsLength <= postingsBody.count - postingsStart,
            positionsStart <= positionsBody.count, positionsLength <= positionsBody.count - positionsStart,
            pairsStart <= pairsBody.count, pairsLength <= pairsBody.count - pairsStart
        else { throw reader.corrupt("postings range out of bounds") }
        let postings = postingsBody.lowerBound + postingsStart
        let positions = positionsBody.lowerBound + positionsStart
        let pairs = pairsBody.lowerBound + pairsStart
        return TermInfo(
            docFreq: docFreq, postings: postings..<(postings + postingsLength),
            positions: positions..<(positions + positionsLength), checksum: checksum, variants: variants,
            variantCounts: counts, pairs: pairs..<(pairs + pairsLength), pairsChecksum: pairsChecksum)
    }

    /// Pair lists (by start in `.pairs`) whose checksum this reader has verified.
    private var verifiedPairs = Set<Int>()

    /// What `.pairs` holds of one pair a term starts: its spellings and where its postings are.
    struct Follower {
        var ordinal: Int
        var spellings: [SpellingPair]
        var docFreq: Int
        /// Inline postings (a range of `.pairs`), or nil when they are in `.post`.
        var inline: Range<Int>?
        var postings: Range<Int> = 0..<0
        var checksum: UInt32 = 0
    }

    /// How often `first`'s spellings stood right before those of the term of dictionary rank
    /// `second` (`TermInfo.ordinal`) in this segment (within a sentence of one field).
    func pairs(_ first: TermInfo, before second: Int) throws -> [SpellingPair] {
        try follower(first, second)?.spellings ?? []
    }

    /// The pair of `first` and the term of dictionary rank `second`, or nil when they never
    /// stand adjacent in this segment.
    func follower(_ first: TermInfo, _ second: Int) throws -> Follower? {
        var found: Follower? = nil
        try forEachFollower(first, from: second, decoding: { $0 == second }) { follower in
            if follower.ordinal == second { found = follower }
            return follower.ordinal < second
        }
        return found
    }

    /// The postings of a pair (with `candidates`, only the blocks that could hold one of
    /// them, when the pair has blocks): documents, frequencies and spelling masks.
    func postings(of follower: Follower, restrictedTo candidates: [Int32]? = nil) throws -> PostingList {
        guard let inline = follower.inline else {
            let info = TermInfo(
                docFreq: follower.docFreq, postings: follower.postings,
                positions: positionsBody.lowerBound..<positionsBody.lowerBound,
                checksum: follower.checksum, variants: follower.spellings.map { _ in [] })
            return try postings(info, restrictedTo: candidates)
        }
        let hasMasks = follower.spellings.count > 1
        var reader = FastVarints(base: pairsFile.bytes.baseAddress!, offset: inline.lowerBound, end: inline.upperBound)
        var docs = [Int32](repeating: 0, count: follower.docFreq)
        var freqs = [Int32](repeating: 1, count: follower.docFreq)
        var masks = [UInt8](repeating: 0, count: hasMasks ? follower.docFreq : 0)
        var doc = -1
        for i in 0..<follower.docFreq {
            guard let value = reader.next(), value >> 1 < UInt64(docCount) else { throw pairsCorrupt(reader.offset) }
            doc += Int(value >> 1) + 1
            guard doc < docCount else { throw pairsCorrupt(reader.offset) }
            docs[i] = Int32(doc)
            if value & 1 == 0 {
                guard let freq = reader.next(), freq < UInt64(Int32.max - 2) else { throw pairsCorrupt(reader.offset) }
                freqs[i] = Int32(freq) + 2
            }
            if hasMasks {
                guard let mask = reader.byte() else { throw pairsCorrupt(reader.offset) }
                masks[i] = mask
            }
        }
        guard reader.offset == inline.upperBound else { throw pairsCorrupt(reader.offset) }
        return PostingList(
            docs: docs, freqs: freqs, masks: masks, blockPositions: [])
    }

    private func pairsCorrupt(_ offset: Int) -> CorruptIndexError {
        CorruptIndexError(file: pairsFile.path, offset: offset, reason: "damaged pairs of a term")
    }

    /// Each pair `first` starts, by ascending ordinal of the second term (with `from`,
    /// starting at the last skip entry before that ordinal), until `body` returns false.
    /// Only the followers `decoding` accepts have their spellings read (the others' are
    /// skipped: they are empty).
    func forEachFollower(
        _ first: TermInfo, from target: Int = 0, decoding: (Int) -> Bool = { _ in true },
        _ body: (Follower) throws -> Bool
    ) throws {
        guard !first.pairs.isEmpty else { return }
        let bytes = pairsFile.bytes
        if !(verifiedLock.withLock { verifiedPairs.contains(first.pairs.lowerBound) }) {
            guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[first.pairs])) == first.pairsChecksum else {
                throw CorruptIndexError(
                    file: pairsFile.path, offset: first.pairs.lowerBound,
                    reason: "checksum mismatch in the pairs of a term")
            }
            verifiedLock.withLock { _ = verifiedPairs.insert(first.pairs.lowerBound) }
        }
        var reader = FastVarints(base: bytes.baseAddress!, offset: first.pairs.lowerBound, end: first.pairs.upperBound)
        guard let skips = reader.next(), skips <= UInt64(first.pairs.count) else { throw pairsCorrupt(reader.offset) }
        var ordinal = -1
        var start = 0
        var skip = (ordinal: -1, offset: 0)
        for _ in 0..<skips {
            guard let delta = reader.next(), let offset = reader.next(), delta >= 1, delta <= UInt64(termCount),
                offset <= UInt64(first.pairs.count)
            else { throw pairsCorrupt(reader.offset) }
            skip = (skip.ordinal + Int(delta), skip.offset + Int(offset))
            if skip.ordinal < target { (ordinal, start) = skip }
        }
        guard start <= first.pairs.upperBound - reader.offset else { throw pairsCorrupt(reader.offset) }
        reader.offset += start
        while reader.offset < first.pairs.upperBound {
            guard let delta = reader.next(), let spellingCount = reader.next(), delta >= 1,
                delta <= UInt64(termCount), spellingCount >= 1, spellingCount <= 256 * 256
            else { throw pairsCorrupt(reader.offset) }
            ordinal += Int(delta)
            var spellings: [SpellingPair] = []
            let decodes = decoding(ordinal)
            if decodes { spellings.reserveCapacity(Int(spellingCount)) }
            for _ in 0..<spellingCount {
                guard let a = reader.byte(), let b = reader.byte(), let count = reader.next(), count <= 0xFF_FFFF
                else { throw pairsCorrupt(reader.offset) }
                if decodes {
                    spellings.append(SpellingPair(firstVariant: Int(a), secondVariant: Int(b), count: Int(count)))
                }
            }
            guard let docFreq = reader.next(), docFreq >= 1, docFreq <= UInt64(docCount) else {
                throw pairsCorrupt(reader.offset)
            }
            var follower = Follower(ordinal: ordinal, spellings: spellings, docFreq: Int(docFreq), inline: nil)
            if docFreq < UInt64(BitPacking.blockSize) {
                guard let length = reader.next(), length <= UInt64(first.pairs.upperBound - reader.offset) else {
                    throw pairsCorrupt(reader.offset)
                }
                follower.inline = reader.offset..<(reader.offset + Int(length))
                reader.offset += Int(length)
            } else {
                guard let start = reader.next(), let length = reader.next(), start <= UInt64(postingsBody.count),
                    length <= UInt64(postingsBody.count) - start, let checksum = reader.u32()
                else { throw pairsCorrupt(reader.offset) }
                let from = postingsBody.lowerBound + Int(start)
                follower.postings = from..<(from + Int(length))
                follower.checksum = checksum
            }
            guard try body(follower) else { return }
        }
    }

    /// Every dictionary entry in key order (for `check` and `stats`).
    func forEachTerm(_ body: ([UInt8], TermInfo) throws -> Void) throws {
        var current: [UInt8] = []
        let indexStart = termsBody.lowerBound + blockIndexStart
        var reader = ByteReader(terms.bytes, from: termsBody.lowerBound, to: indexStart, file: terms.path)
        var seen = 0
        while !reader.isAtEnd {
            if blockOffsets.contains(reader.offset - termsBody.lowerBound) { current = [] }
            var info = try readEntry(&reader, key: &current) { _ in true }
            info.ordinal = seen
            try body(current, info)
            seen += 1
        }
        guard seen == termCount else { throw reader.corrupt("\(seen) terms where the dictionary says \(termCount)") }
    }
}
