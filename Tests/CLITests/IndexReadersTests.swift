import Foundation
import Testing

/// What `vietsearch index` says about the files it reads and skips.
struct IndexReadersTests {
    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func fieldMapsJSONLKeysAndAnUnknownTargetIsAUsageError() throws {
        let folder = CLI.temporaryFolder()
        try Self.write(
            #"{"uid": "x1", "headline": "Đà Nẵng đón khách", "content": "Du lịch phục hồi."}"# + "\n",
            to: folder + "/a.jsonl")
        let index = folder + "/idx"
        let indexed = try CLI.run([
            "index", folder + "/a.jsonl", "--index", index, "--field", "id=uid", "--field", "title=headline", "--field",
            "text=content",
        ])
        #expect(indexed.status == 0, "\(indexed.stderr)")
        let found = try CLI.run(["search", "du lich", "--index", index])
        #expect(found.stdout.contains("Đà Nẵng đón khách"))
        let bad = try CLI.run(["index", folder + "/a.jsonl", "--index", index, "--field", "headline=title"])
        #expect(bad.status == 2)
        #expect(
            bad.stderr.contains(
                #"--field headline=title: unknown field "headline" (expected one of id, title, text, body, date, source, url)"#
            ),
            "\(bad.stderr)")
    }

    @Test func skippedFilesAreListedInTextAndJSON() throws {
        let folder = CLI.temporaryFolder()
        try Self.write("Hội nghị chi bộ\n\nNội dung.", to: folder + "/kho/bai.txt")
        try Self.write("x", to: folder + "/kho/anh.jpg")
        try Self.write("<p>Trang</p>", to: folder + "/kho/Trang_files/a.html")
        try Self.write("<title>Trang</title><p>Nội dung trang.</p>", to: folder + "/kho/Trang.htm")
        let text = try CLI.run(["index", folder + "/kho", "--index", folder + "/idx"])
        #expect(text.status == 0)
        #expect(
            text.stderr == """
                skipped 1 file: the files of a saved web page (images, scripts), next to its .html
                  \(folder)/kho/Trang_files/
                skipped 1 file: unsupported file type
                  \(folder)/kho/anh.jpg

                """)
        #expect(text.stdout.hasSuffix("2 files skipped.\n"), "\(text.stdout)")
        let json = try CLI.run(["index", folder + "/kho", "--index", folder + "/idx2", "--json"])
        let object = try #require(try CLI.json(json.stdout) as? [String: Any])
        let skipped = try #require(object["skipped"] as? [[String: String]])
        #expect(
            skipped == [
                [
                    "path": folder + "/kho/Trang_files/",
                    "reason": "the files of a saved web page (images, scripts), next to its .html",
                ],
                ["path": folder + "/kho/anh.jpg", "reason": "unsupported file type"],
            ])
    }

    @Test func withoutPdftotextPDFsAreSkippedSaidSoAndReadOnceItIsThere() throws {
        let folder = CLI.temporaryFolder()
        try Self.write("Hội nghị chi bộ\n\nNội dung.", to: folder + "/kho/bai.txt")
        try Self.write("%PDF-1.4 not really", to: folder + "/kho/bao-cao.pdf")
        let index = folder + "/idx"
        let without = try CLI.run(["index", folder + "/kho", "--index", index], environment: ["PATH": "/nonexistent"])
        #expect(without.status == 0)
        let message = "PDF skipped: pdftotext is not installed (Debian: apt-get install poppler-utils)"
        #expect(
            without.stderr == """
                warning: \(folder)/kho/bao-cao.pdf: \(message)
                skipped 1 file: \(message)

                """)
        // Not recorded as read: the next run reads it.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else { return }
        let with = try CLI.run(["index", folder + "/kho", "--index", index])
        #expect(with.stderr.contains("bao-cao.pdf: pdftotext failed (exit status 1"), "\(with.stderr)")
        #expect(with.stdout.hasPrefix("1 added, 0 updated, 0 removed, 1 unchanged files"), "\(with.stdout)")
    }
}
