import Foundation
import Synchronization
import Testing
import VietAnalysis

@testable import VietSearchCore

/// Indexes built in a `MemoryDirectory` through `IndexWriter.add`/`delete`/`commit`, with
/// as many segments as a test chooses: scores do not depend on how the documents are split
/// into segments (BM25's statistics are index-wide), and a writer killed during a merge
/// leaves the last commit searchable.
@Suite struct MemoryIndexTests {
    /// The sample corpus and 60 short articles sharing its vocabulary, so that terms have
    /// document frequencies that vary by segment.
    static let articles: [Article] = {
        let sentences = [
            "Ban Thường vụ Tỉnh ủy tổ chức hội nghị sơ kết công tác xây dựng Đảng ở Hà Nội.",
            "Đồng chí Bí thư Chi bộ chủ trì buổi sinh hoạt chi bộ định kỳ tháng này.",
            "Ủy ban nhân dân huyện triển khai kế hoạch bảo đảm an toàn giao thông.",
            "Hội nghị học tập Kết luận số 21-KL/TW về chỉnh đốn Đảng.",
            "Giao thông ở Hà Nội ùn tắc vào giờ cao điểm, nhất là trên đường vành đai.",
        ]
        var articles = (try? sampleArticles()) ?? []
        for i in 0..<60 {
            let body = (0..<(1 + i % 4)).map { sentences[($0 * 3 + i) % sentences.count] }.joined(separator: " ")
            articles.append(
                Article(id: "tin-\(i)", title: "Tin \(i % 9) \(sentences[i % 5].prefix(18))", body: body))
        }
        return articles
    }()

    static let queries = [
        "chi bộ", "sinh hoat chi bo", "hà nội", "giao thong", "kết luận 21", "hội nghị đảng", "\"an toàn giao thông\"",
        "kỷ",
    ]

    /// For each query, its hits' ids and scores, best first.
    static func answers(_ directory: any Directory) throws -> [[String]] {
        let searcher = Searcher(reader: try IndexReader(directory: directory), analyzer: try Analyzer())
        return try queries.map { query in
            try searcher.search(query, options: SearchOptions(limit: 100, snippets: false)).hits.map {
                "\($0.article.id) \(String(format: "%.9f", $0.score))"
            }
        }
    }

    @Test(arguments: [2, 3, 7])
    func scoresAndOrderDoNotDependOnTheNumberOfSegments(segments: Int) throws {
        let one = try memoryIndex(Self.articles, segments: 1)
        let many = try memoryIndex(Self.articles, segments: segments)
        #expect(try Commit.read(from: one)!.segments.count == 1)
        #expect(try Commit.read(from: many)!.segments.count == segments)
        let expected = try Self.answers(one)
        #expect(expected.allSatisfy { !$0.isEmpty })
        #expect(try Self.answers(many) == expected)
        #expect(try IndexInspector.check(many).isEmpty)
    }

    /// Deleted articles are gone from the results at the next commit, not before; after
    /// `optimize` the index answers as one built without them.
    @Test func deletedArticlesGoAtTheCommitAndOptimizeMakesThemAsIfNeverAdded() throws {
        let directory = try memoryIndex(Self.articles, segments: 3)
        let gone: Set = ["tin-3", "tin-8", "ben-tre-sinh-hoat-chi-bo.txt"]
        let before = try Self.answers(directory)
        do {
            let writer = try IndexWriter(directory: directory)
            for id in gone { #expect(try writer.delete(id: id) == 1) }
            #expect(try Self.answers(directory) == before)
            try writer.commit()
            let ids = try Self.answers(directory).joined().map { String($0.split(separator: " ")[0]) }
            #expect(gone.isDisjoint(with: ids))
            _ = try writer.optimize()
        }
        #expect(try Commit.read(from: directory)!.segments.count == 1)
        let without = try memoryIndex(Self.articles.filter { !gone.contains($0.id) }, segments: 1)
        #expect(try Self.answers(directory) == Self.answers(without))
        #expect(try IndexInspector.check(directory).isEmpty)
        #expect(try IndexInspector.leftovers(in: directory).files.isEmpty)
    }

    /// `FolderSync` drives a writer over any directory: folders indexed into memory answer
    /// as the same folders indexed on disk, and a second run finds nothing to do.
    @Test func folderSyncIntoMemoryAnswersAsOnDisk() throws {
        let scratch = Scratch()
        try scratch.writeSampleCorpus()
        scratch.writeJSONL("tin.jsonl", Self.articles.suffix(60).map { ($0.id, $0.title, $0.body) })
        try scratch.index()
        let memory = MemoryDirectory()
        let summary = try FolderSync(directory: memory).update(paths: [scratch.articles])
        #expect(summary.totalDocuments == 65)
        #expect(try Self.answers(memory) == Self.answers(FileSystemDirectory(folder: scratch.indexFolder)))
        let again = try FolderSync(directory: memory).update(paths: [scratch.articles])
        #expect((again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 6))
        #expect(try IndexInspector.check(memory).isEmpty)
    }

    /// A reader that opens the index while a writer commits and removes the old commit's
    /// files opens the new commit instead of failing.
    @Test func aReaderOpeningDuringACommitOpensTheNewOne() throws {
        let directory = try memoryIndex(Self.articles, segments: 3)
        let racing = RacingDirectory(directory) {
            let writer = try IndexWriter(directory: directory)
            try writer.delete(id: "tin-0")
            _ = try writer.optimize()
        }
        let reader = try IndexReader(directory: racing)
        #expect(reader.documentCount == Self.articles.count - 1)
        #expect(reader.segments.count == 1)
    }

    /// A writer killed at any moment of a merge (its directory stops after a given number
    /// of bytes, leaving the file it was writing torn, and nothing of it is cleaned up)
    /// leaves the last commit searchable with the same results; the next writer completes
    /// the merge and removes what the killed one left.
    @Test func aKillDuringAMergeLeavesTheLastCommitSearchable() throws {
        let expected = try Self.answers(try memoryIndex(Self.articles, segments: 4))
        // How many bytes a whole merge writes.
        let measured = try memoryIndex(Self.articles, segments: 4)
        let counter = DyingDirectory(measured, bytesBeforeDeath: .max)
        do { _ = try IndexWriter(directory: counter).optimize() }
        let total = counter.bytesWritten
        #expect(total > 0)
        var killedBeforeTheCommit = 0
        for fraction in [0.0, 0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 0.999] {
            let directory = try memoryIndex(Self.articles, segments: 4)
            let before = try Commit.read(from: directory)
            let dying = DyingDirectory(directory, bytesBeforeDeath: Int(Double(total) * fraction))
            #expect(throws: DyingDirectory.Killed.self) { _ = try IndexWriter(directory: dying).optimize() }
            if try Commit.read(from: directory) == before { killedBeforeTheCommit += 1 }
            #expect(try Self.answers(directory) == expected, "killed after \(fraction) of the merge")
            #expect(try IndexInspector.check(directory).isEmpty)
            // The next writer merges and cleans up.
            do { _ = try IndexWriter(directory: directory).optimize() }
            #expect(try Self.answers(directory) == expected)
            #expect(try IndexInspector.leftovers(in: directory).files.isEmpty)
            #expect(!directory.list().contains { $0.hasSuffix(".tmp") })
        }
        #expect(killedBeforeTheCommit == 8)
    }
}

/// A directory that passes every call on to a `MemoryDirectory`: what the test
/// directories below change is what they override.
class ForwardingDirectory: Directory, @unchecked Sendable {
    let inner: MemoryDirectory

