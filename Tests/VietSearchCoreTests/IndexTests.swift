import Foundation
import Testing
import VietAnalysis

@testable import VietSearchCore

struct IndexTests {
    @Test func segmentRoundTripKeepsPostingsPositionsAndVariants() throws {
        let scratch = Scratch()
        scratch.writeJSONL(
            "a.jsonl",
            [
                (id: "d1", title: "Hòa bình", text: "Hoà bình và hòa hợp. Hoa nở."),
                (id: "d2", title: "Tin khác", text: "hoa hồng"),
            ])
        try scratch.index { $0.chunkBytes = 1 << 30 }
        let reader = try IndexReader(folder: scratch.indexFolder)
        #expect(reader.documentCount == 2)
        let segment = try #require(reader.segments.first)
        let info = try #require(try segment.lookup([Field.body.rawValue] + Array("hoa".utf8)))
        // Two exact spellings of folded "hoa": "hoà" (both tone placements) and "hoa".
        #expect(Set(info.variants.map { String(decoding: $0, as: UTF8.self) }) == ["hoà", "hoa"])
        let postings = try segment.postings(info)
        #expect(postings.freqs == [3, 1])
        var positions: [Int32] = []
        var variants: [UInt8] = []
        var scan = PositionScan()
        try segment.positions(
            postings, 0, variantBits: SegmentWriter.variantBits(info.variants.count), into: &positions,
            variants: &variants, scan: &scan)
        #expect(positions == [0, 3, 6])  // "Hoa" follows a sentence break: one position skipped
        let hoa = UInt8(info.variants.firstIndex(of: Array("hoa".utf8))!)
        #expect(variants.map { $0 == hoa } == [false, false, true])
        #expect(try segment.store.article(Int(postings.docs[0])).title == "Hòa bình")
        #expect(segment.length(Int(postings.docs[0]), .body) == 7)
    }

    /// A segment with enough text trains a compression dictionary on its first records;
    /// every article, before and after the training point, reads back as written.
    @Test func storedArticlesRoundTripThroughTheTrainedDictionary() throws {
        let scratch = Scratch()
        let sentences = [
            "Ban Thường vụ Tỉnh ủy đã tổ chức hội nghị sơ kết công tác xây dựng Đảng.",
            "Đồng chí Bí thư Chi bộ chủ trì buổi sinh hoạt chi bộ định kỳ tháng này.",
            "Ủy ban nhân dân huyện triển khai kế hoạch nâng cao chất lượng đảng viên.",
            "Hội nghị thống nhất các giải pháp thực hiện Kết luận số 21-KL/TW của Trung ương.",
        ]
        var articles: [(id: String, title: String, text: String)] = []
        for i in 0..<(StoredFieldsWriter.trainingRecords + 50) {
            let text = (0..<24).map { sentences[($0 * 7 + i) % sentences.count] + " Số \(i * 31 + $0)." }
            articles.append((id: "a\(i)", title: "Tin số \(i)", text: text.joined(separator: " ")))
        }
        scratch.writeJSONL("a.jsonl", articles)
        try scratch.index { $0.chunkBytes = 1 << 30 }
        let segment = try #require(try IndexReader(folder: scratch.indexFolder).segments.first)
        let store = try #require(scratch.files(withExtension: "store").first)
        let bytes = try #require(FileManager.default.contents(atPath: store))
        // The body starts after the header with the dictionary's length.
        let dictionaryLength = try bytes.withUnsafeBytes { raw in
            var header = ByteReader(raw, from: FileFormat.headerSize, file: store)
            return try header.int()
        }
        #expect(dictionaryLength > 1000)
        #expect(bytes.count < articles.reduce(0) { $0 + $1.text.utf8.count } / 5)
        for doc in [0, StoredFieldsWriter.trainingRecords - 1, StoredFieldsWriter.trainingRecords, articles.count - 1] {
            let article = try segment.store.article(doc)
            #expect(article.id == articles[doc].id && article.body == articles[doc].text)
        }
    }

