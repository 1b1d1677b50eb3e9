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
        func build(_ budget: Int) throws -> Scratch {
            let scratch = Scratch()
            try scratch.writeSampleCorpus()
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

    /// The same files give the same segments, in the same order, run after run: the work
    /// is cut into batches by file order, not taken by whichever thread is free.
    @Test func theSameFilesGiveTheSameSegmentsEveryRun() throws {
        func layout() throws -> [[String]] {
            let scratch = Scratch()
            for i in 0..<40 {
                scratch.write(
                    "tin-\(i).txt", "Tin \(i)\n\n" + String(repeating: "Sinh hoạt chi bộ \(i). ", count: 1 + i % 9))
            }
            try scratch.index {
                $0.segmentBudget = 1_500
                $0.mergesAfterCommit = false
            }
            let reader = try IndexReader(folder: scratch.indexFolder)
            return try reader.segments.map { segment in
                try (0..<segment.docCount).map { try segment.store.article($0, withBody: false).id }
            }
        }
        let first = try layout()
        #expect(first.count >= 4)
        // In file order: each segment's articles follow the previous segment's.
        #expect(first.flatMap { $0 } == (0..<40).map { "tin-\($0).txt" }.sorted())
        for _ in 0..<4 { #expect(try layout() == first) }
    }

    @Test func batchesCutTheWorkInOrderIntoEqualShares() {
        #expect(FolderSync.batches(sizes: [10, 10, 10, 10], count: 2) == [0..<2, 2..<4])
        #expect(FolderSync.batches(sizes: [30, 1, 1, 1, 1], count: 2) == [0..<1, 1..<5])
        #expect(FolderSync.batches(sizes: [1, 1, 1], count: 5) == [0..<1, 1..<2, 2..<3])
        #expect(FolderSync.batches(sizes: [5], count: 2) == [0..<1])
        #expect(FolderSync.batches(sizes: [], count: 2).isEmpty)
        let many = FolderSync.batches(sizes: Array(repeating: 7, count: 100), count: 9)
        #expect(many.count == 9 && many.first?.lowerBound == 0 && many.last?.upperBound == 100)
        #expect(zip(many, many.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
    }

    /// A search that does not count looks only at the articles that may hold the query as
    /// typed once enough surely do, across segments together: here each segment holds
    /// fewer than the limit, and articles holding the words apart score higher on BM25.
    @Test func aSearchThatDoesNotCountFindsWhatCountingFinds() throws {
        let lines = (0..<60).map { i in
            i % 3 == 0
                ? (id: "r\(i)", title: "Tin \(i)", text: "Sinh hoạt chi bộ \(i) tại xã.")
                : (id: "r\(i)", title: "chi bộ sinh hoạt \(i)", text: "Chi bộ họp. Sinh hoạt. Chi bộ họp. Sinh hoạt.")
        }
        func build(_ budget: Int) throws -> Scratch {
            let scratch = Scratch()
            scratch.writeJSONL("tin.jsonl", lines)
            try scratch.index {
                $0.segmentBudget = budget
                $0.chunkBytes = 500
                $0.mergesAfterCommit = false
            }
            return scratch
        }
        let small = try build(600)
        #expect(try Commit.read(folder: small.indexFolder)!.segments.count >= 4)
        let large = try build(1 << 30)
        for query in ["sinh hoạt chi bộ", "sinh hoat chi bo", "chi bộ sinh hoạt"] {
            for limit in [1, 5, 10, 25] {
                let counted = try large.searcher().search(query, options: SearchOptions(limit: limit, snippets: false))
                let quick = try small.searcher().search(
                    query, options: SearchOptions(limit: limit, snippets: false, countsMatches: false))
                #expect(quick.hits.map(\.article.id) == counted.hits.map(\.article.id), "\(query) \(limit)")
                #expect(zip(quick.hits, counted.hits).allSatisfy { abs($0.score - $1.score) < 1e-9 }, "\(query)")
            }
        }
        // The articles holding it as typed come first.
        let first = try small.searcher().search(
            "sinh hoạt chi bộ", options: SearchOptions(limit: 20, snippets: false, countsMatches: false))
        #expect(first.hits.prefix(20).allSatisfy { Int($0.article.id.dropFirst())! % 3 == 0 })
    }
}

/// `optimize` merges the segments and purges deleted documents, keeping what searches find;
/// interrupted, it leaves the index as it was.
@Suite struct OptimizeTests {
    private func archive() throws -> Scratch {
        let scratch = Scratch()
        let lines = (0..<120).map { i in
            (id: "r\(i)", title: "Tin \(i)", text: "Sinh hoạt chi bộ \(i), giao thông ở Hà Nội, Kết luận 21-KL/TW.")
        }
        scratch.writeJSONL("tin.jsonl", lines)
        scratch.write("a.txt", "Bài riêng\n\nSinh hoạt chi bộ ở Bến Tre.")
        try scratch.index {
            $0.segmentBudget = 2_000
            $0.chunkBytes = 1_000
            $0.mergesAfterCommit = false
        }
        // Half the records gone: their documents are deleted, not yet purged.
        scratch.writeJSONL("tin.jsonl", lines.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
        try scratch.index {
            $0.segmentBudget = 2_000
            $0.chunkBytes = 1_000
            $0.mergesAfterCommit = false
        }
        return scratch
    }

    private func answers(_ scratch: Scratch) throws -> [Set<String>] {
        try ["chi bộ", "giao thong", "Bến Tre", "r7"].map { Set(try scratch.ids($0, limit: 500)) }
    }

    @Test func optimizeLeavesOneSegmentWithoutDeletionsAndTheSameAnswers() throws {
        let scratch = try archive()
        let before = try Commit.read(folder: scratch.indexFolder)!
        #expect(before.segments.count > 1 && before.segments.contains { $0.deletedCount > 0 })
        let answers = try answers(scratch)
        let cited = try IndexReader(folder: scratch.indexFolder).directiveCounts().map(\.articles)
        let summary = try IndexWriter(folder: scratch.indexFolder).optimize()
        #expect(summary.purged == 60 && summary.documents == 61 && summary.segmentsAfter == 1)
        let after = try Commit.read(folder: scratch.indexFolder)!
        #expect(after.segments.count == 1 && after.segments.allSatisfy { $0.deletedCount == 0 && $0.deletes == nil })
        #expect(try self.answers(scratch) == answers)
        #expect(try IndexReader(folder: scratch.indexFolder).directiveCounts().map(\.articles) == cited)
        #expect(try IndexInspector.check(folder: scratch.indexFolder).isEmpty)
        #expect(try IndexInspector.leftovers(folder: scratch.indexFolder).files.isEmpty)
        // The manifest follows the documents: editing a line afterwards updates one article.
        var lines = (0..<120).filter { $0 % 2 == 0 }.map { i in
            (id: "r\(i)", title: "Tin \(i)", text: "Sinh hoạt chi bộ \(i), giao thông ở Hà Nội, Kết luận 21-KL/TW.")
        }
        lines[0].text = "Bản sửa về an toàn thực phẩm."
        scratch.writeJSONL("tin.jsonl", lines)
        let next = try scratch.index()
        #expect(next.documents == 1 && next.totalDocuments == 61)
        #expect(try scratch.ids("an toàn thực phẩm") == ["r0"])
    }

    @Test func anInterruptedOptimizeLeavesTheIndexAsItWas() throws {
        let scratch = try archive()
        let before = try Commit.read(folder: scratch.indexFolder)!
        let answers = try answers(scratch)
        let writer = try IndexWriter(folder: scratch.indexFolder)
        struct Interrupted: Error {}
        writer.beforeCommitRename = { throw Interrupted() }
        #expect(throws: Interrupted.self) { try writer.optimize() }
        #expect(try Commit.read(folder: scratch.indexFolder) == before)
        #expect(try self.answers(scratch) == answers)
        #expect(try IndexInspector.leftovers(folder: scratch.indexFolder).files.isEmpty)
    }
}

/// The merge policy after `index`: the number of segments stays bounded, merged segments
/// answer with the same hits and scores, and a segment mostly deleted is purged.
@Suite struct MergePolicyTests {
    private let lines = (0..<150).map { i in
        (id: "r\(i)", title: "Tin \(i)", text: "Sinh hoạt chi bộ \(i % 7), giao thông \(i % 5) ở Hà Nội.")
    }

    private func build(_ configure: (FolderSync) -> Void) throws -> Scratch {
        let scratch = Scratch()
        scratch.writeJSONL("tin.jsonl", lines)
        try scratch.index {
            $0.segmentBudget = 1_500
            $0.chunkBytes = 800
            configure($0)
        }
        return scratch
    }

    @Test func segmentsStayBoundedAndMergedOnesAnswerAlike() throws {
        let merged = try build {
            $0.maxSegments = 4
            $0.mergeBudget = 1 << 30
        }
        let many = try build { $0.mergesAfterCommit = false }
        #expect(try Commit.read(folder: many.indexFolder)!.segments.count > 4)
        #expect(try Commit.read(folder: merged.indexFolder)!.segments.count <= 4)
        for query in ["chi bộ 3", "giao thong 4", "Hà Nội", "r17"] {
            let a = try merged.searcher().search(query, options: SearchOptions(limit: 200, snippets: false))
            let b = try many.searcher().search(query, options: SearchOptions(limit: 200, snippets: false))
            #expect(a.hits.map(\.article.id) == b.hits.map(\.article.id), "\(query)")
            #expect(zip(a.hits, b.hits).allSatisfy { abs($0.score - $1.score) < 1e-9 }, "\(query)")
        }
    }

    @Test func aSegmentMostlyDeletedIsPurged() throws {
        let scratch = try build { $0.maxSegments = 1000 }
        scratch.writeJSONL("tin.jsonl", Array(lines.prefix(20)))
        let summary = try scratch.index { $0.maxSegments = 1000 }
        #expect(summary.totalDocuments == 20)
        let commit = try Commit.read(folder: scratch.indexFolder)!
        #expect(commit.segments.allSatisfy { $0.deletedCount * 2 <= $0.docs })
        #expect(Set(try scratch.ids("Hà Nội", limit: 500)) == Set((0..<20).map { "r\($0)" }))
        #expect(try IndexInspector.check(folder: scratch.indexFolder).isEmpty)
    }
}