    init(_ inner: MemoryDirectory) { self.inner = inner }

    var location: String { inner.location }
    func list() -> [String] { inner.list() }
    func exists(_ name: String) -> Bool { inner.exists(name) }
    func size(of name: String) -> Int { inner.size(of: name) }
    func read(_ name: String) throws -> [UInt8] { try inner.read(name) }
    func read(_ name: String, range: Range<Int>) throws -> [UInt8] { try inner.read(name, range: range) }
    func map(_ name: String) throws -> ReadOnlyFile { try inner.map(name) }
    func write(_ bytes: [UInt8], to name: String) throws { try inner.write(bytes, to: name) }

    func atomicWrite(_ bytes: [UInt8], to name: String, beforeRename: () throws -> Void) throws {
        try write(bytes, to: name + ".tmp")
        try beforeRename()
        try rename(name + ".tmp", to: name)
    }

    func rename(_ name: String, to newName: String) throws { try inner.rename(name, to: newName) }
    func delete(_ name: String) { inner.delete(name) }
    func lock() throws -> AnyObject { try inner.lock() }
}

/// A directory that dies, as a killed writer does, once it has written `bytesBeforeDeath`
/// bytes: the file being written stays torn (its first bytes only), and from then on
/// nothing is written, renamed or deleted. Reads go on (a reader of another process).
final class DyingDirectory: ForwardingDirectory, @unchecked Sendable {
    struct Killed: Error {}

    private let state: Mutex<(left: Int, written: Int, dead: Bool)>

    init(_ inner: MemoryDirectory, bytesBeforeDeath: Int) {
        state = Mutex((bytesBeforeDeath, 0, false))
        super.init(inner)
    }

    var bytesWritten: Int { state.withLock { $0.written } }

    override func write(_ bytes: [UInt8], to name: String) throws {
        let allowed = state.withLock { state -> Int? in
            guard !state.dead else { return nil }
            let allowed = min(bytes.count, state.left)
            state.left -= allowed
            state.written += allowed
            if allowed < bytes.count { state.dead = true }
            return allowed
        }
        guard let allowed else { throw Killed() }
        try inner.write(Array(bytes.prefix(allowed)), to: name)
        if allowed < bytes.count { throw Killed() }
    }

    override func rename(_ name: String, to newName: String) throws {
        guard !state.withLock({ $0.dead }) else { throw Killed() }
        try inner.rename(name, to: newName)
    }

    override func delete(_ name: String) {
        guard !state.withLock({ $0.dead }) else { return }
        inner.delete(name)
    }
}

/// A directory in which another writer commits, and removes the files of the commit it
/// replaces, just as a reader starts mapping a segment (`race` runs once, at the first
/// `.terms` file mapped).
final class RacingDirectory: ForwardingDirectory, @unchecked Sendable {
    private let race: Mutex<(@Sendable () throws -> Void)?>

    init(_ inner: MemoryDirectory, race: @escaping @Sendable () throws -> Void) {
        self.race = Mutex(race)
        super.init(inner)
    }

    override func map(_ name: String) throws -> ReadOnlyFile {
        if name.hasSuffix(".terms"),
            let race = race.withLock({ state in
                defer { state = nil }; return state
            })
        {
            try race()
        }
        return try inner.map(name)
    }
}