    /// The worked example of docs/FORMAT.md, byte for byte.
    @Test func postingsEncodeAsTheFormatDocumentSays() throws {
        let scratch = Scratch()
        scratch.writeJSONL(
            "a.jsonl",
            [(id: "d0", title: "x", text: "Hoà bình và hòa hợp. Hoa nở."), (id: "d1", title: "y", text: "hoa hồng")])
        try scratch.index()
        let segment = try #require(try IndexReader(folder: scratch.indexFolder).segments.first)
        let info = try #require(try segment.lookup([Field.body.rawValue] + Array("hoa".utf8)))
        #expect(info.variants == [Array("hoà".utf8), Array("hoa".utf8)])
        #expect(info.docFreq == 2)
        let encoded = segment.encodedBytes(info)
        #expect(encoded.postings == [0x00, 0x02, 0x03, 0x00, 0x00, 0x02])
        #expect(encoded.positions == [0x00, 0x06, 0x07, 0x00])
        #expect(SegmentWriter.variantBits(1) == 0)
        #expect(SegmentWriter.variantBits(2) == 1)
        #expect(SegmentWriter.variantBits(18) == 5)
    }

    /// The worked example of docs/FORMAT.md's `.pairs`, byte for byte, and the counts read back.
    @Test func pairsEncodeAsTheFormatDocumentSays() throws {
        let scratch = Scratch()
        scratch.writeJSONL(
            "a.jsonl",
            [(id: "d0", title: "x", text: "Hoà bình và hòa hợp. Hoa nở."), (id: "d1", title: "y", text: "hoa hồng")])
        try scratch.index()
        let segment = try #require(try IndexReader(folder: scratch.indexFolder).segments.first)
        func entry(_ folded: String) throws -> TermInfo {
            try #require(try segment.lookup([Field.body.rawValue] + Array(folded.utf8)))
        }
        let hoa = try entry("hoa")
        #expect(hoa.variantCounts == [2, 2])
        #expect(hoa.ordinal == 3)
        #expect(segment.encodedPairs(try entry("binh")) == [0x00, 0x08, 0x01, 0x00, 0x00, 0x01, 0x01, 0x01, 0x01])
        #expect(
            segment.encodedPairs(hoa) == [
                0x00,
                0x03, 0x01, 0x00, 0x00, 0x01, 0x01, 0x01, 0x01,
                0x02, 0x01, 0x01, 0x00, 0x01, 0x01, 0x01, 0x03,
                0x01, 0x01, 0x00, 0x00, 0x01, 0x01, 0x01, 0x01,
                0x01, 0x01, 0x01, 0x00, 0x01, 0x01, 0x01, 0x01,
            ])
        #expect(hoa.pairs.lowerBound - (try entry("binh")).pairs.lowerBound == 9)
        // The documents of a pair read back: hoa hồng stands in doc 1 only.
        let hong = try #require(try segment.follower(hoa, try entry("hong").ordinal))
        #expect(try segment.postings(of: hong).docs == [1])
        #expect(
            try segment.pairs(hoa, before: try entry("hop").ordinal) == [
                SpellingPair(firstVariant: 0, secondVariant: 0, count: 1)
            ])
        // No pair spans the sentence break: "hợp. Hoa".
        #expect(try segment.pairs(try entry("hop"), before: hoa.ordinal) == [])
    }

    /// Every width a block can be packed at reads back what was packed, into 32-bit and
    /// 8-bit outputs (each width has its own unrolled loop).
    @Test func bitPackedBlocksReadBackAtEveryWidth() {
        var random = SystemRandomNumberGenerator()
        for width in 0...31 {
            let values = (0..<BitPacking.blockSize).map { i -> UInt32 in
                guard width > 0 else { return 0 }
                let top = UInt32((UInt64(1) << UInt64(width)) - 1)
                return i == 0 ? top : UInt32.random(in: 0...top, using: &random)
            }
            var out = ByteWriter()
            out.u8(0xAB)  // so that the block starts at an odd offset
            BitPacking.pack(values, width: width, to: &out)
            #expect(out.count == 1 + 16 * width)
            out.bytes += [UInt8](repeating: 0xFF, count: 16)  // what a file's footer gives
            var wide = [Int32](repeating: -1, count: BitPacking.blockSize)
            out.bytes.withUnsafeBytes { bytes in
                wide.withUnsafeMutableBufferPointer {
                    BitPacking.unpack(bytes.baseAddress!, offset: 1, width: width, into: $0.baseAddress!)
                }
            }
            #expect(wide.map { UInt32($0) } == values, "width \(width)")
            guard width <= 8 else { continue }
            var narrow = [UInt8](repeating: 0xEE, count: BitPacking.blockSize)
            out.bytes.withUnsafeBytes { bytes in
                narrow.withUnsafeMutableBufferPointer {
                    BitPacking.unpack(bytes.baseAddress!, offset: 1, width: width, into: $0.baseAddress!)
                }
            }
            #expect(narrow.map { UInt32($0) } == values, "width \(width), 8-bit output")
        }
    }

    /// A term in more documents than a block holds is stored as bit-packed blocks with
    /// skip entries, then a tail of varints; every posting and its positions read back,
    /// in order or not, and each block's impacts bound every posting in it.
    @Test func packedBlocksRoundTripWithTheirPositionsAndImpacts() throws {
        let scratch = Scratch()
        let count = 2 * BitPacking.blockSize + 37
        var expected: [(doc: String, positions: [Int32], spellings: [String])] = []
        var articles: [(id: String, title: String, text: String)] = []
        for i in 0..<count {
            // Every third article lacks the word; the others hold it 1 to 5 times, in
            // articles of varying length, spelled "hoà" or "hoa".
            var words = (0..<(i % 17 + 3)).map { _ in "mây" }
            var positions: [Int32] = []
            if i % 3 != 0 {
                for k in 0..<(i % 5 + 1) {
                    let at = min(words.count, k * 3 + i % 4)
                    words.insert(k % 2 == 0 ? "hoà" : "hoa", at: at)
                }
                positions = words.indices.filter { words[$0].hasPrefix("ho") }.map { Int32($0) }
                expected.append((doc: "a\(i)", positions: positions, spellings: positions.map { words[Int($0)] }))
            }
            articles.append((id: "a\(i)", title: "t", text: words.joined(separator: " ")))
        }
        scratch.writeJSONL("a.jsonl", articles)
        try scratch.index { $0.chunkBytes = 1 << 30 }
        let segment = try #require(try IndexReader(folder: scratch.indexFolder).segments.first)
        let info = try #require(try segment.lookup([Field.body.rawValue] + Array("hoa".utf8)))
        let list = try segment.postings(info)
        #expect(list.count == expected.count)
        #expect(list.count / BitPacking.blockSize == 1)
        #expect(try list.docs.map { try segment.store.article(Int($0)).id } == expected.map(\.doc))
        #expect(list.freqs.map(Int.init) == expected.map(\.positions.count))
        let bits = SegmentWriter.variantBits(info.variants.count)
        var positions: [Int32] = []
        var variants: [UInt8] = []
        var scan = PositionScan()
        for i in Array(0..<list.count) + [190, 3, 150, 129, 128, 127, 0] {
            try segment.positions(list, i, variantBits: bits, into: &positions, variants: &variants, scan: &scan)
            #expect(positions == expected[i].positions, "posting \(i)")
            let spellings = variants.map { String(decoding: info.variants[Int($0)], as: UTF8.self) }
            #expect(spellings == expected[i].spellings, "posting \(i)")
        }
        let impacts = try segment.blocks(info, field: .body)[0].impacts
        for i in 0..<BitPacking.blockSize {
            let length = segment.length(Int(list.docs[i]), .body)
            let freq = Int(list.freqs[i])
            let bounded = impacts.contains { $0.freq >= freq && $0.length <= length }
            #expect(bounded, "posting \(i)")
        }
    }

    /// Reading a list for some candidate documents decodes only the blocks that could hold
    /// them, and those blocks read back exactly as in the whole list.
    @Test func restrictedPostingsDecodeOnlyTheBlocksOfTheCandidates() throws {
        let scratch = Scratch()
        let articles = (0..<1_000).map { i in
            let word = i % 2 == 0 ? "hoà" : "hoa"
            let text = i % 3 == 0 ? "mây gió" : "mây \(word) gió \(String(repeating: "\(word) ", count: i % 4))"
            return (id: "a\(i)", title: "t", text: text)
        }
        scratch.writeJSONL("a.jsonl", articles)
        try scratch.index { $0.chunkBytes = 1 << 30 }
        let segment = try #require(try IndexReader(folder: scratch.indexFolder).segments.first)
        let info = try #require(try segment.lookup([Field.body.rawValue] + Array("hoa".utf8)))
        let full = try segment.postings(info)
        let blockSize = BitPacking.blockSize
        #expect(full.count == 666)
        // Candidates in the third block and in the tail; a document without the word
        // (every third one) between two of the third block's adds nothing.
        let inThird = full.docs[2 * blockSize + 5]
        let inTail = full.docs[full.count - 1]
        let without = (inThird...(inThird + 3)).first { $0 % 3 == 0 }!
        let candidates: [Int32] = [inThird, without, inTail]
        let restricted = try segment.postings(info, restrictedTo: candidates)
        let tail = full.count % blockSize
        #expect(restricted.count == blockSize + tail)
        #expect(restricted.docs == Array(full.docs[(2 * blockSize)..<(3 * blockSize)] + full.docs.suffix(tail)))
        #expect(
            restricted.blockPositions == [full.blockPositions[2], full.blockPositions[full.blockPositions.count - 1]])
        let bits = SegmentWriter.variantBits(info.variants.count)
        for doc in [inThird, inTail] {
            var hint = 0
            let i = try #require(full.index(of: doc, from: &hint))
            hint = 0
            let j = try #require(restricted.index(of: doc, from: &hint))
            #expect(restricted.freqs[j] == full.freqs[i])
            #expect(restricted.mask(j) == full.mask(i))
            var (positions, variants, scan) = ([Int32](), [UInt8](), PositionScan())
            try segment.positions(full, i, variantBits: bits, into: &positions, variants: &variants, scan: &scan)
            var (restrictedPositions, restrictedVariants, restrictedScan) = ([Int32](), [UInt8](), PositionScan())
            try segment.positions(
                restricted, j, variantBits: bits, into: &restrictedPositions, variants: &restrictedVariants,
                scan: &restrictedScan)
            #expect(restrictedPositions == positions)
            #expect(restrictedVariants == variants)
        }
        #expect(try segment.postings(info, restrictedTo: []).count == 0)
    }

    @Test func impactsKeepOnlyThePairsNothingBeats() {
        let impacts = SegmentWriter.impacts([(1, 10), (3, 40), (2, 12), (3, 50), (1, 8), (2, 30), (5, 90)])
        #expect(impacts.map { [$0.freq, $0.length] } == [[1, 8], [2, 12], [3, 40], [5, 90]])
    }

    @Test func incrementalAddChangeAndRemove() throws {
        let scratch = Scratch()
        scratch.write("a.txt", "Bài một\n\nNội dung về chi bộ.")
        scratch.write("b.txt", "Bài hai\n\nNội dung về đảng viên.")
        scratch.write("c.txt", "Bài ba\n\nNội dung về Hà Tĩnh.")
        let first = try scratch.index()
        #expect((first.added, first.updated, first.removed, first.unchanged) == (3, 0, 0, 0))

        let again = try scratch.index()
        #expect((again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 3))
        #expect(again.documents == 0)

        scratch.write("b.txt", "Bài hai sửa\n\nNội dung mới về Tuyên Quang.")
        try FileManager.default.removeItem(atPath: scratch.articles + "/c.txt")
        scratch.write("d.txt", "Bài bốn\n\nNội dung về Đà Nẵng.")
        let third = try scratch.index()
        #expect((third.added, third.updated, third.removed, third.unchanged) == (1, 1, 1, 1))
        #expect(third.totalDocuments == 3)
        #expect(try scratch.ids("tuyen quang") == ["b.txt"])
        #expect(try scratch.ids("dang vien").isEmpty)
        #expect(try scratch.ids("ha tinh").isEmpty)
        #expect(try scratch.ids("da nang") == ["d.txt"])
        #expect(try scratch.ids("noi dung").sorted() == ["a.txt", "b.txt", "d.txt"])
    }

    /// JSONL records that share an id are reported (files of two folders no longer
    /// share ids: `RootsTests`).
    @Test func idsUsedTwiceAreReported() throws {
        let scratch = Scratch()
        scratch.writeJSONL("a.jsonl", [(id: "tin", title: "Tin một", text: "chi bộ")])
        scratch.writeJSONL("b.jsonl", [(id: "tin", title: "Tin hai", text: "chi bộ")])
        let writer = FolderSync(folder: scratch.indexFolder)
        let summary = try writer.update(paths: [scratch.articles])
        #expect(summary.totalDocuments == 2)
        #expect(summary.problems.count == 1)
        #expect(summary.problems.first?.message.contains("id 'tin' is used by 2 articles") == true)
    }

    @Test func touchedButUnchangedFileIsNotReindexed() throws {
        let scratch = Scratch()
        scratch.write("a.txt", "Bài một\n\nchi bộ")
        try scratch.index()
        let path = scratch.articles + "/a.txt"
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: path)
        let again = try scratch.index()
        #expect((again.added, again.updated, again.unchanged, again.documents) == (0, 0, 1, 0))
    }

    @Test func interruptedCommitLeavesThePreviousIndexIntact() throws {
        struct Crash: Error {}
        let scratch = Scratch()
        scratch.write("a.txt", "Bài một\n\nchi bộ")
        try scratch.index()
        scratch.write("b.txt", "Bài hai\n\nchi bộ Hà Tĩnh")
        #expect(throws: Crash.self) { try scratch.index { $0.beforeCommitRename = { throw Crash() } } }
        // The old commit is still the current one and fully searchable.
        #expect(try scratch.ids("chi bo") == ["a.txt"])
        #expect(try IndexInspector.check(folder: scratch.indexFolder).isEmpty)
        // The next run completes the work.
        let next = try scratch.index()
        #expect(next.added == 1)
        #expect(try scratch.ids("chi bo").sorted() == ["a.txt", "b.txt"])
    }

    @Test func secondWriterIsRefused() throws {
        let scratch = Scratch()
        try FileManager.default.createDirectory(atPath: scratch.indexFolder, withIntermediateDirectories: true)
        let lock = try WriterLock(folder: scratch.indexFolder)
        scratch.write("a.txt", "Bài\n\nchi bộ")
        #expect {
            try scratch.index()
        } throws: { error in
            (error as? IndexError).map { "\($0)".contains("another 'vietsearch index'") } ?? false
        }
        withExtendedLifetime(lock) {}
    }

    @Test func flippedByteIsReportedByCheckAndSearch() throws {
        let scratch = Scratch()
        scratch.writeJSONL("a.jsonl", [(id: "x", title: "Chi bộ", text: "sinh hoạt chi bộ định kỳ")])
        try scratch.index()
        let postings = try #require(scratch.files(withExtension: "post").first)
        var bytes = try FileIO.read(postings)
        bytes[bytes.count / 2] ^= 0x40
        try FileIO.write(bytes, to: postings)
        let problems = try IndexInspector.check(folder: scratch.indexFolder)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("checksum mismatch") == true)
        #expect(problems.first?.contains(".post") == true)
        // A search that reads the damaged postings reports it.
        #expect(throws: CorruptIndexError.self) { try scratch.ids("sinh hoạt chi bộ định kỳ") }
    }

    /// Any single flipped byte of the dictionary or the field lengths makes a search report
    /// damage, or leaves its results exactly as they were: never silently different.
    @Test(arguments: ["terms", "norms"])
    func flippedBytesNeverChangeResultsSilently(_ kind: String) throws {
        let scratch = Scratch()
        scratch.writeJSONL(
            "a.jsonl",
            [
                (id: "a", title: "Chi bộ", text: "sinh hoạt chi bộ định kỳ hằng tháng"),
                (id: "b", title: "Tin", text: "chi bộ họp, sinh hoạt"),
            ])
        try scratch.index()
        let query = "sinh hoạt chi bộ"
        func results() throws -> [String] {
            try scratch.searcher().search(query, options: SearchOptions(snippets: false)).hits.map {
                "\($0.article.id) \($0.score)"
            }
        }
        let expected = try results()
        let path = try #require(scratch.files(withExtension: kind).first)
        let original = try FileIO.read(path)
        for offset in 0..<original.count {
            var damaged = original
            damaged[offset] ^= 0x10
            try FileIO.write(damaged, to: path)
            if let found = try? results() {
                #expect(found == expected, "byte \(offset) of .\(kind) changed results silently")
            }
        }
        try FileIO.write(original, to: path)
    }

    @Test func truncatedFileIsReportedByCheckAndSearch() throws {
        let scratch = Scratch()
        scratch.writeJSONL("a.jsonl", [(id: "x", title: "Chi bộ", text: "sinh hoạt chi bộ định kỳ")])
        try scratch.index()
        let terms = try #require(scratch.files(withExtension: "terms").first)
        let bytes = try FileIO.read(terms)
        try FileIO.write(Array(bytes.prefix(bytes.count - 7)), to: terms)
        let problems = try IndexInspector.check(folder: scratch.indexFolder)
        #expect(problems.first?.contains("truncated") == true)
        #expect {
            try scratch.ids("chi bo")
        } throws: { error in
            "\(error)".contains(".terms") && "\(error)".contains("truncated")
        }
    }

    @Test func aFolderWithOtherFilesIsNotTakenOverOrCleaned() throws {
        let scratch = Scratch()
        scratch.write("a.txt", "Bài\n\nchi bộ")
        let folder = scratch.root + "/mine"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileIO.write(Array("x".utf8), to: folder + "/notes.tmp")
        try FileIO.write(Array("x".utf8), to: folder + "/photo.pos")
        #expect {
            try FolderSync(folder: folder).update(paths: [scratch.articles])
        } throws: { "\($0)".contains("not a VietSearch index") }
        #expect(FileIO.list(folder) == ["notes.tmp", "photo.pos"])
    }

    @Test func onlyTheIndexsOwnFileNamesAreCollected() {
        for name in [
            "COMMIT", "COMMIT.tmp", "s1.terms", "s12.post", "s3.pos", "s3.norms", "s3.store", "s3.cite", "s3.7.del",
            "m7.manifest",
        ] {
            #expect(IndexWriter.isIndexFile(name), "\(name)")
        }
        for name in [
            "notes.tmp", "photo.pos", "x.terms", "s.terms", "s1.txt", "m.manifest", "s1.x.del", "LOCK", "README.md",
        ] {
            #expect(!IndexWriter.isIndexFile(name), "\(name)")
        }
    }

    @Test func aFailedFirstRunLeavesNoFolderBehind() throws {
        let scratch = Scratch()
        try FileIO.write([0, 1, 2, 0], to: scratch.articles + "/binary.txt")
        #expect(throws: IndexError.self) { try scratch.index() }
        #expect(!FileIO.exists(scratch.indexFolder))
    }

    @Test func missingIndexSaysHowToCreateOne() {
        #expect {
            _ = try IndexReader(folder: "/nonexistent/vietsearch-index")
        } throws: { error in
            "\(error)".contains("vietsearch index")
        }
    }
}

