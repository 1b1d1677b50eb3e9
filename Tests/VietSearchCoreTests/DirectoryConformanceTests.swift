import Foundation
import Testing

@testable import VietSearchCore

/// The directories an index can live in, each made fresh for one test.
enum DirectoryKind: String, CaseIterable, CustomTestStringConvertible {
    case fileSystem
    case memory

    var testDescription: String { rawValue }

    /// A new empty directory, and what keeps it alive (the scratch folder of a file-system
    /// one, removed when released).
    func make() throws -> (directory: any Directory, keepAlive: AnyObject) {
        switch self {
        case .fileSystem:
            let scratch = Scratch()
            let directory = FileSystemDirectory(folder: scratch.root + "/index")
            try directory.create()
            return (directory, scratch)
        case .memory:
            let directory = MemoryDirectory()
            return (directory, directory)
        }
    }
}

/// One suite every `Directory` must pass, run on each (as Tantivy's `directory/tests.rs` and
/// swift-configuration's provider compatibility test are): what the writer and the readers
/// rely on, from whole-file reads to the lock and the commit point.
@Suite struct DirectoryConformanceTests {
    private let bytes: [UInt8] = Array(0..<200).map { UInt8($0 * 7 % 256) }

    @Test(arguments: DirectoryKind.allCases)
    func aWrittenFileReadsBackWholeByRangeAndMapped(kind: DirectoryKind) throws {
        let (directory, keepAlive) = try kind.make()
        defer { withExtendedLifetime(keepAlive) {} }
        #expect(!directory.exists("s1.terms"))
        try directory.write(bytes, to: "s1.terms")
        #expect(directory.exists("s1.terms"))
        #expect(directory.size(of: "s1.terms") == bytes.count)
        #expect(try directory.read("s1.terms") == bytes)
        #expect(try directory.read("s1.terms", range: 10..<20) == Array(bytes[10..<20]))
        // A range past the end gives the bytes there are.
        #expect(try directory.read("s1.terms", range: 190..<260) == Array(bytes[190...]))
        let mapped = try directory.map("s1.terms")
        #expect(Array(mapped.bytes) == bytes)
        #expect(mapped.path == directory.path(of: "s1.terms"))
        try directory.write([], to: "empty")
        #expect(try directory.map("empty").bytes.isEmpty)
        #expect(try directory.read("empty").isEmpty)
    }

