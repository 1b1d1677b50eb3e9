import Foundation
import Testing

@testable import VietSearchCore

/// Archives on several drives: each folder given to `index` is a root of the manifest
/// (`Manifest.Root`); a root missing later keeps its articles unless pruned, and two roots
/// of the same layout give different ids.
@Suite struct RootsTests {
    let scratch = Scratch()
    var first: String { scratch.articles + "/disk1/Corpus" }
    var second: String { scratch.articles + "/disk2/Corpus" }

    init() {
        scratch.write("disk1/Corpus/tin.txt", "Lũ ở Quảng Bình\n\nNước lũ dâng cao ở Quảng Bình.")
        scratch.write("disk2/Corpus/tin.txt", "Lũ ở Quảng Trị\n\nNước lũ dâng cao ở Quảng Trị.")
        scratch.write("disk2/Corpus/khac.txt", "Hạn hán ở Ninh Thuận\n\nNắng hạn kéo dài.")
    }

    func index(_ paths: [String], prune: Bool = false) throws -> IndexSummary {
        try FolderSync(folder: scratch.indexFolder).update(paths: paths, prune: prune)
    }

    func hits(_ query: String) throws -> [Article] {
        try scratch.searcher().search(query, options: SearchOptions(limit: 10, snippets: false, allWords: true)).hits
            .map(\.article)
    }

    @Test func twoFoldersOfTheSameLayoutGiveDifferentIds() throws {
        let summary = try index([first, second])
        #expect(!summary.problems.contains { $0.message.contains("results cannot tell them apart") })
        let found = try hits("lũ dâng cao")
        #expect(Set(found.map(\.id)) == ["tin.txt", "Corpus/tin.txt"])
        #expect(Set(found.compactMap(\.folder)) == [first, second].map { FolderSync.absolute($0) }.asSet)
        #expect(found.allSatisfy { $0.source == "tin.txt" && $0.sourceName == "Corpus" })
        let reader = try IndexReader(folder: scratch.indexFolder)
        #expect(try reader.article(id: "Corpus/tin.txt")?.title == "Lũ ở Quảng Trị")

        // A root's label never changes: a third folder named alike gets a longer one.
        scratch.write("disk3/Corpus/tin.txt", "Lũ ở Huế\n\nNước lũ dâng cao ở Huế.")
        try index([first, second, scratch.articles + "/disk3/Corpus"])
        #expect(
            Set(try hits("lũ dâng cao").map(\.id)) == ["tin.txt", "Corpus/tin.txt", "disk3/Corpus/tin.txt"])
    }

    @Test func aMissingFolderKeepsItsArticlesUntilPruned() throws {
        try index([first, second])
        let unmounted = scratch.root + "/elsewhere"
        try FileManager.default.moveItem(atPath: scratch.articles + "/disk2", toPath: unmounted)

        // The same command with the disk unmounted: a warning, every article kept.
        let again = try index([first, second])
        #expect(again.removed == 0)
        let warning = try #require(again.problems.first { $0.file == FolderSync.absolute(second) })
        #expect(warning.message.contains("missing (an unmounted disk?): its 2 articles are kept"))
        #expect(try hits("Quảng Trị").map(\.id) == ["Corpus/tin.txt"])

        // Indexing only the other folder keeps them too.
        let other = try index([first])
        #expect(other.removed == 0)
        #expect(try hits("Ninh Thuận").map(\.id) == ["Corpus/khac.txt"])

        // A merge keeps what the manifest knows of the folders.
        _ = try IndexWriter(folder: scratch.indexFolder).optimize()
        #expect(try index([first]).removed == 0)
        #expect(try hits("Ninh Thuận").map(\.id) == ["Corpus/khac.txt"])

        // --prune removes them, and says so.
        let pruned = try index([first], prune: true)
        #expect(pruned.removed == 2)
        #expect(pruned.problems.contains { $0.message.contains("its 2 articles were removed (--prune)") })
        #expect(try hits("Quảng Trị").isEmpty)
        #expect(try hits("Quảng Bình").map(\.id) == ["tin.txt"])
    }

    @Test func aMissingPathNeverIndexedIsAnError() throws {
        try index([first])
        #expect(throws: IndexError.self) { try index([first, scratch.articles + "/disk9"]) }
    }

    @Test func aFileDeletedFromAMountedFolderIsRemoved() throws {
        try index([first, second])
        try FileManager.default.removeItem(atPath: second + "/khac.txt")
        let summary = try index([first])
        #expect(summary.removed == 1)
        #expect(try hits("Ninh Thuận").isEmpty)
    }
}

extension Array where Element: Hashable {
    fileprivate var asSet: Set<Element> { Set(self) }
}
