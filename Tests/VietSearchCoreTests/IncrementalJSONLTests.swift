import Foundation
import Testing

@testable import VietSearchCore

/// A JSONL file is a collection of records: when it changes, only its new and changed lines
/// are read, and the documents of its gone lines removed.
@Suite struct IncrementalJSONLTests {
    private func records(_ range: Range<Int>, edited: Set<Int> = []) -> [(id: String, title: String, text: String)] {
        range.map { i in
            (
                id: "r\(i)", title: "Tin số \(i)",
                text: edited.contains(i) ? "Bản sửa: sinh hoạt chi bộ mới \(i)." : "Nội dung giao thông \(i) ở Hà Nội."
            )
        }
    }

    @Test func appendingTenRecordsAnalysesTenRecords() throws {
        let scratch = Scratch()
        scratch.writeJSONL("tin.jsonl", records(0..<200))
        let first = try scratch.index()
        #expect(first.documents == 200)

        // Ten appended, one edited, two gone.
        var next = records(0..<210, edited: [7])
        next.removeAll { $0.id == "r3" || $0.id == "r150" }
        scratch.writeJSONL("tin.jsonl", next)
        let second = try scratch.index()
        #expect(second.documents == 11)
        #expect((second.added, second.updated, second.removed) == (0, 1, 0))
        #expect(second.totalDocuments == 208)

        #expect(try scratch.ids("sinh hoạt chi bộ mới") == ["r7"])
        let traffic = Set(try scratch.ids("giao thông", limit: 1000))
        #expect(traffic.count == 207 && !traffic.contains("r3") && !traffic.contains("r7") && traffic.contains("r209"))

        // The same as indexing the final file from nothing.
        let fresh = Scratch()
        fresh.writeJSONL("tin.jsonl", next)
        try fresh.index()
        #expect(Set(try fresh.ids("giao thông", limit: 1000)) == traffic)

        // Unchanged since: nothing is read; with only lines gone, none is analysed.
        #expect(try scratch.index().documents == 0)
        next.removeAll { $0.id == "r100" }
        scratch.writeJSONL("tin.jsonl", next)
        let third = try scratch.index()
        #expect(third.documents == 0 && third.totalDocuments == 207)
        #expect(!(try scratch.ids("giao thông", limit: 1000)).contains("r100"))
        #expect(try IndexInspector.check(folder: scratch.indexFolder).isEmpty)
    }
}

/// Segments cut at a small memory budget answer as one segment does: the same hits, in
/// the same order, with the same scores (BM25's statistics are index-wide).
@Suite struct SegmentBudgetTests {
    @Test func manySmallSegmentsGiveTheResultsOfOne() throws {
        let corpus = repositoryRoot() + "/Corpus"
        func build(_ budget: Int) throws -> Scratch {
            let scratch = Scratch()
            for name in try FileManager.default.contentsOfDirectory(atPath: corpus) where name.hasSuffix(".txt") {
                scratch.write(name, try String(contentsOfFile: corpus + "/" + name, encoding: .utf8))
            }
            try scratch.index {
                $0.segmentBudget = budget
                $0.chunkBytes = 1 << 30
            }
            return scratch
        }
        let small = try build(2_000)
        let large = try build(1 << 30)
        let smallSegments = try Commit.read(folder: small.indexFolder)!.segments.count
        #expect(smallSegments >= 4)
        for query in ["sinh hoạt chi bộ", "chi bo", "Kết luận 21", "Đảng bộ thành phố", "nâng cao chất lượng"] {
            let a = try small.searcher().search(query, options: SearchOptions(limit: 20, snippets: false))
            let b = try large.searcher().search(query, options: SearchOptions(limit: 20, snippets: false))
            #expect(a.hits.map(\.article.id) == b.hits.map(\.article.id), "\(query)")
            #expect(zip(a.hits, b.hits).allSatisfy { abs($0.score - $1.score) < 1e-9 }, "\(query)")
            #expect((a.total, a.allWords, a.asTyped) == (b.total, b.allWords, b.asTyped), "\(query)")
        }
    }
}