    @Test(arguments: DirectoryKind.allCases)
    func aMissingFileIsAnIOErrorNamingIt(kind: DirectoryKind) throws {
        let (directory, keepAlive) = try kind.make()
        defer { withExtendedLifetime(keepAlive) {} }
        for read in [{ _ = try directory.read("s9.post") }, { _ = try directory.map("s9.post") }] {
            #expect {
                try read()
            } throws: { error in
                guard case IndexError.io(let path, _) = error else { return false }
                return path == directory.path(of: "s9.post")
            }
        }
        #expect(directory.size(of: "s9.post") == 0)
    }

    @Test(arguments: DirectoryKind.allCases)
    func listingDeletingAndRenaming(kind: DirectoryKind) throws {
        let (directory, keepAlive) = try kind.make()
        defer { withExtendedLifetime(keepAlive) {} }
        #expect(directory.list().isEmpty)
        for name in ["s2.terms", "COMMIT", "m1.manifest", "s10.post"] { try directory.write([1], to: name) }
        #expect(directory.list() == ["COMMIT", "m1.manifest", "s10.post", "s2.terms"])
        // A mapped file stays readable after it is deleted, as the readers need.
        try directory.write(bytes, to: "s3.pos")
        let mapped = try directory.map("s3.pos")
        directory.delete("s3.pos")
        directory.delete("never-there")
        #expect(!directory.exists("s3.pos"))
        #expect(Array(mapped.bytes) == bytes)
        try directory.rename("COMMIT", to: "COMMIT.damaged")
        #expect(!directory.exists("COMMIT"))
        #expect(try directory.read("COMMIT.damaged") == [1])
        #expect(directory.list() == ["COMMIT.damaged", "m1.manifest", "s10.post", "s2.terms"])
    }

    @Test(arguments: DirectoryKind.allCases)
    func anAtomicWriteReplacesWholeOrNotAtAll(kind: DirectoryKind) throws {
        let (directory, keepAlive) = try kind.make()
        defer { withExtendedLifetime(keepAlive) {} }
        try directory.atomicWrite(Array("first".utf8), to: "COMMIT", beforeRename: {})
        let reader = try directory.map("COMMIT")
        try directory.atomicWrite(Array("second".utf8), to: "COMMIT", beforeRename: {})
        #expect(try directory.read("COMMIT") == Array("second".utf8))
        #expect(!directory.exists("COMMIT.tmp"))
        // A reader that mapped the old file still sees it whole.
        #expect(Array(reader.bytes) == Array("first".utf8))
        struct Crash: Error {}
        #expect(throws: Crash.self) {
            try directory.atomicWrite(Array("third".utf8), to: "COMMIT", beforeRename: { throw Crash() })
        }
        #expect(try directory.read("COMMIT") == Array("second".utf8))
    }

    @Test(arguments: DirectoryKind.allCases)
    func theLockIsExclusiveUntilReleased(kind: DirectoryKind) throws {
        let (directory, keepAlive) = try kind.make()
        defer { withExtendedLifetime(keepAlive) {} }
        var held: AnyObject? = try directory.lock()
        #expect {
            _ = try directory.lock()
        } throws: { error in
            guard case IndexError.locked = error else { return false }
            return true
        }
        // A writer is refused while another holds the lock.
        #expect(throws: IndexError.self) { _ = try IndexWriter(directory: directory) }
        withExtendedLifetime(held) {}
        held = nil
        let again = try directory.lock()
        withExtendedLifetime(again) {}
    }

    @Test(arguments: DirectoryKind.allCases)
    func theCommitPointIsReplacedAtomically(kind: DirectoryKind) throws {
        let (directory, keepAlive) = try kind.make()
        defer { withExtendedLifetime(keepAlive) {} }
        #expect(try Commit.read(from: directory) == nil)
        let first = Commit(analyzerVersion: 1, generation: 1, nextSegment: 1, segments: [])
        try first.write(to: directory)
        #expect(try Commit.read(from: directory) == first)
        var second = first
        second.generation = 2
        try second.write(to: directory)
        #expect(try Commit.read(from: directory) == second)
        struct Crash: Error {}
        var third = second
        third.generation = 3
        #expect(throws: Crash.self) { try third.write(to: directory, beforeRename: { throw Crash() }) }
        #expect(try Commit.read(from: directory) == second)
        // A damaged commit point is reported, not taken for none.
        let framed = try directory.read(Commit.fileName)
        try directory.atomicWrite(Array(framed.dropLast(3)), to: Commit.fileName, beforeRename: {})
        #expect(throws: CorruptIndexError.self) { try Commit.read(from: directory) }
    }

    @Test(arguments: DirectoryKind.allCases)
    func anIndexWrittenThroughTheDirectoryIsSearchableAndSound(kind: DirectoryKind) throws {
        let (directory, keepAlive) = try kind.make()
        defer { withExtendedLifetime(keepAlive) {} }
        do {
            let writer = try IndexWriter(directory: directory)
            for article in try sampleArticles() { try writer.add(article) }
            try writer.commit()
        }
        let reader = try IndexReader(directory: directory)
        #expect(reader.documentCount == 5)
        #expect(try IndexInspector.check(directory).isEmpty)
        #expect(try IndexInspector.leftovers(in: directory).files.isEmpty)
        let hits = try Searcher(reader: reader, analyzer: try .init()).search(
            "kỷ", options: SearchOptions(limit: 10, snippets: false)
        ).hits
        #expect(hits.first?.article.id == "thu-duc-ket-luan-21.txt")
    }
}
