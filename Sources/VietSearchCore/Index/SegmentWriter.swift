/// Writes a `SegmentBuilder` as the immutable files of one segment (see docs/FORMAT.md):
/// `.terms` (term dictionary), `.post` (documents and frequencies), `.pos` (positions with
/// exact-spelling variants), `.norms` (field lengths), `.store` (stored articles) and
/// `.cite` (citations of directives).
enum SegmentWriter {
    /// Terms per dictionary block; a lookup binary-searches the block index, then scans one
    /// block.
    static let blockSize = 32

    /// Writes the files of segment `name` into `folder`; returns the bytes written per kind.
    static func write(_ segment: SegmentBuilder, name: String, folder: String) throws -> [FileFormat.Kind: Int] {
        let keys = segment.keys
        let order = (0..<segment.termCount).sorted { keys.key($0).lexicographicallyPrecedes(keys.key($1)) }
        var dictionary = ByteWriter(capacity: keys.count * 24)
        var postingsFile = ByteWriter(capacity: segment.textBytes / 4)
        var positionsFile = ByteWriter(capacity: segment.textBytes / 3)
        var blockKeys: [ArraySlice<UInt8>] = []
        var blockOffsets: [Int] = []
        var previousKey: ArraySlice<UInt8> = []
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
            encode(term: id, of: segment, postings: &postingsFile, positions: &positionsFile)
            let crc = postingsFile.bytes[postingsStart...].withUnsafeBytes { CRC32.checksum($0) }
            let crcBoth = positionsFile.bytes[positionsStart...].withUnsafeBytes { CRC32.checksum($0, seed: crc) }
            // Entry --> SharedPrefix, Suffix, DocFreq, PostingsStart, PostingsLength,
            //           PositionsStart, PositionsLength, CRC32, VariantCount, Variant^VariantCount
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
            for variant in variants { dictionary.lengthPrefixed(segment.exactForm(variant, ofTerm: id)) }
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

        var sizes: [FileFormat.Kind: Int] = [:]
        let files: [(FileFormat.Kind, [UInt8])] = [
            (.terms, dictionary.bytes), (.postings, postingsFile.bytes), (.positions, positionsFile.bytes),
            (.norms, norms.bytes), (.store, segment.store.body()), (.citations, segment.citations.body()),
        ]
        for (kind, body) in files {
            let framed = FileFormat.frame(body, kind: kind)
            try FileIO.write(framed, to: "\(folder)/\(name).\(kind.fileExtension)")
            sizes[kind] = framed.count
        }
        return sizes
    }

    /// Number of low bits a position value spends on its variant.
    static func variantBits(_ variantCount: Int) -> Int {
        variantCount <= 1 ? 0 : (Int.bitWidth - (variantCount - 1).leadingZeroBitCount)
    }

    /// Postings --> <DocDelta, Freq, PositionsLength, VariantMask?>^DocFreq
    /// Positions --> <(PositionDelta << VariantBits) | Variant>^Freq per document
    ///
    /// VariantMask (one byte, only when the term has several variants): bit v set when
    /// variant v (< 7) occurs in the document, bit 7 when any variant >= 7 does. Ranking
    /// exact spellings first then needs no positions.
    private static func encode(
        term id: Int, of segment: SegmentBuilder, postings out: inout ByteWriter, positions: inout ByteWriter
    ) {
        let variantCount = segment.variants[id].count
        let bits = UInt64(variantBits(variantCount))
        var previousDoc = -1
        var doc = -1
        var freq = 0
        var previous: UInt32 = 0
        var mask: UInt8 = 0
        var start = positions.count
        func finishDocument() {
            guard doc >= 0 else { return }
            out.varint(previousDoc < 0 ? doc : doc - previousDoc)
            out.varint(freq)
            out.varint(positions.count - start)
            if variantCount > 1 { out.u8(mask) }
            previousDoc = doc
        }
        segment.forEachEntry(ofTerm: id) { entry in
            if entry & SegmentBuilder.documentMarker != 0 {
                finishDocument()
                doc = Int(entry & ~SegmentBuilder.documentMarker)
                freq = 0
                previous = 0
                mask = 0
                start = positions.count
                return
            }
            let position = entry >> 8
            let variant = UInt64(entry & 0xFF)
            mask |= variant < 7 ? 1 << UInt8(variant) : 0x80
            positions.varint((UInt64(position - previous) << bits) | variant)
            previous = position
            freq += 1
        }
        finishDocument()
    }
}
