import Foundation
import Testing

@testable import VietSearchCore

/// What a failed, interrupted or misdirected `index` leaves: never the user's files harmed,
/// never a disk left full of a failed run's segments, and a recovery that works.
@Suite(.serialized) struct WriterFailureTests {
    private func sample(_ scratch: Scratch) {
        scratch.write("a.txt", "Sinh hoạt chi bộ\n\nNội dung sinh hoạt chi bộ tháng năm.")
        scratch.write("b.txt", "Kết luận 21\n\nHọc tập Kết luận số 21-KL/TW.")
    }

    private func names(_ folder: String) -> Set<String> { Set(FileIO.list(folder)) }

    /// Files that merely have an index file's name are the user's: refused, left alone.
    @Test func userFilesNamedLikeIndexFilesAreLeftAlone() throws {
        let scratch = Scratch()
        sample(scratch)
        try FileManager.default.createDirectory(atPath: scratch.indexFolder, withIntermediateDirectories: true)
        let mine = ["s1.terms", "m1.manifest", "COMMIT.tmp", "s7.3.del"]
        for name in mine {
            try Data("notes \(name)".utf8).write(to: URL(fileURLWithPath: scratch.indexFolder + "/" + name))
        }
        #expect {
            try scratch.index()
        } throws: { error in
            "\(error)".contains("not a VietSearch index")
        }
        for name in mine {
            #expect(try String(contentsOfFile: scratch.indexFolder + "/" + name, encoding: .utf8) == "notes \(name)")
        }
        #expect(names(scratch.indexFolder) == Set(mine))
    }

    /// A first run that fails in an existing empty folder leaves it empty.
    @Test func aFailedFirstRunLeavesAnEmptyFolderEmpty() throws {
        let scratch = Scratch()
        scratch.write("bad.jsonl", "{not json\n{\"also\": \"no text\"}\n")
        try FileManager.default.createDirectory(atPath: scratch.indexFolder, withIntermediateDirectories: true)
        #expect(throws: (any Error).self) { try scratch.index() }
        #expect(names(scratch.indexFolder).isEmpty)
    }

    /// A full disk: the run fails with the reason, removes what it wrote, and the next run
    /// (with room again) succeeds; the last commit stays searchable throughout.
    @Test func aFullDiskFailsCleanlyAndTheNextRunSucceeds() throws {
        let scratch = Scratch()
        sample(scratch)
        try scratch.index()
        let before = names(scratch.indexFolder)
        scratch.write("c.txt", "Giao thông\n\nAn toàn giao thông.")
        let folder = scratch.indexFolder
        FileIO.injectedFailure = { operation, path in
            operation == "write" && path.hasPrefix(folder) && path.hasSuffix(".store") ? ENOSPC : nil
        }
        defer { FileIO.injectedFailure = nil }
        #expect {
            try scratch.index()
        } throws: { error in
            "\(error)".contains("No space left on device")
        }
        #expect(names(folder) == before)
        #expect(try scratch.ids("giao thông").isEmpty)
        FileIO.injectedFailure = nil
        try scratch.index()
        #expect(try scratch.ids("giao thông") == ["c.txt"])
        #expect(try IndexInspector.check(folder: folder).isEmpty)
    }

    /// An I/O error syncing the folder after the commit fails the run, and keeps the new
    /// commit's files (the commit is in place).
    @Test func aFailedFolderSyncFailsTheCommitButKeepsItsFiles() throws {
        let scratch = Scratch()
        sample(scratch)
        let folder = scratch.indexFolder
        FileIO.injectedFailure = { operation, path in operation == "fsync folder" && path == folder ? EIO : nil }
        defer { FileIO.injectedFailure = nil }
        #expect {
            try scratch.index()
        } throws: { error in
            "\(error)".contains("syncing the folder failed")
        }
        FileIO.injectedFailure = nil
        #expect(try IndexInspector.check(folder: folder).isEmpty)
        #expect(try scratch.ids("chi bộ") == ["a.txt"])
    }

    /// A damaged COMMIT: the advised `index --rebuild` works, and says what it did.
    @Test func rebuildRecoversFromADamagedCommit() throws {
        let scratch = Scratch()
        sample(scratch)
        try scratch.index()
        let commit = scratch.indexFolder + "/" + Commit.fileName
        var bytes = [UInt8](FileManager.default.contents(atPath: commit)!)
        bytes[bytes.count / 2] ^= 0x55
        try Data(bytes).write(to: URL(fileURLWithPath: commit))
        #expect(throws: CorruptIndexError.self) { try scratch.index() }
        let summary = try FolderSync(folder: scratch.indexFolder).update(paths: [scratch.articles], rebuild: true)
        #expect(summary.problems.contains { $0.message.contains("moved to") && $0.message.contains("COMMIT.damaged") })
        #expect(try scratch.ids("chi bộ") == ["a.txt"])
        #expect(try IndexInspector.check(folder: scratch.indexFolder).isEmpty)
        #expect(try IndexInspector.leftovers(folder: scratch.indexFolder).files.isEmpty)
    }

    /// What a killed run leaves is named by `leftovers` (and `check`), and removed by the
    /// next run.
    @Test func leftoversOfAKilledRunAreReportedAndRemoved() throws {
        let scratch = Scratch()
        sample(scratch)
        try scratch.index()
        let folder = scratch.indexFolder
        let terms = try #require(scratch.files(withExtension: "terms").first)
        try FileManager.default.copyItem(atPath: terms, toPath: folder + "/s99.terms")
        #expect(try IndexInspector.leftovers(folder: folder).files == ["s99.terms"])
        scratch.write("c.txt", "Giao thông\n\nAn toàn giao thông.")
        try scratch.index()
        #expect(try IndexInspector.leftovers(folder: folder).files.isEmpty)
        #expect(!FileIO.exists(folder + "/s99.terms"))
    }
}