/// The pair counter counts every pair exactly, across its growth and its one-pair delay,
/// and keeps each occurrence, in order, after its document's marker.
@Test func pairCounterCountsEveryPairAcrossGrowth() {
    let counter = PairCounter(capacity: 16)
    var expected: [[Int]: Int] = [:]
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<20_000 {
        let pair = [
            Int.random(in: 0..<300, using: &rng), Int.random(in: 0..<3, using: &rng),
            Int.random(in: 0..<300, using: &rng) | (1 << 20), Int.random(in: 0..<3, using: &rng),
        ]
        counter.add(first: pair[0], firstVariant: pair[1], second: pair[2], secondVariant: pair[3], doc: 7)
        expected[pair, default: 0] += 1
    }
    counter.add(first: PairCounter.maxTerm, firstVariant: 0, second: 1, secondVariant: 0, doc: 7)  // not counted
    let counts = counter.counts()
    var counted: [[Int]: Int] = [:]
    for (id, count) in counts.enumerated() {
        let pair = counter.pair(id)
        counted[[pair.first, pair.firstVariant, pair.second, pair.secondVariant]] = count
    }
    #expect(counted == expected)
    #expect(counter.sequence.count == 20_001)
    #expect(counter.sequence[0] == SegmentBuilder.documentMarker | 7)
}