/// Symbolic links: followed inside the folders given, reported and skipped outside them
/// (unless asked), and known by the link, so that removing the link removes the article.
@Suite struct SymbolicLinkTests {
    @Test func linksOutsideAreSkippedUnlessAskedAndRemovingALinkRemovesItsArticle() throws {
        let scratch = Scratch()
        scratch.write("a.txt", "Sinh hoạt chi bộ\n\nNội dung sinh hoạt chi bộ.")
        scratch.write("inner/b.txt", "Giao thông\n\nAn toàn giao thông.")
        let outside = scratch.root + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data("Kết luận 21\n\nHọc tập Kết luận 21.".utf8).write(to: URL(fileURLWithPath: outside + "/c.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: scratch.articles + "/link-inside.txt", withDestinationPath: scratch.articles + "/inner/b.txt")
        try FileManager.default.createSymbolicLink(
            atPath: scratch.articles + "/link-outside.txt", withDestinationPath: outside + "/c.txt")
        let summary = try scratch.index()
        #expect(summary.problems.contains { $0.file.hasSuffix("link-outside.txt") && $0.message.contains("skipped") })
        #expect(try scratch.ids("kết luận").isEmpty)
        // The inside link leads to a file indexed already: one article.
        #expect(try scratch.ids("giao thông").count == 1)

        let followed = try scratch.index { $0.followsLinksOutside = true }
        #expect(followed.problems.contains { $0.message.contains("followed a link") })
        #expect(try scratch.ids("kết luận").count == 1)
        try FileManager.default.removeItem(atPath: scratch.articles + "/link-outside.txt")
        let removed = try scratch.index { $0.followsLinksOutside = true }
        #expect(removed.removed == 1)
        #expect(try scratch.ids("kết luận").isEmpty)
    }

    @Test func aNameThatIsNotUTF8IsReported() throws {
        let scratch = Scratch()
        scratch.write("a.txt", "Sinh hoạt chi bộ\n\nNội dung sinh hoạt chi bộ.")
        // `bad-<0xFF>.txt`: a byte that is never UTF-8.
        let raw: [UInt8] = Array((scratch.articles + "/bad-").utf8) + [0xFF] + Array(".txt".utf8) + [0]
        let fd = raw.withUnsafeBufferPointer {
            open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644)
        }
        #expect(fd >= 0)
        close(fd)
        let summary = try scratch.index()
        #expect(summary.problems.contains { $0.message.contains("not UTF-8") })
    }
}
